/// Name, namespace, labels and annotations of an object, as written in its manifest.
public struct ObjectMeta: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var labels: Labels
    public var annotations: Labels

    public init(name: String, namespace: String = "default", labels: Labels = Labels(), annotations: Labels = Labels()) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }
}

/// An integer or a percentage, as `intstr.IntOrString` fields such as `maxSurge` hold them.
public enum IntOrPercent: Sendable, Hashable {
    case int(Int32)
    case percent(Int32)
}

/// A `apps/v1` ReplicaSet as a manifest gives it.
public struct ReplicaSetSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var replicas: Int32
    public var selector: LabelSelector
    public var template: PodTemplate
    public var minReadySeconds: Int32

    public init(meta: ObjectMeta, replicas: Int32 = 1, selector: LabelSelector, template: PodTemplate, minReadySeconds: Int32 = 0) {
        self.meta = meta
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.minReadySeconds = minReadySeconds
    }
}

/// How a Deployment replaces pods when its template changes.
public enum DeploymentStrategy: Sendable, Hashable {
    case recreate
    case rollingUpdate(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent)

    /// Upstream's default: RollingUpdate with 25 % surge and 25 % unavailable.
    public static let `default` = DeploymentStrategy.rollingUpdate(maxSurge: .percent(25), maxUnavailable: .percent(25))
}

/// A `apps/v1` Deployment as a manifest gives it, with upstream's defaults.
public struct DeploymentSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var replicas: Int32
    public var selector: LabelSelector
    public var template: PodTemplate
    public var strategy: DeploymentStrategy
    public var minReadySeconds: Int32
    public var revisionHistoryLimit: Int32
    public var progressDeadlineSeconds: Int32
    public var paused: Bool

    public init(
        meta: ObjectMeta, replicas: Int32 = 1, selector: LabelSelector, template: PodTemplate,
        strategy: DeploymentStrategy = .default, minReadySeconds: Int32 = 0, revisionHistoryLimit: Int32 = 10,
        progressDeadlineSeconds: Int32 = 600, paused: Bool = false
    ) {
        self.meta = meta
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.progressDeadlineSeconds = progressDeadlineSeconds
        self.paused = paused
    }
}

/// `ReplicaSetStatus`.
public struct ReplicaSetStatus: Sendable, Hashable {
    public var replicas: Int32 = 0
    public var readyReplicas: Int32 = 0
    public var availableReplicas: Int32 = 0
}

/// A ReplicaSet in the cluster.
public struct ReplicaSet: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public let labels: Labels
    public let selector: CompiledSelector
    /// The template as the ReplicaSet holds it (a Deployment adds `pod-template-hash`).
    public let template: PodTemplate
    public let templateSpec: PodSpecID
    public let templateLabels: LabelSet
    /// The owning Deployment, if any.
    public let owner: DeploymentID?
    public internal(set) var replicas: Int32
    public internal(set) var minReadySeconds: Int32
    /// `deployment.kubernetes.io/revision`.
    public internal(set) var revision: Int64
    /// `deployment.kubernetes.io/desired-replicas`: the Deployment's replicas when it last scaled this.
    public internal(set) var desiredReplicasAnnotation: Int32?
    /// `deployment.kubernetes.io/max-replicas`: replicas + maxSurge at that time.
    public internal(set) var maxReplicasAnnotation: Int32?
    public internal(set) var status = ReplicaSetStatus()
    /// Pods this ReplicaSet owns, active and terminating.
    public internal(set) var pods: [PodID] = []
    public internal(set) var deletedAt: SimTime?
}

/// A Deployment condition (`Available` or `Progressing`), as upstream writes it.
public struct DeploymentCondition: Sendable, Hashable {
    public var status: Bool
    public var reason: String
    public var message: String
    public var lastUpdate: SimTime
    public var lastTransition: SimTime
}

/// `DeploymentStatus`.
public struct DeploymentStatus: Sendable, Hashable {
    public var replicas: Int32 = 0
    public var updatedReplicas: Int32 = 0
    public var readyReplicas: Int32 = 0
    public var availableReplicas: Int32 = 0
    public var available: DeploymentCondition?
    public var progressing: DeploymentCondition?
}

/// One rollout of a Deployment: from the moment its new ReplicaSet appeared (or was brought back)
/// until the Deployment was complete, or its progress deadline passed.
public struct RolloutRecord: Sendable, Hashable {
    public var revision: Int64
    public var startedAt: SimTime
    public var completedAt: SimTime?
    /// Set when the Progressing condition turned False with ProgressDeadlineExceeded.
    public var timedOutAt: SimTime?
}

/// A Deployment in the cluster.
public struct Deployment: Sendable {
    public let name: String
    public let namespace: Symbol
    public let uid: Int64
    public let createdAt: SimTime
    public internal(set) var spec: DeploymentSpec
    public let selector: CompiledSelector
    public internal(set) var status = DeploymentStatus()
    /// ReplicaSets this Deployment owns, oldest first.
    public internal(set) var replicaSets: [ReplicaSetID] = []
    /// `status.collisionCount`: bumped when a new ReplicaSet's name is taken.
    public internal(set) var collisionCount: Int32 = 0
    /// Rollouts so far, oldest first; the last one may still be running.
    public internal(set) var rollouts: [RolloutRecord] = []
    public internal(set) var deletedAt: SimTime?
}
