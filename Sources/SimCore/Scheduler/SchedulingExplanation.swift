/// One plugin's score for one node: raw, normalized to 0…100, and times the plugin's weight.
public struct PluginScore: Sendable, Hashable {
    public let plugin: String
    public let raw: Int64
    public let normalized: Int64
    public let weighted: Int64
}

/// One node's part in a scheduling cycle.
public struct NodeVerdict: Sendable {
    public let node: NodeID
    /// False when the cycle stopped before reaching the node (numFeasibleNodesToFind); its
    /// verdict is then computed afterwards and did not take part in the decision.
    public let examined: Bool
    /// Filter failure reasons, upstream's text; empty for a feasible node.
    public let reasons: [String]
    public var scores: [PluginScore] = []
    /// Σ weighted scores, for nodes that were scored.
    public var total: Int64?

    public var feasible: Bool { reasons.isEmpty }
}

/// What `kubesim explain` shows for one pod's scheduling attempt.
public struct SchedulingExplanation: Sendable {
    public let pod: PodID
    public let time: SimTime
    /// Every node, in the scheduler's walking order.
    public var verdicts: [NodeVerdict] = []
    public var selected: NodeID?
    /// The `FailedScheduling` message when no node was selected.
    public var message: String?
    /// The node the pod was nominated to when no node fitted and preemption made room.
    public var nominatedNode: NodeID?
    /// The pods preempted for it, as "namespace/name".
    public var victims: [String] = []
    private var scores: [NodeID: [PluginScore]] = [:]
    private var totals: [NodeID: Int64] = [:]

    init(pod: PodID, time: SimTime) {
        self.pod = pod
        self.time = time
    }

    mutating func record(plugin: String, nodes: [NodeID], raw: [Int64], normalized: [Int64], weight: Int64) {
        for (index, node) in nodes.enumerated() {
            scores[node, default: []].append(
                PluginScore(
                    plugin: plugin, raw: raw[index], normalized: normalized[index],
                    weighted: normalized[index] * weight))
        }
    }

    mutating func recordTotals(nodes: [NodeID], totals: [Int64]) {
        for (index, node) in nodes.enumerated() { self.totals[node] = totals[index] }
    }

    /// The verdicts with the recorded scores attached.
    public var nodes: [NodeVerdict] {
        verdicts.map { verdict in
            var result = verdict
            result.scores = scores[verdict.node] ?? []
            result.total = totals[verdict.node]
            return result
        }
    }
}
