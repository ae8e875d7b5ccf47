/// `whenUnsatisfiable` of a topology spread constraint.
public enum UnsatisfiableAction: String, Sendable, Hashable {
    /// Hard: PodTopologySpread's Filter enforces it.
    case doNotSchedule = "DoNotSchedule"
    /// Soft: PodTopologySpread's Score prefers it.
    case scheduleAnyway = "ScheduleAnyway"
}

/// `nodeAffinityPolicy` / `nodeTaintsPolicy`: whether a node that the pod could not use still
/// counts as a domain for spreading.
public enum NodeInclusionPolicy: String, Sendable, Hashable {
    case honor = "Honor"
    case ignore = "Ignore"
}

/// A `v1.TopologySpreadConstraint`.
public struct TopologySpreadConstraint: Sendable, Hashable {
    public var maxSkew: Int32
    public var topologyKey: String
    public var whenUnsatisfiable: UnsatisfiableAction
    public var labelSelector: LabelSelector?
    /// Keys of the incoming pod's labels whose values are ANDed into the selector.
    public var matchLabelKeys: [String]
    /// Nil is treated as 1.
    public var minDomains: Int32?
    /// Nil is treated as Honor.
    public var nodeAffinityPolicy: NodeInclusionPolicy?
    /// Nil is treated as Ignore.
    public var nodeTaintsPolicy: NodeInclusionPolicy?

    public init(
        maxSkew: Int32, topologyKey: String, whenUnsatisfiable: UnsatisfiableAction, labelSelector: LabelSelector?,
        matchLabelKeys: [String] = [], minDomains: Int32? = nil, nodeAffinityPolicy: NodeInclusionPolicy? = nil,
        nodeTaintsPolicy: NodeInclusionPolicy? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.matchLabelKeys = matchLabelKeys
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
    }
}

/// A spread constraint compiled for one pod, as upstream's internal `topologySpreadConstraint`:
/// the selector with `matchLabelKeys` merged in, and the nil-means-default fields resolved.
public struct CompiledSpreadConstraint: Sendable, Hashable {
    public var maxSkew: Int32
    public var topologyKey: Symbol
    /// Nil matches nothing (a constraint without a selector).
    public var selector: CompiledSelector?
    public var minDomains: Int32
    public var honorsNodeAffinity: Bool
    public var honorsNodeTaints: Bool

    public init(
        maxSkew: Int32, topologyKey: Symbol, selector: CompiledSelector?, minDomains: Int32 = 1,
        honorsNodeAffinity: Bool = true, honorsNodeTaints: Bool = false
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.selector = selector
        self.minDomains = minDomains
        self.honorsNodeAffinity = honorsNodeAffinity
        self.honorsNodeTaints = honorsNodeTaints
    }

    /// Compiles `constraint` for a pod with `podLabels`.
    public init(_ constraint: TopologySpreadConstraint, podLabels: Labels, symbols: SymbolTable) {
        var selector = constraint.labelSelector
        let extra = constraint.matchLabelKeys.compactMap { key in podLabels[key].map { SelectorRequirement(key: key, op: .in, values: [$0]) } }
        if !extra.isEmpty {
            selector = LabelSelector(matchLabels: selector?.matchLabels ?? Labels(), matchExpressions: extra + (selector?.matchExpressions ?? []))
        }
        self.init(
            maxSkew: constraint.maxSkew, topologyKey: symbols.intern(constraint.topologyKey),
            selector: selector.map { CompiledSelector($0, symbols: symbols) }, minDomains: constraint.minDomains ?? 1,
            honorsNodeAffinity: (constraint.nodeAffinityPolicy ?? .honor) == .honor,
            honorsNodeTaints: (constraint.nodeTaintsPolicy ?? .ignore) == .honor)
    }

    /// Whether a pod with `labels` in the incoming pod's namespace counts toward the constraint.
    @inline(__always)
    public func counts(_ labels: LabelSet, symbols: SymbolTable) -> Bool {
        selector?.matches(labels, symbols: symbols) ?? false
    }
}
