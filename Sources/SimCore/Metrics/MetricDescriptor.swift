/// What one metric of `timeseries.csv` is: its name, type, unit, meaning, and the object it
/// describes (which says its labels). The descriptors of `MetricCatalog` are the one table the
/// CSV series, docs/metrics-reference.md (a test compares the two) and exports are made from.
public struct MetricDescriptor: Sendable, Hashable {
    /// OpenMetrics' metric types kubesim uses.
    public enum MetricType: String, Sendable, Hashable {
        /// A value at the sample's instant.
        case gauge
        /// A total since the start, never decreasing.
        case counter
    }

    /// What a series of the metric describes.
    public enum Subject: Sendable, Hashable {
        case cluster
        case nodePool
        case deployment
        case replicaSet
        case daemonSet
        case statefulSet
        case job
        case cronJob
        /// The target of traffic: a Deployment or a Service.
        case trafficTarget
        case horizontalPodAutoscaler

        /// The `object` column as docs/metrics-reference.md describes it.
        public var documented: String {
            switch self {
            case .cluster: "cluster"
            case .nodePool: "NodePool/…"
            case .deployment: "Deployment/…"
            case .replicaSet: "ReplicaSet/…"
            case .daemonSet: "DaemonSet/…"
            case .statefulSet: "StatefulSet/…"
            case .job: "Job/…"
            case .cronJob: "CronJob/…"
            case .trafficTarget: "traffic target"
            case .horizontalPodAutoscaler: "HorizontalPodAutoscaler/…"
            }
        }
    }

    /// The metric name: kube-state-metrics' where one exists, `kubesim_*` otherwise.
    public let name: String
    public let type: MetricType
    public let subject: Subject
    /// The unit of the values, as the docs table gives it (`nodes`, `fraction`, `requests/s`, …).
    public let unit: String
    /// The meaning, as the docs table gives it.
    public let help: String

    public init(_ name: String, _ type: MetricType, _ subject: Subject, unit: String, help: String) {
        self.name = name
        self.type = type
        self.subject = subject
        self.unit = unit
        self.help = help
    }

    /// The same metric under another name (an HPA metric's series named after its source).
    func named(_ name: String) -> MetricDescriptor {
        MetricDescriptor(name, type, subject, unit: unit, help: help)
    }
}

/// The object a series describes, as its labels: the cluster, a node pool, or an object by kind,
/// namespace and name. The `object` column of `timeseries.csv` is derived from it.
public enum SeriesObject: Sendable, Hashable {
    case cluster
    case nodePool(String)
    case object(ObjectReference)

    /// `cluster`, `NodePool/<name>`, or `<Kind>/<namespace>/<name>`.
    public var column: String {
        switch self {
        case .cluster: "cluster"
        case .nodePool(let name): "NodePool/\(name)"
        case .object(let reference): reference.path
        }
    }

    /// The labels, by name, as kube-state-metrics writes them: none for the cluster,
    /// `node_pool` for a pool, and for an object `namespace` then a label named after its kind
    /// (`deployment="frontend"`, see `labelName(kind:)`). The OpenMetrics export writes them.
    public var labels: [(name: String, value: String)] {
        switch self {
        case .cluster: []
        case .nodePool(let name): [("node_pool", name)]
        case .object(let reference): [("namespace", reference.namespace), (Self.labelName(kind: reference.kind), reference.name)]
        }
    }

    /// The label that names an object of `kind`, as kube-state-metrics calls it: the kind in
    /// lower case (`deployment`, `replicaset`, `statefulset`, `daemonset`, `cronjob`, `service`,
    /// `horizontalpodautoscaler`), except `job_name` for a Job, since Prometheus gives `job` to
    /// the scrape job. Characters a label name cannot hold become `_`.
    public static func labelName(kind: String) -> String {
        if kind == "Job" { return "job_name" }
        let name = String(kind.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        return name.first?.isLetter == true ? name : "kind_" + name
    }
}
