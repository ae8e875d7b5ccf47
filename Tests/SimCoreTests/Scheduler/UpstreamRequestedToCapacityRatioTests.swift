import TestSupport
import Testing

@testable import SimCore

private func shape(_ points: [(Int64, Int64)]) -> [UtilizationShapePoint] {
    points.map { UtilizationShapePoint(utilization: $0.0, score: $0.1) }
}

/// Ports `TestRequestedToCapacityRatioScoringStrategy`, `TestBrokenLinearFunction`,
/// `TestResourceBinPackingSingleExtended` and `TestResourceBinPackingMultipleExtended` from
/// upstream's `pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio_test.go`:
/// NodeResourcesFit with the RequestedToCapacityRatio strategy. Shape scores 0–10 are scaled by 10;
/// per resource `f(requested × 100 / allocatable)` in integer arithmetic; only resources scoring
/// above 0 count; node score `round(Σ score × weight / Σ weight)`.
@Suite("Upstream RequestedToCapacityRatio")
struct UpstreamRequestedToCapacityRatioTests {
    private static let mebibyte: Int64 = 1 << 20

    // MARK: TestRequestedToCapacityRatioScoringStrategy

    /// The default resources (cpu, memory) with the shape (0, 10), (100, 0): emptier nodes score higher.
    private var leastRequestedShape: NodeResourcesFit {
        NodeResourcesFit(strategy: .requestedToCapacityRatio(shape: shape([(0, 10), (100, 0)])))
    }

    /// A row of upstream's `TestRequestedToCapacityRatioScoringStrategy`: node1, node2, … of the
    /// given capacities (millicores, bytes); pods bound to them with one container per (cpu,
    /// memory) request (none when empty); the incoming pod's containers likewise.
    struct DefaultResourcesCase: CustomTestStringConvertible, Sendable {
        let name: String
        let nodes: [(cpu: Int64, memory: Int64)]
        let existing: [(node: Int, containers: [(cpu: Int64, memory: Int64)])]
        let requests: [(cpu: Int64, memory: Int64)]
        let expected: [Int64]
        var testDescription: String { name }
    }

    static let defaultResourcesCases: [DefaultResourcesCase] = [
        // Pods without containers request nothing: utilization 0 → f(0) = 100 for cpu and memory.
        DefaultResourcesCase(
            name: "nothing scheduled, nothing requested (default - least requested nodes have priority)",
            nodes: [(4_000, 10_000), (4_000, 10_000)],
            existing: [(0, []), (0, [])],
            requests: [],
            expected: [100, 100]),
        // node1: cpu 3000 × 100 / 4000 = 75 → 100 − 100 × 75 / 100 = 25; memory 50 → 50;
        // round((25 + 50) / 2) = round(37.5) = 38. node2: cpu 50 → 50, memory 50 → 50.
        DefaultResourcesCase(
            name: "nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)",
            nodes: [(4_000, 10_000), (6_000, 10_000)],
            existing: [(0, []), (0, [])],
            requests: [(1_000, 2_000), (2_000, 3_000)],
            expected: [38, 50]),
        // The same utilizations as above, from the scheduled pods: 38, 50.
        DefaultResourcesCase(
            name: "no resources requested, pods scheduled with resources (default - least requested nodes have priority)",
            nodes: [(4_000, 10_000), (6_000, 10_000)],
            existing: [(0, [(3_000, 5_000)]), (1, [(3_000, 5_000)])],
            requests: [],
            expected: [38, 50]),
    ]

    @Test("TestRequestedToCapacityRatioScoringStrategy", arguments: defaultResourcesCases)
    func defaultResources(_ testCase: DefaultResourcesCase) {
        var fixture = ClusterFixture()
        let nodes = testCase.nodes.enumerated().map { index, node in
            fixture.node("node\(index + 1)", cpu: node.cpu, memory: node.memory)
        }
        func spec(_ containers: [(cpu: Int64, memory: Int64)]) -> PodSpec {
            PodSpec(containers: containers.map { ClusterFixture.container(cpu: $0.cpu, memory: $0.memory) })
        }
        for pod in testCase.existing { fixture.addPod(spec(pod.containers), on: nodes[pod.node]) }
        let pod = fixture.addPod(spec(testCase.requests))
        #expect(fixture.scores(leastRequestedShape, for: pod) == testCase.expected)
    }

    // MARK: TestBrokenLinearFunction

    /// A row of upstream's `TestBrokenLinearFunction`, which names its rows by their points only:
    /// the shape's points and (utilization, expected score) pairs.
    struct BrokenLinearCase: CustomTestStringConvertible, Sendable {
        let points: [(Int64, Int64)]
        let assertions: [(Int64, Int64)]
        var testDescription: String { "points " + points.map { "(\($0.0), \($0.1))" }.joined(separator: ", ") }
    }

    static let brokenLinearCases: [BrokenLinearCase] = [
        // Points (10, 1), (90, 9), scaled to (10, 10), (90, 90): flat at 10 below 10, then
        // 10 + 80 × (p − 10) / 80 = p up to 90, flat at 90 above. Upstream evaluates the unscaled
        // shape (1 + 8 × (p − 10) / 80 truncates to 1 at p = 15); kubesim's function is always
        // called on the scaled shape, as the plugin does.
        BrokenLinearCase(
            points: [(10, 1), (90, 9)],
            assertions: [
                (-10, 10), (0, 10), (9, 10), (10, 10), (15, 15), (19, 19), (20, 20), (89, 89), (90, 90), (99, 90),
                (100, 90), (110, 90),
            ]),
        // (0, 20), (40, 100), (100, 0): 20 + 80 × p / 40 up to 40, then 100 − 100 × (p − 40) / 60;
        // upstream's values × 10.
        BrokenLinearCase(
            points: [(0, 2), (40, 10), (100, 0)],
            assertions: [(-10, 20), (0, 20), (20, 60), (30, 80), (40, 100), (70, 50), (100, 0), (110, 0)]),
        // A flat shape at 2 → 20 everywhere.
        BrokenLinearCase(
            points: [(0, 2), (40, 2), (100, 2)],
            assertions: [(-10, 20), (0, 20), (20, 20), (30, 20), (40, 20), (70, 20), (100, 20), (110, 20)]),
    ]

    @Test("TestBrokenLinearFunction", arguments: brokenLinearCases)
    func brokenLinear(_ testCase: BrokenLinearCase) {
        for (utilization, expected) in testCase.assertions {
            #expect(NodeResourcesFit.brokenLinear(shape(testCase.points), utilization) == expected, "utilization \(utilization)")
        }
    }

    // MARK: Extended resources, shape (0, 0), (100, 1): fuller nodes score higher (bin packing).

    private static let foo = "intel.com/foo"
    private static let bar = "intel.com/bar"

    /// A pod spec with one container requesting `requests`, or no container when there are none.
    private static func requesting(_ requests: [(String, Int64)]) -> PodSpec {
        requests.isEmpty ? PodSpec(containers: []) : PodSpec(containers: [ClusterFixture.container(requests: requests)])
    }

    private func binPacking(_ resources: [ResourceWeight]) -> NodeResourcesFit {
        NodeResourcesFit(strategy: .requestedToCapacityRatio(shape: shape([(0, 0), (100, 1)])), resources: resources)
    }

    /// A row of upstream's `TestResourceBinPackingSingleExtended` or
    /// `TestResourceBinPackingMultipleExtended`: pods bound to node1 or node2 (by index) with their
    /// requests (no container when empty), and the incoming pod's requests.
    struct ExtendedCase: CustomTestStringConvertible, Sendable {
        let name: String
        let existing: [(node: Int, requests: [(String, Int64)])]
        let requests: [(String, Int64)]
        let expected: [Int64]
        var testDescription: String { name }
    }

    /// node1 and node2 with 4000m cpu, 10000 MiB memory and the given extended resources; the
    /// existing pods and the incoming one of `testCase`; its scores.
    private func extendedScores(
        _ testCase: ExtendedCase, node1: [(String, Int64)], node2: [(String, Int64)],
        plugin: NodeResourcesFit
    ) -> [Int64] {
        func capacity(_ scalars: [(String, Int64)]) -> Resources {
            Resources(
                cpu: 4_000, memory: 10_000 * Self.mebibyte, pods: ClusterFixture.upstreamPodSlots,
                scalars: scalars.map { ResourceAmount($0.0, $0.1) })
        }
        var fixture = ClusterFixture()
        let nodes = [fixture.bareNode("node1", capacity: capacity(node1)), fixture.bareNode("node2", capacity: capacity(node2))]
        for pod in testCase.existing { fixture.addPod(Self.requesting(pod.requests), on: nodes[pod.node]) }
        let pod = fixture.addPod(Self.requesting(testCase.requests))
        return fixture.scores(plugin, for: pod)
    }

    // MARK: TestResourceBinPackingSingleExtended: node1 with foo 8, node2 with foo 4.

    static let singleExtendedCases: [ExtendedCase] = [
        // The pod does not request intel.com/foo: the resource is dropped, weight sum 0 → 0.
        ExtendedCase(name: "nothing scheduled, nothing requested", existing: [], requests: [], expected: [0, 0]),
        // node1: 2 × 100 / 8 = 25 → 10 × 25 / 100 = 2. node2: 2 / 4 = 50% → 5.
        ExtendedCase(
            name: "resources requested, pods scheduled with less resources",
            existing: [(0, [])], requests: [(foo, 2)], expected: [2, 5]),
        // node1: 25% → 2. node2: (2 + 2) / 4 = 100% → 10.
        ExtendedCase(
            name: "resources requested, pods scheduled with resources, on node with existing pod running ",
            existing: [(1, [(foo, 2)])], requests: [(foo, 2)], expected: [2, 10]),
        // node1: 4 / 8 = 50% → 5. node2: 4 / 4 = 100% → 10.
        ExtendedCase(
            name: "resources requested, pods scheduled with more resources",
            existing: [(0, [])], requests: [(foo, 4)], expected: [5, 10]),
    ]

    @Test("TestResourceBinPackingSingleExtended", arguments: singleExtendedCases)
    func singleExtended(_ testCase: ExtendedCase) {
        #expect(
            extendedScores(testCase, node1: [(Self.foo, 8)], node2: [(Self.foo, 4)], plugin: binPacking([ResourceWeight(Self.foo)]))
                == testCase.expected)
    }

    // MARK: TestResourceBinPackingMultipleExtended: foo weight 3, bar weight 5; node1 with foo 8,
    // bar 4; node2 with foo 4, bar 8.

    static let multipleExtendedCases: [ExtendedCase] = [
        ExtendedCase(name: "nothing scheduled, nothing requested", existing: [], requests: [], expected: [0, 0]),
        // node1: foo 25% → 2, bar 50% → 5: round((2 × 3 + 5 × 5) / 8) = round(3.875) = 4.
        // node2: foo 50% → 5, bar 25% → 2: round((15 + 10) / 8) = round(3.125) = 3.
        ExtendedCase(
            name: "resources requested, pods scheduled with less resources",
            existing: [(0, [])], requests: [(foo, 2), (bar, 2)], expected: [4, 3]),
        // node1: 4 as above. node2: foo (4 + 2) > 4 → f(100) = 10, bar (2 + 2) / 8 = 50% → 5:
        // round((30 + 25) / 8) = round(6.875) = 7.
        ExtendedCase(
            name: "resources requested, pods scheduled with resources, on node with existing pod running ",
            existing: [(1, [(foo, 4), (bar, 2)])], requests: [(foo, 2), (bar, 2)], expected: [4, 7]),
        // node1: foo 50% → 5, bar 50% → 5: (15 + 25) / 8 = 5. node2: foo 100% → 10, bar 25% → 2:
        // (30 + 10) / 8 = 5.
        ExtendedCase(
            name: "resources requested, pods scheduled with more resources",
            existing: [(0, [])], requests: [(foo, 4), (bar, 2)], expected: [5, 5]),
    ]

    @Test("TestResourceBinPackingMultipleExtended", arguments: multipleExtendedCases)
    func multipleExtended(_ testCase: ExtendedCase) {
        let weighted = binPacking([ResourceWeight(Self.foo, weight: 3), ResourceWeight(Self.bar, weight: 5)])
        #expect(
            extendedScores(testCase, node1: [(Self.foo, 8), (Self.bar, 4)], node2: [(Self.foo, 4), (Self.bar, 8)], plugin: weighted)
                == testCase.expected)
    }
}
