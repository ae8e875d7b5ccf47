/// The quota evaluator for pods (upstream `pkg/quota/v1/evaluator/core/pods.go`): what a pod charges and which
/// quota resources it can be charged to.
public enum PodQuotaEvaluator {
    /// The quota names the pod evaluator tracks by exact name (upstream's `podResources`); hugepages and extended
    /// resources are matched by form (`matchingResources`).
    public static let resourceNames: [String] = [
        QuotaResourceName.countPods, ResourceName.cpu, ResourceName.memory, ResourceName.ephemeralStorage, QuotaResourceName.requestsCPU,
        QuotaResourceName.requestsMemory, QuotaResourceName.requestsEphemeralStorage, QuotaResourceName.limitsCPU,
        QuotaResourceName.limitsMemory, QuotaResourceName.limitsEphemeralStorage, QuotaResourceName.pods,
    ]

    /// The names every container must set when a matching quota constrains them — "a mistake" upstream keeps for
    /// compatibility, and only for CPU and memory (upstream's `validationSet`).
    public static let mustSpecifyNames: Set<String> = [
        ResourceName.cpu, ResourceName.memory, QuotaResourceName.requestsCPU, QuotaResourceName.requestsMemory, QuotaResourceName.limitsCPU,
        QuotaResourceName.limitsMemory,
    ]

    /// The names in `names` the pod evaluator tracks (upstream's `MatchingResources`): the exact names, sorted, then
    /// in input order the `hugepages-…`/`requests.hugepages-…` names and `requests.<extended>` names. A
    /// `limits.<extended>` name matches nothing: extended resources cannot be overcommitted, so quota only takes the
    /// `requests.` form.
    public static func matchingResources(_ names: [String]) -> [String] {
        let exact = Set(resourceNames)
        var result = Array(Set(names.filter { exact.contains($0) })).sorted()
        for name in names {
            if name.hasPrefix(QuotaResourceName.hugePagesPrefix) || name.hasPrefix(QuotaResourceName.requestsHugePagesPrefix) {
                result.append(name)
            }
            if !QuotaResourceName.isNative(name) && name.hasPrefix(QuotaResourceName.requestsPrefix) { result.append(name) }
        }
        return result
    }

    /// What the pod charges (upstream's `PodUsageFunc`): `count/pods` = 1 always; unless the pod no longer charges
    /// compute resources, also `pods` = 1 and, from its effective requests and limits (`PodResourceLists`, with
    /// overhead), `cpu`/`requests.cpu`, `limits.cpu`, the same for memory and ephemeral storage,
    /// `hugepages-<size>` and `requests.hugepages-<size>` from requests, and `requests.<name>` for each extended
    /// resource requested. A name the pod's containers never mention is absent rather than zero.
    public static func usage(of pod: QuotaPod) -> ResourceList {
        var usage = ResourceList([ResourceAmount(QuotaResourceName.countPods, 1)])
        guard pod.chargesComputeResources else { return usage }
        let requests = PodResourceLists.requests(pod.spec, includingOverhead: true)
        let limits = PodResourceLists.limits(pod.spec, includingOverhead: true)
        usage.add(computeUsage(requests: requests, limits: limits))
        return usage
    }

    /// What a pod stops charging when it reaches a terminal phase (or outlives its deletion grace period) while it
    /// still exists: its usage less `count/pods`, which it charges until it is gone. Release it from the quotas the
    /// pod was charged to (`QuotaUsage.release`); release `count/pods` when the pod is deleted.
    public static func releasedOnTermination(of pod: QuotaPod) -> ResourceList {
        var running = pod
        running.chargesComputeResources = true
        return ResourceList(usage(of: running).entries.filter { $0.name != QuotaResourceName.countPods })
    }

    /// Whether `quota` applies to the pod (upstream's `generic.Matches` with the pod scope function): its `hard`
    /// names at least one resource the evaluator tracks and the pod matches every scope selector.
    public static func matches(_ quota: ResourceQuotaSpec, pod: QuotaPod) -> Bool {
        !matchingResources(quota.hard.names).isEmpty && quota.scopeSelectors.allSatisfy { $0.matches(pod) }
    }

    /// The selectors among `selectors` the pod matches, in order (upstream's `MatchingScopes`).
    public static func matchingScopes(_ selectors: [ScopedResourceSelectorRequirement], pod: QuotaPod) -> [ScopedResourceSelectorRequirement] {
        selectors.filter { $0.matches(pod) }
    }

    /// The "must specify" refusal, or nil (upstream's `Constraints`): for each CPU or memory name among `required`
    /// that some container or init container does not set, `<name> for: <containers>` — names sorted, container
    /// names sorted and deduplicated, joined by commas — all joined by `; ` after `must specify `.
    public static func constraintViolation(required: [String], pod: QuotaPod) -> String? {
        let requiredSet = Set(required).intersection(mustSpecifyNames)
        var missing: [String: Set<String>] = [:]
        for container in pod.spec.containers + pod.spec.initContainers {
            let given = Set(computeUsage(requests: container.resources.requests, limits: container.resources.limits).names)
            for name in requiredSet.subtracting(given) { missing[name, default: []].insert(container.name) }
        }
        guard !missing.isEmpty else { return nil }
        let parts = missing.keys.sorted().map { name in "\(name) for: " + (missing[name] ?? []).sorted().joined(separator: ",") }
        return "must specify " + parts.joined(separator: "; ")
    }

    /// Upstream's `podComputeUsageHelper`: the quota names one set of requests and limits charges.
    static func computeUsage(requests: ResourceList, limits: ResourceList) -> ResourceList {
        var usage = ResourceList([ResourceAmount(QuotaResourceName.pods, 1)])
        let tracked: [(resource: String, request: String, limit: String)] = [
            (ResourceName.cpu, QuotaResourceName.requestsCPU, QuotaResourceName.limitsCPU),
            (ResourceName.memory, QuotaResourceName.requestsMemory, QuotaResourceName.limitsMemory),
            (ResourceName.ephemeralStorage, QuotaResourceName.requestsEphemeralStorage, QuotaResourceName.limitsEphemeralStorage),
        ]
        for names in tracked {
            if let request = requests[names.resource] {
                usage[names.resource] = request
                usage[names.request] = request
            }
            if let limit = limits[names.resource] { usage[names.limit] = limit }
        }
        for entry in requests.entries {
            if QuotaResourceName.isHugePages(entry.name) {
                usage[entry.name] = entry.amount
                usage[QuotaResourceName.requestsPrefix + entry.name] = entry.amount
            }
            if QuotaResourceName.isExtended(entry.name) { usage[QuotaResourceName.requestsPrefix + entry.name] = entry.amount }
        }
        return usage
    }
}
