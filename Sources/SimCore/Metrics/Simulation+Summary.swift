/// The run's outputs: `summary.json`, `events.csv`, `timeseries.csv` and `placements.csv`.
extension Simulation {
    /// `events.csv`.
    public func eventsCSV() -> String { context.log.eventsCSV() }
    /// `timeseries.csv`.
    public func timeSeriesCSV() -> String { controllers.metrics.timeSeries.csv() }
    /// `placements.csv`.
    public func placementsCSV() -> String { context.log.placementsCSV() }
    /// The sampled time series, for tests and reports.
    public var timeSeries: TimeSeries { controllers.metrics.timeSeries }
    /// The event log.
    public var eventLog: [EventRecord] { context.log.events }
    /// The placements.
    public var placements: [PlacementRecord] { context.log.placements }

    /// The summary as of now, as the output contract lays it out. `wallSeconds` is the only value
    /// that is not a function of the scenario and seed.
    public func summary(wallSeconds: Double) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(setup.name)),
            ("seed", .int(Int64(bitPattern: setup.seed))),
            ("simulatedSeconds", .number(Double(now) / 1_000)),
            ("wallSeconds", .number(wallSeconds)),
            ("events", .int(Int64(eventsProcessed))),
            ("cluster", clusterSummary()),
            ("pods", .object([
                ("created", .int(Int64(context.log.podsCreated))),
                ("scheduled", .int(Int64(context.log.podsScheduled))),
                ("pendingAtEnd", .int(Int64(cluster.unboundPodCount))),
                ("evicted", .int(Int64(context.log.podsEvicted))),
                ("preempted", .int(Int64(context.log.podsPreempted))),
            ])),
            ("workloads", .array(workloadSummaries())),
            ("autoscalers", .array(autoscalerSummaries())),
            ("faults", .array(controllers.faults.records.map { fault in
                .object([
                    ("type", .string(fault.type)), ("at", .number(Double(fault.at) / 1_000)), ("target", .string(fault.target)),
                    ("recoverySeconds", fault.recoveredAt.map { .number(Double($0 - fault.at) / 1_000) } ?? .null),
                ])
            })),
        ]
        let withoutExpectations = JSONValue.object(members)
        members.append(("expectations", .array(setup.expectations.map { expectation in
            let actual = expectation.actual(in: withoutExpectations)
            return .object([
                ("metric", .string(expectation.metric)),
                ("target", expectation.target.map(JSONValue.string) ?? .null),
                ("op", .string(expectation.op.rawValue)),
                ("value", .number(expectation.value)),
                ("actual", actual.map(JSONValue.number) ?? .null),
                ("passed", .bool(actual.map { expectation.op.holds($0, expectation.value) } ?? false)),
            ])
        })))
        return .object(members)
    }

    /// True when every expectation of the scenario holds.
    public func expectationsPassed(in summary: JSONValue) -> Bool {
        guard case .array(let results)? = summary["expectations"] else { return true }
        return results.allSatisfy { $0["passed"] == .bool(true) }
    }

    private func clusterSummary() -> JSONValue {
        let nodes = nodeCountStatistics()
        let samples = controllers.metrics.samples
        func average(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let cpu = samples.map(\.cpuRequestedRatio)
        let memory = samples.map(\.memoryRequestedRatio)
        let waits = context.log.placements.map { Double($0.wait) / 1_000 }.sorted()
        return .object([
            ("nodes", .object([("min", .int(Int64(nodes.min))), ("avg", .number(nodes.average)), ("max", .int(Int64(nodes.max)))])),
            ("nodeHours", .number(nodes.hours)),
            ("cost", .number(nodes.cost)),
            ("cpuRequestedRatio", .object([("avg", .number(average(cpu))), ("max", .number(cpu.max() ?? 0))])),
            ("memoryRequestedRatio", .object([("avg", .number(average(memory))), ("max", .number(memory.max() ?? 0))])),
            ("podsPendingMax", .int(Int64(samples.map(\.podsPending).max() ?? 0))),
            ("schedulingLatencySeconds", .object([
                ("p50", .number(percentile(waits, 50))), ("p95", .number(percentile(waits, 95))), ("p99", .number(percentile(waits, 99))),
            ])),
        ])
    }

    /// Nearest-rank percentile of sorted values: the value at rank ⌈p/100 × n⌉; 0 without values.
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

    /// One entry per Deployment, per ReplicaSet without an owner and per Service that receives
    /// traffic, sorted by kind, namespace, name. A workload that receives traffic has its request
    /// totals, and its availability is served ÷ offered requests; otherwise it is the time-weighted
    /// mean of min(1, available ÷ desired replicas).
    private func workloadSummaries() -> [JSONValue] {
        controllers.traffic.integrate(until: now)
        var requests: [(path: String, totals: RequestTotals)] = []
        for source in controllers.traffic.model.sources {
            if let index = requests.firstIndex(where: { $0.path == source.spec.target.path }) {
                requests[index].totals += source.totals
            } else {
                requests.append((source.spec.target.path, source.totals))
            }
        }
        var entries: [(reference: ObjectReference, members: [(String, JSONValue)])] = []
        for id in controllers.metrics.deploymentStats.indices {
            let deployment = cluster.reference(deployment: DeploymentID(id))
            entries.append((deployment, replicaMembers(controllers.metrics.deploymentStats[id]) + [("rollouts", rolloutSummary(DeploymentID(id)))]))
        }
        for id in controllers.metrics.replicaSetStats.indices where cluster.replicaSets[ReplicaSetID(id)].owner == nil {
            entries.append((cluster.reference(replicaSet: ReplicaSetID(id)), replicaMembers(controllers.metrics.replicaSetStats[id])))
        }
        for (path, _) in requests where path.hasPrefix("Service/") {
            let parts = path.split(separator: "/", maxSplits: 2).map(String.init)
            entries.append((ObjectReference(kind: parts[0], namespace: parts[1], name: parts[2]), [("availability", .number(1))]))
        }
        entries.sort { ($0.reference.kind, $0.reference.namespace, $0.reference.name) < ($1.reference.kind, $1.reference.namespace, $1.reference.name) }
        return entries.map { entry in
            var members: [(String, JSONValue)] = [
                ("kind", .string(entry.reference.kind)), ("namespace", .string(entry.reference.namespace)), ("name", .string(entry.reference.name)),
            ] + entry.members
            if let totals = requests.first(where: { $0.path == entry.reference.path })?.totals {
                if let index = members.firstIndex(where: { $0.0 == "availability" }) { members[index].1 = .number(totals.availability) }
                members.append(("requests", .object([("offered", .number(totals.offered)), ("served", .number(totals.served)),
                                                     ("dropped", .number(totals.dropped))])))
            }
            return .object(members)
        }
    }

    /// Availability, replicas and scale events from a workload's statistics.
    private func replicaMembers(_ recorded: WorkloadStats) -> [(String, JSONValue)] {
        var stats = recorded
        stats.advance(to: now)
        return [
            ("availability", .number(stats.availability)),
            ("replicas", .object([("min", .int(Int64(stats.desiredMin))), ("avg", .number(stats.desiredAverage)), ("max", .int(Int64(stats.desiredMax)))])),
            ("scaleEvents", .int(Int64(stats.scaleEvents))),
        ]
    }

    /// A Deployment's rollouts: revision, start, and completion or time-out, in seconds.
    private func rolloutSummary(_ id: DeploymentID) -> JSONValue {
        .array(cluster.deployments[id].rollouts.map { rollout in
            .object([
                ("revision", .int(rollout.revision)),
                ("startedAt", .number(Double(rollout.startedAt) / 1_000)),
                ("completedAt", rollout.completedAt.map { .number(Double($0) / 1_000) } ?? .null),
                ("durationSeconds", rollout.completedAt.map { .number(Double($0 - rollout.startedAt) / 1_000) } ?? .null),
                ("timedOut", .bool(rollout.timedOutAt != nil)),
            ])
        })
    }

    /// One entry per HPA: its target, bounds, rescales, how long it sat at maxReplicas, and its
    /// conditions at the end of the run.
    private func autoscalerSummaries() -> [JSONValue] {
        controllers.autoscalers.autoscalers.map { autoscaler in
            .object([
                ("namespace", .string(autoscaler.spec.meta.namespace)),
                ("name", .string(autoscaler.spec.meta.name)),
                ("target", .string(autoscaler.spec.targetPath)),
                ("minReplicas", .int(Int64(autoscaler.spec.minReplicas))),
                ("maxReplicas", .int(Int64(autoscaler.spec.maxReplicas))),
                ("rescales", .int(Int64(autoscaler.rescales))),
                ("secondsAtMaxReplicas", .number(Double(autoscaler.timeAtMaxReplicas(until: now)) / 1_000)),
                ("conditions", .array([("AbleToScale", autoscaler.status.ableToScale), ("ScalingActive", autoscaler.status.scalingActive),
                                       ("ScalingLimited", autoscaler.status.scalingLimited)].compactMap { type, condition in
                    condition.map { condition in
                        .object([("type", .string(type)), ("status", .string(condition.status ? "True" : "False")),
                                 ("reason", .string(condition.reason)), ("message", .string(condition.message)),
                                 ("lastTransitionTime", .number(Double(condition.lastTransition) / 1_000))])
                    }
                })),
            ])
        }
    }
}
