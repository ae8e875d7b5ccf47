/// Something a scenario makes happen at a given time.
public enum TimelineAction: Sendable {
    /// Changes a Deployment's pod template (a rollout), as `kubectl apply` or `kubectl set image` would.
    case rollout(namespace: String, name: String, template: PodTemplate)
    /// `kubectl rollout undo`: the template of the given revision (the previous one when nil).
    case rollback(namespace: String, name: String, revision: Int64?)
    /// `kubectl scale` on a workload with a `/scale` subresource.
    case scale(WorkloadReference, replicas: Int32)
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

/// The scenario's timeline, played as a user at a terminal would: `kubectl apply`, `kubectl
/// rollout undo` and `kubectl scale` at the given times.
final class ScenarioTimeline: Controller {
    enum Timer {
        /// The timeline entry at this index happens.
        case happen(Int)
    }

    static func event(_ timer: Timer) -> SimEvent { .timeline(timer) }

    private let entries: [TimelineEvent]

    init(_ entries: [TimelineEvent]) {
        self.entries = entries
    }

    /// Schedules every entry, in the infrastructure phase of its instant.
    func start(in context: ControllerContext) {
        for (index, entry) in entries.enumerated() { schedule(.happen(index), at: max(entry.at, 0), phase: .infrastructure, in: context) }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        guard case .happen(let index) = timer else { return }
        let cluster = context.cluster
        switch entries[index].action {
        case .rollout(let namespace, let name, let template):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return }
            cluster.updateDeployment(id) { $0.template = template }
        case .rollback(let namespace, let name, let revision):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return }
            rollBack(id, to: revision, in: context)
        case .scale(let target, let replicas):
            guard let workload = cluster.workload(target) else { return }
            cluster.setScale(of: workload, to: replicas)
        }
    }

    /// `kubectl rollout undo`: copies the template of the ReplicaSet at `revision` (by default the
    /// highest revision below the current one) into the Deployment, which then rolls forward; the
    /// events are upstream's legacy rollback events.
    private func rollBack(_ id: DeploymentID, to revision: Int64?, in context: ControllerContext) {
        let cluster = context.cluster
        let owned = cluster.deployments[id].replicaSets.filter { cluster.replicaSets[$0].deletedAt == nil }
        let current = cluster.newReplicaSet(of: id).map { cluster.replicaSets[$0].revision } ?? 0
        let target =
            revision.map { wanted in owned.first { cluster.replicaSets[$0].revision == wanted } }
            ?? owned.filter { cluster.replicaSets[$0].revision < current }.max { cluster.replicaSets[$0].revision < cluster.replicaSets[$1].revision }
        guard let target else {
            context.record(
                .warning, "DeploymentRollbackRevisionNotFound", cluster.reference(deployment: id),
                revision == nil ? "Unable to find last revision." : "Unable to find the revision to rollback to.")
            return
        }
        var template = cluster.replicaSets[target].template
        template.labels[ClusterState.podTemplateHashLabel] = nil
        guard template != cluster.deployments[id].spec.template else {
            context.record(
                .warning, "DeploymentRollbackTemplateUnchanged", cluster.reference(deployment: id),
                "The rollback revision contains the same template as current deployment \"\(cluster.deployments[id].name)\"")
            return
        }
        cluster.updateDeployment(id) { $0.template = template }
        context.record(
            .normal, "DeploymentRollback", cluster.reference(deployment: id),
            "Rolled back deployment \"\(cluster.deployments[id].name)\" to revision \(cluster.replicaSets[target].revision)")
    }
}
