/// The DaemonSets, StatefulSets, Jobs and CronJobs of the cluster, and which pods each owner holds.
///
/// These kinds share one name index (`Kind/namespace/name`) and one change
/// (`ClusterChange.workloadUpdated`) for their spec and status, which their controllers and the
/// metrics recorder watch.
extension ClusterState {
    // MARK: Owned pods

    /// The pods an owner holds: active, terminating and finished.
    public func ownedPods(of owner: PodOwner) -> [PodID] {
        switch owner {
        case .replicaSet(let id): replicaSets[id].pods
        case .daemonSet(let id): daemonSets[id].pods
        case .statefulSet(let id): statefulSets[id].pods
        case .job(let id): jobs[id].pods
        }
    }

    /// Adds a new pod to its owner's list, remembering its position there.
    func addOwnedPod(_ pod: PodID, to owner: PodOwner) {
        func append(_ list: inout [PodID]) -> Int32 {
            list.append(pod)
            return Int32(list.count - 1)
        }
        switch owner {
        case .replicaSet(let id): pods[pod].ownerSlot = append(&replicaSets[id].pods)
        case .daemonSet(let id): pods[pod].ownerSlot = append(&daemonSets[id].pods)
        case .statefulSet(let id): pods[pod].ownerSlot = append(&statefulSets[id].pods)
        case .job(let id): pods[pod].ownerSlot = append(&jobs[id].pods)
        }
    }

    /// Takes a removed pod out of its owner's list.
    func removeOwnedPod(_ pod: PodID, slot: Int32, from owner: PodOwner) {
        let moved: PodID?
        switch owner {
        case .replicaSet(let id): moved = Self.detach(pod, slot: slot, from: &replicaSets[id].pods)
        case .daemonSet(let id): moved = Self.detach(pod, slot: slot, from: &daemonSets[id].pods)
        case .statefulSet(let id): moved = Self.detach(pod, slot: slot, from: &statefulSets[id].pods)
        case .job(let id): moved = Self.detach(pod, slot: slot, from: &jobs[id].pods)
        }
        if let moved { pods[moved].ownerSlot = slot }
    }

    // MARK: Creating

    private func register(_ workload: WorkloadRef, namespace: String, name: String) -> Bool {
        let key = workload.kind.name + "/" + namespace + "/" + name
        guard workloadIndex[key] == nil else { return false }
        workloadIndex[key] = workload
        changes.append(.workloadUpdated(workload))
        return true
    }

    /// Creates a DaemonSet; nil if the name is taken in the namespace.
    func createDaemonSet(_ spec: DaemonSetSpec, at time: SimTime) -> DaemonSetID? {
        guard workload(.daemonSet, namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return nil }
        let id = daemonSets.append(
            DaemonSet(
                name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(), createdAt: time, spec: spec,
                selector: CompiledSelector(spec.selector, symbols: symbols)))
        _ = register(.daemonSet(id), namespace: spec.meta.namespace, name: spec.meta.name)
        return id
    }

    /// Creates a StatefulSet; nil if the name is taken in the namespace.
    func createStatefulSet(_ spec: StatefulSetSpec, at time: SimTime) -> StatefulSetID? {
        guard workload(.statefulSet, namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return nil }
        let id = statefulSets.append(
            StatefulSet(
                name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(), createdAt: time, spec: spec,
                selector: CompiledSelector(spec.selector, symbols: symbols)))
        _ = register(.statefulSet(id), namespace: spec.meta.namespace, name: spec.meta.name)
        return id
    }

    /// Creates a Job (from a manifest, or for the CronJob `cronJob` from its template); nil if the
    /// name is taken. A CronJob's Jobs share one registered pod spec, their common template's.
    func createJob(_ spec: JobSpec, cronJob: CronJobID? = nil, at time: SimTime) -> JobID? {
        guard workload(.job, namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return nil }
        let templateSpec = cronJob.flatMap { cronJobs[$0].jobPodSpec } ?? registerPodSpec(spec.template, namespace: spec.meta.namespace)
        if let cronJob { cronJobs[cronJob].jobPodSpec = templateSpec }
        let id = jobs.append(
            Job(
                name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(), createdAt: time, spec: spec,
                selector: CompiledSelector(spec.selector, symbols: symbols), templateSpec: templateSpec,
                templateLabels: LabelSet(spec.template.labels, symbols: symbols), cronJob: cronJob))
        if let cronJob {
            cronJobs[cronJob].jobs.append(id)
            cronJobs[cronJob].runs.created += 1
        }
        _ = register(.job(id), namespace: spec.meta.namespace, name: spec.meta.name)
        return id
    }

    /// Creates a CronJob; nil if the name is taken in the namespace.
    func createCronJob(_ spec: CronJobSpec, at time: SimTime) -> CronJobID? {
        guard workload(.cronJob, namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return nil }
        let id = cronJobs.append(
            CronJob(name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(), createdAt: time, spec: spec))
        _ = register(.cronJob(id), namespace: spec.meta.namespace, name: spec.meta.name)
        return id
    }

    // MARK: Changing

    /// Changes a DaemonSet's spec; a new template is a new revision.
    func updateDaemonSet(_ id: DaemonSetID, _ change: (inout DaemonSetSpec) -> Void) {
        var spec = daemonSets[id].spec
        change(&spec)
        guard spec != daemonSets[id].spec else { return }
        if spec.template != daemonSets[id].spec.template { daemonSets[id].revision += 1 }
        daemonSets[id].spec = spec
        changes.append(.workloadUpdated(.daemonSet(id)))
    }

    /// Changes a StatefulSet's spec; a new template is a new revision.
    func updateStatefulSet(_ id: StatefulSetID, _ change: (inout StatefulSetSpec) -> Void) {
        var spec = statefulSets[id].spec
        change(&spec)
        guard spec != statefulSets[id].spec else { return }
        if spec.template != statefulSets[id].spec.template { statefulSets[id].revision += 1 }
        statefulSets[id].spec = spec
        changes.append(.workloadUpdated(.statefulSet(id)))
    }

    func setStatus(_ status: DaemonSetStatus, of id: DaemonSetID) {
        guard daemonSets[id].status != status else { return }
        daemonSets[id].status = status
        changes.append(.workloadUpdated(.daemonSet(id)))
    }

    func setStatus(_ status: StatefulSetStatus, of id: StatefulSetID) {
        guard statefulSets[id].status != status else { return }
        statefulSets[id].status = status
        changes.append(.workloadUpdated(.statefulSet(id)))
    }

    func setStatus(_ status: JobStatus, of id: JobID) {
        guard jobs[id].status != status else { return }
        if let cronJob = jobs[id].cronJob, jobs[id].status.outcome == nil, let outcome = status.outcome {
            if outcome.succeeded { cronJobs[cronJob].runs.succeeded += 1 } else { cronJobs[cronJob].runs.failed += 1 }
        }
        jobs[id].status = status
        changes.append(.workloadUpdated(.job(id)))
    }

    /// Changes a Job's spec where upstream lets it change (`suspend`, `parallelism`,
    /// `activeDeadlineSeconds`, `ttlSecondsAfterFinished`).
    func updateJob(_ id: JobID, _ change: (inout JobSpec) -> Void) {
        var spec = jobs[id].spec
        change(&spec)
        guard spec != jobs[id].spec else { return }
        jobs[id].spec = spec
        changes.append(.workloadUpdated(.job(id)))
    }

    func setStatus(_ status: CronJobStatus, of id: CronJobID) {
        guard cronJobs[id].status != status else { return }
        cronJobs[id].status = status
        changes.append(.workloadUpdated(.cronJob(id)))
    }

    /// `kubectl delete` of a workload: it goes at once, its name is free again, and what it owns
    /// is deleted (the garbage collector's background cascade: a Deployment's ReplicaSets, a
    /// CronJob's Jobs, and their pods).
    func deleteWorkload(_ workload: WorkloadRef, at time: SimTime) {
        var owners: [PodOwner] = []
        switch workload {
        case .deployment(let id):
            guard deployments[id].deletedAt == nil else { return }
            deployments[id].deletedAt = time
            deploymentIndex[Self.key(symbols[deployments[id].namespace], deployments[id].name)] = nil
            for replicaSet in deployments[id].replicaSets where replicaSets[replicaSet].deletedAt == nil {
                deleteReplicaSet(replicaSet, at: time)
                owners.append(.replicaSet(replicaSet))
            }
            changes.append(.deploymentUpdated(id))
        case .replicaSet(let id):
            guard replicaSets[id].deletedAt == nil else { return }
            deleteReplicaSet(id, at: time)
            owners.append(.replicaSet(id))
        case .daemonSet(let id):
            guard daemonSets[id].deletedAt == nil else { return }
            daemonSets[id].deletedAt = time
            owners.append(.daemonSet(id))
        case .statefulSet(let id):
            guard statefulSets[id].deletedAt == nil else { return }
            statefulSets[id].deletedAt = time
            owners.append(.statefulSet(id))
        case .job(let id):
            guard jobs[id].deletedAt == nil else { return }
            jobs[id].deletedAt = time
            owners.append(.job(id))
            releaseObject(Self.quotaJob, namespace: symbols[jobs[id].namespace])
            if let cronJob = jobs[id].cronJob {
                cronJobs[cronJob].jobs.removeAll { $0 == id }
                if !jobs[id].isFinished { cronJobs[cronJob].runs.replaced += 1 }
            }
        case .cronJob(let id):
            guard cronJobs[id].deletedAt == nil else { return }
            cronJobs[id].deletedAt = time
            for job in cronJobs[id].jobs { deleteWorkload(.job(job), at: time) }
        }
        switch workload {
        case .daemonSet, .statefulSet, .job, .cronJob:
            let path = reference(workload)
            workloadIndex[path.kind + "/" + path.namespace + "/" + path.name] = nil
            changes.append(.workloadUpdated(workload))
        case .deployment, .replicaSet:
            break
        }
        for owner in owners {
            for pod in ownedPods(of: owner) where pods.contains(pod) { beginDeletion(pod, at: time) }
        }
    }
}
