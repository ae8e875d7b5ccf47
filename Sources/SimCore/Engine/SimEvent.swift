/// The controllers that reconcile from a work queue.
enum ControllerKind: Int, CaseIterable {
    case deployment
    case replicaSet
}

/// Everything that can happen at an instant. Events are small values dispatched by a switch, not
/// closures, so the queue stays a flat array and the main loop allocates nothing per event.
enum SimEvent {
    /// The end of `run(until:)`.
    case stop
    /// Sample the time series.
    case sampleMetrics
    /// Run scheduling cycles until activeQ is empty.
    case schedulingCycle
    /// The scheduler's 1 s backoffQ flush.
    case flushBackoffQueue
    /// The scheduler's 30 s unschedulable-pods flush.
    case flushUnschedulablePods
    /// The kubelet finished starting a pod's containers.
    case podStartup(PodID)
    /// A terminating pod's grace period ended; its resources are released.
    case podTermination(PodID)
    /// A controller drains its work queue.
    case syncController(ControllerKind)
    /// A ReplicaSet re-checks availability after `minReadySeconds`.
    case resyncReplicaSet(ReplicaSetID)
    /// A Deployment re-checks its progress deadline.
    case resyncDeployment(DeploymentID)
    /// A pod's readiness probe first succeeds.
    case podReady(PodID)
    /// The scenario's timeline event at this index happens.
    case timeline(Int)
    /// The traffic model's tick: integrate, scrape metrics, draw noise, recompute the rates.
    case trafficTick
    /// The rate shape of the traffic source at this index has a corner (or the source starts).
    case trafficCorner(Int)
    /// The traffic rates that changes of rates, endpoints or nodes touch are recomputed.
    case trafficUpdate
    /// The HPA controller reconciles every HPA.
    case autoscalerSync
    /// The node lifecycle controller's health check of every node.
    case nodeMonitor
    /// The node lifecycle controller taints queued nodes NoExecute, as its rate limits allow.
    case nodeTaintingPass
    /// The taint eviction controller deletes a pod whose toleration ran out.
    case taintEviction(PodID)
    /// The scenario's fault at this index begins.
    case faultStart(Int)
    /// The fault at this index ends (a node comes back, a drained node is uncordoned).
    case faultEnd(Int)
    /// One failure or repair of a random-failures fault.
    case nodeFailure(fault: Int, node: NodeID)
    case nodeRepair(fault: Int, node: NodeID)
    /// A spot node's notice is over.
    case spotTermination(fault: Int, node: NodeID)
    /// A drain retries its refused evictions.
    case drainRetry(Int)
    /// A container of the fault's workload crashes.
    case containerCrash(Int)
    /// The kubelet restarts a crashed container.
    case containerRestart(PodID)
}
