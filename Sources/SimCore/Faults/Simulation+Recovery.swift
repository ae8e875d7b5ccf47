/// Time to recover: after a fault, the moment every workload again has its desired number of
/// Ready pods on machines that are really up (a pod on a dead node counts as lost even while the
/// API still shows it Ready).
extension Simulation {
    /// Closes every open fault record if the workloads are whole at the end of this instant.
    func checkRecovery() {
        faults.recoveryCheckPending = false
        guard faults.unrecovered > 0, workloadsAtDesiredReadiness() else { return }
        for index in faults.records.indices where faults.records[index].tracksRecovery && faults.records[index].recoveredAt == nil {
            faults.records[index].recoveredAt = now
        }
        faults.unrecovered = 0
    }

    /// True when every Deployment, and every ReplicaSet no Deployment owns, has at least its
    /// desired replicas Ready, not counting pods on machines that are down or cut off.
    func workloadsAtDesiredReadiness() -> Bool {
        var lost: [ReplicaSetID: Int32] = [:]
        for node in 0..<cluster.nodes.count where cluster.nodes.exists[node] && !cluster.nodes.health[node].isUp {
            for pod in cluster.nodes.pods[node] where cluster.pods[pod].isReady && cluster.pods[pod].deletedAt == nil {
                if case .replicaSet(let replicaSet)? = cluster.pods[pod].owner { lost[replicaSet, default: 0] += 1 }
            }
        }
        for id in cluster.deployments.indices where cluster.deployments[id].deletedAt == nil {
            var ready: Int32 = 0
            for replicaSet in cluster.deployments[id].replicaSets where cluster.replicaSets[replicaSet].deletedAt == nil {
                ready += cluster.replicaSets[replicaSet].status.readyReplicas - (lost[replicaSet] ?? 0)
            }
            if ready < cluster.deployments[id].spec.replicas { return false }
        }
        for id in cluster.replicaSets.indices where cluster.replicaSets[id].owner == nil && cluster.replicaSets[id].deletedAt == nil {
            let ready = cluster.replicaSets[id].status.readyReplicas - (lost[id] ?? 0)
            if ready < cluster.replicaSets[id].replicas { return false }
        }
        return true
    }

    /// A pod is gone: a drain of its node may be done, and the fault state forgets it.
    func podLeftFaults(_ removed: RemovedPod) {
        faults.crashLoops[removed.id] = nil
        faults.gracePeriods[removed.id] = nil
        guard let node = removed.node else { return }
        for index in faults.drains.indices where faults.drains[index].node == node && !faults.drains[index].done { checkDrainDone(index) }
    }
}
