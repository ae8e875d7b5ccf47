/// Namespaces, Services, PriorityClasses and PodDisruptionBudgets: the objects that shape
/// scheduling without running pods themselves.
extension ClusterState {
    /// Records a namespace with its labels; the API server adds `kubernetes.io/metadata.name`.
    func addNamespace(_ name: String, labels: Labels = Labels()) {
        let symbol = symbols.intern(name)
        var all = labels
        all["kubernetes.io/metadata.name"] = name
        if !namespaces.contains(name) { namespaces.append(name) }
        namespaceLabelSets[symbol] = LabelSet(all, symbols: symbols)
    }

    /// The labels of a namespace (only `kubernetes.io/metadata.name` for one never declared).
    public func namespaceLabels(_ namespace: Symbol) -> LabelSet {
        namespaceLabelSets[namespace] ?? LabelSet()
    }

    func addService(_ spec: ServiceSpec) {
        let namespace = symbols.intern(spec.meta.namespace)
        let selector = spec.selector.isEmpty ? nil : CompiledSelector(LabelSelector(matchLabels: spec.selector), symbols: symbols)
        services.append(Service(spec: spec, namespace: namespace, selector: selector))
    }

    func addPriorityClass(_ spec: PriorityClassSpec) {
        priorityClasses.removeAll { $0.name == spec.name }
        priorityClasses.append(spec)
    }

    func addDisruptionBudget(_ spec: PodDisruptionBudgetSpec) {
        disruptionBudgets.append(PodDisruptionBudget(spec: spec, namespace: symbols.intern(spec.meta.namespace),
                                                     selector: CompiledSelector(spec.selector, symbols: symbols)))
    }

    /// The priority and preemption policy admission gives a pod spec, as upstream's Priority
    /// admission plugin: its class's value and policy; without a class the global default class,
    /// else the spec's own priority (0 by default). An unknown class gives nil.
    public func admittedPriority(_ spec: PodSpec) -> (priority: Int32, policy: PreemptionPolicy)? {
        let classes = PriorityClassSpec.builtIn + priorityClasses
        if let name = spec.priorityClassName, !name.isEmpty {
            guard let found = classes.first(where: { $0.name == name }) else { return nil }
            return (found.value, spec.preemptionPolicy ?? found.preemptionPolicy)
        }
        if spec.priority == nil, let global = priorityClasses.first(where: \.globalDefault) {
            return (global.value, spec.preemptionPolicy ?? global.preemptionPolicy)
        }
        return (spec.priority ?? 0, spec.preemptionPolicy ?? .preemptLowerPriority)
    }

    /// The selector of upstream's system default spreading for a pod (`helper.DefaultSelector`):
    /// the labels of every Service in its namespace that selects it, ANDed with its owning
    /// ReplicaSet's selector. Empty when nothing selects the pod.
    public func defaultSpreadSelector(labels: LabelSet, namespace: Symbol, owner: PodOwner?) -> CompiledSelector {
        var requirements: [CompiledRequirement] = []
        for service in services where service.namespace == namespace {
            guard let selector = service.selector, selector.matches(labels, symbols: symbols) else { continue }
            for requirement in selector.requirements where !requirements.contains(requirement) { requirements.append(requirement) }
        }
        if case .replicaSet(let owner) = owner {
            requirements += replicaSets[Int(owner)].selector.requirements
        }
        return CompiledSelector(requirements: requirements)
    }

    /// `status.disruptionsAllowed` of a budget, as the disruption controller computes it: healthy
    /// (Ready, not terminating) matching pods minus the desired healthy count, never below 0.
    /// `minAvailable` as a number counts against the matching pods; a percentage, or
    /// `maxUnavailable`, against the desired replicas of the pods' controllers.
    public func disruptionsAllowed(_ budget: PodDisruptionBudget) -> Int32 {
        let health = budgetHealth(budget)
        return max(0, health.current - health.desired)
    }

    /// `status.currentHealthy` and `status.desiredHealthy` of a budget (see `disruptionsAllowed`).
    public func budgetHealth(_ budget: PodDisruptionBudget) -> (current: Int32, desired: Int32) {
        var healthy: Int32 = 0
        var matching: Int32 = 0
        var controllers: [WorkloadID] = []
        for id in pods.ids {
            guard pods[id].namespace == budget.namespace, !budget.selector.isEmpty, budget.selector.matches(pods[id].labels, symbols: symbols) else { continue }
            matching += 1
            if pods[id].deletedAt == nil && pods[id].isReady { healthy += 1 }
            if case .replicaSet(let owner) = pods[id].owner, !controllers.contains(owner) { controllers.append(owner) }
        }
        let expected = controllers.reduce(Int32(0)) { total, replicaSet in
            let owner = replicaSets[Int(replicaSet)].owner
            return total + (owner.map { deployments[Int($0)].spec.replicas } ?? replicaSets[Int(replicaSet)].replicas)
        }
        let desired: Int32
        switch (budget.spec.minAvailable, budget.spec.maxUnavailable) {
        case (.int(let count)?, _): desired = count
        case (.percent?, _): desired = RolloutMath.scaled(budget.spec.minAvailable ?? .int(0), of: expected, roundUp: true)
        case (nil, let unavailable?): desired = max(0, expected - RolloutMath.scaled(unavailable, of: expected, roundUp: true))
        case (nil, nil): desired = matching
        }
        return (healthy, desired)
    }

    /// How long pods stay on a not-ready or unreachable node by default: 300 s, the
    /// DefaultTolerationSeconds admission plugin's `--default-not-ready-toleration-seconds` and
    /// `--default-unreachable-toleration-seconds`.
    public static let defaultNoExecuteTolerationSeconds: Int64 = 300

    /// The DefaultTolerationSeconds admission plugin: a pod that does not already tolerate
    /// `node.kubernetes.io/not-ready` (or `unreachable`) with effect NoExecute gets an `Exists`
    /// toleration of it for 300 s. A toleration with an empty key, or an empty effect, counts.
    static func withDefaultTolerations(_ tolerations: [Toleration]) -> [Toleration] {
        func tolerates(_ key: String) -> Bool {
            tolerations.contains { ($0.key == key || $0.key.isEmpty) && ($0.effect == .noExecute || $0.effect == nil) }
        }
        var result = tolerations
        for key in [WellKnownTaint.notReady, WellKnownTaint.unreachable] where !tolerates(key) {
            result.append(Toleration(key: key, op: .exists, effect: .noExecute, tolerationSeconds: defaultNoExecuteTolerationSeconds))
        }
        return result
    }
}
