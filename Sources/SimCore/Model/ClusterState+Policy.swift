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
        disruptionBudgets.append(
            PodDisruptionBudget(
                spec: spec, namespace: symbols.intern(spec.meta.namespace),
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
            requirements += replicaSets[owner].selector.requirements
        }
        return CompiledSelector(requirements: requirements)
    }

    /// `status.disruptionsAllowed` of a budget, as the disruption controller computes it: healthy
    /// (Ready, not terminating) matching pods minus the desired healthy count, and none at all
    /// while the expected count is zero.
    public func disruptionsAllowed(_ budget: PodDisruptionBudget) -> Int32 {
        budgetHealth(budget).disruptionsAllowed
    }

    /// Whether a budget covers `pod`, as the disruption controller and the eviction API list a
    /// budget's pods: in policy/v1 an empty selector covers every pod of the namespace.
    /// (Preemption reads budgets differently: there an empty selector matches nothing.)
    public func budget(_ budget: PodDisruptionBudget, covers pod: PodID) -> Bool {
        pods[pod].namespace == budget.namespace && budget.selector.matches(pods[pod].labels, symbols: symbols)
    }

    /// `status.currentHealthy`, `status.desiredHealthy` and `status.expectedPods` of a budget, as
    /// upstream's `getExpectedPodCount`: `minAvailable` as a number expects the matching pods; a
    /// percentage, or `maxUnavailable`, expects the desired replicas of the pods' controllers,
    /// each counted once (the top-level workload of each pod: a Deployment for its ReplicaSets'
    /// pods, a ReplicaSet without one for its own); neither field expects nothing.
    public func budgetHealth(_ budget: PodDisruptionBudget) -> BudgetHealth {
        var healthy: Int32 = 0
        var matching: Int32 = 0
        var controllers: [WorkloadRef] = []
        for id in pods.ids where self.budget(budget, covers: id) {
            matching += 1
            if pods[id].deletedAt == nil && pods[id].isReady { healthy += 1 }
            if let controller = topLevelWorkload(of: id), !controllers.contains(controller) { controllers.append(controller) }
        }
        let scale = controllers.reduce(Int32(0)) { $0 + desiredReplicas(of: $1) }
        switch (budget.spec.minAvailable, budget.spec.maxUnavailable) {
        case (.int(let count)?, _):
            return BudgetHealth(current: healthy, desired: count, expected: matching)
        case (let percent?, _):
            return BudgetHealth(current: healthy, desired: RolloutMath.scaled(percent, of: scale, roundUp: true), expected: scale)
        case (nil, let unavailable?):
            return BudgetHealth(current: healthy, desired: max(0, scale - RolloutMath.scaled(unavailable, of: scale, roundUp: true)), expected: scale)
        case (nil, nil):
            return BudgetHealth(current: healthy, desired: 0, expected: 0)
        }
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
