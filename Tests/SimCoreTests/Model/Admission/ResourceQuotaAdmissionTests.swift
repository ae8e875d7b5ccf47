import SimCore
import Testing

private typealias F = AdmissionFixtures

/// The ResourceQuota admission plugin on pod and object creation (upstream
/// `plugin/pkg/admission/resourcequota/admission_test.go`, which drives `CheckRequest` in
/// `k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go`).
@Suite("ResourceQuota admission")
struct ResourceQuotaAdmissionTests {
    /// The quota of TestAdmitBelowQuotaLimit and its siblings: hard cpu 3, memory 100Gi, pods 5; used 1, 50Gi, 3.
    private static func computeQuota(_ name: String = "quota", scopes: [QuotaScope] = []) -> ResourceQuota {
        F.quota(
            name, hard: [("cpu", "3"), ("memory", "100Gi"), ("pods", "5")], used: [("cpu", "1"), ("memory", "50Gi"), ("pods", "3")], scopes: scopes)
    }

    private static func admitted(_ result: QuotaAdmissionResult) -> [QuotaCharge]? {
        if case .admitted(let charges) = result { return charges }
        return nil
    }

    private static func denial(_ result: QuotaAdmissionResult) -> QuotaDenial? {
        if case .denied(let denial) = result { return denial }
        return nil
    }

    /// The usage of `quota` after applying `result`'s charges, spelled as upstream's Quantity.String().
    private static func usedAfter(_ result: QuotaAdmissionResult, _ quotas: [ResourceQuota], quota name: String) -> [String: String] {
        var quotas = quotas
        ResourceQuotaAdmission.apply(admitted(result) ?? [], to: &quotas)
        let used = quotas.first { $0.name == name }?.status.used ?? ResourceList()
        return Dictionary(uniqueKeysWithValues: used.entries.map { ($0.name, QuantityText.format($0.amount, resource: $0.name)) })
    }

    // Upstream: TestAdmitBelowQuotaLimit. The pod requests 100m and 2Gi: used becomes cpu 1 + 0.1 = 1100m,
    // memory 50Gi + 2Gi = 52Gi, pods 3 + 1 = 4.
    @Test("a pod below the quota is admitted and charged")
    func belowQuotaLimit() {
        let quotas = [Self.computeQuota()]
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("100m", "2Gi")), quotas: quotas)
        #expect(Self.admitted(result) == [QuotaCharge(quotaName: "quota", usage: F.list([("cpu", "100m"), ("memory", "2Gi"), ("pods", "1")]))])
        #expect(Self.usedAfter(result, quotas, quota: "quota") == ["cpu": "1100m", "memory": "52Gi", "pods": "4"])
    }

    // Upstream: TestAdmitExceedQuotaLimit (which checks only that there is an error). The pod requests 3 cpu:
    // 1 + 3 = 4 > 3, so cpu alone is reported: requested 3, used 1, limited 3.
    @Test("a pod over the quota is refused with the exceeded resources")
    func exceedQuotaLimit() {
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("3", "2Gi")), quotas: [Self.computeQuota()])
        #expect(Self.denial(result) == QuotaDenial(message: "exceeded quota: quota, requested: cpu=3, used: cpu=1, limited: cpu=3"))
    }

    // Not an upstream case; the message format of CheckRequest: every exceeded name, sorted, in each of the three lists.
    // cpu 1500m + 1 = 2500m > 2; memory 768Mi + 512Mi = 1280Mi > 1Gi; pods 1 + 1 = 2 ≤ 10 is not listed.
    @Test("several exceeded resources are listed by name")
    func exceedSeveral() {
        let quota = F.quota(
            "compute", hard: [("memory", "1Gi"), ("cpu", "2"), ("pods", "10")], used: [("cpu", "1500m"), ("memory", "768Mi"), ("pods", "1")])
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("1", "512Mi")), quotas: [quota])
        let denial = Self.denial(result)
        #expect(
            denial?.message == "exceeded quota: compute, requested: cpu=1,memory=512Mi, used: cpu=1500m,memory=768Mi, limited: cpu=2,memory=1Gi")
        #expect(
            denial?.apiErrorMessage(name: "web-7d9c5-x2k4q")
                == "pods \"web-7d9c5-x2k4q\" is forbidden: exceeded quota: compute, requested: cpu=1,memory=512Mi, used: cpu=1500m,memory=768Mi, "
                + "limited: cpu=2,memory=1Gi")
    }

    // Upstream: TestAdmitEnforceQuotaConstraints. The quota constrains limits.memory; the pod sets a cpu limit but no
    // memory limit. Its container has no name (upstream's validPod sets none), so the list after "for:" is empty.
    @Test("a pod must set the cpu and memory values a quota constrains")
    func enforceQuotaConstraints() {
        let quota = F.quota(
            "quota", hard: [("cpu", "3"), ("memory", "100Gi"), ("limits.memory", "200Gi"), ("pods", "5")],
            used: [("cpu", "1"), ("memory", "50Gi"), ("limits.memory", "100Gi"), ("pods", "3")])
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("100m", "2Gi"), limits: F.compute("200m", "")), quotas: [quota])
        #expect(Self.denial(result) == QuotaDenial(message: "failed quota: quota: must specify limits.memory for: "))
    }

    // The message of the task brief: a quota on limits.cpu and limits.memory, a container nginx with requests only.
    @Test("the must-specify message names the containers")
    func mustSpecifyNamed() {
        let quota = F.quota("compute-resources", hard: [("limits.cpu", "4"), ("limits.memory", "8Gi")])
        var pod = F.quotaPod(1, requests: F.compute("250m", "64Mi"))
        pod.spec.containers[0].name = "nginx"
        let denial = Self.denial(ResourceQuotaAdmission.admit(pod, quotas: [quota]))
        #expect(denial?.message == "failed quota: compute-resources: must specify limits.cpu for: nginx; limits.memory for: nginx")
    }

    // Upstream: TestAdmitPodInNamespaceWithoutQuota (the quota there is in another namespace: none applies).
    @Test("without quotas every pod is admitted, charging nothing")
    func noQuota() {
        #expect(Self.admitted(ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("100m", "2Gi")), quotas: [])) == [])
    }

    // Upstream: TestAdmitBelowTerminatingQuotaLimit. The pod has activeDeadlineSeconds 30: only quota-terminating
    // applies and goes to cpu 1100m, memory 52Gi, pods 4; quota-non-terminating is not charged.
    @Test("a terminating pod is charged only to the Terminating quota")
    func belowTerminatingQuotaLimit() {
        let quotas = [
            Self.computeQuota("quota-non-terminating", scopes: [.notTerminating]), Self.computeQuota("quota-terminating", scopes: [.terminating]),
        ]
        var pod = F.quotaPod(1, requests: F.compute("100m", "2Gi"))
        pod.activeDeadlineSeconds = 30
        let result = ResourceQuotaAdmission.admit(pod, quotas: quotas)
        #expect(Self.admitted(result)?.map(\.quotaName) == ["quota-terminating"])
        #expect(Self.usedAfter(result, quotas, quota: "quota-terminating") == ["cpu": "1100m", "memory": "52Gi", "pods": "4"])
        #expect(Self.usedAfter(result, quotas, quota: "quota-non-terminating") == ["cpu": "1", "memory": "50Gi", "pods": "3"])
    }

    // Upstream: TestAdmitBelowBestEffortQuotaLimit. A pod without requests or limits is BestEffort: quota-besteffort
    // goes from 3 pods to 4, quota-not-besteffort is not charged.
    @Test("a best-effort pod is charged only to the BestEffort quota")
    func belowBestEffortQuotaLimit() {
        let quotas = [
            F.quota("quota-besteffort", hard: [("pods", "5")], used: [("pods", "3")], scopes: [.bestEffort]),
            F.quota("quota-not-besteffort", hard: [("pods", "5")], used: [("pods", "3")], scopes: [.notBestEffort]),
        ]
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: ResourceList()), quotas: quotas)
        #expect(Self.admitted(result)?.map(\.quotaName) == ["quota-besteffort"])
        #expect(Self.usedAfter(result, quotas, quota: "quota-besteffort") == ["pods": "4"])
    }

    // Upstream: TestAdmitBestEffortQuotaLimitIgnoresBurstable: a pod requesting 100m/1Gi is not BestEffort.
    @Test("a burstable pod is not charged to a BestEffort quota")
    func bestEffortIgnoresBurstable() {
        let quota = F.quota("quota-besteffort", hard: [("pods", "5")], used: [("pods", "3")], scopes: [.bestEffort])
        #expect(Self.admitted(ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("100m", "1Gi")), quotas: [quota])) == [])
    }

    // Upstream: TestAdmitWhenUnrelatedResourceExceedsQuota: services are over (4 of 3) but the pod only charges pods.
    @Test("an exceeded resource the pod does not use does not block it")
    func unrelatedResourceExceeded() {
        let quota = F.quota("quota", hard: [("services", "3"), ("pods", "4")], used: [("services", "4"), ("pods", "1")])
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: ResourceList()), quotas: [quota])
        #expect(Self.admitted(result) == [QuotaCharge(quotaName: "quota", usage: F.list([("pods", "1")]))])
    }

    // Not an upstream case: CheckRequest's hasUsageStats. A quota whose usage is not known yet for a resource the pod
    // would charge refuses the pod, listing the matching resources sorted.
    @Test("a quota without usage for a tracked resource refuses pods")
    func unknownUsage() {
        let quota = F.quota("fresh", hard: [("pods", "5"), ("cpu", "2")], used: [("pods", "0")])
        let denial = Self.denial(ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("1", "")), quotas: [quota]))
        #expect(denial?.message == "status unknown for quota: fresh, resources: cpu,pods")
        // A quota created through ResourceQuota(spec:) starts at zero for every hard name.
        let started = ResourceQuota(spec: quota.spec)
        #expect(Self.admitted(ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("1", "")), quotas: [started]))?.count == 1)
    }

    // Upstream: TestAdmitLimitedResourceNoQuota, …IgnoresNonMatchingResources, …WithQuota, …WithMultipleQuota,
    // …WithQuotaThatDoesNotCover. The pod requests cpu 3 and memory 2Gi, so it consumes cpu and requests.cpu (both
    // contain "cpu"; it sets no limits).
    @Test(
        "a limited resource needs a covering quota",
        arguments: [
            ("no quota", [] as [ResourceQuota], "pods", "cpu", "insufficient quota to consume: cpu,requests.cpu"),
            ("limit applies to services only", [], "services", "services", nil),
            (
                "quota covers requests.cpu", [F.quota("quota", hard: [("requests.cpu", "10")], used: [("requests.cpu", "1")])], "pods",
                "requests.cpu", nil
            ),
            (
                "one of two quotas covers requests.cpu",
                [
                    F.quota("quota1", hard: [("requests.cpu", "10")], used: [("requests.cpu", "1")]),
                    F.quota("quota2", hard: [("memory", "10Gi")], used: [("memory", "1Gi")]),
                ], "pods", "requests.cpu", nil
            ),
            (
                "quota covers memory only", [F.quota("quota", hard: [("memory", "10Gi")], used: [("memory", "1Gi")])], "pods", "cpu",
                "insufficient quota to consume: cpu,requests.cpu"
            ),
        ] as [(String, [ResourceQuota], String, String, String?)])
    func limitedResources(name: String, quotas: [ResourceQuota], resource: String, contains: String, expected: String?) {
        let configuration = QuotaAdmissionConfiguration(limitedResources: [LimitedResource(resource: resource, matchContains: [contains])])
        let result = ResourceQuotaAdmission.admit(F.quotaPod(1, requests: F.compute("3", "2Gi")), quotas: quotas, configuration: configuration)
        #expect(Self.denial(result)?.message == expected, "\(name)")
    }

    private static let pcExists = ScopedResourceSelectorRequirement(.priorityClass, .exists)
    private static let bestEffortScope = ScopedResourceSelectorRequirement(.bestEffort, .exists)
    private static let pcInClusterServices = ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["cluster-services"])
    private static let pcInBoth = ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["another-priorityclass-name", "cluster-services"])
    private static let bestEffortQuota = F.quota("quota-besteffort", hard: [("pods", "5")], used: [("pods", "3")], scopes: [.bestEffort])

    private static func selectorQuota(_ requirement: ScopedResourceSelectorRequirement, hard: [(String, String)] = [], used: [(String, String)] = [])
        -> ResourceQuota
    {
        F.quota("quota", hard: hard, used: used, selector: [requirement])
    }

    private static func limitedPods(_ scopes: [[ScopedResourceSelectorRequirement]], contains: [String] = []) -> QuotaAdmissionConfiguration {
        QuotaAdmissionConfiguration(limitedResources: scopes.map { LimitedResource(resource: "pods", matchContains: contains, matchScopes: $0) })
    }

    // Upstream: TestAdmitLimitedScopeWithCoverQuota, every case. Pods request 3/2Gi (burstable) or 100m/1Gi, or nothing
    // (best effort), with priority class fake-priority, cluster-services or another-priorityclass-name. A limited scope
    // the pod matches must appear, by scope name, among the selectors of some quota the pod matches; a quota with no
    // hard resources still covers scopes but charges nothing. Upstream's "empty" quota (no namespace) is no quota here.
    @Test(
        "a limited scope needs a covering quota",
        arguments: [
            (
                "Covering quota exists for configured limited scope PriorityClassNameExists.", "3", "2Gi", "fake-priority", [selectorQuota(pcExists)],
                limitedPods([[pcExists]]), nil
            ),
            (
                "configured limited scope PriorityClassNameExists and limited cpu resource. No covering quota for cpu and pod admit fails.", "3",
                "2Gi",
                "fake-priority", [selectorQuota(pcExists)], limitedPods([[pcExists]], contains: ["requests.cpu"]),
                "insufficient quota to consume: requests.cpu"
            ),
            (
                "Covering quota does not exist for configured limited scope PriorityClassNameExists.", "3", "2Gi", "fake-priority", [],
                limitedPods([[pcExists]]), "insufficient quota to match these scopes: [{PriorityClass Exists []}]"
            ),
            (
                "Covering quota does not exist for configured limited scope resourceQuotaBestEffort", "", "", "fake-priority", [],
                limitedPods([[bestEffortScope]]), "insufficient quota to match these scopes: [{BestEffort Exists []}]"
            ),
            (
                "Covering quota exist for configured limited scope resourceQuotaBestEffort", "", "", "fake-priority", [bestEffortQuota],
                limitedPods([[bestEffortScope]]), nil
            ),
            (
                "Two scopes,BestEffort and PriorityClassIN, in two LimitedResources. Neither matches pod. Pod allowed", "100m", "1Gi",
                "fake-priority", [],
                limitedPods([[bestEffortScope], [pcInClusterServices]]), nil
            ),
            (
                "Two scopes … Only BestEffort scope matches pod.", "", "", "fake-priority", [],
                limitedPods([[bestEffortScope], [pcInClusterServices]]),
                "insufficient quota to match these scopes: [{BestEffort Exists []}]"
            ),
            (
                "Two scopes … Only PriorityClass scope matches pod.", "100m", "1Gi", "cluster-services", [],
                limitedPods([[bestEffortScope], [pcInClusterServices]]),
                "insufficient quota to match these scopes: [{PriorityClass In [cluster-services]}]"
            ),
            (
                "Two scopes … Both the scopes matches pod.", "", "", "cluster-services", [],
                limitedPods([[bestEffortScope], [pcInClusterServices]]),
                "insufficient quota to match these scopes: [{BestEffort Exists []} {PriorityClass In [cluster-services]}]"
            ),
            (
                "Two scopes … Quota available only for BestEffort scope.", "", "", "cluster-services", [bestEffortQuota],
                limitedPods([[bestEffortScope], [pcInClusterServices]]),
                "insufficient quota to match these scopes: [{PriorityClass In [cluster-services]}]"
            ),
            (
                "Two scopes … Quota available only for PriorityClass scope.", "", "", "cluster-services", [selectorQuota(pcInClusterServices)],
                limitedPods([[bestEffortScope], [pcInClusterServices]]), "insufficient quota to match these scopes: [{BestEffort Exists []}]"
            ),
            (
                "Two scopes … Quota available for both the scopes.", "", "", "cluster-services",
                [bestEffortQuota, selectorQuota(pcInClusterServices)],
                limitedPods([[bestEffortScope], [pcInClusterServices]]), nil
            ),
            (
                "Pod allowed with priorityclass if limited scope PriorityClassNameExists not configured.", "3", "2Gi", "fake-priority", [],
                limitedPods([]), nil
            ),
            (
                "quota fails, though covering quota for configured limited scope PriorityClassNameExists exists.", "3", "20Gi", "fake-priority",
                [selectorQuota(pcExists, hard: [("memory", "10Gi")], used: [("memory", "1Gi")])], limitedPods([[pcExists]]),
                "exceeded quota: quota, requested: memory=20Gi, used: memory=1Gi, limited: memory=10Gi"
            ),
            (
                "Pod has different priorityclass than configured limited. Covering quota exists for configured limited scope PriorityClassIn.", "3",
                "2Gi",
                "fake-priority", [selectorQuota(pcInClusterServices)], limitedPods([[pcInClusterServices]]), nil
            ),
            (
                "Pod has limited priorityclass. Covering quota exists for configured limited scope PriorityClassIn.", "3", "2Gi", "cluster-services",
                [selectorQuota(pcInClusterServices)], limitedPods([[pcInBoth]]), nil
            ),
            (
                "Pod has limited priorityclass. Covering quota  does not exist for configured limited scope PriorityClassIn.", "3", "2Gi",
                "cluster-services",
                [selectorQuota(ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["another-priorityclass-name"]))],
                limitedPods([[pcInBoth]]),
                "insufficient quota to match these scopes: [{PriorityClass In [another-priorityclass-name cluster-services]}]"
            ),
            (
                "From the above test case, just changing pod priority from cluster-services to another-priorityclass-name. expecting no error", "3",
                "2Gi",
                "another-priorityclass-name",
                [selectorQuota(ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["another-priorityclass-name"]))],
                limitedPods([[pcInBoth]]), nil
            ),
            (
                "Pod has limited priorityclass. Covering quota does NOT exists for configured limited scope PriorityClassIn.", "3", "2Gi",
                "cluster-services", [],
                limitedPods([[pcInBoth]]),
                "insufficient quota to match these scopes: [{PriorityClass In [another-priorityclass-name cluster-services]}]"
            ),
            (
                "Pod has limited priorityclass. Covering quota exists for configured limited scope PriorityClassIn through PriorityClassNameExists",
                "3", "2Gi",
                "cluster-services", [selectorQuota(pcExists)], limitedPods([[pcInBoth]]), nil
            ),
        ] as [(String, String, String, String, [ResourceQuota], QuotaAdmissionConfiguration, String?)])
    func limitedScopes(
        name: String, cpu: String, memory: String, priorityClass: String, quotas: [ResourceQuota], configuration: QuotaAdmissionConfiguration,
        expected: String?
    ) {
        let pod = F.quotaPod(1, requests: F.compute(cpu, memory), priorityClass: priorityClass)
        let denial = Self.denial(ResourceQuotaAdmission.admit(pod, quotas: quotas, configuration: configuration))
        #expect(denial?.message == expected, "\(name)")
    }

    // The scope refusal is the one upstream returns without the Forbidden wrapper: the client sees the bare message.
    @Test("the scope-coverage refusal is not wrapped as Forbidden")
    func scopeRefusalUnwrapped() {
        let configuration = QuotaAdmissionConfiguration(limitedResources: [LimitedResource(resource: "pods", matchScopes: [Self.pcExists])])
        let denial = Self.denial(
            ResourceQuotaAdmission.admit(F.quotaPod(1, requests: ResourceList(), priorityClass: "high"), quotas: [], configuration: configuration))
        #expect(denial?.apiErrorMessage(name: "p") == "insufficient quota to match these scopes: [{PriorityClass Exists []}]")
    }

    // Not upstream admission cases: pkg/apis/core/validation's scope rules (validateResourceQuotaScopes,
    // validateScopedResourceSelectorRequirement) as exercised by validation_test.go TestValidateResourceQuota.
    @Test(
        "a quota's scopes must suit its hard resources",
        arguments: [
            ("BestEffort on pods", [QuotaScope.bestEffort], [] as [ScopedResourceSelectorRequirement], [("pods", "5")], 0),
            ("BestEffort on cpu", [.bestEffort], [], [("cpu", "1")], 1),
            ("NotBestEffort on ephemeral-storage", [.notBestEffort], [], [("requests.ephemeral-storage", "1Gi")], 1),
            ("Terminating on limits.memory and pods", [.terminating], [], [("limits.memory", "1Gi"), ("pods", "2")], 0),
            (
                "PriorityClass selector on an extended resource", [], [ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["high"])],
                [("requests.nvidia.com/gpu", "4")], 0
            ),
            (
                "PriorityClass selector on requests.storage", [], [ScopedResourceSelectorRequirement(.priorityClass, .exists)],
                [("requests.storage", "10Gi")], 1
            ),
            ("conflicting scopes", [.bestEffort, .notBestEffort], [], [("pods", "5")], 1),
            ("BestEffort selector with In", [], [ScopedResourceSelectorRequirement(.bestEffort, .in, values: ["x"])], [("pods", "5")], 1),
            ("PriorityClass In without values", [], [ScopedResourceSelectorRequirement(.priorityClass, .in)], [("pods", "5")], 1),
            ("PriorityClass Exists with values", [], [ScopedResourceSelectorRequirement(.priorityClass, .exists, values: ["x"])], [("pods", "5")], 1),
        ] as [(String, [QuotaScope], [ScopedResourceSelectorRequirement], [(String, String)], Int)])
    func scopeValidation(name: String, scopes: [QuotaScope], selector: [ScopedResourceSelectorRequirement], hard: [(String, String)], errors: Int) {
        let spec = ResourceQuotaSpec(meta: ObjectMeta(name: "q", namespace: "test"), hard: F.list(hard), scopes: scopes, scopeSelector: selector)
        #expect(spec.validationErrors().count == errors, "\(name): \(spec.validationErrors())")
    }

    @Test("the unsupported-scope error names the field")
    func scopeValidationMessage() {
        let spec = ResourceQuotaSpec(meta: ObjectMeta(name: "q"), hard: F.list([("cpu", "1")]), scopes: [.bestEffort])
        #expect(spec.validationErrors() == ["spec.scopes: Invalid value: unsupported scope applied to resource"])
    }

    // Objects other than pods: count/<resource>.<group>, the legacy names, and the special Service and PVC usage.
    @Test(
        "objects charge their counts",
        arguments: [
            (QuotaObject.counted(resource: "deployments", group: "apps"), ["count/deployments.apps": 1] as [String: Int64]),
            (.counted(resource: "jobs", group: "batch"), ["count/jobs.batch": 1]),
            (.counted(resource: "configmaps", group: ""), ["count/configmaps": 1, "configmaps": 1]),
            (.counted(resource: "secrets", group: ""), ["count/secrets": 1, "secrets": 1]),
            (.service(type: .clusterIP, ports: 2), ["count/services": 1, "services": 1, "services.loadbalancers": 0, "services.nodeports": 0]),
            (.service(type: .nodePort, ports: 2), ["count/services": 1, "services": 1, "services.loadbalancers": 0, "services.nodeports": 2]),
            (.service(type: .loadBalancer, ports: 3), ["count/services": 1, "services": 1, "services.loadbalancers": 1, "services.nodeports": 3]),
            (
                .service(type: .loadBalancer, ports: 3, explicitNodePorts: 1, allocateLoadBalancerNodePorts: false),
                ["count/services": 1, "services": 1, "services.loadbalancers": 1, "services.nodeports": 1]
            ),
            (
                .persistentVolumeClaim(storageRequest: 10 * 1_073_741_824, storageClass: "fast"),
                [
                    "persistentvolumeclaims": 1, "count/persistentvolumeclaims": 1, "requests.storage": 10 * 1_073_741_824,
                    "fast.storageclass.storage.k8s.io/persistentvolumeclaims": 1,
                    "fast.storageclass.storage.k8s.io/requests.storage": 10 * 1_073_741_824,
                ]
            ),
        ] as [(QuotaObject, [String: Int64])])
    func objectUsage(object: QuotaObject, expected: [String: Int64]) {
        #expect(F.dictionary(ObjectQuotaEvaluator.usage(of: object)) == expected)
    }

    @Test("object counts are checked like pods, and scoped quotas never apply to objects")
    func objectAdmission() {
        // count/deployments.apps 2 of 2 used: a third is refused with the count spelled plainly.
        let full = F.quota(
            "objects", hard: [("count/deployments.apps", "2"), ("configmaps", "10")], used: [("count/deployments.apps", "2"), ("configmaps", "0")])
        let deployment = QuotaObject.counted(resource: "deployments", group: "apps")
        let denial = Self.denial(ResourceQuotaAdmission.admit(deployment, quotas: [full]))
        #expect(
            denial?.message
                == "exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=2, limited: count/deployments.apps=2")
        #expect(
            denial?.apiErrorMessage(resource: "deployments.apps", name: "web") == "deployments.apps \"web\" is forbidden: " + (denial?.message ?? ""))
        // A ConfigMap charges the legacy name the quota tracks.
        #expect(
            Self.admitted(ResourceQuotaAdmission.admit(QuotaObject.counted(resource: "configmaps", group: ""), quotas: [full]))
                == [QuotaCharge(quotaName: "objects", usage: F.list([("configmaps", "1")]))])
        // The same limit under a scope does not apply to deployments.
        let scoped = F.quota("scoped", hard: [("count/deployments.apps", "0")], scopes: [.notTerminating])
        #expect(Self.admitted(ResourceQuotaAdmission.admit(deployment, quotas: [scoped])) == [])
    }

    // QuotaUsage bookkeeping: charge adds, release takes back without going below zero, and a pod that reaches a
    // terminal phase releases everything but count/pods.
    @Test("usage goes up on admission and down on release")
    func bookkeeping() {
        var quotas = [F.quota("q", hard: [("pods", "5"), ("count/pods", "5"), ("requests.cpu", "4")])]
        let pod = F.quotaPod(1, requests: F.compute("1500m", ""))
        let result = ResourceQuotaAdmission.admit(pod, quotas: quotas)
        ResourceQuotaAdmission.apply(Self.admitted(result) ?? [], to: &quotas)
        #expect(F.dictionary(quotas[0].status.used) == ["pods": 1, "count/pods": 1, "requests.cpu": 1_500])
        // Succeeded: everything but count/pods goes.
        let finished = PodQuotaEvaluator.releasedOnTermination(of: pod)
        #expect(F.dictionary(finished) == ["pods": 1, "requests.cpu": 1_500, "cpu": 1_500])
        quotas[0].status.release(finished)
        #expect(F.dictionary(quotas[0].status.used) == ["pods": 0, "count/pods": 1, "requests.cpu": 0])
        // Deleted: the rest goes; releasing more than is used stops at zero.
        quotas[0].status.release(PodQuotaEvaluator.usage(of: pod))
        #expect(F.dictionary(quotas[0].status.used) == ["pods": 0, "count/pods": 0, "requests.cpu": 0])
    }
}
