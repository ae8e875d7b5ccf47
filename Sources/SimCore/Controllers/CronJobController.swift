/// The CronJob controller (upstream pkg/controller/cronjob, v1.32: `ControllerV2.sync`,
/// `cleanupFinishedJobs` and `syncCronJob` in cronjob_controllerv2.go, with utils.go): creates a
/// Job from a CronJob's template for each schedule time, named after that time, honouring
/// `suspend`, `startingDeadlineSeconds` and `concurrencyPolicy`; notices its Jobs finishing; keeps
/// `successfulJobsHistoryLimit` and `failedJobsHistoryLimit` finished Jobs and deletes older
/// ones; and looks at the CronJob again 100 ms after its next schedule time.
///
/// Schedules are wall-clock times: simulated time 0 is `startTime` (the scenario's
/// `spec.startTime`), in milliseconds since the Unix epoch. The schedule arithmetic is
/// `CronJobTiming`'s, upstream's `mostRecentScheduleTime`, `nextScheduleTime` and
/// `nextScheduleTimeDuration`.
///
/// A sync is triggered by the CronJob's own changes (its status too, as upstream's update
/// handler re-queues the CronJob on every update), by changes of its Jobs, and by its requeue.
/// Events and their texts are upstream's.
final class CronJobController: Reconciler {
    typealias Timer = ReconcilerTimer<CronJobID>

    static let watches: ChangeKinds = .workloadUpdated
    static func event(_ timer: Timer) -> SimEvent { .cronJobs(timer) }

    /// The annotation upstream's `getJobFromTemplate2` puts on each Job (the
    /// CronJobsScheduledAnnotation feature, GA in v1.32): the schedule time in the CronJob's zone.
    static let scheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

    var workQueue = WorkQueue<CronJobID>()
    /// The wall-clock time of simulated time 0, in milliseconds since the Unix epoch.
    let startTime: Int64

    init(startTime: Int64) {
        self.startTime = startTime
    }

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<CronJobID> {
        switch change {
        case .workloadUpdated(.cronJob(let id)): .one(id)
        case .workloadUpdated(.job(let id)): .one(cluster.jobs[id].cronJob)
        default: .none
        }
    }

    /// The name of the Job for a schedule time: `<cronjob>-<minutes since the Unix epoch>`
    /// (upstream's `getJobName` with `getTimeHashInMinutes`: Go's `Unix() / 60`, which truncates).
    static func jobName(_ cronJob: String, scheduledTime milliseconds: Int64) -> String {
        "\(cronJob)-\(CivilDateTime.floorDivide(milliseconds, 1_000) / 60)"
    }

    // MARK: Sync

    /// Upstream's `sync`: clean up finished Jobs beyond the history limits, reconcile the Jobs
    /// and maybe start one, write the status, and requeue.
    func sync(_ id: CronJobID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.cronJobs[id].deletedAt == nil else {
            workQueue.forgetDelayedAdd(id)
            return
        }
        // `getJobsToBeReconciled`: the Jobs it controls that the API still has.
        let jobs = cluster.cronJobs[id].jobs
        var status = cluster.cronJobs[id].status
        cleanUpFinishedJobs(id, jobs, &status, in: context)
        let requeueAfter = syncCronJob(id, jobs, &status, in: context)
        cluster.setStatus(status, of: id)
        if let requeueAfter { requeue(id, after: requeueAfter, in: context) }
    }

    /// Upstream's `cleanupFinishedJobs` and `removeOldestJobs`: deletes the finished Jobs past
    /// each history limit, oldest first by `status.startTime` (those without one last), then by
    /// name.
    private func cleanUpFinishedJobs(_ id: CronJobID, _ jobs: [JobID], _ status: inout CronJobStatus, in context: ControllerContext) {
        let cluster = context.cluster
        let spec = cluster.cronJobs[id].spec
        var succeeded: [JobID] = []
        var failed: [JobID] = []
        for job in jobs {
            guard let outcome = cluster.jobs[job].status.outcome else { continue }
            if outcome.succeeded { succeeded.append(job) } else { failed.append(job) }
        }
        for (finished, limit) in [(succeeded, spec.successfulJobsHistoryLimit), (failed, spec.failedJobsHistoryLimit)]
        where finished.count > Int(limit) {
            let oldestFirst = finished.sorted { lhs, rhs in
                let left = cluster.jobs[lhs], right = cluster.jobs[rhs]
                switch (left.status.startTime, right.status.startTime) {
                case (let a?, let b?) where a != b: return a < b
                case (nil, _?): return false
                case (_?, nil): return true
                default: return left.name < right.name
                }
            }
            for job in oldestFirst.prefix(finished.count - Int(limit)) { delete(job, of: id, &status, in: context) }
        }
    }

    /// Upstream's `syncCronJob`: takes finished and vanished Jobs off the active list, then
    /// starts the Job of the most recent unmet schedule time if it may. Returns the delay before
    /// the next look, or nil when none is due (a suspended CronJob, an impossible schedule).
    private func syncCronJob(_ id: CronJobID, _ jobs: [JobID], _ status: inout CronJobStatus, in context: ControllerContext) -> SimTime? {
        let cluster = context.cluster
        let cronJob = cluster.cronJobs[id]
        let spec = cronJob.spec
        let owner = cluster.reference(cronJob: id)
        let now = startTime + context.now
        // Every Job the controller creates goes on the active list as it is created, so upstream's
        // "UnexpectedJob" (an unfinished Job it did not list) cannot arise here.
        for job in jobs {
            guard let outcome = cluster.jobs[job].status.outcome else { continue }
            if status.active.contains(job) {
                status.active.removeAll { $0 == job }
                let condition = outcome.succeeded ? "Complete" : "Failed"
                context.record(.normal, "SawCompletedJob", owner, "Saw completed job: \(cluster.jobs[job].name), condition: \(condition)")
            }
            if outcome.succeeded, let completion = cluster.jobs[job].status.completionTime {
                status.lastSuccessfulTime = max(status.lastSuccessfulTime ?? completion, completion)
            }
        }
        for job in status.active where !jobs.contains(job) {
            context.record(.normal, "MissingJob", owner, "Active job went missing: \(cluster.jobs[job].name)")
            status.active.removeAll { $0 == job }
        }
        if spec.suspend { return nil }

        var timing = CronJobTiming(
            schedule: spec.cron, zone: spec.zone, creationTimestamp: startTime + cronJob.createdAt, lastScheduleTime: status.lastScheduleTime,
            startingDeadlineSeconds: spec.startingDeadlineSeconds)
        let due: CronJobTiming.Due?
        do {
            due = try timing.nextScheduleTime(now: now)
        } catch {
            context.record(.warning, "InvalidSchedule", owner, "invalid schedule: \(spec.schedule) : \(error)")
            return nil
        }
        guard let due else { return timing.nextScheduleTimeDuration(now: now) }
        if due.tooManyMissed {
            context.record(
                .warning, "TooManyMissedTimes", owner,
                "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
        }
        if let deadline = spec.startingDeadlineSeconds, due.scheduledTime + CronJobTiming.goDurationMilliseconds(seconds: deadline) < now {
            let missed = GoTimeFormat.rfc1123Z(seconds: CivilDateTime.floorDivide(due.scheduledTime, 1_000))
            context.record(.warning, "MissSchedule", owner, "Missed scheduled time to start a job: \(missed)")
            return timing.nextScheduleTimeDuration(now: now)
        }
        let name = Self.jobName(cronJob.name, scheduledTime: due.scheduledTime)
        if status.active.contains(where: { cluster.jobs[$0].name == name }) || status.lastScheduleTime == due.scheduledTime {
            return timing.nextScheduleTimeDuration(now: now)
        }
        if spec.concurrencyPolicy == .forbid && !status.active.isEmpty {
            context.record(.normal, "JobAlreadyActive", owner, "Not starting job because prior execution is running and concurrency policy is Forbid")
            return timing.nextScheduleTimeDuration(now: now)
        }
        if spec.concurrencyPolicy == .replace {
            for job in status.active { delete(job, of: id, &status, in: context) }
        }
        if cluster.workload(.job, namespace: spec.meta.namespace, name: name) == nil,
            let refusal = cluster.admitObject(ClusterState.quotaJob, name: name, namespace: spec.meta.namespace)
        {
            // A quota on count/jobs.batch refuses it: upstream's default error handling, then the
            // sync's error sends the CronJob back to the rate-limited queue.
            context.record(.warning, PodAdmission.failedCreateReason, owner, "Error creating job: \(refusal)")
            return workQueue.rateLimitedDelay(id)
        }
        if let job = cluster.createJob(jobSpec(spec, named: name, scheduledTime: due.scheduledTime), cronJob: id, at: context.now) {
            context.record(.normal, "SuccessfulCreate", owner, "Created job \(name)")
            status.active.append(job)
        } else {
            // The name is taken (upstream's AlreadyExists): a Job of this CronJob missing from the
            // active list goes back on it; anyone else's Job is left alone, and nothing is requeued.
            guard case .job(let existing)? = cluster.workload(.job, namespace: spec.meta.namespace, name: name),
                cluster.jobs[existing].cronJob == id, !status.active.contains(existing)
            else { return nil }
            status.active.append(existing)
        }
        status.lastScheduleTime = due.scheduledTime
        timing.lastScheduleTime = due.scheduledTime
        return timing.nextScheduleTimeDuration(now: now)
    }

    /// The Job for a schedule time, as upstream's `getJobFromTemplate2` makes it: the template's
    /// labels and annotations, the scheduled-timestamp annotation, and the template's spec.
    private func jobSpec(_ spec: CronJobSpec, named name: String, scheduledTime: Int64) -> JobSpec {
        var job = spec.jobTemplate
        var annotations = job.meta.annotations
        annotations[Self.scheduledTimestampAnnotation] = GoTimeFormat.rfc3339(
            seconds: CivilDateTime.floorDivide(scheduledTime, 1_000), in: spec.timeZone == nil ? .utc : spec.zone)
        job.meta = ObjectMeta(name: name, namespace: spec.meta.namespace, labels: job.meta.labels, annotations: annotations)
        return job
    }

    /// Upstream's `deleteJob`: deletes the Job (its pods with it) and takes it off the active list.
    private func delete(_ job: JobID, of id: CronJobID, _ status: inout CronJobStatus, in context: ControllerContext) {
        let cluster = context.cluster
        cluster.deleteWorkload(.job(job), at: context.now)
        status.active.removeAll { $0 == job }
        context.record(.normal, "SuccessfulDelete", cluster.reference(cronJob: id), "Deleted job \(cluster.jobs[job].name)")
    }

    /// Upstream's `AddAfter(key, requeueAfter)`. A delay that is not positive comes only from a
    /// schedule with no next time within robfig's five-year search; upstream would sync again at
    /// once and find the same, so the CronJob is not looked at again.
    private func requeue(_ id: CronJobID, after delay: SimTime, in context: ControllerContext) {
        guard delay > 0 else { return }
        enqueue(id, after: delay, in: context)
    }
}
