/// The failure codes a filter can return, as upstream's `framework.Code`.
public enum FilterCode: Sendable, Hashable {
    /// The node does not fit now, but removing pods (preemption) could help.
    case unschedulable
    /// Nothing about other pods can make this node fit (taints, affinity, node name).
    case unschedulableAndUnresolvable
}

/// Why a node was rejected, as the reason strings upstream plugins return. The strings feed the
/// `FailedScheduling` message histogram, so they match upstream exactly.
public enum FilterReason: Sendable, Hashable {
    /// NodeUnschedulable: `spec.unschedulable` without a matching toleration.
    case nodeUnschedulable
    /// NodeName: `spec.nodeName` names another node.
    case nodeNameMismatch
    /// TaintToleration: the first NoSchedule/NoExecute taint the pod does not tolerate.
    case untoleratedTaint(key: Symbol, value: Symbol)
    /// NodeAffinity: nodeSelector or required node affinity not satisfied.
    case nodeAffinityMismatch
    /// NodeAffinity: the profile's `addedAffinity` not satisfied.
    case enforcedNodeAffinityMismatch
    /// NodePorts: a requested host port is taken.
    case hostPortsTaken
    /// PodTopologySpread: placing the pod here would exceed a constraint's maxSkew.
    case spreadConstraintsNotMatch
    /// PodTopologySpread: the node lacks a constraint's topology key.
    case spreadConstraintLabelMissing
    /// InterPodAffinity: the pod's required affinity is not satisfied.
    case podAffinityRulesNotMatch
    /// InterPodAffinity: the pod's required anti-affinity is violated.
    case podAntiAffinityRulesNotMatch
    /// InterPodAffinity: an existing pod's required anti-affinity forbids this pod here.
    case existingPodsAntiAffinityRulesNotMatch
    /// Preemption: evaluating this node for preemption makes no sense.
    case preemptionNotHelpful
    /// Preemption: the node has no lower-priority pod to evict.
    case noPreemptionVictims
    /// NodeResourcesFit: no pod slot left.
    case tooManyPods
    /// NodeResourcesFit: not enough of a resource.
    case insufficient(String)
    /// VolumeBinding: a bound volume cannot be reached from the node.
    case volumeNodeAffinityConflict
    /// VolumeBinding: no volume can be bound or provisioned for an unbound claim here.
    case volumeBindConflict
    /// VolumeZone: a bound volume's zone label differs from the node's.
    case volumeZoneConflict

    /// The reason text, as the upstream plugin writes it.
    public func text(_ symbols: SymbolTable) -> String {
        switch self {
        case .nodeUnschedulable: return "node(s) were unschedulable"
        case .nodeNameMismatch: return "node(s) didn't match the requested node name"
        case .untoleratedTaint(let key, let value): return "node(s) had untolerated taint {\(symbols[key]): \(symbols[value])}"
        case .nodeAffinityMismatch: return "node(s) didn't match Pod's node affinity/selector"
        case .enforcedNodeAffinityMismatch: return "node(s) didn't match scheduler-enforced node affinity"
        case .hostPortsTaken: return "node(s) didn't have free ports for the requested pod ports"
        case .spreadConstraintsNotMatch: return "node(s) didn't match pod topology spread constraints"
        case .spreadConstraintLabelMissing: return "node(s) didn't match pod topology spread constraints (missing required label)"
        case .podAffinityRulesNotMatch: return "node(s) didn't match pod affinity rules"
        case .podAntiAffinityRulesNotMatch: return "node(s) didn't match pod anti-affinity rules"
        case .existingPodsAntiAffinityRulesNotMatch: return "node(s) didn't satisfy existing pods anti-affinity rules"
        case .preemptionNotHelpful: return "Preemption is not helpful for scheduling"
        case .noPreemptionVictims: return "No preemption victims found for incoming pod"
        case .tooManyPods: return "Too many pods"
        case .insufficient(let resource): return "Insufficient \(resource)"
        case .volumeNodeAffinityConflict: return "node(s) had volume node affinity conflict"
        case .volumeBindConflict: return "node(s) didn't find available persistent volumes to bind"
        case .volumeZoneConflict: return "node(s) had no available volume zone"
        }
    }
}

/// One filter failure: which node, which plugin, and why.
public struct FilterFailure: Sendable, Hashable {
    public var node: NodeID
    /// Index of the plugin in its profile's filter list.
    public var plugin: Int
    public var code: FilterCode
    public var reason: FilterReason
}

/// The failures recorded during one scheduling cycle, in the order they were found.
public struct FilterFailures: Sendable {
    public private(set) var records: [FilterFailure] = []
    /// The plugin index filters set before recording.
    var currentPlugin = 0

    public init() {}

    /// Records that `node` failed the current plugin.
    mutating func reject(_ node: NodeID, _ code: FilterCode, _ reason: FilterReason) {
        records.append(FilterFailure(node: node, plugin: currentPlugin, code: code, reason: reason))
    }

    mutating func removeAll() { records.removeAll(keepingCapacity: true) }

    /// Number of distinct nodes with a failure (failures of one node are recorded together).
    var distinctNodeCount: Int {
        var count = 0
        var previous = NodeID(rawValue: -1)
        for record in records where record.node != previous {
            count += 1
            previous = record.node
        }
        return count
    }
}
