/// A scheduler plugin: a named unit that implements one or more extension points, as upstream's
/// scheduling framework. Plugins are long-lived objects; they may keep per-cycle scratch state
/// computed in PreFilter/PreScore and read in Filter/Score of the same cycle.
///
/// A plugin declares itself in its own file: its upstream name, the extension points it
/// implements (the protocols below it conforms to), its typed arguments (`ConfigurablePlugin`),
/// and, if it can reject a pod, the cluster events that may make the pod schedulable again
/// (`eventsToRegister`). `PluginRegistry` lists every plugin, one line each.
///
/// kubesim batches: each extension point is called once per plugin per pod over a list of nodes,
/// rather than once per node, so the per-node work is a tight loop over flat columns.
public protocol SchedulerPlugin: AnyObject {
    /// The upstream plugin name, e.g. "NodeResourcesFit".
    static var name: String { get }
    /// Extension points upstream's plugin implements that kubesim does not run (Permit,
    /// PreBind, PostBind), so a configuration may name the plugin there as upstream allows.
    static var unsimulatedExtensionPoints: Set<ExtensionPoint> { get }
    /// The plugin for one profile, from the profile's `pluginConfig` arguments.
    init(arguments: PluginArguments, symbols: SymbolTable)
}

extension SchedulerPlugin {
    /// The upstream plugin name.
    public var name: String { Self.name }

    public static var unsimulatedExtensionPoints: Set<ExtensionPoint> { [] }

    /// The extension points the plugin implements: those of the protocols it conforms to, and
    /// the upstream ones kubesim does not run.
    public static var extensionPoints: Set<ExtensionPoint> {
        var points = unsimulatedExtensionPoints
        if self is PreEnqueuePlugin.Type { points.insert(.preEnqueue) }
        if self is QueueSortPlugin.Type { points.insert(.queueSort) }
        if self is PreFilterPlugin.Type { points.insert(.preFilter) }
        if self is FilterPlugin.Type { points.insert(.filter) }
        if self is PostFilterPlugin.Type { points.insert(.postFilter) }
        if self is PreScorePlugin.Type { points.insert(.preScore) }
        if self is ScorePlugin.Type { points.insert(.score) }
        if self is ReservePlugin.Type { points.insert(.reserve) }
        if self is BindPlugin.Type { points.insert(.bind) }
        return points
    }
}

/// A plugin that takes `pluginConfig` arguments: its own typed `Arguments`, whose `init()` gives
/// upstream's defaults.
public protocol ConfigurablePlugin: SchedulerPlugin {
    associatedtype Arguments: PluginArgs
}

/// A plugin that can reject a pod (at PreFilter or Filter) declares the cluster events that may
/// make a pod it rejected schedulable, as upstream's `EventsToRegister`: the scheduling queue
/// moves such a pod back to be retried only on one of them (or by its periodic flush).
public protocol RejectingPlugin: SchedulerPlugin {
    static var eventsToRegister: ClusterEvents { get }
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
public protocol PreFilterPlugin: RejectingPlugin {
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
public protocol FilterPlugin: RejectingPlugin {
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

/// QueueSort: the order of the active queue. kubesim's scheduling queue implements the one
/// upstream plugin, PrioritySort (higher priority first, then earlier timestamp).
public protocol QueueSortPlugin: SchedulerPlugin {}

/// PostFilter: called when no node passed Filter, to make room. DefaultPreemption is the one
/// upstream plugin; its algorithm runs in `Scheduler+Preemption.swift` with the framework's
/// filters (upstream hands it the framework the same way), reading the plugin's arguments.
public protocol PostFilterPlugin: SchedulerPlugin {
    /// How many candidate nodes preemption looks for: `minCandidateNodesPercentage` and
    /// `minCandidateNodesAbsolute`.
    var candidateNodes: (percentage: Int32, absolute: Int32) { get }
}

/// What a Reserve plugin answers.
public enum ReserveResult: Sendable, Equatable {
    case success
    /// The node cannot take the pod after all; the message becomes the `FailedScheduling` event's.
    case failure(String)
}

/// Reserve and Unreserve: called once a node is chosen, before binding, to set aside what the
/// pod will use there (volumes, devices). When a plugin fails, the plugins that reserved are
/// unreserved in reverse order and the pod is unschedulable for this cycle.
public protocol ReservePlugin: SchedulerPlugin {
    func reserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) -> ReserveResult
    func unreserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState)
}

/// What a Bind plugin answers.
public enum BindResult: Sendable, Equatable {
    /// The pod is bound.
    case bound
    /// This plugin does not bind this pod (upstream's Skip); the next Bind plugin may.
    case skip
}

/// Bind: writes the binding. kubesim binds at once, where upstream's binding cycle runs
/// asynchronously; nothing else happens between the choice of node and the binding.
public protocol BindPlugin: SchedulerPlugin {
    func bind(_ pod: SchedulingPod, to node: NodeID, cluster: ClusterState, at time: SimTime) -> BindResult
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
