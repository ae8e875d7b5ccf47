/// `Normal` or `Warning`, as Kubernetes event types.
public enum EventType: String, Sendable {
    case normal = "Normal"
    case warning = "Warning"
}

/// The object an event is about: kind, namespace and name (namespace empty for cluster objects).
public struct ObjectReference: Sendable, Hashable {
    public var kind: String
    public var namespace: String
    public var name: String

    public init(kind: String, namespace: String = "", name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// "Kind/namespace/name", or "Kind/name" without a namespace.
    public var path: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }
}

/// One row of `events.csv`: an event as `kubectl get events` would show it.
public struct EventRecord: Sendable, Equatable {
    public var time: SimTime
    public var type: EventType
    public var reason: String
    public var object: ObjectReference
    public var node: String
    public var message: String
}

/// One row of `placements.csv`: a pod bound to a node.
public struct PlacementRecord: Sendable, Equatable {
    public var time: SimTime
    /// "namespace/name".
    public var pod: String
    public var node: String
    /// "Kind/namespace/name" of the top owner (the pod itself when it has none).
    public var workload: String
    public var attempts: Int32
    /// From creation to binding.
    public var wait: SimTime
}

/// The long-format time series: one row per (time, metric, object) sample.
public struct TimeSeries: Sendable, Equatable {
    private var metricIDs: [String: Int32] = [:]
    private var objectIDs: [String: Int32] = [:]
    public private(set) var metricNames: [String] = []
    public private(set) var objectNames: [String] = []
    public private(set) var times: [SimTime] = []
    public private(set) var metrics: [Int32] = []
    public private(set) var objects: [Int32] = []
    public private(set) var values: [Double] = []

    /// Appends one sample.
    public mutating func record(_ time: SimTime, _ metric: String, _ object: String, _ value: Double) {
        times.append(time)
        metrics.append(Self.intern(metric, in: &metricIDs, names: &metricNames))
        objects.append(Self.intern(object, in: &objectIDs, names: &objectNames))
        values.append(value)
    }

    private static func intern(_ name: String, in ids: inout [String: Int32], names: inout [String]) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// Number of rows.
    public var count: Int { times.count }

    /// The values of `metric` for `object`, in time order.
    public func series(_ metric: String, object: String) -> [(time: SimTime, value: Double)] {
        guard let metricID = metricIDs[metric], let objectID = objectIDs[object] else { return [] }
        return times.indices.compactMap { index in
            metrics[index] == metricID && objects[index] == objectID ? (times[index], values[index]) : nil
        }
    }
}
