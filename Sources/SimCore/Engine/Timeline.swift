/// Something a scenario makes happen at a given time.
public enum TimelineAction: Sendable {
    /// Changes a Deployment's pod template (a rollout), as `kubectl apply` or `kubectl set image` would.
    case rollout(namespace: String, name: String, template: PodTemplate)
    /// `kubectl rollout undo`: the template of the given revision (the previous one when nil).
    case rollback(namespace: String, name: String, revision: Int64?)
    /// `kubectl scale` on a Deployment or a ReplicaSet.
    case scale(kind: String, namespace: String, name: String, replicas: Int32)
}

/// A timeline entry: when, and what.
public struct TimelineEvent: Sendable {
    public var at: SimTime
    public var action: TimelineAction

    public init(at: SimTime, action: TimelineAction) {
        self.at = at
        self.action = action
    }
}

extension Simulation {
    /// Carries out timeline entry `index`.
    func happen(_ index: Int) {
        switch setup.timeline[index].action {
        case .rollout(let namespace, let name, let template):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return }
            cluster.updateDeployment(id) { $0.template = template }
        case .rollback(let namespace, let name, let revision):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return }
            rollBack(id, to: revision)
        case .scale(let kind, let namespace, let name, let replicas):
            if kind == "Deployment", let id = cluster.deployment(namespace: namespace, name: name) {
                cluster.updateDeployment(id) { $0.replicas = replicas }
            } else if kind == "ReplicaSet", let id = cluster.replicaSet(namespace: namespace, name: name) {
                cluster.scaleReplicaSet(id, to: replicas)
            }
        }
    }

    /// `kubectl rollout undo`: copies the template of the ReplicaSet at `revision` (by default the
    /// highest revision below the current one) into the Deployment, which then rolls forward; the
    /// events are upstream's legacy rollback events.
    private func rollBack(_ id: DeploymentID, to revision: Int64?) {
        let owned = cluster.deployments[id].replicaSets.filter { cluster.replicaSets[$0].deletedAt == nil }
        let current = findNewReplicaSet(id).map { cluster.replicaSets[$0].revision } ?? 0
        let target = revision.map { wanted in owned.first { cluster.replicaSets[$0].revision == wanted } }
            ?? owned.filter { cluster.replicaSets[$0].revision < current }.max { cluster.replicaSets[$0].revision < cluster.replicaSets[$1].revision }
        guard let target else {
            record(.warning, "DeploymentRollbackRevisionNotFound", reference(deployment: id),
                   revision == nil ? "Unable to find last revision." : "Unable to find the revision to rollback to.")
            return
        }
        var template = cluster.replicaSets[target].template
        template.labels[Self.podTemplateHashLabel] = nil
        guard template != cluster.deployments[id].spec.template else {
            record(.warning, "DeploymentRollbackTemplateUnchanged", reference(deployment: id),
                   "The rollback revision contains the same template as current deployment \"\(cluster.deployments[id].name)\"")
            return
        }
        cluster.updateDeployment(id) { $0.template = template }
        record(.normal, "DeploymentRollback", reference(deployment: id),
               "Rolled back deployment \"\(cluster.deployments[id].name)\" to revision \(cluster.replicaSets[target].revision)")
    }
}
