/// What a LimitRange item constrains (`v1.LimitType`).
public enum LimitType: String, Sendable, Hashable {
    /// Each container and init container on its own; the only type with defaults.
    case container = "Container"
    /// The pod's totals (regular containers and sidecars, raised to the init-time peak; overhead not counted).
    case pod = "Pod"
    /// A claim's storage request; kept as data, never applied to pods.
    case persistentVolumeClaim = "PersistentVolumeClaim"
}

/// One `v1.LimitRangeItem`. Amounts are canonical (millicores for `cpu`, bytes for memory and storage, whole
/// units otherwise) except `maxLimitRequestRatio`, which holds thousandths for every resource so that a ratio
/// such as `1.5` is exact (`Quantity.milliValue` of the written ratio).
public struct LimitRangeItem: Sendable, Hashable {
    public var type: LimitType
    public var max: ResourceList
    public var min: ResourceList
    /// `default`: the limit a container gets for a resource it sets no limit for.
    public var defaultLimit: ResourceList
    /// `defaultRequest`: the request a container gets for a resource it sets no request for.
    public var defaultRequest: ResourceList
    /// `maxLimitRequestRatio`, in thousandths: 2000 allows a limit twice the request.
    public var maxLimitRequestRatio: ResourceList

    public init(
        type: LimitType, max: ResourceList = ResourceList(), min: ResourceList = ResourceList(), defaultLimit: ResourceList = ResourceList(),
        defaultRequest: ResourceList = ResourceList(), maxLimitRequestRatio: ResourceList = ResourceList()
    ) {
        self.type = type
        self.max = max
        self.min = min
        self.defaultLimit = defaultLimit
        self.defaultRequest = defaultRequest
        self.maxLimitRequestRatio = maxLimitRequestRatio
    }

    /// The item as the API server stores it (upstream's `SetDefaults_LimitRangeItem`), for Container items only: a
    /// resource with a `max` and no `default` defaults its limit to the max; then one with a `default` and no
    /// `defaultRequest` defaults its request to that limit; then one with a `min` and still no `defaultRequest`
    /// defaults its request to the min.
    public func withAPIDefaults() -> LimitRangeItem {
        guard type == .container else { return self }
        var item = self
        for entry in max.entries where item.defaultLimit[entry.name] == nil { item.defaultLimit[entry.name] = entry.amount }
        for entry in item.defaultLimit.entries where item.defaultRequest[entry.name] == nil { item.defaultRequest[entry.name] = entry.amount }
        for entry in min.entries where item.defaultRequest[entry.name] == nil { item.defaultRequest[entry.name] = entry.amount }
        return item
    }
}

/// A `v1.LimitRange`: the per-container and per-pod bounds and defaults of one namespace. A namespace may hold
/// several; the LimitRanger applies every one, in order.
public struct LimitRangeSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var items: [LimitRangeItem]

    public init(meta: ObjectMeta, items: [LimitRangeItem]) {
        self.meta = meta
        self.items = items
    }

    /// The LimitRange as stored once the API server has defaulted its items (see `LimitRangeItem.withAPIDefaults`):
    /// what the LimitRanger sees for a LimitRange created from a manifest.
    public func withAPIDefaults() -> LimitRangeSpec {
        LimitRangeSpec(meta: meta, items: items.map { $0.withAPIDefaults() })
    }
}
