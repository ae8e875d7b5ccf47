/// What a traffic source sends requests to.
public enum TrafficTarget: Sendable, Hashable {
    /// The Ready pods a Deployment's selector picks in its namespace.
    case deployment(namespace: String, name: String)
    /// A `v1.Service`'s endpoints: the Ready pods its selector picks in its namespace.
    case service(namespace: String, name: String)

    /// The namespace of the target.
    public var namespace: String {
        switch self {
        case .deployment(let namespace, _), .service(let namespace, _): namespace
        }
    }

    /// The target as events and outputs name objects.
    public var objectReference: ObjectReference {
        switch self {
        case .deployment(let namespace, let name): ObjectReference(kind: WorkloadKind.deployment.name, namespace: namespace, name: name)
        case .service(let namespace, let name): ObjectReference(kind: "Service", namespace: namespace, name: name)
        }
    }

    /// `Kind/namespace/name`, as outputs name objects.
    public var path: String { objectReference.path }
}

/// One entry of the scenario's `traffic` section: requests sent to a workload's pods and what
/// each request costs them.
public struct TrafficSpec: Sendable, Hashable {
    public var target: TrafficTarget
    public var rate: RateShape
    /// Relative noise: each tick multiplies the rate by `max(0, 1 + noise × z)` with z drawn from
    /// a standard normal distribution (a stream of its own per source).
    public var noise: Double
    /// CPU time one request costs, in millicore-seconds: at 1 request/s a pod uses this many
    /// millicores.
    public var cpuPerRequest: Double
    /// CPU a running pod uses with no requests, in millicores.
    public var idleCPU: Double
    /// Memory per request/s, in bytes (memory held by requests in flight).
    public var memoryPerRequest: Double
    /// Memory a running pod uses with no requests, in bytes.
    public var idleMemory: Double
    /// When requests begin (none before), so that a scenario can let its pods start first.
    public var start: SimTime
    /// The name under which HPAs find this traffic as a Pods metric (per pod) or an External
    /// metric (in total).
    public var metricName: String

    /// The metric name HPAs use when a source names none.
    public static let defaultMetricName = "requests_per_second"

    public init(
        target: TrafficTarget, rate: RateShape, noise: Double = 0, cpuPerRequest: Double = 0, idleCPU: Double = 0,
        memoryPerRequest: Double = 0, idleMemory: Double = 0, start: SimTime = 0, metricName: String = TrafficSpec.defaultMetricName
    ) {
        self.target = target
        self.rate = rate
        self.noise = noise
        self.cpuPerRequest = cpuPerRequest
        self.idleCPU = idleCPU
        self.memoryPerRequest = memoryPerRequest
        self.idleMemory = idleMemory
        self.start = start
        self.metricName = metricName
    }
}

extension TrafficSpec {
    /// The requests per second sent at `time`, before noise.
    func rate(at time: SimTime) -> Double {
        time < start ? 0 : rate.rate(at: time)
    }

    /// Instants where the rate jumps or bends.
    func corners(after time: SimTime) -> [SimTime] {
        (start > time ? [start] : []) + rate.corners(after: time).filter { $0 != start }
    }
}
