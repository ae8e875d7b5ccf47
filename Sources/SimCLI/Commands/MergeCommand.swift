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
        let runs = rows.map(\.run).sorted()
        guard runs == Array(0..<description.runs) else {
            let present = Set(runs)
            let missing = (0..<description.runs).filter { !present.contains($0) }
            let twice = Dictionary(grouping: runs, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            Console.error(
                "kubesim merge: error: the shards do not hold every run once: "
                    + (missing.isEmpty ? "" : "missing runs \(missing.prefix(10).map(String.init).joined(separator: ", "))")
                    + (twice.isEmpty ? "" : " runs in two shards \(twice.prefix(10).map(String.init).joined(separator: ", "))"))
            return .invalidInput
        }
        merged.rows = rows
        return StudyExecution.write(
            [("sweep.json", description.json), ("sweep.csv", merged.csv), ("sweep-summary.csv", merged.summaryCSV)], to: directory)
    }
}
