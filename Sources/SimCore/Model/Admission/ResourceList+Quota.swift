/// The resource-list arithmetic of upstream's quota package (`k8s.io/apiserver/pkg/quota/v1/resources.go`) and of
/// `addResourceList`/`maxResourceList` in the resource helpers, on kubesim's canonical amounts. Sums saturate at
/// the ends of `Int64` rather than trap.
extension ResourceList {
    /// The names the list mentions, in its order (upstream's `ResourceNames`).
    public var names: [String] { entries.map(\.name) }

    /// Adds every entry of `other`, adding a name that is new (upstream's `addResourceList`).
    public mutating func add(_ other: ResourceList) {
        for entry in other.entries { self[entry.name] = Resources.saturatingSum(self[entry.name] ?? 0, entry.amount) }
    }

    /// Raises each entry to `other`'s where that is larger, adding names that are new (upstream's `maxResourceList`).
    public mutating func raise(to other: ResourceList) {
        for entry in other.entries {
            if let current = self[entry.name], current >= entry.amount { continue }
            self[entry.name] = entry.amount
        }
    }

    /// `self + other` name by name, keeping names only one side has (upstream's `quota.Add`).
    public func adding(_ other: ResourceList) -> ResourceList {
        var result = self
        result.add(other)
        return result
    }

    /// Only the entries whose names are in `names` (upstream's `quota.Mask`).
    public func masked<Names: Sequence<String>>(to names: Names) -> ResourceList {
        let keep = Set(names)
        return ResourceList(entries.filter { keep.contains($0.name) })
    }

    /// Without the zero entries (upstream's `quota.RemoveZeros`).
    public func removingZeros() -> ResourceList { ResourceList(entries.filter { $0.amount != 0 }) }

    /// `name=quantity` for every entry, sorted by name and joined with commas, quantities in Kubernetes' canonical
    /// spelling (upstream's `prettyPrint` in the quota admission controller).
    public var quotaDescription: String {
        entries.sorted { $0.name < $1.name }.map { "\($0.name)=\(QuantityText.format($0.amount, resource: $0.name))" }
            .joined(separator: ",")
    }
}
