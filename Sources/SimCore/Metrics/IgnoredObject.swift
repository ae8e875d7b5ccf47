/// An object of the scenario's manifests that kubesim read but does not simulate, or a field of
/// one that it does not know: listed in `summary.json` (`ignored`) so that an answer is never
/// given as if the whole input had been taken into account.
public struct IgnoredObject: Sendable, Hashable {
    /// The object's kind, namespace ("" for cluster-scoped kinds) and name.
    public var kind: String
    public var namespace: String
    public var name: String
    /// What was left out: "not simulated", "unknown field spec.foo", ….
    public var reason: String
    /// False for kinds that cannot change what the cluster runs (ConfigMap, Secret, …); true for
    /// whatever might, which `--strict` refuses.
    public var affectsCapacity: Bool

    public init(kind: String, namespace: String, name: String, reason: String, affectsCapacity: Bool) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.reason = reason
        self.affectsCapacity = affectsCapacity
    }

    /// `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object.
    public var path: String { namespace.isEmpty ? "\(kind)/\(name)" : "\(kind)/\(namespace)/\(name)" }
}
