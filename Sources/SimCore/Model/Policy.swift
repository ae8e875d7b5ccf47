/// A `v1.Service`: for scheduling, only its selector matters (it joins the system default
/// spreading selector of the pods it selects); traffic routing uses it too.
public struct ServiceSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    /// `spec.selector`; a Service without one selects no pods.
    public var selector: Labels

    public init(meta: ObjectMeta, selector: Labels) {
        self.meta = meta
        self.selector = selector
    }
}

/// A `scheduling.k8s.io/v1` PriorityClass.
public struct PriorityClassSpec: Sendable, Hashable {
    public var name: String
    public var value: Int32
    public var globalDefault: Bool
    public var preemptionPolicy: PreemptionPolicy

    public init(name: String, value: Int32, globalDefault: Bool = false, preemptionPolicy: PreemptionPolicy = .preemptLowerPriority) {
        self.name = name
        self.value = value
        self.globalDefault = globalDefault
        self.preemptionPolicy = preemptionPolicy
    }

    /// The classes every cluster has.
    public static let builtIn = [
        PriorityClassSpec(name: "system-cluster-critical", value: 2_000_000_000),
        PriorityClassSpec(name: "system-node-critical", value: 2_000_001_000),
    ]
}

/// A `policy/v1` PodDisruptionBudget.
public struct PodDisruptionBudgetSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var selector: LabelSelector
    public var minAvailable: IntOrPercent?
    public var maxUnavailable: IntOrPercent?

    public init(meta: ObjectMeta, selector: LabelSelector, minAvailable: IntOrPercent? = nil, maxUnavailable: IntOrPercent? = nil) {
        self.meta = meta
        self.selector = selector
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
    }
}

/// A Service in the cluster, with its selector compiled.
public struct Service: Sendable {
    public let spec: ServiceSpec
    public let namespace: Symbol
    /// Nil for a Service without a selector.
    public let selector: CompiledSelector?
}

/// A budget's status as the disruption controller computes it.
public struct BudgetHealth: Sendable, Hashable {
    /// `status.currentHealthy`: covered pods that are Ready and not terminating.
    public let current: Int32
    /// `status.desiredHealthy`.
    public let desired: Int32
    /// `status.expectedPods`.
    public let expected: Int32

    /// `status.disruptionsAllowed`: current − desired, and none while nothing is expected.
    public var disruptionsAllowed: Int32 {
        expected <= 0 ? 0 : max(0, current - desired)
    }
}

/// A PodDisruptionBudget in the cluster, with its selector compiled.
public struct PodDisruptionBudget: Sendable {
    public let spec: PodDisruptionBudgetSpec
    public let namespace: Symbol
    /// In policy/v1 an empty selector covers every pod of the namespace for the disruption
    /// controller and the eviction API, while preemption treats it as matching nothing.
    public let selector: CompiledSelector
}
