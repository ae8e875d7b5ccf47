import Foundation
import Scenarios
import SimCore

/// `kubesim capacity SCENARIO --vary PATH --range LO..HI [--seeds A..B] [--jobs N] [--out DIR]`:
/// the smallest value of a numeric field for which every expectation passes on every seed.
enum CapacityCommand {
    static let spec = CommandSpec(
        name: "capacity", usage: "kubesim capacity SCENARIO --vary PATH --range LO..HI [--seeds A..B] [--jobs N] [--out DIR] [--quiet]",
        summary:
            "Find the smallest whole value of a field (a pool's count, a Deployment's replicas, …) in LO..HI for which every expectation of the scenario passes on every seed, by bisection; confirm it and its neighbour below, and write capacity.csv with the evidence.",
        options: [
            OptionSpec(name: "--vary", value: "PATH", help: "The field, as --set names it, e.g. spec.cluster.nodePools[general].count."),
            OptionSpec(name: "--range", value: "LO..HI", help: "The whole values to search (inclusive)."),
            StudyExecution.seedOption, StudyExecution.jobsOption,
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>-capacity)."),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details:
            "The search assumes more is never worse (passing at a value means passing above it), as for nodes or replicas. Exit codes: 0 an answer was found, 1 invalid scenario, a run that did not finish, or no value in the range passes, 2 usage error, 4 the outputs could not be written."
    )

    /// What one value gave: seeds passed, and each expectation's mean actual value.
    struct Evidence {
        var value: Int64
        var passed: Int
        var means: [Double]
        var passes: Bool
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "capacity takes exactly one scenario file") }
        guard let path = arguments.value("--vary") else { throw UsageError(message: "capacity needs --vary PATH") }
        guard let rangeText = arguments.value("--range") else { throw UsageError(message: "capacity needs --range LO..HI") }
        let parts = rangeText.components(separatedBy: "..")
        guard parts.count == 2, let low = Int64(parts[0]), let high = Int64(parts[1]), low <= high, high - low <= 1_000_000 else {
            throw UsageError(message: "--range takes LO..HI, whole numbers with LO ≤ HI, not '\(rangeText)'")
        }
        let seeds = try arguments.seedRange(), jobs = try arguments.jobs(), quiet = arguments.flag("--quiet")
        let scenario = arguments.positionals[0]
        var evidence: [Int64: Evidence] = [:]
        var expectations: [Expectation] = []
        var scenarioName = ""
        // Evaluates a value: every seed, every expectation.
        func evaluate(_ value: Int64) -> Evidence? {
            if let known = evidence[value] { return known }
            guard let override = Override("\(path)=\(value)") else { return nil }
            let plan: StudyPlan
            do {
                plan = try StudyPlan(scenario: scenario, variants: [("\(value)", [override])], seeds: seeds, metrics: [], jobs: jobs)
            } catch {
                Console.error(error.description)
                return nil
            }
            scenarioName = plan.loaded[0].scenario.name
            expectations = plan.loaded[0].setup.expectations
            guard !expectations.isEmpty else {
                Console.error("kubesim capacity: error: \(scenario) has no expectations (spec.expect) to decide what passes")
                return nil
            }
            guard let summaries = StudyExecution.run(plan, runs: plan.runs, jobs: jobs, quiet: quiet) else { return nil }
            let passed = summaries.filter(\.expectationsPassed).count
            let means = expectations.indices.map { index in
                MeanInterval(summaries.compactMap { $0.expectations[index].actual }).mean
            }
            let result = Evidence(value: value, passed: passed, means: means, passes: passed == summaries.count)
            evidence[value] = result
            return result
        }
        // Bisection: the lowest value that passes, between a failing `low - 1` and a passing `high`.
        guard let top = evaluate(high) else { return .invalidInput }
        var answer: Int64?
        if top.passes {
            var failing = low - 1, passing = high
            while passing - failing > 1 {
                let middle = failing + (passing - failing) / 2
                guard let result = evaluate(middle) else { return .invalidInput }
                if result.passes { passing = middle } else { failing = middle }
            }
            // Confirm the answer and its neighbour below.
            guard let confirmed = evaluate(passing), confirmed.passes else { return .invalidInput }
            if passing > low { guard evaluate(passing - 1) != nil else { return .invalidInput } }
            answer = passing
        }
        var csv = SweepTable.line(
            ["value", "seeds_passed", "seeds", "passes"]
                + expectations.map { "\($0.metric)\($0.target.map { "[\($0)]" } ?? "") \($0.op.rawValue) \(NumberFormat.decimal($0.value))" })
        for value in evidence.keys.sorted() {
            guard let row = evidence[value] else { continue }
            csv += SweepTable.line(
                [String(value), String(row.passed), String(seeds.count), row.passes ? "yes" : "no"] + row.means.map(SweepTable.number))
        }
        let directory = arguments.value("--out") ?? "reports/\(scenarioName)-capacity"
        let status = StudyExecution.write([("capacity.csv", csv)], to: directory)
        guard status == .success else { return status }
        let seedText = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds[0])..\(seeds[seeds.count - 1])"
        guard let answer else {
            Console.error(
                "kubesim capacity: no value of \(path) in \(low)..\(high) passes every expectation on \(seedText) (\(high) passes on \(top.passed) of \(seeds.count)); evidence in \(directory)/capacity.csv"
            )
            return .invalidInput
        }
        if !quiet {
            let below = evidence[answer - 1].map { "; \(answer - 1) passes on \($0.passed) of \(seeds.count) seeds" } ?? " (the bottom of the range)"
            Console.out(
                "kubesim capacity: \(path) = \(answer) is the smallest value in \(low)..\(high) with every expectation passing on \(seedText)\(below); evidence in \(directory)/capacity.csv"
            )
        }
        return .success
    }
}
