/// The run's results: the typed summary, the time series, the event log and the placements.
extension Simulation {
    /// The sampled time series, for tests and reports.
    public var timeSeries: TimeSeries { controllers.metrics.timeSeries }
    /// The event log.
    public var eventLog: [EventRecord] { context.log.events }
    /// The placements.
    public var placements: [PlacementRecord] { context.log.placements }

    /// Everything the run produced, as of now.
    public func result(wallSeconds: Double) -> RunResult {
        RunResult(summary: summary(wallSeconds: wallSeconds), timeSeries: timeSeries, events: eventLog, placements: placements)
    }

    /// The summary as of now, with the scenario's expectations checked on it. `wallSeconds` is the
    /// only value that is not a function of the scenario and seed.
    public func summary(wallSeconds: Double) -> RunSummary {
        let log = context.log
        var summary = RunSummary(
            scenario: setup.name, seed: setup.seed, simulatedSeconds: Double(now) / 1_000, wallSeconds: wallSeconds,
            events: eventsProcessed, cluster: clusterSummary(),
            pods: RunSummary.Pods(
                created: log.podsCreated, scheduled: log.podsScheduled, pendingAtEnd: cluster.unboundPodCount,
                evicted: log.podsEvicted, preempted: log.podsPreempted),
            workloads: workloadSummaries(), autoscalers: autoscalerSummaries(),
            faults: controllers.faults.records.map { fault in
                RunSummary.Fault(
                    type: fault.type, at: Double(fault.at) / 1_000, target: fault.target,
                    recoverySeconds: fault.recoveredAt.map { Double($0 - fault.at) / 1_000 }, drained: fault.drained)
            },
            expectations: [])
        summary.ignored = setup.ignored
        summary.expectations = setup.expectations.map { $0.check(summary) }
        return summary
    }

    private func clusterSummary() -> RunSummary.Cluster {
        let nodes = nodeCountStatistics()
        let samples = controllers.metrics.samples
        func average(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let cpu = samples.map(\.cpuRequestedRatio)
        let memory = samples.map(\.memoryRequestedRatio)
        let waits = context.log.placements.map { Double($0.wait) / 1_000 }.sorted()
        return RunSummary.Cluster(
            nodes: RunSummary.Spread(min: nodes.min, avg: nodes.average, max: nodes.max), nodeHours: nodes.hours, cost: nodes.cost,
            cpuRequestedRatio: RunSummary.AverageAndMaximum(avg: average(cpu), max: cpu.max() ?? 0),
            memoryRequestedRatio: RunSummary.AverageAndMaximum(avg: average(memory), max: memory.max() ?? 0),
            podsPendingMax: samples.map(\.podsPending).max() ?? 0,
            schedulingLatencySeconds: RunSummary.Percentiles(
                p50: percentile(waits, 50), p95: percentile(waits, 95), p99: percentile(waits, 99),
                max: max(waits.last ?? 0, longestPendingWait)))
    }

    /// Nearest-rank percentile of sorted values: the value at rank ⌈p/100 × n⌉; 0 without values.
    /// How long the longest-waiting pod still unscheduled has waited, in seconds: such a pod has
    /// no placement, yet its wait is what an answer must not hide.
    private var longestPendingWait: Double {
        var longest: SimTime = 0
        for pod in cluster.pods.ids where cluster.pods[pod].node == nil && cluster.pods[pod].isActive {
            longest = Swift.max(longest, now - cluster.pods[pod].createdAt)
        }
        return Double(longest) / 1_000
    }

    func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Node count over the run, exactly from node creation and deletion times: min, max,
    /// time-weighted average, node-hours and cost (node-hours × the pool's hourly price).
    private func nodeCountStatistics() -> (min: Int, max: Int, average: Double, hours: Double, cost: Double) {
        var changes: [(time: SimTime, delta: Int)] = []
        var hours = 0.0, cost = 0.0
        for node in 0..<cluster.nodes.count where cluster.nodes.createdAt[node] <= now {
            let start = cluster.nodes.createdAt[node]
            let end = min(cluster.nodes.deletedAt[node] ?? now, now)
            changes.append((start, 1))
            if let deleted = cluster.nodes.deletedAt[node], deleted <= now { changes.append((deleted, -1)) }
            let nodeHours = Double(end - start) / Double(Millis.hour)
            hours += nodeHours
            if let pool = cluster.nodes.pools[node] { cost += nodeHours * setup.nodePools[pool].pricePerHour }
        }
        changes.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var count = 0, lowest = Int.max, highest = 0
        var index = 0
        while index < changes.count {
            let time = changes[index].time
            while index < changes.count && changes[index].time == time {
                count += changes[index].delta
                index += 1
            }
            lowest = min(lowest, count)
            highest = max(highest, count)
        }
        if changes.isEmpty { lowest = 0 }
        let average = now > 0 ? hours * Double(Millis.hour) / Double(now) : Double(count)
        return (lowest, highest, average, hours, cost)
    }

    /// One entry per Deployment, per ReplicaSet without an owner, per DaemonSet, StatefulSet, Job
    /// (those of a CronJob count towards it instead) and CronJob, with what became of its Jobs, and
    /// per Service that receives traffic, sorted by kind, namespace, name. A workload that receives traffic has its request
    /// totals, and its availability is served ÷ offered requests; otherwise it is the time-weighted
    /// mean of min(1, available ÷ desired replicas).
    private func workloadSummaries() -> [RunSummary.Workload] {
        controllers.traffic.integrate(until: now)
        var requests: [(target: TrafficTarget, totals: RequestTotals)] = []
        for source in controllers.traffic.model.sources {
            if let index = requests.firstIndex(where: { $0.target == source.spec.target }) {
                requests[index].totals += source.totals
            } else {
                requests.append((source.spec.target, source.totals))
            }
        }
        var entries: [RunSummary.Workload] = []
        for id in controllers.metrics.deploymentStats.indices {
            let reference = cluster.reference(deployment: DeploymentID(id))
            var entry = workload(reference, controllers.metrics.deploymentStats[id], until: cluster.deployments[DeploymentID(id)].deletedAt)
            entry.rollouts = rolloutSummary(DeploymentID(id))
            entries.append(entry)
        }
        for id in controllers.metrics.replicaSetStats.indices where cluster.replicaSets[ReplicaSetID(id)].owner == nil {
            entries.append(
                workload(
                    cluster.reference(replicaSet: ReplicaSetID(id)), controllers.metrics.replicaSetStats[id],
                    until: cluster.replicaSets[ReplicaSetID(id)].deletedAt))
        }
        for (workload, stats) in controllers.metrics.otherStats {
            var entry = self.workload(cluster.reference(workload), stats, until: cluster.deletedAt(of: workload))
            if case .cronJob(let id) = workload { entry.jobs = cluster.cronJobs[id].runs }
            if case .job(let id) = workload { entry.completion = jobCompletion(id) }
            entries.append(entry)
        }
        for (target, _) in requests {
            guard case .service(let namespace, let name) = target else { continue }
            entries.append(RunSummary.Workload(kind: "Service", namespace: namespace, name: name, availability: 1))
        }
        entries.sort { ($0.kind, $0.namespace, $0.name) < ($1.kind, $1.namespace, $1.name) }
        for index in entries.indices {
            guard let totals = requests.first(where: { $0.target.path == entries[index].path })?.totals else { continue }
            entries[index].availability = totals.availability
            entries[index].requests = totals
        }
        return entries
    }

    /// A Job's outcome for the summary.
    private func jobCompletion(_ id: JobID) -> RunSummary.JobCompletion {
        let status = cluster.jobs[id].status
        let outcome = status.outcome
        return RunSummary.JobCompletion(
            succeeded: status.succeeded, failed: status.failed, condition: outcome.map { $0.succeeded ? "Complete" : "Failed" },
            reason: outcome?.reason, at: outcome.map { Double($0.at) / 1_000 },
            durationSeconds: outcome.flatMap { outcome in status.startTime.map { Double(outcome.at - $0) / 1_000 } })
    }

    /// Availability, replicas and scale events from a workload's statistics, up to now or, for a
    /// workload deleted during the run, up to its deletion.
    private func workload(_ reference: ObjectReference, _ recorded: WorkloadStats, until deletedAt: SimTime?) -> RunSummary.Workload {
        var stats = recorded
        stats.advance(to: deletedAt ?? now)
        return RunSummary.Workload(
            kind: reference.kind, namespace: reference.namespace, name: reference.name, availability: stats.availability,
            replicas: RunSummary.Spread(min: stats.desiredMin, avg: stats.desiredAverage, max: stats.desiredMax),
            scaleEvents: stats.scaleEvents, degradedSeconds: Double(stats.degradedTime) / 1_000)
    }

    /// A Deployment's rollouts: revision, start, and completion or time-out, in seconds.
    private func rolloutSummary(_ id: DeploymentID) -> [RunSummary.Rollout] {
        cluster.deployments[id].rollouts.map { rollout in
            RunSummary.Rollout(
                revision: rollout.revision, startedAt: Double(rollout.startedAt) / 1_000,
                completedAt: rollout.completedAt.map { Double($0) / 1_000 },
                durationSeconds: rollout.completedAt.map { Double($0 - rollout.startedAt) / 1_000 },
                timedOut: rollout.timedOutAt != nil)
        }
    }

    /// One entry per HPA: its target, bounds, rescales, how long it sat at maxReplicas, and its
    /// conditions at the end of the run.
    private func autoscalerSummaries() -> [RunSummary.Autoscaler] {
        controllers.autoscalers.autoscalers.map { autoscaler in
            let conditions = [
                ("AbleToScale", autoscaler.status.ableToScale), ("ScalingActive", autoscaler.status.scalingActive),
                ("ScalingLimited", autoscaler.status.scalingLimited),
            ]
            return RunSummary.Autoscaler(
                namespace: autoscaler.spec.meta.namespace, name: autoscaler.spec.meta.name, target: autoscaler.spec.targetPath,
                minReplicas: autoscaler.spec.minReplicas, maxReplicas: autoscaler.spec.maxReplicas, rescales: autoscaler.rescales,
                secondsAtMaxReplicas: Double(autoscaler.timeAtMaxReplicas(until: now)) / 1_000,
                conditions: conditions.compactMap { type, condition in
                    condition.map {
                        RunSummary.Condition(
                            type: type, status: $0.status, reason: $0.reason, message: $0.message,
                            lastTransitionTime: Double($0.lastTransition) / 1_000)
                    }
                })
        }
    }
}
