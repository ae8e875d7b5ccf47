/// A `NodeSelectorTerm`: its match expressions and match fields are ANDed.
public struct NodeSelectorTerm: Sendable, Hashable {
    public var matchExpressions: [SelectorRequirement]
    /// Only `metadata.name` with `In`/`NotIn` is meaningful, as upstream.
    public var matchFields: [SelectorRequirement]

    public init(matchExpressions: [SelectorRequirement] = [], matchFields: [SelectorRequirement] = []) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// A preferred scheduling term with its weight (1–100).
public struct PreferredSchedulingTerm: Sendable, Hashable {
    public var weight: Int32
    public var preference: NodeSelectorTerm

    public init(weight: Int32, preference: NodeSelectorTerm) {
        self.weight = weight
        self.preference = preference
    }
}

/// `affinity.nodeAffinity` of a pod.
public struct NodeAffinity: Sendable, Hashable {
    /// `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` (ORed); nil when absent.
    public var required: [NodeSelectorTerm]?
    /// `preferredDuringSchedulingIgnoredDuringExecution`.
    public var preferred: [PreferredSchedulingTerm]

    public init(required: [NodeSelectorTerm]? = nil, preferred: [PreferredSchedulingTerm] = []) {
        self.required = required
        self.preferred = preferred
    }
}

/// A node selector term compiled to symbols.
public struct CompiledNodeSelectorTerm: Sendable, Hashable {
    public var expressions: [CompiledRequirement]
    /// `metadata.name` requirements: operator and the names.
    public var nameFields: [(op: SelectorOperator, names: [String])]

    public init(_ term: NodeSelectorTerm, symbols: SymbolTable) {
        expressions = term.matchExpressions.map { CompiledRequirement($0, symbols: symbols) }
        nameFields = term.matchFields.map { ($0.key == "metadata.name" ? $0.op : .doesNotExist, $0.values) }
    }

    /// Upstream drops terms with neither expressions nor fields; such a term matches nothing.
    public var isEmpty: Bool { expressions.isEmpty && nameFields.isEmpty }

    /// Whether the node with `labels` and `name` satisfies every requirement of the term. A field
    /// requirement other than `metadata.name In/NotIn` with exactly one value matches nothing, as
    /// upstream's field selector parsing rejects it.
    public func matches(labels: LabelSet, name: String, symbols: SymbolTable) -> Bool {
        guard !isEmpty else { return false }
        for requirement in expressions where !requirement.matches(labels, symbols: symbols) { return false }
        for field in nameFields {
            guard field.names.count == 1 else { return false }
            switch field.op {
            case .in: if field.names[0] != name { return false }
            case .notIn: if field.names[0] == name { return false }
            default: return false
            }
        }
        return true
    }

    public static func == (lhs: CompiledNodeSelectorTerm, rhs: CompiledNodeSelectorTerm) -> Bool {
        lhs.expressions == rhs.expressions && lhs.nameFields.map(\.op) == rhs.nameFields.map(\.op)
            && lhs.nameFields.map(\.names) == rhs.nameFields.map(\.names)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(expressions)
        for field in nameFields {
            hasher.combine(field.op)
            hasher.combine(field.names)
        }
    }
}

/// What a pod requires of a node's labels: `nodeSelector` and the required node affinity terms,
/// compiled once per pod template, as upstream's `nodeaffinity.GetRequiredNodeAffinity`.
public struct RequiredNodeAffinity: Sendable, Hashable {
    /// `spec.nodeSelector` as `In` requirements; all must hold.
    public var nodeSelector: [CompiledRequirement]
    /// The required terms, ORed; nil when the pod has no required node affinity.
    public var terms: [CompiledNodeSelectorTerm]?

    public init(nodeSelector: Labels, affinity: NodeAffinity?, symbols: SymbolTable) {
        self.nodeSelector = nodeSelector.map { CompiledRequirement(SelectorRequirement(key: $0.key, op: .in, values: [$0.value]), symbols: symbols) }
        self.terms = affinity?.required.map { $0.map { CompiledNodeSelectorTerm($0, symbols: symbols) } }
    }

    /// True when the pod constrains nothing (the NodeAffinity PreFilter then returns Skip).
    public var isEmpty: Bool { nodeSelector.isEmpty && terms == nil }

    /// Whether a node satisfies both the node selector and at least one required term.
    public func matches(labels: LabelSet, name: String, symbols: SymbolTable) -> Bool {
        for requirement in nodeSelector where !requirement.matches(labels, symbols: symbols) { return false }
        guard let terms else { return true }
        for term in terms where term.matches(labels: labels, name: name, symbols: symbols) { return true }
        return false
    }
}

/// A preferred node affinity term compiled to symbols, with its weight.
public struct WeightedNodeSelectorTerm: Sendable, Hashable {
    public var weight: Int32
    public var term: CompiledNodeSelectorTerm
}
