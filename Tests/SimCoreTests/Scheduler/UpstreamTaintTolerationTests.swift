import TestSupport
import Testing

@testable import SimCore

private func preferNo(_ key: String, _ value: String) -> Taint { Taint(key: key, value: value, effect: .preferNoSchedule) }
private func noSchedule(_ key: String, _ value: String) -> Taint { Taint(key: key, value: value, effect: .noSchedule) }

/// Ports `TestTaintTolerationScore` and `TestTaintTolerationFilter` from upstream's
/// `pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go`. Score: the number of
/// PreferNoSchedule taints not tolerated by the tolerations with an empty or PreferNoSchedule
/// effect, normalized in reverse (`100 − 100 × raw / max`, all 100 when max is 0).
@Suite("Upstream TaintToleration")
struct UpstreamTaintTolerationTests {
    /// Nodes with the given taints and a pod with `tolerations`.
    private func cluster(_ taints: [[Taint]], tolerations: [Toleration]) -> (ClusterFixture, PodID) {
        var fixture = ClusterFixture()
        for (index, nodeTaints) in taints.enumerated() { fixture.bareNode("node\(index)", taints: nodeTaints) }
        let pod = fixture.addPod(PodSpec(containers: [], tolerations: tolerations))
        return (fixture, pod)
    }

    // MARK: TestTaintTolerationScore

    /// A row of upstream's `TestTaintTolerationScore`: node0, node1, … with the given taints.
    struct ScoreCase: CustomTestStringConvertible, Sendable {
        let name: String
        let taints: [[Taint]]
        let tolerations: [Toleration]
        let expected: [Int64]
        var testDescription: String { name }
    }

    static let scoreCases: [ScoreCase] = [
        // Raw 0, 1; max 1: 100 − 0 = 100, 100 − 100 = 0.
        ScoreCase(
            name: "node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
            taints: [[preferNo("foo", "bar")], [preferNo("foo", "blah")]],
            tolerations: [Toleration(key: "foo", value: "bar", effect: .preferNoSchedule)],
            expected: [100, 0]),
        // Raw 0, 0, 0: max 0, every node 100.
        ScoreCase(
            name: "the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has",
            taints: [[], [preferNo("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
            tolerations: [
                Toleration(key: "cpu-type", value: "arm64", effect: .preferNoSchedule),
                Toleration(key: "disk-type", value: "ssd", effect: .preferNoSchedule),
            ],
            expected: [100, 100, 100]),
        // Raw 0, 1, 2; max 2: 100, 100 − 50 = 50, 0.
        ScoreCase(
            name: "the more intolerable taints a node has, the lower score it gets.",
            taints: [[], [preferNo("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
            tolerations: [Toleration(key: "foo", value: "bar", effect: .preferNoSchedule)],
            expected: [100, 50, 0]),
        // NoSchedule tolerations do not count for scoring, NoSchedule taints are not scored:
        // raw 0, 0, 2; max 2: 100, 100, 0.
        ScoreCase(
            name: "only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function",
            taints: [[], [noSchedule("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
            tolerations: [
                Toleration(key: "cpu-type", value: "arm64", effect: .noSchedule),
                Toleration(key: "disk-type", value: "ssd", effect: .noSchedule),
            ],
            expected: [100, 100, 0]),
        // Raw 0, 1 → 100, 0.
        ScoreCase(
            name: "Default behaviour No taints and tolerations, lands on node with no taints",
            taints: [[], [preferNo("cpu-type", "arm64")]],
            tolerations: [],
            expected: [100, 0]),
    ]

    @Test("TestTaintTolerationScore", arguments: scoreCases)
    func score(_ testCase: ScoreCase) {
        let (fixture, pod) = cluster(testCase.taints, tolerations: testCase.tolerations)
        #expect(fixture.scores(TaintToleration(), for: pod) == testCase.expected)
    }

    // MARK: TestTaintTolerationFilter

    /// A row of upstream's `TestTaintTolerationFilter`: one node with `taints`; `message` is the
    /// rejection's reason, nil when the pod fits.
    struct FilterCase: CustomTestStringConvertible, Sendable {
        let name: String
        let tolerations: [Toleration]
        let taints: [Taint]
        let message: String?
        var testDescription: String { name }
    }

    static let filterCases: [FilterCase] = [
        FilterCase(
            name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
            tolerations: [], taints: [Taint(key: "dedicated", value: "user1", effect: .noSchedule)],
            message: "node(s) had untolerated taint {dedicated: user1}"),
        FilterCase(
            name: "A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
            tolerations: [Toleration(key: "dedicated", value: "user1", effect: .noSchedule)],
            taints: [Taint(key: "dedicated", value: "user1", effect: .noSchedule)], message: nil),
        FilterCase(
            name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
            tolerations: [Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule)],
            taints: [Taint(key: "dedicated", value: "user1", effect: .noSchedule)],
            message: "node(s) had untolerated taint {dedicated: user1}"),
        FilterCase(
            name: "A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
            tolerations: [Toleration(key: "foo", op: .exists, effect: .noSchedule)],
            taints: [Taint(key: "foo", value: "bar", effect: .noSchedule)], message: nil),
        FilterCase(
            name: "A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node",
            tolerations: [
                Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule),
                Toleration(key: "foo", op: .exists, effect: .noSchedule),
            ],
            taints: [Taint(key: "dedicated", value: "user2", effect: .noSchedule), Taint(key: "foo", value: "bar", effect: .noSchedule)],
            message: nil),
        FilterCase(
            name:
                "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
            tolerations: [Toleration(key: "foo", op: .equal, value: "bar", effect: .preferNoSchedule)],
            taints: [Taint(key: "foo", value: "bar", effect: .noSchedule)],
            message: "node(s) had untolerated taint {foo: bar}"),
        FilterCase(
            name:
                "The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node",
            tolerations: [Toleration(key: "foo", op: .equal, value: "bar")],
            taints: [Taint(key: "foo", value: "bar", effect: .noSchedule)], message: nil),
        FilterCase(
            name:
                "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
            tolerations: [Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule)],
            taints: [Taint(key: "dedicated", value: "user1", effect: .preferNoSchedule)], message: nil),
        FilterCase(
            name: "The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
            tolerations: [], taints: [Taint(key: "dedicated", value: "user1", effect: .preferNoSchedule)], message: nil),
    ]

    @Test("TestTaintTolerationFilter", arguments: filterCases)
    func filter(_ testCase: FilterCase) {
        let (fixture, pod) = cluster([testCase.taints], tolerations: testCase.tolerations)
        let failure = fixture.filter(TaintToleration(), for: pod).failures.first
        // A rejection is UnschedulableAndUnresolvable with the first untolerated taint in the message.
        #expect(failure.map { $0.reason.text(fixture.cluster.symbols) } == testCase.message)
        #expect(failure.map(\.code) == testCase.message.map { _ in .unschedulableAndUnresolvable })
    }
}
