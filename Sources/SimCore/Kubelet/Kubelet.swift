/// The kubelets of every node: starting bound pods, admitting pods that name their node,
/// terminating deleted pods after their grace period, restarting crashed containers with the
/// crash-loop back-off, and starting again when a machine comes back.
///
/// Timings: a bound pod's containers run after its startup delay (the template's
/// `kubesim.io/startup-delay`, else its node pool's `podStartupDelay`, else 2 s); the pod is Ready
/// when its containers' probes first pass (`Container.readinessDelay`), at once without probes. A
/// deleted pod keeps its node's resources for its whole grace period — the longest upstream
/// allows, which is the conservative choice for capacity (see docs/fidelity.md). A machine that is
/// down or cut off has no kubelet: nothing happens to its pods until it is back.
final class Kubelet: Controller {
    enum Timer {
        /// A pod's containers are up.
        case startup(PodID)
        /// A pod's readiness probes first pass.
        case ready(PodID)
        /// A terminating pod's grace period is over; its resources are released.
        case termination(PodID)
        /// A crashed container is restarted after its back-off.
        case containerRestart(PodID)
        /// The containers of a pod with a run duration exit.
        case exited(PodID)
    }

    static let watches: ChangeKinds = [.nodeHealthChanged, .podAdded, .podBound, .podDeleting, .podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .kubelet(timer) }

    /// A pod's recent container crashes, for the restart back-off.
    private struct CrashLoop {
        var crashes: Int
        var lastRestart: SimTime
        /// The container crashed and waits out its back-off: it cannot crash again meanwhile.
        var restartPending = false
    }

    /// Each node pool's `podStartupDelay`, by pool index.
    private let poolStartupDelays: [SimTime]
    private var crashLoops: [PodID: CrashLoop] = [:]

    /// Whether each run of a pod with a failure probability fails.
    private var exits: RandomStream
    /// How long each run of a pod with a distribution of run durations lasts.
    private var runDurations: RandomStream
    /// When each running pod with a run duration is due to exit: a restart in between schedules a
    /// new exit, and the earlier one is then stale.
    private var exitDue: [PodID: SimTime] = [:]

    init(nodePools: [NodePool], seed: UInt64 = 0) {
        poolStartupDelays = nodePools.map(\.podStartupDelay)
        exits = RandomStream(seed: seed, name: "container-exits")
        runDurations = RandomStream(seed: seed, name: "run-durations")
    }

    /// The container restart back-off: the first restart is immediate, then 10 s doubling up to
    /// 5 minutes (upstream's `backOffPeriod` and `MaxContainerBackOff`).
    static func restartBackOff(crashes: Int) -> SimTime {
        guard crashes > 1 else { return 0 }
        var delay: SimTime = 10 * Millis.second
        for _ in 2..<crashes where delay < 300 * Millis.second { delay *= 2 }
        return min(delay, 300 * Millis.second)
    }

    /// A container that ran this long since its last restart starts its back-off over (the
    /// back-off entries' garbage collection).
    static let backOffReset: SimTime = 10 * Millis.minute

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        switch change {
        case .podAdded(let pod):
            let record = context.cluster.pods[pod]
            guard record.node == nil, record.isActive, let nodeName = context.cluster.spec(of: pod).nodeName, !nodeName.isEmpty else { return }
            admitPodNamingNode(pod, nodeName: nodeName, in: context)
        case .podBound(let pod):
            acceptBoundPod(pod, in: context)
        case .podDeleting(let pod):
            beginTermination(pod, in: context)
        case .podRemoved(let removed):
            crashLoops[removed.id] = nil
            exitDue[removed.id] = nil
        case .nodeHealthChanged(let node, let previous):
            if context.cluster.nodes.health[Int(node)].isUp { machineCameBack(node, crashed: previous == .down, in: context) }
        default:
            break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .startup(let pod): startContainers(pod, in: context)
        case .ready(let pod): markReady(pod, in: context)
        case .termination(let pod): finishTermination(pod, in: context)
        case .containerRestart(let pod): restartCrashedContainer(pod, in: context)
        case .exited(let pod): containersExited(pod, in: context)
        }
    }

    // MARK: Starting

    /// The kubelet accepted a bound pod: `status.startTime` now, containers after the startup
    /// delay.
    private func acceptBoundPod(_ id: PodID, in context: ControllerContext) {
        guard kubeletRuns(for: id, in: context.cluster) else { return }
        context.cluster.markStarted(id, at: context.now)
        schedule(.startup(id), at: context.now + startupDelay(of: id, in: context.cluster), phase: .kubelet, in: context)
    }

    /// The node's kubelet starts the pod's containers again (its machine came back): a pod it
    /// had not started is accepted now; a running one restarts its containers, not Ready until
    /// they are up and its probes pass.
    private func restartContainers(_ id: PodID, in context: ControllerContext) {
        guard context.cluster.pods[id].startedAt != nil else {
            acceptBoundPod(id, in: context)
            return
        }
        context.cluster.setReady(id, false, at: context.now)
        context.cluster.recordRestart(id)
        schedule(.startup(id), at: context.now + startupDelay(of: id, in: context.cluster), phase: .kubelet, in: context)
    }

    /// True when the pod's node has a running kubelet.
    private func kubeletRuns(for id: PodID, in cluster: ClusterState) -> Bool {
        guard let node = cluster.pods[id].node else { return false }
        return cluster.nodes.health[Int(node)].isUp
    }

    private func startupDelay(of id: PodID, in cluster: ClusterState) -> SimTime {
        if let delay = cluster.spec(of: id).template.startupDelay { return delay }
        if let node = cluster.pods[id].node, let pool = cluster.nodes.pools[Int(node)] { return poolStartupDelays[pool] }
        return NodePool.defaultPodStartupDelay
    }

    /// The containers are running: phase Running, a `Started` event per container, and Ready now
    /// or when the probes first pass.
    private func startContainers(_ id: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.pods.contains(id), cluster.pods[id].isActive, kubeletRuns(for: id, in: cluster), let node = cluster.pods[id].node else {
            return
        }
        let spec = cluster.spec(of: id)
        cluster.recordImages(spec.images, on: node)
        cluster.markRunning(id)
        if spec.readinessDelay == 0 {
            cluster.setReady(id, true, at: context.now)
        } else {
            schedule(.ready(id), at: context.now + spec.readinessDelay, phase: .kubelet, in: context)
        }
        let nodeName = cluster.nodes.names[Int(node)]
        for container in cluster.spec(of: id).template.spec.containers {
            context.record(.normal, "Started", cluster.reference(pod: id), node: nodeName, "Started container \(container.name)")
        }
        if let runDuration = spec.template.runDuration {
            let duration = runDuration.draw(&runDurations)
            exitDue[id] = context.now + duration
            schedule(.exited(id), at: context.now + duration, phase: .kubelet, in: context)
        }
    }

    /// The containers of a pod with a run duration exit: with success, or — with the template's
    /// failure probability — with an error. What follows is the pod's `restartPolicy`: Never ends
    /// the pod Succeeded or Failed; OnFailure ends it Succeeded, or restarts the container after its
    /// back-off; Always restarts it either way.
    private func containersExited(_ id: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        guard exitDue[id] == context.now else { return }
        exitDue[id] = nil
        guard cluster.pods.contains(id), cluster.pods[id].isActive, cluster.pods[id].phase == .running, kubeletRuns(for: id, in: cluster),
            !isWaitingToRestart(id)
        else { return }
        let template = cluster.spec(of: id).template
        let failed = template.failureProbability > 0 && exits.nextDouble() < template.failureProbability
        switch template.spec.restartPolicy {
        case .never: cluster.finish(id, failed ? .failed : .succeeded, at: context.now)
        case .onFailure:
            if failed { containerCrashed(id, in: context) } else { cluster.finish(id, .succeeded, at: context.now) }
        case .always: containerCrashed(id, in: context)
        }
    }

    /// The readiness probes passed.
    private func markReady(_ id: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.pods.contains(id), cluster.pods[id].isActive, cluster.pods[id].phase == .running, kubeletRuns(for: id, in: cluster) else {
            return
        }
        cluster.setReady(id, true, at: context.now)
    }

    /// A pod created with `spec.nodeName` bypasses the scheduler: the named node's kubelet admits it
    /// if its resources fit (binding it), or rejects it with phase Failed and an `OutOf<resource>`
    /// event, as kubelet admission does. A pod naming a node that does not exist stays pending.
    private func admitPodNamingNode(_ id: PodID, nodeName: String, in context: ControllerContext) {
        let cluster = context.cluster
        guard let node = cluster.node(named: nodeName) else { return }
        let shortfalls = NodeResourcesFit.shortfalls(of: cluster.spec(of: id).requests, on: node, in: cluster.nodes)
        guard let first = shortfalls.first else {
            cluster.bind(id, to: node, at: context.now)
            return
        }
        let resource: String
        switch first {
        case .tooManyPods: resource = ResourceName.pods
        case .insufficient(let name): resource = name
        default: resource = ""
        }
        cluster.markFailed(id)
        context.record(
            .warning, "OutOf\(resource)", cluster.reference(pod: id), node: nodeName,
            "Pod was rejected: Node didn't have enough resource: \(resource)")
    }

    // MARK: Terminating

    /// A bound pod is being deleted: `Killing` events, removal when its grace period ends. On a
    /// node without a running kubelet the pod stays Terminating until the node comes back or is
    /// deleted.
    private func beginTermination(_ id: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        guard kubeletRuns(for: id, in: cluster) else { return }
        let pod = cluster.pods[id]
        if pod.phase == .running, let node = pod.node {
            let nodeName = cluster.nodes.names[Int(node)]
            for container in cluster.spec(of: id).template.spec.containers {
                context.record(.normal, "Killing", cluster.reference(pod: id), node: nodeName, "Stopping container \(container.name)")
            }
        }
        let grace = pod.deletionGracePeriod ?? cluster.spec(of: id).gracePeriod
        schedule(.termination(id), at: context.now + grace, phase: .kubelet, in: context)
    }

    /// The grace period is over: the pod is gone and its resources are free.
    private func finishTermination(_ id: PodID, in context: ControllerContext) {
        guard context.cluster.pods.contains(id), kubeletRuns(for: id, in: context.cluster) else { return }
        context.cluster.remove(id)
    }

    // MARK: Machines coming back

    /// The machine is back: the kubelet posts Ready, pods deleted meanwhile finish terminating,
    /// and the others start again — after a crash their containers restart; after a partition
    /// they were running all along and are Ready again at once.
    private func machineCameBack(_ node: NodeID, crashed: Bool, in context: ControllerContext) {
        let cluster = context.cluster
        let n = Int(node)
        guard cluster.nodes.exists[n] else { return }
        if !cluster.nodes.ready[n] {
            cluster.setReady(true, of: node, at: context.now)
            context.record(
                .normal, "NodeReady", cluster.reference(node: node), node: cluster.nodes.names[n],
                "Node \(cluster.nodes.names[n]) status is now: NodeReady")
        }
        for pod in cluster.nodes.pods[n] {
            if cluster.pods[pod].deletedAt != nil {
                schedule(.termination(pod), at: context.now, phase: .kubelet, in: context)
            } else if crashed || cluster.pods[pod].phase == .pending {
                restartContainers(pod, in: context)
            } else if cluster.pods[pod].phase == .running {
                cluster.setReady(pod, true, at: context.now)
            }
        }
    }

    // MARK: Crashing containers

    /// True while a crashed container of the pod waits out its back-off.
    func isWaitingToRestart(_ pod: PodID) -> Bool {
        crashLoops[pod]?.restartPending == true
    }

    /// A running container of the pod crashes: the pod is not Ready, and the kubelet restarts it
    /// after its back-off (a `BackOff` event while it waits).
    func containerCrashed(_ pod: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        let now = context.now
        var loop = crashLoops[pod] ?? CrashLoop(crashes: 0, lastRestart: now)
        if now - loop.lastRestart > Self.backOffReset { loop.crashes = 0 }
        loop.crashes += 1
        loop.restartPending = true
        crashLoops[pod] = loop
        cluster.setReady(pod, false, at: now)
        let delay = Self.restartBackOff(crashes: loop.crashes)
        if delay > 0 {
            let container = cluster.spec(of: pod).template.spec.containers.first?.name ?? ""
            context.record(
                .warning, "BackOff", cluster.reference(pod: pod), node: cluster.nodeName(of: pod),
                "Back-off restarting failed container \(container) in pod \(cluster.pods[pod].name)_\(cluster.symbols[cluster.pods[pod].namespace])(\(cluster.pods[pod].uid))"
            )
        }
        schedule(.containerRestart(pod), at: now + delay, phase: .kubelet, in: context)
    }

    /// The back-off is over: the kubelet restarts the crashed container.
    private func restartCrashedContainer(_ pod: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        crashLoops[pod]?.restartPending = false
        guard cluster.pods.contains(pod), cluster.pods[pod].isActive, let node = cluster.pods[pod].node, cluster.nodes.health[Int(node)].isUp else {
            return
        }
        cluster.recordRestart(pod)
        crashLoops[pod]?.lastRestart = context.now
        schedule(.startup(pod), at: context.now, phase: .kubelet, in: context)
    }
}
