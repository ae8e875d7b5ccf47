/// The scheduler's part of the run loop: feeding the queue, running cycles, binding, and the
/// queue's periodic flushes.
extension Simulation {
    /// A new unbound pod: a pod naming its node goes straight to that node's kubelet (the
    /// scheduler never sees it, as upstream); others join the queue of the profile they ask for.
    /// A pod whose scheduler no profile provides stays pending, as it would in a real cluster.
    func podNeedsNode(_ id: PodID) {
        let pod = cluster.pods[id]
        guard pod.node == nil, pod.isActive else { return }
        let spec = cluster.spec(of: id)
        if let nodeName = spec.nodeName, !nodeName.isEmpty {
            admitPodNamingNode(id, nodeName: nodeName)
        } else if scheduler.handles(schedulerName: spec.schedulerName), scheduler.preEnqueueBlock(spec) == nil {
            scheduler.queue.add(id, priority: spec.priority, now: now)
            ensureSchedulingCycle()
        }
    }

    private func ensureSchedulingCycle() {
        guard !schedulingCyclePending, scheduler.queue.activeCount > 0 else { return }
        schedulingCyclePending = true
        queue.schedule(.schedulingCycle, at: now, phase: .scheduler)
    }

    /// Runs one cycle per pod in activeQ, highest priority first.
    func runSchedulingCycles() {
        schedulingCyclePending = false
        while let id = scheduler.queue.popActive() {
            guard cluster.pods.contains(id), cluster.pods[id].node == nil, cluster.pods[id].isActive else { continue }
            cluster.recordSchedulingAttempt(id)
            switch scheduler.schedule(id, cluster: cluster, at: now) {
            case .bind(let node):
                bind(id, to: node)
            case .unschedulable(let message, let rejectedBy, let preemption):
                record(.warning, "FailedScheduling", reference(pod: id), message)
                scheduler.queue.addUnschedulable(id, rejectedBy: rejectedBy, now: now)
                if let preemption { carryOut(preemption, for: id) }
                ensureQueueFlushes()
            }
        }
    }

    /// Binds and records the `Scheduled` event and the placement row.
    private func bind(_ id: PodID, to node: NodeID) {
        cluster.bind(id, to: node, at: now)
        recorder.podsScheduled += 1
        let pod = cluster.pods[id]
        let nodeName = cluster.nodes.names[Int(node)]
        let podName = cluster.qualifiedName(of: id)
        record(.normal, "Scheduled", reference(pod: id), node: nodeName, "Successfully assigned \(podName) to \(nodeName)")
        recorder.placements.append(PlacementRecord(time: now, pod: podName, node: nodeName, workload: topOwner(of: id).path,
                                                   attempts: pod.schedulingAttempts, wait: now - pod.createdAt))
    }

    /// DefaultPreemption's `prepareCandidate`: delete the victims (gracefully, marked as
    /// preempted, with a `Preempted` event each), clear lower-priority nominations to the node
    /// (those pods go back to the queue to look elsewhere) and nominate the preemptor.
    private func carryOut(_ preemption: Preemption, for preemptor: PodID) {
        let nodeName = cluster.nodes.names[Int(preemption.node)]
        let preemptorName = cluster.qualifiedName(of: preemptor)
        for victim in preemption.victims where cluster.pods.contains(victim) {
            record(.normal, "Preempted", reference(pod: victim), node: nodeName, "Preempted by pod \(preemptorName) on node \(nodeName)")
            recorder.podsPreempted += 1
            cluster.markDisrupted(victim, .preemption)
            cluster.beginDeletion(victim, at: now)
        }
        for pod in preemption.clearedNominations {
            cluster.nominate(pod, to: nil)
            scheduler.queue.requeue(pod, now: now, attempts: attempts(of:), priority: priority(of:))
        }
        cluster.nominate(preemptor, to: preemption.node)
        ensureSchedulingCycle()
    }

    /// A cluster event moves the unschedulable pods it may help.
    func requeueUnschedulablePods(on event: QueueingEvent) {
        guard scheduler.queue.hasUnschedulable else { return }
        scheduler.queue.move(on: event, now: now, attempts: attempts(of:), priority: priority(of:))
        ensureSchedulingCycle()
        ensureQueueFlushes()
    }

    private func attempts(of pod: PodID) -> Int32 { cluster.pods[pod].schedulingAttempts }
    private func priority(of pod: PodID) -> Int32 { cluster.spec(of: pod).priority }

    /// Keeps the 1 s and 30 s flush ticks running while they have work, aligned to whole periods
    /// since the start as upstream's tickers are.
    private func ensureQueueFlushes() {
        if !backoffFlushPending, scheduler.queue.backoffCount > 0 {
            backoffFlushPending = true
            queue.schedule(.flushBackoffQueue, at: nextTick(SchedulingQueue.backoffFlushPeriod), phase: .scheduler)
        }
        if !unschedulableFlushPending, scheduler.queue.hasUnschedulable {
            unschedulableFlushPending = true
            queue.schedule(.flushUnschedulablePods, at: nextTick(SchedulingQueue.unschedulableFlushPeriod), phase: .scheduler)
        }
    }

    private func nextTick(_ period: SimTime) -> SimTime { (now / period + 1) * period }

    func flushBackoffQueue() {
        backoffFlushPending = false
        scheduler.queue.flushBackoffCompleted(now: now)
        ensureSchedulingCycle()
        ensureQueueFlushes()
    }

    func flushUnschedulablePods() {
        unschedulableFlushPending = false
        scheduler.queue.flushLongUnschedulable(now: now, attempts: attempts(of:), priority: priority(of:))
        ensureSchedulingCycle()
        ensureQueueFlushes()
    }
}
