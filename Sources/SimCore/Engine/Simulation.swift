/// A setup the simulation cannot start from (the Scenarios module validates scenarios first, so
/// these only reach programmatic callers).
public struct SimulationSetupError: Error, Sendable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// One simulated cluster: the clock, the event queue, the cluster state, the scheduler, the
/// controllers and the recorder — all of a run's state lives here, never in globals, so any number
/// of simulations can run side by side.
///
/// The main loop pops the next event in (time, phase, sequence) order, dispatches it, then delivers
/// the cluster changes it caused to the watchers (controllers' work queues, the kubelet, the
/// scheduling queue), which schedule their own follow-up events.
public final class Simulation {
    public let setup: SimulationSetup
    /// The simulated clock.
    public private(set) var now: SimTime = 0
    public let cluster = ClusterState()
    /// Events processed so far.
    public private(set) var eventsProcessed = 0
    /// When on, the cluster's invariants are checked after every event (for tests; it is slow).
    public var checksInvariants = false
    /// Invariant violations found while `checksInvariants` was on, with the time they appeared.
    public private(set) var invariantViolations: [String] = []
    /// Called after every event, for tests that watch a bound over time (nil in real runs).
    public var observer: ((Simulation) -> Void)?

    var queue = EventQueue<SimEvent>()
    let scheduler: Scheduler
    var recorder = Recorder()
    /// Pod name suffixes (`<replicaset>-xxxxx`), as upstream's generateName.
    var nameStream: RandomStream
    var workQueues = Array(repeating: WorkQueue(), count: ControllerKind.allCases.count)
    var syncPending = Array(repeating: false, count: ControllerKind.allCases.count)
    var schedulingCyclePending = false
    var backoffFlushPending = false
    var unschedulableFlushPending = false
    /// Pods by (namespace, selector) for traffic targets and HPA scale targets.
    var podGroups = PodGroups()
    var traffic = TrafficModel()
    var metricsServer: MetricsServer
    var trafficUpdatePending = false
    /// The HPAs, in scenario order.
    public internal(set) var autoscalers: [HorizontalPodAutoscaler] = []
    var nodeLifecycle = NodeLifecycle()
    /// Lease renewal phases of the nodes.
    var leaseStream: RandomStream
    /// Pods the taint eviction controller will delete, by pod.
    var scheduledEvictions: [PodID: ScheduledEviction] = [:]
    var faults = FaultState()

    /// Builds the cluster at time 0: pool nodes, manifest nodes, namespaces, then workloads.
    public init(_ setup: SimulationSetup) throws(SimulationSetupError) {
        self.setup = setup
        scheduler = Scheduler(configuration: setup.scheduler, random: RandomStream(seed: setup.seed, name: "scheduler"),
                              symbols: cluster.symbols)
        nameStream = RandomStream(seed: setup.seed, name: "pod-names")
        metricsServer = MetricsServer(resolution: max(setup.metricsResolution, Millis.second))
        leaseStream = RandomStream(seed: setup.seed, name: "node-leases")
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
        problems += startTraffic() + startAutoscalers()
        guard problems.isEmpty else { throw SimulationSetupError(problems: problems) }
        for pod in setup.pods where !create(pod) {
            problems.append("Pod \(pod.meta.namespace)/\(pod.meta.name) is defined twice")
        }
        guard problems.isEmpty else { throw SimulationSetupError(problems: problems) }
        queue.reserveCapacity(1_024)
        queue.schedule(.sampleMetrics, at: 0, phase: .metrics)
        for (index, event) in setup.timeline.enumerated() { queue.schedule(.timeline(index), at: max(event.at, 0), phase: .infrastructure) }
        scheduleFaults()
        deliverChanges()
    }

    /// Runs every event due up to and including `end` (later calls continue from there; an `end`
    /// already in the past runs nothing).
    public func run(until end: SimTime) {
        queue.schedule(.stop, at: max(end, now), phase: .stop)
        while let next = queue.popNext() {
            // Fault recovery is judged on each instant as it ends, when every controller has
            // caught up with it.
            if faults.recoveryCheckPending && (next.time > now || isStop(next.payload)) { checkRecovery() }
            now = next.time
            if case .stop = next.payload { return }
            eventsProcessed += 1
            dispatch(next.payload)
            deliverChanges()
            if faults.unrecovered > 0 { faults.recoveryCheckPending = true }
            if checksInvariants {
                invariantViolations += cluster.invariantViolations().map { "t=\(Millis.decimalSeconds(now))s: \($0)" }
            }
            observer?(self)
        }
    }

    private func isStop(_ event: SimEvent) -> Bool {
        if case .stop = event { return true }
        return false
    }

    private func dispatch(_ event: SimEvent) {
        switch event {
        case .stop: break
        case .sampleMetrics: sampleMetrics()
        case .schedulingCycle: runSchedulingCycles()
        case .flushBackoffQueue: flushBackoffQueue()
        case .flushUnschedulablePods: flushUnschedulablePods()
        case .podStartup(let pod): startContainers(pod)
        case .podTermination(let pod): finishTermination(pod)
        case .syncController(let kind): syncController(kind)
        case .resyncReplicaSet(let replicaSet): enqueue(.replicaSet, replicaSet.rawValue)
        case .resyncDeployment(let deployment): enqueue(.deployment, deployment.rawValue)
        case .podReady(let pod): markReady(pod)
        case .timeline(let index): happen(index)
        case .trafficTick: trafficTick()
        case .trafficCorner(let source): trafficMayHaveChanged(source: source)
        case .trafficUpdate: updateTraffic()
        case .autoscalerSync: syncAutoscalers()
        case .nodeMonitor: monitorNodes()
        case .nodeTaintingPass: taintingPass()
        case .taintEviction(let pod): evictForTaint(pod)
        case .faultStart(let index): startFault(index)
        case .faultEnd(let index): endFault(index)
        case .nodeFailure(let fault, let node): randomFailure(fault: fault, node: node)
        case .nodeRepair(let fault, let node): randomRepair(fault: fault, node: node)
        case .spotTermination(let fault, let node): terminateSpotNode(fault: fault, node: node)
        case .drainRetry(let index): drainStep(index)
        case .containerCrash(let index): crashContainer(index)
        case .containerRestart(let pod): restartCrashedContainer(pod)
        }
    }

    /// Hands each pending cluster change to its watchers, until no new changes appear.
    func deliverChanges() {
        while !cluster.changes.isEmpty {
            for change in cluster.drainChanges() { route(change) }
        }
    }

    private func route(_ change: ClusterChange) {
        switch change {
        case .nodeAdded(let node):
            nodeJoined(node)
            requeueUnschedulablePods(on: .nodeAdded)
        case .nodeUpdated(let node):
            requeueUnschedulablePods(on: .nodeUpdated)
            reconcileTaintEvictions(on: node)
        case .nodeRemoved: break
        case .nodeHealthChanged(let node):
            if !cluster.nodes.pods[Int(node)].isEmpty { trafficMayHaveChanged(on: node) }
        case .podAdded(let pod):
            recorder.podsCreated += 1
            podGroups.podAdded(pod, in: cluster)
            podNeedsNode(pod)
            ownerChanged(cluster.pods[pod].owner)
        case .podBound(let pod):
            acceptBoundPod(pod)
            reconcileTaintEviction(of: pod)
            requeueUnschedulablePods(on: .assignedPodAdded)
            ownerChanged(cluster.pods[pod].owner)
        case .podUpdated(let pod):
            if podGroups.isMember(pod) { trafficMayHaveChanged(for: pod) }
            ownerChanged(cluster.pods[pod].owner)
        case .podDeleting(let pod):
            if podGroups.isMember(pod) { trafficMayHaveChanged(for: pod) }
            beginTermination(pod)
            ownerChanged(cluster.pods[pod].owner)
        case .podRemoved(let removed):
            if podGroups.isMember(removed.id) { trafficMayHaveChanged(for: removed.id) }
            if !scheduledEvictions.isEmpty { cancelEviction(of: removed.id, quietly: true) }
            podLeftFaults(removed)
            podGroups.podRemoved(removed.id)
            traffic.podRemoved(removed.id, from: removed.node)
            metricsServer.podRemoved(removed.id)
            scheduler.queue.remove(removed.id)
            if removed.node != nil { requeueUnschedulablePods(on: .assignedPodDeleted) }
            ownerChanged(removed.owner)
            recreateMayProceed(after: removed.owner)
        case .replicaSetUpdated(let replicaSet):
            enqueue(.replicaSet, replicaSet.rawValue)
            observeReplicaSet(replicaSet)
            if let owner = cluster.replicaSets[replicaSet].owner { enqueue(.deployment, owner.rawValue) }
        case .replicaSetStatusUpdated(let replicaSet):
            observeReplicaSet(replicaSet)
            if let owner = cluster.replicaSets[replicaSet].owner { enqueue(.deployment, owner.rawValue) }
        case .deploymentUpdated(let deployment):
            enqueue(.deployment, deployment.rawValue)
            observeDeployment(deployment)
        case .deploymentStatusUpdated(let deployment):
            observeDeployment(deployment)
        }
    }

    /// A pod's owner must recount its pods.
    private func ownerChanged(_ owner: PodOwner?) {
        guard let owner else { return }
        switch owner {
        case .replicaSet(let replicaSet): enqueue(.replicaSet, replicaSet.rawValue)
        }
    }

    /// As the Deployment controller's `deletePod` handler: a Recreate Deployment waits for its
    /// last pod to be gone before it creates the new ReplicaSet, and no ReplicaSet status change
    /// tells it so (terminating pods no longer count), so the deletion of its last pod does.
    private func recreateMayProceed(after owner: PodOwner?) {
        guard case .replicaSet(let replicaSet)? = owner, let id = cluster.replicaSets[replicaSet].owner,
              case .recreate = cluster.deployments[id].spec.strategy else { return }
        let podsLeft = cluster.deployments[id].replicaSets.contains { !cluster.replicaSets[$0].pods.isEmpty }
        if !podsLeft { enqueue(.deployment, id.rawValue) }
    }

    /// Adds `key` to a controller's work queue and makes sure the controller runs at this instant.
    func enqueue(_ kind: ControllerKind, _ key: Int32) {
        workQueues[kind.rawValue].add(key)
        guard !syncPending[kind.rawValue] else { return }
        syncPending[kind.rawValue] = true
        queue.schedule(.syncController(kind), at: now, phase: .controllers)
    }

    private func syncController(_ kind: ControllerKind) {
        syncPending[kind.rawValue] = false
        while let key = workQueues[kind.rawValue].pop() {
            switch kind {
            case .deployment: syncDeployment(DeploymentID(rawValue: key))
            case .replicaSet: syncReplicaSet(ReplicaSetID(rawValue: key))
            }
        }
    }

    // MARK: Workload statistics

    private func observeDeployment(_ id: DeploymentID) {
        let deployment = cluster.deployments[id]
        while recorder.deploymentStats.count <= Int(id) {
            recorder.deploymentStats.append(WorkloadStats(at: now, desired: deployment.spec.replicas))
        }
        recorder.deploymentStats[Int(id)].observe(at: now, desired: deployment.spec.replicas, available: deployment.status.availableReplicas)
    }

    private func observeReplicaSet(_ id: ReplicaSetID) {
        let replicaSet = cluster.replicaSets[id]
        while recorder.replicaSetStats.count <= Int(id) {
            recorder.replicaSetStats.append(WorkloadStats(at: now, desired: replicaSet.replicas))
        }
        recorder.replicaSetStats[Int(id)].observe(at: now, desired: replicaSet.replicas, available: replicaSet.status.availableReplicas)
    }

    // MARK: Events and references

    /// Records an event at the current time.
    func record(_ type: EventType, _ reason: String, _ object: ObjectReference, node: String = "", _ message: String) {
        recorder.event(now, type, reason, object, node: node, message)
    }

    /// The name of the node `pod` is bound to, or "" when it is not bound.
    func nodeName(of pod: PodID) -> String {
        cluster.pods[pod].node.map { cluster.nodes.names[Int($0)] } ?? ""
    }

    func reference(pod id: PodID) -> ObjectReference {
        let pod = cluster.pods[id]
        return ObjectReference(kind: "Pod", namespace: cluster.symbols[pod.namespace], name: pod.name)
    }

    func reference(replicaSet id: ReplicaSetID) -> ObjectReference {
        let replicaSet = cluster.replicaSets[id]
        return ObjectReference(kind: "ReplicaSet", namespace: cluster.symbols[replicaSet.namespace], name: replicaSet.name)
    }

    func reference(deployment id: DeploymentID) -> ObjectReference {
        let deployment = cluster.deployments[id]
        return ObjectReference(kind: "Deployment", namespace: cluster.symbols[deployment.namespace], name: deployment.name)
    }

    /// The top owner of a pod: its Deployment, its ReplicaSet, or the pod itself.
    func topOwner(of id: PodID) -> ObjectReference {
        switch cluster.pods[id].owner {
        case .replicaSet(let replicaSet):
            if let deployment = cluster.replicaSets[replicaSet].owner { return reference(deployment: deployment) }
            return reference(replicaSet: replicaSet)
        case nil:
            return reference(pod: id)
        }
    }
}
