/// A `v1.PodAffinityTerm`: pods matching `labelSelector` in the chosen namespaces, in the same
/// `topologyKey` domain.
public struct PodAffinityTerm: Sendable, Hashable {
    public var labelSelector: LabelSelector?
    /// Explicit namespaces; with no namespaces and no `namespaceSelector`, the pod's own namespace.
    public var namespaces: [String]
    /// Namespaces chosen by their labels; an empty selector means every namespace.
    public var namespaceSelector: LabelSelector?
    public var topologyKey: String

    public init(labelSelector: LabelSelector?, namespaces: [String] = [], namespaceSelector: LabelSelector? = nil, topologyKey: String) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.namespaceSelector = namespaceSelector
        self.topologyKey = topologyKey
    }
}

/// A preferred pod (anti-)affinity term with its weight (1–100).
public struct WeightedPodAffinityTerm: Sendable, Hashable {
    public var weight: Int32
    public var term: PodAffinityTerm

    public init(weight: Int32, term: PodAffinityTerm) {
        self.weight = weight
        self.term = term
    }
}

/// `affinity.podAffinity` or `affinity.podAntiAffinity`.
public struct PodAffinityRules: Sendable, Hashable {
    public var required: [PodAffinityTerm]
    public var preferred: [WeightedPodAffinityTerm]

    public init(required: [PodAffinityTerm] = [], preferred: [WeightedPodAffinityTerm] = []) {
        self.required = required
        self.preferred = preferred
    }
}

/// A pod affinity term compiled to symbols, as upstream's `framework.AffinityTerm`.
public struct CompiledAffinityTerm: Sendable, Hashable {
    /// Namespaces named explicitly (or the owning pod's own namespace by default).
    public var namespaces: [Symbol]
    /// Namespaces selected by label; nil when the term has no namespace selector.
    public var namespaceSelector: CompiledSelector?
    /// A nil label selector matches no pod.
    public var selector: CompiledSelector?
    public var topologyKey: Symbol
    public var weight: Int64

    public init(_ term: PodAffinityTerm, weight: Int32 = 0, ownNamespace: Symbol, symbols: SymbolTable) {
        namespaces = term.namespaces.map { symbols.intern($0) }
        namespaceSelector = term.namespaceSelector.map { CompiledSelector($0, symbols: symbols) }
        if namespaces.isEmpty && namespaceSelector == nil { namespaces = [ownNamespace] }
        selector = term.labelSelector.map { CompiledSelector($0, symbols: symbols) }
        topologyKey = symbols.intern(term.topologyKey)
        self.weight = Int64(weight)
    }

    /// Whether a pod with `labels` in `namespace` matches the term, as upstream's
    /// `AffinityTerm.Matches`: its namespace is listed or selected, and its labels match.
    public func matches(labels: LabelSet, namespace: Symbol, cluster: ClusterState) -> Bool {
        guard let selector else { return false }
        let namespaceMatches =
            namespaces.contains(namespace)
            || (namespaceSelector.map { $0.matches(cluster.namespaceLabels(namespace), symbols: cluster.symbols) } ?? false)
        return namespaceMatches && selector.matches(labels, symbols: cluster.symbols)
    }
}
