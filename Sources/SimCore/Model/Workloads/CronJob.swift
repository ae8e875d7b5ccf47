/// What a CronJob does when a schedule time comes while Jobs it started are still running
/// (`spec.concurrencyPolicy`).
public enum ConcurrencyPolicy: String, Sendable, Hashable, CaseIterable {
    /// Start the new Job alongside the running ones (the default).
    case allow = "Allow"
    /// Skip the schedule time while a Job is running.
    case forbid = "Forbid"
    /// Delete the running Jobs, then start the new one.
    case replace = "Replace"
}

/// A `batch/v1` CronJob as a manifest gives it, with upstream's defaults.
public struct CronJobSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    /// `spec.schedule` as written.
    public var schedule: String
    /// The schedule parsed as the controller parses it: with `spec.timeZone`, behind a
    /// `TZ=<zone> ` prefix, as upstream's `formatSchedule` writes it.
    public var cron: CronSchedule
    /// `spec.timeZone` as written, nil when unset.
    public var timeZone: String?
    /// The zone the schedule is read in: `timeZone`'s, read from the zone database when the
    /// scenario was loaded; UTC without one (kube-controller-manager's local zone, UTC in the
    /// usual images).
    public var zone: UTCOffsets
    public var concurrencyPolicy: ConcurrencyPolicy
    /// `spec.startingDeadlineSeconds`: a schedule time is not started later than this.
    public var startingDeadlineSeconds: Int64?
    public var suspend: Bool
    /// Finished Jobs kept, by outcome; older ones are deleted.
    public var successfulJobsHistoryLimit: Int32
    public var failedJobsHistoryLimit: Int32
    /// `spec.jobTemplate`: its `metadata` (labels and annotations; the name is the CronJob's) and
    /// its `spec`.
    public var jobTemplate: JobSpec

    public init(
        meta: ObjectMeta, schedule: String, cron: CronSchedule, timeZone: String? = nil, zone: UTCOffsets = .utc,
        concurrencyPolicy: ConcurrencyPolicy = .allow,
        startingDeadlineSeconds: Int64? = nil, suspend: Bool = false, successfulJobsHistoryLimit: Int32 = 3, failedJobsHistoryLimit: Int32 = 1,
        jobTemplate: JobSpec
    ) {
        self.meta = meta
        self.schedule = schedule
        self.cron = cron
        self.timeZone = timeZone
        self.zone = zone
        self.concurrencyPolicy = concurrencyPolicy
        self.startingDeadlineSeconds = startingDeadlineSeconds
        self.suspend = suspend
        self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
        self.failedJobsHistoryLimit = failedJobsHistoryLimit
        self.jobTemplate = jobTemplate
    }
}

/// `CronJobStatus`.
public struct CronJobStatus: Sendable, Hashable {
    /// `status.active`: the Jobs it started that have not finished, in the order it started them.
    public var active: [JobID] = []
    /// `status.lastScheduleTime`: the schedule time of the last Job it started, in milliseconds
    /// since the Unix epoch (wall-clock time, not simulated time).
    public var lastScheduleTime: Int64?
    /// `status.lastSuccessfulTime`: the latest completion time of its Jobs that succeeded, in
    /// simulated time.
    public var lastSuccessfulTime: SimTime?
}

/// A CronJob in the cluster.
public struct CronJob: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public let spec: CronJobSpec
    public internal(set) var status = CronJobStatus()
    /// The Jobs it created that still exist, in creation order.
    public internal(set) var jobs: [JobID] = []
    /// What became of every Job it created, deleted ones included (kubesim's count, for the
    /// summary; the API keeps no such record).
    public internal(set) var runs = CronJobRuns()
    public internal(set) var deletedAt: SimTime?
    /// The pod spec registered for its Jobs' template, once it has created one.
    var jobPodSpec: PodSpecID?
}

/// What became of the Jobs a CronJob created, counted as they were created, finished or deleted.
public struct CronJobRuns: Sendable, Hashable {
    /// Jobs created.
    public var created = 0
    /// Jobs that reached their Complete condition.
    public var succeeded = 0
    /// Jobs that reached their Failed condition.
    public var failed = 0
    /// Jobs deleted before they finished: by `concurrencyPolicy: Replace`, or with the CronJob.
    public var replaced = 0
}
