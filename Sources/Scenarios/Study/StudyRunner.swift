import Foundation
import SimCore

/// One run of a study: which variant (its loaded scenario) and which seed.
public struct StudyRun: Sendable, Hashable {
    public var variant: Int
    public var seed: UInt64
}

/// Runs a study's simulations on worker threads. Each run owns its simulation, and each result is
/// stored at its run's index, so the results are the same for any number of threads.
public enum StudyRunner {
    /// What became of one run: its summary, or why it did not finish.
    public enum Outcome: Sendable {
        case finished(RunSummary)
        case failed(String)

        public var summary: RunSummary? {
            if case .finished(let summary) = self { return summary }
            return nil
        }
    }

    /// Runs `runs` of the `variants` (each a scenario loaded with its overrides) on `jobs` threads,
    /// telling `progress` how many have finished after each one (from any thread, one at a time).
    public static func run(
        _ runs: [StudyRun], variants: [LoadedScenario], jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> [Outcome] {
        let state = SharedState(count: runs.count)
        let workers = max(1, min(jobs, runs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.take() {
                let run = runs[index]
                var loaded = variants[run.variant]
                loaded.setup.seed = run.seed
                loaded.scenario.seed = run.seed
                let outcome: Outcome
                do {
                    // Studies report summaries; wall time is left out so results are reproducible.
                    var summary = try ScenarioRun.run(loaded).summary
                    summary.wallSeconds = 0
                    outcome = .finished(summary)
                } catch {
                    outcome = .failed(String(describing: error))
                }
                let done = state.store(outcome, at: index)
                progress?(done, runs.count)
            }
        }
        return state.outcomes.map { $0 ?? .failed("not run") }
    }

    /// The work list and the results, shared by the worker threads under a lock.
    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var done = 0
        private(set) var outcomes: [Outcome?]

        init(count: Int) {
            outcomes = Array(repeating: nil, count: count)
        }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < outcomes.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ outcome: Outcome, at index: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            outcomes[index] = outcome
            done += 1
            return done
        }
    }
}

/// The seeds of a study, written `A..B` (inclusive) or `N`.
public struct SeedRange: Sendable, Hashable {
    public var seeds: [UInt64]

    /// At most this many seeds in one study.
    public static let maximumCount: UInt64 = 100_000

    public init?(_ text: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 1 || parts.count == 2, let first = UInt64(parts[0]), let last = UInt64(parts.last ?? "") else { return nil }
        // Seeds are at most 2^63 − 1, as a scenario's `seed` and summary.json's are.
        guard first <= last, last - first < Self.maximumCount, last <= UInt64(Int64.max) else { return nil }
        seeds = Array(first...last)
    }
}
