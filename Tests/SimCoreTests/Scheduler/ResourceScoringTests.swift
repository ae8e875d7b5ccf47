import TestSupport
import Testing

@testable import SimCore

/// Ported from upstream's `least_allocated_test.go`, `most_allocated_test.go` and
/// `balanced_allocation_test.go` (pkg/scheduler/framework/plugins/noderesources); the arithmetic
/// above each expectation is worked out by hand from the formulas in reference §2.5.
@Suite("NodeResourcesFit and BalancedAllocation scores")
struct ResourceScoringTests {
    @Test("LeastAllocated: nothing scheduled, nothing requested — every node scores 100")
    func leastAllocatedNothingRequested() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 4_000, memory: 10_000)
        // A pod with no containers has no requests, not even the non-zero defaults:
        // (4000 − 0) × 100 / 4000 = 100 for cpu and memory; (100 + 100) / 2 = 100.
        let pod = fixture.pod(fixture.cluster.registerPodSpec(PodTemplate(spec: PodSpec(containers: [])), namespace: "default"))
        #expect(fixture.scores(NodeResourcesFit(), for: pod) == [100, 100])
    }

    @Test("LeastAllocated: nothing scheduled, resources requested, differently sized nodes")
    func leastAllocatedDifferentNodes() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 6_000, memory: 10_000)
        let pod = fixture.pod(fixture.spec([(1_000, 2_000), (2_000, 3_000)]))
        // node1: cpu (4000 − 3000) × 100 / 4000 = 25, memory (10000 − 5000) × 100 / 10000 = 50; (25 + 50) / 2 = 37.
        // node2: cpu (6000 − 3000) × 100 / 6000 = 50, memory 50; (50 + 50) / 2 = 50.
        #expect(fixture.scores(NodeResourcesFit(), for: pod) == [37, 50])
    }

    @Test("LeastAllocated: existing pods count with their non-zero requests")
    func leastAllocatedWithScheduledPods() {
        var fixture = ClusterFixture()
        let node1 = fixture.node("node1", cpu: 10_000, memory: 20_000)
        let node2 = fixture.node("node2", cpu: 10_000, memory: 20_000)
        fixture.pod(fixture.spec([(3_000, 0)]), on: node1)
        fixture.pod(fixture.spec([(3_000, 5_000)]), on: node2)
        let pod = fixture.pod(fixture.spec([(3_000, 5_000)]))
        // node1: cpu (10000 − 6000) × 100 / 10000 = 40; memory (20000 − 5000) × 100 / 20000 = 75; (40 + 75) / 2 = 57.
        // node2: cpu 40; memory (20000 − 10000) × 100 / 20000 = 50; (40 + 50) / 2 = 45.
        #expect(fixture.scores(NodeResourcesFit(), for: pod) == [57, 45])
    }

    @Test("LeastAllocated: a request above allocatable scores 0 for that resource")
    func leastAllocatedOverCapacity() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        let pod = fixture.pod(fixture.spec([(5_000, 5_000)]))
        // cpu: 5000 > 4000 → 0; memory 50; (0 + 50) / 2 = 25.
        #expect(fixture.scores(NodeResourcesFit(), for: pod) == [25])
    }

    @Test("LeastAllocated: a container without requests counts as 100m and 200Mi")
    func leastAllocatedDefaults() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 1_000, memory: 1_048_576_000)
        let pod = fixture.pod(fixture.spec([(nil, nil)]))
        // cpu (1000 − 100) × 100 / 1000 = 90; memory (1000Mi − 200Mi) × 100 / 1000Mi = 80; (90 + 80) / 2 = 85.
        #expect(fixture.scores(NodeResourcesFit(), for: pod) == [85])
    }

    @Test("weights: cpu weight 3, memory weight 1")
    func weightedResources() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        let pod = fixture.pod(fixture.spec([(3_000, 5_000)]))
        // cpu 25 × 3 + memory 50 × 1 = 125; 125 / 4 = 31.
        let plugin = NodeResourcesFit(resources: [ResourceWeight("cpu", weight: 3), ResourceWeight("memory", weight: 1)])
        #expect(fixture.scores(plugin, for: pod) == [31])
    }

    @Test("MostAllocated: fuller nodes score higher")
    func mostAllocated() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 6_000, memory: 10_000)
        let pod = fixture.pod(fixture.spec([(1_000, 2_000), (2_000, 3_000)]))
        // node1: cpu 3000 × 100 / 4000 = 75, memory 5000 × 100 / 10000 = 50; (75 + 50) / 2 = 62.
        // node2: cpu 3000 × 100 / 6000 = 50, memory 50; 50.
        #expect(fixture.scores(NodeResourcesFit(strategy: .mostAllocated), for: pod) == [62, 50])
    }

    @Test("BalancedAllocation: nothing scheduled, resources requested, differently sized nodes")
    func balancedDifferentNodes() {
        var fixture = ClusterFixture()
        fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 6_000, memory: 10_000)
        let pod = fixture.pod(fixture.spec([(1_000, 2_000), (2_000, 3_000)]))
        // node1: fractions 3000/4000 = 0.75 and 5000/10000 = 0.5; std |0.75 − 0.5| / 2 = 0.125; int((1 − 0.125) × 100) = 87.
        // node2: 0.5 and 0.5; std 0; 100.
        #expect(fixture.scores(BalancedAllocation(), for: pod) == [87, 100])
    }

    @Test("BalancedAllocation: uses actual requests (no defaults) and caps fractions at 1")
    func balancedActualRequestsAndCap() {
        var fixture = ClusterFixture()
        let node = fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.pod(fixture.spec([(3_000, 0)]), on: node)
        let pod = fixture.pod(fixture.spec([(2_000, nil)]))
        // cpu (3000 + 2000) / 4000 = 1.25 → capped at 1; memory: no request at all, so 0 / 10000 = 0.
        // std |1 − 0| / 2 = 0.5; int(0.5 × 100) = 50.
        #expect(fixture.scores(BalancedAllocation(), for: pod) == [50])
    }

    @Test("BalancedAllocation with three resources uses the population standard deviation")
    func balancedThreeFractions() {
        // Fractions 0.2, 0.5, 0.8: mean 0.5; variance (0.09 + 0 + 0.09) / 3 = 0.06; std 0.24495; int(75.505) = 75.
        #expect(BalancedAllocation.score(fractions: [0.2, 0.5, 0.8]) == 75)
        #expect(BalancedAllocation.score(fractions: [0.7]) == 100)
    }
}
