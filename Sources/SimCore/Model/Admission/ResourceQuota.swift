/// A `v1.ResourceQuota`'s spec: hard limits on what the namespace's objects may charge, optionally only for the
/// pods its scopes select. `hard` amounts are canonical for each name: thousandths for `cpu`, `requests.cpu` and
/// `limits.cpu` (`QuantityText.amount` converts a written quantity), bytes for memory and storage, whole units
/// for counts and extended resources.
public struct ResourceQuotaSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    public var hard: ResourceList
    /// `scopes`: each must match (as `Exists`).
    public var scopes: [QuotaScope]
    /// `scopeSelector.matchExpressions`: each must match too.
    public var scopeSelector: [ScopedResourceSelectorRequirement]

    public init(meta: ObjectMeta, hard: ResourceList, scopes: [QuotaScope] = [], scopeSelector: [ScopedResourceSelectorRequirement] = []) {
        self.meta = meta
        self.hard = hard
        self.scopes = scopes
        self.scopeSelector = scopeSelector
    }
}

extension ResourceQuotaSpec {
    /// The quota's scopes as selector requirements: each `scopes` entry as `Exists`, then the `scopeSelector`
    /// expressions (upstream's `getScopeSelectorsFromQuota`).
    public var scopeSelectors: [ScopedResourceSelectorRequirement] {
        scopes.map { ScopedResourceSelectorRequirement($0) } + scopeSelector
    }

    /// The quota's scope errors as the API server reports them when the quota is created (upstream's
    /// `validateResourceQuotaScopes` and `validateScopedResourceSelectorRequirement`): a scope that cannot
    /// constrain one of the `hard` resources, a misused operator, missing or superfluous values, and conflicting
    /// pairs (BestEffort with NotBestEffort, Terminating with NotTerminating). Upstream's messages also print the
    /// offending value as a Go literal; these give the field and the reason.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        let hard = hard.names.sorted()
        for scope in scopes {
            for resource in hard where !scope.canConstrain(resource) {
                errors.append("spec.scopes: Invalid value: unsupported scope applied to resource")
            }
        }
        errors += conflicts(Set(scopes), field: "spec.scopes")
        let path = "spec.scopeSelector.matchExpressions"
        for requirement in scopeSelector {
            for resource in hard where !requirement.scopeName.canConstrain(resource) {
                errors.append("\(path): Invalid value: unsupported scope applied to resource")
            }
            switch requirement.scopeName {
            case .bestEffort, .notBestEffort, .terminating, .notTerminating:
                if requirement.op != .exists {
                    errors.append(
                        "\(path).operator: Invalid value: \"\(requirement.op.rawValue)\": must be 'Exist' only operator when scope is any of "
                            + "ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort and "
                            + "ResourceQuotaScopeNotBestEffort")
                }
            case .priorityClass, .crossNamespacePodAffinity:
                break
            }
            switch requirement.op {
            case .in, .notIn:
                if requirement.values.isEmpty {
                    errors.append("\(path).values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector")
                }
            case .exists, .doesNotExist:
                if !requirement.values.isEmpty {
                    errors.append("\(path).values: Invalid value: must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector")
                }
            }
        }
        errors += conflicts(Set(scopeSelector.map(\.scopeName)), field: path)
        return errors
    }

    private func conflicts(_ scopes: Set<QuotaScope>, field: String) -> [String] {
        let pairs: [(QuotaScope, QuotaScope)] = [(.bestEffort, .notBestEffort), (.terminating, .notTerminating)]
        return pairs.filter { scopes.contains($0.0) && scopes.contains($0.1) }.map { _ in "\(field): Invalid value: conflicting scopes" }
    }
}

/// A quota's `status.used`: what the objects it covers charge, kept by the caller as pods and objects come and go
/// (the quota controller recomputes it upstream; admission adds each admitted object's charge at once). A name
/// missing from `used` is unknown, and a pod charging it is refused ("status unknown for quota") until the quota
/// controller has filled it in — `ResourceQuota(spec:)` starts every `hard` name at zero, as that first sync does.
public struct QuotaUsage: Sendable, Hashable {
    public var used: ResourceList

    public init(used: ResourceList = ResourceList()) {
        self.used = used
    }

    /// Adds an admitted object's charge (`QuotaCharge.usage`, already limited to the quota's `hard` names).
    public mutating func charge(_ usage: ResourceList) {
        used.add(usage)
    }

    /// Takes back what an object charged when it goes, or stops charging compute resources: the names in `usage`
    /// that `used` tracks go down, never below zero (`usage` is what `PodQuotaEvaluator.usage` or
    /// `ObjectQuotaEvaluator.usage` gave, or the difference between two of them).
    public mutating func release(_ usage: ResourceList) {
        for entry in usage.entries {
            guard let current = used[entry.name] else { continue }
            let (difference, overflow) = current.subtractingReportingOverflow(entry.amount)
            used[entry.name] = overflow ? (entry.amount > 0 ? 0 : Int64.max) : Swift.max(0, difference)
        }
    }
}

/// A ResourceQuota with its usage: the quota admission checks a new object against.
public struct ResourceQuota: Sendable, Hashable {
    public var spec: ResourceQuotaSpec
    public var status: QuotaUsage

    /// A quota whose every `hard` name is used at zero, as the quota controller reports a new quota in an empty
    /// namespace.
    public init(spec: ResourceQuotaSpec) {
        self.spec = spec
        self.status = QuotaUsage(used: ResourceList(spec.hard.entries.map { ResourceAmount($0.name, 0) }))
    }

    public init(spec: ResourceQuotaSpec, status: QuotaUsage) {
        self.spec = spec
        self.status = status
    }

    public var name: String { spec.meta.name }
}
