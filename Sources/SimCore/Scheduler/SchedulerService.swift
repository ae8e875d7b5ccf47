/// kube-scheduler's loop around the scheduling cycle: feeding the queue from pod and node changes,
/// running cycles, binding, carrying out preemptions, and the queue's periodic flushes.
final class SchedulerService: Controller {
    enum Timer {
        /// Run scheduling cycles until activeQ is empty.
        case cycles
        /// The 1 s flush of pods whose backoff is over.
        case flushBackoff
        /// The 30 s flush of pods unschedulable for longer than 5 minutes.
        case flushUnschedulable
    }

    static let watches: ChangeKinds = [.nodeAdded, .nodeUpdated, .podAdded, .podBound, .podUpdated, .podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .scheduler(timer) }

    let scheduler: Scheduler
    private var cyclesPending = false
    private var backoffFlushPending = false
    private var unschedulableFlushPending = false

    init(configuration: SchedulerConfiguration, seed: UInt64, symbols: SymbolTable) {
        scheduler = Scheduler(configuration: configuration, random: RandomStream(seed: seed, name: "scheduler"), symbols: symbols)
    }

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        switch change {
        case .nodeAdded: requeueUnschedulablePods(on: .nodeAdded, in: context)
        case .nodeUpdated: requeueUnschedulablePods(on: .nodeUpdated, in: context)
        case .podAdded(let pod): podNeedsNode(pod, in: context)
        case .podBound: requeueUnschedulablePods(on: .assignedPodAdded, in: context)
        case .podUpdated(let pod):
            // kube-scheduler's pod informer selects `status.phase!=Succeeded,status.phase!=Failed`
            // (upstream's newPodInformer): to the scheduler a bound pod that finishes is deleted
            // then, and its resources free (AssignedPodDelete), not when the API removes it.
            let state = context.cluster.pods[pod]
            if state.node != nil, state.phase == .succeeded || state.phase == .failed {
                requeueUnschedulablePods(on: .assignedPodDeleted, in: context)
            }
        case .podRemoved(let removed):
            scheduler.queue.remove(removed.id)
            if removed.node != nil, !removed.finished { requeueUnschedulablePods(on: .assignedPodDeleted, in: context) }
        default: break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .cycles: runSchedulingCycles(in: context)
        case .flushBackoff: flushBackoffQueue(in: context)
        case .flushUnschedulable: flushUnschedulablePods(in: context)
        }
    }

    /// A new unbound pod joins the queue of the profile it asks for. A pod naming its node goes
    /// to that node's kubelet instead (the scheduler never sees it, as upstream), and a pod whose
    /// scheduler no profile provides stays pending, as it would in a real cluster.
    private func podNeedsNode(_ id: PodID, in context: ControllerContext) {
        let pod = context.cluster.pods[id]
        guard pod.node == nil, pod.isActive else { return }
        let spec = context.cluster.spec(of: id)
        guard spec.nodeName?.isEmpty ?? true else { return }
        if scheduler.handles(schedulerName: spec.schedulerName), scheduler.preEnqueueBlock(spec) == nil {
            scheduler.queue.add(id, priority: spec.priority, now: context.now)
            ensureSchedulingCycle(in: context)
        }
    }

    private func ensureSchedulingCycle(in context: ControllerContext) {
        guard !cyclesPending, scheduler.queue.activeCount > 0 else { return }
        cyclesPending = true
        schedule(.cycles, at: context.now, phase: .scheduler, in: context)
    }

    /// Runs one cycle per pod in activeQ, highest priority first.
    private func runSchedulingCycles(in context: ControllerContext) {
        let cluster = context.cluster
        cyclesPending = false
        while let id = scheduler.queue.popActive() {
            guard cluster.pods.contains(id), cluster.pods[id].node == nil, cluster.pods[id].isActive else { continue }
            cluster.recordSchedulingAttempt(id)
            switch scheduler.schedule(id, cluster: cluster, at: context.now) {
            case .bind(let node):
                if let failure = scheduler.reserveAndBind(id, to: node, cluster: cluster, at: context.now) {
                    failed(id, failure.message, rejectedBy: failure.rejectedBy, in: context)
                } else {
                    recordBinding(id, to: node, in: context)
                }
            case .unschedulable(let message, let rejectedBy, let preemption):
                failed(id, message, rejectedBy: rejectedBy, in: context)
                if let preemption { carryOut(preemption, for: id, in: context) }
            }
            ensureQueueFlushes(in: context)
        }
    }

    /// A pod the cycle could not place: the `FailedScheduling` event, and the unschedulable pool
    /// until one of `rejectedBy` happens.
    private func failed(_ id: PodID, _ message: String, rejectedBy: ClusterEvents, in context: ControllerContext) {
        context.record(.warning, "FailedScheduling", context.cluster.reference(pod: id), message)
        scheduler.queue.addUnschedulable(id, rejectedBy: rejectedBy, now: context.now)
    }

    /// Records the `Scheduled` event and the placement row of a pod just bound.
    private func recordBinding(_ id: PodID, to node: NodeID, in context: ControllerContext) {
        let cluster = context.cluster, now = context.now
        context.log.podsScheduled += 1
        let pod = cluster.pods[id]
        let nodeName = cluster.nodes.names[Int(node)]
        let podName = cluster.qualifiedName(of: id)
        context.record(.normal, "Scheduled", cluster.reference(pod: id), node: nodeName, "Successfully assigned \(podName) to \(nodeName)")
        context.log.placements.append(
            PlacementRecord(
                time: now, pod: podName, node: nodeName, workload: cluster.topOwnerReference(of: id).path,
                attempts: pod.schedulingAttempts, wait: now - pod.createdAt))
    }

    /// DefaultPreemption's `prepareCandidate`: delete the victims (gracefully, marked as
    /// preempted, with a `Preempted` event each), clear lower-priority nominations to the node
    /// (those pods go back to the queue to look elsewhere) and nominate the preemptor.
    private func carryOut(_ preemption: Preemption, for preemptor: PodID, in context: ControllerContext) {
        let cluster = context.cluster
        let nodeName = cluster.nodes.names[Int(preemption.node)]
        let preemptorName = cluster.qualifiedName(of: preemptor)
        for victim in preemption.victims where cluster.pods.contains(victim) {
            context.record(
                .normal, "Preempted", cluster.reference(pod: victim), node: nodeName, "Preempted by pod \(preemptorName) on node \(nodeName)")
            context.log.podsPreempted += 1
            cluster.markDisrupted(victim, .preemption)
            cluster.beginDeletion(victim, at: context.now)
        }
        for pod in preemption.clearedNominations {
            cluster.nominate(pod, to: nil)
            scheduler.queue.requeue(
                pod, now: context.now, attempts: { cluster.pods[$0].schedulingAttempts }, priority: { cluster.spec(of: $0).priority })
        }
        cluster.nominate(preemptor, to: preemption.node)
        ensureSchedulingCycle(in: context)
    }

    /// A cluster event moves the unschedulable pods it may help.
    private func requeueUnschedulablePods(on event: ClusterEvents, in context: ControllerContext) {
        guard scheduler.queue.hasUnschedulable else { return }
        let cluster = context.cluster
        scheduler.queue.move(
            on: event, now: context.now, attempts: { cluster.pods[$0].schedulingAttempts }, priority: { cluster.spec(of: $0).priority })
        ensureSchedulingCycle(in: context)
        ensureQueueFlushes(in: context)
    }

    /// Keeps the 1 s and 30 s flush ticks running while they have work, aligned to whole periods
    /// since the start as upstream's tickers are.
    private func ensureQueueFlushes(in context: ControllerContext) {
        if !backoffFlushPending, scheduler.queue.backoffCount > 0 {
            backoffFlushPending = true
            schedule(.flushBackoff, at: Self.nextTick(SchedulingQueue.backoffFlushPeriod, after: context.now), phase: .scheduler, in: context)
        }
        if !unschedulableFlushPending, scheduler.queue.hasUnschedulable {
            unschedulableFlushPending = true
            schedule(
                .flushUnschedulable, at: Self.nextTick(SchedulingQueue.unschedulableFlushPeriod, after: context.now), phase: .scheduler,
                in: context)
        }
    }

    private static func nextTick(_ period: SimTime, after now: SimTime) -> SimTime { (now / period + 1) * period }

    private func flushBackoffQueue(in context: ControllerContext) {
        backoffFlushPending = false
        scheduler.queue.flushBackoffCompleted(now: context.now)
        ensureSchedulingCycle(in: context)
        ensureQueueFlushes(in: context)
    }

    private func flushUnschedulablePods(in context: ControllerContext) {
        let cluster = context.cluster
        unschedulableFlushPending = false
        scheduler.queue.flushLongUnschedulable(
            now: context.now, attempts: { cluster.pods[$0].schedulingAttempts },
            priority: { cluster.spec(of: $0).priority })
        ensureSchedulingCycle(in: context)
        ensureQueueFlushes(in: context)
    }
}
