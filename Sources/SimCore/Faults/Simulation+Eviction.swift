/// The eviction API and `kubectl drain`: evictions that would take a PodDisruptionBudget below
/// its minimum are refused, and the drain retries them every 5 s until the replacements are
/// Ready elsewhere.
extension Simulation {
    /// `kubectl drain`'s wait between refused evictions.
    static let drainRetryInterval: SimTime = 5 * Millis.second

    /// Why the eviction subresource refused a pod.
    enum EvictionRefusal {
        /// A budget has no disruption to spare.
        case budget
        /// More than one budget covers the pod.
        case multipleBudgets

        var message: String {
            switch self {
            case .budget: "Cannot evict pod as it would violate the pod's disruption budget."
            case .multipleBudgets: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
            }
        }
    }

    /// The eviction subresource, as upstream's: a pod that is Pending, Succeeded or Failed, or
    /// already terminating, goes without looking at budgets; a pod covered by more than one budget is refused; else
    /// the pod goes unless its budget has no disruption to spare. A pod that is not Ready may
    /// go while the budget is met (upstream's default `IfHealthyBudget` policy). Returns the
    /// refusal, or nil once the pod is being deleted.
    func evict(_ pod: PodID) -> EvictionRefusal? {
        let phase = cluster.pods[pod].phase
        if phase != .pending && phase != .succeeded && phase != .failed && cluster.pods[pod].deletedAt == nil {
            let budgets = cluster.disruptionBudgets.filter { cluster.budget($0, covers: pod) }
            if budgets.count > 1 { return .multipleBudgets }
            if let budget = budgets.first {
                let health = cluster.budgetHealth(budget)
                let spareUnhealthy = !cluster.pods[pod].isReady && health.current >= health.desired && health.desired > 0
                if !spareUnhealthy && health.disruptionsAllowed <= 0 { return .budget }
            }
        }
        recorder.podsEvicted += 1
        cluster.markDisrupted(pod, .eviction)
        cluster.beginDeletion(pod, at: now)
        return nil
    }

    /// Cordons the node (with the kubelet's `NodeNotSchedulable` event) and starts evicting its
    /// pods. Without `force`, a pod no controller owns stops the drain before any eviction, as
    /// `kubectl drain` refuses to delete it.
    func startDrain(_ node: NodeID, force: Bool, record recordIndex: Int) {
        let name = cluster.nodes.names[Int(node)]
        if !cluster.nodes.unschedulable[Int(node)] {
            cluster.setUnschedulable(true, of: node)
            // The event comes from the node's kubelet, which a dead machine cannot send.
            if cluster.nodes.health[Int(node)].isUp {
                record(.normal, "NodeNotSchedulable", reference(node: node), node: name, "Node \(name) status is now: NodeNotSchedulable")
            }
        }
        let bare = cluster.nodes.pods[Int(node)].filter { cluster.pods[$0].owner == nil && cluster.pods[$0].deletedAt == nil }
        if !force && !bare.isEmpty {
            record(.warning, "NodeDrainFailed", reference(node: node), node: name,
                   "cannot delete Pods that declare no controller (use --force to override): "
                       + bare.map { cluster.qualifiedName(of: $0) }.joined(separator: ", "))
            return
        }
        faults.drains.append(FaultState.Drain(node: node, force: force, record: recordIndex))
        record(.normal, "NodeDrain", reference(node: node), node: name, "Draining node \(name)")
        drainStep(faults.drains.count - 1)
    }

    /// One round of a drain: evict every pod still on the node; retry the refused ones later.
    func drainStep(_ index: Int) {
        guard !faults.drains[index].done else { return }
        let node = faults.drains[index].node
        guard cluster.nodes.exists[Int(node)] else {
            faults.drains[index].done = true
            return
        }
        var refused = false
        for pod in cluster.nodes.pods[Int(node)] where cluster.pods[pod].deletedAt == nil {
            guard let refusal = evict(pod) else { continue }
            refused = true
            if !faults.drains[index].blocked.contains(pod) {
                faults.drains[index].blocked.append(pod)
                record(.warning, "EvictionBlocked", reference(pod: pod), node: cluster.nodes.names[Int(node)], refusal.message)
            }
        }
        if refused { queue.schedule(.drainRetry(index), at: now + Self.drainRetryInterval, phase: .infrastructure) }
        checkDrainDone(index)
    }

    /// A drain is done once no pod is left on the node.
    func checkDrainDone(_ index: Int) {
        let node = faults.drains[index].node
        guard !faults.drains[index].done, cluster.nodes.pods[Int(node)].isEmpty else { return }
        faults.drains[index].done = true
        let name = cluster.nodes.names[Int(node)]
        record(.normal, "NodeDrained", reference(node: node), node: name, "Node \(name) drained")
    }

    // MARK: Crashing containers

    /// Draws the time of the workload's next container crash: each running pod crashes at rate
    /// 1/mtbf, so the workload at rate (running pods)/mtbf.
    func scheduleNextCrash(_ index: Int, mtbf: SimTime, target: WorkloadReference) {
        let running = activePods(of: target).filter { isServing($0) && faults.crashLoops[$0]?.restartPending != true }.count
        let mean = running > 0 ? mtbf / SimTime(running) : mtbf
        let at = now + FaultState.exponential(mean: max(mean, 1), random: &faults.streams[index]!)
        var end = setup.duration
        if case .containerCrashes(_, _, let until?) = setup.faults[index].action { end = min(end, until) }
        if at <= end { queue.schedule(.containerCrash(index), at: at, phase: .kubelet) }
    }

    /// A running container of the workload crashes: the pod is not Ready, and the kubelet
    /// restarts it after its back-off (a `BackOff` event while it waits).
    func crashContainer(_ index: Int) {
        guard case .containerCrashes(let target, let mtbf, _) = setup.faults[index].action else { return }
        defer { scheduleNextCrash(index, mtbf: mtbf, target: target) }
        let running = activePods(of: target).filter { isServing($0) && faults.crashLoops[$0]?.restartPending != true }
        guard !running.isEmpty else { return }
        let pod = running[faults.streams[index]!.nextInt(below: running.count)]
        var loop = faults.crashLoops[pod] ?? FaultState.CrashLoop(crashes: 0, lastRestart: now)
        if now - loop.lastRestart > FaultState.backOffReset { loop.crashes = 0 }
        loop.crashes += 1
        loop.restartPending = true
        faults.crashLoops[pod] = loop
        cluster.setReady(pod, false, at: now)
        let delay = FaultState.restartBackOff(crashes: loop.crashes)
        if delay > 0 {
            let container = cluster.spec(of: pod).template.spec.containers.first?.name ?? ""
            record(.warning, "BackOff", reference(pod: pod), node: nodeName(of: pod),
                   "Back-off restarting failed container \(container) in pod \(cluster.pods[pod].name)_\(cluster.symbols[cluster.pods[pod].namespace])(\(cluster.pods[pod].uid))")
        }
        queue.schedule(.containerRestart(pod), at: now + delay, phase: .kubelet)
    }

    /// The kubelet restarts a crashed container.
    func restartCrashedContainer(_ pod: PodID) {
        faults.crashLoops[pod]?.restartPending = false
        guard cluster.pods.contains(pod), cluster.pods[pod].isActive, let node = cluster.pods[pod].node, cluster.nodes.health[Int(node)].isUp else { return }
        cluster.recordRestart(pod)
        faults.crashLoops[pod]?.lastRestart = now
        queue.schedule(.podStartup(pod), at: now, phase: .kubelet)
    }

    /// A Running pod on a machine that is up.
    private func isServing(_ pod: PodID) -> Bool {
        guard cluster.pods[pod].phase == .running, let node = cluster.pods[pod].node else { return false }
        return cluster.nodes.health[Int(node)].isUp
    }
}
