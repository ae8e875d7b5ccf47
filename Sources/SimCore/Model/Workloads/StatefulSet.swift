/// How a StatefulSet creates and deletes pods (`spec.podManagementPolicy`).
public enum PodManagementPolicy: String, Sendable, Hashable {
    /// One at a time, in ordinal order: pod N+1 only once pod N is Running and Ready; scale-down
    /// from the highest ordinal, each after the one above is gone.
    case orderedReady = "OrderedReady"
    /// All at once.
    case parallel = "Parallel"
}

/// How a StatefulSet replaces pods when its template changes (`spec.updateStrategy`).
public enum StatefulSetUpdateStrategy: Sendable, Hashable {
    /// From the highest ordinal down to `partition`, one pod at a time, each once the others
    /// are Running and Ready.
    case rollingUpdate(partition: Int32)
    /// New pods only where the old ones are deleted by someone else.
    case onDelete

    /// Upstream's default: RollingUpdate with partition 0.
    public static let `default` = StatefulSetUpdateStrategy.rollingUpdate(partition: 0)
}

/// A `persistentVolumeClaimRetentionPolicy` entry and the claims of `volumeClaimTemplates` are
/// read from the manifest; the claims are what pins a pod to a zone.
public struct StatefulSetSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var replicas: Int32
    public var selector: LabelSelector
    public var template: PodTemplate
    public var serviceName: String
    public var podManagementPolicy: PodManagementPolicy
    public var updateStrategy: StatefulSetUpdateStrategy
    public var minReadySeconds: Int32
    public var revisionHistoryLimit: Int32
    /// `spec.ordinals.start`.
    public var ordinalStart: Int32
    /// `volumeClaimTemplates`: each pod gets a claim `<template>-<set>-<ordinal>` of each, kept
    /// when the pod goes (the default `Retain` policy), so a recreated pod finds its volume.
    public var volumeClaimTemplates: [PersistentVolumeClaimSpec] = []

    public init(
        meta: ObjectMeta, replicas: Int32 = 1, selector: LabelSelector, template: PodTemplate, serviceName: String = "",
        podManagementPolicy: PodManagementPolicy = .orderedReady, updateStrategy: StatefulSetUpdateStrategy = .default,
        minReadySeconds: Int32 = 0, revisionHistoryLimit: Int32 = 10, ordinalStart: Int32 = 0
    ) {
        self.meta = meta
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.ordinalStart = ordinalStart
    }
}

/// `StatefulSetStatus`.
public struct StatefulSetStatus: Sendable, Hashable {
    public var replicas: Int32 = 0
    public var readyReplicas: Int32 = 0
    public var availableReplicas: Int32 = 0
    /// Pods at `currentRevision`, and at `updateRevision`.
    public var currentReplicas: Int32 = 0
    public var updatedReplicas: Int32 = 0
    public var currentRevision: Int64 = 0
    public var updateRevision: Int64 = 0
}

/// A StatefulSet in the cluster.
public struct StatefulSet: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public internal(set) var spec: StatefulSetSpec
    public let selector: CompiledSelector
    /// The template's revision: 1 at creation, bumped by every template change.
    public internal(set) var revision: Int64 = 1
    public internal(set) var status = StatefulSetStatus()
    /// Pods this StatefulSet owns, active and terminating.
    public internal(set) var pods: [PodID] = []
    public internal(set) var deletedAt: SimTime?
}
