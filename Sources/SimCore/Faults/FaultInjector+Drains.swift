/// `kubectl drain --ignore-daemonsets` as a fault runs it: cordon, then evict every pod but the
/// DaemonSets' through the eviction API, retrying every 5 s the evictions a PodDisruptionBudget
/// refuses, until only DaemonSet pods are left. (Without `--ignore-daemonsets` kubectl refuses to
/// drain a node with DaemonSet pods at all, so every real drain passes it; the DaemonSet would
/// put its pod back on the cordoned node anyway.)
extension FaultStep {
    /// True for a pod a drain leaves on the node: a DaemonSet's.
    private func isDaemonPod(_ pod: PodID) -> Bool {
        if case .daemonSet? = cluster.pods[pod].owner { return true }
        return false
    }

    /// Evicts a pod through the eviction API; returns the refusal, or nil once it is being deleted.
    private func evict(_ pod: PodID) -> ClusterState.EvictionRefusal? {
        let refusal = cluster.evict(pod, at: now)
        if refusal == nil { context.log.podsEvicted += 1 }
        return refusal
    }

    /// Cordons the node (with the kubelet's `NodeNotSchedulable` event) and starts evicting its
    /// pods. Without `force`, a pod no controller owns stops the drain before any eviction, as
    /// `kubectl drain` refuses to delete it.
    func startDrain(_ node: NodeID, force: Bool, record recordIndex: Int) {
        let name = cluster.nodes.names[Int(node)]
        if !cluster.nodes.unschedulable[Int(node)] {
            cluster.setUnschedulable(true, of: node)
            // The event comes from the node's kubelet, which a dead machine cannot send.
            if cluster.nodes.health[Int(node)].isUp {
                record(.normal, "NodeNotSchedulable", cluster.reference(node: node), node: name, "Node \(name) status is now: NodeNotSchedulable")
            }
        }
        let bare = cluster.nodes.pods[Int(node)].filter { cluster.pods[$0].owner == nil && cluster.pods[$0].deletedAt == nil }
        if !force && !bare.isEmpty {
            record(
                .warning, "NodeDrainFailed", cluster.reference(node: node), node: name,
                "cannot delete Pods that declare no controller (use --force to override): "
                    + bare.map { cluster.qualifiedName(of: $0) }.joined(separator: ", "))
            return
        }
        state.drains.append(FaultState.Drain(node: node, force: force, record: recordIndex))
        record(.normal, "NodeDrain", cluster.reference(node: node), node: name, "Draining node \(name)")
        drainStep(state.drains.count - 1)
    }

    /// One round of a drain: evict every pod still on the node; retry the refused ones later.
    func drainStep(_ index: Int) {
        guard !state.drains[index].done else { return }
        let node = state.drains[index].node
        guard cluster.nodes.exists[Int(node)] else {
            state.drains[index].done = true
            return
        }
        var refused = false
        for pod in cluster.nodes.pods[Int(node)] where cluster.pods[pod].deletedAt == nil && !isDaemonPod(pod) {
            guard let refusal = evict(pod) else { continue }
            refused = true
            if !state.drains[index].blocked.contains(pod) {
                state.drains[index].blocked.append(pod)
                record(.warning, "EvictionBlocked", cluster.reference(pod: pod), node: cluster.nodes.names[Int(node)], refusal.message)
            }
        }
        if refused { schedule(.drainRetry(index), at: now + FaultInjector.drainRetryInterval) }
        checkDrainDone(index)
    }

    /// A drain is done once no pod but the DaemonSets' is left on the node.
    func checkDrainDone(_ index: Int) {
        let node = state.drains[index].node
        guard !state.drains[index].done, cluster.nodes.pods[Int(node)].allSatisfy(isDaemonPod) else { return }
        state.drains[index].done = true
        if state.records[state.drains[index].record].drained != nil { state.records[state.drains[index].record].drained = true }
        let name = cluster.nodes.names[Int(node)]
        record(.normal, "NodeDrained", cluster.reference(node: node), node: name, "Node \(name) drained")
    }
}
