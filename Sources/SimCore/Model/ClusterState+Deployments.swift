/// Reading a Deployment's ReplicaSets, as the Deployment controller and `kubectl rollout undo`
/// both do.
extension ClusterState {
    /// The label a Deployment adds to its ReplicaSets' templates and selectors.
    public static let podTemplateHashLabel = "pod-template-hash"

    /// ReplicaSets of the Deployment that are not deleted, oldest first (creation time, then name).
    func ownedReplicaSets(of id: DeploymentID) -> [ReplicaSetID] {
        deployments[id].replicaSets
            .filter { replicaSets[$0].deletedAt == nil }
            .sorted(by: createdBefore)
    }

    /// `ReplicaSetsByCreationTimestamp`: older first, then by name.
    func createdBefore(_ a: ReplicaSetID, _ b: ReplicaSetID) -> Bool {
        let left = replicaSets[a], right = replicaSets[b]
        return left.createdAt != right.createdAt ? left.createdAt < right.createdAt : left.name < right.name
    }

    /// The ReplicaSet whose template equals the Deployment's, ignoring `pod-template-hash`; the
    /// oldest if several do.
    func newReplicaSet(of id: DeploymentID) -> ReplicaSetID? {
        let template = deployments[id].spec.template
        return ownedReplicaSets(of: id).first { replicaSet in
            var candidate = replicaSets[replicaSet].template
            candidate.labels[Self.podTemplateHashLabel] = nil
            return candidate == template
        }
    }

    /// The Deployment's ReplicaSets other than `newReplicaSet`, oldest first.
    func oldReplicaSets(of id: DeploymentID, newReplicaSet: ReplicaSetID?) -> [ReplicaSetID] {
        ownedReplicaSets(of: id).filter { $0 != newReplicaSet }
    }
}
