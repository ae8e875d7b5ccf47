import SimCore
import Testing

private typealias F = AdmissionFixtures

/// A pod's whole way through admission: API defaulting, LimitRanger defaults, pod validation, LimitRanger checks,
/// ResourceQuota — and the FailedCreate event a controller records when it is refused.
@Suite("Pod admission")
struct PodAdmissionTests {
    private static func pod(requests: ResourceList = ResourceList(), limits: ResourceList = ResourceList()) -> QuotaPod {
        QuotaPod(spec: PodSpec(containers: [Container(name: "app", resources: ContainerResources(requests: requests, limits: limits))]))
    }

    // The order upstream defaults in: SetDefaults_Pod copies the limit 2 into the missing cpu request while the pod is
    // decoded, before the LimitRanger, so the LimitRange's defaultRequest 100m does not apply; memory has neither, so
    // the LimitRanger gives it the defaults (request 64Mi, limit 128Mi).
    @Test("requests copy limits before the LimitRanger's default requests apply")
    func defaultingOrder() {
        let range = F.limitRange(.container, defaultLimit: F.compute("500m", "128Mi"), defaultRequest: F.compute("100m", "64Mi"))
        let outcome = PodAdmission.admit(name: "p", pod: Self.pod(limits: F.compute("2", "")), limitRanges: [range], quotas: [])
        #expect(F.dictionary(outcome.spec.containers[0].resources.requests) == ["cpu": 2_000, "memory": 64 * 1_048_576])
        #expect(F.dictionary(outcome.spec.containers[0].resources.limits) == ["cpu": 2_000, "memory": 128 * 1_048_576])
        #expect(outcome.limitRangerAnnotation == "LimitRanger plugin set: memory request for container app; memory limit for container app")
        #expect(outcome.verdict == .admitted([]))
    }

    // A default limit (200m) below the container's own request (500m): pod validation refuses the pod before the
    // LimitRanger's checks and the quota run.
    @Test("a default limit below the request makes the pod invalid")
    func defaultLimitBelowRequest() {
        let range = F.limitRange(.container, defaultLimit: F.compute("200m", ""))
        let outcome = PodAdmission.admit(name: "web-1", pod: Self.pod(requests: F.compute("500m", "")), limitRanges: [range], quotas: [])
        let expected =
            "Pod \"web-1\" is invalid: spec.containers[0].resources.requests: Invalid value: \"500m\": "
            + "must be less than or equal to cpu limit of 200m"
        #expect(outcome.verdict == .rejected(expected))
    }

    // An extended resource must request exactly its limit (IsOvercommitAllowed is false for it).
    @Test("an extended resource request must equal its limit")
    func extendedResourceEquality() {
        let invalid = Self.pod(requests: F.list([("nvidia.com/gpu", "1")]), limits: F.list([("nvidia.com/gpu", "2")]))
        #expect(
            PodResourceValidation.errors(invalid.spec)
                == ["spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to nvidia.com/gpu limit of 2"])
    }

    // A LimitRange max cpu 2 and a container limit 4: the LimitRanger refuses it as Forbidden, before the quota.
    @Test("a LimitRanger violation is a Forbidden error")
    func limitRangerForbidden() {
        let range = F.limitRange(.container, max: F.compute("2", ""))
        let outcome = PodAdmission.admit(name: "web-1", pod: Self.pod(limits: F.compute("4", "")), limitRanges: [range], quotas: [])
        #expect(outcome.verdict == .rejected("pods \"web-1\" is forbidden: maximum cpu usage per Container is 2, but limit is 4"))
    }

    // The quota sees the defaulted pod: the LimitRange gives requests 250m/256Mi and limits 500m/512Mi; the quota's
    // limits.memory 1Gi has 768Mi used, and 768Mi + 512Mi = 1280Mi > 1Gi. The ReplicaSet controller's event prints
    // the API error after "Error creating: ".
    @Test("the quota checks the defaulted pod and the controller's event carries the API error")
    func quotaAfterDefaults() {
        let range = F.limitRange(.container, defaultLimit: F.compute("500m", "512Mi"), defaultRequest: F.compute("250m", "256Mi"))
        let quota = F.quota(
            "mem", hard: [("limits.memory", "1Gi"), ("requests.cpu", "4")], used: [("limits.memory", "768Mi"), ("requests.cpu", "1")])
        let outcome = PodAdmission.admit(name: "web-6d4cf56db6-x2k4q", pod: Self.pod(), limitRanges: [range], quotas: [quota])
        let expected =
            "pods \"web-6d4cf56db6-x2k4q\" is forbidden: exceeded quota: mem, requested: limits.memory=512Mi, used: limits.memory=768Mi, "
            + "limited: limits.memory=1Gi"
        #expect(outcome.verdict == .rejected(expected))
        #expect(PodAdmission.failedCreateReason == "FailedCreate")
        #expect(PodAdmission.failedCreateMessage(expected) == "Error creating: " + expected)
        // With room left (256Mi used), the pod is admitted and charged requests.cpu 250m and limits.memory 512Mi.
        let roomy = F.quota(
            "mem", hard: [("limits.memory", "1Gi"), ("requests.cpu", "4")], used: [("limits.memory", "256Mi"), ("requests.cpu", "1")])
        let admitted = PodAdmission.admit(name: "web-6d4cf56db6-x2k4q", pod: Self.pod(), limitRanges: [range], quotas: [roomy])
        #expect(
            admitted.verdict == .admitted([QuotaCharge(quotaName: "mem", usage: F.list([("limits.memory", "512Mi"), ("requests.cpu", "250m")]))]))
    }
}
