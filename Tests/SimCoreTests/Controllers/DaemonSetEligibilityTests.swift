import TestSupport
import Testing

@testable import SimCore

/// The DaemonSet node-eligibility predicate, after upstream's `TestNodeShouldRunDaemonPod`
/// (pkg/controller/daemon/daemon_controller_test.go): node name, node selector, node affinity and
/// taints, on a template with the daemon tolerations added.
@Suite("DaemonSet node eligibility")
struct DaemonSetEligibilityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var nodeName: String? = nil
        var nodeSelector: [(String, String)] = []
        var affinity: NodeAffinity? = nil
        var tolerations: [Toleration] = []
        var nodeLabels: [(String, String)] = [("type", "production")]
        var taints: [Taint] = []
        var shouldRun: Bool
        var shouldContinueRunning: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ShouldRunDaemonPod: a plain template runs on any node", shouldRun: true, shouldContinueRunning: true),
        Case(name: "ShouldNotRunDaemonPod: nodeName names another node", nodeName: "other", shouldRun: false, shouldContinueRunning: false),
        Case(name: "nodeName names this node", nodeName: "node-0", shouldRun: true, shouldContinueRunning: true),
        Case(
            name: "nodeSelector matches", nodeSelector: [("type", "production")], shouldRun: true, shouldContinueRunning: true),
        Case(
            name: "nodeSelector does not match", nodeSelector: [("type", "test")], shouldRun: false, shouldContinueRunning: false),
        Case(
            name: "required node affinity does not match",
            affinity: NodeAffinity(required: [NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: "type", op: .in, values: ["test"])])]),
            shouldRun: false, shouldContinueRunning: false),
        Case(
            name: "an untolerated NoExecute taint: neither run nor stay", taints: [Taint(key: "dedicated", value: "x", effect: .noExecute)],
            shouldRun: false, shouldContinueRunning: false),
        Case(
            name: "an untolerated NoSchedule taint: do not run, but stay", taints: [Taint(key: "dedicated", value: "x", effect: .noSchedule)],
            shouldRun: false, shouldContinueRunning: true),
        Case(
            name: "a tolerated NoSchedule taint", tolerations: [Toleration(key: "dedicated", op: .exists, effect: .noSchedule)],
            taints: [Taint(key: "dedicated", value: "x", effect: .noSchedule)], shouldRun: true, shouldContinueRunning: true),
        Case(
            name: "not-ready and unreachable are tolerated by every daemon pod",
            taints: [Taint(key: WellKnownTaint.notReady, effect: .noExecute), Taint(key: WellKnownTaint.unreachable, effect: .noExecute)],
            shouldRun: true, shouldContinueRunning: true),
        Case(
            name: "a cordoned node and memory pressure are tolerated",
            taints: [Taint(key: WellKnownTaint.unschedulable, effect: .noSchedule), Taint(key: WellKnownTaint.memoryPressure, effect: .noSchedule)],
            shouldRun: true, shouldContinueRunning: true),
        Case(
            name: "network-unavailable is tolerated only by host-network pods",
            taints: [Taint(key: WellKnownTaint.networkUnavailable, effect: .noSchedule)], shouldRun: false, shouldContinueRunning: true),
    ]

    @Test("upstream's verdicts", arguments: cases)
    func verdict(_ testCase: Case) {
        let cluster = ClusterState()
        let pool = Build.pool("node", count: 1, labels: testCase.nodeLabels, taints: testCase.taints)
        guard let node = cluster.addNode(pool.nodeSpec(index: 0, poolIndex: 0), at: 0) else {
            Issue.record("the node was not added")
            return
        }
        var spec = PodSpec(containers: [], nodeName: testCase.nodeName, nodeSelector: Labels(testCase.nodeSelector), nodeAffinity: testCase.affinity)
        spec.tolerations = testCase.tolerations
        let tolerations = DaemonSetEligibility.tolerations(for: spec).map { CompiledToleration($0, symbols: cluster.symbols) }
        let verdict = DaemonSetEligibility.verdict(
            nodeName: spec.nodeName,
            affinity: RequiredNodeAffinity(nodeSelector: spec.nodeSelector, affinity: spec.nodeAffinity, symbols: cluster.symbols),
            tolerations: tolerations, node: node, in: cluster.nodes, symbols: cluster.symbols)
        #expect(verdict == DaemonSetEligibility.Verdict(shouldRun: testCase.shouldRun, shouldContinueRunning: testCase.shouldContinueRunning))
    }

    @Test("a host-network pod also tolerates network-unavailable")
    func hostNetwork() {
        var spec = PodSpec(containers: [])
        spec.hostNetwork = true
        #expect(DaemonSetEligibility.tolerations(for: spec).contains { $0.key == WellKnownTaint.networkUnavailable })
        #expect(DaemonSetEligibility.tolerations(for: spec).count == 7)
    }
}
