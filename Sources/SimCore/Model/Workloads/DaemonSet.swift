/// How a DaemonSet replaces its pods when its template changes (`spec.updateStrategy`).
public enum DaemonSetUpdateStrategy: Sendable, Hashable {
    /// Old pods are replaced node by node: at most `maxUnavailable` nodes without an available
    /// pod, or — with `maxSurge` above 0 — a new pod started beside the old one on up to
    /// `maxSurge` nodes, the old one deleted once the new one is available.
    case rollingUpdate(maxUnavailable: IntOrPercent, maxSurge: IntOrPercent)
    /// New pods only where the old ones are deleted by someone else.
    case onDelete

    /// Upstream's default: RollingUpdate, one node at a time, no surge.
    public static let `default` = DaemonSetUpdateStrategy.rollingUpdate(maxUnavailable: .int(1), maxSurge: .int(0))
}

/// An `apps/v1` DaemonSet as a manifest gives it, with upstream's defaults.
public struct DaemonSetSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var selector: LabelSelector
    public var template: PodTemplate
    public var updateStrategy: DaemonSetUpdateStrategy
    public var minReadySeconds: Int32
    public var revisionHistoryLimit: Int32

    public init(
        meta: ObjectMeta, selector: LabelSelector, template: PodTemplate, updateStrategy: DaemonSetUpdateStrategy = .default,
        minReadySeconds: Int32 = 0, revisionHistoryLimit: Int32 = 10
    ) {
        self.meta = meta
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

/// `DaemonSetStatus`, as upstream's `updateDaemonSetStatus` counts it.
public struct DaemonSetStatus: Sendable, Hashable {
    /// The revision the controller last synced (upstream's `observedGeneration`); 0 before its
    /// first sync, while the other counts mean nothing yet.
    public var observedGeneration: Int64 = 0
    /// Nodes that should run the daemon pod.
    public var desiredNumberScheduled: Int32 = 0
    /// Of those, nodes running at least one daemon pod.
    public var currentNumberScheduled: Int32 = 0
    /// Nodes running a daemon pod that should not.
    public var numberMisscheduled: Int32 = 0
    public var numberReady: Int32 = 0
    public var numberAvailable: Int32 = 0
    /// Nodes whose daemon pod has the current template.
    public var updatedNumberScheduled: Int32 = 0

    /// `desiredNumberScheduled − numberAvailable`.
    public var numberUnavailable: Int32 { max(0, desiredNumberScheduled - numberAvailable) }
}

/// A DaemonSet in the cluster.
public struct DaemonSet: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public internal(set) var spec: DaemonSetSpec
    public let selector: CompiledSelector
    /// The template's revision (`controller-revision-hash` stand-in): 1 at creation, bumped by
    /// every template change.
    public internal(set) var revision: Int64 = 1
    public internal(set) var status = DaemonSetStatus()
    /// Pods this DaemonSet owns, active, finished and terminating.
    public internal(set) var pods: [PodID] = []
    public internal(set) var deletedAt: SimTime?
}
