/// Metric names of the time series, kube-state-metrics' where one exists, `kubesim_*` otherwise.
public enum MetricName {
    public static let nodesReady = "kubesim_cluster_nodes_ready"
    public static let nodes = "kubesim_cluster_nodes"
    public static let podsPending = "kubesim_cluster_pods_pending"
    public static let podsRunning = "kubesim_cluster_pods_running"
    public static let cpuRequestedRatio = "kubesim_cluster_cpu_requested_ratio"
    public static let memoryRequestedRatio = "kubesim_cluster_memory_requested_ratio"
    public static let poolNodes = "kubesim_nodepool_nodes"
    public static let poolCPURequestedRatio = "kubesim_nodepool_cpu_requested_ratio"
    public static let poolMemoryRequestedRatio = "kubesim_nodepool_memory_requested_ratio"
    public static let deploymentSpecReplicas = "kube_deployment_spec_replicas"
    public static let deploymentReplicas = "kube_deployment_status_replicas"
    public static let deploymentReady = "kube_deployment_status_replicas_ready"
    public static let deploymentAvailable = "kube_deployment_status_replicas_available"
    public static let deploymentUpdated = "kube_deployment_status_replicas_updated"
    public static let replicaSetSpecReplicas = "kube_replicaset_spec_replicas"
    public static let replicaSetReady = "kube_replicaset_status_ready_replicas"
}

extension Simulation {
    /// Samples the cluster, each node pool and each workload, then schedules the next sample.
    /// Samples run in the last phase of an instant, so they see it settled.
    func sampleMetrics() {
        let time = now
        var requested = Resources(), allocatable = Resources()
        var poolRequested = Array(repeating: Resources(), count: setup.nodePools.count)
        var poolAllocatable = Array(repeating: Resources(), count: setup.nodePools.count)
        var poolNodes = Array(repeating: 0, count: setup.nodePools.count)
        var nodes = 0, ready = 0
        for node in 0..<cluster.nodes.count where cluster.nodes.exists[node] {
            nodes += 1
            if let pool = cluster.nodes.pools[node] { poolNodes[pool] += 1 }
            guard cluster.nodes.ready[node] else { continue }
            ready += 1
            requested.cpu += cluster.nodes.requested[node].cpu
            requested.memory += cluster.nodes.requested[node].memory
            allocatable.cpu += cluster.nodes.allocatable[node].cpu
            allocatable.memory += cluster.nodes.allocatable[node].memory
            if let pool = cluster.nodes.pools[node] {
                poolRequested[pool].cpu += cluster.nodes.requested[node].cpu
                poolRequested[pool].memory += cluster.nodes.requested[node].memory
                poolAllocatable[pool].cpu += cluster.nodes.allocatable[node].cpu
                poolAllocatable[pool].memory += cluster.nodes.allocatable[node].memory
            }
        }
        let cpuRatio = ratio(requested.cpu, allocatable.cpu)
        let memoryRatio = ratio(requested.memory, allocatable.memory)
        recorder.timeSeries.record(time, MetricName.nodes, "cluster", Double(nodes))
        recorder.timeSeries.record(time, MetricName.nodesReady, "cluster", Double(ready))
        recorder.timeSeries.record(time, MetricName.podsPending, "cluster", Double(cluster.unboundPodCount))
        recorder.timeSeries.record(time, MetricName.podsRunning, "cluster", Double(cluster.runningPodCount))
        recorder.timeSeries.record(time, MetricName.cpuRequestedRatio, "cluster", cpuRatio)
        recorder.timeSeries.record(time, MetricName.memoryRequestedRatio, "cluster", memoryRatio)
        for (index, pool) in setup.nodePools.enumerated() {
            let object = "NodePool/\(pool.name)"
            recorder.timeSeries.record(time, MetricName.poolNodes, object, Double(poolNodes[index]))
            recorder.timeSeries.record(time, MetricName.poolCPURequestedRatio, object, ratio(poolRequested[index].cpu, poolAllocatable[index].cpu))
            recorder.timeSeries.record(time, MetricName.poolMemoryRequestedRatio, object, ratio(poolRequested[index].memory, poolAllocatable[index].memory))
        }
        for id in cluster.deployments.indices where cluster.deployments[id].deletedAt == nil {
            let deployment = cluster.deployments[id]
            let object = reference(deployment: WorkloadID(id)).path
            recorder.timeSeries.record(time, MetricName.deploymentSpecReplicas, object, Double(deployment.spec.replicas))
            recorder.timeSeries.record(time, MetricName.deploymentReplicas, object, Double(deployment.status.replicas))
            recorder.timeSeries.record(time, MetricName.deploymentReady, object, Double(deployment.status.readyReplicas))
            recorder.timeSeries.record(time, MetricName.deploymentAvailable, object, Double(deployment.status.availableReplicas))
            recorder.timeSeries.record(time, MetricName.deploymentUpdated, object, Double(deployment.status.updatedReplicas))
        }
        for id in cluster.replicaSets.indices where cluster.replicaSets[id].owner == nil && cluster.replicaSets[id].deletedAt == nil {
            let replicaSet = cluster.replicaSets[id]
            let object = reference(replicaSet: WorkloadID(id)).path
            recorder.timeSeries.record(time, MetricName.replicaSetSpecReplicas, object, Double(replicaSet.replicas))
            recorder.timeSeries.record(time, MetricName.replicaSetReady, object, Double(replicaSet.status.readyReplicas))
        }
        recorder.samples.append(ClusterSample(time: time, nodes: nodes, nodesReady: ready, podsPending: cluster.unboundPodCount,
                                              podsRunning: cluster.runningPodCount, cpuRequestedRatio: cpuRatio, memoryRequestedRatio: memoryRatio))
        let next = time + setup.metricsInterval
        if setup.metricsInterval > 0, next <= setup.duration { queue.schedule(.sampleMetrics, at: next, phase: .metrics) }
    }

    private func ratio(_ part: Int64, _ whole: Int64) -> Double {
        whole > 0 ? Double(part) / Double(whole) : 0
    }
}
