/// A selector operator, as `metav1.LabelSelectorOperator` and `v1.NodeSelectorOperator` spell them.
public enum SelectorOperator: String, Sendable, Hashable, CaseIterable {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
    /// Node selectors only: the label value parsed as an integer is greater than the single value.
    case gt = "Gt"
    /// Node selectors only: less than.
    case lt = "Lt"
}

/// One requirement of a selector, in strings, as written in a manifest.
public struct SelectorRequirement: Sendable, Hashable {
    public var key: String
    public var op: SelectorOperator
    public var values: [String]

    public init(key: String, op: SelectorOperator, values: [String] = []) {
        self.key = key
        self.op = op
        self.values = values
    }
}

/// A `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, ANDed.
public struct LabelSelector: Sendable, Hashable {
    public var matchLabels: Labels
    public var matchExpressions: [SelectorRequirement]

    public init(matchLabels: Labels = Labels(), matchExpressions: [SelectorRequirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// True when the selector has no requirement at all. Upstream gives such a selector two
    /// meanings: "everything" for a workload's selector, "nothing" for spread constraints.
    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// All requirements: `matchLabels` as `In` with one value, then the expressions.
    public var requirements: [SelectorRequirement] {
        matchLabels.map { SelectorRequirement(key: $0.key, op: .in, values: [$0.value]) } + matchExpressions
    }

    /// Whether `labels` satisfy the selector (strings; used off the hot path).
    public func matches(_ labels: Labels) -> Bool {
        requirements.allSatisfy { requirement in
            let value = labels[requirement.key]
            switch requirement.op {
            case .in: return value.map(requirement.values.contains) ?? false
            case .notIn: return value.map { !requirement.values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .gt, .lt:
                guard let value, let number = Int64(value), requirement.values.count == 1, let bound = Int64(requirement.values[0]) else {
                    return false
                }
                return requirement.op == .gt ? number > bound : number < bound
            }
        }
    }
}

/// A requirement compiled to symbols for matching against a `LabelSet`.
public struct CompiledRequirement: Sendable, Hashable {
    public var key: Symbol
    public var op: SelectorOperator
    /// Value symbols (`In`, `NotIn`).
    public var values: [Symbol]
    /// The single integer bound (`Gt`, `Lt`); nil when it does not parse, which matches nothing.
    public var bound: Int64?

    public init(_ requirement: SelectorRequirement, symbols: SymbolTable) {
        key = symbols.intern(requirement.key)
        op = requirement.op
        values = requirement.values.map { symbols.intern($0) }
        bound = requirement.values.count == 1 ? Int64(requirement.values[0]) : nil
    }

    /// Whether `labels` satisfy this requirement, as upstream's `labels.Requirement.Matches`
    /// (`NotIn` and `DoesNotExist` match objects without the key).
    @inline(__always)
    public func matches(_ labels: LabelSet, symbols: SymbolTable) -> Bool {
        let value = labels.value(for: key)
        switch op {
        case .in: return value.map(values.contains) ?? false
        case .notIn: return value.map { !values.contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .gt, .lt:
            guard let value, let bound, let number = Int64(symbols[value]) else { return false }
            return op == .gt ? number > bound : number < bound
        }
    }
}

/// A label selector compiled to symbols: all requirements must hold.
public struct CompiledSelector: Sendable, Hashable {
    public var requirements: [CompiledRequirement]

    public init(_ selector: LabelSelector, symbols: SymbolTable) {
        requirements = selector.requirements.map { CompiledRequirement($0, symbols: symbols) }
    }

    public init(requirements: [CompiledRequirement]) {
        self.requirements = requirements
    }

    /// True when the selector has no requirement.
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `labels` satisfy every requirement (an empty selector matches everything).
    @inline(__always)
    public func matches(_ labels: LabelSet, symbols: SymbolTable) -> Bool {
        for requirement in requirements where !requirement.matches(labels, symbols: symbols) { return false }
        return true
    }
}
