import Foundation
import Scenarios
import SimCore

/// `kubesim capacity SCENARIO --vary PATH --range LO..HI [--seeds A..B] [--jobs N] [--out DIR]`:
/// the smallest value of a numeric field for which every expectation passes on every seed.
enum CapacityCommand {
    static let spec = CommandSpec(
        name: "capacity",
        usage: "kubesim capacity SCENARIO --vary PATH --range LO..HI [--set PATH=VALUE]... [--seeds A..B] [--jobs N] [--out DIR] [--quiet]",
        summary:
            "Find the smallest whole value of a field (a pool's count, a Deployment's replicas, …) in LO..HI for which every expectation of the scenario passes on every seed, by bisection; confirm it and its neighbour below, and write the evidence to capacity.csv and capacity.json (which kubesim report draws).",
        options: [
            OptionSpec(name: "--vary", value: "PATH", help: "The field, as --set names it, e.g. spec.cluster.nodePools[general].count."),
            OptionSpec(name: "--range", value: "LO..HI", help: "The whole values to search (inclusive)."),
            StudyExecution.setOption, StudyExecution.seedOption, StudyExecution.jobsOption,
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>-capacity)."),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details:
            "The search assumes more is never worse (passing at a value means passing above it), as for nodes or replicas. Exit codes: 0 an answer was found, 1 invalid scenario, a run that did not finish, or no value in the range passes, 2 usage error, 4 the outputs could not be written."
    )

    /// What one value gave: the seeds on which every expectation passed, and per expectation the
    /// mean actual value over the seeds (with its interval) and the seeds on which it passed.
    struct Evidence {
        var value: Int64
        var passed: Int
        var expectations: [(actual: MeanInterval, passed: Int)]
        var passes: Bool
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "capacity takes exactly one scenario file") }
        guard let path = arguments.value("--vary") else { throw UsageError(message: "capacity needs --vary PATH") }
        guard let rangeText = arguments.value("--range") else { throw UsageError(message: "capacity needs --range LO..HI") }
        let parts = rangeText.components(separatedBy: "..")
        guard parts.count == 2, let low = Int64(parts[0]), let high = Int64(parts[1]), 0 <= low, low <= high,
            high <= CapacitySearch.maximumValue
        else {
            throw UsageError(message: "--range takes LO..HI, whole numbers with 0 ≤ LO ≤ HI ≤ 2^53, not '\(rangeText)'")
        }
        guard Override("\(path)=\(low)") != nil else { throw UsageError(message: "--vary takes a field's path, as --set names it, not '\(path)'") }
        let seeds = try arguments.seedRange(), jobs = try arguments.jobs(), quiet = arguments.flag("--quiet")
        let base = try arguments.overrides()
        let scenario = arguments.positionals[0]
        var evidence: [Int64: Evidence] = [:]
        var expectations: [Expectation] = []
        var scenarioName = ""
        // Evaluates a value once: every seed, every expectation; nil when a run cannot be made.
        func evaluate(_ value: Int64) -> Evidence? {
            if let known = evidence[value] { return known }
            guard let override = Override("\(path)=\(value)", option: "--vary"),
                let plan = StudyExecution.plan(scenario, base: base, variants: [("\(value)", [override])], seeds: seeds, metrics: [], jobs: jobs)
            else { return nil }
            scenarioName = plan.loaded[0].scenario.name
            expectations = plan.loaded[0].setup.expectations
            guard !expectations.isEmpty else {
                Console.error("kubesim capacity: error: \(scenario) has no expectations (spec.expect) to decide what passes")
                return nil
            }
            let label = "\(path.split(separator: ".").last ?? "")=\(value)"
            guard let summaries = StudyExecution.run(plan, runs: plan.runs, jobs: jobs, quiet: quiet, label: label) else { return nil }
            let passed = summaries.filter(\.expectationsPassed).count
            let perExpectation = expectations.indices.map { index in
                (
                    actual: MeanInterval(summaries.compactMap { $0.expectations[index].actual }),
                    passed: summaries.filter { $0.expectations[index].passed }.count
                )
            }
            let result = Evidence(value: value, passed: passed, expectations: perExpectation, passes: passed == summaries.count)
            evidence[value] = result
            return result
        }
        let outcome = CapacitySearch.smallestPassing(in: low, high) { evaluate($0)?.passes }
        guard outcome != .stopped, let top = evidence[high] else { return .invalidInput }
        let answer: Int64? = if case .found(let value) = outcome { value } else { nil }
        let rows = evidence.keys.sorted().compactMap { evidence[$0] }
        var csv = SweepTable.line(["value", "seeds_passed", "seeds", "passes"] + expectations.map(columnName))
        for row in rows {
            csv += SweepTable.line(
                [String(row.value), String(row.passed), String(seeds.count), row.passes ? "yes" : "no"]
                    + row.expectations.map { SweepTable.number($0.actual.mean) })
        }
        let directory = arguments.value("--out") ?? "reports/\(scenarioName)-capacity"
        let json = json(
            scenario: scenarioName, path: path, range: (low, high), seeds: seeds, answer: answer, expectations: expectations, rows: rows)
        let status = StudyExecution.write([("capacity.csv", csv), ("capacity.json", json)], to: directory)
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

    /// An expectation as a column of capacity.csv: `availability[Deployment/shop/frontend] >= 0.99`.
    static func columnName(_ expectation: Expectation) -> String {
        "\(expectation.metric)\(expectation.target.map { "[\($0)]" } ?? "") \(expectation.op.rawValue) \(NumberFormat.decimal(expectation.value))"
    }

    /// `capacity.json` (the shape docs/studies.md gives), which `kubesim report` draws.
    static func json(
        scenario: String, path: String, range: (low: Int64, high: Int64), seeds: [UInt64], answer: Int64?, expectations: [Expectation],
        rows: [Evidence]
    ) -> String {
        JSONValue.object([
            ("scenario", .string(scenario)), ("path", .string(path)), ("range", .array([.int(range.low), .int(range.high)])),
            ("seeds", .array(seeds.map { .int(Int64($0)) })), ("answer", answer.map(JSONValue.int) ?? .null),
            (
                "expectations",
                .array(
                    expectations.map { expectation in
                        .object([
                            ("metric", .string(expectation.metric)), ("target", expectation.target.map(JSONValue.string) ?? .null),
                            ("op", .string(expectation.op.rawValue)), ("value", .number(expectation.value)),
                        ])
                    })
            ),
            (
                "values",
                .array(
                    rows.map { row in
                        .object([
                            ("value", .int(row.value)), ("seedsPassed", .int(Int64(row.passed))), ("passes", .bool(row.passes)),
                            (
                                "expectations",
                                .array(
                                    row.expectations.map { entry in
                                        .object([
                                            ("mean", .finite(entry.actual.mean)), ("ci95", .interval(entry.actual)),
                                            ("seedsPassed", .int(Int64(entry.passed))),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ]).serialized(pretty: true) + "\n"
    }
}
