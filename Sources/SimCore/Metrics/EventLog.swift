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
