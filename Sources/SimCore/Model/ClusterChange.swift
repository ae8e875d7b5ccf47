/// One change to the cluster state, as a watch event: the store appends these, and the simulation
/// hands them to the controllers, the kubelet and the scheduling queue that watch the changed kind.
///
/// Spec and status changes are separate cases so that a controller writing an object's status
/// does not wake itself up again.
public enum ClusterChange: Sendable {
    case nodeAdded(NodeID)
    /// Labels, taints, schedulability, readiness or allocatable changed.
    case nodeUpdated(NodeID)
    case nodeRemoved(NodeID)
    /// The machine failed or came back; the API has not changed (only the kubelet and traffic
    /// see this).
    case nodeHealthChanged(NodeID)
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
}

/// The last state of a pod removed from the cluster.
public struct RemovedPod: Sendable {
    public let id: PodID
    public let owner: PodOwner?
    public let node: NodeID?
    public let namespace: Symbol
}
