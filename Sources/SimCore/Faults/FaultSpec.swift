/// Which nodes a spot interruption takes.
public enum NodeSelection: Sendable, Hashable {
    case node(String)
    /// `count` nodes of the pool, drawn at random from the scenario's seed.
    case pool(String, count: Int)
}

/// How many of a workload's pods a pod kill takes.
public enum PodKillAmount: Sendable, Hashable {
    case count(Int)
    /// A fraction of the running pods, rounded up.
    case fraction(Double)
}

/// What a fault does.
public enum FaultAction: Sendable, Hashable {
    /// The machine stops: kubelet and containers gone; back after `duration` if given.
    case nodeCrash(node: String, duration: SimTime?)
    /// Every node of the zone stops; back after `duration` if given.
    case zoneOutage(zone: String, duration: SimTime?)
    /// Each node of the pool fails after exponentially distributed times (mean `mtbf`) and is
    /// repaired after exponentially distributed times (mean `mttr`), until `until`.
    case randomNodeFailures(pool: String, mtbf: SimTime, mttr: SimTime, until: SimTime?)
    /// The cloud reclaims the nodes: a notice (the nodes are drained, as a node termination
    /// handler does), then the machines stop and the Node objects are deleted.
    case spotInterruption(nodes: NodeSelection, notice: SimTime)
    /// Pods of the workload are deleted, with `gracePeriod` (0 by default: killed).
    case podKill(target: WorkloadReference, amount: PodKillAmount, gracePeriod: SimTime?)
    /// `kubectl drain`: cordon, then evict every pod, retrying those a PodDisruptionBudget
    /// blocks every 5 s; `force` deletes pods without a controller too. Uncordoned after
    /// `uncordonAfter` if given.
    case nodeDrain(node: String, force: Bool, uncordonAfter: SimTime?)
    /// The node is cut off: its containers keep running but nothing reaches them; back after
    /// `duration` if given.
    case networkPartition(node: String, duration: SimTime?)
    /// The workload's containers crash, each after exponentially distributed times (mean
    /// `mtbf`), and restart with the kubelet's back-off, until `until`.
    case containerCrashes(target: WorkloadReference, mtbf: SimTime, until: SimTime?)

    /// The scenario's name for the fault type.
    public var type: String {
        switch self {
        case .nodeCrash: "nodeCrash"
        case .zoneOutage: "zoneOutage"
        case .randomNodeFailures: "randomNodeFailures"
        case .spotInterruption: "spotInterruption"
        case .podKill: "podKill"
        case .nodeDrain: "nodeDrain"
        case .networkPartition: "networkPartition"
        case .containerCrashes: "containerCrashes"
        }
    }
}

/// A fault of the scenario: what, and when it starts.
public struct FaultSpec: Sendable, Hashable {
    public var at: SimTime
    public var action: FaultAction

    public init(at: SimTime, action: FaultAction) {
        self.at = at
        self.action = action
    }
}

/// One fault that happened, for the summary: when, to what, and when every workload was back
/// to its desired ready replicas (nil while not yet, or for faults without a single moment).
public struct FaultRecord: Sendable, Hashable {
    public var type: String
    public var at: SimTime
    public var target: String
    public var recoveredAt: SimTime?
    /// False for continuing faults (container crashes), which get no recovery time.
    public var tracksRecovery: Bool
    /// For a drain (and a spot interruption's drain): whether the node was drained (only
    /// DaemonSet pods left). A drain not drained has not recovered, whatever the workloads do.
    public var drained: Bool?
}
