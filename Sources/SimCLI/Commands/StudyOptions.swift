import Foundation
import Scenarios
import SimCore

/// What the study commands (`compare`, `sweep`, `capacity`) share: seeds, worker threads, the
/// metrics to read, running the plan with a progress bar, and writing their files as one set.
extension ParsedArguments {
    /// `--seeds A..B` (inclusive) or `--seeds N`; 1..5 by default.
    func seedRange() throws(UsageError) -> [UInt64] {
        guard let text = value("--seeds") else { return Array(1...5) }
        guard let range = SeedRange(text) else {
            throw UsageError(
                message: "--seeds takes A..B (0 ≤ A ≤ B < 2^63, at most \(SeedRange.maximumCount) seeds) or N, not '\(text)'")
        }
        return range.seeds
    }

    /// `--jobs N`: worker threads; by default one per core.
    func jobs() throws(UsageError) -> Int {
        guard let text = value("--jobs") else { return ProcessInfo.processInfo.activeProcessorCount }
        guard let jobs = Int(text), jobs >= 1, jobs <= 1_024 else { throw UsageError(message: "--jobs takes a number from 1 to 1024, not '\(text)'") }
        return jobs
    }

    /// Every `--metric PATH`; nil for the defaults.
    func studyMetrics() throws(UsageError) -> [StudyMetric]? {
        let texts = values("--metric")
        guard !texts.isEmpty else { return nil }
        var metrics: [StudyMetric] = []
        for text in texts {
            guard let metric = StudyMetric(path: text) else {
                throw UsageError(
                    message:
                        "--metric '\(text)' is not a summary field: a top-level path such as cluster.cpuRequestedRatio.max or faults[0].recoverySeconds, or workloads[Kind/namespace/name].availability"
                )
            }
            metrics.append(metric)
        }
        return metrics
    }
}

/// Running a study's plan from the CLI.
enum StudyExecution {
    static let seedOption = OptionSpec(name: "--seeds", value: "A..B", help: "Seeds to run every variant on (default 1..5).")
    static let jobsOption = OptionSpec(name: "--jobs", value: "N", help: "Worker threads (default: one per core); results do not depend on it.")
    static let metricOption = OptionSpec(
        name: "--metric", value: "PATH", help: "A summary field to report (repeatable; default: size, use, waits, availability, time to recover).",
        repeatable: true)

    static let setOption = OptionSpec(
        name: "--set", value: "PATH=VALUE",
        help: "Override a scenario field in every run (repeatable); a variant, grid or --vary value of the same field wins.",
        repeatable: true)

    /// Loads the plan's variants, each with `base` (the `--set` overrides) before its own; prints
    /// the error and returns nil when one does not load.
    static func plan(
        _ scenario: String, base: [Override], variants: [(name: String, overrides: [Override])], seeds: [UInt64], metrics: [StudyMetric]?,
        jobs: Int
    ) -> StudyPlan? {
        do {
            return try StudyPlan(
                scenario: scenario, variants: variants.map { ($0.name, base + $0.overrides) }, seeds: seeds, metrics: metrics, jobs: jobs)
        } catch {
            Console.error(error.description)
            return nil
        }
    }

    /// Runs `runs` of `plan` with a progress bar (its line starting with `label`, when given); prints each failed run and returns nil when any
    /// failed (a study never reports on runs that did not finish).
    static func run(_ plan: StudyPlan, runs: [StudyRun], jobs: Int, quiet: Bool, label: String = "") -> [RunSummary]? {
        let bar = ProgressLine(quiet: quiet, total: runs.count, label: label)
        let outcomes = StudyRunner.run(runs, variants: plan.loaded, jobs: jobs) { done, _ in bar.update(done) }
        bar.finish()
        var summaries: [RunSummary] = []
        var failed = false
        for (run, outcome) in zip(runs, outcomes) {
            switch outcome {
            case .finished(let summary): summaries.append(summary)
            case .failed(let message):
                failed = true
                Console.error("kubesim: run of \(plan.variants[run.variant].name) with seed \(run.seed) failed: \(message)")
            }
        }
        return failed ? nil : summaries
    }

    /// Writes files into `directory` as one set (all or none), reporting a failure.
    static func write(_ files: [(name: String, text: String)], to directory: String) -> ExitCode {
        do {
            let output = try OutputSet(directory: directory, names: files.map(\.name))
            do {
                for (name, text) in files { try output.write(name) { file throws(OutputSet.WriteError) in try file.write(text) } }
                try output.commit()
            } catch {
                output.abandon()
                throw error
            }
        } catch {
            Console.error("kubesim: error: \(error); the previous outputs in \(directory), if any, are as they were")
            return .outputFailed
        }
        return .success
    }
}

/// The numbers of the studies' JSON files.
extension JSONValue {
    /// A number, or null for NaN and infinities (a mean of no values), which JSON cannot hold.
    static func finite(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }

    /// `[low, high]` of a 95 % interval, or null when there is none (fewer than two values).
    static func interval(_ value: MeanInterval) -> JSONValue {
        guard let low = value.low, let high = value.high else { return .null }
        return .array([.finite(low), .finite(high)])
    }
}

/// Progress of a study on standard error (runs done, of all, and the time left), on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let total: Int
    private let label: String
    private let start = ContinuousClock.now
    private var shown = false
    /// The most runs shown done: workers report after storing their result, so a report can
    /// arrive after a later one and must not move the bar back.
    private var shownDone = -1

    init(quiet: Bool, total: Int, label: String = "") {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
        self.total = total
        self.label = label.isEmpty ? "" : label + " "
    }

    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard done > shownDone else { return }
        shownDone = done
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let left = done > 0 ? seconds / Double(done) * Double(total - done) : 0
        let width = 30
        let filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label)[\(bar)] \(done)/\(total) runs, ETA \(Int(left.rounded())) s   ".utf8))
        shown = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
