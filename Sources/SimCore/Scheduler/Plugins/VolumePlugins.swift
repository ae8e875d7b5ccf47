/// The volume plugins of the default registry. VolumeBinding and VolumeZone are simulated for
/// PersistentVolumeClaims (`ClusterState+Volumes`); VolumeRestrictions and NodeVolumeLimits do
/// what upstream's do for pods without the volumes they check (see docs/fidelity.md). For a pod
/// without claims each PreFilter skips its Filter, as upstream's.

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

/// VolumeBinding: a pod's PersistentVolumeClaims must be bound, or bindable, to volumes the node
/// can reach (upstream's `volumebinding` plugin). PreFilter rejects a pod whose claim does not
/// exist, or whose `Immediate` claim is not bound yet; Filter rejects nodes a bound volume cannot
/// be reached from, and nodes where no volume can be found or provisioned for an unbound claim;
/// Reserve binds the unbound claims for the chosen node (upstream assumes in Reserve and binds in
/// PreBind; kubesim binds at once).
public final class VolumeBinding: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ReservePlugin {
    public static let name = "VolumeBinding"
    public static let eventsToRegister = ClusterEvents.nodeChanges
    /// Binding is done in Reserve; upstream's PreBind, which writes the binding to the API, has
    /// nothing left to do.
    public static let unsimulatedExtensionPoints: Set<ExtensionPoint> = [.preBind]

    /// The pod's claims, found in PreFilter.
    private var claims: [ClaimID] = []

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        claims.removeAll(keepingCapacity: true)
        guard cluster.hasClaims(pod.id) else { return .skip }
        let keys = cluster.claimKeys(of: pod.id)
        for key in keys {
            guard let claim = cluster.claimIndex[key] else {
                let name = key.split(separator: "/", maxSplits: 1).last.map(String.init) ?? key
                return .reject(.unschedulableAndUnresolvable, "persistentvolumeclaim \"\(name)\" not found")
            }
            if cluster.claims[claim].volume == nil && cluster.bindingMode(of: claim) == .immediate {
                return .reject(.unschedulableAndUnresolvable, "pod has unbound immediate PersistentVolumeClaims")
            }
            claims.append(claim)
        }
        return .proceed
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let claims = self.claims
        guard !claims.isEmpty else { return }
        nodes.removeAll { node in
            var rejected = false
            var reported: [FilterReason] = []
            for claim in claims {
                guard let reason = cluster.volumeConflict(claim, on: node), !reported.contains(reason) else { continue }
                reported.append(reason)
                failures.reject(node, .unschedulableAndUnresolvable, reason)
                rejected = true
            }
            return rejected
        }
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool { false }
    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {}

    public func reserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) -> ReserveResult {
        if cluster.hasClaims(pod.id) { cluster.bindClaims(of: pod.id, on: node) }
        return .success
    }

    public func unreserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) {}
}

/// VolumeZone: a bound volume with a zone label (`topology.kubernetes.io/zone`, as older
/// provisioners wrote) holds its pods to nodes of that zone.
public final class VolumeZone: PreFilterPlugin, FilterPlugin {
    public static let name = "VolumeZone"
    public static let eventsToRegister = ClusterEvents.nodeChanges

    /// The zones of the pod's bound, zone-labelled volumes, found in PreFilter.
    private var zones: [String] = []

    public init(arguments: PluginArguments, symbols: SymbolTable) {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        guard cluster.hasClaims(pod.id) else { return .skip }
        zones = cluster.claimKeys(of: pod.id).compactMap { key in
            guard let claim = cluster.claimIndex[key], let volume = cluster.claims[claim].volume else { return nil }
            return cluster.volumes[volume].spec.zoneLabel
        }
        return zones.isEmpty ? .skip : .proceed
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let zones = self.zones
        nodes.removeAll { node in
            let zone = cluster.nodes.labels[Int(node)].value(for: cluster.wellKnown.zoneLabel).map { cluster.symbols[$0] }
            guard zones.contains(where: { $0 != zone }) else { return false }
            failures.reject(node, .unschedulableAndUnresolvable, .volumeZoneConflict)
            return true
        }
    }
}
