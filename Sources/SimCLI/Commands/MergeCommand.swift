import Foundation
import Scenarios

/// `kubesim merge DIR... --out DIR`: joins the folders of a sharded sweep into exactly the files
/// the whole sweep writes.
enum MergeCommand {
    static let spec = CommandSpec(
        name: "merge", usage: "kubesim merge DIR... --out DIR",
        summary: "Join the output folders of a sweep's shards (--shard) into the files one unsharded sweep writes.",
        options: [OptionSpec(name: "--out", value: "DIR", help: "The folder for the joined sweep (required).")],
        details:
            "Every run of the sweep must be in exactly one shard. Exit codes: 0 success, 1 the shards do not make one sweep, 2 usage error, 4 the outputs could not be written."
    )

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard !arguments.positionals.isEmpty else { throw UsageError(message: "merge needs the shards' folders") }
        guard let directory = arguments.value("--out") else { throw UsageError(message: "merge needs --out DIR") }
        var description: SweepDescription?
        var rows: [SweepTable.Row] = []
        var table: SweepTable?
        for folder in arguments.positionals {
            let jsonPath = (folder as NSString).appendingPathComponent("sweep.json")
            let csvPath = (folder as NSString).appendingPathComponent("sweep.csv")
            guard let json = try? String(contentsOfFile: jsonPath, encoding: .utf8), let shardDescription = SweepDescription(json: json) else {
                Console.error("kubesim merge: error: \(jsonPath) is missing or not a sweep's sweep.json")
                return .invalidInput
            }
            if let description, description != shardDescription {
                Console.error("kubesim merge: error: \(folder) is a shard of another sweep (its sweep.json differs)")
                return .invalidInput
            }
            description = shardDescription
            guard let csv = try? String(contentsOfFile: csvPath, encoding: .utf8),
                let shard = SweepTable.parse(csv: csv, gridCount: shardDescription.grid.count)
            else {
                Console.error("kubesim merge: error: \(csvPath) is missing or not a sweep's sweep.csv")
                return .invalidInput
            }
            rows += shard.rows
            table = shard
        }
        guard let description, var merged = table else { return .invalidInput }
        let coverage = Coverage(runs: rows.map(\.run), count: description.runs)
        guard coverage.isComplete else {
            Console.error("kubesim merge: error: the shards do not hold every run of the sweep once: \(coverage)")
            return .invalidInput
        }
        merged.rows = rows
        return StudyExecution.write(
            [("sweep.json", description.json), ("sweep.csv", merged.csv), ("sweep-summary.csv", merged.summaryCSV)], to: directory)
    }
}

/// Which runs of a sweep of `count` runs (numbered from 0) a set of shard rows holds: complete when
/// each is there exactly once. Worked out from the sorted rows, never from a list of all `count`
/// runs, so a sweep.json claiming 10^15 runs costs nothing.
struct Coverage: CustomStringConvertible {
    /// The first few runs missing, held twice, and not of the sweep at all.
    private(set) var missing: [Int] = []
    private(set) var twice: [Int] = []
    private(set) var outside: [Int] = []
    private(set) var isComplete = true

    /// How many of each are named.
    static let shown = 10

    init(runs: [Int], count: Int) {
        let sorted = runs.sorted()
        var next = 0
        for (index, run) in sorted.enumerated() {
            guard run >= 0, run < count else {
                isComplete = false
                if outside.count < Self.shown { outside.append(run) }
                continue
            }
            if index > 0, sorted[index - 1] == run {
                isComplete = false
                if twice.last != run, twice.count < Self.shown { twice.append(run) }
                continue
            }
            if run > next {
                isComplete = false
                while next < run, missing.count < Self.shown {
                    missing.append(next)
                    next += 1
                }
            }
            next = run + 1
        }
        if next < count {
            isComplete = false
            while next < count, missing.count < Self.shown {
                missing.append(next)
                next += 1
            }
        }
    }

    var description: String {
        func list(_ runs: [Int]) -> String { runs.map(String.init).joined(separator: ", ") + (runs.count == Self.shown ? ", …" : "") }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing runs \(list(missing))") }
        if !twice.isEmpty { parts.append("runs in two shards \(list(twice))") }
        if !outside.isEmpty { parts.append("runs not of the sweep \(list(outside))") }
        return parts.joined(separator: "; ")
    }
}
