/// A taint or toleration effect.
public enum TaintEffect: String, Sendable, Hashable, CaseIterable {
    case noSchedule = "NoSchedule"
    case preferNoSchedule = "PreferNoSchedule"
    case noExecute = "NoExecute"
}

/// A node taint, as written in a manifest or node pool.
public struct Taint: Sendable, Hashable {
    public var key: String
    public var value: String
    public var effect: TaintEffect

    public init(key: String, value: String = "", effect: TaintEffect) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

/// How a toleration compares values.
public enum TolerationOperator: String, Sendable, Hashable {
    case equal = "Equal"
    case exists = "Exists"
}

/// A pod toleration, as written in a manifest.
public struct Toleration: Sendable, Hashable {
    /// Empty matches every key (only with `Exists`).
    public var key: String
    public var op: TolerationOperator
    public var value: String
    /// Nil matches every effect.
    public var effect: TaintEffect?
    /// For NoExecute taints: how long the pod stays after the taint appears; nil means forever.
    public var tolerationSeconds: Int64?

    public init(key: String = "", op: TolerationOperator = .equal, value: String = "", effect: TaintEffect? = nil, tolerationSeconds: Int64? = nil) {
        self.key = key
        self.op = op
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}

/// A taint with interned key and value, as the node table stores it.
public struct CompiledTaint: Sendable, Hashable {
    public var key: Symbol
    public var value: Symbol
    public var effect: TaintEffect

    public init(_ taint: Taint, symbols: SymbolTable) {
        key = symbols.intern(taint.key)
        value = symbols.intern(taint.value)
        effect = taint.effect
    }

    public init(key: Symbol, value: Symbol, effect: TaintEffect) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

/// A toleration with interned key and value.
public struct CompiledToleration: Sendable, Hashable {
    /// Nil for an empty key (matches all keys).
    public var key: Symbol?
    public var op: TolerationOperator
    public var value: Symbol
    public var effect: TaintEffect?
    public var tolerationSeconds: Int64?

    public init(_ toleration: Toleration, symbols: SymbolTable) {
        key = toleration.key.isEmpty ? nil : symbols.intern(toleration.key)
        op = toleration.op
        value = symbols.intern(toleration.value)
        effect = toleration.effect
        tolerationSeconds = toleration.tolerationSeconds
    }

    /// Whether this toleration tolerates `taint`, as upstream's `Toleration.ToleratesTaint`: the
    /// effect is empty or equal, the key is empty or equal, and `Exists` matches any value while
    /// `Equal` needs the same value.
    @inline(__always)
    public func tolerates(_ taint: CompiledTaint) -> Bool {
        if let effect, effect != taint.effect { return false }
        if let key, key != taint.key { return false }
        switch op {
        case .exists: return true
        case .equal: return value == taint.value
        }
    }
}

extension Array where Element == CompiledToleration {
    /// True when any toleration tolerates `taint`.
    @inline(__always)
    public func tolerate(_ taint: CompiledTaint) -> Bool {
        for toleration in self where toleration.tolerates(taint) { return true }
        return false
    }
}

/// Taint keys the control plane itself sets, as `k8s.io/api/core/v1` names them.
public enum WellKnownTaint {
    public static let notReady = "node.kubernetes.io/not-ready"
    public static let unreachable = "node.kubernetes.io/unreachable"
    public static let unschedulable = "node.kubernetes.io/unschedulable"
    public static let memoryPressure = "node.kubernetes.io/memory-pressure"
    public static let diskPressure = "node.kubernetes.io/disk-pressure"
    public static let pidPressure = "node.kubernetes.io/pid-pressure"
    public static let networkUnavailable = "node.kubernetes.io/network-unavailable"
}
