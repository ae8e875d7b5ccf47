/// Everything that can happen at an instant: the end of a `run(until:)`, or one controller's timer.
///
/// Events are small values dispatched by a switch (`ControllerSet.dispatch`), not closures, so the
/// queue stays a flat array and the run loop allocates nothing per event. Each controller's timers
/// are its own enum, carried by one case here.
enum SimEvent {
    /// The end of `run(until:)`.
    case stop
    case metrics(MetricsRecorder.Timer)
    case kubelet(Kubelet.Timer)
    case nodeLifecycle(NodeLifecycleController.Timer)
    case taintEviction(TaintEvictionController.Timer)
    case scheduler(SchedulerService.Timer)
    case traffic(TrafficService.Timer)
    case faults(FaultInjector.Timer)
    case replicaSets(ReconcilerTimer<ReplicaSetID>)
    case deployments(ReconcilerTimer<DeploymentID>)
    case daemonSets(ReconcilerTimer<DaemonSetID>)
    case statefulSets(ReconcilerTimer<StatefulSetID>)
    case jobs(ReconcilerTimer<JobID>)
    case cronJobs(ReconcilerTimer<CronJobID>)
    case autoscalers(HorizontalPodAutoscalerController.Timer)
    case timeline(ScenarioTimeline.Timer)
}
