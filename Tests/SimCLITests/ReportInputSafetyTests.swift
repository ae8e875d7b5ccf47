import Foundation
import TestSupport
import Testing

@testable import SimCLI

/// `kubesim report` reads folders a person may have edited: every number of every file it reads,
/// replaced in turn by a value no kubesim run writes, must give a page or an error, never a trap.
/// (`Int(_: Double)` traps on 1e300; a time of 1e300 once reached it through a duration label.)
@Suite("kubesim report on edited files")
struct ReportInputSafetyTests {
    /// Values no run writes: past Int64, past any time, not numbers, and the extremes of Double.
    static let hostile = ["1e300", "-1e300", "-9223372036854775809", "NaN"]

    /// The number tokens of `text` (JSON numbers and CSV fields), as ranges.
    static func numbers(in text: String) -> [Range<String.Index>] {
        let pattern = try? NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")
        let whole = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: whole) ?? []).compactMap { Range($0.range, in: text) }
    }

    /// Replaces each number of `file` in `folder` (of a CSV, those of its first `lines` lines) by
    /// each hostile value and draws the folder: returns how many pages and errors came out.
    static func mutate(_ file: String, in folder: String, lines: Int = 60) throws -> (pages: Int, errors: Int) {
        let path = folder + "/" + file
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let head = original.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
        defer { try? original.write(toFile: path, atomically: false, encoding: .utf8) }
        var pages = 0, errors = 0
        for token in numbers(in: head) {
            for value in hostile {
                var edited = original
                edited.replaceSubrange(token, with: value)
                try edited.write(toFile: path, atomically: false, encoding: .utf8)
                do {
                    if try ReportCommand.render(folder: folder) != nil { pages += 1 }
                } catch {
                    errors += 1
                }
            }
        }
        return (pages, errors)
    }

    @Test("every number of a run's summary.json, timeseries.csv and events.csv, made absurd, gives a page or an error")
    func runFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A run with a fault, an HPA, traffic and rollouts, so every marker and chart reads numbers;
        // sampled every 15 minutes to keep the files short.
        let run = try KubesimBinary.run([
            "run", "scenarios/zone-outage-at-peak.yaml", "--quiet", "--set", "spec.metrics.interval=15m", "--out", folder.path + "/run",
        ])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        // Only the events the report marks are read past their reason: keep those.
        let events = folder.path + "/run/events.csv"
        let marked = MarkedEvents.faultReasons.union(MarkedEvents.rolloutReasons).union([MarkedEvents.rescaleReason])
        let kept = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n").enumerated().filter { index, line in
            index == 0 || marked.contains(line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).first.map(String.init) ?? "")
        }
        #expect(kept.count > 10)
        try (kept.map { String($0.element) }.joined(separator: "\n") + "\n").write(toFile: events, atomically: false, encoding: .utf8)
        for (file, lines) in [("summary.json", 200), ("timeseries.csv", 30), ("events.csv", 200)] {
            let outcome = try Self.mutate(file, in: folder.path + "/run", lines: lines)
            #expect(outcome.pages + outcome.errors > 50, "\(file): \(outcome)")
        }
    }

    @Test("every number of compare.json, sweep-summary.csv and capacity.json, made absurd, gives a page or an error")
    func studyFolders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (fixture, file) in [("compare", "compare.json"), ("sweep", "sweep-summary.csv"), ("capacity", "capacity.json")] {
            let copy = folder.path + "/" + fixture
            try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/SimCLITests/ReportFixtures/" + fixture, toPath: copy)
            let outcome = try Self.mutate(file, in: copy)
            #expect(outcome.pages + outcome.errors > 50, "\(file): \(outcome)")
        }
    }
}
