/// Why the HPA could not compute a proposal from a metric; the text is upstream's.
public struct MetricError: Error, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

/// The HPA's replica calculator (upstream's `ReplicaCalculator`, reference §3.3–3.4): from the
/// pods a target selects and their metric samples, the replica count that would bring the metric
/// to its target.
///
/// Values are integers in milli-units and the arithmetic is upstream's: utilization is a whole
/// percent by integer division, averages are integer divisions, ratios are floating point and
/// proposals round up.
public struct ReplicaCalculator: Sendable {
    /// A pod as the calculator sees it (plain values: the controller builds one per pod per sync).
    public struct PodState: Sendable {
        public var phase: PodPhase
        /// `deletionTimestamp` is set.
        public var deleting: Bool
        /// The Ready condition: nil while the pod has none (the kubelet has not reported yet).
        public var ready: (status: Bool, lastTransition: SimTime)?
        /// `status.startTime`.
        public var startTime: SimTime?

        public init(phase: PodPhase, deleting: Bool = false, ready: (status: Bool, lastTransition: SimTime)?, startTime: SimTime?) {
            self.phase = phase
            self.deleting = deleting
            self.ready = ready
            self.startTime = startTime
        }
    }

    /// A pod's metric value with when and over what window it was measured.
    public struct Sample: Sendable, Hashable {
        public var value: Int64
        public var timestamp: SimTime
        public var window: SimTime

        public init(value: Int64, timestamp: SimTime = 0, window: SimTime = 0) {
            self.value = value
            self.timestamp = timestamp
            self.window = window
        }
    }

    /// `--horizontal-pod-autoscaler-tolerance`.
    public var tolerance = 0.1
    /// `--horizontal-pod-autoscaler-cpu-initialization-period`.
    public var cpuInitializationPeriod: SimTime = 5 * Millis.minute
    /// `--horizontal-pod-autoscaler-initial-readiness-delay`.
    public var initialReadinessDelay: SimTime = 30 * Millis.second

    public init() {}

    // MARK: Resource metrics

    /// `GetResourceReplicas`: a Resource metric with a utilization target, given each pod's
    /// request of the resource (`podName` names a pod for the missing-request error). Returns the
    /// proposal, the utilization (percent) and the raw average usage.
    public func resourceReplicas(
        current: Int32, targetUtilization: Int32, resource: String, pods: [PodState], requests podRequests: [AutoscalingRequest],
        samples: [Sample?], now: SimTime, podName: (Int) -> String
    ) throws(MetricError)
        -> (replicas: Int32, utilization: Int32, rawAverage: Int64)
    {
        guard samples.contains(where: { $0 != nil }) else {
            throw MetricError("unable to get metrics for resource \(resource): no metrics returned from resource metrics API")
        }
        guard !pods.isEmpty else { throw MetricError("no pods returned by selector while calculating replica count") }
        let groups = group(pods, samples: samples, resource: resource, now: now)
        var metrics = groups.metrics
        guard !metrics.isEmpty else { throw MetricError("did not receive metrics for targeted pods (pods might be unready)") }
        var requests: [Int64] = []
        for (index, request) in podRequests.enumerated() {
            switch request {
            case .total(let amount): requests.append(amount)
            case .missing(let container): throw MetricError("missing request for \(resource) in container \(container) of Pod \(podName(index))")
            }
        }
        let (ratio, utilization, rawAverage) = try utilizationRatio(metrics, requests: requests, target: targetUtilization)
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if abs(1 - ratio) <= tolerance { return (current, utilization, rawAverage) }
            return (Self.ceil(ratio * Double(groups.readyCount)), utilization, rawAverage)
        }
        if !groups.missing.isEmpty {
            if ratio < 1 {
                let fallback = Int64(max(100, targetUtilization))
                for pod in groups.missing { metrics.append((pod, requests[pod] * fallback / 100)) }
            } else if ratio > 1 {
                for pod in groups.missing { metrics.append((pod, 0)) }
            }
        }
        if scaleUpWithUnready {
            for pod in groups.unready { metrics.append((pod, 0)) }
        }
        let (newRatio, _, _) = try utilizationRatio(metrics, requests: requests, target: targetUtilization)
        if abs(1 - newRatio) <= tolerance || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1) {
            return (current, utilization, rawAverage)
        }
        let proposal = Self.ceil(newRatio * Double(metrics.count))
        if (newRatio < 1 && proposal > current) || (newRatio > 1 && proposal < current) { return (current, utilization, rawAverage) }
        return (proposal, utilization, rawAverage)
    }

    /// `GetRawResourceReplicas`: a Resource metric with an average-value target.
    public func rawResourceReplicas(
        current: Int32, targetAverage: Int64, resource: String, pods: [PodState], samples: [Sample?],
        now: SimTime
    ) throws(MetricError) -> (replicas: Int32, average: Int64) {
        guard samples.contains(where: { $0 != nil }) else {
            throw MetricError("unable to get metrics for resource \(resource): no metrics returned from resource metrics API")
        }
        return try plainReplicas(current: current, targetAverage: targetAverage, resource: resource, pods: pods, samples: samples, now: now)
    }

    // MARK: Pods, Object and External metrics

    /// `GetMetricReplicas`: a Pods metric (average value per pod).
    public func podsMetricReplicas(
        current: Int32, targetAverage: Int64, metric: String, pods: [PodState], samples: [Sample?],
        now: SimTime
    ) throws(MetricError) -> (replicas: Int32, average: Int64) {
        guard samples.contains(where: { $0 != nil }) else {
            throw MetricError("unable to get metric \(metric): no metrics returned from custom metrics API")
        }
        return try plainReplicas(current: current, targetAverage: targetAverage, resource: nil, pods: pods, samples: samples, now: now)
    }

    /// `GetObjectMetricReplicas` and `GetExternalMetricReplicas`: a total value against a total
    /// target, scaled by the Running and Ready pods (or from zero, by the ratio alone).
    public func valueReplicas(current: Int32, usage: Int64, target: Int64, readyPods: Int, selectedPods: Int) throws(MetricError) -> Int32 {
        let ratio = Double(usage) / Double(target)
        guard current != 0 else { return Self.ceil(ratio) }
        if abs(1 - ratio) <= tolerance { return current }
        guard selectedPods > 0 else {
            throw MetricError("unable to calculate ready pods: no pods returned by selector while calculating replica count")
        }
        return Self.ceil(ratio * Double(readyPods))
    }

    /// `GetObjectPerPodMetricReplicas` and `GetExternalPerPodMetricReplicas`: a total value
    /// against a per-pod target, from the target's current pod count. Returns the proposal and
    /// the per-pod usage (rounded up).
    public func perPodReplicas(statusReplicas: Int32, usage: Int64, targetAverage: Int64) -> (replicas: Int32, average: Int64) {
        var replicas = statusReplicas
        let ratio = Double(usage) / (Double(targetAverage) * Double(statusReplicas))
        if abs(1 - ratio) > tolerance { replicas = Self.ceil(Double(usage) / Double(targetAverage)) }
        let average = Double(usage) / Double(statusReplicas)
        return (replicas, average.isFinite ? Int64(average.rounded(.up)) : 0)
    }

    // MARK: Shared steps

    /// `calcPlainMetricReplicas`.
    private func plainReplicas(
        current: Int32, targetAverage: Int64, resource: String?, pods: [PodState], samples: [Sample?],
        now: SimTime
    ) throws(MetricError) -> (replicas: Int32, average: Int64) {
        guard !pods.isEmpty else { throw MetricError("no pods returned by selector while calculating replica count") }
        let groups = group(pods, samples: samples, resource: resource, now: now)
        var metrics = groups.metrics
        guard !metrics.isEmpty else { throw MetricError("did not receive metrics for targeted pods (pods might be unready)") }
        let (ratio, usage) = Self.usageRatio(metrics, target: targetAverage)
        let scaleUpWithUnready = !groups.unready.isEmpty && ratio > 1
        if !scaleUpWithUnready && groups.missing.isEmpty {
            if abs(1 - ratio) <= tolerance { return (current, usage) }
            return (Self.ceil(ratio * Double(groups.readyCount)), usage)
        }
        // As for Resource metrics, missing pods are filled only when the ratio points somewhere:
        // at exactly 1 they are left out, and the count stays (upstream's
        // TestPlainMetricReplicaCalcMissingMetricsNoChangeEq).
        if ratio < 1 {
            for pod in groups.missing { metrics.append((pod, targetAverage)) }
        } else if ratio > 1 {
            for pod in groups.missing { metrics.append((pod, 0)) }
        }
        if scaleUpWithUnready {
            for pod in groups.unready { metrics.append((pod, 0)) }
        }
        let (newRatio, _) = Self.usageRatio(metrics, target: targetAverage)
        if abs(1 - newRatio) <= tolerance || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1) { return (current, usage) }
        let proposal = Self.ceil(newRatio * Double(metrics.count))
        if (newRatio < 1 && proposal > current) || (newRatio > 1 && proposal < current) { return (current, usage) }
        return (proposal, usage)
    }

    /// `groupPods`: the pods with usable samples (as (pod index, value)), the ready count, and
    /// the unready and missing pods (by index). Deleted and failed pods are ignored; pending pods
    /// are unready; for CPU, a pod is also unready while its first samples may still include its
    /// start-up burst.
    private func group(_ pods: [PodState], samples: [Sample?], resource: String?, now: SimTime)
        -> (metrics: [(pod: Int, value: Int64)], readyCount: Int, unready: [Int], missing: [Int])
    {
        var metrics: [(pod: Int, value: Int64)] = []
        var unready: [Int] = [], missing: [Int] = []
        for (index, pod) in pods.enumerated() {
            if pod.deleting || pod.phase == .failed { continue }
            if pod.phase == .pending {
                unready.append(index)
                continue
            }
            guard let sample = samples[index] else {
                missing.append(index)
                continue
            }
            if resource == ResourceName.cpu && isUnreadyForCPU(pod, sample: sample, now: now) {
                unready.append(index)
                continue
            }
            metrics.append((index, sample.value))
        }
        return (metrics, metrics.count, unready, missing)
    }

    private func isUnreadyForCPU(_ pod: PodState, sample: Sample, now: SimTime) -> Bool {
        guard let ready = pod.ready, let start = pod.startTime else { return true }
        if start + cpuInitializationPeriod > now {
            return !ready.status || sample.timestamp < ready.lastTransition + sample.window
        }
        return !ready.status && start + initialReadinessDelay > ready.lastTransition
    }

    /// `GetResourceUtilizationRatio`.
    private func utilizationRatio(
        _ metrics: [(pod: Int, value: Int64)], requests: [Int64],
        target: Int32
    ) throws(MetricError) -> (ratio: Double, utilization: Int32, rawAverage: Int64) {
        var usage: Int64 = 0, requested: Int64 = 0
        for (pod, value) in metrics {
            usage += value
            requested += requests[pod]
        }
        guard requested != 0 else { throw MetricError("no metrics returned matched known pods") }
        let utilization = Int32(truncatingIfNeeded: usage * 100 / requested)
        return (Double(utilization) / Double(target), utilization, usage / Int64(metrics.count))
    }

    /// `GetMetricUsageRatio`.
    private static func usageRatio(_ metrics: [(pod: Int, value: Int64)], target: Int64) -> (ratio: Double, usage: Int64) {
        let usage = metrics.reduce(Int64(0)) { $0 + $1.value } / Int64(metrics.count)
        return (Double(usage) / Double(target), usage)
    }

    /// `int32(x)` (towards zero), saturating instead of wrapping.
    static func truncated(_ value: Double) -> Int32 {
        guard value.isFinite else { return value > 0 ? Int32.max : Int32.min }
        return Int32(max(Double(Int32.min), min(Double(Int32.max), value.rounded(.towardZero))))
    }

    /// `int32(math.Ceil(x))`, saturating instead of wrapping.
    static func ceil(_ value: Double) -> Int32 {
        let rounded = value.rounded(.up)
        guard rounded.isFinite else { return rounded > 0 ? Int32.max : Int32.min }
        return Int32(max(Double(Int32.min), min(Double(Int32.max), rounded)))
    }
}
