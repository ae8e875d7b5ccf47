/// NodeAffinity, as upstream's plugin of the same name.
///
/// Filter: the node must match the profile's `addedAffinity` (if any), then the pod's
/// `nodeSelector` and at least one required node affinity term. PreFilter returns Skip when there
/// is nothing to check, and restricts the candidates to the named nodes when every required term
/// selects `metadata.name In` (rejecting the pod when the terms' names do not intersect). Score:
/// the sum of the weights of the preferred terms (the pod's and `addedAffinity`'s) the node
/// matches, normalized so the best node gets 100; Skip when there are none.
public final class NodeAffinityPlugin: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ConfigurablePlugin {
    public static let name = "NodeAffinity"
    public static let eventsToRegister = ClusterEvents.nodeChanges

    /// `NodeAffinityArgs`.
    public struct Arguments: PluginArgs {
        /// `addedAffinity`: node affinity every pod of the profile must also satisfy.
        public var addedAffinity: NodeAffinity?
        public init() {}
    }

    private let addedRequired: RequiredNodeAffinity?
    private let addedPreferred: [WeightedNodeSelectorTerm]

    /// `addedAffinity` is compiled against the cluster's symbols when first used.
    public let addedAffinity: NodeAffinity?

    public init(addedAffinity: NodeAffinity? = nil, symbols: SymbolTable) {
        self.addedAffinity = addedAffinity
        addedRequired = addedAffinity?.required.map { _ in RequiredNodeAffinity(nodeSelector: Labels(), affinity: addedAffinity, symbols: symbols) }
        addedPreferred = (addedAffinity?.preferred ?? []).filter { $0.weight != 0 }.map {
            WeightedNodeSelectorTerm(weight: $0.weight, term: CompiledNodeSelectorTerm($0.preference, symbols: symbols))
        }
    }

    public convenience init(arguments: PluginArguments, symbols: SymbolTable) {
        self.init(addedAffinity: arguments[NodeAffinityPlugin.self].addedAffinity, symbols: symbols)
    }

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        let required = pod.spec.template.spec.nodeAffinity?.required
        if pod.spec.requiredNodeAffinity.isEmpty && addedRequired == nil { return .skip }
        guard let terms = required, !terms.isEmpty else { return .proceed }
        var names: Set<String>?
        for term in terms {
            var termNames: Set<String>?
            for field in term.matchFields where field.key == "metadata.name" && field.op == .in {
                termNames = termNames.map { $0.intersection(field.values) } ?? Set(field.values)
            }
            guard let termNames else { return .proceed }
            names = (names ?? []).union(termNames)
        }
        guard let names else { return .proceed }
        if names.isEmpty { return .reject(.unschedulableAndUnresolvable, "pod affinity terms conflict") }
        return .restrict(to: Set(names.compactMap { cluster.node(named: $0) }))
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let required = pod.spec.requiredNodeAffinity
        let added = addedRequired
        nodes.removeAll { node in
            let labels = cluster.nodes.labels[Int(node)], name = cluster.nodes.names[Int(node)]
            if let added, !added.matches(labels: labels, name: name, symbols: cluster.symbols) {
                failures.reject(node, .unschedulableAndUnresolvable, .enforcedNodeAffinityMismatch)
                return true
            }
            guard !required.matches(labels: labels, name: name, symbols: cluster.symbols) else { return false }
            failures.reject(node, .unschedulableAndUnresolvable, .nodeAffinityMismatch)
            return true
        }
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        !pod.spec.preferredNodeAffinity.isEmpty || !addedPreferred.isEmpty
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let terms = addedPreferred + pod.spec.preferredNodeAffinity
        for (index, node) in nodes.enumerated() {
            let labels = cluster.nodes.labels[Int(node)], name = cluster.nodes.names[Int(node)]
            var total: Int64 = 0
            for term in terms where term.term.matches(labels: labels, name: name, symbols: cluster.symbols) { total += Int64(term.weight) }
            scores[index] = total
        }
    }

    public func normalize(_ scores: inout [Int64]) {
        defaultNormalizeScore(&scores, reverse: false)
    }
}
