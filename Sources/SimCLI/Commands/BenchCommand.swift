import Foundation
import SimCore

/// `kubesim bench [--json] [--check FILE] [--quick]`: times the engine and the scheduler on fixed
/// workloads and compares with a baseline. Wall time is read only here, never inside a simulation.
enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench", usage: "kubesim bench [--json] [--check FILE] [--quick] [--only NAME]",
        summary: "Measure simulation speed on fixed workloads (build with -c release for real figures).",
        options: [
            OptionSpec(name: "--json", value: nil, help: "Print {\"benchmarks\": [{\"name\", \"value\", \"unit\"}]}."),
            OptionSpec(name: "--check", value: "FILE", help: "Compare with a baseline file; exit 3 if a result is more than 30 % worse."),
            OptionSpec(name: "--quick", value: nil, help: "Small workloads, to check that the benchmarks run at all."),
            OptionSpec(name: "--only", value: "NAME", help: "Run only the benchmarks whose name starts with NAME."),
        ],
        details: """
            Benchmarks (each runs 5 times, day-in-the-life 3 times, scale-limit once; the best
            repetition is reported):
              engine-events                                event-queue pops and pushes per second, 150,000 pending
              scheduler-basic-5000n-10000p                 pods/s: 5,000 nodes (16 CPU, 64Gi, 110 pods), 10,000 pods
                                                           of 100m-400m CPU and 128Mi-384Mi memory, default profile
              scheduler-topology-spreading-5000n-5000p     pods/s: nodes in 3 zones, pods spreading with maxSkew 5
                                                           over hostnames and zones (DoNotSchedule)
              scheduler-pod-anti-affinity-5000n-2000p      pods/s: pods with required anti-affinity on the hostname
              scheduler-preemption-500n-500p               pods/s: 500 nodes full of low-priority pods; 500
                                                           high-priority pods preempt and bind
              day-in-the-life-1000n-200d-24h               simulated s/s: 1000 nodes, 200 Deployments with HPAs
                                                           and diurnal traffic, random node failures, 24 h
              scale-limit-5000n-150000p-24h                simulated s/s: 5000 nodes, 1000 Deployments of 150
                                                           pods with HPAs and traffic, random failures, 24 h
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
        let only = arguments.value("--only")
        if only?.isEmpty == true { throw UsageError(message: "--only needs the start of a benchmark's name, such as scheduler or engine") }
        let benchmarks: [(name: String, run: () -> Result)] = [
            ("engine", { engine(quick: quick) }),
            (
                "scheduler-basic",
                { scheduling("scheduler-basic", quick ? (100, 200) : (5_000, 10_000), reference: 680, Benchmarks.schedulerBasicSetup) }
            ),
            (
                "scheduler-topology-spreading",
                {
                    scheduling("scheduler-topology-spreading", quick ? (100, 200) : (5_000, 5_000), reference: 460, Benchmarks.topologySpreadingSetup)
                }
            ),
            (
                "scheduler-pod-anti-affinity",
                {
                    scheduling("scheduler-pod-anti-affinity", quick ? (100, 50) : (5_000, 2_000), reference: 60, Benchmarks.podAntiAffinitySetup)
                }
            ),
            ("scheduler-preemption", { preemption(quick: quick) }),
            ("day-in-the-life", { dayInTheLife(quick: quick) }),
            ("scale-limit", { scaleLimit(quick: quick) }),
        ]
        let selected = benchmarks.filter { benchmark in only.map { benchmark.name.hasPrefix($0) } ?? true }
        guard !selected.isEmpty else {
            throw UsageError(message: "no benchmark starts with \"\(only ?? "")\" (there are \(benchmarks.map(\.name).joined(separator: ", ")))")
        }
        let results = selected.map { $0.run() }
        if arguments.flag("--json") {
            Console.out(json(results).serialized(pretty: true))
        } else {
            for result in results {
                let reference = result.reference.map { "   (\($0))" } ?? ""
                Console.out(result.name.padding(to: 42) + NumberFormat.decimal(result.value.rounded()) + " " + result.unit + reference)
            }
        }
        guard let baseline = arguments.value("--check") else { return .success }
        return check(results, against: baseline)
    }

    /// Repetitions of each benchmark; the best is reported, since on a shared machine slower
    /// repetitions measure interference, not kubesim.
    static let repetitions = 5
    /// A simulated day takes seconds: three runs are enough to see past interference.
    static let dayRepetitions = 3

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

    /// Times scheduling every pod of a setup (all pending at time 0), best of the repetitions.
    private static func scheduling(
        _ name: String, _ size: (nodes: Int, pods: Int), reference: Int,
        _ setup: (Int, Int) -> SimulationSetup
    ) -> Result {
        let quick = size.nodes < 1_000
        var best = 0.0
        for _ in 0..<(quick ? 1 : repetitions) {
            guard let simulation = try? Simulation(setup(size.nodes, size.pods)) else { break }
            let time = seconds { simulation.run(until: 0) }
            best = max(best, Double(simulation.placements.count) / time)
        }
        return Result(
            name: "\(name)-\(size.nodes)n-\(size.pods)p", value: best, unit: "pods/s",
            reference: quick ? nil : "upstream scheduler_perf threshold: \(reference) pods/s")
    }

    /// Times preemptors binding on a full cluster (victim selection, deletion, rebinding).
    private static func preemption(quick: Bool) -> Result {
        let (nodes, preemptors) = quick ? (50, 50) : (500, 500)
        var best = 0.0
        for _ in 0..<(quick ? 1 : repetitions) {
            guard let simulation = try? Simulation(Benchmarks.preemptionSetup(nodes: nodes)) else { break }
            simulation.run(until: Millis.second)
            var bound = 0
            let time = seconds { bound = Benchmarks.runPreemption(simulation, preemptors: preemptors) }
            best = max(best, Double(bound) / time)
        }
        return Result(name: "scheduler-preemption-\(nodes)n-\(preemptors)p", value: best, unit: "pods/s", reference: nil)
    }

    /// Times a whole day of a cluster with HPAs and traffic; reports simulated seconds per wall
    /// second.
    private static func dayInTheLife(quick: Bool) -> Result {
        let (nodes, deployments, duration) = quick ? (50, 10, 2 * Millis.hour) : (1_000, 200, 24 * Millis.hour)
        var best = Double.infinity
        for _ in 0..<(quick ? 1 : dayRepetitions) {
            guard let simulation = try? Simulation(Benchmarks.dayInTheLifeSetup(nodes: nodes, deployments: deployments, duration: duration)) else {
                break
            }
            best = min(best, seconds { simulation.run(until: duration) })
        }
        let name = quick ? "day-in-the-life-quick" : "day-in-the-life-1000n-200d-24h"
        return Result(
            name: name, value: Double(duration) / 1_000 / best, unit: "simulated s/s",
            reference: quick ? nil : "\(GoDuration.format(duration)) in \(SummaryText.format(best, decimals: 2)) s; design target ≤ 5 s")
    }

    /// upstream's scale limit: 5,000 nodes and 150,000 pods (1,000 Deployments of 150 with HPAs
    /// and traffic, random node failures) for a day, run once; reports simulated seconds per wall
    /// second and the peak memory.
    private static func scaleLimit(quick: Bool) -> Result {
        let (nodes, deployments, replicas, duration) = quick ? (100, 20, Int32(15), Millis.hour) : (5_000, 1_000, Int32(150), 24 * Millis.hour)
        let setup = Benchmarks.dayInTheLifeSetup(
            nodes: nodes, deployments: deployments, replicas: replicas, peakPerReplica: 40...140,
            duration: duration)
        guard let simulation = try? Simulation(setup) else { return Result(name: "scale-limit", value: 0, unit: "simulated s/s", reference: nil) }
        let time = seconds { simulation.run(until: duration) }
        let name = quick ? "scale-limit-quick" : "scale-limit-5000n-150000p-24h"
        let memory = SummaryText.format(Double(PeakMemory.bytes) / Double(1 << 30), decimals: 2)
        return Result(
            name: name, value: Double(duration) / 1_000 / time, unit: "simulated s/s",
            reference: quick
                ? nil
                : "\(GoDuration.format(duration)) in \(SummaryText.format(time, decimals: 1)) s, peak memory \(memory) GiB; design target ≤ 60 s, ≤ 4 GiB"
        )
    }

    private static func json(_ results: [Result]) -> JSONValue {
        .object([
            (
                "benchmarks",
                .array(
                    results.map { result in
                        .object([("name", .string(result.name)), ("value", .number(result.value.rounded())), ("unit", .string(result.unit))])
                    })
            )
        ])
    }

    /// Compares with a baseline written by `--json`: a result more than 30 % below its baseline
    /// (all units here are "higher is better") is a regression.
    private static func check(_ results: [Result], against path: String) -> ExitCode {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = object["benchmarks"] as? [[String: Any]]
        else {
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
            Console.out(
                "\(result.name): \(NumberFormat.decimal(result.value.rounded())) vs baseline \(NumberFormat.decimal(baseline)) (\(SummaryText.format(ratio * 100, decimals: 0)) %) \(verdict)"
            )
        }
        return regressed ? .checkFailed : .success
    }
}
