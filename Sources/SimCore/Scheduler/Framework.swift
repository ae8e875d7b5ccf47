/// A scheduler plugin: a named unit that implements one or more extension points, as upstream's
/// scheduling framework. Plugins are long-lived objects; they may keep per-cycle scratch state
/// computed in PreFilter/PreScore and read in Filter/Score of the same cycle.
///
/// kubesim batches: each extension point is called once per plugin per pod over a list of nodes,
/// rather than once per node, so the per-node work is a tight loop over flat columns.
public protocol SchedulerPlugin: AnyObject {
    /// The upstream plugin name, e.g. "NodeResourcesFit".
    var name: String { get }
}

/// The pod being scheduled, with its shared spec.
public struct SchedulingPod: Sendable {
    public let id: PodID
    public let pod: Pod
    public let spec: PodSpecInfo
}

/// What a PreFilter plugin decides for this cycle.
public enum PreFilterResult: Sendable {
    /// Run this plugin's Filter.
    case proceed
    /// Run this plugin's Filter, but only these nodes can pass (upstream's PreFilterResult with
    /// node names); the intersection over plugins is the candidate set.
    case restrict(to: Set<NodeID>)
    /// This plugin's Filter has nothing to check for this pod (upstream's Skip status).
    case skip
    /// The pod is unschedulable everywhere; the message becomes the event's PreFilter part.
    case reject(FilterCode, String)
}

/// PreFilter: called once per cycle before any Filter; may reject the pod, restrict the
/// candidate nodes or skip its Filter, and may compute per-cycle state that Filter reads.
///
/// `addPod` and `removePod` are upstream's PreFilterExtensions: when preemption removes victims
/// from a node, or nominated pods are counted on a node, the cluster state is changed for that
/// node only and each plugin updates its per-cycle state by the same delta instead of redoing
/// PreFilter. Plugins without per-cycle state keep the default, which does nothing.
public protocol PreFilterPlugin: SchedulerPlugin {
    func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult
    func addPod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState)
    func removePod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState)
}

extension PreFilterPlugin {
    public func addPod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {}
    public func removePod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {}
}

/// PreEnqueue: decides whether a pod may enter the active queue at all (SchedulingGates).
public protocol PreEnqueuePlugin: SchedulerPlugin {
    /// Nil admits the pod; otherwise the reason it waits.
    func preEnqueue(_ spec: PodSpecInfo) -> String?
}

/// Filter: removes the nodes in `nodes` that cannot run the pod, in place and keeping the order of
/// the rest, and records a failure for each removed node. Called one or more times per cycle on
/// successive batches of the rotated node list; it must not depend on batch boundaries.
public protocol FilterPlugin: SchedulerPlugin {
    func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures)
}

/// PreScore: called once per cycle with the feasible nodes before scoring. Returning false is
/// upstream's Skip: the plugin then scores nothing for this pod.
public protocol PreScorePlugin: SchedulerPlugin {
    func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool
}

/// Score: writes one raw score per node into `scores` (same order as `nodes`), then optionally
/// normalizes them to 0…100 (upstream's ScoreExtensions.NormalizeScore).
public protocol ScorePlugin: SchedulerPlugin {
    func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64])
    /// Maps raw scores to 0…100 in place; plugins whose raw scores are already in range do nothing.
    func normalize(_ scores: inout [Int64])
}

extension ScorePlugin {
    public func normalize(_ scores: inout [Int64]) {}
}

/// Upstream's `MaxNodeScore`.
public let maxNodeScore: Int64 = 100

/// Upstream's `DefaultNormalizeScore`: scales raw scores so the largest becomes 100; `reverse`
/// then flips them (fewer untolerated taints scores higher). All-zero scores become 100 when
/// reversed and stay 0 otherwise.
public func defaultNormalizeScore(_ scores: inout [Int64], reverse: Bool) {
    let highest = scores.max() ?? 0
    if highest == 0 {
        if reverse { for index in scores.indices { scores[index] = maxNodeScore } }
        return
    }
    for index in scores.indices {
        var score = maxNodeScore * scores[index] / highest
        if reverse { score = maxNodeScore - score }
        scores[index] = score
    }
}
