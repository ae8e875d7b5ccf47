import Foundation
import Scenarios
import SimCore

/// `kubesim compare SCENARIO --variant NAME:PATH=VALUE[,PATH=VALUE...]... [--seeds A..B] [--jobs N] [--out DIR]`:
/// the scenario as given (`baseline`) and each variant on the same seeds, side by side.
enum CompareCommand {
    static let spec = CommandSpec(
        name: "compare",
        usage:
            "kubesim compare SCENARIO --variant NAME:PATH=VALUE[,PATH=VALUE...]... [--set PATH=VALUE]... [--seeds A..B] [--jobs N] [--metric PATH]... [--out DIR] [--quiet]",
        summary:
            "Run the scenario as given (baseline) and each variant on the same seeds; print a table of each metric's mean with its 95 % interval and the paired difference from the baseline; write compare.md, compare.csv and compare.json.",
        options: [
            OptionSpec(
                name: "--variant", value: "NAME:PATH=V,...", help: "A named set of --set overrides (repeatable).", repeatable: true),
            StudyExecution.setOption, StudyExecution.seedOption, StudyExecution.jobsOption, StudyExecution.metricOption,
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>-compare)."),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details:
            "Every variant runs on the same seeds (common random numbers), so differences are paired seed by seed. Results are the same for any --jobs. Exit codes: 0 success, 1 invalid scenario or a run that did not finish, 2 usage error, 4 the outputs could not be written."
    )

    /// Each `--variant NAME:PATH=VALUE,PATH=VALUE`.
    static func variants(_ arguments: ParsedArguments) throws(UsageError) -> [(name: String, overrides: [Override])] {
        var variants: [(name: String, overrides: [Override])] = [("baseline", [])]
        for text in arguments.values("--variant") {
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                throw UsageError(message: "--variant needs NAME:PATH=VALUE[,PATH=VALUE...], not '\(text)'")
            }
            let name = String(text[..<colon])
            guard name != "baseline" else {
                throw UsageError(
                    message: "--variant baseline: 'baseline' names the scenario as given (change it for every run with --set); choose another name")
            }
            guard !variants.contains(where: { $0.name == name }) else { throw UsageError(message: "variant '\(name)' is given twice") }
            var overrides: [Override] = []
            for part in ValueList.split(text[text.index(after: colon)...]) where !part.isEmpty {
                guard let override = Override(part, option: "--variant \(name)") else {
                    throw UsageError(message: "--variant \(name): '\(part)' is not PATH=VALUE")
                }
                overrides.append(override)
            }
            guard !overrides.isEmpty else { throw UsageError(message: "--variant \(name) sets nothing") }
            variants.append((name, overrides))
        }
        guard variants.count > 1 else { throw UsageError(message: "compare needs at least one --variant NAME:PATH=VALUE") }
        return variants
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "compare takes exactly one scenario file") }
        let variants = try variants(arguments)
        let seeds = try arguments.seedRange(), jobs = try arguments.jobs(), metrics = try arguments.studyMetrics()
        guard
            let plan = StudyExecution.plan(
                arguments.positionals[0], base: try arguments.overrides(), variants: variants, seeds: seeds, metrics: metrics, jobs: jobs)
        else {
            return .invalidInput
        }
        guard let summaries = StudyExecution.run(plan, runs: plan.runs, jobs: jobs, quiet: arguments.flag("--quiet")) else { return .invalidInput }
        let grouped = variants.indices.map { variant in Array(summaries[(variant * seeds.count)..<((variant + 1) * seeds.count)]) }
        let comparison = Comparison(variants: variants.map(\.name), seeds: seeds, metrics: plan.metrics, summaries: grouped)
        let directory = arguments.value("--out") ?? "reports/\(plan.loaded[0].scenario.name)-compare"
        let status = StudyExecution.write(
            [("compare.md", comparison.markdown), ("compare.csv", comparison.csv), ("compare.json", json(comparison, plan: plan))], to: directory)
        if status == .success && !arguments.flag("--quiet") { Console.out(comparison.markdown + "\noutputs in \(directory)/") }
        return status
    }

    /// `compare.json` (the shape docs/studies.md gives).
    static func json(_ comparison: Comparison, plan: StudyPlan) -> String {
        let metrics = comparison.rows.map { row in
            JSONValue.object([
                ("path", .string(row.metric)),
                (
                    "variants",
                    .array(
                        row.cells.map { cell in
                            .object([
                                ("name", .string(cell.variant)), ("n", .int(Int64(cell.value.n))), ("mean", .finite(cell.value.mean)),
                                ("ci95", .interval(cell.value)),
                                (
                                    "difference",
                                    cell.difference.map { .object([("mean", .finite($0.mean)), ("ci95", .interval($0))]) } ?? .null
                                ),
                            ])
                        })
                ),
            ])
        }
        let expectations = comparison.expectations.map { row in
            JSONValue.object([
                ("metric", .string(row.expectation.metric)), ("target", row.expectation.target.map(JSONValue.string) ?? .null),
                ("op", .string(row.expectation.op.rawValue)), ("value", .number(row.expectation.value)),
                ("passed", .object(zip(comparison.variants, row.passed).map { ($0, .int(Int64($1))) })),
            ])
        }
        return JSONValue.object([
            ("scenario", .string(plan.loaded[0].scenario.name)), ("seeds", .array(comparison.seeds.map { .int(Int64($0)) })),
            (
                "variants",
                .array(
                    plan.variants.map {
                        .object([("name", .string($0.name)), ("overrides", .array($0.overrides.map { .string($0.path + "=" + $0.value) }))])
                    })
            ),
            ("metrics", .array(metrics)), ("expectations", .array(expectations)),
        ]).serialized(pretty: true) + "\n"
    }
}
