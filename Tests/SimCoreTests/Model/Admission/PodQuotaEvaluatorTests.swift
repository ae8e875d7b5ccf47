import SimCore
import Testing

private typealias F = AdmissionFixtures

/// The pod quota evaluator: usage, scopes and "must specify" constraints (upstream
/// `pkg/quota/v1/evaluator/core/pods_test.go`).
@Suite("Pod quota evaluator")
struct PodQuotaEvaluatorTests {
    private static func spec(
        initContainers: [ContainerResources] = [], containers: [ContainerResources] = [], overhead: ResourceList = ResourceList()
    )
        -> PodSpec
    {
        PodSpec(
            containers: containers.map { Container(name: "", resources: $0) },
            initContainers: initContainers.map { Container(name: "", resources: $0) },
            overhead: overhead)
    }

    private static let mi: Int64 = 1_048_576

    // Upstream: TestPodEvaluatorUsage (the cases without pod-level resources, which kubesim does not model, and without
    // "implicit extended resources", a later release's DRA rule). "MEM" cases: upstream requests 1m and limits 2m of
    // memory, thousandths of a byte; kubesim holds whole bytes and rounds up, so both are 1 byte.
    // "init container maximums override sum of containers": requests are max(sum of containers, largest init) =
    // max(1+2, 4) = 4 cpu, max(50M+25M, 100M) = 100M, max(1+2, 4) = 4 dongles; limits max(2+5, 8) = 8 cpu,
    // max(100M+50M, 200M) = 200M; the dongle is an extended resource, charged only as requests.example.com/dongle.
    // "count pod overhead as usage": overhead 1 cpu adds to the request (1 + 1 = 2) and to the present limit (2 + 1 = 3).
    // Terminal pods and pods past their deletion grace period keep only count/pods.
    @Test(
        "a pod charges its effective requests and limits",
        arguments: [
            (
                "init container CPU",
                QuotaPod(spec: spec(initContainers: [ContainerResources(requests: F.compute("1m", ""), limits: F.compute("2m", ""))])),
                ["requests.cpu": 1, "limits.cpu": 2, "pods": 1, "cpu": 1, "count/pods": 1]
            ),
            (
                "init container MEM",
                QuotaPod(spec: spec(initContainers: [ContainerResources(requests: F.compute("", "1m"), limits: F.compute("", "2m"))])),
                ["requests.memory": 1, "limits.memory": 1, "pods": 1, "memory": 1, "count/pods": 1]
            ),
            (
                "init container local ephemeral storage",
                QuotaPod(spec: spec(initContainers: [ContainerResources(requests: F.storage("32Mi"), limits: F.storage("64Mi"))])),
                [
                    "ephemeral-storage": 32 * mi, "requests.ephemeral-storage": 32 * mi, "limits.ephemeral-storage": 64 * mi, "pods": 1,
                    "count/pods": 1,
                ]
            ),
            (
                "init container hugepages",
                QuotaPod(spec: spec(initContainers: [ContainerResources(requests: F.list([("hugepages-2Mi", "100Mi")]))])),
                ["hugepages-2Mi": 100 * mi, "requests.hugepages-2Mi": 100 * mi, "pods": 1, "count/pods": 1]
            ),
            (
                "init container extended resources",
                QuotaPod(
                    spec: spec(
                        initContainers: [
                            ContainerResources(requests: F.list([("example.com/dongle", "3")]), limits: F.list([("example.com/dongle", "3")]))
                        ])),
                ["requests.example.com/dongle": 3, "pods": 1, "count/pods": 1]
            ),
            (
                "container CPU", QuotaPod(spec: spec(containers: [ContainerResources(requests: F.compute("1m", ""), limits: F.compute("2m", ""))])),
                ["requests.cpu": 1, "limits.cpu": 2, "pods": 1, "cpu": 1, "count/pods": 1]
            ),
            (
                "container MEM", QuotaPod(spec: spec(containers: [ContainerResources(requests: F.compute("", "1m"), limits: F.compute("", "2m"))])),
                ["requests.memory": 1, "limits.memory": 1, "pods": 1, "memory": 1, "count/pods": 1]
            ),
            (
                "container local ephemeral storage",
                QuotaPod(spec: spec(containers: [ContainerResources(requests: F.storage("32Mi"), limits: F.storage("64Mi"))])),
                [
                    "ephemeral-storage": 32 * mi, "requests.ephemeral-storage": 32 * mi, "limits.ephemeral-storage": 64 * mi, "pods": 1,
                    "count/pods": 1,
                ]
            ),
            (
                "container hugepages", QuotaPod(spec: spec(containers: [ContainerResources(requests: F.list([("hugepages-2Mi", "100Mi")]))])),
                ["hugepages-2Mi": 100 * mi, "requests.hugepages-2Mi": 100 * mi, "pods": 1, "count/pods": 1]
            ),
            (
                "container extended resources",
                QuotaPod(
                    spec: spec(containers: [
                        ContainerResources(requests: F.list([("example.com/dongle", "3")]), limits: F.list([("example.com/dongle", "3")]))
                    ])),
                ["requests.example.com/dongle": 3, "pods": 1, "count/pods": 1]
            ),
            (
                "terminated generic count still appears",
                QuotaPod(
                    spec: spec(containers: [
                        ContainerResources(requests: F.list([("example.com/dongle", "3")]), limits: F.list([("example.com/dongle", "3")]))
                    ]),
                    chargesComputeResources: false),
                ["count/pods": 1]
            ),
            (
                "init container maximums override sum of containers",
                QuotaPod(
                    spec: spec(
                        initContainers: [
                            ContainerResources(
                                requests: F.list([("cpu", "4"), ("memory", "100M"), ("example.com/dongle", "4")]),
                                limits: F.list([("cpu", "8"), ("memory", "200M"), ("example.com/dongle", "4")])),
                            ContainerResources(
                                requests: F.list([("cpu", "1"), ("memory", "50M"), ("example.com/dongle", "2")]),
                                limits: F.list([("cpu", "2"), ("memory", "100M"), ("example.com/dongle", "2")])),
                        ],
                        containers: [
                            ContainerResources(
                                requests: F.list([("cpu", "1"), ("memory", "50M"), ("example.com/dongle", "1")]),
                                limits: F.list([("cpu", "2"), ("memory", "100M"), ("example.com/dongle", "1")])),
                            ContainerResources(
                                requests: F.list([("cpu", "2"), ("memory", "25M"), ("example.com/dongle", "2")]),
                                limits: F.list([("cpu", "5"), ("memory", "50M"), ("example.com/dongle", "2")])),
                        ])),
                [
                    "requests.cpu": 4_000, "requests.memory": 100_000_000, "limits.cpu": 8_000, "limits.memory": 200_000_000, "pods": 1, "cpu": 4_000,
                    "memory": 100_000_000, "requests.example.com/dongle": 4, "count/pods": 1,
                ]
            ),
            (
                "pod deletion timestamp exceeded",
                QuotaPod(
                    spec: spec(containers: [ContainerResources(requests: F.compute("1", "50M"), limits: F.compute("2", "100M"))]),
                    chargesComputeResources: false),
                ["count/pods": 1]
            ),
            (
                "pod deletion timestamp not exceeded",
                QuotaPod(spec: spec(containers: [ContainerResources(requests: F.compute("1", ""), limits: F.compute("2", ""))])),
                ["requests.cpu": 1_000, "limits.cpu": 2_000, "pods": 1, "cpu": 1_000, "count/pods": 1]
            ),
            (
                "count pod overhead as usage",
                QuotaPod(
                    spec: spec(
                        containers: [ContainerResources(requests: F.compute("1", ""), limits: F.compute("2", ""))], overhead: F.compute("1", ""))),
                ["requests.cpu": 2_000, "limits.cpu": 3_000, "pods": 1, "cpu": 2_000, "count/pods": 1]
            ),
        ] as [(String, QuotaPod, [String: Int64])])
    func usage(name: String, pod: QuotaPod, expected: [String: Int64]) {
        #expect(F.dictionary(PodQuotaEvaluator.usage(of: pod)) == expected, "\(name)")
    }

    // Not an upstream case; the KEP-753 rule resourcehelper.PodRequests applies: a sidecar (500m, limit 1) runs beside
    // the container (1 cpu, limit 2) and under the later init container (2 cpu, limit 3): requests max(1 + 0.5,
    // 2 + 0.5) = 2500m, limits max(2 + 1, 3 + 1) = 4.
    @Test("a sidecar counts beside the containers and under later init containers")
    func sidecar() {
        var spec = PodSpec(containers: [
            Container(name: "app", resources: ContainerResources(requests: F.compute("1", ""), limits: F.compute("2", "")))
        ])
        spec.initContainers = [
            Container(name: "proxy", resources: ContainerResources(requests: F.compute("500m", ""), limits: F.compute("1", ""), isSidecar: true)),
            Container(name: "setup", resources: ContainerResources(requests: F.compute("2", ""), limits: F.compute("3", ""))),
        ]
        let usage = F.dictionary(PodQuotaEvaluator.usage(of: QuotaPod(spec: spec)))
        #expect(usage == ["pods": 1, "count/pods": 1, "cpu": 2_500, "requests.cpu": 2_500, "limits.cpu": 4_000])
    }

    private static let allSelectors = [
        ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.notTerminating),
        ScopedResourceSelectorRequirement(.bestEffort), ScopedResourceSelectorRequirement(.notBestEffort),
        ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["class1"]), ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
    ]

    private static func affinityPod(_ rules: PodAffinityRules, anti: Bool = false) -> QuotaPod {
        var spec = PodSpec(containers: [])
        if anti { spec.podAntiAffinity = rules } else { spec.podAffinity = rules }
        return QuotaPod(spec: spec, activeDeadlineSeconds: 30)
    }

    private static func term(namespaces: [String] = [], namespaceSelector: LabelSelector? = nil) -> PodAffinityTerm {
        PodAffinityTerm(
            labelSelector: LabelSelector(), namespaces: namespaces, namespaceSelector: namespaceSelector, topologyKey: "kubernetes.io/hostname")
    }

    // Upstream: TestPodEvaluatorMatchingScopes. An empty pod has no deadline and no requests: NotTerminating and
    // BestEffort. A pod with activeDeadlineSeconds 30 is Terminating. A term naming namespaces or carrying a namespace
    // selector, in any of the four affinity lists, makes the pod CrossNamespacePodAffinity.
    @Test(
        "a pod matches the scopes that describe it",
        arguments: [
            (
                "EmptyPod", QuotaPod(spec: PodSpec(containers: [])), nil,
                [ScopedResourceSelectorRequirement(.notTerminating), ScopedResourceSelectorRequirement(.bestEffort)]
            ),
            (
                "PriorityClass", QuotaPod(spec: PodSpec(containers: [], priorityClassName: "class1")), nil,
                [
                    ScopedResourceSelectorRequirement(.notTerminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.priorityClass, .in, values: ["class1"]),
                ]
            ),
            (
                "NotBestEffort",
                QuotaPod(
                    spec: PodSpec(containers: [
                        Container(
                            name: "",
                            resources: ContainerResources(
                                requests: F.list([("cpu", "1"), ("memory", "50M"), ("example.com/dongle", "1")]),
                                limits: F.list([("cpu", "2"), ("memory", "100M"), ("example.com/dongle", "1")])))
                    ])), nil, [ScopedResourceSelectorRequirement(.notTerminating), ScopedResourceSelectorRequirement(.notBestEffort)]
            ),
            (
                "Terminating", QuotaPod(spec: PodSpec(containers: []), activeDeadlineSeconds: 30), nil,
                [ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort)]
            ),
            (
                "OnlyTerminating", QuotaPod(spec: PodSpec(containers: []), activeDeadlineSeconds: 30),
                [ScopedResourceSelectorRequirement(.terminating)],
                [ScopedResourceSelectorRequirement(.terminating)]
            ),
            (
                "CrossNamespaceRequiredAffinity",
                affinityPod(PodAffinityRules(required: [term(namespaces: ["ns1"], namespaceSelector: LabelSelector())])), nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
            (
                "CrossNamespaceRequiredAffinityWithSlice", affinityPod(PodAffinityRules(required: [term(namespaces: ["ns1"])])), nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
            (
                "CrossNamespacePreferredAffinity",
                affinityPod(
                    PodAffinityRules(preferred: [
                        WeightedPodAffinityTerm(weight: 1, term: term(namespaces: ["ns2"], namespaceSelector: LabelSelector()))
                    ])), nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
            (
                "CrossNamespacePreferredAffinityWithSelector",
                affinityPod(PodAffinityRules(preferred: [WeightedPodAffinityTerm(weight: 1, term: term(namespaceSelector: LabelSelector()))])), nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
            (
                "CrossNamespacePreferredAntiAffinity",
                affinityPod(
                    PodAffinityRules(preferred: [WeightedPodAffinityTerm(weight: 1, term: term(namespaceSelector: LabelSelector()))]), anti: true),
                nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
            (
                "CrossNamespaceRequiredAntiAffinity", affinityPod(PodAffinityRules(required: [term(namespaces: ["ns3"])]), anti: true), nil,
                [
                    ScopedResourceSelectorRequirement(.terminating), ScopedResourceSelectorRequirement(.bestEffort),
                    ScopedResourceSelectorRequirement(.crossNamespacePodAffinity),
                ]
            ),
        ] as [(String, QuotaPod, [ScopedResourceSelectorRequirement]?, [ScopedResourceSelectorRequirement])])
    func matchingScopes(name: String, pod: QuotaPod, selectors: [ScopedResourceSelectorRequirement]?, expected: [ScopedResourceSelectorRequirement]) {
        #expect(PodQuotaEvaluator.matchingScopes(selectors ?? Self.allSelectors, pod: pod) == expected, "\(name)")
    }

    // The PriorityClass operators as label selectors on PriorityClass=<class>: NotIn and DoesNotExist also match a
    // pod without a class; In and Exists do not.
    @Test(
        "PriorityClass selectors follow label-selector rules",
        arguments: [
            (ScopeSelectorOperator.in, ["high"], "high", true), (.in, ["high"], "low", false), (.in, ["high"], nil, false),
            (.notIn, ["high"], "low", true), (.notIn, ["high"], "high", false), (.notIn, ["high"], nil, true),
            (.exists, [], "low", true), (.exists, [], nil, false), (.doesNotExist, [], nil, true), (.doesNotExist, [], "low", false),
        ] as [(ScopeSelectorOperator, [String], String?, Bool)])
    func priorityClass(op: ScopeSelectorOperator, values: [String], className: String?, expected: Bool) {
        let pod = QuotaPod(spec: PodSpec(containers: [], priorityClassName: className))
        #expect(ScopedResourceSelectorRequirement(.priorityClass, op, values: values).matches(pod) == expected)
    }

    // Upstream: TestPodConstraintsFunc (without the pod-level resources case). Each container must set every required
    // CPU/memory name; the missing ones are listed by name, each with its containers sorted.
    @Test(
        "a quota on cpu or memory needs every container to set it",
        arguments: [
            ("init container resource missing", [] as [String], ["dummy"], ["memory"], "must specify memory for: dummy"),
            ("multiple init container resource missing", [], ["foo", "bar"], ["memory"], "must specify memory for: bar,foo"),
            ("container resource missing", ["dummy"], [], ["memory"], "must specify memory for: dummy"),
            ("multiple container resource missing", ["foo", "bar"], [], ["memory"], "must specify memory for: bar,foo"),
        ] as [(String, [String], [String], [String], String)])
    func constraints(name: String, containers: [String], initContainers: [String], required: [String], expected: String) {
        let resources = ContainerResources(requests: F.compute("1m", ""), limits: F.compute("2m", ""))
        let spec = PodSpec(
            containers: containers.map { Container(name: $0, resources: resources) },
            initContainers: initContainers.map { Container(name: $0, resources: resources) })
        #expect(PodQuotaEvaluator.constraintViolation(required: required, pod: QuotaPod(spec: spec)) == expected, "\(name)")
    }

    // Upstream: TestPodConstraintsFunc "container resource missing multiple": neither container sets anything; cpu is
    // listed before memory.
    @Test("several missing names are listed by name")
    func constraintsMultiple() {
        let spec = PodSpec(containers: [Container(name: "foo"), Container(name: "bar")])
        #expect(
            PodQuotaEvaluator.constraintViolation(required: ["memory", "cpu"], pod: QuotaPod(spec: spec))
                == "must specify cpu for: bar,foo; memory for: bar,foo")
        // Only CPU and memory names are enforced: a quota on ephemeral storage or pods requires nothing.
        #expect(PodQuotaEvaluator.constraintViolation(required: ["ephemeral-storage", "pods"], pod: QuotaPod(spec: spec)) == nil)
    }

    @Test("the pod evaluator tracks its names, hugepages and requests of extended resources, not their limits")
    func matchingResources() {
        let names = [
            "services", "requests.nvidia.com/gpu", "limits.nvidia.com/gpu", "memory", "count/pods", "hugepages-1Gi", "count/deployments.apps",
        ]
        // Exact names first, sorted (count/pods, memory); then, in the order given, requests.nvidia.com/gpu and
        // hugepages-1Gi. limits.nvidia.com/gpu, services and count/deployments.apps belong to no pod.
        #expect(PodQuotaEvaluator.matchingResources(names) == ["count/pods", "memory", "requests.nvidia.com/gpu", "hugepages-1Gi"])
    }
}
