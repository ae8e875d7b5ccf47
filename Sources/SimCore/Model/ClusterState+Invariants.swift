/// Consistency checks over the whole cluster state: capacity never exceeded, one binding per pod,
/// pods conserved, and the derived counts and lists agreeing with the pods. They are
/// O(pods + nodes), so a simulation runs them after every event only when
/// `Simulation.checksInvariants` is on (the tests, and `kubesim run --check-invariants`).
extension ClusterState {
    /// Every broken invariant, described; empty when the state is consistent.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var requested = Array(repeating: Resources(), count: nodes.count)
        var unbound = 0, running = 0, live = 0
        for id in pods.ids {
            let pod = pods[id]
            live += 1
            if podIndex[symbols[pod.namespace] + "/" + pod.name] != id { problems.append("pod \(pod.name) cannot be found by its name") }
            let spec = podSpecs[Int(pod.spec)]
            if pod.node == nil && pod.isActive { unbound += 1 }
            if pod.phase == .running { running += 1 }
            let finished = pod.phase == .succeeded || pod.phase == .failed
            if let node = pod.node, finished, pod.nodeSlot >= 0 || nodes.pods[Int(node)].contains(id) {
                problems.append("pod \(pod.name) has finished but still counts on \(nodes.names[Int(node)])")
            }
            if let node = pod.node, !finished {
                guard nodes.pods[Int(node)].indices.contains(Int(pod.nodeSlot)), nodes.pods[Int(node)][Int(pod.nodeSlot)] == id else {
                    problems.append("pod \(pod.name) is bound to \(nodes.names[Int(node)]) but not in its pod list")
                    continue
                }
                requested[Int(node)].add(spec.requests)
                requested[Int(node)].pods += 1
            }
            if let owner = pod.owner, !ownedPods(of: owner).contains(id) {
                problems.append("pod \(pod.name) is missing from its owner's pod list")
            }
        }
        // Pods are conserved: each one created is live or was removed, never lost or counted twice.
        if live != podsAdded - podsRemoved || live != pods.count || podIndex.count != live {
            problems.append(
                "pods not conserved: \(podsAdded) created − \(podsRemoved) removed, but \(live) live (\(pods.count) counted, \(podIndex.count) named)"
            )
        }
        if unbound != unboundPodCount { problems.append("unbound pod count \(unboundPodCount), actual \(unbound)") }
        if running != runningPodCount { problems.append("running pod count \(runningPodCount), actual \(running)") }
        for node in 0..<nodes.count {
            let name = nodes.names[node]
            if nodes.pods[node].count != Int(requested[node].pods) { problems.append("node \(name) lists pods that are not bound to it") }
            if requested[node] != nodes.requested[node] {
                problems.append("node \(name) requested \(nodes.requested[node]) but its pods request \(requested[node])")
            }
            let allocatable = nodes.allocatable[node]
            let used = nodes.requested[node]
            if used.firstExceeding(allocatable) != nil {
                problems.append("node \(name) requests \(used) beyond allocatable \(allocatable)")
            }
        }
        for (index, replicaSet) in replicaSets.enumerated() {
            for id in replicaSet.pods where !pods.contains(id) {
                problems.append("ReplicaSet \(index) lists a pod that no longer exists: \(id)")
            }
        }
        return problems
    }
}
