/// One `limitedResources` entry of the ResourceQuota admission plugin's configuration (upstream's
/// `resourcequotaapi.LimitedResource`): objects of `resource` that consume a name containing one of
/// `matchContains`, or pods matching one of `matchScopes`, are admitted only if a quota covers them.
public struct LimitedResource: Sendable, Hashable {
    /// The API group; empty for the core group.
    public var apiGroup: String
    /// The lowercase plural resource, e.g. `pods`.
    public var resource: String
    /// Substrings of usage names, e.g. `requests.cpu` or `cpu`.
    public var matchContains: [String]
    public var matchScopes: [ScopedResourceSelectorRequirement]

    public init(apiGroup: String = "", resource: String, matchContains: [String] = [], matchScopes: [ScopedResourceSelectorRequirement] = []) {
        self.apiGroup = apiGroup
        self.resource = resource
        self.matchContains = matchContains
        self.matchScopes = matchScopes
    }
}

/// The ResourceQuota admission plugin's configuration; empty by default, as in a cluster without an
/// AdmissionConfiguration for it.
public struct QuotaAdmissionConfiguration: Sendable, Hashable {
    public var limitedResources: [LimitedResource]

    public init(limitedResources: [LimitedResource] = []) {
        self.limitedResources = limitedResources
    }
}

/// What an admitted object adds to one quota's usage: the object's usage limited to the quota's `hard` names,
/// sorted by name.
public struct QuotaCharge: Sendable, Hashable {
    public var quotaName: String
    public var usage: ResourceList

    public init(quotaName: String, usage: ResourceList) {
        self.quotaName = quotaName
        self.usage = usage
    }
}

/// Why the quota admission refused an object.
public struct QuotaDenial: Error, Sendable, Hashable {
    /// The plugin's own message, e.g. `exceeded quota: compute, requested: cpu=500m, used: cpu=1500m, limited: cpu=2`.
    public var message: String
    /// True when upstream wraps the message as a 403 Forbidden for the object (`<resource> "<name>" is forbidden: …`);
    /// false for the scope-coverage refusal, which upstream returns unwrapped (the client sees the bare message).
    public var isForbidden: Bool

    public init(message: String, isForbidden: Bool = true) {
        self.message = message
        self.isForbidden = isForbidden
    }

    /// The API error's message as the client sees it (upstream's `admission.NewForbidden` and
    /// `apierrors.NewForbidden`): `pods "web-7d9c5-x2k4q" is forbidden: exceeded quota: …`. `resource` is the
    /// qualified resource (`pods`, `deployments.apps`); `name` the object's name, generated names included since the
    /// quota is checked after the name is generated.
    public func apiErrorMessage(resource: String = "pods", name: String) -> String {
        isForbidden ? PodAdmission.forbiddenMessage(resource: resource, name: name, reason: message) : message
    }
}

/// The quota admission's verdict on one new object.
public enum QuotaAdmissionResult: Sendable, Hashable {
    /// Admitted; each charge is to be added to the named quota's usage (none when no quota applies or an applying
    /// quota tracks nothing the object uses).
    case admitted([QuotaCharge])
    case denied(QuotaDenial)
}

/// The ResourceQuota admission plugin deciding on the creation of one object (upstream's `CheckRequest` in
/// `k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go`).
public enum ResourceQuotaAdmission {
    /// Whether a new pod may be created in a namespace holding `quotas` (in the order the lister gives them), and
    /// what it charges to each. Upstream's steps, in order, each refusing with its message:
    /// 1. with `limitedResources` configured for pods, the names the pod consumes that need a covering quota;
    /// 2. for each quota whose `hard` tracks a pod resource and whose every scope matches the pod: the pod must set
    ///    cpu/memory requests or limits the quota constrains (`failed quota: <quota>: must specify …`), and the
    ///    quota's usage must be known for those resources (`status unknown for quota: …`);
    /// 3. a negative usage is refused; a pod charging nothing (after dropping zeros) is admitted;
    /// 4. every limited name needs a quota that constrains it (`insufficient quota to consume: …`), every limited
    ///    scope the pod matches a quota with that scope (`insufficient quota to match these scopes: …`);
    /// 5. for each applying quota in order, used + requested ≤ hard for every `hard` name the pod charges, else
    ///    `exceeded quota: <quota>, requested: …, used: …, limited: …` for the exceeded names.
    public static func admit(_ pod: QuotaPod, quotas: [ResourceQuota], configuration: QuotaAdmissionConfiguration = QuotaAdmissionConfiguration())
        -> QuotaAdmissionResult
    {
        let limited = configuration.limitedResources
        guard !quotas.isEmpty || !limited.isEmpty else { return .admitted([]) }
        // Every configured entry's scopes are matched against the pod, whatever its resource, as upstream does.
        let limitedScopes = limited.flatMap { PodQuotaEvaluator.matchingScopes($0.matchScopes, pod: pod) }
        let usage = PodQuotaEvaluator.usage(of: pod)
        return check(
            usage: usage, quotas: quotas, limited: limited, resource: "pods", group: "",
            matchingResources: PodQuotaEvaluator.matchingResources,
            matches: { PodQuotaEvaluator.matches($0, pod: pod) },
            matchingScopes: { PodQuotaEvaluator.matchingScopes($0, pod: pod) },
            constraintViolation: { PodQuotaEvaluator.constraintViolation(required: $0, pod: pod) },
            limitedScopes: limitedScopes)
    }

    /// Whether a new object other than a pod may be created, and what it charges: the same steps as for pods with
    /// the object's evaluator, which has no constraints and no scopes (so scoped quotas never apply).
    public static func admit(
        _ object: QuotaObject, quotas: [ResourceQuota], configuration: QuotaAdmissionConfiguration = QuotaAdmissionConfiguration()
    )
        -> QuotaAdmissionResult
    {
        let limited = configuration.limitedResources
        guard !quotas.isEmpty || !limited.isEmpty else { return .admitted([]) }
        let (resource, group) = ObjectQuotaEvaluator.groupResource(object)
        let matching = { (names: [String]) in ObjectQuotaEvaluator.matchingResources(names, for: object) }
        return check(
            usage: ObjectQuotaEvaluator.usage(of: object), quotas: quotas, limited: limited, resource: resource, group: group,
            matchingResources: matching,
            matches: { !matching($0.hard.names).isEmpty && $0.scopeSelectors.isEmpty },
            matchingScopes: { _ in [] }, constraintViolation: { _ in nil }, limitedScopes: [])
    }

    /// Adds each charge to the quota it names.
    public static func apply(_ charges: [QuotaCharge], to quotas: inout [ResourceQuota]) {
        for charge in charges {
            guard let index = quotas.firstIndex(where: { $0.name == charge.quotaName }) else { continue }
            quotas[index].status.charge(charge.usage)
        }
    }

    private static func check(
        usage: ResourceList, quotas: [ResourceQuota], limited: [LimitedResource], resource: String, group: String,
        matchingResources: ([String]) -> [String], matches: (ResourceQuotaSpec) -> Bool,
        matchingScopes: ([ScopedResourceSelectorRequirement]) -> [ScopedResourceSelectorRequirement], constraintViolation: ([String]) -> String?,
        limitedScopes: [ScopedResourceSelectorRequirement]
    ) -> QuotaAdmissionResult {
        // The names that must be covered by some quota: consumed (positive) names containing a configured substring.
        var limitedNames: Set<String> = []
        for entry in limited where entry.resource == resource && entry.apiGroup == group {
            for item in usage.entries where item.amount > 0 && entry.matchContains.contains(where: { item.name.contains($0) }) {
                limitedNames.insert(item.name)
            }
        }
        var applying: [ResourceQuota] = []
        var restrictedNames: Set<String> = []
        var restrictedScopes: [ScopedResourceSelectorRequirement] = []
        for quota in quotas {
            restrictedScopes += matchingScopes(quota.spec.scopeSelectors)
            guard matches(quota.spec) else { continue }
            let restricted = matchingResources(quota.spec.hard.names)
            if let violation = constraintViolation(restricted) {
                return .denied(QuotaDenial(message: "failed quota: \(quota.name): \(violation)"))
            }
            let restrictedSet = Set(restricted)
            let unknown = quota.spec.hard.names.contains { restrictedSet.contains($0) && quota.status.used[$0] == nil }
            if unknown {
                let names = restricted.sorted().joined(separator: ",")
                return .denied(QuotaDenial(message: "status unknown for quota: \(quota.name), resources: \(names)"))
            }
            applying.append(quota)
            restrictedNames.formUnion(restricted)
        }
        let negative = usage.entries.filter { $0.amount < 0 }.map(\.name).sorted()
        if !negative.isEmpty {
            return .denied(QuotaDenial(message: "quota usage is negative for resource(s): \(negative.joined(separator: ","))"))
        }
        let delta = usage.removingZeros()
        guard !delta.isEmpty else { return .admitted([]) }
        let uncoveredNames = limitedNames.subtracting(restrictedNames).sorted()
        if !uncoveredNames.isEmpty {
            return .denied(QuotaDenial(message: "insufficient quota to consume: \(uncoveredNames.joined(separator: ","))"))
        }
        let uncoveredScopes = limitedScopes.filter { scope in !restrictedScopes.contains { $0.scopeName == scope.scopeName } }
        if !uncoveredScopes.isEmpty {
            let list = "[" + uncoveredScopes.map(\.description).joined(separator: " ") + "]"
            return .denied(QuotaDenial(message: "insufficient quota to match these scopes: \(list)", isForbidden: false))
        }
        var charges: [QuotaCharge] = []
        for quota in applying {
            let hard = quota.spec.hard
            let requested = delta.masked(to: hard.names)
            let newUsage = quota.status.used.adding(requested)
            let exceeded = requested.names.filter { name in
                guard let limit = hard[name], let total = newUsage[name] else { return false }
                return total > limit
            }
            if !exceeded.isEmpty {
                let message =
                    "exceeded quota: \(quota.name), requested: \(requested.masked(to: exceeded).quotaDescription), "
                    + "used: \(quota.status.used.masked(to: exceeded).quotaDescription), limited: \(hard.masked(to: exceeded).quotaDescription)"
                return .denied(QuotaDenial(message: message))
            }
            if !requested.isEmpty {
                charges.append(QuotaCharge(quotaName: quota.name, usage: ResourceList(requested.entries.sorted { $0.name < $1.name })))
            }
        }
        return .admitted(charges)
    }
}
