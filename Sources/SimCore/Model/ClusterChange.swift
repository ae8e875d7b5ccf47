/// One change to the cluster state, as a watch event: the store appends these, and the simulation
/// hands each to the controllers that watch its kind (`Controller.watches`), in the order the
/// controllers are registered.
///
/// Spec and status changes are separate cases so that a controller writing an object's status
/// does not wake itself up again.
public enum ClusterChange: Sendable {
    case nodeAdded(NodeID)
    /// Labels, taints, schedulability, readiness or allocatable changed.
    case nodeUpdated(NodeID)
    case nodeRemoved(NodeID)
    /// The machine failed, was cut off or came back (`previous` is what it was); the API has not
    /// changed: only the kubelet, the node lifecycle controller (through the node's lease) and
    /// traffic see this.
    case nodeHealthChanged(NodeID, previous: NodeHealth)
    case podAdded(PodID)
    case podBound(PodID)
    /// Phase or readiness changed.
    case podUpdated(PodID)
    /// A bound pod got its deletion timestamp; the kubelet starts terminating it.
    case podDeleting(PodID)
    /// The pod is gone from the API.
    case podRemoved(RemovedPod)
    /// Created or its desired replicas changed.
    case replicaSetUpdated(ReplicaSetID)
    case replicaSetStatusUpdated(ReplicaSetID)
    /// Created or its spec changed.
    case deploymentUpdated(DeploymentID)
    case deploymentStatusUpdated(DeploymentID)
    /// A DaemonSet, StatefulSet or Job was created, or its spec or status changed.
    case workloadUpdated(WorkloadRef)

    /// The owner of the pod this change is about (a removed pod's last owner); nil for a change
    /// that is not about a pod, or a pod no controller owns. Workload controllers read their keys
    /// from it, as upstream's pod event handlers resolve the pod's controller reference.
    public func podOwner(in cluster: ClusterState) -> PodOwner? {
        switch self {
        case .podAdded(let pod), .podBound(let pod), .podUpdated(let pod), .podDeleting(let pod): cluster.pods[pod].owner
        case .podRemoved(let removed): removed.owner
        default: nil
        }
    }

    /// The kind of change, for matching against what a controller watches.
    public var kind: ChangeKinds {
        switch self {
        case .nodeAdded: .nodeAdded
        case .nodeUpdated: .nodeUpdated
        case .nodeRemoved: .nodeRemoved
        case .nodeHealthChanged: .nodeHealthChanged
        case .podAdded: .podAdded
        case .podBound: .podBound
        case .podUpdated: .podUpdated
        case .podDeleting: .podDeleting
        case .podRemoved: .podRemoved
        case .replicaSetUpdated: .replicaSetUpdated
        case .replicaSetStatusUpdated: .replicaSetStatusUpdated
        case .deploymentUpdated: .deploymentUpdated
        case .deploymentStatusUpdated: .deploymentStatusUpdated
        case .workloadUpdated: .workloadUpdated
        }
    }
}

/// A set of kinds of cluster change: what a controller watches.
public struct ChangeKinds: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let nodeAdded = ChangeKinds(rawValue: 1 << 0)
    public static let nodeUpdated = ChangeKinds(rawValue: 1 << 1)
    public static let nodeRemoved = ChangeKinds(rawValue: 1 << 2)
    public static let nodeHealthChanged = ChangeKinds(rawValue: 1 << 3)
    public static let podAdded = ChangeKinds(rawValue: 1 << 4)
    public static let podBound = ChangeKinds(rawValue: 1 << 5)
    public static let podUpdated = ChangeKinds(rawValue: 1 << 6)
    public static let podDeleting = ChangeKinds(rawValue: 1 << 7)
    public static let podRemoved = ChangeKinds(rawValue: 1 << 8)
    public static let replicaSetUpdated = ChangeKinds(rawValue: 1 << 9)
    public static let replicaSetStatusUpdated = ChangeKinds(rawValue: 1 << 10)
    public static let deploymentUpdated = ChangeKinds(rawValue: 1 << 11)
    public static let deploymentStatusUpdated = ChangeKinds(rawValue: 1 << 12)
    public static let workloadUpdated = ChangeKinds(rawValue: 1 << 13)

    /// Every change of a pod's life, from creation to removal.
    public static let pods: ChangeKinds = [.podAdded, .podBound, .podUpdated, .podDeleting, .podRemoved]
}

/// The last state of a pod removed from the cluster.
public struct RemovedPod: Sendable {
    public let id: PodID
    public let owner: PodOwner?
    public let node: NodeID?
    public let namespace: Symbol
    /// The pod had finished (Succeeded or Failed) before it was removed: its node's resources
    /// were freed then, and the scheduler, which watches only pods that have not finished, saw
    /// it go then.
    public let finished: Bool
}
