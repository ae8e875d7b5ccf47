import Testing
@testable import SimCore
import TestSupport

/// Ports `TestTaintTolerationScore` and `TestTaintTolerationFilter` from upstream's
/// `pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go`. Score: the number of
/// PreferNoSchedule taints not tolerated by the tolerations with an empty or PreferNoSchedule
/// effect, normalized in reverse (`100 − 100 × raw / max`, all 100 when max is 0).
@Suite("Upstream TaintToleration")
struct UpstreamTaintTolerationTests {
    private func preferNo(_ key: String, _ value: String) -> Taint { Taint(key: key, value: value, effect: .preferNoSchedule) }
    private func noSchedule(_ key: String, _ value: String) -> Taint { Taint(key: key, value: value, effect: .noSchedule) }

    /// Nodes with the given taints and a pod with `tolerations`.
    private func cluster(_ taints: [[Taint]], tolerations: [Toleration]) -> (ClusterFixture, PodID) {
        var fixture = ClusterFixture()
        for (index, nodeTaints) in taints.enumerated() { fixture.bareNode("node\(index)", taints: nodeTaints) }
        let pod = fixture.addPod(PodSpec(containers: [], tolerations: tolerations))
        return (fixture, pod)
    }

    @Test("score — upstream case \"node with taints tolerated by the pod, gets a higher score than those node with intolerable taints\"")
    func toleratedScoresHigher() {
        let (fixture, pod) = cluster([[preferNo("foo", "bar")], [preferNo("foo", "blah")]],
                                     tolerations: [Toleration(key: "foo", value: "bar", effect: .preferNoSchedule)])
        // Raw 0, 1; max 1: 100 − 0 = 100, 100 − 100 = 0.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 0])
    }

    @Test("score — upstream case \"the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has\"")
    func toleratedCountDoesNotMatter() {
        let (fixture, pod) = cluster([[], [preferNo("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
                                     tolerations: [Toleration(key: "cpu-type", value: "arm64", effect: .preferNoSchedule),
                                                   Toleration(key: "disk-type", value: "ssd", effect: .preferNoSchedule)])
        // Raw 0, 0, 0: max 0, every node 100.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 100, 100])
    }

    @Test("score — upstream case \"the more intolerable taints a node has, the lower score it gets.\"")
    func moreTaintsScoreLower() {
        let (fixture, pod) = cluster([[], [preferNo("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
                                     tolerations: [Toleration(key: "foo", value: "bar", effect: .preferNoSchedule)])
        // Raw 0, 1, 2; max 2: 100, 100 − 50 = 50, 0.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 50, 0])
    }

    @Test("score — upstream case \"only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function\"")
    func onlyPreferNoScheduleCounts() {
        let (fixture, pod) = cluster([[], [noSchedule("cpu-type", "arm64")], [preferNo("cpu-type", "arm64"), preferNo("disk-type", "ssd")]],
                                     tolerations: [Toleration(key: "cpu-type", value: "arm64", effect: .noSchedule),
                                                   Toleration(key: "disk-type", value: "ssd", effect: .noSchedule)])
        // NoSchedule tolerations do not count for scoring, NoSchedule taints are not scored:
        // raw 0, 0, 2; max 2: 100, 100, 0.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 100, 0])
    }

    @Test("score — upstream case \"Default behaviour No taints and tolerations, lands on node with no taints\"")
    func noTolerations() {
        let (fixture, pod) = cluster([[], [preferNo("cpu-type", "arm64")]], tolerations: [])
        // Raw 0, 1 → 100, 0.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 0])
    }

    @Test("filter", arguments: [
        ("A pod having no tolerations can't be scheduled onto a node with nonempty taints",
         [], [Taint(key: "dedicated", value: "user1", effect: .noSchedule)], "node(s) had untolerated taint {dedicated: user1}"),
        ("A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
         [Toleration(key: "dedicated", value: "user1", effect: .noSchedule)], [Taint(key: "dedicated", value: "user1", effect: .noSchedule)], nil),
        ("A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
         [Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule)], [Taint(key: "dedicated", value: "user1", effect: .noSchedule)],
         "node(s) had untolerated taint {dedicated: user1}"),
        ("A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
         [Toleration(key: "foo", op: .exists, effect: .noSchedule)], [Taint(key: "foo", value: "bar", effect: .noSchedule)], nil),
        ("A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node",
         [Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule), Toleration(key: "foo", op: .exists, effect: .noSchedule)],
         [Taint(key: "dedicated", value: "user2", effect: .noSchedule), Taint(key: "foo", value: "bar", effect: .noSchedule)], nil),
        ("A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
         [Toleration(key: "foo", op: .equal, value: "bar", effect: .preferNoSchedule)], [Taint(key: "foo", value: "bar", effect: .noSchedule)],
         "node(s) had untolerated taint {foo: bar}"),
        ("The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node",
         [Toleration(key: "foo", op: .equal, value: "bar")], [Taint(key: "foo", value: "bar", effect: .noSchedule)], nil),
        ("The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
         [Toleration(key: "dedicated", op: .equal, value: "user2", effect: .noSchedule)], [Taint(key: "dedicated", value: "user1", effect: .preferNoSchedule)], nil),
        ("The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
         [], [Taint(key: "dedicated", value: "user1", effect: .preferNoSchedule)], nil),
    ] as [(String, [Toleration], [Taint], String?)])
    func filter(name: String, tolerations: [Toleration], taints: [Taint], message: String?) {
        let (fixture, pod) = cluster([taints], tolerations: tolerations)
        let failure = fixture.filter(TaintToleration(), for: pod).failures.first
        // A rejection is UnschedulableAndUnresolvable with the first untolerated taint in the message.
        #expect(failure.map { $0.reason.text(fixture.cluster.symbols) } == message, "upstream case \"\(name)\"")
        #expect(failure.map(\.code) == message.map { _ in .unschedulableAndUnresolvable }, "upstream case \"\(name)\"")
    }
}
