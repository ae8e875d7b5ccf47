/// The Job controller (upstream pkg/controller/job, v1.32) with the TTL-after-finished
/// controller: runs `parallelism` pods at a time until `completions` succeed (each index once for
/// an Indexed Job), replaces failed pods after an exponential back-off, and ends the Job as
/// Complete, or Failed when its failures pass `backoffLimit` or it outlives
/// `activeDeadlineSeconds`. A finished Job with `ttlSecondsAfterFinished` is deleted that long
/// after it finished, with its pods.
///
/// How long a pod runs comes from its template (`PodTemplate.runDuration`, the
/// `kubesim.io/run-duration` annotation): the kubelet ends it Succeeded, or Failed with the
/// template's `failureProbability`. A pod deleted before it finished counts as failed, as
/// upstream's finalizer-based tracking counts it.
final class JobController: Reconciler {
    typealias Timer = ReconcilerTimer<JobID>

    /// Upstream's `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`.
    static let podFailureBackOff: SimTime = 10 * Millis.second
    static let maxPodFailureBackOff: SimTime = 10 * Millis.minute
    /// Upstream's `syncJobBatchPeriod`: a pod event syncs its Job this long after it, batching
    /// the events of that second (`enqueueSyncJobBatched`); a Job created or changed syncs at once.
    static let syncBatchPeriod: SimTime = Millis.second

    static let watches: ChangeKinds = ChangeKinds.pods.union(.workloadUpdated)
    static func event(_ timer: Timer) -> SimEvent { .jobs(timer) }

    var workQueue = WorkQueue<JobID>()
    private var names: GeneratedNames

    /// What the controller remembers of each Job's pods between syncs (upstream keeps it in the
    /// Job's status and its pods' finalizers).
    private struct Tracking {
        /// Pods seen active, not yet counted as succeeded or failed.
        var uncounted: Set<PodID> = []
        /// Pods already counted (or deleted by the Job itself, which is no failure).
        var counted: Set<PodID> = []
        /// The completion index of each pod of an Indexed Job.
        var indexes: [PodID: Int32] = [:]
        /// Failures since the last success, and when the last one was counted (the back-off).
        var failuresSinceSuccess = 0
        var lastFailure: SimTime?
    }

    private var tracking: [JobID: Tracking] = [:]

    init(seed: UInt64) {
        names = GeneratedNames(seed: seed, stream: "job-pod-names")
    }

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<JobID> {
        switch change {
        case .podAdded, .podBound, .podUpdated, .podDeleting, .podRemoved:
            guard case .job(let id)? = change.podOwner(in: cluster) else { return .none }
            return .one(id)
        case .workloadUpdated(.job(let id)):
            return .one(id)
        default:
            return .none
        }
    }

    /// A pod's change syncs its Job a second later, batched; the Job's own creation or change at
    /// once (upstream's `addJob`/`updateJob` enqueue immediately, its pod handlers batched).
    /// Upstream's `enqueueSyncJobBatched` is `AddAfter(key, 1 s)`: a burst of pod events makes
    /// one sync a second after the first of them.
    func observe(_ change: ClusterChange, in context: ControllerContext) {
        guard case .workloadUpdated = change else {
            for id in keys(for: change, in: context.cluster) { enqueue(id, after: Self.syncBatchPeriod, in: context) }
            return
        }
        for id in keys(for: change, in: context.cluster) { enqueue(id, in: context) }
    }

    /// The back-off before a new pod after `failures` failures in a row: 10 s doubling, at most
    /// 10 minutes (upstream's `getRemainingTime`).
    static func backOff(failures: Int) -> SimTime {
        guard failures > 0 else { return 0 }
        var delay = podFailureBackOff
        for _ in 1..<failures where delay < maxPodFailureBackOff { delay *= 2 }
        return min(delay, maxPodFailureBackOff)
    }

    // MARK: Sync

    func sync(_ id: JobID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.jobs[id].deletedAt == nil else {
            tracking[id] = nil
            workQueue.forgetDelayedAdd(id)
            return
        }
        var status = cluster.jobs[id].status
        if status.outcome != nil {
            expireIfDue(id, finishedAt: status.completionTime ?? status.outcome?.at ?? context.now, in: context)
            return
        }
        let spec = cluster.jobs[id].spec
        if !spec.suspend && status.startTime == nil { status.startTime = context.now }
        var track = tracking[id] ?? Tracking()
        // Count what finished since the last sync, once each.
        var active: [PodID] = []
        var restarts: Int32 = 0
        let owned = Set(cluster.jobs[id].pods)
        for pod in cluster.jobs[id].pods {
            let record = cluster.pods[pod]
            switch record.phase {
            case .succeeded:
                if countOnce(pod, &track) {
                    status.succeeded += 1
                    track.failuresSinceSuccess = 0
                    if let index = track.indexes[pod], !status.completedIndexes.contains(index) {
                        status.completedIndexes.append(index)
                        status.completedIndexes.sort()
                    }
                }
            case .failed:
                if countOnce(pod, &track) { countFailure(&status, &track, at: record.finishedAt ?? context.now) }
            default:
                if record.deletedAt == nil {
                    active.append(pod)
                    track.uncounted.insert(pod)
                    restarts += record.restartCount
                }
            }
        }
        // A pod gone, or being deleted, before it finished counts as failed, at its deletion.
        for pod in track.uncounted.sorted() {
            let present = cluster.pods.contains(pod) && owned.contains(pod)
            if present, cluster.pods[pod].deletedAt == nil { continue }
            let deleted = present ? cluster.pods[pod].deletedAt : nil
            if countOnce(pod, &track) { countFailure(&status, &track, at: deleted ?? context.now) }
        }
        tracking[id] = track
        status.active = Int32(active.count)
        status.ready = Int32(active.filter { cluster.pods[$0].isReady }.count)

        if let outcome = failure(spec, status: status, restarts: restarts, now: context.now) {
            finish(id, status: &status, outcome: outcome, deleting: active, in: context)
            return
        }
        if isComplete(spec, status: status) {
            finish(
                id, status: &status, outcome: JobOutcome(succeeded: true, reason: "Completed", message: "Job completed", at: context.now),
                deleting: active, in: context)
            return
        }
        if spec.suspend {
            for pod in active { delete(pod, of: id, in: context) }
            status.active = 0
            status.ready = 0
            cluster.setStatus(status, of: id)
            return
        }
        manage(id, spec: spec, status: &status, active: active, in: context)
        cluster.setStatus(status, of: id)
        if let deadline = spec.activeDeadlineSeconds, let start = status.startTime {
            requeue(id, at: max(context.now, start + Millis.seconds(deadline)), in: context)
        }
    }

    /// Creates or deletes pods toward the number wanted running now (upstream's `manageJob`).
    private func manage(_ id: JobID, spec: JobSpec, status: inout JobStatus, active: [PodID], in context: ControllerContext) {
        let cluster = context.cluster
        let wanted = Self.wantedActive(
            completions: spec.completions, parallelism: spec.parallelism, completed: completedCount(spec, status), succeeded: status.succeeded,
            active: Int32(active.count))
        if active.count > wanted {
            // The newest go first.
            let newest = active.sorted { cluster.pods[$0].createdAt > cluster.pods[$1].createdAt }
            for pod in newest.prefix(active.count - wanted) { delete(pod, of: id, in: context) }
            status.active = Int32(wanted)
            return
        }
        guard active.count < wanted else { return }
        let track = tracking[id] ?? Tracking()
        if let last = track.lastFailure, track.failuresSinceSuccess > 0 {
            let ready = last + Self.backOff(failures: track.failuresSinceSuccess)
            if ready > context.now {
                requeue(id, at: ready, in: context)
                return
            }
        }
        var indexes: [Int32?] = Array(repeating: nil, count: wanted - active.count)
        if spec.completionMode == .indexed, let completions = spec.completions {
            let busy = Set(active.compactMap { track.indexes[$0] }).union(status.completedIndexes)
            // The lowest free indexes, found without walking all of 0..<completions.
            var free: [Int32?] = []
            var index: Int32 = 0
            while free.count < indexes.count && index < completions {
                if !busy.contains(index) { free.append(index) }
                index += 1
            }
            indexes = free
        }
        for index in indexes {
            guard createPod(of: id, index: index, in: context) else { break }
            status.active += 1
        }
    }

    /// How many pods the Job wants running now (upstream's `manageJob`): with `completions`, as
    /// many as are still to complete, at most `parallelism`; as a work queue (no `completions`),
    /// `parallelism` until one pod succeeds, then no new ones.
    static func wantedActive(completions: Int32?, parallelism: Int32, completed: Int32, succeeded: Int32, active: Int32) -> Int {
        if let completions { return max(0, min(Int(parallelism), Int(completions) - Int(completed))) }
        return succeeded > 0 ? Int(min(active, parallelism)) : Int(parallelism)
    }

    /// Succeeded completions: pods for a NonIndexed Job, distinct indexes for an Indexed one.
    private func completedCount(_ spec: JobSpec, _ status: JobStatus) -> Int32 {
        spec.completionMode == .indexed ? Int32(status.completedIndexes.count) : status.succeeded
    }

    private func isComplete(_ spec: JobSpec, status: JobStatus) -> Bool {
        if let completions = spec.completions { return completedCount(spec, status) >= completions }
        return status.succeeded > 0 && status.active == 0
    }

    /// The Failed condition the Job has reached, if any: its back-off limit (failed pods, and for
    /// `OnFailure` pods their container restarts), then its active deadline.
    private func failure(_ spec: JobSpec, status: JobStatus, restarts: Int32, now: SimTime) -> JobOutcome? {
        let restartsCount = spec.template.spec.restartPolicy == .onFailure ? Int64(restarts) : 0
        if Int64(status.failed) + restartsCount > Int64(spec.backoffLimit) {
            return JobOutcome(succeeded: false, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", at: now)
        }
        if let deadline = spec.activeDeadlineSeconds, let start = status.startTime, now - start >= Millis.seconds(deadline) {
            return JobOutcome(succeeded: false, reason: "DeadlineExceeded", message: "Job was active longer than specified deadline", at: now)
        }
        return nil
    }

    private func finish(_ id: JobID, status: inout JobStatus, outcome: JobOutcome, deleting active: [PodID], in context: ControllerContext) {
        for pod in active { delete(pod, of: id, in: context) }
        status.active = 0
        status.ready = 0
        status.outcome = outcome
        if outcome.succeeded { status.completionTime = context.now }
        context.cluster.setStatus(status, of: id)
        context.record(outcome.succeeded ? .normal : .warning, outcome.reason, context.cluster.reference(job: id), outcome.message)
        expireIfDue(id, finishedAt: context.now, in: context)
    }

    /// The TTL-after-finished controller: deletes the finished Job `ttlSecondsAfterFinished` after
    /// it finished, with its pods.
    private func expireIfDue(_ id: JobID, finishedAt: SimTime, in context: ControllerContext) {
        guard let ttl = context.cluster.jobs[id].spec.ttlSecondsAfterFinished else { return }
        let due = finishedAt + Millis.seconds(Int64(ttl))
        if due <= context.now {
            context.cluster.deleteWorkload(.job(id), at: context.now)
            tracking[id] = nil
        } else {
            requeue(id, at: due, in: context)
        }
    }

    private func countOnce(_ pod: PodID, _ track: inout Tracking) -> Bool {
        track.uncounted.remove(pod)
        return track.counted.insert(pod).inserted
    }

    /// Counts a failure at `time`, when the pod failed: the back-off runs from the latest
    /// failure's time (upstream's backoff record reads the pods' finish times), not from the sync.
    private func countFailure(_ status: inout JobStatus, _ track: inout Tracking, at time: SimTime) {
        status.failed += 1
        track.failuresSinceSuccess += 1
        track.lastFailure = max(track.lastFailure ?? time, time)
    }

    // MARK: Pods

    /// Creates a pod named `<job>-xxxxx`, or `<job>-<index>-xxxxx` for an Indexed Job.
    /// Returns false when admission refused the pod.
    private func createPod(of id: JobID, index: Int32?, in context: ControllerContext) -> Bool {
        let cluster = context.cluster
        let job = cluster.jobs[id]
        let namespace = cluster.symbols[job.namespace]
        let prefix = job.name + "-" + (index.map { "\($0)-" } ?? "")
        while true {
            let name = names.next(prefix)
            guard admits(name, spec: job.templateSpec, for: id, owner: cluster.reference(job: id), in: context) else { return false }
            if let pod = cluster.createPod(
                name: name, namespace: namespace, labels: job.templateLabels, spec: job.templateSpec, owner: .job(id), at: context.now)
            {
                if let index { tracking[id, default: Tracking()].indexes[pod] = index }
                tracking[id, default: Tracking()].uncounted.insert(pod)
                context.record(.normal, "SuccessfulCreate", cluster.reference(job: id), "Created pod: \(name)")
                return true
            }
        }
    }

    private func delete(_ pod: PodID, of id: JobID, in context: ControllerContext) {
        let cluster = context.cluster
        let name = cluster.pods[pod].name
        // A pod the Job deletes itself is not a failure.
        tracking[id]?.uncounted.remove(pod)
        tracking[id]?.counted.insert(pod)
        cluster.beginDeletion(pod, at: context.now)
        context.record(.normal, "SuccessfulDelete", cluster.reference(job: id), "Deleted pod: \(name)")
    }
}
