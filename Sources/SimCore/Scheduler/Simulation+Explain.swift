/// `kubesim explain`: one pod's scheduling attempt, node by node.
extension Simulation {
    /// Runs until the pod `namespace/name` has gone through a scheduling cycle at or after `time`
    /// and returns that cycle's explanation; if it has none by the end of the run, the last one
    /// before `time`; nil if the pod was never scheduled by kubesim's scheduler.
    public func explain(namespace: String, name: String, at time: SimTime = 0) -> SchedulingExplanation? {
        controllers.scheduler.scheduler.explainedPod = (cluster.symbols.intern(namespace), name)
        let step = max(setup.metricsInterval, Millis.second)
        while now < setup.duration, !controllers.scheduler.scheduler.explanations.contains(where: { $0.time >= time }) {
            run(until: min(now + step, setup.duration))
        }
        return controllers.scheduler.scheduler.explanations.first { $0.time >= time } ?? controllers.scheduler.scheduler.explanations.last
    }
}
