/// PodTopologySpread, as upstream's plugin of the same name (reference §2.5.5).
///
/// A pod's constraints are its own `topologySpreadConstraints`; a pod without any gets the
/// plugin's default constraints (upstream's system defaults: hostname with maxSkew 3 and zone with
/// maxSkew 5, both ScheduleAnyway), whose selector is built from the Services and the ReplicaSet
/// that select it. Counting rule shared by Filter and Score: pods in the incoming pod's namespace,
/// not terminating, matching the constraint's selector, on nodes that carry every topology key and
/// pass the constraint's node inclusion policies.
///
/// Filter (DoNotSchedule): `count(domain of node) + self − globalMin ≤ maxSkew`, with globalMin 0
/// while fewer than minDomains domains exist. Score (ScheduleAnyway):
/// `round(Σ count × ln(domains + 2) + (maxSkew − 1))`, normalized so fewer matching pods score
/// higher.
public final class PodTopologySpread: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ConfigurablePlugin {
    public static let name = "PodTopologySpread"
    public static let eventsToRegister = ClusterEvents.placementChanges

    /// `PodTopologySpreadArgs`.
    public struct Arguments: PluginArgs {
        /// `defaultConstraints`, for pods that have none of their own.
        public var defaultConstraints = PodTopologySpread.systemDefaultConstraints
        /// `defaultingType: System` (else `List`).
        public var systemDefaulted = true
        public init() {}
    }

    /// `defaultConstraints` of the plugin arguments.
    public let defaultConstraints: [TopologySpreadConstraint]
    /// True for `defaultingType: System`: nodes missing the zone label still get hostname spreading.
    public let systemDefaulted: Bool

    /// Upstream's system default constraints.
    public static let systemDefaultConstraints = [
        TopologySpreadConstraint(maxSkew: 3, topologyKey: NodeLabel.hostname, whenUnsatisfiable: .scheduleAnyway, labelSelector: nil),
        TopologySpreadConstraint(maxSkew: 5, topologyKey: NodeLabel.zone, whenUnsatisfiable: .scheduleAnyway, labelSelector: nil),
    ]

    private var hard: [CompiledSpreadConstraint] = []
    private var hardCounts: [SymbolCounter] = []
    private var hardMinimums: [Int] = []
    private var soft: [CompiledSpreadConstraint] = []
    private var softCounts: [SymbolCounter] = []
    private var softWeights: [Double] = []
    private var softPodCounts: [SelectorPodCounts.Handle?] = []
    private var ignored: [Bool] = []

    public init(defaultConstraints: [TopologySpreadConstraint] = PodTopologySpread.systemDefaultConstraints, systemDefaulted: Bool = true) {
        self.defaultConstraints = defaultConstraints
        self.systemDefaulted = systemDefaulted
    }

    public convenience init(arguments: PluginArguments, symbols: SymbolTable) {
        let own = arguments[PodTopologySpread.self]
        self.init(defaultConstraints: own.defaultConstraints, systemDefaulted: own.systemDefaulted)
    }

    /// The pod's constraints for one action: its own, or the defaults with the selector of the
    /// Services and ReplicaSet that select it (none when nothing does).
    private func constraints(_ pod: SchedulingPod, _ action: UnsatisfiableAction, cluster: ClusterState) -> [CompiledSpreadConstraint] {
        if !pod.spec.template.spec.topologySpreadConstraints.isEmpty {
            return action == .doNotSchedule ? pod.spec.hardSpreadConstraints : pod.spec.softSpreadConstraints
        }
        let defaults = defaultConstraints.filter { $0.whenUnsatisfiable == action }
        guard !defaults.isEmpty else { return [] }
        let selector = cluster.defaultSpreadSelector(labels: pod.pod.labels, namespace: pod.pod.namespace, owner: pod.pod.owner)
        guard !selector.isEmpty else { return [] }
        return defaults.map { constraint in
            CompiledSpreadConstraint(
                maxSkew: constraint.maxSkew, topologyKey: cluster.symbols.lookup(constraint.topologyKey) ?? Self.absentTopologyKey,
                selector: selector, minDomains: constraint.minDomains ?? 1,
                honorsNodeAffinity: (constraint.nodeAffinityPolicy ?? .honor) == .honor,
                honorsNodeTaints: (constraint.nodeTaintsPolicy ?? .ignore) == .honor)
        }
    }

    /// Stands for a default constraint's topology key that was never interned, so no node has it.
    /// Upstream keeps such a constraint (`buildDefaultConstraints` does not look at nodes): every
    /// node lacks the key, so Filter rejects it as UnschedulableAndUnresolvable and Score ignores
    /// it, where dropping the constraint would let the pod through.
    private static let absentTopologyKey = Symbol(rawValue: -1)

    /// A node's domain for a ScheduleAnyway constraint as upstream's PreScore reads it,
    /// `node.Labels[key]`: a node without the key (counted only under system defaulting) joins the
    /// domain "", which adds to the constraint's domain count and so to its weight.
    @inline(__always)
    private static func scoringDomain(_ labels: LabelSet, _ key: Symbol, empty: Symbol) -> Symbol {
        labels.value(for: key) ?? empty
    }

    /// upstream's `matchNodeInclusionPolicies` for one node, each policy's verdict worked out
    /// at most once however many constraints ask for it.
    private struct NodeInclusion {
        private var affinity: Bool?
        private var taints: Bool?

        /// `anyNode`: the pod has no required node affinity, so every node passes that policy.
        init(anyNode: Bool) {
            affinity = anyNode ? true : nil
        }

        @inline(__always)
        mutating func includes(_ node: Int, honoringAffinity: Bool, honoringTaints: Bool, pod: SchedulingPod, cluster: ClusterState) -> Bool {
            if honoringAffinity {
                if affinity == nil {
                    affinity = pod.spec.requiredNodeAffinity.matches(
                        labels: cluster.nodes.labels[node], name: cluster.nodes.names[node], symbols: cluster.symbols)
                }
                if affinity == false { return false }
            }
            if honoringTaints {
                if taints == nil {
                    taints = !cluster.nodes.taints[node].contains { $0.effect != .preferNoSchedule && !pod.spec.tolerations.tolerate($0) }
                }
                if taints == false { return false }
            }
            return true
        }
    }

    /// Per constraint, the handle of its pod counts; nil for a constraint without a selector,
    /// which matches nothing.
    private static func podCounts(_ constraints: [CompiledSpreadConstraint], namespace: Symbol, cluster: ClusterState) -> [SelectorPodCounts.Handle?]
    {
        constraints.map { constraint in constraint.selector.map { cluster.podCounts(namespace: namespace, selector: $0) } }
    }

    /// Matching pods on `node` (in the pod's namespace, not terminating).
    @inline(__always)
    private static func matchingPods(on node: Int, _ handle: SelectorPodCounts.Handle?, cluster: ClusterState) -> Int {
        handle.map { cluster.matchingPodCount($0, on: node) } ?? 0
    }

    /// A cycle's constraints taken apart into columns, so that the loops over every node read
    /// plain values and copy nothing.
    private struct Columns {
        let keys: [Symbol]
        let honorsAffinity: [Bool]
        let honorsTaints: [Bool]
        /// Per constraint, its matching pods per node; empty for a constraint without a
        /// selector, which matches nothing.
        let podsPerNode: [[Int32]]

        init(_ constraints: [CompiledSpreadConstraint], handles: [SelectorPodCounts.Handle?], cluster: ClusterState) {
            keys = constraints.map(\.topologyKey)
            honorsAffinity = constraints.map(\.honorsNodeAffinity)
            honorsTaints = constraints.map(\.honorsNodeTaints)
            podsPerNode = handles.map { $0.map { cluster.matchingPodCounts($0) } ?? [] }
        }

        @inline(__always)
        func matchingPods(_ index: Int, on node: Int) -> Int {
            podsPerNode[index].isEmpty ? 0 : Int(podsPerNode[index][node])
        }

        @inline(__always)
        func hasAllKeys(_ labels: LabelSet) -> Bool {
            for key in keys where labels.value(for: key) == nil { return false }
            return true
        }
    }

    // MARK: Filter

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        hard = constraints(pod, .doNotSchedule, cluster: cluster)
        guard !hard.isEmpty else { return .skip }
        let symbolCount = cluster.symbols.strings.count
        while hardCounts.count < hard.count { hardCounts.append(SymbolCounter()) }
        for index in hard.indices { hardCounts[index].reset(symbolCount: symbolCount) }
        let columns = Columns(hard, handles: Self.podCounts(hard, namespace: pod.pod.namespace, cluster: cluster), cluster: cluster)
        let labels = cluster.nodes.labels, anyNode = pod.spec.requiredNodeAffinity.isEmpty
        var counts = hardCounts
        hardCounts = []
        for node in cluster.schedulingOrder {
            let n = Int(node)
            guard columns.hasAllKeys(labels[n]) else { continue }
            var inclusion = NodeInclusion(anyNode: anyNode)
            for index in columns.keys.indices
            where inclusion.includes(
                n, honoringAffinity: columns.honorsAffinity[index], honoringTaints: columns.honorsTaints[index], pod: pod, cluster: cluster)
            {
                guard let value = labels[n].value(for: columns.keys[index]) else { continue }
                counts[index].add(value, columns.matchingPods(index, on: n))
            }
        }
        hardCounts = counts
        hardMinimums = hardCounts.prefix(hard.count).map { $0.minimum() }
        return .proceed
    }

    public func addPod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {
        updateCounts(other, on: node, pod: pod, cluster: cluster, delta: 1)
    }

    public func removePod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {
        updateCounts(other, on: node, pod: pod, cluster: cluster, delta: -1)
    }

    /// upstream's `updateWithPod`.
    private func updateCounts(_ other: PodID, on node: NodeID, pod: SchedulingPod, cluster: ClusterState, delta: Int) {
        let n = Int(node)
        guard cluster.pods[other].namespace == pod.pod.namespace, hard.allSatisfy({ cluster.nodes.labels[n].value(for: $0.topologyKey) != nil })
        else { return }
        var inclusion = NodeInclusion(anyNode: pod.spec.requiredNodeAffinity.isEmpty)
        for (index, constraint) in hard.enumerated()
        where constraint.counts(cluster.pods[other].labels, symbols: cluster.symbols)
            && inclusion.includes(
                n, honoringAffinity: constraint.honorsNodeAffinity, honoringTaints: constraint.honorsNodeTaints, pod: pod, cluster: cluster)
        {
            guard let value = cluster.nodes.labels[n].value(for: constraint.topologyKey) else { continue }
            hardCounts[index].add(value, delta)
            hardMinimums[index] = hardCounts[index].minimum()
        }
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let symbols = cluster.symbols
        let selfMatches = hard.map { $0.counts(pod.pod.labels, symbols: symbols) ? 1 : 0 }
        nodes.removeAll { node in
            for (index, constraint) in hard.enumerated() {
                guard let value = cluster.nodes.labels[Int(node)].value(for: constraint.topologyKey) else {
                    failures.reject(node, .unschedulableAndUnresolvable, .spreadConstraintLabelMissing)
                    return true
                }
                let minimum = hardCounts[index].keys.count < Int(constraint.minDomains) ? 0 : hardMinimums[index]
                if hardCounts[index].count(value) + selfMatches[index] - minimum > Int(constraint.maxSkew) {
                    failures.reject(node, .unschedulable, .spreadConstraintsNotMatch)
                    return true
                }
            }
            return false
        }
    }

    // MARK: Score

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        soft = constraints(pod, .scheduleAnyway, cluster: cluster)
        guard !soft.isEmpty else { return false }
        let requireAllTopologies = !pod.spec.template.spec.topologySpreadConstraints.isEmpty || !systemDefaulted
        let hostname = cluster.wellKnown.hostnameLabel
        let symbolCount = cluster.symbols.strings.count
        while softCounts.count < soft.count { softCounts.append(SymbolCounter()) }
        for index in soft.indices { softCounts[index].reset(symbolCount: symbolCount) }
        ignored.removeAll(keepingCapacity: true)
        var ignoredCount = 0
        softPodCounts = Self.podCounts(soft, namespace: pod.pod.namespace, cluster: cluster)
        let columns = Columns(soft, handles: softPodCounts, cluster: cluster)
        let labels = cluster.nodes.labels, anyNode = pod.spec.requiredNodeAffinity.isEmpty, empty = cluster.wellKnown.empty
        var counts = softCounts
        softCounts = []
        for node in nodes {
            let n = Int(node)
            let skip = requireAllTopologies && !columns.hasAllKeys(labels[n])
            ignored.append(skip)
            if skip {
                ignoredCount += 1
                continue
            }
            for index in columns.keys.indices where columns.keys[index] != hostname {
                counts[index].add(Self.scoringDomain(labels[n], columns.keys[index], empty: empty), 0)
            }
        }
        softWeights = columns.keys.indices.map { index in
            let size = columns.keys[index] == hostname ? nodes.count - ignoredCount : counts[index].keys.count
            return naturalLog(Double(size + 2))
        }
        for node in cluster.schedulingOrder {
            let n = Int(node)
            if requireAllTopologies && !columns.hasAllKeys(labels[n]) { continue }
            var inclusion = NodeInclusion(anyNode: anyNode)
            for index in columns.keys.indices where columns.keys[index] != hostname {
                let value = Self.scoringDomain(labels[n], columns.keys[index], empty: empty)
                guard counts[index].contains(value),
                    inclusion.includes(
                        n, honoringAffinity: columns.honorsAffinity[index], honoringTaints: columns.honorsTaints[index], pod: pod, cluster: cluster)
                else { continue }
                counts[index].add(value, columns.matchingPods(index, on: n))
            }
        }
        softCounts = counts
        return true
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let hostname = cluster.wellKnown.hostnameLabel
        for (position, node) in nodes.enumerated() {
            guard !ignored[position] else {
                scores[position] = 0
                continue
            }
            let n = Int(node)
            var total = 0.0
            for (index, constraint) in soft.enumerated() {
                guard let value = cluster.nodes.labels[n].value(for: constraint.topologyKey) else { continue }
                let count =
                    constraint.topologyKey == hostname
                    ? Self.matchingPods(on: n, softPodCounts[index], cluster: cluster)
                    : softCounts[index].count(value)
                total += Double(count) * softWeights[index] + Double(constraint.maxSkew - 1)
            }
            scores[position] = Int64(total.rounded(.toNearestOrAwayFromZero))
        }
    }

    /// Fewer matching pods score higher: `100 × (max + min − score) / max` over the nodes not
    /// ignored; ignored nodes get 0.
    public func normalize(_ scores: inout [Int64]) {
        var lowest = Int64.max, highest: Int64 = 0
        for (index, score) in scores.enumerated() where !ignored[index] {
            lowest = min(lowest, score)
            highest = max(highest, score)
        }
        for index in scores.indices {
            if ignored[index] {
                scores[index] = 0
            } else if highest == 0 {
                scores[index] = maxNodeScore
            } else {
                scores[index] = maxNodeScore * (highest + lowest - scores[index]) / highest
            }
        }
    }
}
