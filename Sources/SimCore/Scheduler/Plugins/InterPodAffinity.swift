/// InterPodAffinity, as upstream's plugin of the same name (reference §2.5.6).
///
/// Filter, first failure wins: (1) the pod's required affinity — every term's topology key on the
/// node and, per term, an existing pod matching all terms in the node's domain, except for the
/// first pod of a group that matches its own terms; (2) the pod's required anti-affinity — no
/// existing pod matching a term in the node's domain; (3) symmetry — no existing pod whose
/// required anti-affinity matches this pod has the node in its domain.
///
/// Score: per (topology key, value), + weight for each existing pod matching a preferred affinity
/// term of the pod, − weight for preferred anti-affinity, + hardPodAffinityWeight for each existing
/// pod whose required affinity matches this pod, ± weight for existing pods' preferred terms that
/// match this pod; a node scores the sum over its labels, normalized to 0…100 between the lowest
/// and highest.
public final class InterPodAffinity: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ConfigurablePlugin {
    public static let name = "InterPodAffinity"
    public static let eventsToRegister = ClusterEvents.placementChanges

    /// `InterPodAffinityArgs`.
    public struct Arguments: PluginArgs {
        public var hardPodAffinityWeight: Int64 = 1
        public var ignorePreferredTermsOfExistingPods = false
        public init() {}
    }

    /// `hardPodAffinityWeight` of the plugin arguments (default 1).
    public let hardPodAffinityWeight: Int64
    /// `ignorePreferredTermsOfExistingPods` (default false): when set, a pod without preferred terms
    /// of its own is not scored at all (upstream's PreScore Skip); existing pods' preferred terms
    /// still count for pods that have some.
    public let ignorePreferredTermsOfExistingPods: Bool

    private var affinityCounts = TopologyPairCounter()
    private var antiAffinityCounts = TopologyPairCounter()
    private var existingAntiAffinityCounts = TopologyPairCounter()
    private var topologyScore = TopologyPairCounter()

    public init(hardPodAffinityWeight: Int64 = 1, ignorePreferredTermsOfExistingPods: Bool = false) {
        self.hardPodAffinityWeight = hardPodAffinityWeight
        self.ignorePreferredTermsOfExistingPods = ignorePreferredTermsOfExistingPods
    }

    public convenience init(arguments: PluginArguments, symbols: SymbolTable) {
        let own = arguments[InterPodAffinity.self]
        self.init(hardPodAffinityWeight: own.hardPodAffinityWeight, ignorePreferredTermsOfExistingPods: own.ignorePreferredTermsOfExistingPods)
    }

    /// Whether `other` matches every term (and there is at least one).
    private static func matchesAll(_ terms: [CompiledAffinityTerm], labels: LabelSet, namespace: Symbol, cluster: ClusterState) -> Bool {
        guard !terms.isEmpty else { return false }
        return terms.allSatisfy { $0.matches(labels: labels, namespace: namespace, cluster: cluster) }
    }

    // MARK: Filter

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        affinityCounts.removeAll()
        antiAffinityCounts.removeAll()
        existingAntiAffinityCounts.removeAll()
        let spec = pod.spec
        if cluster.nodes.affinityPodCount > 0 {
            for node in cluster.schedulingOrder {
                for other in cluster.nodes.affinityPods[Int(node)] {
                    countExistingAntiAffinity(of: other, on: node, against: pod, cluster: cluster, delta: 1)
                }
            }
        }
        if !spec.requiredAffinityTerms.isEmpty || !spec.requiredAntiAffinityTerms.isEmpty {
            for node in cluster.schedulingOrder {
                for other in cluster.nodes.pods[Int(node)] {
                    countIncoming(other, on: node, for: pod, cluster: cluster, delta: 1)
                }
            }
        }
        if existingAntiAffinityCounts.isEmpty && spec.requiredAffinityTerms.isEmpty && spec.requiredAntiAffinityTerms.isEmpty {
            return .skip
        }
        return .proceed
    }

    /// Existing pod `other` with required anti-affinity terms matching the incoming pod forbids
    /// its own node's domains.
    private func countExistingAntiAffinity(of other: PodID, on node: NodeID, against pod: SchedulingPod, cluster: ClusterState, delta: Int64) {
        let labels = cluster.nodes.labels[Int(node)]
        for term in cluster.spec(of: other).requiredAntiAffinityTerms
        where term.matches(labels: pod.pod.labels, namespace: pod.pod.namespace, cluster: cluster) {
            if let value = labels.value(for: term.topologyKey) { existingAntiAffinityCounts.add(term.topologyKey, value, delta) }
        }
    }

    /// Existing pod `other` against the incoming pod's required affinity and anti-affinity terms.
    private func countIncoming(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState, delta: Int64) {
        let spec = pod.spec
        guard !spec.requiredAffinityTerms.isEmpty || !spec.requiredAntiAffinityTerms.isEmpty else { return }
        let otherLabels = cluster.pods[other].labels, otherNamespace = cluster.pods[other].namespace
        let labels = cluster.nodes.labels[Int(node)]
        if Self.matchesAll(spec.requiredAffinityTerms, labels: otherLabels, namespace: otherNamespace, cluster: cluster) {
            for term in spec.requiredAffinityTerms {
                if let value = labels.value(for: term.topologyKey) { affinityCounts.add(term.topologyKey, value, delta) }
            }
        }
        for term in spec.requiredAntiAffinityTerms where term.matches(labels: otherLabels, namespace: otherNamespace, cluster: cluster) {
            if let value = labels.value(for: term.topologyKey) { antiAffinityCounts.add(term.topologyKey, value, delta) }
        }
    }

    public func addPod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {
        countExistingAntiAffinity(of: other, on: node, against: pod, cluster: cluster, delta: 1)
        countIncoming(other, on: node, for: pod, cluster: cluster, delta: 1)
    }

    public func removePod(_ other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {
        countExistingAntiAffinity(of: other, on: node, against: pod, cluster: cluster, delta: -1)
        countIncoming(other, on: node, for: pod, cluster: cluster, delta: -1)
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let spec = pod.spec
        let selfAffine = Self.matchesAll(spec.requiredAffinityTerms, labels: pod.pod.labels, namespace: pod.pod.namespace, cluster: cluster)
        nodes.removeAll { node in
            let labels = cluster.nodes.labels[Int(node)]
            if !spec.requiredAffinityTerms.isEmpty {
                var podsExist = true
                var hasKeys = true
                for term in spec.requiredAffinityTerms {
                    guard let value = labels.value(for: term.topologyKey) else {
                        hasKeys = false
                        break
                    }
                    if affinityCounts.count(term.topologyKey, value) <= 0 { podsExist = false }
                }
                if !hasKeys || (!podsExist && !(affinityCounts.isEmpty && selfAffine)) {
                    failures.reject(node, .unschedulableAndUnresolvable, .podAffinityRulesNotMatch)
                    return true
                }
            }
            if !antiAffinityCounts.isEmpty {
                for term in spec.requiredAntiAffinityTerms {
                    if let value = labels.value(for: term.topologyKey), antiAffinityCounts.count(term.topologyKey, value) > 0 {
                        failures.reject(node, .unschedulable, .podAntiAffinityRulesNotMatch)
                        return true
                    }
                }
            }
            if !existingAntiAffinityCounts.isEmpty, existingAntiAffinityCounts.anyPositive(in: labels) {
                failures.reject(node, .unschedulable, .existingPodsAntiAffinityRulesNotMatch)
                return true
            }
            return false
        }
    }

    // MARK: Score

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        topologyScore.removeAll()
        let spec = pod.spec
        let hasConstraints = !spec.preferredAffinityTerms.isEmpty || !spec.preferredAntiAffinityTerms.isEmpty
        if ignorePreferredTermsOfExistingPods && !hasConstraints { return false }
        if !hasConstraints && cluster.nodes.affinityPodCount == 0 { return false }
        for node in cluster.schedulingOrder {
            let others = hasConstraints ? cluster.nodes.pods[Int(node)] : cluster.nodes.affinityPods[Int(node)]
            for other in others { score(existing: other, on: node, for: pod, cluster: cluster) }
        }
        return !topologyScore.isEmpty
    }

    /// upstream's `processExistingPod`.
    private func score(existing other: PodID, on node: NodeID, for pod: SchedulingPod, cluster: ClusterState) {
        let labels = cluster.nodes.labels[Int(node)]
        guard !labels.keys.isEmpty else { return }
        let otherLabels = cluster.pods[other].labels, otherNamespace = cluster.pods[other].namespace
        let otherSpec = cluster.spec(of: other)
        func apply(_ terms: [CompiledAffinityTerm], matching targetLabels: LabelSet, namespace: Symbol, weight: (CompiledAffinityTerm) -> Int64) {
            for term in terms where term.matches(labels: targetLabels, namespace: namespace, cluster: cluster) {
                if let value = labels.value(for: term.topologyKey) { topologyScore.add(term.topologyKey, value, weight(term)) }
            }
        }
        apply(pod.spec.preferredAffinityTerms, matching: otherLabels, namespace: otherNamespace) { $0.weight }
        apply(pod.spec.preferredAntiAffinityTerms, matching: otherLabels, namespace: otherNamespace) { -$0.weight }
        if hardPodAffinityWeight > 0 {
            apply(otherSpec.requiredAffinityTerms, matching: pod.pod.labels, namespace: pod.pod.namespace) { _ in self.hardPodAffinityWeight }
        }
        apply(otherSpec.preferredAffinityTerms, matching: pod.pod.labels, namespace: pod.pod.namespace) { $0.weight }
        apply(otherSpec.preferredAntiAffinityTerms, matching: pod.pod.labels, namespace: pod.pod.namespace) { -$0.weight }
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        for (index, node) in nodes.enumerated() { scores[index] = topologyScore.sum(over: cluster.nodes.labels[Int(node)]) }
    }

    /// `int(100 × (score − min) / (max − min))` in floating point; all 0 when max = min.
    public func normalize(_ scores: inout [Int64]) {
        guard let lowest = scores.min(), let highest = scores.max() else { return }
        let spread = highest - lowest
        for index in scores.indices {
            scores[index] = spread > 0 ? Int64(Double(maxNodeScore) * (Double(scores[index] - lowest) / Double(spread))) : 0
        }
    }
}
