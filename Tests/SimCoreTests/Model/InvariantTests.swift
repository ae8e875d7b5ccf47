import TestSupport
import Testing

@testable import SimCore

/// The invariant checks catch what they are for: a state changed behind the cluster's back.
@Suite("Cluster invariants")
struct InvariantTests {
    static func runningCluster() throws -> Simulation {
        let setup = SimulationSetup(
            name: "invariants", duration: Millis.minute, nodePools: [Build.pool("general", count: 2, cpu: 2_000)],
            deployments: [Build.deployment("web", replicas: 3, cpu: 500)])
        let simulation = try Simulation(setup)
        simulation.run(until: Millis.minute)
        return simulation
    }

    @Test("a consistent run has no violations")
    func consistent() throws {
        #expect(try Self.runningCluster().cluster.invariantViolations().isEmpty)
    }

    @Test("pods are conserved: a pod dropped from the table without the API's removal is reported")
    func podsConserved() throws {
        let cluster = try Self.runningCluster().cluster
        let lost = try #require(cluster.pods.ids.first)
        cluster.pods.remove(lost)
        let problems = cluster.invariantViolations()
        // 3 created, 0 removed through the API, but 2 left in the table.
        #expect(problems.contains("pods not conserved: 3 created − 0 removed, but 2 live (2 counted, 3 named)"))
    }

    @Test("capacity is never exceeded: a node whose requests pass its allocatable is reported")
    func capacity() throws {
        let cluster = try Self.runningCluster().cluster
        let node = NodeID(0)
        cluster.nodes.allocatable[0].cpu = 0
        let problems = cluster.invariantViolations()
        #expect(problems.contains { $0.hasPrefix("node \(cluster.nodes.names[Int(node)]) requests ") && $0.contains("beyond allocatable") })
    }
}
