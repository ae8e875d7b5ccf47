/// The Deployment controller (reference §4): finds the new and old ReplicaSets, then either scales
/// proportionally (a scaling event or a paused Deployment) or steps the rollout strategy, and
/// writes the status. Each pass changes one side only and relies on ReplicaSet and pod events to
/// run again, as upstream.
///
/// It syncs a Deployment when the Deployment changes — its spec, and its status too: upstream's
/// `updateDeployment` handler queues the Deployment on every update, its own status writes
/// included, which is what runs the history cleanup right after a rollout completes — when one of
/// its ReplicaSets changes, and, as upstream's `deletePod` handler, when the last pod of a
/// Recreate Deployment is gone. A sync that changes nothing writes no status, so this settles.
final class DeploymentController: Reconciler {
    typealias Timer = ReconcilerTimer<DeploymentID>

    static let watches: ChangeKinds = [.deploymentUpdated, .deploymentStatusUpdated, .replicaSetUpdated, .replicaSetStatusUpdated, .podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .deployments(timer) }

    var workQueue = WorkQueue<DeploymentID>()

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<DeploymentID> {
        switch change {
        case .deploymentUpdated(let deployment), .deploymentStatusUpdated(let deployment):
            return .one(deployment)
        case .replicaSetUpdated(let replicaSet), .replicaSetStatusUpdated(let replicaSet):
            return .one(cluster.replicaSets[replicaSet].owner)
        case .podRemoved(let removed):
            return .one(Self.recreateMayProceed(after: removed.owner, in: cluster))
        default:
            return .none
        }
    }

    /// A Recreate Deployment waits for its last pod to be gone before it creates the new
    /// ReplicaSet, and no ReplicaSet status change tells it so (terminating pods no longer count),
    /// so the deletion of its last pod does.
    private static func recreateMayProceed(after owner: PodOwner?, in cluster: ClusterState) -> DeploymentID? {
        guard case .replicaSet(let replicaSet)? = owner, let id = cluster.replicaSets[replicaSet].owner,
            case .recreate = cluster.deployments[id].spec.strategy
        else { return nil }
        let podsLeft = cluster.deployments[id].replicaSets.contains { !cluster.replicaSets[$0].pods.isEmpty }
        return podsLeft ? nil : id
    }

    func sync(_ id: DeploymentID, in context: ControllerContext) {
        DeploymentSync(controller: self, context: context).run(id)
    }
}

/// One sync of one Deployment: the controller's algorithm, reading and writing the cluster
/// through the context it was handed.
struct DeploymentSync {
    let controller: DeploymentController
    let context: ControllerContext
    var cluster: ClusterState { context.cluster }
    var now: SimTime { context.now }

    func record(_ type: EventType, _ reason: String, _ object: ObjectReference, _ message: String) {
        context.record(type, reason, object, message)
    }

    func run(_ id: DeploymentID) {
        let deployment = cluster.deployments[id]
        guard deployment.deletedAt == nil else { return }
        // The new ReplicaSet is found once per sync, as upstream's `getAllReplicaSetsAndSyncRevision`
        // does; the rollout may create it.
        var newRS = cluster.newReplicaSet(of: id)
        if deployment.spec.paused || isScalingEvent(id) {
            scaleProportionally(id, newReplicaSet: newRS)
            if deployment.spec.paused { cleanUpHistory(id, oldReplicaSets: oldReplicaSets(id, newReplicaSet: newRS)) }
        } else {
            switch deployment.spec.strategy {
            case .rollingUpdate: newRS = rolloutRolling(id, newReplicaSet: newRS)
            case .recreate: newRS = rolloutRecreate(id, newReplicaSet: newRS)
            }
        }
        if isComplete(cluster.deployments[id]) {
            cleanUpHistory(id, oldReplicaSets: oldReplicaSets(id, newReplicaSet: newRS))
        }
        updateDeploymentStatus(id, newReplicaSet: newRS)
    }

    /// upstream's `DeploymentComplete`, on the status last written: every replica updated and
    /// available, and no old ones left.
    private func isComplete(_ deployment: Deployment) -> Bool {
        let replicas = deployment.spec.replicas, status = deployment.status
        return status.updatedReplicas == replicas && status.replicas == replicas && status.availableReplicas == replicas
    }

    // MARK: ReplicaSets of a Deployment

    private func ownedReplicaSets(_ id: DeploymentID) -> [ReplicaSetID] { cluster.ownedReplicaSets(of: id) }
    private func createdBefore(_ a: ReplicaSetID, _ b: ReplicaSetID) -> Bool { cluster.createdBefore(a, b) }
    func oldReplicaSets(_ id: DeploymentID, newReplicaSet: ReplicaSetID?) -> [ReplicaSetID] {
        cluster.oldReplicaSets(of: id, newReplicaSet: newReplicaSet)
    }

    private func replicas(_ replicaSet: ReplicaSetID) -> Int32 { cluster.replicaSets[replicaSet].replicas }

    /// `isScalingEvent`: some active ReplicaSet was last scaled for a different replica count.
    private func isScalingEvent(_ id: DeploymentID) -> Bool {
        let desired = cluster.deployments[id].spec.replicas
        return ownedReplicaSets(id).contains { replicaSet in
            let record = cluster.replicaSets[replicaSet]
            return record.replicas > 0 && record.desiredReplicasAnnotation.map { $0 != desired } ?? false
        }
    }

    /// Returns the new ReplicaSet (`existing`, the one whose template is the Deployment's),
    /// creating it (with `NewRSNewReplicas` replicas and the next revision) when there is none and
    /// `create` is set; keeps its revision and `minReadySeconds` current.
    private func newReplicaSet(_ id: DeploymentID, existing: ReplicaSetID?, create: Bool) -> ReplicaSetID? {
        let deployment = cluster.deployments[id]
        let olds = oldReplicaSets(id, newReplicaSet: existing)
        let nextRevision = (olds.map { cluster.replicaSets[$0].revision }.max() ?? 0) + 1
        if let existing {
            let revision = max(cluster.replicaSets[existing].revision, nextRevision)
            if revision > cluster.replicaSets[existing].revision {
                // An old ReplicaSet became the new one again: a rollback rolls out.
                cluster.recordRollout(id) { $0.append(RolloutRecord(revision: revision, startedAt: now)) }
                setProgressing(
                    id, reason: DeploymentReason.foundNewReplicaSet,
                    message: "Found new replica set \"\(cluster.replicaSets[existing].name)\"")
            }
            cluster.updateRevision(existing, revision: revision, minReadySeconds: deployment.spec.minReadySeconds)
            return existing
        }
        guard create else { return nil }
        var hash = RolloutMath.podTemplateHash(deployment.spec.template, collisionCount: deployment.collisionCount)
        while cluster.replicaSet(namespace: deployment.spec.meta.namespace, name: deployment.name + "-" + hash) != nil {
            cluster.bumpCollisionCount(id)
            hash = RolloutMath.podTemplateHash(deployment.spec.template, collisionCount: cluster.deployments[id].collisionCount)
        }
        var template = deployment.spec.template
        template.labels[ClusterState.podTemplateHashLabel] = hash
        var selector = deployment.spec.selector
        selector.matchLabels[ClusterState.podTemplateHashLabel] = hash
        var labels = template.labels
        labels[ClusterState.podTemplateHashLabel] = hash
        let total = olds.reduce(Int32(0)) { $0 + replicas($1) }
        let initial = RolloutMath.newReplicaSetReplicas(deployment.spec, totalReplicas: total, newReplicas: 0)
        let spec = ReplicaSetSpec(
            meta: ObjectMeta(name: deployment.name + "-" + hash, namespace: deployment.spec.meta.namespace, labels: labels),
            replicas: initial, selector: selector, template: template, minReadySeconds: deployment.spec.minReadySeconds)
        guard let created = cluster.createReplicaSet(spec, owner: id, revision: nextRevision, at: now) else {
            return nil
        }
        cluster.scaleReplicaSet(created, to: initial, annotations: replicaAnnotations(deployment.spec))
        cluster.recordRollout(id) { $0.append(RolloutRecord(revision: nextRevision, startedAt: now)) }
        setProgressing(id, reason: DeploymentReason.newReplicaSetCreated, message: "Created new replica set \"\(spec.meta.name)\"")
        if initial > 0 {
            record(.normal, "ScalingReplicaSet", cluster.reference(deployment: id), "Scaled up replica set \(spec.meta.name) from 0 to \(initial)")
        }
        return created
    }

    /// The desired-replicas and max-replicas annotations for the Deployment's current spec.
    private func replicaAnnotations(_ spec: DeploymentSpec) -> (desired: Int32, max: Int32) {
        (spec.replicas, spec.replicas + RolloutMath.maxSurge(spec))
    }

    /// `scaleReplicaSet`: resizes and rewrites the annotations; a size change gets a
    /// `ScalingReplicaSet` event. Returns true when the size changed.
    @discardableResult
    private func scale(_ replicaSet: ReplicaSetID, to newSize: Int32, for id: DeploymentID) -> Bool {
        let oldSize = replicas(replicaSet)
        cluster.scaleReplicaSet(replicaSet, to: newSize, annotations: replicaAnnotations(cluster.deployments[id].spec))
        guard oldSize != newSize else { return false }
        let direction = newSize > oldSize ? "up" : "down"
        record(
            .normal, "ScalingReplicaSet", cluster.reference(deployment: id),
            "Scaled \(direction) replica set \(cluster.replicaSets[replicaSet].name) from \(oldSize) to \(newSize)")
        return true
    }

    // MARK: RollingUpdate

    /// `rolloutRolling`: scale the new ReplicaSet up if possible, else the old ones down. Returns
    /// the new ReplicaSet, created if there was none.
    private func rolloutRolling(_ id: DeploymentID, newReplicaSet existing: ReplicaSetID?) -> ReplicaSetID? {
        guard let newRS = newReplicaSet(id, existing: existing, create: true) else { return nil }
        if !reconcileNewReplicaSet(newRS, for: id) { reconcileOldReplicaSets(newRS, for: id) }
        return newRS
    }

    private func reconcileNewReplicaSet(_ newRS: ReplicaSetID, for id: DeploymentID) -> Bool {
        let spec = cluster.deployments[id].spec
        if replicas(newRS) == spec.replicas { return false }
        if replicas(newRS) > spec.replicas { return scale(newRS, to: spec.replicas, for: id) }
        let total = ownedReplicaSets(id).reduce(Int32(0)) { $0 + replicas($1) }
        let target = RolloutMath.newReplicaSetReplicas(spec, totalReplicas: total, newReplicas: replicas(newRS))
        return target != replicas(newRS) && scale(newRS, to: target, for: id)
    }

    /// `reconcileOldReplicaSets`: within `replicas − maxUnavailable` available pods, first remove
    /// old replicas that are not available, then scale old ReplicaSets down oldest first.
    @discardableResult
    private func reconcileOldReplicaSets(_ newRS: ReplicaSetID, for id: DeploymentID) -> Bool {
        let spec = cluster.deployments[id].spec
        let olds = oldReplicaSets(id, newReplicaSet: newRS).filter { replicas($0) > 0 }
        guard olds.reduce(Int32(0), { $0 + replicas($1) }) > 0 else { return false }
        let allPods = ownedReplicaSets(id).reduce(Int32(0)) { $0 + replicas($1) }
        let minAvailable = spec.replicas - RolloutMath.maxUnavailable(spec)
        let newUnavailable = replicas(newRS) - cluster.replicaSets[newRS].status.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return false }

        var cleanedUp: Int32 = 0
        for old in olds where cleanedUp < maxScaledDown {
            let available = cluster.replicaSets[old].status.availableReplicas
            guard replicas(old) > 0, replicas(old) != available else { continue }
            let count = min(maxScaledDown - cleanedUp, replicas(old) - available)
            scale(old, to: replicas(old) - count, for: id)
            cleanedUp += count
        }

        var scaledDown: Int32 = 0
        let available = ownedReplicaSets(id).reduce(Int32(0)) { $0 + cluster.replicaSets[$1].status.availableReplicas }
        if available > minAvailable {
            let budget = available - minAvailable
            for old in olds where scaledDown < budget && replicas(old) > 0 {
                let count = min(replicas(old), budget - scaledDown)
                scale(old, to: replicas(old) - count, for: id)
                scaledDown += count
            }
        }
        return cleanedUp + scaledDown > 0
    }

    // MARK: Recreate

    /// `rolloutRecreate`: scale every old ReplicaSet to zero, wait until no old pod is left, then
    /// create and scale up the new ReplicaSet. Returns the new ReplicaSet (created once the old pods
    /// are gone).
    private func rolloutRecreate(_ id: DeploymentID, newReplicaSet existing: ReplicaSetID?) -> ReplicaSetID? {
        let existingNew = newReplicaSet(id, existing: existing, create: false)
        var scaledDown = false
        for old in oldReplicaSets(id, newReplicaSet: existingNew) where replicas(old) > 0 {
            scaledDown = scale(old, to: 0, for: id) || scaledDown
        }
        if scaledDown { return existingNew }
        let oldPodsRemain = oldReplicaSets(id, newReplicaSet: existingNew).contains { old in
            cluster.replicaSets[old].status.replicas > 0
                || cluster.replicaSets[old].pods.contains { cluster.pods[$0].phase != .succeeded && cluster.pods[$0].phase != .failed }
        }
        if oldPodsRemain { return existingNew }
        guard let newRS = existingNew ?? newReplicaSet(id, existing: nil, create: true) else { return nil }
        let desired = cluster.deployments[id].spec.replicas
        if replicas(newRS) != desired { scale(newRS, to: desired, for: id) }
        return newRS
    }

    // MARK: Proportional scaling

    /// `scale`: with one active ReplicaSet (or none) it takes all replicas; a saturated new
    /// ReplicaSet makes the old ones go to zero; otherwise, for RollingUpdate, the change is shared
    /// out in proportion to each ReplicaSet's size, largest first, the leftover to the first.
    private func scaleProportionally(_ id: DeploymentID, newReplicaSet newRS: ReplicaSetID?) {
        let spec = cluster.deployments[id].spec
        let olds = oldReplicaSets(id, newReplicaSet: newRS)
        let active = (olds + (newRS.map { [$0] } ?? [])).filter { replicas($0) > 0 }
        if active.count <= 1 {
            let target = active.first ?? newRS ?? olds.max(by: createdBefore)
            if let target, replicas(target) != spec.replicas { scale(target, to: spec.replicas, for: id) }
            return
        }
        if let newRS, replicas(newRS) == spec.replicas, cluster.replicaSets[newRS].desiredReplicasAnnotation == spec.replicas,
            cluster.replicaSets[newRS].status.availableReplicas == spec.replicas
        {
            for old in olds where replicas(old) > 0 { scale(old, to: 0, for: id) }
            return
        }
        guard case .rollingUpdate = spec.strategy else { return }
        let allowed = spec.replicas > 0 ? spec.replicas + RolloutMath.maxSurge(spec) : 0
        let toAdd = allowed - active.reduce(Int32(0)) { $0 + replicas($1) }
        let ordered = active.sorted { a, b in
            if replicas(a) != replicas(b) { return replicas(a) > replicas(b) }
            return toAdd > 0 ? createdBefore(b, a) : createdBefore(a, b)
        }
        var sizes = ordered.map(replicas)
        var added: Int32 = 0
        if toAdd != 0 {
            for (index, replicaSet) in ordered.enumerated() {
                let record = cluster.replicaSets[replicaSet]
                let before = record.maxReplicasAnnotation.flatMap { $0 == 0 ? nil : $0 } ?? cluster.deployments[id].status.replicas
                let fraction = RolloutMath.replicaSetFraction(replicas: record.replicas, spec: spec, maxReplicasBefore: before)
                let share = RolloutMath.proportion(replicas: record.replicas, fraction: fraction, toAdd: toAdd, added: added)
                sizes[index] += share
                added += share
            }
            sizes[0] = max(sizes[0] + toAdd - added, 0)
        }
        for (index, replicaSet) in ordered.enumerated() { scale(replicaSet, to: sizes[index], for: id) }
    }

    /// Sets the Progressing condition True for a new rollout, when the Deployment has a deadline.
    private func setProgressing(_ id: DeploymentID, reason: String, message: String) {
        let deployment = cluster.deployments[id]
        guard deployment.spec.progressDeadlineSeconds != Int32.max else { return }
        var status = deployment.status
        let transition = status.progressing?.status == true ? status.progressing?.lastTransition ?? now : now
        status.progressing = DeploymentCondition(status: true, reason: reason, message: message, lastUpdate: now, lastTransition: transition)
        cluster.setStatus(status, of: id)
    }
}
