/// A ResourceQuota scope (`v1.ResourceQuotaScope`): which pods the quota tracks.
public enum QuotaScope: String, Sendable, Hashable, CaseIterable {
    /// Pods with `activeDeadlineSeconds` set (≥ 0).
    case terminating = "Terminating"
    /// Pods without `activeDeadlineSeconds`.
    case notTerminating = "NotTerminating"
    /// Pods whose QoS class is BestEffort: no container or init container requests or limits cpu or memory.
    case bestEffort = "BestEffort"
    case notBestEffort = "NotBestEffort"
    /// Pods by `priorityClassName`, through a `scopeSelector` expression.
    case priorityClass = "PriorityClass"
    /// Pods with a pod (anti-)affinity term that names namespaces or has a namespace selector.
    case crossNamespacePodAffinity = "CrossNamespacePodAffinity"

    /// Whether a quota with this scope may set `hard` for `resource` (upstream's
    /// `IsResourceQuotaScopeValidForResource`): BestEffort quotas only count `pods`; the other scopes also the
    /// CPU and memory names (`cpu`, `memory`, `requests.*`, `limits.*`). Only names the quota system knows are
    /// checked (`QuotaResourceName.isStandardQuotaName`), so extended resources and `count/…` pass under any scope.
    public func canConstrain(_ resource: String) -> Bool {
        guard QuotaResourceName.isStandardQuotaName(resource) else { return true }
        switch self {
        case .bestEffort:
            return resource == QuotaResourceName.pods
        case .terminating, .notTerminating, .notBestEffort, .priorityClass, .crossNamespacePodAffinity:
            return resource == QuotaResourceName.pods || Self.computeResources.contains(resource)
        }
    }

    private static let computeResources: Set<String> = [
        ResourceName.cpu, ResourceName.memory, QuotaResourceName.limitsCPU, QuotaResourceName.limitsMemory, QuotaResourceName.requestsCPU,
        QuotaResourceName.requestsMemory,
    ]
}

/// A scope selector operator (`v1.ScopeSelectorOperator`).
public enum ScopeSelectorOperator: String, Sendable, Hashable {
    case `in` = "In"
    case notIn = "NotIn"
    case exists = "Exists"
    case doesNotExist = "DoesNotExist"
}

/// One `scopeSelector.matchExpressions` entry (`v1.ScopedResourceSelectorRequirement`); a quota's `scopes: [X]`
/// entries act as `{X Exists}`.
public struct ScopedResourceSelectorRequirement: Sendable, Hashable, CustomStringConvertible {
    public var scopeName: QuotaScope
    public var op: ScopeSelectorOperator
    public var values: [String]

    public init(_ scopeName: QuotaScope, _ op: ScopeSelectorOperator = .exists, values: [String] = []) {
        self.scopeName = scopeName
        self.op = op
        self.values = values
    }

    /// As Go's `%v` prints the struct, which upstream's "insufficient quota to match these scopes" message shows:
    /// `{PriorityClass In [a b]}`.
    public var description: String { "{\(scopeName.rawValue) \(op.rawValue) [\(values.joined(separator: " "))]}" }

    /// Whether `pod` matches (upstream's `podMatchesScopeFunc`). Terminating, BestEffort, their negations and
    /// CrossNamespacePodAffinity ignore the operator. PriorityClass with `Exists` matches a pod naming any class;
    /// otherwise the pod's class is a label `PriorityClass=<name>` (no label without a class) matched as a label
    /// selector: `In` needs the class among the values, `NotIn` matches a pod without one too, `DoesNotExist`
    /// matches only a pod without one.
    public func matches(_ pod: QuotaPod) -> Bool {
        switch scopeName {
        case .terminating: return pod.isTerminating
        case .notTerminating: return !pod.isTerminating
        case .bestEffort: return pod.isBestEffort
        case .notBestEffort: return !pod.isBestEffort
        case .crossNamespacePodAffinity: return pod.usesCrossNamespacePodAffinity
        case .priorityClass:
            let className = pod.spec.priorityClassName.flatMap { $0.isEmpty ? nil : $0 }
            switch op {
            case .exists: return className != nil
            case .doesNotExist: return className == nil
            case .in: return className.map { values.contains($0) } ?? false
            case .notIn: return className.map { !values.contains($0) } ?? true
            }
        }
    }
}
