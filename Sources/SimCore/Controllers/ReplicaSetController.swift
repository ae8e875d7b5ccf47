/// The ReplicaSet controller (reference §5): keeps `replicas` active pods, creating or deleting
/// the difference (at most `burstReplicas` = 500 per sync), and writes the observed status.
extension Simulation {
    /// Upstream's `burstReplicas`.
    static let burstReplicas = 500

    func syncReplicaSet(_ id: ReplicaSetID) {
        let replicaSet = cluster.replicaSets[id]
        guard replicaSet.deletedAt == nil else { return }
        let active = replicaSet.pods.filter { cluster.pods[$0].isActive }
        let difference = active.count - Int(replicaSet.replicas)
        if difference < 0 {
            for _ in 0..<min(-difference, Self.burstReplicas) { createPod(for: id) }
        } else if difference > 0 {
            for pod in podsToDelete(active, count: min(difference, Self.burstReplicas), owner: replicaSet.owner) {
                cluster.beginDeletion(pod, at: now)
                record(.normal, "SuccessfulDelete", reference(replicaSet: id), "Deleted pod: \(cluster.pods.contains(pod) ? cluster.pods[pod].name : "")")
            }
        }
        updateStatus(of: id)
    }

    /// Creates one pod from the ReplicaSet's template, named `<replicaset>-<5 random characters>`.
    private func createPod(for id: ReplicaSetID) {
        let replicaSet = cluster.replicaSets[id]
        let namespace = cluster.symbols[replicaSet.namespace]
        while true {
            let name = replicaSet.name + "-" + randomNameSuffix()
            if cluster.createPod(name: name, namespace: namespace, labels: replicaSet.templateLabels, spec: replicaSet.templateSpec,
                                 owner: .replicaSet(id), at: now) != nil {
                record(.normal, "SuccessfulCreate", reference(replicaSet: id), "Created pod: \(name)")
                return
            }
        }
    }

    /// Five characters from upstream's `utilrand` alphabet (no vowels, no confusable digits).
    func randomNameSuffix(length: Int = 5) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<length).map { _ in alphabet[nameStream.nextInt(below: alphabet.count)] })
    }

    /// The `count` pods to delete, ranked as upstream's `getPodsToDelete`; a stable sort keeps the
    /// result deterministic where upstream's unstable sort would leave ties to chance.
    private func podsToDelete(_ active: [PodID], count: Int, owner: DeploymentID?) -> [PodID] {
        guard count < active.count else { return active }
        // Unassigned pods rank together, under a node ID no node has.
        let unassigned = NodeID(rawValue: -1)
        var podsPerNode: [NodeID: Int] = [:]
        let related = owner.map { cluster.deployments[$0].replicaSets.flatMap { cluster.replicaSets[$0].pods } } ?? active
        for pod in related where cluster.pods[pod].isActive {
            podsPerNode[cluster.pods[pod].node ?? unassigned, default: 0] += 1
        }
        let facts = active.map { id -> PodDeletionFacts in
            let pod = cluster.pods[id]
            return PodDeletionFacts(isAssigned: pod.node != nil, phase: pod.phase, isReady: pod.isReady,
                                    deletionCost: cluster.spec(of: id).deletionCost, rank: podsPerNode[pod.node ?? unassigned] ?? 0,
                                    readySince: pod.isReady ? pod.readyTransition : nil, restartCount: pod.restartCount,
                                    createdAt: pod.createdAt, uid: uidKey(pod.uid))
        }
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
        var mixer = SplitMix64(seed: setup.seed ^ UInt64(bitPattern: serial))
        return mixer.next()
    }

    /// Writes `replicas`, `readyReplicas` and `availableReplicas`; when ready pods are still
    /// waiting out `minReadySeconds`, re-checks the moment the first of them becomes available.
    private func updateStatus(of id: ReplicaSetID) {
        let replicaSet = cluster.replicaSets[id]
        var status = ReplicaSetStatus()
        var nextAvailable: SimTime?
        let minReady = Millis.seconds(Int64(replicaSet.minReadySeconds))
        for pod in replicaSet.pods where cluster.pods[pod].isActive {
            let record = cluster.pods[pod]
            status.replicas += 1
            guard record.isReady else { continue }
            status.readyReplicas += 1
            if let since = availableSince(record, minReady: minReady), since <= now {
                status.availableReplicas += 1
            } else if let since = availableSince(record, minReady: minReady) {
                nextAvailable = min(nextAvailable ?? since, since)
            }
        }
        cluster.setStatus(status, of: id)
        if let nextAvailable { queue.schedule(.resyncReplicaSet(id), at: nextAvailable, phase: .controllers) }
    }

    /// When a Ready pod counts as available: upstream requires `readyTransition + minReadySeconds`
    /// to be strictly before now, on second-precision timestamps; the first such millisecond is
    /// one past that sum.
    private func availableSince(_ pod: Pod, minReady: SimTime) -> SimTime? {
        guard pod.isReady, let transition = pod.readyTransition else { return nil }
        if minReady == 0 { return transition }
        return transition / 1_000 * 1_000 + minReady + 1
    }
}
