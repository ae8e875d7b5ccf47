/// A dense index into one table of the cluster state (nodes, ReplicaSets, Deployments, pod specs,
/// interned strings), typed so that an index of one table cannot be used on another: a
/// `NodeID` is not a `ReplicaSetID`, though both are an `Int32` underneath.
///
/// Tables are flat arrays, so an ID is a position: `index` reads it as an `Int` for array
/// subscripts, and `Int(id)` does the same.
public protocol DenseID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the table.
    var rawValue: Int32 { get }
    init(rawValue: Int32)
}

extension DenseID {
    /// The ID of the entry at `index`.
    @inlinable
    public init(_ index: Int) { self.init(rawValue: Int32(truncatingIfNeeded: index)) }

    /// The position in the table, for array subscripts.
    @inlinable
    public var index: Int { Int(rawValue) }

    @inlinable
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}

extension Int {
    /// The position `id` names in its table.
    @inlinable
    public init<ID: DenseID>(_ id: ID) { self = Int(id.rawValue) }
}

/// A node, by its index in the node table. Indices are never reused within a run.
public struct NodeID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A ReplicaSet, by its index in the cluster's ReplicaSet table.
public struct ReplicaSetID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A Deployment, by its index in the cluster's Deployment table.
public struct DeploymentID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A pod spec shared by the pods of one template, by its index in the spec table.
public struct PodSpecID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// An interned string: label keys and values, namespaces, taint keys.
///
/// Hot paths compare these integers instead of strings. IDs are handed out in first-seen order, so
/// they are the same on every run of the same scenario.
public struct Symbol: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A DaemonSet, by its index in the cluster's DaemonSet table.
public struct DaemonSetID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A StatefulSet, by its index in the cluster's StatefulSet table.
public struct StatefulSetID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A Job, by its index in the cluster's Job table.
public struct JobID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A PersistentVolumeClaim, by its index in the cluster's claim table.
public struct ClaimID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A PersistentVolume, by its index in the cluster's volume table.
public struct VolumeID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A CronJob, by its index in the cluster's CronJob table.
public struct CronJobID: DenseID {
    public let rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
}
