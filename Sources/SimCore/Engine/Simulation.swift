/// A setup the simulation cannot start from (the Scenarios module validates scenarios first, so
/// these only reach programmatic callers).
public struct SimulationSetupError: Error, Sendable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// One simulated cluster: the clock, the event queue and the cluster state (in its
/// `ControllerContext`) and the controllers (`ControllerSet`). All of a run's state lives here,
/// never in globals, so any number of simulations can run side by side.
///
/// The run loop pops the next event in (time, phase, sequence) order, hands it to its controller,
/// then delivers the cluster changes it caused to the controllers that watch them, which schedule
/// their own follow-up events.
public final class Simulation {
    public let setup: SimulationSetup
    /// The clock, the event queue, the cluster state and the run log.
    public let context: ControllerContext
    let controllers: ControllerSet
    /// Events processed so far.
    public private(set) var eventsProcessed = 0
    /// When on, the cluster's invariants are checked after every event (for tests and
    /// `--check-invariants`; it is slow).
    public var checksInvariants = false
    /// Invariant violations found while `checksInvariants` was on, with the time they appeared.
    public private(set) var invariantViolations: [String] = []
    /// Called after every event, for tests that watch a bound over time (nil in real runs).
    public var observer: ((Simulation) -> Void)?
    /// What the run held when it stopped for growing past `setup.memoryLimit`; nil while it has
    /// not. A stopped simulation does not run on.
    public private(set) var stoppedForMemory: MemoryUse?

    /// What the run holds now, counted (cheap enough to ask every thousand events).
    public var memoryUse: MemoryUse {
        MemoryUse(
            nodes: Int64(cluster.nodes.count), pods: Int64(cluster.pods.slotCount), events: Int64(context.log.events.count),
            placements: Int64(context.log.placements.count), seriesRows: Int64(controllers.metrics.timeSeries.count))
    }

    /// The simulated clock.
    public var now: SimTime { context.now }
    public var cluster: ClusterState { context.cluster }

    /// Builds the cluster at time 0: pool nodes, manifest nodes, namespaces, then workloads.
    public init(_ setup: SimulationSetup) throws(SimulationSetupError) {
        guard setup.scheduler.problems.isEmpty else { throw SimulationSetupError(problems: setup.scheduler.problems) }
        self.setup = setup
        context = ControllerContext()
        let cluster = context.cluster
        controllers = ControllerSet(setup, symbols: cluster.symbols)
        var problems: [String] = []
        let poolNodes = setup.nodePools.enumerated().flatMap { poolIndex, pool in
            (0..<pool.count).map { pool.nodeSpec(index: $0, poolIndex: poolIndex) }
        }
        let specs = poolNodes + setup.nodes
        for (spec, id) in zip(specs, cluster.addNodes(specs, at: 0)) where id == nil {
            problems.append("node \(spec.name) is defined twice")
        }
        for namespace in setup.namespaces { cluster.addNamespace(namespace.name, labels: namespace.labels) }
        for service in setup.services { cluster.addService(service) }
        for priorityClass in setup.priorityClasses { cluster.addPriorityClass(priorityClass) }
        for budget in setup.disruptionBudgets { cluster.addDisruptionBudget(budget) }
        for limitRange in setup.limitRanges { cluster.addLimitRange(limitRange) }
        for quota in setup.resourceQuotas { cluster.addResourceQuota(quota) }
        for storageClass in setup.storageClasses { cluster.addStorageClass(storageClass) }
        for volume in setup.persistentVolumes where cluster.addPersistentVolume(volume) == nil {
            problems.append("PersistentVolume \(volume.name) is defined twice")
        }
        for claim in setup.persistentVolumeClaims where !context.createAppliedClaim(claim) {
            problems.append("PersistentVolumeClaim \(claim.meta.namespace)/\(claim.meta.name) is defined twice")
        }
        cluster.setImageSizes(setup.imageSizes, defaultSize: setup.defaultImageSize)
        for node in cluster.nodes.names.indices {
            guard let pool = cluster.nodes.pools[node] else { continue }
            let images = setup.nodePools[pool].preloadedImages.map { cluster.symbols.intern(PodSpecInfo.normalizedImage($0)) }
            cluster.recordImages(images, on: NodeID(node))
        }
        for deployment in setup.deployments where cluster.createDeployment(deployment, at: 0) == nil {
            problems.append("Deployment \(deployment.meta.namespace)/\(deployment.meta.name) is defined twice")
        }
        for replicaSet in setup.replicaSets
        where cluster.createReplicaSet(replicaSet, owner: nil, revision: 0, at: 0) == nil {
            problems.append("ReplicaSet \(replicaSet.meta.namespace)/\(replicaSet.meta.name) is defined twice")
        }
        for daemonSet in setup.daemonSets where cluster.createDaemonSet(daemonSet, at: 0) == nil {
            problems.append("DaemonSet \(daemonSet.meta.namespace)/\(daemonSet.meta.name) is defined twice")
        }
        for statefulSet in setup.statefulSets where cluster.createStatefulSet(statefulSet, at: 0) == nil {
            problems.append("StatefulSet \(statefulSet.meta.namespace)/\(statefulSet.meta.name) is defined twice")
        }
        for job in setup.jobs where !context.createAppliedJob(job) {
            problems.append("Job \(job.meta.namespace)/\(job.meta.name) is defined twice")
        }
        for cronJob in setup.cronJobs where cluster.createCronJob(cronJob, at: 0) == nil {
            problems.append("CronJob \(cronJob.meta.namespace)/\(cronJob.meta.name) is defined twice")
        }
        problems += controllers.traffic.start(setup.traffic, seed: setup.seed, in: context)
        problems += controllers.autoscalers.register(setup.autoscalers, in: cluster)
        controllers.traffic.startTicking(metricsNeeded: !controllers.autoscalers.autoscalers.isEmpty, in: context)
        controllers.autoscalers.start(in: context)
        guard problems.isEmpty else { throw SimulationSetupError(problems: problems) }
        for pod in setup.pods where !create(pod) {
            problems.append("Pod \(pod.meta.namespace)/\(pod.meta.name) is defined twice")
        }
        guard problems.isEmpty else { throw SimulationSetupError(problems: problems) }
        context.queue.reserveCapacity(1_024)
        controllers.metrics.start(in: context)
        controllers.timeline.start(in: context)
        controllers.faults.start(in: context)
        deliverChanges()
    }

    /// Runs every event due up to and including `end` (later calls continue from there; an `end`
    /// already in the past runs nothing).
    public func run(until end: SimTime) {
        guard stoppedForMemory == nil else { return }
        context.queue.schedule(.stop, at: max(end, now), phase: .stop)
        while let next = context.queue.popNext() {
            // Fault recovery is judged on each instant as it ends, when every controller has
            // caught up with it.
            if controllers.faults.wantsRecoveryCheck && (next.time > now || isStop(next.payload)) {
                controllers.faults.checkRecovery(in: context)
            }
            context.now = next.time
            if case .stop = next.payload { return }
            eventsProcessed += 1
            controllers.dispatch(next.payload, in: context)
            deliverChanges()
            controllers.faults.instantChanged()
            if checksInvariants {
                var problems = cluster.invariantViolations()
                if context.log.podsCreated != cluster.podsAdded {
                    problems.append("the run log counts \(context.log.podsCreated) pods created, the cluster \(cluster.podsAdded)")
                }
                invariantViolations += problems.map { "t=\(Millis.decimalSeconds(now))s: \($0)" }
            }
            observer?(self)
            if let limit = setup.memoryLimit, eventsProcessed & 1_023 == 0, memoryUse.bytes > limit {
                stoppedForMemory = memoryUse
                return
            }
        }
    }

    private func isStop(_ event: SimEvent) -> Bool {
        if case .stop = event { return true }
        return false
    }

    /// Hands each pending cluster change to the controllers that watch it, until no new changes
    /// appear. The pod groups (the informer index that traffic and the HPA read) take a new pod
    /// before any controller sees it, and let a removed pod go after every controller has.
    func deliverChanges() {
        let cluster = context.cluster
        while !cluster.changes.isEmpty {
            for change in cluster.drainChanges() {
                if case .podAdded(let pod) = change { cluster.podGroups.podAdded(pod, in: cluster) }
                controllers.deliver(change, in: context)
                if case .podRemoved(let removed) = change { cluster.podGroups.podRemoved(removed.id) }
            }
        }
    }
}
