import Dispatch
import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// The run API studies will call by the thousand, across threads.
@Suite("Scenario runs")
struct ScenarioRunTests {
    /// A run's result with its wall-clock time, the one non-reproducible value, set aside.
    static func reproducible(_ result: RunResult) -> RunResult {
        var result = result
        result.summary.wallSeconds = 0
        return result
    }

    @Test("runs on several threads at once give the results of runs one at a time, for each seed")
    func parallelRuns() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot + "/scenarios/drain-blocked-by-pdb.yaml")
        let seeds: [UInt64] = [1, 2, 3, 4]
        let alone = try seeds.map { seed in
            var seeded = scenario
            seeded.setup.seed = seed
            return Self.reproducible(try ScenarioRun.run(seeded))
        }
        let together = Results(count: seeds.count)
        DispatchQueue.concurrentPerform(iterations: seeds.count) { index in
            var seeded = scenario
            seeded.setup.seed = seeds[index]
            together.store((try? ScenarioRun.run(seeded)).map(Self.reproducible), at: index)
        }
        for index in seeds.indices { #expect(together.values[index] == alone[index], "seed \(seeds[index])") }
        #expect(alone[0] != alone[1], "different seeds give different runs")
    }

    @Test("a run's result carries its expectations checked on the typed summary")
    func expectationsOnTheSummary() throws {
        let result = try ScenarioRun.run(try ScenarioLoader.load(repositoryRoot + "/scenarios/drain-blocked-by-pdb.yaml"))
        // The scenario expects web's availability of at least 0.9; its summary entry holds it.
        let web = try #require(result.summary.workloads.first { $0.path == "Deployment/checkout/web" })
        let check = try #require(result.summary.expectations.first)
        #expect(check.expectation.metric == "availability" && check.actual == web.availability && check.passed == (web.availability >= 0.9))
        #expect(result.summary.value(of: "pods.created") == Double(result.summary.pods.created))
    }

    /// Results written by several threads, each to its own index.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [RunResult?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func store(_ value: RunResult?, at index: Int) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
    }
}
