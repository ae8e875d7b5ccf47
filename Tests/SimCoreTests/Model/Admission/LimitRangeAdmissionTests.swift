import SimCore
import Testing

private typealias F = AdmissionFixtures

/// The LimitRanger admission plugin: defaults, then min/max/ratio checks (upstream
/// `plugin/pkg/admission/limitranger/admission_test.go`).
@Suite("LimitRanger admission")
struct LimitRangeAdmissionTests {
    // Upstream: TestDefaultContainerResourceRequirements. The Container item of validLimitRange gives
    // defaultRequest 50m/5Mi and default 75m/10Mi; the Pod item gives no defaults.
    @Test("a LimitRange's container defaults come from its Container items")
    func defaultRequirements() {
        let defaults = LimitRangeAdmission.defaultRequirements(F.validLimitRange())
        #expect(F.dictionary(defaults.requests) == ["cpu": 50, "memory": 5 * 1_048_576])
        #expect(F.dictionary(defaults.limits) == ["cpu": 75, "memory": 10 * 1_048_576])
    }

    // Upstream: TestMergePodResourceRequirements.
    @Test("defaults fill only what a container leaves out, and the annotation says what was set")
    func mergePodResourceRequirements() {
        let range = F.validLimitRange()

        // An empty container takes both defaults. (Upstream's first case compares the container against the very maps
        // it mutated, so only its annotation is a real check; the values are the defaults: requests 50m/5Mi, limits
        // 75m/10Mi.)
        var empty = F.pod(1)
        let emptyNote = LimitRangeAdmission.applyDefaults([range], to: &empty)
        #expect(F.dictionary(empty.containers[0].resources.requests) == ["cpu": 50, "memory": 5 * 1_048_576])
        #expect(F.dictionary(empty.containers[0].resources.limits) == ["cpu": 75, "memory": 10 * 1_048_576])
        #expect(emptyNote == "LimitRanger plugin set: cpu, memory request for container foo-0; cpu, memory limit for container foo-0")

        // A container and an init container requesting memory 512Mi get cpu 50m requested and both default limits.
        // Upstream's test shares one map between the two containers, so its annotation misses the init container;
        // with separate containers, as a decoded pod has, the init container is listed too.
        let memoryOnly = F.list([("memory", "512Mi")])
        var partial = F.withInit(F.pod(1, requests: memoryOnly), [(memoryOnly, ResourceList())])
        let partialNote = LimitRangeAdmission.applyDefaults([range], to: &partial)
        for container in partial.containers + partial.initContainers {
            #expect(F.dictionary(container.resources.requests) == ["cpu": 50, "memory": 512 * 1_048_576])
            #expect(F.dictionary(container.resources.limits) == ["cpu": 75, "memory": 10 * 1_048_576])
        }
        #expect(
            partialNote == "LimitRanger plugin set: cpu request for container foo-0; cpu, memory limit for container foo-0; "
                + "cpu request for init container foo-0; cpu, memory limit for init container foo-0")

        // Everything given: nothing changes and there is no annotation.
        let full = F.withInit(
            F.pod(1, requests: F.compute("100m", "512Mi"), limits: F.compute("200m", "1G")), [(F.compute("200m", "1G"), F.compute("400m", "2G"))])
        var merged = full
        #expect(LimitRangeAdmission.applyDefaults([range], to: &merged) == nil)
        #expect(merged == full)
    }

    // Upstream: TestPodLimitFuncApplyDefault. Both the container and the init container end with limits 10Mi/75m and
    // requests 5Mi/50m, which print as upstream's Quantity.String() does.
    @Test("defaults print in Kubernetes' spelling")
    func applyDefaultSpelling() {
        var spec = F.withInit(F.pod(1), [(ResourceList(), ResourceList())])
        LimitRangeAdmission.applyDefaults([F.validLimitRange()], to: &spec)
        for container in spec.containers + spec.initContainers {
            let resources = container.resources
            #expect(QuantityText.format(resources.limits["memory"] ?? 0, resource: "memory") == "10Mi")
            #expect(QuantityText.format(resources.limits["cpu"] ?? 0, resource: "cpu") == "75m")
            #expect(QuantityText.format(resources.requests["memory"] ?? 0, resource: "memory") == "5Mi")
            #expect(QuantityText.format(resources.requests["cpu"] ?? 0, resource: "cpu") == "50m")
        }
    }

    @Test("with several LimitRanges the first default wins and the last annotation stays")
    func severalRanges() {
        // Range a defaults the cpu limit to 1, range b the cpu limit to 2 and the memory limit to 1Gi: a sets cpu
        // first, b finds it set and adds only memory; b's note replaces a's.
        let first = F.limitRange(.container, defaultLimit: F.compute("1", ""))
        let second = F.limitRange(.container, defaultLimit: F.compute("2", "1Gi"))
        var spec = F.pod(1)
        let note = LimitRangeAdmission.applyDefaults([first, second], to: &spec)
        #expect(F.dictionary(spec.containers[0].resources.limits) == ["cpu": 1_000, "memory": 1_073_741_824])
        #expect(note == "LimitRanger plugin set: memory limit for container foo-0")
    }

    // Upstream: SetDefaults_LimitRangeItem (pkg/apis/core/v1/defaults_test.go TestSetDefaultLimitRangeItem): a Container
    // item with max cpu 100m, min cpu 20m, default request memory 30Mi and min memory 10Mi gets default cpu 100m
    // (from max), default request cpu 100m (from the default), and keeps default request memory 30Mi over the min.
    @Test("the API server defaults a Container item's default from max and its default request from default, then min")
    func limitRangeItemDefaults() {
        let item = LimitRangeItem(
            type: .container, max: F.compute("100m", ""), min: F.compute("20m", "10Mi"), defaultRequest: F.compute("", "30Mi")
        ).withAPIDefaults()
        #expect(F.dictionary(item.defaultLimit) == ["cpu": 100])
        #expect(F.dictionary(item.defaultRequest) == ["cpu": 100, "memory": 30 * 1_048_576])
        // A Pod item is left as written.
        let podItem = LimitRangeItem(type: .pod, max: F.compute("1", "")).withAPIDefaults()
        #expect(podItem.defaultLimit.isEmpty && podItem.defaultRequest.isEmpty)
    }

    // Upstream: TestPodLimitFunc, successCases. Each pod passes PodMutateLimitFunc then PodValidateLimitFunc.
    // Hand checks of the Pod-type cases: two containers of 75m sum to 150m ≥ 100m; init containers raise the pod's
    // totals to their own peak (120Mi of two 60Mi containers beats an 80Mi/100Mi init container; limits 2×1 = 2 and
    // init max(2, 1) = 2 stay ≤ 2); three 300Mi/450Mi containers sum to 900Mi/1350Mi ≤ 2Gi at ratio 1.5, not above 1.5.
    @Test(
        "pods within every bound are admitted",
        arguments: [
            ("ctr-min-cpu-request", F.pod(1, requests: F.compute("100m", "")), F.limitRange(.container, min: F.compute("50m", ""))),
            (
                "ctr-min-cpu-request-limit", F.pod(1, requests: F.compute("100m", ""), limits: F.compute("200m", "")),
                F.limitRange(.container, min: F.compute("50m", ""))
            ),
            ("ctr-min-memory-request", F.pod(1, requests: F.compute("", "60Mi")), F.limitRange(.container, min: F.compute("", "50Mi"))),
            (
                "ctr-min-memory-request-limit", F.pod(1, requests: F.compute("", "60Mi"), limits: F.compute("", "100Mi")),
                F.limitRange(.container, min: F.compute("", "50Mi"))
            ),
            (
                "ctr-max-cpu-request-limit", F.pod(1, requests: F.compute("500m", ""), limits: F.compute("1", "")),
                F.limitRange(.container, max: F.compute("2", ""))
            ),
            ("ctr-max-cpu-limit", F.pod(1, limits: F.compute("1", "")), F.limitRange(.container, max: F.compute("2", ""))),
            (
                "ctr-max-mem-request-limit", F.pod(1, requests: F.compute("", "250Mi"), limits: F.compute("", "500Mi")),
                F.limitRange(.container, max: F.compute("", "1Gi"))
            ),
            (
                "ctr-max-cpu-ratio", F.pod(1, requests: F.compute("500m", ""), limits: F.compute("750m", "")),
                F.limitRange(.container, ratio: F.ratio([("cpu", "1.5")]))
            ),
            ("ctr-max-mem-limit", F.pod(1, limits: F.compute("", "500Mi")), F.limitRange(.container, max: F.compute("", "1Gi"))),
            ("pod-min-cpu-request", F.pod(2, requests: F.compute("75m", "")), F.limitRange(.pod, min: F.compute("100m", ""))),
            (
                "pod-min-cpu-request-limit", F.pod(2, requests: F.compute("75m", ""), limits: F.compute("200m", "")),
                F.limitRange(.pod, min: F.compute("100m", ""))
            ),
            ("pod-min-memory-request", F.pod(2, requests: F.compute("", "60Mi")), F.limitRange(.pod, min: F.compute("", "100Mi"))),
            (
                "pod-min-memory-request-limit", F.pod(2, requests: F.compute("", "60Mi"), limits: F.compute("", "100Mi")),
                F.limitRange(.pod, min: F.compute("", "100Mi"))
            ),
            (
                "pod-init-min-memory-request", F.withInit(F.pod(2, requests: F.compute("", "60Mi")), [(F.compute("", "100Mi"), ResourceList())]),
                F.limitRange(.pod, min: F.compute("", "100Mi"))
            ),
            (
                "pod-init-min-memory-request-limit",
                F.withInit(
                    F.pod(2, requests: F.compute("", "60Mi"), limits: F.compute("", "100Mi")), [(F.compute("", "80Mi"), F.compute("", "100Mi"))]),
                F.limitRange(.pod, min: F.compute("", "100Mi"))
            ),
            (
                "pod-max-cpu-request-limit", F.pod(2, requests: F.compute("500m", ""), limits: F.compute("1", "")),
                F.limitRange(.pod, max: F.compute("2", ""))
            ),
            ("pod-max-cpu-limit", F.pod(2, limits: F.compute("1", "")), F.limitRange(.pod, max: F.compute("2", ""))),
            (
                "pod-init-max-cpu-request-limit",
                F.withInit(
                    F.pod(2, requests: F.compute("500m", ""), limits: F.compute("1", "")),
                    [(F.compute("1", ""), F.compute("2", "")), (F.compute("1", ""), F.compute("1", ""))]),
                F.limitRange(.pod, max: F.compute("2", ""))
            ),
            (
                "pod-init-max-cpu-limit",
                F.withInit(F.pod(2, limits: F.compute("1", "")), [(ResourceList(), F.compute("2", "")), (ResourceList(), F.compute("2", ""))]),
                F.limitRange(.pod, max: F.compute("2", ""))
            ),
            (
                "pod-max-mem-request-limit", F.pod(2, requests: F.compute("", "250Mi"), limits: F.compute("", "500Mi")),
                F.limitRange(.pod, max: F.compute("", "1Gi"))
            ),
            ("pod-max-mem-limit", F.pod(2, limits: F.compute("", "500Mi")), F.limitRange(.pod, max: F.compute("", "1Gi"))),
            (
                "pod-max-mem-ratio", F.pod(3, requests: F.compute("", "300Mi"), limits: F.compute("", "450Mi")),
                F.limitRange(.pod, max: F.compute("", "2Gi"), ratio: F.ratio([("memory", "1.5")]))
            ),
            ("ctr-1-min-local-ephemeral-storage-request", F.pod(1, requests: F.storage("60Mi")), F.limitRange(.container, min: F.storage("50Mi"))),
            (
                "ctr-1-min-local-ephemeral-storage-request-limit", F.pod(1, requests: F.storage("60Mi"), limits: F.storage("100Mi")),
                F.limitRange(.container, min: F.storage("50Mi"))
            ),
            (
                "ctr-1-max-local-ephemeral-storage-request-limit", F.pod(1, requests: F.storage("250Mi"), limits: F.storage("500Mi")),
                F.limitRange(.container, max: F.storage("1Gi"))
            ),
            ("ctr-1-max-local-ephemeral-storage-limit", F.pod(1, limits: F.storage("500Mi")), F.limitRange(.container, max: F.storage("1Gi"))),
            ("ctr-2-min-local-ephemeral-storage-request", F.pod(2, requests: F.storage("60Mi")), F.limitRange(.container, min: F.storage("50Mi"))),
            (
                "ctr-2-min-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("60Mi"), limits: F.storage("100Mi")),
                F.limitRange(.container, min: F.storage("50Mi"))
            ),
            (
                "ctr-2-max-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("250Mi"), limits: F.storage("500Mi")),
                F.limitRange(.container, max: F.storage("600Mi"))
            ),
            ("ctr-2-max-local-ephemeral-storage-limit", F.pod(2, limits: F.storage("500Mi")), F.limitRange(.container, max: F.storage("600Mi"))),
            ("pod-min-local-ephemeral-storage-request", F.pod(2, requests: F.storage("60Mi")), F.limitRange(.pod, min: F.storage("100Mi"))),
            (
                "pod-min-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("60Mi"), limits: F.storage("100Mi")),
                F.limitRange(.pod, min: F.storage("100Mi"))
            ),
            (
                "pod-init-min-local-ephemeral-storage-request",
                F.withInit(F.pod(2, requests: F.storage("60Mi")), [(F.storage("100Mi"), ResourceList())]),
                F.limitRange(.pod, min: F.storage("100Mi"))
            ),
            (
                "pod-init-min-local-ephemeral-storage-request-limit",
                F.withInit(F.pod(2, requests: F.storage("60Mi"), limits: F.storage("100Mi")), [(F.storage("80Mi"), F.storage("100Mi"))]),
                F.limitRange(.pod, min: F.storage("100Mi"))
            ),
            (
                "pod-max-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("250Mi"), limits: F.storage("500Mi")),
                F.limitRange(.pod, max: F.storage("1Gi"))
            ),
            ("pod-max-local-ephemeral-storage-limit", F.pod(2, limits: F.storage("500Mi")), F.limitRange(.pod, max: F.storage("1Gi"))),
            (
                "pod-max-local-ephemeral-storage-ratio", F.pod(3, requests: F.storage("300Mi"), limits: F.storage("450Mi")),
                F.limitRange(.pod, max: F.storage("2Gi"), ratio: F.ratio([("ephemeral-storage", "1.5")]))
            ),
        ] as [(String, PodSpec, LimitRangeSpec)])
    func withinBounds(name: String, spec: PodSpec, range: LimitRangeSpec) {
        var spec = spec
        LimitRangeAdmission.applyDefaults([range], to: &spec)
        #expect(LimitRangeAdmission.violations(of: range, in: spec) == [], "\(name)")
        #expect(LimitRangeAdmission.denial([range], for: spec) == nil, "\(name)")
    }

    // Upstream: TestPodLimitFunc, errorCases (upstream only checks that there is an error; the messages are worked
    // out from minConstraint/maxConstraint/limitRequestRatioConstraint). Amounts print as Quantity.String():
    // 3 × 1 cpu = "3"; 3 × 500Mi = 1500Mi; 1.5Gi = 1536Mi; a ratio of 1.5 prints "1500m", of 1 "1"; 2500m/1250m = 2.
    @Test(
        "pods outside a bound are refused with upstream's message",
        arguments: [
            (
                "ctr-min-cpu-request", F.pod(1, requests: F.compute("40m", "")), F.limitRange(.container, min: F.compute("50m", "")),
                "minimum cpu usage per Container is 50m, but request is 40m"
            ),
            (
                "ctr-min-cpu-request-limit", F.pod(1, requests: F.compute("40m", ""), limits: F.compute("200m", "")),
                F.limitRange(.container, min: F.compute("50m", "")),
                "minimum cpu usage per Container is 50m, but request is 40m"
            ),
            (
                "ctr-min-cpu-no-request-limit", F.pod(1), F.limitRange(.container, min: F.compute("50m", "")),
                "minimum cpu usage per Container is 50m.  No request is specified"
            ),
            (
                "ctr-min-memory-request", F.pod(1, requests: F.compute("", "40Mi")), F.limitRange(.container, min: F.compute("", "50Mi")),
                "minimum memory usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-min-memory-request-limit", F.pod(1, requests: F.compute("", "40Mi"), limits: F.compute("", "100Mi")),
                F.limitRange(.container, min: F.compute("", "50Mi")),
                "minimum memory usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-min-memory-no-request-limit", F.pod(1), F.limitRange(.container, min: F.compute("", "50Mi")),
                "minimum memory usage per Container is 50Mi.  No request is specified"
            ),
            (
                "ctr-max-cpu-request-limit", F.pod(1, requests: F.compute("500m", ""), limits: F.compute("2500m", "")),
                F.limitRange(.container, max: F.compute("2", "")),
                "maximum cpu usage per Container is 2, but limit is 2500m"
            ),
            (
                "ctr-max-cpu-limit", F.pod(1, limits: F.compute("2500m", "")), F.limitRange(.container, max: F.compute("2", "")),
                "maximum cpu usage per Container is 2, but limit is 2500m"
            ),
            (
                "ctr-max-cpu-no-request-limit", F.pod(1), F.limitRange(.container, max: F.compute("2", "")),
                "maximum cpu usage per Container is 2.  No limit is specified"
            ),
            (
                "ctr-max-cpu-ratio", F.pod(1, requests: F.compute("1250m", ""), limits: F.compute("2500m", "")),
                F.limitRange(.container, ratio: F.ratio([("cpu", "1")])),
                "cpu max limit to request ratio per Container is 1, but provided ratio is 2.000000"
            ),
            (
                "ctr-max-mem-request-limit", F.pod(1, requests: F.compute("", "250Mi"), limits: F.compute("", "2Gi")),
                F.limitRange(.container, max: F.compute("", "1Gi")),
                "maximum memory usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-max-mem-limit", F.pod(1, limits: F.compute("", "2Gi")), F.limitRange(.container, max: F.compute("", "1Gi")),
                "maximum memory usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-max-mem-no-request-limit", F.pod(1), F.limitRange(.container, max: F.compute("", "1Gi")),
                "maximum memory usage per Container is 1Gi.  No limit is specified"
            ),
            (
                "pod-min-cpu-request", F.pod(1, requests: F.compute("75m", "")), F.limitRange(.pod, min: F.compute("100m", "")),
                "minimum cpu usage per Pod is 100m, but request is 75m"
            ),
            (
                "pod-min-cpu-request-limit", F.pod(1, requests: F.compute("75m", ""), limits: F.compute("200m", "")),
                F.limitRange(.pod, min: F.compute("100m", "")),
                "minimum cpu usage per Pod is 100m, but request is 75m"
            ),
            (
                "pod-min-memory-request", F.pod(1, requests: F.compute("", "60Mi")), F.limitRange(.pod, min: F.compute("", "100Mi")),
                "minimum memory usage per Pod is 100Mi, but request is 60Mi"
            ),
            (
                "pod-min-memory-request-limit", F.pod(1, requests: F.compute("", "60Mi"), limits: F.compute("", "100Mi")),
                F.limitRange(.pod, min: F.compute("", "100Mi")),
                "minimum memory usage per Pod is 100Mi, but request is 60Mi"
            ),
            (
                "pod-max-cpu-request-limit", F.pod(3, requests: F.compute("500m", ""), limits: F.compute("1", "")),
                F.limitRange(.pod, max: F.compute("2", "")),
                "maximum cpu usage per Pod is 2, but limit is 3"
            ),
            (
                "pod-max-cpu-limit", F.pod(3, limits: F.compute("1", "")), F.limitRange(.pod, max: F.compute("2", "")),
                "maximum cpu usage per Pod is 2, but limit is 3"
            ),
            (
                "pod-max-mem-request-limit", F.pod(3, requests: F.compute("", "250Mi"), limits: F.compute("", "500Mi")),
                F.limitRange(.pod, max: F.compute("", "1Gi")),
                "maximum memory usage per Pod is 1Gi, but limit is 1500Mi"
            ),
            (
                "pod-max-mem-limit", F.pod(3, limits: F.compute("", "500Mi")), F.limitRange(.pod, max: F.compute("", "1Gi")),
                "maximum memory usage per Pod is 1Gi, but limit is 1500Mi"
            ),
            (
                "pod-init-max-mem-limit", F.withInit(F.pod(1, limits: F.compute("", "500Mi")), [(ResourceList(), F.compute("", "1.5Gi"))]),
                F.limitRange(.pod, max: F.compute("", "1Gi")), "maximum memory usage per Pod is 1Gi, but limit is 1536Mi"
            ),
            (
                "pod-max-mem-ratio", F.pod(3, requests: F.compute("", "250Mi"), limits: F.compute("", "500Mi")),
                F.limitRange(.pod, max: F.compute("", "2Gi"), ratio: F.ratio([("memory", "1.5")])),
                "memory max limit to request ratio per Pod is 1500m, but provided ratio is 2.000000"
            ),
            (
                "ctr-1-min-local-ephemeral-storage-request", F.pod(1, requests: F.storage("40Mi")), F.limitRange(.container, min: F.storage("50Mi")),
                "minimum ephemeral-storage usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-1-min-local-ephemeral-storage-request-limit", F.pod(1, requests: F.storage("40Mi"), limits: F.storage("100Mi")),
                F.limitRange(.container, min: F.storage("50Mi")), "minimum ephemeral-storage usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-1-min-local-ephemeral-storage-no-request-limit", F.pod(1), F.limitRange(.container, min: F.storage("50Mi")),
                "minimum ephemeral-storage usage per Container is 50Mi.  No request is specified"
            ),
            (
                "ctr-1-max-local-ephemeral-storage-request-limit", F.pod(1, requests: F.storage("250Mi"), limits: F.storage("2Gi")),
                F.limitRange(.container, max: F.storage("1Gi")), "maximum ephemeral-storage usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-1-max-local-ephemeral-storage-limit", F.pod(1, limits: F.storage("2Gi")), F.limitRange(.container, max: F.storage("1Gi")),
                "maximum ephemeral-storage usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-1-max-local-ephemeral-storage-no-request-limit", F.pod(1), F.limitRange(.container, max: F.storage("1Gi")),
                "maximum ephemeral-storage usage per Container is 1Gi.  No limit is specified"
            ),
            (
                "pod-min-local-ephemeral-storage-request", F.pod(1, requests: F.storage("60Mi")), F.limitRange(.pod, min: F.storage("100Mi")),
                "minimum ephemeral-storage usage per Pod is 100Mi, but request is 60Mi"
            ),
            (
                "pod-min-local-ephemeral-storage-request-limit", F.pod(1, requests: F.storage("60Mi"), limits: F.storage("100Mi")),
                F.limitRange(.pod, min: F.storage("100Mi")), "minimum ephemeral-storage usage per Pod is 100Mi, but request is 60Mi"
            ),
            (
                "pod-max-local-ephemeral-storage-request-limit", F.pod(3, requests: F.storage("250Mi"), limits: F.storage("500Mi")),
                F.limitRange(.pod, max: F.storage("1Gi")), "maximum ephemeral-storage usage per Pod is 1Gi, but limit is 1500Mi"
            ),
            (
                "pod-max-local-ephemeral-storage-limit", F.pod(3, limits: F.storage("500Mi")), F.limitRange(.pod, max: F.storage("1Gi")),
                "maximum ephemeral-storage usage per Pod is 1Gi, but limit is 1500Mi"
            ),
            (
                "pod-init-max-local-ephemeral-storage-limit",
                F.withInit(F.pod(1, limits: F.storage("500Mi")), [(ResourceList(), F.storage("1.5Gi"))]),
                F.limitRange(.pod, max: F.storage("1Gi")), "maximum ephemeral-storage usage per Pod is 1Gi, but limit is 1536Mi"
            ),
            (
                "pod-max-local-ephemeral-storage-ratio", F.pod(3, requests: F.storage("250Mi"), limits: F.storage("500Mi")),
                F.limitRange(.pod, max: F.storage("2Gi"), ratio: F.ratio([("ephemeral-storage", "1.5")])),
                "ephemeral-storage max limit to request ratio per Pod is 1500m, but provided ratio is 2.000000"
            ),
        ] as [(String, PodSpec, LimitRangeSpec, String)])
    func outsideBounds(name: String, spec: PodSpec, range: LimitRangeSpec, message: String) {
        var spec = spec
        LimitRangeAdmission.applyDefaults([range], to: &spec)
        #expect(LimitRangeAdmission.violations(of: range, in: spec) == [message], "\(name)")
        #expect(LimitRangeAdmission.denial([range], for: spec) == message, "\(name)")
    }

    // Upstream: TestPodLimitFunc, errorCases "ctr-2-…": two identical containers each violate the bound, so the
    // LimitRange reports the message twice and the aggregate error shows it once.
    @Test(
        "the same violation in two containers is reported once",
        arguments: [
            (
                "ctr-2-min-local-ephemeral-storage-request", F.pod(2, requests: F.storage("40Mi")), F.limitRange(.container, min: F.storage("50Mi")),
                "minimum ephemeral-storage usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-2-min-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("40Mi"), limits: F.storage("100Mi")),
                F.limitRange(.container, min: F.storage("50Mi")), "minimum ephemeral-storage usage per Container is 50Mi, but request is 40Mi"
            ),
            (
                "ctr-2-min-local-ephemeral-storage-no-request-limit", F.pod(2), F.limitRange(.container, min: F.storage("50Mi")),
                "minimum ephemeral-storage usage per Container is 50Mi.  No request is specified"
            ),
            (
                "ctr-2-max-local-ephemeral-storage-request-limit", F.pod(2, requests: F.storage("250Mi"), limits: F.storage("2Gi")),
                F.limitRange(.container, max: F.storage("1Gi")), "maximum ephemeral-storage usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-2-max-local-ephemeral-storage-limit", F.pod(2, limits: F.storage("2Gi")), F.limitRange(.container, max: F.storage("1Gi")),
                "maximum ephemeral-storage usage per Container is 1Gi, but limit is 2Gi"
            ),
            (
                "ctr-2-max-local-ephemeral-storage-no-request-limit", F.pod(2), F.limitRange(.container, max: F.storage("1Gi")),
                "maximum ephemeral-storage usage per Container is 1Gi.  No limit is specified"
            ),
        ] as [(String, PodSpec, LimitRangeSpec, String)])
    func repeatedViolation(name: String, spec: PodSpec, range: LimitRangeSpec, message: String) {
        #expect(LimitRangeAdmission.violations(of: range, in: spec) == [message, message], "\(name)")
        #expect(LimitRangeAdmission.denial([range], for: spec) == message, "\(name)")
    }

    // Upstream: TestPodLimitFunc, errorCases "ctr-max-cpu-limit-restartable-init-container": a container requesting
    // 1000m (limit 1500m) and a sidecar requesting 1500m (no limit). The sidecar runs alongside, so the pod requests
    // 1000m + 1500m = 2500m > 2; its limits (1500m) are within 2.
    @Test("a sidecar adds to the pod's totals")
    func sidecarCountsTowardsPod() {
        var spec = F.pod(1, requests: F.compute("1000m", ""), limits: F.compute("1500m", ""))
        spec.initContainers.append(Container(name: "foo-0", resources: ContainerResources(requests: F.compute("1500m", ""), isSidecar: true)))
        let range = F.limitRange(.pod, max: F.compute("2", ""))
        #expect(LimitRangeAdmission.violations(of: range, in: spec) == ["maximum cpu usage per Pod is 2, but request is 2500m"])
    }

    @Test("several violations aggregate in brackets, and only the first failing LimitRange counts")
    func aggregateMessages() {
        // Container max cpu 2 and min memory 1Gi; the container asks for limit cpu 4 and request memory 512Mi. Both
        // fail: min is checked before max, so the memory message comes first. The second LimitRange would fail too,
        // but upstream stops at the first.
        let first = LimitRangeSpec(
            meta: ObjectMeta(name: "first", namespace: "test"),
            items: [LimitRangeItem(type: .container, max: F.compute("2", ""), min: F.compute("", "1Gi"))])
        let second = F.limitRange(.container, ratio: F.ratio([("cpu", "2")]))
        let spec = F.pod(1, requests: F.compute("1", "512Mi"), limits: F.compute("4", "1Gi"))
        #expect(
            LimitRangeAdmission.denial([first, second], for: spec)
                == "[minimum memory usage per Container is 1Gi, but request is 512Mi, maximum cpu usage per Container is 2, but limit is 4]")
        // Alone, the second reports the ratio 4 / 1 = 4.
        #expect(
            LimitRangeAdmission.denial([second], for: spec) == "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000")
    }

    @Test("a ratio prints with six decimals as Go's %f")
    func ratioDecimals() {
        // 5 / 3 = 1.6666…, above 1.5: printed rounded to 1.666667.
        let range = F.limitRange(.container, ratio: F.ratio([("cpu", "1.5")]))
        let spec = F.pod(1, requests: F.compute("300m", ""), limits: F.compute("500m", ""))
        #expect(
            LimitRangeAdmission.violations(of: range, in: spec) == [
                "cpu max limit to request ratio per Container is 1500m, but provided ratio is 1.666667"
            ])
        // A zero request cannot be divided by.
        let zero = F.pod(1, requests: F.compute("0", ""), limits: F.compute("500m", ""))
        #expect(
            LimitRangeAdmission.violations(of: range, in: zero)
                == ["cpu max limit to request ratio per Container is 1500m, but no request is specified or request is 0"])
    }
}
