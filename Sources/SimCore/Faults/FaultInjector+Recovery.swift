/// Time to recover: after a fault, the moment every workload again has its desired number of
/// Ready pods on machines that are really up (a pod on a dead node counts as lost even while the
/// API still shows it Ready).
extension FaultStep {
    /// Closes every open fault record if the workloads are whole at the end of this instant.
    func checkRecovery() {
        state.recoveryCheckPending = false
        guard state.unrecovered > 0, workloadsAtDesiredReadiness() else { return }
        var left = 0
        for index in state.records.indices where state.records[index].tracksRecovery && state.records[index].recoveredAt == nil {
            // A drain that has not drained its node is not over, however whole the workloads are.
            if state.records[index].drained == false {
                left += 1
                continue
            }
            state.records[index].recoveredAt = now
        }
        state.unrecovered = left
    }

    /// True when every top-level workload (every Deployment, and every ReplicaSet no Deployment
    /// owns) has at least its desired replicas Ready, not counting pods on machines that are down
    /// or cut off.
    func workloadsAtDesiredReadiness() -> Bool {
        var lost: [WorkloadRef: Int32] = [:]
        for node in 0..<cluster.nodes.count where cluster.nodes.exists[node] && !cluster.nodes.health[node].isUp {
            for pod in cluster.nodes.pods[node] where cluster.pods[pod].isReady && cluster.pods[pod].deletedAt == nil {
                if let workload = cluster.topLevelWorkload(of: pod) { lost[workload, default: 0] += 1 }
            }
        }
        for workload in cluster.topLevelWorkloads
        where cluster.readyReplicas(of: workload) - (lost[workload] ?? 0) < cluster.desiredReplicas(of: workload) {
            return false
        }
        return true
    }
}
