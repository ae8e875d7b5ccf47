/// An `expect` entry of a scenario: a summary value compared with a bound. `metric` is a path into
/// the summary: a workload's field ("availability", "replicas.max") when `target` names a
/// workload, otherwise a top-level path ("cluster.cost", "pods.pendingAtEnd").
public struct Expectation: Sendable, Hashable {
    /// The comparison, as written.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case atLeast = ">="
        case atMost = "<="
        case above = ">"
        case below = "<"
        case equal = "=="
        case notEqual = "!="

        /// Whether `actual op bound` holds.
        public func holds(_ actual: Double, _ bound: Double) -> Bool {
            switch self {
            case .atLeast: return actual >= bound
            case .atMost: return actual <= bound
            case .above: return actual > bound
            case .below: return actual < bound
            case .equal: return actual == bound
            case .notEqual: return actual != bound
            }
        }
    }

    public var metric: String
    /// The workload, as "Kind/namespace/name".
    public var target: String?
    public var op: Comparison
    public var value: Double

    public init(metric: String, target: String? = nil, op: Comparison, value: Double) {
        self.metric = metric
        self.target = target
        self.op = op
        self.value = value
    }

    /// Metric paths valid with a workload target.
    public static let workloadMetrics = ["availability", "replicas.min", "replicas.avg", "replicas.max", "scaleEvents",
                                         "requests.offered", "requests.served", "requests.dropped"]
    /// Metric paths valid without a target.
    public static let clusterMetrics = [
        "simulatedSeconds", "events", "cluster.nodes.min", "cluster.nodes.avg", "cluster.nodes.max", "cluster.nodeHours", "cluster.cost",
        "cluster.cpuRequestedRatio.avg", "cluster.cpuRequestedRatio.max", "cluster.memoryRequestedRatio.avg",
        "cluster.memoryRequestedRatio.max", "cluster.podsPendingMax", "cluster.schedulingLatencySeconds.p50",
        "cluster.schedulingLatencySeconds.p95", "cluster.schedulingLatencySeconds.p99", "pods.created", "pods.scheduled",
        "pods.pendingAtEnd", "pods.evicted", "pods.preempted",
    ]

    /// The value this expectation reads from a summary, or nil when it is missing.
    public func actual(in summary: JSONValue) -> Double? {
        var node: JSONValue? = summary
        if let target {
            guard case .array(let workloads)? = summary["workloads"] else { return nil }
            node = workloads.first { workload in
                guard case .string(let kind)? = workload["kind"], case .string(let namespace)? = workload["namespace"],
                      case .string(let name)? = workload["name"] else { return false }
                return "\(kind)/\(namespace)/\(name)" == target
            }
        }
        for key in metric.split(separator: ".") { node = node?[String(key)] }
        return node?.doubleValue
    }
}
