/// The summary of a run, typed, as `summary.json` lays it out (the output contract in
/// docs/metrics-reference.md). Expectations are checked on it, and the output layer writes it.
public struct RunSummary: Sendable, Equatable {
    public var scenario: String
    public var seed: UInt64
    public var simulatedSeconds: Double
    /// Wall-clock time of the run: the one value that is not a function of scenario and seed.
    public var wallSeconds: Double
    /// Simulation events processed.
    public var events: Int
    public var cluster: Cluster
    public var pods: Pods
    /// One entry per top-level workload and per Service that receives traffic, sorted by kind,
    /// namespace and name.
    public var workloads: [Workload]
    /// One entry per HorizontalPodAutoscaler, in scenario order.
    public var autoscalers: [Autoscaler]
    /// The faults that happened, in the order they started.
    public var faults: [Fault]
    /// Each expectation of the scenario with the value it read.
    public var expectations: [ExpectationResult]
    /// What the scenario's manifests hold that kubesim did not simulate, in the order read.
    public var ignored: [IgnoredObject] = []

    /// A minimum, a (time-weighted) average and a maximum.
    public struct Spread<Value: Sendable & Equatable>: Sendable, Equatable {
        public var min: Value
        public var avg: Double
        public var max: Value
    }

    /// An average and a maximum over the metric samples.
    public struct AverageAndMaximum: Sendable, Equatable {
        public var avg: Double
        public var max: Double
    }

    /// Nearest-rank percentiles.
    public struct Percentiles: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        /// The longest: the pod that waited most.
        public var max: Double = 0
    }

    public struct Cluster: Sendable, Equatable {
        public var nodes: Spread<Int>
        public var nodeHours: Double
        public var cost: Double
        public var cpuRequestedRatio: AverageAndMaximum
        public var memoryRequestedRatio: AverageAndMaximum
        public var podsPendingMax: Int
        public var schedulingLatencySeconds: Percentiles
    }

    public struct Pods: Sendable, Equatable {
        public var created: Int
        public var scheduled: Int
        public var pendingAtEnd: Int
        public var evicted: Int
        public var preempted: Int
    }

    public struct Workload: Sendable, Equatable {
        /// `Deployment`, `ReplicaSet`, or `Service` for a Service that receives traffic.
        public var kind: String
        public var namespace: String
        public var name: String
        /// Served ÷ offered requests for a traffic target, else time-weighted min(1, available ÷ desired).
        public var availability: Double
        /// Desired replicas over the run (not for Services).
        public var replicas: Spread<Int32>?
        public var scaleEvents: Int?
        /// Seconds with fewer replicas available than desired (not for Services).
        public var degradedSeconds: Double?
        /// Deployments only.
        public var rollouts: [Rollout]?
        /// Traffic targets only.
        public var requests: RequestTotals?
        /// CronJobs only: what became of the Jobs it created.
        public var jobs: CronJobRuns?
        /// Jobs only: its pods' outcomes and its terminal condition.
        public var completion: JobCompletion?

        /// `Kind/namespace/name`.
        public var path: String { "\(kind)/\(namespace)/\(name)" }
    }

    /// How a Job ended, or stands at the end of the run.
    public struct JobCompletion: Sendable, Equatable {
        public var succeeded: Int32
        public var failed: Int32
        /// `Complete` or `Failed`, or nil while the Job runs.
        public var condition: String?
        /// `Completed`, `BackoffLimitExceeded`, `DeadlineExceeded`.
        public var reason: String?
        /// Seconds from the start to the condition.
        public var at: Double?
        /// Seconds from the Job's start to the condition.
        public var durationSeconds: Double?
    }

    public struct Rollout: Sendable, Equatable {
        public var revision: Int64
        public var startedAt: Double
        public var completedAt: Double?
        public var durationSeconds: Double?
        public var timedOut: Bool
    }

    public struct Autoscaler: Sendable, Equatable {
        public var namespace: String
        public var name: String
        public var target: String
        public var minReplicas: Int32
        public var maxReplicas: Int32
        public var rescales: Int
        public var secondsAtMaxReplicas: Double
        public var conditions: [Condition]
    }

    /// An HPA condition at the end of the run, as `kubectl describe hpa` shows it.
    public struct Condition: Sendable, Equatable {
        public var type: String
        public var status: Bool
        public var reason: String
        public var message: String
        public var lastTransitionTime: Double
    }

    public struct Fault: Sendable, Equatable {
        public var type: String
        public var at: Double
        public var target: String
        /// Time to recover; nil when the workloads were not whole again before the end, and for
        /// faults that have no single moment.
        public var recoverySeconds: Double?
        /// Drains only: whether the node was drained before the end.
        public var drained: Bool?
    }

    /// An expectation with the value it read (nil when missing) and whether it held.
    public struct ExpectationResult: Sendable, Equatable {
        public var expectation: Expectation
        public var actual: Double?
        public var passed: Bool
    }

    /// True when every expectation held.
    public var expectationsPassed: Bool { expectations.allSatisfy(\.passed) }
}

extension RunSummary {
    /// The value of a metric path as `expect` names it: a workload's field (`availability`,
    /// `replicas.max`, `requests.dropped`, …) when `target` names a workload, otherwise a
    /// top-level path (`cluster.cost`, `pods.pendingAtEnd`, …); nil when the summary has none.
    public func value(of metric: String, target: String? = nil) -> Double? {
        guard let target else {
            if let (index, field) = Self.faultPath(metric) {
                guard faults.indices.contains(index) else { return nil }
                return Self.faultMetrics.first { $0.path == field }?.read(faults[index])
            }
            return Self.clusterMetrics.first { $0.path == metric }?.read(self)
        }
        if target.hasPrefix(Self.autoscalerKind + "/") {
            guard let autoscaler = autoscalers.first(where: { "\(Self.autoscalerKind)/\($0.namespace)/\($0.name)" == target }) else { return nil }
            return Self.autoscalerMetrics.first { $0.path == metric }?.read(autoscaler)
        }
        guard let workload = workloads.first(where: { $0.path == target }) else { return nil }
        return Self.workloadMetrics.first { $0.path == metric }?.read(workload)
    }

    /// The kind that names an HPA as a target: `HorizontalPodAutoscaler/web/storefront`.
    public static let autoscalerKind = "HorizontalPodAutoscaler"

    /// `faults[2].recoverySeconds` as (2, "recoverySeconds"): the third fault to start, counted
    /// from 0 as `summary.json` lists them; nil when `metric` is not written so.
    static func faultPath(_ metric: String) -> (index: Int, field: String)? {
        guard metric.hasPrefix("faults["), let close = metric.firstIndex(of: "]") else { return nil }
        let digits = metric[metric.index(metric.startIndex, offsetBy: 7)..<close]
        let rest = metric[metric.index(after: close)...]
        guard (1...6).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }), let index = Int(digits), rest.hasPrefix(".") else {
            return nil
        }
        return (index, String(rest.dropFirst()))
    }

    /// The metric paths of the summary's top level, with how each is read.
    static let clusterMetrics: [(path: String, read: @Sendable (RunSummary) -> Double)] = [
        ("simulatedSeconds", { $0.simulatedSeconds }),
        ("events", { Double($0.events) }),
        ("cluster.nodes.min", { Double($0.cluster.nodes.min) }),
        ("cluster.nodes.avg", { $0.cluster.nodes.avg }),
        ("cluster.nodes.max", { Double($0.cluster.nodes.max) }),
        ("cluster.nodeHours", { $0.cluster.nodeHours }),
        ("cluster.cost", { $0.cluster.cost }),
        ("cluster.cpuRequestedRatio.avg", { $0.cluster.cpuRequestedRatio.avg }),
        ("cluster.cpuRequestedRatio.max", { $0.cluster.cpuRequestedRatio.max }),
        ("cluster.memoryRequestedRatio.avg", { $0.cluster.memoryRequestedRatio.avg }),
        ("cluster.memoryRequestedRatio.max", { $0.cluster.memoryRequestedRatio.max }),
        ("cluster.podsPendingMax", { Double($0.cluster.podsPendingMax) }),
        ("cluster.schedulingLatencySeconds.p50", { $0.cluster.schedulingLatencySeconds.p50 }),
        ("cluster.schedulingLatencySeconds.p95", { $0.cluster.schedulingLatencySeconds.p95 }),
        ("cluster.schedulingLatencySeconds.p99", { $0.cluster.schedulingLatencySeconds.p99 }),
        ("cluster.schedulingLatencySeconds.max", { $0.cluster.schedulingLatencySeconds.max }),
        ("pods.created", { Double($0.pods.created) }),
        ("pods.scheduled", { Double($0.pods.scheduled) }),
        ("pods.pendingAtEnd", { Double($0.pods.pendingAtEnd) }),
        ("pods.evicted", { Double($0.pods.evicted) }),
        ("pods.preempted", { Double($0.pods.preempted) }),
    ]

    /// The metric paths of a workload's entry, with how each is read (nil where the entry has no
    /// such field, as a Service has no replicas).
    static let workloadMetrics: [(path: String, read: @Sendable (Workload) -> Double?)] = [
        ("availability", { $0.availability }),
        ("replicas.min", { $0.replicas.map { Double($0.min) } }),
        ("replicas.avg", { $0.replicas?.avg }),
        ("replicas.max", { $0.replicas.map { Double($0.max) } }),
        ("scaleEvents", { $0.scaleEvents.map(Double.init) }),
        ("degradedSeconds", { $0.degradedSeconds }),
        ("requests.offered", { $0.requests?.offered }),
        ("requests.served", { $0.requests?.served }),
        ("requests.dropped", { $0.requests?.dropped }),
        ("jobs.created", { $0.jobs.map { Double($0.created) } }),
        ("jobs.succeeded", { $0.jobs.map { Double($0.succeeded) } }),
        ("jobs.failed", { $0.jobs.map { Double($0.failed) } }),
        ("jobs.replaced", { $0.jobs.map { Double($0.replaced) } }),
        ("completion.succeeded", { $0.completion.map { Double($0.succeeded) } }),
        ("completion.failed", { $0.completion.map { Double($0.failed) } }),
        ("completion.durationSeconds", { $0.completion?.durationSeconds }),
    ]

    /// The metric paths of an HPA's entry (target `HorizontalPodAutoscaler/namespace/name`).
    static let autoscalerMetrics: [(path: String, read: @Sendable (Autoscaler) -> Double?)] = [
        ("rescales", { Double($0.rescales) }),
        ("secondsAtMaxReplicas", { $0.secondsAtMaxReplicas }),
    ]

    /// The metric paths of a fault's entry (`faults[N].…`, without a target). A fault that did
    /// not recover, or a run with fewer faults, has no value: the expectation fails as missing.
    static let faultMetrics: [(path: String, read: @Sendable (Fault) -> Double?)] = [
        ("at", { $0.at }),
        ("recoverySeconds", { $0.recoverySeconds }),
    ]
}
