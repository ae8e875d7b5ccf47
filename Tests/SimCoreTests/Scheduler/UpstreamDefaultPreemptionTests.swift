import TestSupport
import Testing

@testable import SimCore

/// Upstream's priorities: negPriority, lowPriority, midPriority, highPriority, veryHighPriority.
private enum Priority {
    static let neg: Int32 = -100
    static let low: Int32 = 0
    static let mid: Int32 = 100
    static let high: Int32 = 1_000
    static let veryHigh: Int32 = 10_000
}

/// Upstream's request sizes: smallRes … veryLargeRes, the same number of millicores and bytes.
private enum Size {
    static let small: Int64 = 100
    static let medium: Int64 = 200
    static let large: Int64 = 300
    static let veryLarge: Int64 = 500
}

/// A node of a DefaultPreemption row, as data.
struct PreemptionNodeRow: Sendable {
    let name: String
    let cpu: Int64
    let memory: Int64
    let pods: Int64
    let labels: [(String, String)]
    let taints: [Taint]
    /// A node with exactly `labels` and the default capacity of `bareNode`, rather than a `preemptionNode`.
    let bare: Bool

    /// A node of upstream's `veryLargeRes` capacity (500m cpu, 500 bytes) with 32 pod slots unless told.
    static func node(
        _ name: String, cpu: Int64 = Size.veryLarge, memory: Int64 = Size.veryLarge,
        pods: Int64 = ClusterFixture.upstreamPodSlots, taints: [Taint] = []
    ) -> PreemptionNodeRow {
        PreemptionNodeRow(name: name, cpu: cpu, memory: memory, pods: pods, labels: [], taints: taints, bare: false)
    }

    /// A node with exactly `labels` (`bareNode`).
    static func bare(_ name: String, _ labels: [(String, String)]) -> PreemptionNodeRow {
        PreemptionNodeRow(name: name, cpu: 0, memory: 0, pods: 0, labels: labels, taints: [], bare: true)
    }
}

/// A pod of a DefaultPreemption row, as data: `spec.priority`, the requested millicores and bytes
/// (nothing when nil), labels, start (seconds into the run), the rest of the spec, and the index of
/// the node it is bound to (pending when nil).
struct PreemptionPodRow: Sendable {
    let priority: Int32
    let size: Int64?
    let labels: [(String, String)]
    let startedAt: Int64?
    let spec: PodSpec
    let node: Int?

    init(
        _ priority: Int32, size: Int64? = nil, labels: [(String, String)] = [], startedAt: Int64? = nil,
        spec: PodSpec = PodSpec(containers: []), on node: Int? = nil
    ) {
        self.priority = priority
        self.size = size
        self.labels = labels
        self.startedAt = startedAt
        self.spec = spec
        self.node = node
    }
}

extension ClusterFixture {
    /// A node of upstream's `veryLargeRes` capacity (500m cpu, 500 bytes) with 32 pod slots unless told.
    @discardableResult
    fileprivate mutating func preemptionNode(
        _ name: String, cpu: Int64 = Size.veryLarge, memory: Int64 = Size.veryLarge,
        pods: Int64 = ClusterFixture.upstreamPodSlots, labels: [(String, String)] = [],
        taints: [Taint] = []
    ) -> NodeID {
        bareNode(name, labels: [(NodeLabel.hostname, name)] + labels, taints: taints, capacity: Resources(cpu: cpu, memory: memory, pods: pods))
    }

    /// A pod of `priority` (`spec.priority`) requesting `size` millicores and bytes (nothing when
    /// nil). A bound pod is Ready, and started `startedAt` seconds into the run when given.
    @discardableResult
    fileprivate mutating func priorityPod(
        _ priority: Int32, size: Int64? = nil, labels: [(String, String)] = [], startedAt seconds: Int64? = nil,
        spec base: PodSpec = PodSpec(containers: []), on node: NodeID? = nil
    ) -> PodID {
        var spec = base
        spec.priority = priority
        if let size { spec.containers = [ClusterFixture.container(cpu: size, memory: size)] }
        let pod = addPod(spec, labels: labels, on: node)
        if node != nil { cluster.setReady(pod, true, at: 0) }
        if let seconds { cluster.markStarted(pod, at: seconds * 1_000) }
        return pod
    }

    fileprivate mutating func add(_ row: PreemptionNodeRow) -> NodeID {
        row.bare
            ? bareNode(row.name, labels: row.labels)
            : preemptionNode(row.name, cpu: row.cpu, memory: row.memory, pods: row.pods, taints: row.taints)
    }

    fileprivate mutating func add(_ row: PreemptionPodRow, nodes: [NodeID]) -> PodID {
        priorityPod(row.priority, size: row.size, labels: row.labels, startedAt: row.startedAt, spec: row.spec, on: row.node.map { nodes[$0] })
    }
}

/// Ports `TestSelectBestCandidate`, `TestDryRunPreemption` and `TestPostFilter` from upstream's
/// `pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go` through the full
/// scheduling cycle with the default profile: the pod fits nowhere, DefaultPreemption removes the
/// lower-priority pods of each candidate node, reprieves the most important ones that still let it
/// fit, and picks the node with the fewest PDB violations, then the lowest highest victim priority,
/// the smallest Σ(priority + 2³¹), the fewest victims and the latest earliest start of the
/// highest-priority victims. Unless told, nodes hold 500m cpu and 500 bytes, so a pod of
/// `veryLargeRes` needs a node emptied of every pod with requests. Upstream's start times are
/// nanoseconds; the API keeps seconds, so these ports use seconds.
@Suite("Upstream DefaultPreemption")
struct UpstreamDefaultPreemptionTests {
    /// What a row expects of the scheduling cycle; nodes and pods are indices into the row's lists.
    enum Outcome: Sendable {
        /// Preemption on `node`, evicting every pod on it (in any order).
        case evictsAllOn(node: Int)
        /// Preemption on `node`, evicting `victims` in this order (most important first).
        case evicts(node: Int, victims: [Int])
        /// Preemption on `node`, evicting `victims` in any order.
        case evictsInAnyOrder(node: Int, victims: Set<Int>)
        /// The candidates tie: preemption on one of these nodes, evicting its victims in this order.
        case evictsOneOf([Int: [Int]])
        /// No preemption; the FailedScheduling message contains `message`.
        case noPreemption(message: String)
    }

    /// A PodDisruptionBudget in "default" over the pods with `labels`, with a number `minAvailable`.
    struct Budget: Sendable {
        let name: String
        let labels: [(String, String)]
        let minAvailable: Int32
    }

    /// A row of upstream's `TestSelectBestCandidate`, `TestDryRunPreemption` or `TestPostFilter`:
    /// the nodes, the pods on them, the budgets, DefaultPreemption's minimum candidate nodes
    /// (default when nil), the incoming pod and the outcome. `alsoIn` names another upstream table
    /// with a case of the same name that the row ports too.
    struct PreemptionCase: CustomTestStringConvertible, Sendable {
        let name: String
        var alsoIn: String? = nil
        let nodes: [PreemptionNodeRow]
        let pods: [PreemptionPodRow]
        var budgets: [Budget] = []
        var minCandidateNodes: (percentage: Int32, absolute: Int32)? = nil
        let pod: PreemptionPodRow
        let expected: Outcome
        var testDescription: String { alsoIn.map { "\(name) (also \($0))" } ?? name }

        /// A `TestSelectBestCandidate` row: nodes of `veryLargeRes` (node1, node2, …) holding the
        /// given (priority, size, start seconds) pods each; the incoming pod of `priority` and
        /// `veryLargeRes`; the chosen node evicts all its pods.
        static func selectBest(
            _ name: String, _ pods: [[(Int32, Int64, Int64)]], priority: Int32 = Priority.high,
            chooses node: Int
        ) -> PreemptionCase {
            PreemptionCase(
                name: name, nodes: pods.indices.map { .node("node\($0 + 1)") },
                pods: pods.enumerated().flatMap { index, nodePods in
                    nodePods.map { PreemptionPodRow($0.0, size: $0.1, startedAt: $0.2, on: index) }
                },
                pod: PreemptionPodRow(priority, size: Size.veryLarge), expected: .evictsAllOn(node: node))
        }
    }

    // MARK: TestSelectBestCandidate

    static let selectBestCandidateCases: [PreemptionCase] = [
        // 300 + 300 > 500 on each node; evicting its mid pod makes room. The candidates tie on every
        // criterion, so the dry run's random offset decides.
        PreemptionCase(
            name: "a pod that fits on both nodes when lower priority pods are preempted", alsoIn: "TestDryRunPreemption",
            nodes: [.node("node1"), .node("node2")],
            pods: [
                PreemptionPodRow(Priority.mid, size: Size.large, startedAt: 0, on: 0),
                PreemptionPodRow(Priority.mid, size: Size.large, startedAt: 0, on: 1),
            ],
            pod: PreemptionPodRow(Priority.high, size: Size.large), expected: .evictsOneOf([0: [0], 1: [1]])),
        // Every pod must go (500 leaves no room). Highest victim priority: 100, 100, 0 → node3.
        PreemptionCase.selectBest(
            "node with min highest priority pod is picked",
            [
                [(Priority.mid, Size.medium, 0), (Priority.mid, Size.large, 0)],
                [(Priority.mid, Size.medium, 0), (Priority.low, Size.medium, 0)],
                [(Priority.low, Size.medium, 0), (Priority.low, Size.medium, 0)],
            ],
            chooses: 2),
        // Highest 100 everywhere; Σ(priority + 2³¹): 200 + 2 × 2³¹, 100 + 2 × 2³¹, 200 + 2 × 2³¹ → node2.
        PreemptionCase.selectBest(
            "when highest priorities are the same, minimum sum of priorities is picked",
            [
                [(Priority.mid, Size.medium, 0), (Priority.mid, Size.large, 0)],
                [(Priority.mid, Size.large, 0), (Priority.low, Size.medium, 0)],
                [(Priority.mid, Size.medium, 0), (Priority.mid, Size.medium, 0)],
            ],
            chooses: 1),
        // Highest 100 everywhere; the raw sums are all 0, but each victim adds 2³¹:
        // 4 × 2³¹, 2 × 2³¹, 3 × 2³¹ → node2, the node with the fewest victims.
        PreemptionCase.selectBest(
            "when highest priority and sum are the same, minimum number of pods is picked",
            [
                [
                    (Priority.mid, Size.small, 0), (Priority.neg, Size.small, 0), (Priority.mid, Size.small, 0),
                    (Priority.neg, Size.small, 0),
                ],
                [(Priority.mid, Size.large, 0), (Priority.neg, Size.medium, 0)],
                [(Priority.mid, Size.medium, 0), (Priority.neg, Size.small, 0), (Priority.low, Size.small, 0)],
            ],
            chooses: 1),
        // Raw sums −100, 0, 0 would pick node1; adjusted: −100 + 3 × 2³¹, 0 + 2 × 2³¹, 0 + 3 × 2³¹ → node2.
        PreemptionCase.selectBest(
            "sum of adjusted priorities is considered",
            [
                [(Priority.mid, Size.small, 0), (Priority.neg, Size.small, 0), (Priority.neg, Size.small, 0)],
                [(Priority.mid, Size.large, 0), (Priority.neg, Size.medium, 0)],
                [(Priority.mid, Size.medium, 0), (Priority.neg, Size.small, 0), (Priority.low, Size.small, 0)],
            ],
            chooses: 1),
        // Highest victim priority 100, 1000, 100, 100 drops node2; sums 100 + 3 × 2³¹,
        // 100 + 4 × 2³¹, 200 + 4 × 2³¹ → node1.
        PreemptionCase.selectBest(
            "non-overlapping lowest high priority, sum priorities, and number of pods",
            [
                [(Priority.mid, Size.small, 0), (Priority.low, Size.small, 0), (Priority.low, Size.small, 0)],
                [(Priority.high, Size.large, 0)],
                [
                    (Priority.mid, Size.medium, 0), (Priority.low, Size.small, 0), (Priority.low, Size.small, 0),
                    (Priority.low, Size.medium, 0),
                ],
                [
                    (Priority.mid, Size.medium, 0), (Priority.mid, Size.small, 0), (Priority.mid, Size.small, 0),
                    (Priority.neg, Size.small, 0),
                ],
            ],
            priority: Priority.veryHigh, chooses: 0),
        // Everything ties up to the earliest start of the highest-priority victims: 2 s, 3 s, 1 s;
        // the latest, node2, loses the least work.
        PreemptionCase.selectBest(
            "same priority, same number of victims, different start time for each node's pod",
            [
                [(Priority.mid, Size.medium, 2), (Priority.mid, Size.medium, 2)],
                [(Priority.mid, Size.medium, 3), (Priority.mid, Size.medium, 3)],
                [(Priority.mid, Size.medium, 1), (Priority.mid, Size.medium, 1)],
            ],
            chooses: 1),
        // Earliest starts 2 s, 1 s, 3 s → node3.
        PreemptionCase.selectBest(
            "same priority, same number of victims, different start time for all pods",
            [
                [(Priority.mid, Size.medium, 4), (Priority.mid, Size.medium, 2)],
                [(Priority.mid, Size.medium, 5), (Priority.mid, Size.medium, 1)],
                [(Priority.mid, Size.medium, 3), (Priority.mid, Size.medium, 6)],
            ],
            chooses: 2),
        // Only the mid victims' starts count: 2 s, 6 s, 5 s → node2.
        PreemptionCase.selectBest(
            "different priority, same number of victims, different start time for all pods",
            [
                [(Priority.low, Size.medium, 4), (Priority.mid, Size.medium, 2)],
                [(Priority.mid, Size.medium, 6), (Priority.low, Size.medium, 1)],
                [(Priority.low, Size.medium, 3), (Priority.mid, Size.medium, 5)],
            ],
            chooses: 1),
    ]

    // MARK: TestDryRunPreemption

    private static let fooExists = LabelSelector(matchExpressions: [SelectorRequirement(key: "foo", op: .exists)])

    static let dryRunPreemptionCases: [PreemptionCase] = [
        PreemptionCase(
            name: "a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen",
            nodes: [.node("node1"), .node("node2")],
            pods: [PreemptionPodRow(Priority.mid, size: Size.large, on: 0), PreemptionPodRow(Priority.mid, size: Size.large, on: 1)],
            pod: PreemptionPodRow(Priority.low, size: Size.large),
            expected: .noPreemption(message: "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")),
        // node1: with both removed 300 fits; reprieving p1.2 (mid) gives 600 > 500, so it goes;
        // reprieving p1.1 (low) gives 400, so it stays. node2: p2 goes. The two candidates tie.
        PreemptionCase(
            name: "medium priority pod is preempted, but lower priority one stays as it is small",
            nodes: [.node("node1"), .node("node2")],
            pods: [
                PreemptionPodRow(Priority.low, size: Size.small, on: 0), PreemptionPodRow(Priority.mid, size: Size.large, on: 0),
                PreemptionPodRow(Priority.mid, size: Size.large, on: 1),
            ],
            pod: PreemptionPodRow(Priority.high, size: Size.large), expected: .evictsOneOf([0: [1], 1: [2]])),
        // node1 keeps p1.4 (high, 100): 400 with the pod. Reprieves, most important first: p1.3
        // (mid, 200) → 600, victim; p1.1 (mid, 100) → 500, stays; p1.2 (low, 100) → 600, victim.
        // node2 holds no lower-priority pod. Victims most important first.
        PreemptionCase(
            name: "mixed priority pods are preempted",
            nodes: [.node("node1"), .node("node2")],
            pods: [
                PreemptionPodRow(Priority.mid, size: Size.small, on: 0), PreemptionPodRow(Priority.low, size: Size.small, on: 0),
                PreemptionPodRow(Priority.mid, size: Size.medium, on: 0), PreemptionPodRow(Priority.high, size: Size.small, on: 0),
                PreemptionPodRow(Priority.high, size: Size.large, on: 1),
            ],
            pod: PreemptionPodRow(Priority.high, size: Size.large), expected: .evicts(node: 0, victims: [2, 1])),
        // Reprieves: p1.3 (mid) → 600, victim; p1.2 (low, started earlier) → 500, stays;
        // p1.1 (low, started later) → 600, victim.
        PreemptionCase(
            name: "mixed priority pods are preempted, pick later StartTime one when priorities are equal",
            nodes: [.node("node1"), .node("node2")],
            pods: [
                PreemptionPodRow(Priority.low, size: Size.small, startedAt: 5, on: 0),
                PreemptionPodRow(Priority.low, size: Size.small, startedAt: 4, on: 0),
                PreemptionPodRow(Priority.mid, size: Size.medium, startedAt: 3, on: 0),
                PreemptionPodRow(Priority.high, size: Size.small, startedAt: 2, on: 0),
                PreemptionPodRow(Priority.high, size: Size.large, startedAt: 1, on: 1),
            ],
            pod: PreemptionPodRow(Priority.high, size: Size.large), expected: .evicts(node: 0, victims: [2, 0])),
        // Upstream's node2 (one high pod, room to spare) is left out: a full cycle would simply bind
        // there, and the dry run finds no victims on it. On node1, p1.1's anti-affinity rejects the
        // pod; p1.2 (mid) is reprieved, p1.1 is not.
        PreemptionCase(
            name: "pod with anti-affinity is preempted",
            nodes: [.node("node1")],
            pods: [
                PreemptionPodRow(
                    Priority.low, size: Size.small, labels: [("foo", "")],
                    spec: PodSpec(
                        containers: [],
                        podAntiAffinity: PodAffinityRules(required: [
                            PodAffinityTerm(labelSelector: fooExists, topologyKey: NodeLabel.hostname)
                        ])), on: 0),
                PreemptionPodRow(Priority.mid, size: Size.small, on: 0), PreemptionPodRow(Priority.high, size: Size.small, on: 0),
            ],
            pod: PreemptionPodRow(Priority.high, size: Size.small, labels: [("foo", "")]), expected: .evicts(node: 0, victims: [0])),
        // Zones 3/2 and hosts 2/1/2 reject every node. node-a without a2: zones 2/2, hosts 1/1/2 →
        // fits (a1 is reprieved, a2 is not). node-b without b1: zones 2/2, hosts 2/0/2 → fits.
        // node-x has no lower-priority pod. The two candidates tie.
        PreemptionCase(
            name: "preemption to resolve pod topology spread filter failure",
            nodes: [
                .bare("node-a", [("hostname", "node-a"), ("zone", "zone1")]),
                .bare("node-b", [("hostname", "node-b"), ("zone", "zone1")]),
                .bare("node-x", [("hostname", "node-x"), ("zone", "zone2")]),
            ],
            pods: [
                PreemptionPodRow(Priority.mid, labels: [("foo", "")], on: 0),
                PreemptionPodRow(Priority.low, labels: [("foo", "")], on: 0),
                PreemptionPodRow(Priority.low, labels: [("foo", "")], on: 1),
                PreemptionPodRow(Priority.high, labels: [("foo", "")], on: 2),
                PreemptionPodRow(Priority.high, labels: [("foo", "")], on: 2),
            ],
            pod: PreemptionPodRow(
                Priority.high, labels: [("foo", "")],
                spec: PodSpec(
                    containers: [],
                    topologySpreadConstraints: [
                        TopologySpreadConstraint(maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: .doNotSchedule, labelSelector: fooExists),
                        TopologySpreadConstraint(maxSkew: 1, topologyKey: "hostname", whenUnsatisfiable: .doNotSchedule, labelSelector: fooExists),
                    ])),
            expected: .evictsOneOf([0: [1], 1: [2]])),
        // Two Ready pods and minAvailable 1: one disruption allowed, as upstream's status says.
        // Both must go (one of them violates the budget).
        PreemptionCase(
            name: "preemption with violation of same pdb",
            nodes: [.node("node1")],
            pods: [
                PreemptionPodRow(Priority.mid, size: Size.medium, labels: [("app", "foo")], on: 0),
                PreemptionPodRow(Priority.mid, size: Size.medium, labels: [("app", "foo")], on: 0),
            ],
            budgets: [Budget(name: "pdb", labels: [("app", "foo")], minAvailable: 1)],
            pod: PreemptionPodRow(Priority.high, size: Size.veryLarge), expected: .evictsInAnyOrder(node: 0, victims: [0, 1])),
        // Three matching pods and minAvailable 3: no disruption allowed.
        // Two candidates are wanted (40 % of 5), but the dry run goes on from its random offset
        // until a candidate without PDB violations exists; fewest violations then wins: node3 or node4.
        PreemptionCase(
            name: "preemption looks past numCandidates until a non-PDB violating node is found",
            nodes: (1...5).map { .node("node\($0)") },
            pods: (1...5).map {
                PreemptionPodRow(
                    Priority.mid, size: Size.large, labels: [1, 2, 5].contains($0) ? [("app", "foo")] : [],
                    on: $0 - 1)
            },
            budgets: [Budget(name: "pdb", labels: [("app", "foo")], minAvailable: 3)],
            minCandidateNodes: (percentage: 40, absolute: 2),
            pod: PreemptionPodRow(Priority.high, size: Size.large), expected: .evictsOneOf([2: [2], 3: [3]])),
    ]

    // MARK: TestPostFilter

    private static let dedicatedTaint = Taint(key: "dedicated", value: "x", effect: .noSchedule)

    static let postFilterCases: [PreemptionCase] = [
        // The single pod slot is taken by a lower-priority pod.
        PreemptionCase(
            name: "pod with higher priority can be made schedulable",
            nodes: [.node("node1", cpu: 0, memory: 0, pods: 1)], pods: [PreemptionPodRow(Priority.low, on: 0)],
            pod: PreemptionPodRow(Priority.high), expected: .evicts(node: 0, victims: [0])),
        PreemptionCase(
            name: "pod with tied priority is still unschedulable",
            nodes: [.node("node1", cpu: 0, memory: 0, pods: 1)], pods: [PreemptionPodRow(Priority.low, on: 0)],
            pod: PreemptionPodRow(Priority.low),
            expected: .noPreemption(message: "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")),
        // Upstream hands in an UnschedulableAndUnresolvable status for node1; here an untolerated taint produces it.
        PreemptionCase(
            name: "preemption should respect filteredNodesStatuses",
            nodes: [.node("node1", cpu: 0, memory: 0, pods: 1, taints: [dedicatedTaint])], pods: [PreemptionPodRow(Priority.low, on: 0)],
            pod: PreemptionPodRow(Priority.high),
            expected: .noPreemption(message: "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")),
        PreemptionCase(
            name: "pod can be made schedulable on one node",
            nodes: [.node("node1", cpu: 0, memory: 0, pods: 1), .node("node2", cpu: 0, memory: 0, pods: 1)],
            pods: [PreemptionPodRow(Priority.high, on: 0), PreemptionPodRow(Priority.low, on: 1)],
            pod: PreemptionPodRow(Priority.mid), expected: .evicts(node: 1, victims: [1])),
        // violating-pdb allows no disruption of its two pods; non-violating-pdb allows its one pod's.
        // node1 evicts p1 (high) and p2 (low, violating); node2 evicts p3 (mid, violating). One
        // violation each; highest victim priority 1000 against 100 → node2.
        PreemptionCase(
            name: "pod can be made schedulable on minHighestPriority node",
            nodes: [.node("node1", cpu: 0, memory: 0, pods: 1), .node("node2", cpu: 0, memory: 0, pods: 1)],
            pods: [
                PreemptionPodRow(Priority.high, labels: [("test.kubernetes.io/is-violating-pdb", "non-violating")], on: 0),
                PreemptionPodRow(Priority.low, labels: [("test.kubernetes.io/is-violating-pdb", "violating")], on: 0),
                PreemptionPodRow(Priority.mid, labels: [("test.kubernetes.io/is-violating-pdb", "violating")], on: 1),
            ],
            budgets: [
                Budget(name: "violating-pdb", labels: [("test.kubernetes.io/is-violating-pdb", "violating")], minAvailable: 2),
                Budget(name: "non-violating-pdb", labels: [("test.kubernetes.io/is-violating-pdb", "non-violating")], minAvailable: 0),
            ],
            pod: PreemptionPodRow(Priority.veryHigh), expected: .evicts(node: 1, victims: [2])),
        // 300m cpu never fits in 200m.
        PreemptionCase(
            name: "no candidate nodes found, no enough resource after removing low priority pods",
            nodes: [.node("node1", cpu: 200, memory: 400), .node("node2", cpu: 200, memory: 400)],
            pods: [PreemptionPodRow(Priority.low, on: 0), PreemptionPodRow(Priority.low, on: 1)],
            pod: PreemptionPodRow(Priority.high, size: Size.large),
            expected: .noPreemption(message: "preemption: 0/2 nodes are available: 2 Insufficient cpu.")),
        PreemptionCase(
            name: "no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource",
            nodes: [
                .node("node1", cpu: 0, memory: 0, pods: 1), .node("node2", cpu: 200, memory: 400),
                .node("node3", cpu: 0, memory: 0, pods: 1),
            ],
            pods: [PreemptionPodRow(Priority.high, on: 0), PreemptionPodRow(Priority.low, on: 1), PreemptionPodRow(Priority.high, on: 2)],
            pod: PreemptionPodRow(Priority.high, size: Size.large),
            expected: .noPreemption(
                message:
                    "preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.")),
        // Upstream's UnschedulableAndUnresolvable (and absent) statuses for node3 and node4 come from a taint here.
        PreemptionCase(
            name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
            nodes: [
                .node("node1", cpu: 200, memory: 400), .node("node2", cpu: 200, memory: 400),
                .node("node3", cpu: 200, memory: 400, taints: [dedicatedTaint]),
                .node("node4", cpu: 200, memory: 400, taints: [dedicatedTaint]),
            ],
            pods: [PreemptionPodRow(Priority.low, on: 0), PreemptionPodRow(Priority.low, on: 1)],
            pod: PreemptionPodRow(Priority.high, size: Size.large),
            expected: .noPreemption(
                message:
                    "preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.")),
    ]

    private func run(_ testCase: PreemptionCase) throws {
        var fixture = ClusterFixture()
        let nodes = testCase.nodes.map { fixture.add($0) }
        let pods = testCase.pods.map { fixture.add($0, nodes: nodes) }
        for budget in testCase.budgets { fixture.addBudget(budget.name, matching: budget.labels, minAvailable: budget.minAvailable) }
        var configuration = SchedulerConfiguration()
        if let candidates = testCase.minCandidateNodes {
            var profile = SchedulerProfile.default
            profile.arguments[DefaultPreemption.self].minCandidateNodesPercentage = candidates.percentage
            profile.arguments[DefaultPreemption.self].minCandidateNodesAbsolute = candidates.absolute
            configuration = SchedulerConfiguration(profiles: [profile])
        }
        let pod = fixture.add(testCase.pod, nodes: nodes)
        if case .noPreemption(let message) = testCase.expected {
            let result = fixture.unschedulable(pod, configuration: configuration)
            let outcome = try #require(result)
            #expect(outcome.preemption == nil)
            #expect(outcome.message.contains(message))
            return
        }
        let preemption = fixture.unschedulable(pod, configuration: configuration)?.preemption
        let chosen = try #require(preemption)
        switch testCase.expected {
        case .evictsAllOn(let node):
            #expect(chosen.node == nodes[node])
            #expect(Set(chosen.victims) == Set(zip(testCase.pods, pods).filter { $0.0.node == node }.map(\.1)))
        case .evicts(let node, let victims):
            #expect(chosen.node == nodes[node])
            #expect(chosen.victims == victims.map { pods[$0] })
        case .evictsInAnyOrder(let node, let victims):
            #expect(chosen.node == nodes[node])
            #expect(Set(chosen.victims) == Set(victims.map { pods[$0] }))
        case .evictsOneOf(let choices):
            let victimsByNode = Dictionary(uniqueKeysWithValues: choices.map { (nodes[$0.key], $0.value.map { pods[$0] }) })
            #expect(victimsByNode[chosen.node] == chosen.victims)
        case .noPreemption:
            break
        }
    }

    @Test("TestSelectBestCandidate", arguments: selectBestCandidateCases)
    func selectBestCandidate(_ testCase: PreemptionCase) throws { try run(testCase) }

    @Test("TestDryRunPreemption", arguments: dryRunPreemptionCases)
    func dryRunPreemption(_ testCase: PreemptionCase) throws { try run(testCase) }

    @Test("TestPostFilter", arguments: postFilterCases)
    func postFilter(_ testCase: PreemptionCase) throws { try run(testCase) }
}
