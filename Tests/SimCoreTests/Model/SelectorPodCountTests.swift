import TestSupport
import Testing

@testable import SimCore

/// The per-node pod counts PodTopologySpread reads instead of walking every pod.
@Suite("Selector pod counts")
struct SelectorPodCountTests {
    @Test("counts per node stay equal to a recount of bound, non-terminating matching pods as pods come, go and are killed")
    func countsFollowThePods() throws {
        let faults = [
            FaultSpec(
                at: 20_000,
                action: .podKill(
                    target: WorkloadReference(kind: .deployment, namespace: "default", name: "web"),
                    amount: .count(3), gracePeriod: 10_000)),
            FaultSpec(at: 40_000, action: .nodeDrain(node: "pool-1", force: true, uncordonAfter: nil)),
        ]
        let setup = SimulationSetup(
            name: "counts", seed: 5, duration: 120_000, nodePools: [Build.pool("pool", count: 3)],
            deployments: [Build.deployment("web", replicas: 6), Build.deployment("api", replicas: 4)], faults: faults)
        let simulation = try Build.simulation(setup)
        let cluster = simulation.cluster
        let namespace = try #require(cluster.symbols.lookup("default"))
        let selector = CompiledSelector(LabelSelector(matchLabels: Labels([("app", "web")])), symbols: cluster.symbols)
        // Registered before any pod exists, then kept current through the whole run.
        let handle = cluster.podCounts(namespace: namespace, selector: selector)
        var checks = 0
        simulation.observer = { simulation in
            let counts = simulation.cluster.matchingPodCounts(handle)
            for node in 0..<simulation.cluster.nodes.count {
                let recount = simulation.cluster.nodes.pods[node].filter { pod in
                    simulation.cluster.pods[pod].deletedAt == nil && simulation.cluster.pods[pod].namespace == namespace
                        && selector.matches(simulation.cluster.pods[pod].labels, symbols: simulation.cluster.symbols)
                }.count
                #expect(Int(counts[node]) == recount)
            }
            checks += 1
        }
        simulation.run(until: 120_000)
        #expect(checks > 10)
        // The drained node ends with no web pods; the six are on the two others.
        #expect(cluster.matchingPodCounts(handle).reduce(0, +) == 6 && cluster.matchingPodCounts(handle)[1] == 0)
    }
}
