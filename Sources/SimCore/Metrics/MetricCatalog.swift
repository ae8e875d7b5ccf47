/// Every metric of `timeseries.csv`, in the order docs/metrics-reference.md lists them (a test
/// fails when the two disagree). Names follow kube-state-metrics where one exists, `kubesim_*`
/// otherwise.
public enum MetricCatalog {
    public static let nodes = MetricDescriptor(
        "kubesim_cluster_nodes", .gauge, .cluster, unit: "nodes",
        help: "nodes in the cluster")
    public static let nodesReady = MetricDescriptor(
        "kubesim_cluster_nodes_ready", .gauge, .cluster, unit: "nodes",
        help: "nodes whose Ready condition is True")
    public static let nodesNotReady = MetricDescriptor(
        "kubesim_cluster_nodes_not_ready", .gauge, .cluster, unit: "nodes",
        help: "nodes whose Ready condition is not True (Unknown once the node lifecycle controller has noticed a silent node)")
    public static let nodesDown = MetricDescriptor(
        "kubesim_cluster_nodes_down", .gauge, .cluster, unit: "nodes",
        help: "nodes whose machine is down or cut off, whatever the API shows: from the crash, not from the notice")
    public static let podsPending = MetricDescriptor(
        "kubesim_cluster_pods_pending", .gauge, .cluster, unit: "pods",
        help: "pods not yet bound to a node (not terminating, not failed)")
    public static let podsRunning = MetricDescriptor(
        "kubesim_cluster_pods_running", .gauge, .cluster, unit: "pods",
        help: "pods in phase Running (as the API shows them: pods on a dead node stay Running)")
    public static let podsTerminating = MetricDescriptor(
        "kubesim_cluster_pods_terminating", .gauge, .cluster, unit: "pods",
        help: "pods being deleted and still on their node: in their grace period, or stuck on a node whose kubelet is gone")
    public static let podsEvicted = MetricDescriptor(
        "kubesim_cluster_pods_evicted_total", .counter, .cluster, unit: "pods",
        help: "pods evicted since the start, as `pods.evicted` in the summary (a counter)")
    public static let cpuRequestedRatio = MetricDescriptor(
        "kubesim_cluster_cpu_requested_ratio", .gauge, .cluster, unit: "fraction",
        help: "CPU requested ÷ allocatable, Ready nodes")
    public static let memoryRequestedRatio = MetricDescriptor(
        "kubesim_cluster_memory_requested_ratio", .gauge, .cluster, unit: "fraction",
        help: "memory requested ÷ allocatable, Ready nodes")
    public static let poolNodes = MetricDescriptor(
        "kubesim_nodepool_nodes", .gauge, .nodePool, unit: "nodes",
        help: "nodes of the pool")
    public static let poolCPURequestedRatio = MetricDescriptor(
        "kubesim_nodepool_cpu_requested_ratio", .gauge, .nodePool, unit: "fraction",
        help: "as the cluster ratio, for the pool's Ready nodes")
    public static let poolMemoryRequestedRatio = MetricDescriptor(
        "kubesim_nodepool_memory_requested_ratio", .gauge, .nodePool, unit: "fraction",
        help: "the same for memory")
    public static let deploymentSpecReplicas = MetricDescriptor(
        "kube_deployment_spec_replicas", .gauge, .deployment, unit: "replicas",
        help: "`spec.replicas`")
    public static let deploymentReplicas = MetricDescriptor(
        "kube_deployment_status_replicas", .gauge, .deployment, unit: "pods",
        help: "pods of all its ReplicaSets (`status.replicas`)")
    public static let deploymentReady = MetricDescriptor(
        "kube_deployment_status_replicas_ready", .gauge, .deployment, unit: "pods",
        help: "Ready pods")
    public static let deploymentAvailable = MetricDescriptor(
        "kube_deployment_status_replicas_available", .gauge, .deployment, unit: "pods",
        help: "pods Ready for at least `minReadySeconds`")
    public static let deploymentUpdated = MetricDescriptor(
        "kube_deployment_status_replicas_updated", .gauge, .deployment, unit: "pods",
        help: "pods of the ReplicaSet matching the current template")
    public static let replicaSetSpecReplicas = MetricDescriptor(
        "kube_replicaset_spec_replicas", .gauge, .replicaSet, unit: "replicas",
        help: "for ReplicaSets without an owner")
    public static let replicaSetReady = MetricDescriptor(
        "kube_replicaset_status_ready_replicas", .gauge, .replicaSet, unit: "pods",
        help: "for ReplicaSets without an owner")
    public static let daemonSetDesired = MetricDescriptor(
        "kube_daemonset_status_desired_number_scheduled", .gauge, .daemonSet, unit: "nodes",
        help: "nodes that should run the daemon pod (its selector, affinity and tolerations)")
    public static let daemonSetScheduled = MetricDescriptor(
        "kube_daemonset_status_current_number_scheduled", .gauge, .daemonSet, unit: "nodes", help: "of those, nodes running a daemon pod")
    public static let daemonSetAvailable = MetricDescriptor(
        "kube_daemonset_status_number_available", .gauge, .daemonSet, unit: "nodes", help: "nodes whose daemon pod is available")
    public static let daemonSetUpdated = MetricDescriptor(
        "kube_daemonset_status_updated_number_scheduled", .gauge, .daemonSet, unit: "nodes",
        help: "nodes whose daemon pod has the current template")
    public static let statefulSetReplicas = MetricDescriptor(
        "kube_statefulset_replicas", .gauge, .statefulSet, unit: "replicas", help: "desired replicas (`spec.replicas`)")
    public static let statefulSetReady = MetricDescriptor(
        "kube_statefulset_status_replicas_ready", .gauge, .statefulSet, unit: "pods", help: "Ready pods")
    public static let statefulSetAvailable = MetricDescriptor(
        "kube_statefulset_status_replicas_available", .gauge, .statefulSet, unit: "pods",
        help: "pods Ready for `minReadySeconds`")
    public static let statefulSetUpdated = MetricDescriptor(
        "kube_statefulset_status_replicas_updated", .gauge, .statefulSet, unit: "pods", help: "pods at the update revision")
    public static let jobActive = MetricDescriptor(
        "kube_job_status_active", .gauge, .job, unit: "pods", help: "pods neither finished nor being deleted")
    public static let jobSucceeded = MetricDescriptor(
        "kube_job_status_succeeded", .gauge, .job, unit: "pods", help: "pods that succeeded")
    public static let jobFailed = MetricDescriptor(
        "kube_job_status_failed", .gauge, .job, unit: "pods", help: "pods that failed")
    public static let cronJobActive = MetricDescriptor(
        "kube_cronjob_status_active", .gauge, .cronJob, unit: "jobs", help: "Jobs it started that it has not seen finish (`status.active`)")
    public static let cronJobLastScheduleTime = MetricDescriptor(
        "kube_cronjob_status_last_schedule_time", .gauge, .cronJob, unit: "Unix time (s)",
        help:
            "the schedule time of the last Job it started (`status.lastScheduleTime`), in wall-clock seconds since 1970-01-01 UTC; no row before the first"
    )
    public static let requestsOffered = MetricDescriptor(
        "kubesim_workload_requests_offered_per_second", .gauge, .trafficTarget, unit: "requests/s",
        help:
            "requests sent to the target, averaged over the interval since the previous sample (the rate at that instant for the sample at 0); the sum of the target's sources"
    )
    public static let requestsServed = MetricDescriptor(
        "kubesim_workload_requests_served_per_second", .gauge, .trafficTarget, unit: "requests/s",
        help: "requests handled, averaged likewise")
    public static let requestsDropped = MetricDescriptor(
        "kubesim_workload_requests_dropped_per_second", .gauge, .trafficTarget, unit: "requests/s",
        help: "offered − served, averaged likewise")
    public static let endpointsReady = MetricDescriptor(
        "kubesim_workload_endpoints_ready", .gauge, .trafficTarget, unit: "pods",
        help:
            "Ready endpoints now (Ready, not terminating, on a Ready node); pods on a dead node count until the node lifecycle controller marks them not Ready"
    )
    public static let cpuUsage = MetricDescriptor(
        "kubesim_workload_cpu_usage_cores", .gauge, .trafficTarget, unit: "cores",
        help: "CPU the target's pods use now, warming-up pods' idle CPU included")
    public static let hpaMinReplicas = MetricDescriptor(
        "kube_horizontalpodautoscaler_spec_min_replicas", .gauge, .horizontalPodAutoscaler, unit: "replicas",
        help: "`spec.minReplicas`")
    public static let hpaMaxReplicas = MetricDescriptor(
        "kube_horizontalpodautoscaler_spec_max_replicas", .gauge, .horizontalPodAutoscaler, unit: "replicas",
        help: "`spec.maxReplicas`")
    public static let hpaCurrentReplicas = MetricDescriptor(
        "kube_horizontalpodautoscaler_status_current_replicas", .gauge, .horizontalPodAutoscaler, unit: "replicas",
        help: "the target's `spec.replicas` at the last sync (0 before the first)")
    public static let hpaDesiredReplicas = MetricDescriptor(
        "kube_horizontalpodautoscaler_status_desired_replicas", .gauge, .horizontalPodAutoscaler, unit: "replicas",
        help: "the size the last successful sync settled on (0 until one succeeds)")
    public static let hpaMetricTemplate = MetricDescriptor(
        "kubesim_hpa_metric_<source>_<metric>_<type>", .gauge, .horizontalPodAutoscaler, unit: "see below",
        help: "a metric's value as the last sync read it; no row while the HPA has no value for it")
    public static let hpaTargetTemplate = MetricDescriptor(
        "kubesim_hpa_target_<source>_<metric>_<type>", .gauge, .horizontalPodAutoscaler, unit: "see below",
        help: "the metric's target")

    /// Every descriptor, in the docs' order; the HPA series are two templates, named per metric by
    /// `hpaMetric(_:)` and `hpaTarget(_:)`.
    public static let all: [MetricDescriptor] = [
        nodes, nodesReady, nodesNotReady, nodesDown, podsPending, podsRunning, podsTerminating, podsEvicted, cpuRequestedRatio, memoryRequestedRatio,
        poolNodes, poolCPURequestedRatio, poolMemoryRequestedRatio, deploymentSpecReplicas, deploymentReplicas, deploymentReady, deploymentAvailable,
        deploymentUpdated, replicaSetSpecReplicas, replicaSetReady, daemonSetDesired, daemonSetScheduled, daemonSetAvailable, daemonSetUpdated,
        statefulSetReplicas, statefulSetReady, statefulSetAvailable, statefulSetUpdated, jobActive, jobSucceeded, jobFailed, cronJobActive,
        cronJobLastScheduleTime, requestsOffered,
        requestsServed, requestsDropped, endpointsReady, cpuUsage,
        hpaMinReplicas, hpaMaxReplicas, hpaCurrentReplicas, hpaDesiredReplicas, hpaMetricTemplate, hpaTargetTemplate,
    ]

    /// `kubesim_hpa_metric_<source>_<metric>_<type>`: an HPA metric's current value.
    public static func hpaMetric(_ metric: HPAMetric) -> MetricDescriptor {
        hpaMetricTemplate.named("kubesim_hpa_metric_" + metric.seriesSuffix)
    }

    /// `kubesim_hpa_target_<source>_<metric>_<type>`: an HPA metric's target.
    public static func hpaTarget(_ metric: HPAMetric) -> MetricDescriptor {
        hpaTargetTemplate.named("kubesim_hpa_target_" + metric.seriesSuffix)
    }
}
