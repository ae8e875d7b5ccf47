/// The Deployment controller's status work (reference §4.10–4.12): the Available and Progressing
/// conditions with the progress deadline, history cleanup, and kubesim's rollout records.
extension DeploymentSync {
    /// upstream's reasons for the Progressing and Available conditions.
    enum DeploymentReason {
        static let newReplicaSetCreated = "NewReplicaSetCreated"
        static let foundNewReplicaSet = "FoundNewReplicaSet"
        static let replicaSetUpdated = "ReplicaSetUpdated"
        static let newReplicaSetAvailable = "NewReplicaSetAvailable"
        static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
        static let minimumReplicasAvailable = "MinimumReplicasAvailable"
        static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    }

    /// upstream's `calculateStatus` and `syncRolloutStatus`: counts from the ReplicaSets, the
    /// Available condition, and — with a progress deadline — Progressing: True with
    /// NewReplicaSetAvailable once complete, refreshed with ReplicaSetUpdated whenever the rollout
    /// makes progress, False with ProgressDeadlineExceeded once `lastUpdate + deadline` has passed.
    /// A deployment still progressing is re-checked one second after its deadline, as upstream's
    /// `requeueStuckDeployment` does.
    func updateDeploymentStatus(_ id: DeploymentID, newReplicaSet newRS: ReplicaSetID?) {
        let deployment = cluster.deployments[id]
        let spec = deployment.spec
        let old = deployment.status
        var status = DeploymentStatus()
        for replicaSet in deployment.replicaSets where cluster.replicaSets[replicaSet].deletedAt == nil {
            let observed = cluster.replicaSets[replicaSet].status
            status.replicas += observed.replicas
            status.readyReplicas += observed.readyReplicas
            status.availableReplicas += observed.availableReplicas
        }
        status.updatedReplicas = newRS.map { cluster.replicaSets[$0].status.replicas } ?? 0

        let minimumAvailable = status.availableReplicas >= spec.replicas - RolloutMath.maxUnavailable(spec)
        status.available = condition(
            old.available, status: minimumAvailable,
            reason: minimumAvailable ? DeploymentReason.minimumReplicasAvailable : DeploymentReason.minimumReplicasUnavailable,
            message: minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.")

        status.progressing = old.progressing
        let hasDeadline = spec.progressDeadlineSeconds != Int32.max
        let complete = status.updatedReplicas == spec.replicas && status.replicas == spec.replicas && status.availableReplicas == spec.replicas
        let alreadyComplete = status.replicas == status.updatedReplicas && old.progressing?.reason == DeploymentReason.newReplicaSetAvailable
        let subject = newRS.map { "ReplicaSet \"\(cluster.replicaSets[$0].name)\"" } ?? "Deployment \"\(deployment.name)\""
        if !hasDeadline {
            status.progressing = nil
        } else if !alreadyComplete {
            if complete {
                status.progressing = condition(
                    old.progressing, status: true, reason: DeploymentReason.newReplicaSetAvailable,
                    message: "\(subject) has successfully progressed.")
            } else if status.updatedReplicas > old.updatedReplicas || status.replicas - status.updatedReplicas < old.replicas - old.updatedReplicas
                || status.readyReplicas > old.readyReplicas || status.availableReplicas > old.availableReplicas
            {
                var progressing = DeploymentCondition(
                    status: true, reason: DeploymentReason.replicaSetUpdated,
                    message: "\(subject) is progressing.", lastUpdate: now, lastTransition: now)
                if let current = old.progressing, current.status { progressing.lastTransition = current.lastTransition }
                status.progressing = progressing
            } else if let current = old.progressing, current.reason != DeploymentReason.newReplicaSetAvailable,
                current.reason == DeploymentReason.progressDeadlineExceeded
                    || current.lastUpdate + Millis.seconds(Int64(spec.progressDeadlineSeconds)) < now
            {
                status.progressing = condition(
                    old.progressing, status: false, reason: DeploymentReason.progressDeadlineExceeded,
                    message: "\(subject) has timed out progressing.")
            }
        }
        cluster.setStatus(status, of: id)
        recordRolloutProgress(id, status: status)
        if hasDeadline, let progressing = status.progressing, progressing.status, progressing.reason != DeploymentReason.newReplicaSetAvailable {
            let deadline = progressing.lastUpdate + Millis.seconds(Int64(spec.progressDeadlineSeconds)) + Millis.second
            if deadline > now { controller.requeue(id, at: deadline, in: context) }
        }
    }

    /// A condition with `lastTransition` kept when the status does not change, as upstream's
    /// `SetDeploymentCondition` (which also leaves a condition alone when nothing but its time would change).
    private func condition(_ previous: DeploymentCondition?, status: Bool, reason: String, message: String) -> DeploymentCondition {
        if let previous, previous.status == status, previous.reason == reason { return previous }
        let transition = previous.map { $0.status == status ? $0.lastTransition : now } ?? now
        return DeploymentCondition(status: status, reason: reason, message: message, lastUpdate: now, lastTransition: transition)
    }

    /// Closes the current rollout record when the Deployment is complete (every replica updated
    /// and available, whether or not it has a progress deadline), or notes that it timed out.
    private func recordRolloutProgress(_ id: DeploymentID, status: DeploymentStatus) {
        guard let last = cluster.deployments[id].rollouts.last, last.completedAt == nil else { return }
        let replicas = cluster.deployments[id].spec.replicas
        if status.updatedReplicas == replicas && status.replicas == replicas && status.availableReplicas == replicas {
            cluster.recordRollout(id) { $0[$0.count - 1].completedAt = now }
        } else if status.progressing?.reason == DeploymentReason.progressDeadlineExceeded, last.timedOutAt == nil {
            cluster.recordRollout(id) { $0[$0.count - 1].timedOutAt = now }
        }
    }

    /// upstream's `cleanupDeployment` (reference §4.12): beyond `revisionHistoryLimit`, delete the
    /// oldest old ReplicaSets that are fully scaled down; non-empty ones still count.
    func cleanUpHistory(_ id: DeploymentID, oldReplicaSets: [ReplicaSetID]) {
        let limit = Int(cluster.deployments[id].spec.revisionHistoryLimit)
        guard limit != Int(Int32.max) else { return }
        let cleanable = oldReplicaSets.filter { cluster.replicaSets[$0].deletedAt == nil }
        let excess = cleanable.count - limit
        guard excess > 0 else { return }
        let ordered = cleanable.sorted { a, b in
            let left = cluster.replicaSets[a], right = cluster.replicaSets[b]
            if left.revision != right.revision { return left.revision < right.revision }
            return left.createdAt != right.createdAt ? left.createdAt < right.createdAt : left.name < right.name
        }
        for replicaSet in ordered.prefix(excess) {
            let record = cluster.replicaSets[replicaSet]
            // As upstream, the status decides: pods still terminating do not count, and stay
            // until their grace period ends (the garbage collector's background deletion).
            guard record.replicas == 0, record.status.replicas == 0 else { continue }
            cluster.deleteReplicaSet(replicaSet, at: now)
        }
    }
}
