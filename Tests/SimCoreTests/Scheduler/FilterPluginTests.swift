import TestSupport
import Testing

@testable import SimCore

@Suite("Filter plugins")
struct FilterPluginTests {
    @Test("NodeResourcesFit reports every shortfall of a node, pod count first")
    func fitReportsAllShortfalls() {
        var fixture = ClusterFixture()
        let small = fixture.node("small", cpu: 1_000, memory: 1_000, pods: 1)
        fixture.node("big", cpu: 8_000, memory: 8_000)
        fixture.pod(fixture.spec([(100, 100)]), on: small)
        let pod = fixture.pod(fixture.spec([(2_000, 2_000)]))
        let (feasible, failures) = fixture.filter(NodeResourcesFit(), for: pod)
        #expect(feasible == [1])
        #expect(failures.map(\.reason) == [.tooManyPods, .insufficient("cpu"), .insufficient("memory")])
        #expect(failures.allSatisfy { $0.node == small && $0.code == .unschedulable })
    }

    @Test("NodeResourcesFit: a pod requesting nothing only needs a pod slot")
    func fitZeroRequest() {
        var fixture = ClusterFixture()
        let full = fixture.node("full", cpu: 1_000, memory: 1_000)
        fixture.pod(fixture.spec([(1_000, 1_000)]), on: full)
        let pod = fixture.pod(fixture.spec([(0, 0)]))
        #expect(fixture.filter(NodeResourcesFit(), for: pod).feasible == [full])
    }

    @Test("TaintToleration keeps pods off NoSchedule and NoExecute taints they do not tolerate, not off PreferNoSchedule")
    func taintFilter() {
        var fixture = ClusterFixture()
        fixture.node("gpu", cpu: 4_000, memory: 4_000, taints: [Taint(key: "dedicated", value: "gpu", effect: .noSchedule)])
        fixture.node("soft", cpu: 4_000, memory: 4_000, taints: [Taint(key: "spot", value: "true", effect: .preferNoSchedule)])
        fixture.node("plain", cpu: 4_000, memory: 4_000)
        let pod = fixture.pod(fixture.spec([(100, 100)]))
        let (feasible, failures) = fixture.filter(TaintToleration(), for: pod)
        #expect(feasible == [1, 2])
        #expect(failures.count == 1)
        #expect(failures[0].code == .unschedulableAndUnresolvable)
        #expect(failures[0].reason.text(fixture.cluster.symbols) == "node(s) had untolerated taint {dedicated: gpu}")
        let tolerant = fixture.pod(fixture.spec([(100, 100)], tolerations: [Toleration(key: "dedicated", op: .exists)]))
        #expect(fixture.filter(TaintToleration(), for: tolerant).feasible == [0, 1, 2])
    }

    @Test("NodeAffinity needs nodeSelector and one required term to match; NodeUnschedulable keeps pods off cordoned nodes")
    func affinityAndCordon() {
        var fixture = ClusterFixture()
        fixture.node("a", cpu: 1_000, memory: 1_000, labels: [("disk", "ssd"), ("zone", "a")])
        fixture.node("b", cpu: 1_000, memory: 1_000, labels: [("disk", "hdd"), ("zone", "a")])
        fixture.node("c", cpu: 1_000, memory: 1_000, labels: [("disk", "ssd"), ("zone", "b")], unschedulable: true)
        let affinity = NodeAffinity(required: [
            NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: "zone", op: .in, values: ["b"])]),
            NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: "zone", op: .in, values: ["a"])]),
        ])
        let pod = fixture.pod(fixture.spec([(100, 100)], nodeSelector: [("disk", "ssd")], affinity: affinity))
        #expect(fixture.filter(NodeAffinityPlugin(symbols: fixture.cluster.symbols), for: pod).feasible == [0, 2])
        #expect(fixture.filter(NodeUnschedulable(), for: pod).feasible == [0, 1])
    }
}

@Suite("Score plugins with normalization")
struct NormalizedScoreTests {
    @Test("TaintToleration: fewer untolerated PreferNoSchedule taints score higher (reverse normalization)")
    func taintScore() {
        var fixture = ClusterFixture()
        fixture.node("none", cpu: 1_000, memory: 1_000)
        fixture.node("one", cpu: 1_000, memory: 1_000, taints: [Taint(key: "spot", value: "true", effect: .preferNoSchedule)])
        fixture.node(
            "two", cpu: 1_000, memory: 1_000,
            taints: [
                Taint(key: "spot", value: "true", effect: .preferNoSchedule), Taint(key: "old", value: "true", effect: .preferNoSchedule),
            ])
        let pod = fixture.pod(fixture.spec([(100, 100)]))
        // Raw 0, 1, 2; max 2: 100 × raw / 2 = 0, 50, 100; reversed: 100, 50, 0.
        #expect(fixture.scores(TaintToleration(), for: pod) == [100, 50, 0])
        // Tolerating "spot" with effect PreferNoSchedule: raw 0, 0, 1 → 100, 100, 0.
        let tolerant = fixture.pod(fixture.spec([(100, 100)], tolerations: [Toleration(key: "spot", op: .exists, effect: .preferNoSchedule)]))
        #expect(fixture.scores(TaintToleration(), for: tolerant) == [100, 100, 0])
    }

    @Test("NodeAffinity: weights of matching preferred terms, scaled so the best node gets 100")
    func preferredAffinity() {
        var fixture = ClusterFixture()
        fixture.node("n1", cpu: 1_000, memory: 1_000, labels: [("foo", "bar")])
        fixture.node("n2", cpu: 1_000, memory: 1_000, labels: [("key", "value")])
        fixture.node("n3", cpu: 1_000, memory: 1_000, labels: [("foo", "bar"), ("key", "value"), ("az", "az1")])
        fixture.node("n4", cpu: 1_000, memory: 1_000)
        let term = { (key: String, value: String, weight: Int32) in
            PreferredSchedulingTerm(
                weight: weight, preference: NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: key, op: .in, values: [value])]))
        }
        let affinity = NodeAffinity(preferred: [term("foo", "bar", 2), term("key", "value", 4), term("az", "az1", 5)])
        let pod = fixture.pod(fixture.spec([(100, 100)], affinity: affinity))
        // Raw 2, 4, 2 + 4 + 5 = 11, 0; 100 × raw / 11 = 18, 36, 100, 0.
        #expect(fixture.scores(NodeAffinityPlugin(symbols: fixture.cluster.symbols), for: pod) == [18, 36, 100, 0])
    }
}
