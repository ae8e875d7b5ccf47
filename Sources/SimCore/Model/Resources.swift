/// Well-known resource names.
public enum ResourceName {
    public static let cpu = "cpu"
    public static let memory = "memory"
    public static let ephemeralStorage = "ephemeral-storage"
    public static let pods = "pods"

    /// True for names the scheduler tracks as "scalar" resources: extended resources
    /// (`vendor.com/thing`), hugepages and attachable volumes, as upstream's `IsScalarResourceName`.
    public static func isScalar(_ name: String) -> Bool {
        name.hasPrefix("hugepages-") || name.hasPrefix("attachable-volumes-")
            || (name.contains("/") && !name.hasPrefix("kubernetes.io/") && !name.hasPrefix("requests."))
    }
}

/// One named amount in canonical units (CPU in millicores, everything else in whole units).
public struct ResourceAmount: Sendable, Hashable {
    /// The resource name, e.g. "cpu", "memory", "nvidia.com/gpu".
    public var name: String
    /// The amount: millicores for "cpu", bytes for memory and storage, a count otherwise.
    public var amount: Int64

    public init(_ name: String, _ amount: Int64) {
        self.name = name
        self.amount = amount
    }
}

/// A resource list as manifests write it (`requests`, `limits`, `capacity`): names with amounts,
/// in first-written order. A name that is absent differs from one present with zero — the
/// scheduler's non-zero defaults depend on it.
public struct ResourceList: Sendable, Hashable {
    /// The entries, each name at most once.
    public private(set) var entries: [ResourceAmount] = []

    public init() {}

    public init(_ entries: [ResourceAmount]) {
        for entry in entries { self[entry.name] = entry.amount }
    }

    /// The amount for `name`, or nil when the list does not mention it.
    public subscript(name: String) -> Int64? {
        get { entries.first { $0.name == name }?.amount }
        set {
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[index].amount = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(ResourceAmount(name, newValue))
            }
        }
    }

    /// True when the list names no resource.
    public var isEmpty: Bool { entries.isEmpty }

    /// Parses `quantity` for `name` into canonical units: millicores for CPU, whole units otherwise.
    public static func canonicalAmount(_ quantity: Quantity, for name: String) -> Int64 {
        name == ResourceName.cpu ? quantity.milliValue : quantity.value
    }
}

/// Resource totals in the scheduler's shape: fixed fields for the common resources and a short
/// sorted list for scalar resources, so the hot paths compare integers rather than look up names.
public struct Resources: Sendable, Hashable {
    /// Millicores.
    public var cpu: Int64 = 0
    /// Bytes.
    public var memory: Int64 = 0
    /// Bytes.
    public var ephemeralStorage: Int64 = 0
    /// Pod slots (only meaningful for node allocatable).
    public var pods: Int64 = 0
    /// Extended resources, hugepages and the like, sorted by name, without zero entries.
    public var scalars: [ResourceAmount] = []

    public init(cpu: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, pods: Int64 = 0, scalars: [ResourceAmount] = []) {
        self.cpu = cpu
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.pods = pods
        self.scalars = scalars.filter { $0.amount != 0 }.sorted { $0.name < $1.name }
    }

    /// The totals of a resource list (unknown non-scalar names such as "kubernetes.io/x" are ignored).
    public init(_ list: ResourceList) {
        self.init()
        for entry in list.entries { self[entry.name] = entry.amount }
    }

    /// The amount of `name` (0 when absent).
    public subscript(name: String) -> Int64 {
        get {
            switch name {
            case ResourceName.cpu: return cpu
            case ResourceName.memory: return memory
            case ResourceName.ephemeralStorage: return ephemeralStorage
            case ResourceName.pods: return pods
            default: return scalars.first { $0.name == name }?.amount ?? 0
            }
        }
        set {
            switch name {
            case ResourceName.cpu: cpu = newValue
            case ResourceName.memory: memory = newValue
            case ResourceName.ephemeralStorage: ephemeralStorage = newValue
            case ResourceName.pods: pods = newValue
            default:
                guard ResourceName.isScalar(name) else { return }
                if let index = scalars.firstIndex(where: { $0.name == name }) {
                    if newValue == 0 { scalars.remove(at: index) } else { scalars[index].amount = newValue }
                } else if newValue != 0 {
                    let index = scalars.firstIndex { $0.name > name } ?? scalars.endIndex
                    scalars.insert(ResourceAmount(name, newValue), at: index)
                }
            }
        }
    }

    /// Every resource name with a non-zero amount, fixed resources first.
    public var nonZeroNames: [String] {
        var names: [String] = []
        if cpu != 0 { names.append(ResourceName.cpu) }
        if memory != 0 { names.append(ResourceName.memory) }
        if ephemeralStorage != 0 { names.append(ResourceName.ephemeralStorage) }
        if pods != 0 { names.append(ResourceName.pods) }
        return names + scalars.map(\.name)
    }

    /// The first resource (fixed ones first) of which `self` holds more than `limit`, or nil
    /// when `self` fits within `limit` everywhere.
    public func firstExceeding(_ limit: Resources) -> String? {
        nonZeroNames.first { self[$0] > limit[$0] }
    }

    /// Adds `other` field by field.
    public mutating func add(_ other: Resources) {
        cpu += other.cpu
        memory += other.memory
        ephemeralStorage += other.ephemeralStorage
        pods += other.pods
        for scalar in other.scalars { self[scalar.name] += scalar.amount }
    }

    /// Adds `other` field by field, holding at `Int64.max` where a sum would overflow. For totals
    /// that are only compared or reported — a pod's request over all its containers, the whole
    /// cluster's allocatable — where a sum past what one node can hold means "more than any node
    /// has" (the decoders keep each amount within `Int64` by far, but not every sum of them).
    public mutating func addSaturating(_ other: Resources) {
        cpu = Self.saturatingSum(cpu, other.cpu)
        memory = Self.saturatingSum(memory, other.memory)
        ephemeralStorage = Self.saturatingSum(ephemeralStorage, other.ephemeralStorage)
        pods = Self.saturatingSum(pods, other.pods)
        for scalar in other.scalars { self[scalar.name] = Self.saturatingSum(self[scalar.name], scalar.amount) }
    }

    /// `a + b`, or the nearest end of `Int64`'s range when that overflows.
    public static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int64.max : Int64.min) : sum
    }

    /// Subtracts `other` field by field.
    public mutating func subtract(_ other: Resources) {
        cpu -= other.cpu
        memory -= other.memory
        ephemeralStorage -= other.ephemeralStorage
        pods -= other.pods
        for scalar in other.scalars { self[scalar.name] -= scalar.amount }
    }

    /// The field-by-field maximum of `self` and `other`.
    public func maximum(_ other: Resources) -> Resources {
        var result = Resources(
            cpu: max(cpu, other.cpu), memory: max(memory, other.memory),
            ephemeralStorage: max(ephemeralStorage, other.ephemeralStorage), pods: max(pods, other.pods))
        for name in Set(scalars.map(\.name) + other.scalars.map(\.name)).sorted() {
            result[name] = max(self[name], other[name])
        }
        return result
    }
}
