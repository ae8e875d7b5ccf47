import Foundation
import TestSupport
import Testing

/// The `kubesim` executable, driven as a user drives it.
@Suite("kubesim command line")
struct CommandLineTests {
    @Test("version, --help and run --help work and exit 0")
    func help() throws {
        let version = try KubesimBinary.run(["version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("kubesim 0.1.0 (Kubernetes v1.32 algorithms)"))
        let help = try KubesimBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("run SCENARIO"))
        let runHelp = try KubesimBinary.run(["run", "--help"])
        #expect(runHelp.status == 0)
        #expect(runHelp.standardOutput.contains("--set PATH=VALUE"))
    }

    @Test("usage mistakes exit 2 with the usage")
    func usageErrors() throws {
        #expect(try KubesimBinary.run([]).status == 2)
        let unknown = try KubesimBinary.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("unknown command 'frobnicate'"))
        let option = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--sed", "4"])
        #expect(option.status == 2)
        #expect(option.standardError.contains("unknown option '--sed' for 'run'"))
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--seed", "minus-one"]).status == 2)
    }

    @Test("run writes the four output files with the contract's headers and prints a summary")
    func runWritesOutputs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("kubesim: quickstart: simulated 1h0m0s"))
        #expect(folder.files() == ["events.csv", "placements.csv", "summary.json", "timeseries.csv"])
        func firstLine(_ name: String) throws -> String {
            try String(contentsOfFile: folder.path + "/" + name, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(try firstLine("events.csv") == "time,type,reason,kind,namespace,name,node,message")
        #expect(try firstLine("timeseries.csv") == "time,metric,object,value")
        #expect(try firstLine("placements.csv") == "time,pod,node,workload,attempts,wait_seconds")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/summary.json"))) as? [String: Any]
        #expect(summary?["scenario"] as? String == "quickstart")
        #expect(summary?["seed"] as? Int == 42)
    }

    @Test("two runs of the same scenario and seed write byte-identical files (wallSeconds aside)")
    func determinism() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", first.path]).status == 0)
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", second.path]).status == 0)
        for name in ["events.csv", "timeseries.csv", "placements.csv", "summary.json"] {
            let a = try String(contentsOfFile: first.path + "/" + name, encoding: .utf8)
            let b = try String(contentsOfFile: second.path + "/" + name, encoding: .utf8)
            #expect(withoutWallSeconds(a) == withoutWallSeconds(b), "\(name) differs between runs")
        }
    }

    @Test("a different seed changes the placements")
    func seedChangesPlacements() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", first.path]).status == 0)
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--seed", "7", "--out", second.path]).status == 0)
        let a = try String(contentsOfFile: first.path + "/placements.csv", encoding: .utf8)
        let b = try String(contentsOfFile: second.path + "/placements.csv", encoding: .utf8)
        #expect(a != b)
    }

    @Test("an invalid scenario exits 1 with FILE:LINE:COL and writes nothing")
    func invalidScenario() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = try folder.write(
            "bad.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: bad}
            spec:
              duration: 1h
              cluster:
                nodePools:
                - {name: general, count: three, capacity: {cpu: "4", memory: 16Gi}}
            """)
        let out = folder.path + "/out"
        let result = try KubesimBinary.run(["run", scenario, "--out", out])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("\(scenario):8:30: error: \"count\" must be an integer, not \"three\""))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("malformed YAML exits 1 with the position of the problem")
    func malformedYAML() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = try folder.write("broken.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: [Scenario\n")
        let result = try KubesimBinary.run(["validate", scenario])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("\(scenario):2:7: error:"))
    }

    @Test("a failed expectation exits 3 after writing the outputs")
    func failedExpectation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run([
            "run", "scenarios/quickstart.yaml", "--out", folder.path,
            "--set", "spec.cluster.nodePools[general].count=2",
        ])
        #expect(result.status == 3)
        #expect(result.standardError.contains("kubesim: expectation failed: pods.pendingAtEnd == 0, actual"))
        #expect(folder.files().contains("summary.json"))
    }

    @Test("validate checks scenarios and manifest files; notes and warnings go to standard error")
    func validate() throws {
        let result = try KubesimBinary.run(["validate", "scenarios/quickstart.yaml", "scenarios/manifests/shop/frontend.yaml"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("scenarios/quickstart.yaml: ok: scenario quickstart, 9 nodes in 2 pools, 5 Deployments"))
        #expect(result.standardOutput.contains("scenarios/manifests/shop/frontend.yaml: ok: manifests, 1 Deployment, 0 ReplicaSets"))
        #expect(result.standardError.contains("note: ServiceAccount frontend does not affect capacity; ignored"))
        let missing = try KubesimBinary.run(["validate", "no-such-file.yaml"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no-such-file.yaml: no such file"))
    }

    @Test("of many alike notes (a real application's ServiceAccounts) three are printed and the rest counted, at the first left out")
    func alikeNotesCounted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Five ServiceAccounts of 4 lines each ("---" first), then a ConfigMap: a note points at
        // the kind's value (column 7), a-0's on line 2, a-3's (the first left out) on line 14.
        let accounts = (0..<5).map { "---\nkind: ServiceAccount\napiVersion: v1\nmetadata: {name: a-\($0)}" }.joined(separator: "\n")
        let path = try folder.write("accounts.yaml", accounts + "\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: c}\n")
        let result = try KubesimBinary.run(["validate", path])
        #expect(result.status == 0)
        let notes = result.standardError.split(separator: "\n").map(String.init)
        #expect(
            notes == [
                "\(path):2:7: note: ServiceAccount a-0 does not affect capacity; ignored",
                "\(path):6:7: note: ServiceAccount a-1 does not affect capacity; ignored",
                "\(path):10:7: note: ServiceAccount a-2 does not affect capacity; ignored",
                "\(path):22:7: note: ConfigMap c does not affect capacity; ignored",
                "\(path):14:7: note: 2 more ServiceAccount objects that do not affect capacity; ignored (a run lists every one in summary.json)",
            ])
    }

    @Test("manifests can come from standard input with \"-\"")
    func standardInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = try folder.write(
            "stdin.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: stdin}
            spec:
              duration: 10m
              cluster:
                nodePools:
                - {name: pool, count: 2, capacity: {cpu: "2", memory: 4Gi}}
              workloads:
              - manifests: "-"
            """)
        let manifest =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: hello}\nspec: {containers: [{name: c, image: i, resources: {requests: {cpu: 100m}}}]}\n"
        let result = try KubesimBinary.run(["run", scenario, "--quiet", "--out", folder.path + "/out"], input: manifest)
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let placements = try String(contentsOfFile: folder.path + "/out/placements.csv", encoding: .utf8)
        #expect(placements.contains("default/hello,pool-"))
    }

    @Test("explain shows every node's verdict and the scores of a placed pod, as text and as JSON")
    func explain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", folder.path]).status == 0)
        let placements = try String(contentsOfFile: folder.path + "/placements.csv", encoding: .utf8)
        let line = try #require(placements.split(separator: "\n").first { $0.contains("Deployment/shop/cache") })
        let columns = line.split(separator: ",").map(String.init)
        let (pod, node) = (columns[1], columns[2])
        let text = try KubesimBinary.run(["explain", "scenarios/quickstart.yaml", "--pod", pod])
        #expect(text.status == 0, "stderr: \(text.standardError)")
        #expect(text.standardOutput.hasPrefix("Pod \(pod), scheduling attempt at 0s: bound to \(node)"))
        #expect(text.standardOutput.contains("general-0               not feasible: node(s) didn't match Pod's node affinity/selector"))
        let json = try KubesimBinary.run(["explain", "scenarios/quickstart.yaml", "--pod", pod, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["selected"] as? String == node)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.count == 9)
        let chosen = try #require(nodes.first { $0["name"] as? String == node })
        #expect(chosen["feasible"] as? Bool == true)
        let scores = try #require(chosen["scores"] as? [String: [String: Int]])
        #expect(scores["TaintToleration"]?["weighted"] == 3 * (scores["TaintToleration"]?["normalized"] ?? -1))
        let missing = try KubesimBinary.run(["explain", "scenarios/quickstart.yaml", "--pod", "shop/nope"])
        #expect(missing.status == 1)
    }

    @Test("bench --quick --json prints the benchmark names the contract uses")
    func bench() throws {
        let result = try KubesimBinary.run(["bench", "--quick", "--json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let names = (object?["benchmarks"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(
            names == [
                "engine-events-quick", "scheduler-basic-100n-200p", "scheduler-topology-spreading-100n-200p",
                "scheduler-pod-anti-affinity-100n-50p", "scheduler-preemption-50n-50p", "day-in-the-life-quick",
                "scale-limit-quick",
            ])
        let only = try KubesimBinary.run(["bench", "--quick", "--only", "day"])
        #expect(only.standardOutput.hasPrefix("day-in-the-life-quick"))
        let unknown = try KubesimBinary.run(["bench", "--only", "warp"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no benchmark starts with \"warp\""))
        // An empty name would start every benchmark's: the whole suite, for many minutes.
        let empty = try KubesimBinary.run(["bench", "--only", ""])
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("--only needs the start of a benchmark's name"))
    }
}

/// The file's text with the `wallSeconds` line removed (the one value that is not a function of
/// scenario and seed).
func withoutWallSeconds(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"wallSeconds\"") }.joined(separator: "\n")
}
