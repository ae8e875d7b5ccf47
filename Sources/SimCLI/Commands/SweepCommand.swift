import Foundation
import Scenarios
import SimCore

/// `kubesim sweep SCENARIO --grid PATH=V1,V2,... [--grid ...] [--seeds A..B] [--jobs N] [--shard I/N] [--out DIR]`:
/// every point of the grid on every seed, one row per run, and the mean and interval per point.
enum SweepCommand {
    static let spec = CommandSpec(
        name: "sweep",
        usage:
            "kubesim sweep SCENARIO --grid PATH=V1,V2,... [--grid ...] [--set PATH=VALUE]... [--seeds A..B] [--jobs N] [--shard I/N] [--metric PATH]... [--out DIR] [--quiet] [--emit-job --image IMAGE --shards N [--parallelism P] --claim NAME]",
        summary:
            "Run a scenario over a grid of --set values and seeds; write sweep.csv (one row per run), sweep-summary.csv (mean and 95 % interval per grid point) and sweep.json.",
        options: [
            OptionSpec(
                name: "--grid", value: "PATH=V1,V2", help: "A field and its values (repeatable; the grid is every combination).", repeatable: true),
            StudyExecution.setOption, StudyExecution.seedOption, StudyExecution.jobsOption,
            OptionSpec(
                name: "--shard", value: "I/N",
                help: "Run only every N-th run, from the I-th (I defaults to JOB_COMPLETION_INDEX, as in an Indexed Job)."),
            StudyExecution.metricOption,
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>-sweep)."),
            OptionSpec(name: "--quiet", value: nil, help: "No progress bar."),
            OptionSpec(
                name: "--emit-job", value: nil,
                help: "Print a batch/v1 Indexed Job that runs the sweep's shards on a cluster, instead of running it."),
            OptionSpec(name: "--image", value: "IMAGE", help: "With --emit-job: the kubesim image (see the Dockerfile)."),
            OptionSpec(name: "--shards", value: "N", help: "With --emit-job: the Job's completions, one shard each."),
            OptionSpec(name: "--parallelism", value: "P", help: "With --emit-job: shards at once (default: all)."),
            OptionSpec(name: "--claim", value: "NAME", help: "With --emit-job: the PersistentVolumeClaim the shards write to, at /results."),
        ],
        details:
            "Results are the same for any --jobs. Shard folders are joined with 'kubesim merge'. Exit codes: 0 success, 1 invalid scenario or a run that did not finish, 2 usage error, 4 the outputs could not be written."
    )

    /// The grid: each path with its values, in the order given (the first varies slowest).
    static func grid(_ arguments: ParsedArguments) throws(UsageError) -> [(path: String, values: [String])] {
        var grid: [(path: String, values: [String])] = []
        for text in arguments.values("--grid") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw UsageError(message: "--grid needs PATH=V1,V2,..., not '\(text)'")
            }
            let values = ValueList.split(text[text.index(after: equals)...])
            guard !values.contains(where: \.isEmpty) else { throw UsageError(message: "--grid '\(text)' has an empty value") }
            let path = String(text[..<equals])
            guard !grid.contains(where: { $0.path == path }) else {
                throw UsageError(message: "--grid \(path) is given twice: list every value in one --grid \(path)=V1,V2,...")
            }
            grid.append((path, values))
        }
        guard !grid.isEmpty else { throw UsageError(message: "sweep needs at least one --grid PATH=V1,V2,...") }
        return grid
    }

    /// `--shard I/N` or `--shard N` (I from JOB_COMPLETION_INDEX); nil for the whole sweep.
    static func shard(_ arguments: ParsedArguments) throws(UsageError) -> (index: Int, count: Int)? {
        guard let text = arguments.value("--shard") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let indexText = parts.count == 2 ? String(parts[0]) : ProcessInfo.processInfo.environment["JOB_COMPLETION_INDEX"] ?? ""
        guard parts.count <= 2, let count = Int(parts.last ?? ""), count >= 1, let index = Int(indexText), index >= 0, index < count else {
            throw UsageError(message: "--shard takes I/N with 0 ≤ I < N (or N with JOB_COMPLETION_INDEX set), not '\(text)'")
        }
        return (index, count)
    }

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "sweep takes exactly one scenario file") }
        let grid = try grid(arguments)
        if arguments.flag("--emit-job") {
            Console.out(try SweepJob(arguments, grid: grid).manifest)
            return .success
        }
        let seeds = try arguments.seedRange(), jobs = try arguments.jobs(), metrics = try arguments.studyMetrics()
        let shard = try shard(arguments)
        var points: [[String]] = [[]]
        for dimension in grid { points = points.flatMap { point in dimension.values.map { point + [$0] } } }
        let variants = points.map { point in
            (name: point.joined(separator: ","), overrides: zip(grid, point).compactMap { Override("\($0.path)=\($1)", option: "--grid") })
        }
        let base = try arguments.overrides()
        guard
            let plan = StudyExecution.plan(arguments.positionals[0], base: base, variants: variants, seeds: seeds, metrics: metrics, jobs: jobs)
        else {
            return .invalidInput
        }
        let all = plan.runs
        let chosen = all.indices.filter { index in shard.map { index % $0.count == $0.index } ?? true }
        guard let summaries = StudyExecution.run(plan, runs: chosen.map { all[$0] }, jobs: jobs, quiet: arguments.flag("--quiet")) else {
            return .invalidInput
        }
        let rows = zip(chosen, summaries).map { index, summary in
            SweepTable.Row(
                run: index, grid: points[all[index].variant], seed: all[index].seed,
                values: plan.metrics.map { $0.read(summary).map(SweepTable.number) ?? "" })
        }
        let table = SweepTable(gridPaths: grid.map(\.path), metricPaths: plan.metrics.map(\.path), rows: rows)
        let directory = arguments.value("--out") ?? "reports/\(plan.loaded[0].scenario.name)-sweep"
        let description = SweepDescription(
            scenario: plan.loaded[0].scenario.name, set: base.map { $0.path + "=" + $0.value }, grid: grid, seeds: seeds,
            metrics: plan.metrics.map(\.path), runs: all.count)
        let status = StudyExecution.write(
            [("sweep.json", description.json), ("sweep.csv", table.csv), ("sweep-summary.csv", table.summaryCSV)], to: directory)
        if status == .success && !arguments.flag("--quiet") {
            let part = shard.map { " (shard \($0.index) of \($0.count))" } ?? ""
            Console.out(
                "kubesim sweep: \(rows.count) of \(all.count) runs\(part), \(points.count) grid points × \(seeds.count) seeds; outputs in \(directory)/"
            )
        }
        return status
    }
}

/// `sweep.json`: what a sweep ran, the same for every shard, so that `merge` can check its inputs
/// belong together and are complete.
struct SweepDescription: Equatable {
    var scenario: String
    /// The `--set` overrides every run had, as `PATH=VALUE` (written only when there are some, so a
    /// sweep without them keeps the file it always had).
    var set: [String] = []
    var grid: [(path: String, values: [String])]
    var seeds: [UInt64]
    var metrics: [String]
    var runs: Int

    static func == (left: SweepDescription, right: SweepDescription) -> Bool { left.json == right.json }

    var json: String {
        JSONValue.object(
            [("scenario", .string(scenario))] + (set.isEmpty ? [] : [("set", .array(set.map(JSONValue.string)))]) + [
                ("grid", .array(grid.map { .object([("path", .string($0.path)), ("values", .array($0.values.map(JSONValue.string)))]) })),
                ("seeds", .array(seeds.map { .int(Int64($0)) })), ("metrics", .array(metrics.map(JSONValue.string))), ("runs", .int(Int64(runs))),
            ]
        ).serialized(pretty: true) + "\n"
    }

    /// Reads a `sweep.json` back; nil when it is not one: a seed that is not a whole number from 0
    /// to 2^63 − 1, or a count of runs other than grid points × seeds, is not one.
    init?(json text: String) {
        guard let object = try? JSONValue.parse(text), let scenario = object["scenario"]?.stringValue,
            let grid = object["grid"]?.arrayValue, let seedValues = object["seeds"]?.arrayValue,
            let metricValues = object["metrics"]?.arrayValue, case .int(let runs)? = object["runs"]
        else { return nil }
        var seeds: [UInt64] = []
        for value in seedValues {
            guard case .int(let seed) = value, seed >= 0 else { return nil }
            seeds.append(UInt64(seed))
        }
        let metrics = metricValues.compactMap(\.stringValue)
        guard metrics.count == metricValues.count else { return nil }
        let setValues = object["set"]?.arrayValue ?? []
        let set = setValues.compactMap(\.stringValue)
        guard set.count == setValues.count else { return nil }
        var dimensions: [(path: String, values: [String])] = []
        var expected = seeds.count
        for dimension in grid {
            guard let path = dimension["path"]?.stringValue, let valueList = dimension["values"]?.arrayValue else { return nil }
            let values = valueList.compactMap(\.stringValue)
            guard values.count == valueList.count else { return nil }
            let (product, overflow) = expected.multipliedReportingOverflow(by: values.count)
            guard !overflow else { return nil }
            expected = product
            dimensions.append((path, values))
        }
        guard runs == Int64(expected) else { return nil }
        self.init(scenario: scenario, set: set, grid: dimensions, seeds: seeds, metrics: metrics, runs: expected)
    }

    init(scenario: String, set: [String] = [], grid: [(path: String, values: [String])], seeds: [UInt64], metrics: [String], runs: Int) {
        self.scenario = scenario
        self.set = set
        self.grid = grid
        self.seeds = seeds
        self.metrics = metrics
        self.runs = runs
    }
}
