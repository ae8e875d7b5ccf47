import Testing
@testable import SimCore
import TestSupport

/// Ports `TestRequestedToCapacityRatioScoringStrategy`, `TestBrokenLinearFunction`,
/// `TestResourceBinPackingSingleExtended` and `TestResourceBinPackingMultipleExtended` from
/// upstream's `pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio_test.go`:
/// NodeResourcesFit with the RequestedToCapacityRatio strategy. Shape scores 0–10 are scaled by 10;
/// per resource `f(requested × 100 / allocatable)` in integer arithmetic; only resources scoring
/// above 0 count; node score `round(Σ score × weight / Σ weight)`.
@Suite("Upstream RequestedToCapacityRatio")
struct UpstreamRequestedToCapacityRatioTests {
    private static let mebibyte: Int64 = 1 << 20

    private func shape(_ points: [(Int64, Int64)]) -> [UtilizationShapePoint] {
        points.map { UtilizationShapePoint(utilization: $0.0, score: $0.1) }
    }

    /// The default resources (cpu, memory) with the shape (0, 10), (100, 0): emptier nodes score higher.
    private var leastRequestedShape: NodeResourcesFit {
        NodeResourcesFit(strategy: .requestedToCapacityRatio(shape: shape([(0, 10), (100, 0)])))
    }

    @Test("default resources — upstream case \"nothing scheduled, nothing requested (default - least requested nodes have priority)\"")
    func nothingRequested() {
        var fixture = ClusterFixture()
        let node1 = fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 4_000, memory: 10_000)
        fixture.addPod(on: node1)
        fixture.addPod(on: node1)
        let pod = fixture.addPod()
        // Pods without containers request nothing: utilization 0 → f(0) = 100 for cpu and memory.
        #expect(fixture.scores(leastRequestedShape, for: pod) == [100, 100])
    }

    @Test("default resources — upstream case \"nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)\"")
    func differentlySizedNodes() {
        var fixture = ClusterFixture()
        let node1 = fixture.node("node1", cpu: 4_000, memory: 10_000)
        fixture.node("node2", cpu: 6_000, memory: 10_000)
        fixture.addPod(on: node1)
        fixture.addPod(on: node1)
        let pod = fixture.addPod(PodSpec(containers: [ClusterFixture.container(cpu: 1_000, memory: 2_000),
                                                      ClusterFixture.container(cpu: 2_000, memory: 3_000)]))
        // node1: cpu 3000 × 100 / 4000 = 75 → 100 − 100 × 75 / 100 = 25; memory 50 → 50;
        // round((25 + 50) / 2) = round(37.5) = 38. node2: cpu 50 → 50, memory 50 → 50.
        #expect(fixture.scores(leastRequestedShape, for: pod) == [38, 50])
    }

    @Test("default resources — upstream case \"no resources requested, pods scheduled with resources (default - least requested nodes have priority)\"")
    func existingPodsRequest() {
        var fixture = ClusterFixture()
        let node1 = fixture.node("node1", cpu: 4_000, memory: 10_000)
        let node2 = fixture.node("node2", cpu: 6_000, memory: 10_000)
        fixture.addPod(PodSpec(containers: [ClusterFixture.container(cpu: 3_000, memory: 5_000)]), on: node1)
        fixture.addPod(PodSpec(containers: [ClusterFixture.container(cpu: 3_000, memory: 5_000)]), on: node2)
        let pod = fixture.addPod()
        // The same utilizations as above, from the scheduled pods: 38, 50.
        #expect(fixture.scores(leastRequestedShape, for: pod) == [38, 50])
    }

    @Test("broken linear function — upstream TestBrokenLinearFunction", arguments: [
        // Points (10, 1), (90, 9), scaled to (10, 10), (90, 90): flat at 10 below 10, then
        // 10 + 80 × (p − 10) / 80 = p up to 90, flat at 90 above. Upstream evaluates the unscaled
        // shape (1 + 8 × (p − 10) / 80 truncates to 1 at p = 15); kubesim's function is always
        // called on the scaled shape, as the plugin does.
        ([(10, 1), (90, 9)], [(-10, 10), (0, 10), (9, 10), (10, 10), (15, 15), (19, 19), (20, 20), (89, 89), (90, 90), (99, 90),
                              (100, 90), (110, 90)]),
        // (0, 20), (40, 100), (100, 0): 20 + 80 × p / 40 up to 40, then 100 − 100 × (p − 40) / 60;
        // upstream's values × 10.
        ([(0, 2), (40, 10), (100, 0)], [(-10, 20), (0, 20), (20, 60), (30, 80), (40, 100), (70, 50), (100, 0), (110, 0)]),
        // A flat shape at 2 → 20 everywhere.
        ([(0, 2), (40, 2), (100, 2)], [(-10, 20), (0, 20), (20, 20), (30, 20), (40, 20), (70, 20), (100, 20), (110, 20)]),
    ] as [([(Int64, Int64)], [(Int64, Int64)])])
    func brokenLinear(points: [(Int64, Int64)], assertions: [(Int64, Int64)]) {
        for (utilization, expected) in assertions {
            #expect(NodeResourcesFit.brokenLinear(shape(points), utilization) == expected, "utilization \(utilization)")
        }
    }

    // MARK: Extended resources, shape (0, 0), (100, 1): fuller nodes score higher (bin packing).

    private static let foo = "intel.com/foo"
    private static let bar = "intel.com/bar"

    /// node1 and node2 with 4000m cpu, 10000 MiB memory and the given extended resources.
    private func extendedNodes(_ fixture: inout ClusterFixture, _ node1: [(String, Int64)], _ node2: [(String, Int64)]) -> (NodeID, NodeID) {
        func capacity(_ scalars: [(String, Int64)]) -> Resources {
            Resources(cpu: 4_000, memory: 10_000 * Self.mebibyte, pods: ClusterFixture.upstreamPodSlots,
                      scalars: scalars.map { ResourceAmount($0.0, $0.1) })
        }
        return (fixture.bareNode("node1", capacity: capacity(node1)), fixture.bareNode("node2", capacity: capacity(node2)))
    }

    private func binPacking(_ resources: [ResourceWeight]) -> NodeResourcesFit {
        NodeResourcesFit(strategy: .requestedToCapacityRatio(shape: shape([(0, 0), (100, 1)])), resources: resources)
    }

    private func requesting(_ requests: [(String, Int64)]) -> PodSpec {
        PodSpec(containers: [ClusterFixture.container(requests: requests)])
    }

    @Test("single extended resource — upstream case \"nothing scheduled, nothing requested\"")
    func singleNothingRequested() {
        var fixture = ClusterFixture()
        _ = extendedNodes(&fixture, [(Self.foo, 8)], [(Self.foo, 4)])
        let pod = fixture.addPod()
        // The pod does not request intel.com/foo: the resource is dropped, weight sum 0 → 0.
        #expect(fixture.scores(binPacking([ResourceWeight(Self.foo)]), for: pod) == [0, 0])
    }

    @Test("single extended resource — upstream case \"resources requested, pods scheduled with less resources\"")
    func singleLessResources() {
        var fixture = ClusterFixture()
        let (node1, _) = extendedNodes(&fixture, [(Self.foo, 8)], [(Self.foo, 4)])
        fixture.addPod(on: node1)
        let pod = fixture.addPod(requesting([(Self.foo, 2)]))
        // node1: 2 × 100 / 8 = 25 → 10 × 25 / 100 = 2. node2: 2 / 4 = 50% → 5.
        #expect(fixture.scores(binPacking([ResourceWeight(Self.foo)]), for: pod) == [2, 5])
    }

    @Test("single extended resource — upstream case \"resources requested, pods scheduled with resources, on node with existing pod running \"")
    func singleExistingPod() {
        var fixture = ClusterFixture()
        let (_, node2) = extendedNodes(&fixture, [(Self.foo, 8)], [(Self.foo, 4)])
        fixture.addPod(requesting([(Self.foo, 2)]), on: node2)
        let pod = fixture.addPod(requesting([(Self.foo, 2)]))
        // node1: 25% → 2. node2: (2 + 2) / 4 = 100% → 10.
        #expect(fixture.scores(binPacking([ResourceWeight(Self.foo)]), for: pod) == [2, 10])
    }

    @Test("single extended resource — upstream case \"resources requested, pods scheduled with more resources\"")
    func singleMoreResources() {
        var fixture = ClusterFixture()
        let (node1, _) = extendedNodes(&fixture, [(Self.foo, 8)], [(Self.foo, 4)])
        fixture.addPod(on: node1)
        let pod = fixture.addPod(requesting([(Self.foo, 4)]))
        // node1: 4 / 8 = 50% → 5. node2: 4 / 4 = 100% → 10.
        #expect(fixture.scores(binPacking([ResourceWeight(Self.foo)]), for: pod) == [5, 10])
    }

    /// foo weight 3, bar weight 5.
    private var weighted: NodeResourcesFit {
        binPacking([ResourceWeight(Self.foo, weight: 3), ResourceWeight(Self.bar, weight: 5)])
    }

    /// node1 with foo 8, bar 4; node2 with foo 4, bar 8.
    private func multipleNodes(_ fixture: inout ClusterFixture) -> (NodeID, NodeID) {
        extendedNodes(&fixture, [(Self.foo, 8), (Self.bar, 4)], [(Self.foo, 4), (Self.bar, 8)])
    }

    @Test("multiple extended resources — upstream case \"nothing scheduled, nothing requested\"")
    func multipleNothingRequested() {
        var fixture = ClusterFixture()
        _ = multipleNodes(&fixture)
        let pod = fixture.addPod()
        #expect(fixture.scores(weighted, for: pod) == [0, 0])
    }

    @Test("multiple extended resources — upstream case \"resources requested, pods scheduled with less resources\"")
    func multipleLessResources() {
        var fixture = ClusterFixture()
        let (node1, _) = multipleNodes(&fixture)
        fixture.addPod(on: node1)
        let pod = fixture.addPod(requesting([(Self.foo, 2), (Self.bar, 2)]))
        // node1: foo 25% → 2, bar 50% → 5: round((2 × 3 + 5 × 5) / 8) = round(3.875) = 4.
        // node2: foo 50% → 5, bar 25% → 2: round((15 + 10) / 8) = round(3.125) = 3.
        #expect(fixture.scores(weighted, for: pod) == [4, 3])
    }

    @Test("multiple extended resources — upstream case \"resources requested, pods scheduled with resources, on node with existing pod running \"")
    func multipleExistingPod() {
        var fixture = ClusterFixture()
        let (_, node2) = multipleNodes(&fixture)
        fixture.addPod(requesting([(Self.foo, 4), (Self.bar, 2)]), on: node2)
        let pod = fixture.addPod(requesting([(Self.foo, 2), (Self.bar, 2)]))
        // node1: 4 as above. node2: foo (4 + 2) > 4 → f(100) = 10, bar (2 + 2) / 8 = 50% → 5:
        // round((30 + 25) / 8) = round(6.875) = 7.
        #expect(fixture.scores(weighted, for: pod) == [4, 7])
    }

    @Test("multiple extended resources — upstream case \"resources requested, pods scheduled with more resources\"")
    func multipleMoreResources() {
        var fixture = ClusterFixture()
        let (node1, _) = multipleNodes(&fixture)
        fixture.addPod(on: node1)
        let pod = fixture.addPod(requesting([(Self.foo, 4), (Self.bar, 2)]))
        // node1: foo 50% → 5, bar 50% → 5: (15 + 25) / 8 = 5. node2: foo 100% → 10, bar 25% → 2:
        // (30 + 10) / 8 = 5.
        #expect(fixture.scores(weighted, for: pod) == [5, 5])
    }
}
