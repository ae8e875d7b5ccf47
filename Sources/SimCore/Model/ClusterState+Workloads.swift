/// What faults, the HPA, disruption budgets, recovery and the outputs need to know of a workload,
/// whatever its kind. Each kind answers here, in one switch per question, so that a new kind of
/// workload adds a case to this file rather than a branch to every place that reads workloads.
extension ClusterState {
    /// The workload of this kind, namespace and name, if it exists.
    public func workload(_ kind: WorkloadKind, namespace: String, name: String) -> WorkloadRef? {
        switch kind {
        case .deployment: deployment(namespace: namespace, name: name).map(WorkloadRef.deployment)
        case .replicaSet: replicaSet(namespace: namespace, name: name).map(WorkloadRef.replicaSet)
        case .daemonSet, .statefulSet, .job, .cronJob: workloadIndex[kind.name + "/" + namespace + "/" + name]
        }
    }

    /// The workload a scenario names, if it exists.
    public func workload(_ reference: WorkloadReference) -> WorkloadRef? {
        workload(reference.kind, namespace: reference.namespace, name: reference.name)
    }

    /// False once the workload has been deleted.
    public func exists(_ workload: WorkloadRef) -> Bool { deletedAt(of: workload) == nil }

    /// When the workload was deleted, if it was.
    public func deletedAt(of workload: WorkloadRef) -> SimTime? {
        switch workload {
        case .deployment(let id): deployments[id].deletedAt
        case .replicaSet(let id): replicaSets[id].deletedAt
        case .daemonSet(let id): daemonSets[id].deletedAt
        case .statefulSet(let id): statefulSets[id].deletedAt
        case .job(let id): jobs[id].deletedAt
        case .cronJob(let id): cronJobs[id].deletedAt
        }
    }

    /// The workload as events and outputs name it.
    public func reference(_ workload: WorkloadRef) -> ObjectReference {
        switch workload {
        case .deployment(let id): reference(deployment: id)
        case .replicaSet(let id): reference(replicaSet: id)
        case .daemonSet(let id): ObjectReference(kind: workload.kind.name, namespace: symbols[daemonSets[id].namespace], name: daemonSets[id].name)
        case .statefulSet(let id):
            ObjectReference(kind: workload.kind.name, namespace: symbols[statefulSets[id].namespace], name: statefulSets[id].name)
        case .job(let id): ObjectReference(kind: workload.kind.name, namespace: symbols[jobs[id].namespace], name: jobs[id].name)
        case .cronJob(let id):
            ObjectReference(kind: workload.kind.name, namespace: symbols[cronJobs[id].namespace], name: cronJobs[id].name)
        }
    }

    /// Existing workloads that no other workload owns — Deployments, ReplicaSets without a
    /// Deployment, DaemonSets, StatefulSets, Jobs without a CronJob, then CronJobs — each kind in
    /// creation order: the workloads outputs report and recovery waits for.
    public var topLevelWorkloads: [WorkloadRef] {
        var result: [WorkloadRef] = []
        for id in deployments.indices where deployments[id].deletedAt == nil { result.append(.deployment(id)) }
        for id in replicaSets.indices where replicaSets[id].owner == nil && replicaSets[id].deletedAt == nil {
            result.append(.replicaSet(id))
        }
        for id in daemonSets.indices where daemonSets[id].deletedAt == nil { result.append(.daemonSet(id)) }
        for id in statefulSets.indices where statefulSets[id].deletedAt == nil { result.append(.statefulSet(id)) }
        for id in jobs.indices where jobs[id].cronJob == nil && jobs[id].deletedAt == nil { result.append(.job(id)) }
        for id in cronJobs.indices where cronJobs[id].deletedAt == nil { result.append(.cronJob(id)) }
        return result
    }

    /// The workload at the top of a pod's owners: its ReplicaSet's Deployment, or its ReplicaSet;
    /// its Job's CronJob, or its Job; nil for a pod no controller owns.
    public func topLevelWorkload(of pod: PodID) -> WorkloadRef? {
        switch pods[pod].owner {
        case .replicaSet(let replicaSet)?: replicaSets[replicaSet].owner.map(WorkloadRef.deployment) ?? .replicaSet(replicaSet)
        case .daemonSet(let id)?: .daemonSet(id)
        case .statefulSet(let id)?: .statefulSet(id)
        case .job(let id)?: jobs[id].cronJob.map(WorkloadRef.cronJob) ?? .job(id)
        case nil: nil
        }
    }

    /// The workload's pods that are active (neither finished nor being deleted), in handle order.
    public func activePods(of workload: WorkloadRef) -> [PodID] {
        let owned: [PodID]
        switch workload {
        case .deployment(let id): owned = deployments[id].replicaSets.flatMap { replicaSets[$0].pods }
        case .replicaSet(let id): owned = replicaSets[id].pods
        case .daemonSet(let id): owned = daemonSets[id].pods
        case .statefulSet(let id): owned = statefulSets[id].pods
        case .job(let id): owned = jobs[id].pods
        case .cronJob(let id): owned = runningJobs(of: id).flatMap { jobs[$0].pods }
        }
        return owned.filter { pods[$0].isActive }.sorted()
    }

    /// A CronJob's Jobs in its `status.active` that still exist: those whose pods it answers for.
    private func runningJobs(of id: CronJobID) -> [JobID] {
        cronJobs[id].status.active.filter { jobs[$0].deletedAt == nil }
    }

    /// The sum of `count` over a CronJob's running Jobs.
    private func sum(over id: CronJobID, _ count: (WorkloadRef) -> Int32) -> Int32 {
        runningJobs(of: id).reduce(Int32(0)) { $0 + count(.job($1)) }
    }

    /// The replicas the workload's spec asks for: a DaemonSet's nodes that should run its pod, a
    /// Job's pods it wants running now (0 once it has finished), the sum of that over a CronJob's
    /// running Jobs.
    public func desiredReplicas(of workload: WorkloadRef) -> Int32 {
        switch workload {
        case .deployment(let id): deployments[id].spec.replicas
        case .replicaSet(let id): replicaSets[id].replicas
        case .daemonSet(let id): daemonSets[id].status.desiredNumberScheduled
        case .statefulSet(let id): statefulSets[id].spec.replicas
        case .job(let id): jobs[id].isFinished ? 0 : jobs[id].status.active
        case .cronJob(let id): sum(over: id, desiredReplicas)
        }
    }

    /// The replicas the workload's status counts available (Ready for `minReadySeconds`); a
    /// Job's Ready pods, and those of a CronJob's running Jobs.
    public func availableReplicas(of workload: WorkloadRef) -> Int32 {
        switch workload {
        case .deployment(let id): deployments[id].status.availableReplicas
        case .replicaSet(let id): replicaSets[id].status.availableReplicas
        case .daemonSet(let id): daemonSets[id].status.numberAvailable
        case .statefulSet(let id): statefulSets[id].status.availableReplicas
        case .job(let id): jobs[id].isFinished ? 0 : jobs[id].status.ready
        case .cronJob(let id): sum(over: id, availableReplicas)
        }
    }

    /// The replicas the workload's status counts Ready (a Deployment's over its ReplicaSets).
    public func readyReplicas(of workload: WorkloadRef) -> Int32 {
        switch workload {
        case .deployment(let id):
            deployments[id].replicaSets.reduce(Int32(0)) { sum, replicaSet in
                replicaSets[replicaSet].deletedAt == nil ? sum + replicaSets[replicaSet].status.readyReplicas : sum
            }
        case .replicaSet(let id): replicaSets[id].status.readyReplicas
        case .daemonSet(let id): daemonSets[id].status.numberReady
        case .statefulSet(let id): statefulSets[id].status.readyReplicas
        case .job(let id): jobs[id].status.ready
        case .cronJob(let id): sum(over: id, readyReplicas)
        }
    }

    // MARK: The scale subresource

    /// The workload's `/scale` subresource, as the HPA and `kubectl scale` read it; nil for a kind
    /// without one.
    public func scale(of workload: WorkloadRef) -> Scale? {
        switch workload {
        case .deployment(let id):
            let deployment = deployments[id]
            return Scale(
                specReplicas: deployment.spec.replicas, statusReplicas: deployment.status.replicas,
                namespace: deployment.namespace, selector: deployment.selector)
        case .replicaSet(let id):
            let replicaSet = replicaSets[id]
            return Scale(
                specReplicas: replicaSet.replicas, statusReplicas: replicaSet.status.replicas,
                namespace: replicaSet.namespace, selector: replicaSet.selector)
        case .statefulSet(let id):
            let statefulSet = statefulSets[id]
            return Scale(
                specReplicas: statefulSet.spec.replicas, statusReplicas: statefulSet.status.replicas,
                namespace: statefulSet.namespace, selector: statefulSet.selector)
        case .daemonSet, .job, .cronJob:
            return nil
        }
    }

    /// Writes `scale.spec.replicas`, as the HPA and `kubectl scale` do.
    func setScale(of workload: WorkloadRef, to replicas: Int32) {
        switch workload {
        case .deployment(let id): updateDeployment(id) { $0.replicas = replicas }
        case .replicaSet(let id): scaleReplicaSet(id, to: replicas)
        case .statefulSet(let id): updateStatefulSet(id) { $0.replicas = replicas }
        case .daemonSet, .job, .cronJob: break
        }
    }
}

/// A workload's `/scale` subresource: desired and current replicas, and the pods it selects.
public struct Scale: Sendable {
    /// `spec.replicas`.
    public var specReplicas: Int32
    /// `status.replicas`.
    public var statusReplicas: Int32
    /// The namespace and `status.selector` of the pods it counts.
    public let namespace: Symbol
    public let selector: CompiledSelector
}
