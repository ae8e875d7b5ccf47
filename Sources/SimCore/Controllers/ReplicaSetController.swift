/// The ReplicaSet controller (reference §5): keeps `replicas` active pods, creating or deleting
/// the difference (at most `burstReplicas` = 500 per sync), and writes the observed status.
///
/// It syncs a ReplicaSet when the ReplicaSet changes and when one of its pods is added, bound,
/// updated, deleted or removed (upstream's pod event handlers resolve the pod's controller).
final class ReplicaSetController: Reconciler {
    typealias Timer = ReconcilerTimer<ReplicaSetID>

    /// Upstream's `burstReplicas`.
    static let burstReplicas = 500

    static let watches: ChangeKinds = ChangeKinds.pods.union(.replicaSetUpdated)
    static func event(_ timer: Timer) -> SimEvent { .replicaSets(timer) }

    var workQueue = WorkQueue<ReplicaSetID>()
    /// Pod names (`<replicaset>-xxxxx`), as upstream's generateName.
    private var names: GeneratedNames
    /// Mixed into the pods' creation serials to stand in for their random UIDs.
    private let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        names = GeneratedNames(seed: seed, stream: "pod-names")
    }

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<ReplicaSetID> {
        switch change {
        case .podAdded, .podBound, .podUpdated, .podDeleting, .podRemoved:
            guard case .replicaSet(let id)? = change.podOwner(in: cluster) else { return .none }
            return .one(id)
        case .replicaSetUpdated(let replicaSet):
            return .one(replicaSet)
        default:
            return .none
        }
    }

    func sync(_ id: ReplicaSetID, in context: ControllerContext) {
        let cluster = context.cluster
        let replicaSet = cluster.replicaSets[id]
        guard replicaSet.deletedAt == nil else { return }
        let active = replicaSet.pods.filter { cluster.pods[$0].isActive }
        let difference = active.count - Int(replicaSet.replicas)
        if difference < 0 {
            var refused = false
            for _ in 0..<min(-difference, Self.burstReplicas) {
                refused = !createPod(for: id, in: context)
                if refused { break }
            }
            if !refused { workQueue.forget(id) }
        } else if difference > 0 {
            for pod in podsToDelete(active, count: min(difference, Self.burstReplicas), owner: replicaSet.owner, in: context) {
                // The name is read first: an unbound pod is gone as soon as its deletion begins.
                let name = cluster.pods[pod].name
                cluster.beginDeletion(pod, at: context.now)
                context.record(.normal, "SuccessfulDelete", cluster.reference(replicaSet: id), "Deleted pod: \(name)")
            }
        }
        updateStatus(of: id, in: context)
    }

    /// Creates one pod from the ReplicaSet's template, named `<replicaset>-<5 random characters>`.
    /// Returns false when admission refused the pod.
    private func createPod(for id: ReplicaSetID, in context: ControllerContext) -> Bool {
        let cluster = context.cluster
        let replicaSet = cluster.replicaSets[id]
        let namespace = cluster.symbols[replicaSet.namespace]
        while true {
            let name = names.next(replicaSet.name + "-")
            guard admits(name, spec: replicaSet.templateSpec, for: id, owner: cluster.reference(replicaSet: id), in: context) else { return false }
            if cluster.createPod(
                name: name, namespace: namespace, labels: replicaSet.templateLabels, spec: replicaSet.templateSpec,
                owner: .replicaSet(id), at: context.now) != nil
            {
                context.record(.normal, "SuccessfulCreate", cluster.reference(replicaSet: id), "Created pod: \(name)")
                return true
            }
        }
    }

    /// The `count` pods to delete, ranked as upstream's `getPodsToDelete`; a stable sort keeps the
    /// result deterministic where upstream's unstable sort would leave ties to chance.
    private func podsToDelete(_ active: [PodID], count: Int, owner: DeploymentID?, in context: ControllerContext) -> [PodID] {
        guard count < active.count else { return active }
        let cluster = context.cluster
        // Unassigned pods rank together, under a node ID no node has.
        let unassigned = NodeID(rawValue: -1)
        var podsPerNode: [NodeID: Int] = [:]
        let related = owner.map { cluster.deployments[$0].replicaSets.flatMap { cluster.replicaSets[$0].pods } } ?? active
        for pod in related where cluster.pods[pod].isActive {
            podsPerNode[cluster.pods[pod].node ?? unassigned, default: 0] += 1
        }
        let facts = active.map { id -> PodDeletionFacts in
            let pod = cluster.pods[id]
            return PodDeletionFacts(
                isAssigned: pod.node != nil, phase: pod.phase, isReady: pod.isReady,
                deletionCost: cluster.spec(of: id).deletionCost, rank: podsPerNode[pod.node ?? unassigned] ?? 0,
                readySince: pod.isReady ? pod.readyTransition : nil, restartCount: pod.restartCount,
                createdAt: pod.createdAt, uid: uidKey(pod.uid))
        }
        let now = context.now
        let order = active.indices.sorted { left, right in
            if deletesBefore(facts[left], facts[right], now: now) { return true }
            if deletesBefore(facts[right], facts[left], now: now) { return false }
            return left < right
        }
        return order.prefix(count).map { active[$0] }
    }

    /// A pseudo-random but reproducible stand-in for a pod's UID (upstream UIDs are random UUIDs,
    /// so comparing them is a coin toss): the creation serial mixed with the scenario seed.
    private func uidKey(_ serial: Int64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ UInt64(bitPattern: serial))
        return mixer.next()
    }

    /// Writes `replicas`, `readyReplicas` and `availableReplicas`; when ready pods are still
    /// waiting out `minReadySeconds`, re-checks the moment the first of them becomes available.
    private func updateStatus(of id: ReplicaSetID, in context: ControllerContext) {
        let cluster = context.cluster
        let replicaSet = cluster.replicaSets[id]
        var status = ReplicaSetStatus()
        var nextAvailable: SimTime?
        for pod in replicaSet.pods where cluster.pods[pod].isActive {
            let record = cluster.pods[pod]
            status.replicas += 1
            guard record.isReady else { continue }
            status.readyReplicas += 1
            let since = PodAvailability.since(record, minReadySeconds: replicaSet.minReadySeconds)
            if let since, since <= context.now {
                status.availableReplicas += 1
            } else if let since {
                nextAvailable = min(nextAvailable ?? since, since)
            }
        }
        cluster.setStatus(status, of: id)
        if let nextAvailable { requeue(id, at: nextAvailable, in: context) }
    }

}
