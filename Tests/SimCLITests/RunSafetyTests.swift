import Foundation
import TestSupport
import Testing

/// `kubesim run` as a hostile world treats it: signals mid-run, an output folder it cannot
/// write, input on standard input.
@Suite("Run safety")
struct RunSafetyTests {
    @Test(
        "SIGINT and SIGTERM stop a run with 130 and 143, one line, and the previous outputs untouched",
        arguments: [(SIGINT, Int32(130), "interrupted (SIGINT)"), (SIGTERM, Int32(143), "terminated (SIGTERM)")])
    func signals(signal: Int32, status: Int32, words: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", out]).status == 0)
        let before = try folder.files(in: "out").map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        // Ten days of a diurnal scenario: far longer than the second it is given in a debug build.
        let result = try KubesimBinary.run(
            ["run", "scenarios/diurnal-hpa.yaml", "--quiet", "--out", out, "--set", "spec.duration=240h"],
            interrupt: (signal, .seconds(1)))
        #expect(result.status == status)
        #expect(result.standardError == "kubesim: \(words); the run was stopped and no output was written\n")
        let after = try folder.files(in: "out").map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        #expect(after.count == 4 && after == before, "the previous outputs changed")
        #expect(folder.files() == ["out"], "no staging folder is left")
    }

    @Test("one-character folder and file names work (Foundation's path functions trap on some)")
    func shortNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let scenario = try String(contentsOfFile: repositoryRoot + "/scenarios/quickstart.yaml", encoding: .utf8)
            .replacingOccurrences(of: "manifests/shop/", with: repositoryRoot + "/scenarios/manifests/shop/")
        _ = try folder.write("q", scenario)
        let result = try KubesimBinary.run(["run", "q", "--quiet", "--out", "m"], in: folder.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(folder.files(in: "m").contains("summary.json"))
    }

    @Test("an output folder that cannot be written exits 4 before simulating, and creates nothing")
    func unwritableOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("taken", "x")
        let result = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", file + "/out"])
        #expect(result.status == 4)
        #expect(result.standardError.hasPrefix("kubesim: error: cannot create the folder \(file) for the outputs"))
        #expect(folder.files() == ["taken"])
    }

    static let growthCases: [(name: String, spec: String, message: String)] = [
        // 2,592,001 samples × 20 rows (10 cluster, 3 pool, 7 Deployment) × 48 bytes = 2.3 GiB.
        (
            "a 1 s metrics interval for 30 days", "duration: 720h\n  metrics: {interval: 1s}\n  workloads:\n  - manifests: web.yaml",
            "error: this scenario needs an estimated 2.3 GiB of memory"
        ),
        (
            "a node failure every millisecond",
            "duration: 24h\n  workloads:\n  - manifests: web.yaml\n  faults:\n  - {type: randomNodeFailures, pool: general, mtbf: 1ms, mttr: 1ms}",
            "error: the run was stopped at"
        ),
        (
            "1,000 replicas that never fit, for 30 days", "duration: 720h\n  metrics: {interval: 1h}\n  workloads:\n  - manifests: big.yaml",
            "error: the run was stopped at"
        ),
        (
            "a scale event to 10 million replicas",
            "duration: 1h\n  workloads:\n  - manifests: web.yaml\n  events:\n  - {at: 10m, type: scale, target: Deployment/default/web, replicas: 10000000}",
            // 10^7 pods × (2,048 + 3 events × 512 + 256 for its placement) = 3.84e10 bytes = 35.8 GiB.
            "error: this scenario needs an estimated 35.8 GiB of memory (3 nodes, 10000000 pods"
        ),
    ]

    @Test("the memory guard refuses, or stops with a message, the runs that grow without bound", arguments: growthCases)
    func memoryGuard(name: String, spec: String, message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("web.yaml", ManifestText.deployment("web", replicas: 4, cpu: "500m", memory: "1Gi"))
        try folder.write("big.yaml", ManifestText.deployment("big", replicas: 1_000, cpu: "64", memory: "1Gi"))
        let scenario = try folder.write(
            "growth.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: growth}
            spec:
              cluster:
                nodePools:
                - {name: general, count: 3, capacity: {cpu: "4", memory: 16Gi}}
              \(spec)
            """)
        let result = try KubesimBinary.run(["run", scenario, "--quiet", "--out", folder.path + "/out", "--max-memory", "16Mi"])
        #expect(result.status == 1, "\(name)")
        #expect(result.standardError.contains(message), "\(name): \(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test("validate - and run - read the scenario from standard input; empty input is an error")
    func standardInputScenario() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/scenarios/quickstart.yaml", encoding: .utf8)
        let valid = try KubesimBinary.run(["validate", "-"], in: repositoryRoot + "/scenarios", input: text)
        #expect(valid.status == 0)
        #expect(valid.standardOutput.hasPrefix("-: ok: scenario quickstart, 9 nodes in 2 pools"))
        let empty = try KubesimBinary.run(["validate", "-"], input: "")
        #expect(empty.status == 1)
        #expect(empty.standardError.hasPrefix("<stdin>:1:1: error: standard input is empty"))
    }
}

/// What kubesim does not simulate is never dropped in silence.
@Suite("Nothing dropped in silence")
struct IgnoredObjectsTests {
    static let manifests = """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: canary}
        spec:
          replicas: 4
          template:
            metadata: {labels: {app: canary}}
            spec: {containers: [{name: c, image: c, resources: {requests: {cpu: 500m, memory: 1Gi}}}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        ---
        \(ManifestText.deployment("web", replicas: 1, cpu: "100m"))
        """

    static let scenario = """
        apiVersion: kubesim.io/v1alpha1
        kind: Scenario
        metadata: {name: ignored}
        spec:
          duration: 1m
          cluster:
            nodePools: [{name: general, count: 1, capacity: {cpu: "4", memory: 16Gi, pods: 110}}]
          workloads: [{manifests: all.yaml}]
        """

    @Test("an unknown kind is listed in summary.json and the printed summary, and --strict refuses it on run and validate")
    func unknownKind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("all.yaml", Self.manifests)
        let scenario = try folder.write("scenario.yaml", Self.scenario)
        let run = try KubesimBinary.run(["run", scenario, "--out", folder.path + "/out"])
        #expect(run.status == 0)
        #expect(
            run.standardOutput.contains(
                "  ignored     2 objects: Rollout/default/canary (not simulated; would run 4 pods requesting cpu 500m, memory 1Gi each); 1 that does not affect capacity (ConfigMap); summary.json lists them"
            ))
        let summary = try String(contentsOfFile: folder.path + "/out/summary.json", encoding: .utf8)
        #expect(summary.contains("\"kind\": \"Rollout\""))
        #expect(summary.contains("\"reason\": \"not simulated; would run 4 pods requesting cpu 500m, memory 1Gi each\""))
        for command in [["run", scenario, "--strict", "--out", folder.path + "/strict"], ["validate", "--strict", scenario]] {
            let refused = try KubesimBinary.run(command)
            #expect(refused.status == 1, "\(command[0]) --strict")
            #expect(
                refused.standardError.contains(
                    "all.yaml:2:7: error: Rollout canary (argoproj.io/v1alpha1) is not simulated by this version of kubesim; ignored: it would run 4 pods requesting cpu 500m, memory 1Gi each"
                ))
            #expect(!refused.standardError.contains("error: ConfigMap"), "a kind that does not affect capacity stays a note")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/strict"))
    }

    @Test("an operator's custom resource names the pods it would run from spec.replicas and spec.resources; its configuration kinds are notes")
    func operatorResources() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // kube-prometheus's Alertmanager (3 replicas of cpu 4m, memory 100Mi) and Prometheus (2 of
        // memory 400Mi; its limit-free request), a ServiceMonitor (configures scraping), and a
        // ServiceMonitor of an unknown group, which kubesim cannot vouch for.
        _ = try folder.write(
            "all.yaml",
            """
            apiVersion: monitoring.coreos.com/v1
            kind: Alertmanager
            metadata: {name: main}
            spec:
              replicas: 3
              resources: {limits: {cpu: 100m, memory: 100Mi}, requests: {cpu: 4m, memory: 100Mi}}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata: {name: k8s}
            spec:
              replicas: 2
              resources: {requests: {memory: 400Mi}}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: web}
            spec: {endpoints: [{port: http}], selector: {matchLabels: {app: web}}}
            ---
            apiVersion: example.com/v1
            kind: ServiceMonitor
            metadata: {name: other}
            ---
            \(ManifestText.deployment("web", replicas: 1, cpu: "100m"))
            """)
        let scenario = try folder.write("scenario.yaml", Self.scenario)
        let validate = try KubesimBinary.run(["validate", scenario])
        #expect(validate.status == 0)
        #expect(
            validate.standardError.contains(
                "all.yaml:2:7: warning: Alertmanager main (monitoring.coreos.com/v1) is not simulated by this version of kubesim; ignored: it would run 3 pods requesting cpu 4m, memory 100Mi each"
            ))
        #expect(validate.standardError.contains("ignored: it would run 2 pods requesting memory 400Mi each"))
        #expect(validate.standardError.contains("note: ServiceMonitor web does not affect capacity; ignored"))
        #expect(
            validate.standardError.contains("warning: ServiceMonitor other (example.com/v1) is not simulated by this version of kubesim; ignored\n"))
    }
}

/// The printed summary answers the scenario's question: faults with their recovery, rollouts,
/// each HPA's peak, the longest wait.
@Suite("Printed summary")
struct PrintedSummaryTests {
    @Test("a rollout's duration and the HPA's peak are printed; a stuck drain says so")
    func lines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rollout = try KubesimBinary.run(["run", "scenarios/rolling-update-at-peak.yaml", "--out", folder.path + "/r"])
        #expect(rollout.standardOutput.contains("  rollout     Deployment/web/storefront revision 2 at 20m0s: took 36s\n"))
        #expect(rollout.standardOutput.contains("              web/storefront: peak 19 of 4–40 replicas\n"))
        // A rolling update at peak leaves the storefront short of available replicas for a while.
        #expect(rollout.standardOutput.contains("  degraded    Deployment/web/storefront "))
        let drain = try KubesimBinary.run(["run", "scenarios/drain-blocked-by-pdb.yaml", "--out", folder.path + "/d"])
        #expect(drain.standardOutput.contains("  faults      nodeDrain general-0 at 5m0s: the node was never drained\n"))
        // Two general nodes: a frontend pod never fits, and waits the whole hour.
        let short = try KubesimBinary.run([
            "run", "scenarios/quickstart.yaml", "--set", "spec.cluster.nodePools[general].count=2", "--out", folder.path + "/q",
        ])
        #expect(short.standardOutput.contains(", longest 1h0m0s\n"))
    }

    @Test("a batch run says when its Jobs finished, which failed and why, and leaves them out of availability")
    func batch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func job(_ name: String, completions: Int, parallelism: Int, runDuration: String, failureProbability: String = "0") -> String {
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: \(name)}
            spec:
              completionMode: Indexed
              completions: \(completions)
              parallelism: \(parallelism)
              backoffLimit: 0
              template:
                metadata:
                  annotations: {kubesim.io/run-duration: \(runDuration), kubesim.io/failure-probability: "\(failureProbability)"}
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: c, resources: {requests: {cpu: "1"}}}]
            """
        }
        _ = try folder.write(
            "jobs.yaml",
            job("render", completions: 6, parallelism: 3, runDuration: "2m") + "\n---\n"
                + job("flaky", completions: 1, parallelism: 1, runDuration: "1m", failureProbability: "1") + "\n---\n"
                + job("long", completions: 1, parallelism: 1, runDuration: "2h"))
        let scenario = try folder.write(
            "scenario.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: batch}
            spec:
              duration: 20m
              cluster:
                nodePools: [{name: general, count: 1, capacity: {cpu: "8", memory: 16Gi, pods: 110}}]
              workloads: [{manifests: jobs.yaml}]
            """)
        let run = try KubesimBinary.run(["run", scenario, "--out", folder.path + "/out"])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        // render: 6 completions 3 at a time, 2 m each after the 2 s start-up: the first three end
        // at 2 + 120 = 122 s; the Job syncs a second later (upstream's syncJobBatchPeriod) and
        // creates the next three at 123 s, which start at 125 s and end at 245 s; the Job sees them
        // done at 246 s = 4m6s. flaky's one pod fails with backoffLimit 0; long (2 h) is still
        // running when the 20 minutes end.
        #expect(
            run.standardOutput.contains(
                "  jobs        3 Jobs: 1 complete in 4m6s, 1 failed (Job/default/flaky: BackoffLimitExceeded), 1 not finished by the end\n"))
        #expect(run.standardOutput.contains("  workloads   3\n"))
        #expect(!run.standardOutput.contains("degraded"))
    }
}
