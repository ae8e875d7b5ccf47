/// Containers crashing at random, for `containerCrashes` faults: the injector picks the pod, the
/// kubelet does the rest.
extension FaultStep {
    // MARK: Crashing containers

    /// Draws the time of the workload's next container crash: each running pod crashes at rate
    /// 1/mtbf, so the workload at rate (running pods)/mtbf.
    func scheduleNextCrash(_ index: Int, mtbf: SimTime, target: WorkloadReference) {
        let running = activePods(of: target).filter { isServing($0) && !injector.kubelet.isWaitingToRestart($0) }.count
        let mean = running > 0 ? mtbf / SimTime(running) : mtbf
        let at = now + FaultState.exponential(mean: max(mean, 1), random: &state.streams[index])
        var end = injector.end
        if case .containerCrashes(_, _, let until?) = injector.specs[index].action { end = min(end, until) }
        if at <= end { injector.schedule(.containerCrash(index), at: at, phase: .kubelet, in: context) }
    }

    /// A running container of the workload crashes, chosen at random; the kubelet restarts it
    /// after its back-off.
    func crashContainer(_ index: Int) {
        guard case .containerCrashes(let target, let mtbf, _) = injector.specs[index].action else { return }
        defer { scheduleNextCrash(index, mtbf: mtbf, target: target) }
        let running = activePods(of: target).filter { isServing($0) && !injector.kubelet.isWaitingToRestart($0) }
        guard !running.isEmpty else { return }
        let pod = running[state.streams[index].nextInt(below: running.count)]
        injector.kubelet.containerCrashed(pod, in: context)
    }

    /// A Running pod on a machine that is up.
    private func isServing(_ pod: PodID) -> Bool {
        guard cluster.pods[pod].phase == .running, let node = cluster.pods[pod].node else { return false }
        return cluster.nodes.health[Int(node)].isUp
    }
}
