import SimCore

/// A number a study reads from each run's summary, addressed as `expect` addresses it: a
/// top-level path (`cluster.cpuRequestedRatio.max`, `pods.pendingAtEnd`) or a workload's field
/// written `workloads[Kind/namespace/name].field` (`workloads[Deployment/shop/frontend].availability`).
public struct StudyMetric: Sendable, Hashable {
    public var metric: String
    public var target: String?

    /// The path as written, and as outputs name it.
    public var path: String { target.map { "workloads[\($0)].\(metric)" } ?? metric }

    public init(metric: String, target: String? = nil) {
        self.metric = metric
        self.target = target
    }

    /// Parses a path; nil when it names no summary field.
    public init?(path: String) {
        if path.hasPrefix("workloads["), let close = path.firstIndex(of: "]") {
            let target = String(path[path.index(path.startIndex, offsetBy: 10)..<close])
            let rest = path[path.index(after: close)...]
            let parts = target.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
            let full = parts.count == 2 ? "\(parts[0])/default/\(parts[1])" : target
            guard rest.hasPrefix("."), Expectation.isMetric(String(rest.dropFirst()), forTarget: full) else { return nil }
            self.init(metric: String(rest.dropFirst()), target: full)
        } else {
            guard Expectation.isMetric(path, forTarget: nil) else { return nil }
            self.init(metric: path)
        }
    }

    /// The value in a summary; nil when the summary has none (a workload that does not exist).
    public func read(_ summary: RunSummary) -> Double? {
        summary.value(of: metric, target: target)
    }

    /// The metrics a study reports when none are asked for: the cluster's size, use and waits,
    /// then the availability of each of `workloads` (`Kind/namespace/name`).
    public static func defaults(workloads: [String]) -> [StudyMetric] {
        let cluster = [
            "cluster.nodes.max", "cluster.cost", "cluster.cpuRequestedRatio.avg", "cluster.cpuRequestedRatio.max",
            "cluster.memoryRequestedRatio.max", "cluster.podsPendingMax", "cluster.schedulingLatencySeconds.p99", "pods.pendingAtEnd",
            "pods.evicted",
        ].map { StudyMetric(metric: $0) }
        return cluster + workloads.map { StudyMetric(metric: "availability", target: $0) }
    }
}
