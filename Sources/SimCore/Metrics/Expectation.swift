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
    public static var workloadMetrics: [String] { RunSummary.workloadMetrics.map(\.path) }
    /// Metric paths valid with a `HorizontalPodAutoscaler/namespace/name` target.
    public static var autoscalerMetrics: [String] { RunSummary.autoscalerMetrics.map(\.path) }
    /// Metric paths valid without a target, as written in messages: a fault's are `faults[N].…`.
    public static var clusterMetrics: [String] {
        RunSummary.clusterMetrics.map(\.path) + RunSummary.faultMetrics.map { "faults[N].\($0.path)" }
    }

    /// The metric paths valid for `target` (nil: the top level), as messages list them.
    public static func metrics(forTarget target: String?) -> [String] {
        guard let target else { return clusterMetrics }
        return target.hasPrefix(RunSummary.autoscalerKind + "/") ? autoscalerMetrics : workloadMetrics
    }

    /// Whether `metric` is a path of the summary for `target`; `faults[N].field` takes any N.
    public static func isMetric(_ metric: String, forTarget target: String?) -> Bool {
        if target == nil, let (_, field) = RunSummary.faultPath(metric) { return RunSummary.faultMetrics.contains { $0.path == field } }
        return metrics(forTarget: target).contains(metric) && !metric.hasPrefix("faults[")
    }

    /// The value this expectation reads from a summary and whether the comparison holds (a
    /// missing value fails).
    public func check(_ summary: RunSummary) -> RunSummary.ExpectationResult {
        let actual = summary.value(of: metric, target: target)
        return RunSummary.ExpectationResult(expectation: self, actual: actual, passed: actual.map { op.holds($0, value) } ?? false)
    }
}
