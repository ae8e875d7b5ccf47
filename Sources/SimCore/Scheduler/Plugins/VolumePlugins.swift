/// The volume plugins of the default registry. kubesim does not simulate volumes yet (see
/// docs/fidelity.md), so each does what upstream's does for a pod without volumes: its PreFilter
/// skips its Filter, its PreScore skips its Score, and it reserves nothing. A configuration may
/// name them wherever upstream allows.

/// VolumeRestrictions: conflicts between volumes that cannot be shared.
public final class VolumeRestrictions: PreFilterPlugin, FilterPlugin {
    public static let name = "VolumeRestrictions"
    public static let eventsToRegister = ClusterEvents.placementChanges

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult { .skip }
    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {}
}

/// NodeVolumeLimits: how many volumes a node can attach.
public final class NodeVolumeLimits: FilterPlugin {
    public static let name = "NodeVolumeLimits"
    public static let eventsToRegister = ClusterEvents.capacityChanges

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {}
}

/// VolumeBinding: binding PersistentVolumeClaims to volumes that can reach the node.
public final class VolumeBinding: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ReservePlugin {
    public static let name = "VolumeBinding"
    public static let eventsToRegister = ClusterEvents.nodeChanges
    public static let unsimulatedExtensionPoints: Set<ExtensionPoint> = [.preBind]

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult { .skip }
    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {}
    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool { false }
    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {}
    public func reserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) -> ReserveResult { .success }
    public func unreserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) {}
}

/// VolumeZone: volumes that live in one zone.
public final class VolumeZone: PreFilterPlugin, FilterPlugin {
    public static let name = "VolumeZone"
    public static let eventsToRegister = ClusterEvents.nodeChanges

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult { .skip }
    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {}
}
