extension HPAMetric {
    /// `resource_cpu_utilization`, `pods_requests_per_second_averagevalue`, …: the metric's
    /// source type, name and target type, lowercased, with anything but letters, digits and
    /// underscores made an underscore (so metrics of two sources never share a series).
    var seriesSuffix: String {
        let source: String, name: String, target: MetricTarget
        switch self {
        case .resource(let resource, let goal): (source, name, target) = ("resource", resource, goal)
        case .pods(let metric, let goal): (source, name, target) = ("pods", metric, goal)
        case .object(_, _, let metric, let goal): (source, name, target) = ("object", metric, goal)
        case .external(let metric, let goal): (source, name, target) = ("external", metric, goal)
        }
        let kind: String
        switch target {
        case .utilization: kind = "utilization"
        case .averageValue: kind = "averagevalue"
        case .value: kind = "value"
        }
        let cleaned = String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return source + "_" + cleaned + "_" + kind
    }

    /// The target in the units of the metric's status value: percent, or plain units.
    var targetValue: Double {
        switch self {
        case .resource(_, let target), .pods(_, let target), .object(_, _, _, let target), .external(_, let target):
            switch target {
            case .utilization(let percent): Double(percent)
            case .averageValue(let milli), .value(let milli): Double(milli) / 1_000
            }
        }
    }
}

/// The metrics recorder: the time series sampled every `metrics.interval`, the cluster samples the
/// summary reads, and each workload's replica statistics, integrated exactly at every change.
final class MetricsRecorder: Controller {
    enum Timer {
        /// Sample the time series.
        case sample
    }

    static let watches: ChangeKinds = [
        .podAdded, .replicaSetUpdated, .replicaSetStatusUpdated, .deploymentUpdated, .deploymentStatusUpdated, .workloadUpdated,
    ]
    static func event(_ timer: Timer) -> SimEvent { .metrics(timer) }

    private(set) var timeSeries = TimeSeries()
    /// Cluster-wide values at each sample.
    private(set) var samples: [ClusterSample] = []
    /// Per Deployment and per ReplicaSet, by ID.
    private(set) var deploymentStats: [WorkloadStats] = []
    private(set) var replicaSetStats: [WorkloadStats] = []
    /// Per DaemonSet, StatefulSet, Job (but a CronJob's, which count for their CronJob) and CronJob.
    private(set) var otherStats: [WorkloadRef: WorkloadStats] = [:]
    /// When the traffic series were last sampled.
    private var trafficSampledAt: SimTime = 0

    private let interval: SimTime
    private let end: SimTime
    private let poolNames: [String]
    /// What the traffic and HPA series are read from.
    private let traffic: TrafficService
    private let autoscalers: HorizontalPodAutoscalerController

    init(interval: SimTime, end: SimTime, poolNames: [String], traffic: TrafficService, autoscalers: HorizontalPodAutoscalerController) {
        self.interval = interval
        self.end = end
        self.poolNames = poolNames
        self.traffic = traffic
        self.autoscalers = autoscalers
    }

    /// Schedules the first sample, at the start.
    func start(in context: ControllerContext) {
        schedule(.sample, at: 0, phase: .metrics, in: context)
    }

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        switch change {
        case .podAdded: context.log.podsCreated += 1
        case .replicaSetUpdated(let id), .replicaSetStatusUpdated(let id): observe(replicaSet: id, in: context)
        case .deploymentUpdated(let id), .deploymentStatusUpdated(let id): observe(deployment: id, in: context)
        case .workloadUpdated(let workload): observe(workload, in: context)
        default: break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .sample: sample(in: context)
        }
    }

    // MARK: Workload statistics

    private func observe(deployment id: DeploymentID, in context: ControllerContext) {
        let deployment = context.cluster.deployments[id]
        while deploymentStats.count <= Int(id) { deploymentStats.append(WorkloadStats(at: context.now, desired: deployment.spec.replicas)) }
        deploymentStats[Int(id)].observe(at: context.now, desired: deployment.spec.replicas, available: deployment.status.availableReplicas)
    }

    private func observe(replicaSet id: ReplicaSetID, in context: ControllerContext) {
        let replicaSet = context.cluster.replicaSets[id]
        while replicaSetStats.count <= Int(id) { replicaSetStats.append(WorkloadStats(at: context.now, desired: replicaSet.replicas)) }
        replicaSetStats[Int(id)].observe(at: context.now, desired: replicaSet.replicas, available: replicaSet.status.availableReplicas)
    }

    private func observe(_ workload: WorkloadRef, in context: ControllerContext) {
        let cluster = context.cluster
        // A DaemonSet's desired count is known once its controller has synced it.
        if case .daemonSet(let id) = workload, cluster.daemonSets[id].status.observedGeneration == 0 { return }
        if case .job(let id) = workload, let cronJob = cluster.jobs[id].cronJob {
            observe(.cronJob(cronJob), in: context)
            return
        }
        let desired = cluster.desiredReplicas(of: workload)
        otherStats[workload, default: WorkloadStats(at: context.now, desired: desired)]
            .observe(at: context.now, desired: desired, available: cluster.availableReplicas(of: workload))
    }

    // MARK: Sampling

    /// Samples the cluster, each node pool and each workload, then schedules the next sample.
    /// Samples run in the last phase of an instant, so they see it settled.
    private func sample(in context: ControllerContext) {
        let cluster = context.cluster
        let time = context.now
        var requested = Resources(), allocatable = Resources()
        var poolRequested = Array(repeating: Resources(), count: poolNames.count)
        var poolAllocatable = Array(repeating: Resources(), count: poolNames.count)
        var poolNodes = Array(repeating: 0, count: poolNames.count)
        var nodes = 0, ready = 0, down = 0, terminating = 0
        for node in 0..<cluster.nodes.count where cluster.nodes.exists[node] {
            nodes += 1
            if !cluster.nodes.health[node].isUp { down += 1 }
            for pod in cluster.nodes.pods[node] where cluster.pods[pod].deletedAt != nil { terminating += 1 }
            if let pool = cluster.nodes.pools[node] { poolNodes[pool] += 1 }
            guard cluster.nodes.ready[node] else { continue }
            ready += 1
            // Totals over up to 200,000 nodes can pass Int64: they saturate.
            let nodeRequested = Resources(cpu: cluster.nodes.requested[node].cpu, memory: cluster.nodes.requested[node].memory)
            let nodeAllocatable = Resources(cpu: cluster.nodes.allocatable[node].cpu, memory: cluster.nodes.allocatable[node].memory)
            requested.addSaturating(nodeRequested)
            allocatable.addSaturating(nodeAllocatable)
            if let pool = cluster.nodes.pools[node] {
                poolRequested[pool].addSaturating(nodeRequested)
                poolAllocatable[pool].addSaturating(nodeAllocatable)
            }
        }
        let cpuRatio = ratio(requested.cpu, allocatable.cpu)
        let memoryRatio = ratio(requested.memory, allocatable.memory)
        let whole = timeSeries.index(of: .cluster)
        timeSeries.record(time, MetricCatalog.nodes, whole, Double(nodes))
        timeSeries.record(time, MetricCatalog.nodesReady, whole, Double(ready))
        timeSeries.record(time, MetricCatalog.nodesNotReady, whole, Double(nodes - ready))
        timeSeries.record(time, MetricCatalog.nodesDown, whole, Double(down))
        timeSeries.record(time, MetricCatalog.podsPending, whole, Double(cluster.unboundPodCount))
        timeSeries.record(time, MetricCatalog.podsRunning, whole, Double(cluster.runningPodCount))
        timeSeries.record(time, MetricCatalog.podsTerminating, whole, Double(terminating))
        timeSeries.record(time, MetricCatalog.podsEvicted, whole, Double(context.log.podsEvicted))
        timeSeries.record(time, MetricCatalog.cpuRequestedRatio, whole, cpuRatio)
        timeSeries.record(time, MetricCatalog.memoryRequestedRatio, whole, memoryRatio)
        for (index, pool) in poolNames.enumerated() {
            let object = timeSeries.index(of: .nodePool(pool))
            timeSeries.record(time, MetricCatalog.poolNodes, object, Double(poolNodes[index]))
            timeSeries.record(time, MetricCatalog.poolCPURequestedRatio, object, ratio(poolRequested[index].cpu, poolAllocatable[index].cpu))
            timeSeries.record(time, MetricCatalog.poolMemoryRequestedRatio, object, ratio(poolRequested[index].memory, poolAllocatable[index].memory))
        }
        for workload in cluster.topLevelWorkloads { sample(workload, at: time, in: cluster) }
        sampleTraffic(at: time, in: cluster)
        sampleAutoscalers(at: time)
        samples.append(
            ClusterSample(
                time: time, nodes: nodes, nodesReady: ready, podsPending: cluster.unboundPodCount,
                podsRunning: cluster.runningPodCount, cpuRequestedRatio: cpuRatio, memoryRequestedRatio: memoryRatio))
        let next = time + interval
        if interval > 0, next <= end { schedule(.sample, at: next, phase: .metrics, in: context) }
    }

    /// A top-level workload's series, as kube-state-metrics names them; a CronJob's are followed by
    /// those of its Jobs that exist.
    private func sample(_ workload: WorkloadRef, at time: SimTime, in cluster: ClusterState) {
        let object = timeSeries.index(of: .object(cluster.reference(workload)))
        switch workload {
        case .deployment(let id):
            let deployment = cluster.deployments[id]
            timeSeries.record(time, MetricCatalog.deploymentSpecReplicas, object, Double(deployment.spec.replicas))
            timeSeries.record(time, MetricCatalog.deploymentReplicas, object, Double(deployment.status.replicas))
            timeSeries.record(time, MetricCatalog.deploymentReady, object, Double(deployment.status.readyReplicas))
            timeSeries.record(time, MetricCatalog.deploymentAvailable, object, Double(deployment.status.availableReplicas))
            timeSeries.record(time, MetricCatalog.deploymentUpdated, object, Double(deployment.status.updatedReplicas))
        case .replicaSet(let id):
            let replicaSet = cluster.replicaSets[id]
            timeSeries.record(time, MetricCatalog.replicaSetSpecReplicas, object, Double(replicaSet.replicas))
            timeSeries.record(time, MetricCatalog.replicaSetReady, object, Double(replicaSet.status.readyReplicas))
        case .daemonSet(let id):
            let status = cluster.daemonSets[id].status
            timeSeries.record(time, MetricCatalog.daemonSetDesired, object, Double(status.desiredNumberScheduled))
            timeSeries.record(time, MetricCatalog.daemonSetScheduled, object, Double(status.currentNumberScheduled))
            timeSeries.record(time, MetricCatalog.daemonSetAvailable, object, Double(status.numberAvailable))
            timeSeries.record(time, MetricCatalog.daemonSetUpdated, object, Double(status.updatedNumberScheduled))
        case .statefulSet(let id):
            let statefulSet = cluster.statefulSets[id]
            timeSeries.record(time, MetricCatalog.statefulSetReplicas, object, Double(statefulSet.spec.replicas))
            timeSeries.record(time, MetricCatalog.statefulSetReady, object, Double(statefulSet.status.readyReplicas))
            timeSeries.record(time, MetricCatalog.statefulSetAvailable, object, Double(statefulSet.status.availableReplicas))
            timeSeries.record(time, MetricCatalog.statefulSetUpdated, object, Double(statefulSet.status.updatedReplicas))
        case .job(let id):
            let status = cluster.jobs[id].status
            timeSeries.record(time, MetricCatalog.jobActive, object, Double(status.active))
            timeSeries.record(time, MetricCatalog.jobSucceeded, object, Double(status.succeeded))
            timeSeries.record(time, MetricCatalog.jobFailed, object, Double(status.failed))
        case .cronJob(let id):
            let cronJob = cluster.cronJobs[id]
            timeSeries.record(time, MetricCatalog.cronJobActive, object, Double(cronJob.status.active.count))
            if let last = cronJob.status.lastScheduleTime {
                timeSeries.record(time, MetricCatalog.cronJobLastScheduleTime, object, Double(last / 1_000))
            }
            for job in cronJob.jobs { sample(.job(job), at: time, in: cluster) }
        }
    }

    /// Requests per second over the interval since the last sample (the rates at this instant
    /// for the first sample), summed per target; endpoints and CPU in use now.
    private func sampleTraffic(at time: SimTime, in cluster: ClusterState) {
        guard !traffic.model.isEmpty else { return }
        traffic.integrate(until: time)
        let totals = traffic.takeSampleTotals()
        let traffic = self.traffic.model
        let span = Double(time - trafficSampledAt) / 1_000
        trafficSampledAt = time
        for (target, reference) in traffic.targets.enumerated() {
            var rates = RequestTotals(), endpoints = 0, cpu = 0.0
            var counted: [Int] = []
            for index in traffic.sources.indices where traffic.targetOfSource[index] == target {
                let offered = traffic.sources[index].offered, served = traffic.sources[index].served
                if span > 0 {
                    rates += RequestTotals(
                        offered: totals[index].offered / span, served: totals[index].served / span, dropped: totals[index].dropped / span)
                } else {
                    rates += RequestTotals(offered: offered, served: served, dropped: offered - served)
                }
                endpoints = max(endpoints, traffic.sources[index].endpoints)
                let group = traffic.sources[index].group
                guard !counted.contains(group) else { continue }
                counted.append(group)
                for pod in cluster.podGroups.members[group] { cpu += traffic.cpuInUse(by: pod) }
            }
            let object = timeSeries.index(of: .object(reference.objectReference))
            timeSeries.record(time, MetricCatalog.requestsOffered, object, rates.offered)
            timeSeries.record(time, MetricCatalog.requestsServed, object, rates.served)
            timeSeries.record(time, MetricCatalog.requestsDropped, object, rates.dropped)
            timeSeries.record(time, MetricCatalog.endpointsReady, object, Double(endpoints))
            timeSeries.record(time, MetricCatalog.cpuUsage, object, cpu / 1_000)
        }
    }

    /// Each HPA's replicas and its metrics' current values and targets.
    private func sampleAutoscalers(at time: SimTime) {
        for autoscaler in autoscalers.autoscalers {
            let meta = autoscaler.spec.meta
            let object = timeSeries.index(of: .object(ObjectReference(kind: "HorizontalPodAutoscaler", namespace: meta.namespace, name: meta.name)))
            timeSeries.record(time, MetricCatalog.hpaCurrentReplicas, object, Double(autoscaler.status.currentReplicas))
            timeSeries.record(time, MetricCatalog.hpaDesiredReplicas, object, Double(autoscaler.status.desiredReplicas))
            timeSeries.record(time, MetricCatalog.hpaMinReplicas, object, Double(autoscaler.spec.minReplicas))
            timeSeries.record(time, MetricCatalog.hpaMaxReplicas, object, Double(autoscaler.spec.maxReplicas))
            for (metric, value) in zip(autoscaler.spec.metrics, autoscaler.status.currentMetrics) {
                if let value { timeSeries.record(time, MetricCatalog.hpaMetric(metric), object, value) }
                timeSeries.record(time, MetricCatalog.hpaTarget(metric), object, metric.targetValue)
            }
        }
    }

    private func ratio(_ part: Int64, _ whole: Int64) -> Double {
        whole > 0 ? Double(part) / Double(whole) : 0
    }
}
