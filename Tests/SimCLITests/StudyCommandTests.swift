import Foundation
import TestSupport
import Testing

@testable import SimCLI

/// compare, sweep, merge and capacity from the CLI, on the quickstart.
@Suite("Study commands")
struct StudyCommandTests {
    static let count = "spec.cluster.nodePools[general].count"

    func files(_ folder: String, _ names: [String]) throws -> [String] {
        try names.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    @Test("a sweep writes the same files for any --jobs, and its shards merge into exactly those files")
    func sweepAndShards() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let names = ["sweep.json", "sweep.csv", "sweep-summary.csv"]
        let base = ["sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=2,3", "--seeds", "1..3", "--quiet"]
        #expect(try KubesimBinary.run(base + ["--jobs", "1", "--out", folder.path + "/one"]).status == 0)
        #expect(try KubesimBinary.run(base + ["--jobs", "3", "--out", folder.path + "/three"]).status == 0)
        #expect(try files(folder.path + "/one", names) == files(folder.path + "/three", names))
        // As an Indexed Job's pods run them: --shard 4, the index from JOB_COMPLETION_INDEX.
        for shard in 0..<4 {
            let run = try KubesimBinary.run(
                base + ["--shard", "4", "--out", folder.path + "/shard-\(shard)"], environment: ["JOB_COMPLETION_INDEX": String(shard)])
            #expect(run.status == 0)
        }
        let merge = try KubesimBinary.run(["merge"] + (0..<4).map { folder.path + "/shard-\($0)" } + ["--out", folder.path + "/merged"])
        #expect(merge.status == 0)
        #expect(try files(folder.path + "/one", names) == files(folder.path + "/merged", names))
        // 2 points × 3 seeds = 6 runs, one row each.
        let csv = try files(folder.path + "/one", ["sweep.csv"])[0]
        #expect(csv.split(separator: "\n").count == 7)
        // A shard missing is refused.
        let partial = try KubesimBinary.run(["merge", folder.path + "/shard-0", "--out", folder.path + "/partial"])
        #expect(partial.status == 1)
        // Shard 0 of 4 holds runs 0 and 4 of the six.
        #expect(partial.standardError == "kubesim merge: error: the shards do not hold every run of the sweep once: missing runs 1, 2, 3, 5\n")
        let twice = try KubesimBinary.run(
            ["merge"] + [0, 0, 1, 2, 3].map { folder.path + "/shard-\($0)" } + ["--out", folder.path + "/twice"])
        #expect(twice.standardError == "kubesim merge: error: the shards do not hold every run of the sweep once: runs in two shards 0, 4\n")
        // A sweep.json edited to claim 10^15 runs (not its 2 points × 3 seeds), or a negative seed, is not a sweep's.
        let json = try files(folder.path + "/shard-1", ["sweep.json"])[0]
        for edited in [
            json.replacingOccurrences(of: "\"runs\": 6", with: "\"runs\": 1000000000000000"),
            json.replacingOccurrences(of: "[\n    1,", with: "[\n    -1,"),
        ] {
            #expect(edited != json)
            try edited.write(toFile: folder.path + "/shard-1/sweep.json", atomically: false, encoding: .utf8)
            let merge = try KubesimBinary.run(["merge", folder.path + "/shard-1", "--out", folder.path + "/edited"])
            #expect(merge.status == 1)
            #expect(merge.standardError.hasSuffix("sweep.json is missing or not a sweep's sweep.json\n"))
        }
    }

    @Test("--set changes every run: the baseline and each variant, each grid point, every shard of an emitted Job")
    func setForEveryRun() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // With 2 general nodes a frontend pod never fits (the README's table): the baseline has 1
        // pod pending at the end on every seed, the variant with 3 nodes none.
        let compare = try KubesimBinary.run([
            "compare", "scenarios/quickstart.yaml", "--set", "\(Self.count)=2", "--variant", "three:\(Self.count)=3", "--seeds", "1..2",
            "--metric", "pods.pendingAtEnd", "--quiet", "--out", folder.path + "/compare",
        ])
        #expect(compare.status == 0, "stderr: \(compare.standardError)")
        #expect(try files(folder.path + "/compare", ["compare.md"])[0].contains("| pods.pendingAtEnd | 1 [1, 1] | 0 [0, 0] | -1 [-1, -1] |"))
        // Shards of sweeps with different --set are not one sweep.
        let sweep = ["sweep", "scenarios/quickstart.yaml", "--grid", "spec.duration=30m,1h", "--seeds", "1", "--quiet"]
        #expect(try KubesimBinary.run(sweep + ["--set", "\(Self.count)=2", "--shard", "0/2", "--out", folder.path + "/a"]).status == 0)
        #expect(try KubesimBinary.run(sweep + ["--set", "\(Self.count)=3", "--shard", "1/2", "--out", folder.path + "/b"]).status == 0)
        #expect(try files(folder.path + "/a", ["sweep.json"])[0].contains("\"set\": [\n    \"\(Self.count)=2\"\n  ],"))
        let merge = try KubesimBinary.run(["merge", folder.path + "/a", folder.path + "/b", "--out", folder.path + "/merged"])
        #expect(merge.status == 1)
        #expect(merge.standardError.contains("is a shard of another sweep"))
        let job = try KubesimBinary.run(
            sweep + ["--set", "\(Self.count)=2", "--emit-job", "--image", "kubesim:1", "--shards", "2", "--claim", "results"])
        #expect(job.standardOutput.contains("\"sweep\", \"scenarios/quickstart.yaml\", \"--set\", \"\(Self.count)=2\", \"--grid\""))
    }

    @Test("seeds are whole numbers from 0 to 2^63 − 1, as a scenario's seed")
    func seedBounds() throws {
        let sweep = try KubesimBinary.run([
            "sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=3", "--seeds", "9223372036854775807..9223372036854775808",
        ])
        #expect(sweep.status == 2)
        #expect(sweep.standardError.hasPrefix("kubesim sweep: error: --seeds takes A..B (0 ≤ A ≤ B < 2^63"))
        let run = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--seed", "18446744073709551615"])
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix("kubesim run: error: --seed must be a whole number from 0 to 9223372036854775807"))
    }

    @Test("a value's error names the option that gave it; a grid path given twice and a variant named baseline are usage errors")
    func optionErrors() throws {
        let grid = try KubesimBinary.run(["sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=3,x", "--quiet"])
        #expect(grid.status == 1)
        #expect(grid.standardError.hasPrefix("--grid \(Self.count):1:1: error: \"count\" must be an integer, not \"x\""))
        let variant = try KubesimBinary.run(["compare", "scenarios/quickstart.yaml", "--variant", "big:\(Self.count)=many", "--quiet"])
        #expect(variant.status == 1)
        #expect(variant.standardError.hasPrefix("--variant big \(Self.count):1:1: error:"))
        // Two --grid of one path would make a sweep.csv with two columns of one name, the second
        // value winning.
        let twice = try KubesimBinary.run(["sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=3", "--grid", "\(Self.count)=4"])
        #expect(twice.status == 2)
        #expect(twice.standardError.hasPrefix("kubesim sweep: error: --grid \(Self.count) is given twice"))
        let baseline = try KubesimBinary.run(["compare", "scenarios/quickstart.yaml", "--variant", "baseline:\(Self.count)=4"])
        #expect(baseline.status == 2)
        #expect(baseline.standardError.hasPrefix("kubesim compare: error: --variant baseline: 'baseline' names the scenario as given"))
    }

    @Test("a grid or variant value may be YAML with commas of its own: only commas outside brackets, braces and quotes separate")
    func commasInValues() throws {
        #expect(ValueList.split("[a,b],[a,b,c]") == ["[a,b]", "[a,b,c]"])
        #expect(
            ValueList.split("x={cpu: \"8\", memory: 32Gi},y='it''s, quoted',z=\"a\\\",b\"") == [
                "x={cpu: \"8\", memory: 32Gi}", "y='it''s, quoted'", "z=\"a\\\",b\"",
            ])
        #expect(ValueList.split("2,3,") == ["2", "3", ""])
        // From the CLI: the quickstart over two zones and over three, its nodes spread over them.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let zones = "spec.cluster.nodePools[general].zones"
        let sweep = try KubesimBinary.run([
            "sweep", "scenarios/quickstart.yaml", "--grid", "\(zones)=[zone-a,zone-b],[zone-a,zone-b,zone-c]", "--seeds", "1",
            "--metric", "cluster.nodes.max", "--quiet", "--out", folder.path,
        ])
        #expect(sweep.status == 0, "stderr: \(sweep.standardError)")
        #expect(
            try files(folder.path, ["sweep.csv"])[0].hasPrefix(
                "run,\(zones),seed,cluster.nodes.max\n0,\"[zone-a,zone-b]\",1,9\n1,\"[zone-a,zone-b,zone-c]\",1,9\n"))
    }

    @Test("JOB_COMPLETION_INDEX picks the shard when --shard gives only the count")
    func shardFromEnvironment() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let base = ["sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=2,3", "--seeds", "1..2", "--quiet"]
        #expect(try KubesimBinary.run(base + ["--shard", "1/2", "--out", folder.path + "/explicit"]).status == 0)
        #expect(
            try KubesimBinary.run(base + ["--shard", "2", "--out", folder.path + "/indexed"], environment: ["JOB_COMPLETION_INDEX": "1"]).status == 0)
        #expect(try files(folder.path + "/explicit", ["sweep.csv"]) == files(folder.path + "/indexed", ["sweep.csv"]))
    }

    @Test("--emit-job prints an Indexed Job whose pods run one shard each and write to the claim")
    func emitJob() throws {
        let result = try KubesimBinary.run([
            "sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=2,3", "--seeds", "1..4", "--emit-job", "--image", "kubesim:test",
            "--shards", "3", "--parallelism", "2", "--claim", "results",
        ])
        #expect(result.status == 0)
        let manifest = result.standardOutput
        for line in [
            "apiVersion: batch/v1", "kind: Job", "  completionMode: Indexed", "  completions: 3", "  parallelism: 2",
            "        image: \"kubesim:test\"", "        persistentVolumeClaim: {claimName: \"results\"}",
        ] {
            #expect(manifest.contains(line + "\n"), "missing: \(line)")
        }
        #expect(manifest.contains("\"--shard\", \"3\""))
        #expect(manifest.contains("\"/results/shard-$(JOB_COMPLETION_INDEX)\""))
        // kubesim reads it back as a valid Job.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let validated = try KubesimBinary.run(["validate", try folder.write("job.yaml", manifest)])
        #expect(validated.status == 0 && validated.standardOutput.contains("1 Job"))
        #expect(try KubesimBinary.run(["sweep", "scenarios/quickstart.yaml", "--grid", "\(Self.count)=2", "--emit-job"]).status == 2)
    }

    @Test("compare pairs every variant with the baseline on the same seeds and writes md, csv and json")
    func compare() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run([
            "compare", "scenarios/quickstart.yaml", "--variant", "big:\(Self.count)=8", "--seeds", "1..2", "--metric", "cluster.cost",
            "--out", folder.path,
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("| metric | baseline | big | big − baseline |"))
        let json = try files(folder.path, ["compare.json"])[0]
        #expect(json.contains("\"name\": \"big\""))
        #expect(try files(folder.path, ["compare.csv"])[0].hasPrefix("metric,variant,n,mean,ci95_low,ci95_high,difference"))
    }

    @Test("capacity finds the smallest passing node count, the same as a scan of every value")
    func capacity() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run([
            "capacity", "scenarios/quickstart.yaml", "--vary", Self.count, "--range", "1..6", "--seeds", "1..2", "--out", folder.path,
        ])
        #expect(result.status == 0)
        let answer = try #require(result.standardOutput.split(separator: "=").dropFirst().first?.split(separator: " ").first)
        // The scan: every value, each on both seeds, exit 0 exactly when every expectation passes.
        var smallest: Int?
        for value in 1...6 {
            for seed in 1...2 {
                let run = try KubesimBinary.run([
                    "run", "scenarios/quickstart.yaml", "--quiet", "--set", "\(Self.count)=\(value)", "--seed", "\(seed)", "--out",
                    folder.path + "/scan-\(value)-\(seed)",
                ])
                if run.status != 0 { break }
                if seed == 2 && smallest == nil { smallest = value }
            }
        }
        #expect(String(answer) == smallest.map(String.init))
        #expect(try files(folder.path, ["capacity.csv"])[0].hasPrefix("value,seeds_passed,seeds,passes"))
        let json = try files(folder.path, ["capacity.json"])[0]
        #expect(json.contains("\"answer\": \(answer),"))
        #expect(json.contains("\"path\": \"\(Self.count)\""))
    }
}
