import SimCore

/// Builders for the admission tests, named after the upstream test helpers they stand for.
enum AdmissionFixtures {
    /// A canonical amount of `resource` from a quantity string (tests only write valid ones).
    static func amount(_ text: String, _ resource: String) -> Int64 {
        guard let quantity = try? Quantity(parsing: text) else { fatalError("bad quantity \(text)") }
        return QuantityText.amount(quantity, resource: resource)
    }

    /// A resource list from (name, quantity) pairs, in canonical units.
    static func list(_ pairs: [(String, String)]) -> ResourceList {
        ResourceList(pairs.map { ResourceAmount($0.0, amount($0.1, $0.0)) })
    }

    /// Upstream's `getComputeResourceList(cpu, memory)`: an empty string leaves the resource out.
    static func compute(_ cpu: String, _ memory: String) -> ResourceList {
        list([(ResourceName.cpu, cpu), (ResourceName.memory, memory)].filter { !$0.1.isEmpty })
    }

    /// Upstream's `getLocalStorageResourceList(ephemeralStorage)`.
    static func storage(_ ephemeralStorage: String) -> ResourceList {
        ephemeralStorage.isEmpty ? ResourceList() : list([(ResourceName.ephemeralStorage, ephemeralStorage)])
    }

    /// Upstream's limitranger `validPod(name, n, resources)`: `n` containers named `foo-0`, `foo-1`, … with the same
    /// requests and limits.
    static func pod(_ containers: Int, requests: ResourceList = ResourceList(), limits: ResourceList = ResourceList()) -> PodSpec {
        PodSpec(
            containers: (0..<containers).map {
                Container(name: "foo-\($0)", resources: ContainerResources(requests: requests, limits: limits))
            })
    }

    /// Upstream's `validPodInit(pod, resources...)`: init containers `foo-0`, `foo-1`, … with the given requirements.
    static func withInit(_ spec: PodSpec, _ requirements: [(requests: ResourceList, limits: ResourceList)]) -> PodSpec {
        var spec = spec
        spec.initContainers += requirements.enumerated().map {
            Container(name: "foo-\($0.offset)", resources: ContainerResources(requests: $0.element.requests, limits: $0.element.limits))
        }
        return spec
    }

    /// Upstream's `createLimitRange(type, min, max, default, defaultRequest, maxLimitRequestRatio)`, as the test
    /// builds it: converted, not defaulted.
    static func limitRange(
        _ type: LimitType, min: ResourceList = ResourceList(), max: ResourceList = ResourceList(), defaultLimit: ResourceList = ResourceList(),
        defaultRequest: ResourceList = ResourceList(), ratio: ResourceList = ResourceList()
    ) -> LimitRangeSpec {
        LimitRangeSpec(
            meta: ObjectMeta(name: "abc", namespace: "test"),
            items: [
                LimitRangeItem(
                    type: type, max: max, min: min, defaultLimit: defaultLimit, defaultRequest: defaultRequest, maxLimitRequestRatio: ratio)
            ])
    }

    /// A ratio list: thousandths of each written ratio (`1.5` → 1500).
    static func ratio(_ pairs: [(String, String)]) -> ResourceList {
        ResourceList(pairs.map { pair in ResourceAmount(pair.0, (try? Quantity(parsing: pair.1).milliValue) ?? 0) })
    }

    /// Upstream's `validLimitRange()`: a Pod item (max 200m/4Gi, min 50m/2Mi) and a Container item (max 100m/2Gi,
    /// min 25m/1Mi, default 75m/10Mi, defaultRequest 50m/5Mi).
    static func validLimitRange() -> LimitRangeSpec {
        LimitRangeSpec(
            meta: ObjectMeta(name: "abc", namespace: "test"),
            items: [
                LimitRangeItem(type: .pod, max: compute("200m", "4Gi"), min: compute("50m", "2Mi")),
                LimitRangeItem(
                    type: .container, max: compute("100m", "2Gi"), min: compute("25m", "1Mi"), defaultLimit: compute("75m", "10Mi"),
                    defaultRequest: compute("50m", "5Mi")),
            ])
    }

    /// A list as a dictionary, for comparisons that ignore entry order.
    static func dictionary(_ list: ResourceList) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: list.entries.map { ($0.name, $0.amount) })
    }

    /// A quota in namespace `test` with `hard` and `used` given as quantity strings.
    static func quota(
        _ name: String, hard: [(String, String)], used: [(String, String)]? = nil, scopes: [QuotaScope] = [],
        selector: [ScopedResourceSelectorRequirement] = []
    ) -> ResourceQuota {
        let spec = ResourceQuotaSpec(meta: ObjectMeta(name: name, namespace: "test"), hard: list(hard), scopes: scopes, scopeSelector: selector)
        guard let used else { return ResourceQuota(spec: spec) }
        return ResourceQuota(spec: spec, status: QuotaUsage(used: list(used)))
    }

    /// Upstream's resourcequota `validPod(name, n, resources)`: containers without names.
    static func quotaPod(_ containers: Int, requests: ResourceList, limits: ResourceList = ResourceList(), priorityClass: String? = nil) -> QuotaPod {
        var spec = PodSpec(
            containers: (0..<containers).map { _ in Container(name: "", resources: ContainerResources(requests: requests, limits: limits)) })
        spec.priorityClassName = priorityClass
        return QuotaPod(spec: spec)
    }
}
