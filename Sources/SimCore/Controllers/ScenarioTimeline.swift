/// Something a scenario makes happen at a given time.
public enum TimelineAction: Sendable {
    /// Changes a Deployment's pod template (a rollout), as `kubectl apply` or `kubectl set image` would.
    case rollout(namespace: String, name: String, template: PodTemplate)
    /// `kubectl rollout undo`: the template of the given revision (the previous one when nil).
    case rollback(namespace: String, name: String, revision: Int64?)
    /// `kubectl scale` on a workload with a `/scale` subresource.
    case scale(WorkloadReference, replicas: Int32)
    /// `kubectl apply -f`: objects created, or replacing the spec of those of the same name.
    case apply(AppliedObjects)
    /// `kubectl delete` of a workload, with its pods.
    case delete(WorkloadReference)
    /// `kubectl delete pod`.
    case deletePod(namespace: String, name: String)
}

/// The objects of an `apply` event, decoded and checked when the scenario was loaded.
public struct AppliedObjects: Sendable {
    public var namespaces: [NamespaceSpec] = []
    public var pods: [PodManifest] = []
    public var replicaSets: [ReplicaSetSpec] = []
    public var deployments: [DeploymentSpec] = []
    public var daemonSets: [DaemonSetSpec] = []
    public var statefulSets: [StatefulSetSpec] = []
    public var jobs: [JobSpec] = []
    public var services: [ServiceSpec] = []
    public var disruptionBudgets: [PodDisruptionBudgetSpec] = []
    public var persistentVolumes: [PersistentVolumeSpec] = []
    public var persistentVolumeClaims: [PersistentVolumeClaimSpec] = []

    public init() {}
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
/// rollout undo`, `kubectl scale` and `kubectl delete` at the given times.
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
        case .apply(let objects):
            apply(objects, in: context)
        case .delete(let target):
            guard let workload = cluster.workload(target) else { return }
            cluster.deleteWorkload(workload, at: context.now)
        case .deletePod(let namespace, let name):
            guard let pod = cluster.pod(namespace: namespace, name: name) else { return }
            cluster.beginDeletion(pod, at: context.now)
        }
    }

    /// `kubectl apply`: each object is created, or — for the workloads — its spec replaces the one
    /// of the object of the same name, which its controller then acts on (a Deployment rolls out
    /// a changed template). A ReplicaSet's template cannot change (its pods would not follow), so
    /// only its replicas do; the loader warns about the rest.
    private func apply(_ objects: AppliedObjects, in context: ControllerContext) {
        let cluster = context.cluster
        let now = context.now
        for namespace in objects.namespaces where !cluster.namespaces.contains(namespace.name) {
            cluster.addNamespace(namespace.name, labels: namespace.labels)
        }
        for service in objects.services { cluster.addService(service) }
        for budget in objects.disruptionBudgets { cluster.addDisruptionBudget(budget) }
        for volume in objects.persistentVolumes { cluster.addPersistentVolume(volume) }
        for claim in objects.persistentVolumeClaims { _ = context.createAppliedClaim(claim) }
        for spec in objects.deployments {
            if let id = cluster.deployment(namespace: spec.meta.namespace, name: spec.meta.name) {
                cluster.updateDeployment(id) { $0 = spec }
            } else {
                _ = cluster.createDeployment(spec, at: now)
            }
        }
        for spec in objects.replicaSets {
            if let id = cluster.replicaSet(namespace: spec.meta.namespace, name: spec.meta.name) {
                cluster.scaleReplicaSet(id, to: spec.replicas)
            } else {
                _ = cluster.createReplicaSet(spec, owner: nil, revision: 0, at: now)
            }
        }
        for spec in objects.daemonSets {
            if case .daemonSet(let id)? = cluster.workload(.daemonSet, namespace: spec.meta.namespace, name: spec.meta.name) {
                cluster.updateDaemonSet(id) { $0 = spec }
            } else {
                _ = cluster.createDaemonSet(spec, at: now)
            }
        }
        for spec in objects.statefulSets {
            if case .statefulSet(let id)? = cluster.workload(.statefulSet, namespace: spec.meta.namespace, name: spec.meta.name) {
                cluster.updateStatefulSet(id) { $0 = spec }
            } else {
                _ = cluster.createStatefulSet(spec, at: now)
            }
        }
        for spec in objects.jobs {
            if case .job(let id)? = cluster.workload(.job, namespace: spec.meta.namespace, name: spec.meta.name) {
                cluster.updateJob(id) { current in
                    current.suspend = spec.suspend
                    current.parallelism = spec.parallelism
                    current.activeDeadlineSeconds = spec.activeDeadlineSeconds
                    current.ttlSecondsAfterFinished = spec.ttlSecondsAfterFinished
                }
            } else {
                _ = context.createAppliedJob(spec)
            }
        }
        for pod in objects.pods { _ = context.createBarePod(pod) }
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
