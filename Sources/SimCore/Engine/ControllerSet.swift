/// The controllers of one simulation, and the one place they are registered.
///
/// Each is a concrete stored property, called directly: a change goes to each controller whose
/// `watches` include its kind, in the order the properties are listed here, and each timer goes
/// to the controller whose `SimEvent` case carries it. Adding a controller is a file of its own
/// plus a property, a line in `deliver` and a line in `dispatch` here, and a case of `SimEvent`.
///
/// The delivery order is part of the behaviour (it decides the order of same-instant timers and
/// events): the metrics recorder first, then the kubelet, which posts what it sees before the
/// node lifecycle controller reacts, then the taint eviction controller, the scheduler, traffic,
/// fault injection, and the workload controllers last (ReplicaSet, Deployment, DaemonSet,
/// StatefulSet, Job, CronJob).
final class ControllerSet {
    let metrics: MetricsRecorder
    let kubelet: Kubelet
    let nodeLifecycle: NodeLifecycleController
    let taintEviction: TaintEvictionController
    let scheduler: SchedulerService
    let traffic: TrafficService
    let faults: FaultInjector
    let replicaSets: ReplicaSetController
    let deployments: DeploymentController
    let daemonSets: DaemonSetController
    let statefulSets: StatefulSetController
    let jobs: JobController
    let cronJobs: CronJobController
    let autoscalers: HorizontalPodAutoscalerController
    let timeline: ScenarioTimeline

    init(_ setup: SimulationSetup, symbols: SymbolTable) {
        let poolNames = setup.nodePools.map(\.name)
        let metricsServer = MetricsServer(resolution: max(setup.metricsResolution, Millis.second))
        kubelet = Kubelet(nodePools: setup.nodePools, seed: setup.seed)
        nodeLifecycle = NodeLifecycleController(seed: setup.seed)
        taintEviction = TaintEvictionController()
        scheduler = SchedulerService(configuration: setup.scheduler, seed: setup.seed, symbols: symbols)
        traffic = TrafficService(metricsServer: metricsServer, end: setup.duration)
        faults = FaultInjector(specs: setup.faults, seed: setup.seed, end: setup.duration, poolNames: poolNames, kubelet: kubelet)
        replicaSets = ReplicaSetController(seed: setup.seed)
        deployments = DeploymentController()
        daemonSets = DaemonSetController(seed: setup.seed)
        statefulSets = StatefulSetController()
        jobs = JobController(seed: setup.seed)
        cronJobs = CronJobController(startTime: setup.startTime)
        autoscalers = HorizontalPodAutoscalerController(metricsServer: metricsServer, end: setup.duration)
        timeline = ScenarioTimeline(setup.timeline)
        metrics = MetricsRecorder(
            interval: setup.metricsInterval, end: setup.duration, poolNames: poolNames, traffic: traffic,
            autoscalers: autoscalers)
    }

    /// Hands a change to every controller that watches its kind.
    func deliver(_ change: ClusterChange, in context: ControllerContext) {
        let kind = change.kind
        deliver(change, kind, to: metrics, context)
        deliver(change, kind, to: kubelet, context)
        deliver(change, kind, to: nodeLifecycle, context)
        deliver(change, kind, to: taintEviction, context)
        deliver(change, kind, to: scheduler, context)
        deliver(change, kind, to: traffic, context)
        deliver(change, kind, to: faults, context)
        deliver(change, kind, to: replicaSets, context)
        deliver(change, kind, to: deployments, context)
        deliver(change, kind, to: daemonSets, context)
        deliver(change, kind, to: statefulSets, context)
        deliver(change, kind, to: jobs, context)
        deliver(change, kind, to: cronJobs, context)
        deliver(change, kind, to: autoscalers, context)
        deliver(change, kind, to: timeline, context)
    }

    @inline(__always)
    private func deliver<C: Controller>(_ change: ClusterChange, _ kind: ChangeKinds, to controller: C, _ context: ControllerContext) {
        if C.watches.contains(kind) { controller.observe(change, in: context) }
    }

    /// Hands a due timer to its controller.
    func dispatch(_ event: SimEvent, in context: ControllerContext) {
        switch event {
        case .stop: break
        case .metrics(let timer): metrics.fire(timer, in: context)
        case .kubelet(let timer): kubelet.fire(timer, in: context)
        case .nodeLifecycle(let timer): nodeLifecycle.fire(timer, in: context)
        case .taintEviction(let timer): taintEviction.fire(timer, in: context)
        case .scheduler(let timer): scheduler.fire(timer, in: context)
        case .traffic(let timer): traffic.fire(timer, in: context)
        case .faults(let timer): faults.fire(timer, in: context)
        case .replicaSets(let timer): replicaSets.fire(timer, in: context)
        case .deployments(let timer): deployments.fire(timer, in: context)
        case .daemonSets(let timer): daemonSets.fire(timer, in: context)
        case .statefulSets(let timer): statefulSets.fire(timer, in: context)
        case .jobs(let timer): jobs.fire(timer, in: context)
        case .cronJobs(let timer): cronJobs.fire(timer, in: context)
        case .autoscalers(let timer): autoscalers.fire(timer, in: context)
        case .timeline(let timer): timeline.fire(timer, in: context)
        }
    }
}
