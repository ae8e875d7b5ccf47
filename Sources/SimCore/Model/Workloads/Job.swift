/// How a Job counts completions (`spec.completionMode`).
public enum CompletionMode: String, Sendable, Hashable {
    /// Any `completions` pods succeeding completes the Job.
    case nonIndexed = "NonIndexed"
    /// Each index 0…completions−1 must succeed once; pods carry their index.
    case indexed = "Indexed"
}

/// A `batch/v1` Job as a manifest (or a CronJob's `jobTemplate`) gives it, with upstream's
/// defaults.
public struct JobSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    /// Nil for a work queue: the Job is complete once any pod succeeds and the others end.
    public var completions: Int32?
    public var parallelism: Int32
    public var completionMode: CompletionMode
    public var backoffLimit: Int32
    public var activeDeadlineSeconds: Int64?
    public var ttlSecondsAfterFinished: Int32?
    public var suspend: Bool
    public var selector: LabelSelector
    public var template: PodTemplate

    public init(
        meta: ObjectMeta, completions: Int32? = 1, parallelism: Int32 = 1, completionMode: CompletionMode = .nonIndexed,
        backoffLimit: Int32 = 6, activeDeadlineSeconds: Int64? = nil, ttlSecondsAfterFinished: Int32? = nil, suspend: Bool = false,
        selector: LabelSelector, template: PodTemplate
    ) {
        self.meta = meta
        self.completions = completions
        self.parallelism = parallelism
        self.completionMode = completionMode
        self.backoffLimit = backoffLimit
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.suspend = suspend
        self.selector = selector
        self.template = template
    }
}

/// How a Job ended: its `Complete` or `Failed` condition.
public struct JobOutcome: Sendable, Hashable {
    public var succeeded: Bool
    /// `Completed`, `BackoffLimitExceeded`, `DeadlineExceeded`.
    public var reason: String
    public var message: String
    public var at: SimTime
}

/// `JobStatus`.
public struct JobStatus: Sendable, Hashable {
    public var active: Int32 = 0
    public var ready: Int32 = 0
    public var succeeded: Int32 = 0
    public var failed: Int32 = 0
    /// `status.startTime`: when the Job was first not suspended.
    public var startTime: SimTime?
    public var completionTime: SimTime?
    /// The terminal condition, once there is one.
    public var outcome: JobOutcome?
    /// `status.completedIndexes` of an Indexed Job, as the set of indexes.
    public var completedIndexes: [Int32] = []
}

/// A Job in the cluster.
public struct Job: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public internal(set) var spec: JobSpec
    public let selector: CompiledSelector
    public let templateSpec: PodSpecID
    public let templateLabels: LabelSet
    /// The CronJob that created it, if any (its controller `ownerReference`).
    public let cronJob: CronJobID?
    public internal(set) var status = JobStatus()
    /// Pods this Job owns, active, finished and terminating.
    public internal(set) var pods: [PodID] = []
    public internal(set) var deletedAt: SimTime?

    /// True once the Job has its Complete or Failed condition.
    public var isFinished: Bool { status.outcome != nil }
}
