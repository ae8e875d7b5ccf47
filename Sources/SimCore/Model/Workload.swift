/// The kinds of workload controller kubesim runs. Faults, timeline events, HPAs, expectations and
/// outputs name a workload by its kind; what a kind can do (be scaled, own pods) is asked of the
/// kind rather than spelled out where it is used.
public enum WorkloadKind: String, Sendable, Hashable, CaseIterable {
    case deployment = "Deployment"
    case replicaSet = "ReplicaSet"
    case daemonSet = "DaemonSet"
    case statefulSet = "StatefulSet"
    case job = "Job"
    case cronJob = "CronJob"

    /// The kind as manifests and outputs write it: `Deployment`, `ReplicaSet`.
    public var name: String { rawValue }

    /// The kind called `name` (`Deployment`, `ReplicaSet`), or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// True when the kind has the `/scale` subresource that `kubectl scale` and the HPA use.
    public var isScalable: Bool {
        switch self {
        case .deployment, .replicaSet, .statefulSet: true
        case .daemonSet, .job, .cronJob: false
        }
    }

    /// The API group of the kind's resource, as upstream's error messages name it
    /// (`deployments.apps "web" not found`).
    public var resource: String {
        switch self {
        case .deployment: "deployments.apps"
        case .replicaSet: "replicasets.apps"
        case .daemonSet: "daemonsets.apps"
        case .statefulSet: "statefulsets.apps"
        case .job: "jobs.batch"
        case .cronJob: "cronjobs.batch"
        }
    }

    /// The kinds that can be scaled, by name, for messages and hints.
    public static var scalableNames: [String] { allCases.filter(\.isScalable).map(\.name) }
}

/// One workload object in the cluster: its kind and its ID in that kind's table.
public enum WorkloadRef: Sendable, Hashable {
    case deployment(DeploymentID)
    case replicaSet(ReplicaSetID)
    case daemonSet(DaemonSetID)
    case statefulSet(StatefulSetID)
    case job(JobID)
    case cronJob(CronJobID)

    public var kind: WorkloadKind {
        switch self {
        case .deployment: .deployment
        case .replicaSet: .replicaSet
        case .daemonSet: .daemonSet
        case .statefulSet: .statefulSet
        case .job: .job
        case .cronJob: .cronJob
        }
    }
}

/// A workload named in a scenario (a fault's or an HPA's target): its kind, namespace and name.
public struct WorkloadReference: Sendable, Hashable {
    public var kind: WorkloadKind
    public var namespace: String
    public var name: String

    public init(kind: WorkloadKind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind/namespace/name`.
    public var path: String { "\(kind.name)/\(namespace)/\(name)" }
}
