import Foundation
import SimCore

/// `kubesim bench [--json] [--check FILE] [--quick]`: times the engine and the scheduler on fixed
/// workloads and compares with a baseline. Wall time is read only here, never inside a simulation.
enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench", usage: "kubesim bench [--json] [--check FILE] [--quick]",
        summary: "Measure simulation speed on fixed workloads (build with -c release for real figures).",
        options: [
            OptionSpec(name: "--json", value: nil, help: "Print {\"benchmarks\": [{\"name\", \"value\", \"unit\"}]}."),
            OptionSpec(name: "--check", value: "FILE", help: "Compare with a baseline file; exit 3 if a result is more than 30 % worse."),
            OptionSpec(name: "--quick", value: nil, help: "Small workloads, to check that the benchmarks run at all."),
        ],
        details: """
        Benchmarks:
          Each runs 5 times; the best repetition is reported.
          engine-events                     event-queue pops and pushes per second with 150,000 pending events
          scheduler-basic-5000n-10000p      pods scheduled per second: 5,000 nodes (16 CPU, 64Gi, 110 pods),
                                            10,000 pods of 100m-400m CPU and 128Mi-384Mi memory, default profile
        """)

    struct Result {
        let name: String
        let value: Double
        let unit: String
        /// Upstream's own figure for the same workload, where one is published.
        let reference: String?
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.isEmpty else { throw UsageError(message: "bench takes no positional arguments") }
        let quick = arguments.flag("--quick")
        let results = [engine(quick: quick), schedulerBasic(quick: quick)]
        if arguments.flag("--json") {
            Console.out(json(results).serialized(pretty: true))
        } else {
            for result in results {
                let reference = result.reference.map { "   (\($0))" } ?? ""
                Console.out(result.name.padding(to: 32) + NumberFormat.decimal(result.value.rounded()) + " " + result.unit + reference)
            }
        }
        guard let baseline = arguments.value("--check") else { return .success }
        return check(results, against: baseline)
    }

    /// Repetitions of each benchmark; the best is reported, since on a shared machine slower
    /// repetitions measure interference, not kubesim.
    static let repetitions = 5

    private static func seconds(_ work: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        work()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private static func engine(quick: Bool) -> Result {
        let operations = quick ? 20_000 : 2_000_000
        var best = 0.0
        for _ in 0..<repetitions {
            var checksum: UInt64 = 0
            let time = seconds { checksum = Benchmarks.engine(pending: quick ? 1_000 : 150_000, operations: operations) }
            precondition(checksum != 0, "engine benchmark did no work")
            best = max(best, Double(operations) / time)
        }
        return Result(name: quick ? "engine-events-quick" : "engine-events", value: best, unit: "events/s", reference: nil)
    }

    private static func schedulerBasic(quick: Bool) -> Result {
        let (nodes, pods) = quick ? (100, 200) : (5_000, 10_000)
        let name = "scheduler-basic-\(nodes)n-\(pods)p"
        var best = 0.0
        for _ in 0..<(quick ? 1 : repetitions) {
            guard let simulation = try? Simulation(Benchmarks.schedulerBasicSetup(nodes: nodes, pods: pods)) else { break }
            let time = seconds { simulation.run(until: 0) }
            best = max(best, Double(simulation.placements.count) / time)
        }
        return Result(name: name, value: best, unit: "pods/s", reference: quick ? nil : "upstream scheduler_perf threshold: 680 pods/s")
    }

    private static func json(_ results: [Result]) -> JSONValue {
        .object([("benchmarks", .array(results.map { result in
            .object([("name", .string(result.name)), ("value", .number(result.value.rounded())), ("unit", .string(result.unit))])
        }))])
    }

    /// Compares with a baseline written by `--json`: a result more than 30 % below its baseline
    /// (all units here are "higher is better") is a regression.
    private static func check(_ results: [Result], against path: String) -> ExitCode {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["benchmarks"] as? [[String: Any]] else {
            Console.error("\(path): error: not a benchmark baseline (expected {\"benchmarks\": [{\"name\", \"value\", \"unit\"}]})")
            return .invalidInput
        }
        var regressed = false
        for result in results {
            guard let entry = entries.first(where: { $0["name"] as? String == result.name }), let baseline = entry["value"] as? Double else {
                Console.out("\(result.name): no baseline")
                continue
            }
            let ratio = result.value / baseline
            let verdict = ratio < 0.7 ? "REGRESSION" : "ok"
            if ratio < 0.7 { regressed = true }
            Console.out("\(result.name): \(NumberFormat.decimal(result.value.rounded())) vs baseline \(NumberFormat.decimal(baseline)) (\(SummaryText.format(ratio * 100, decimals: 0)) %) \(verdict)")
        }
        return regressed ? .checkFailed : .success
    }
}
