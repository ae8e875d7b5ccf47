/// The admission of one new pod into a namespace, in the API server's order: defaulting when the pod is decoded
/// (`PodDefaults`), the LimitRanger's defaults (mutating admission), pod validation (`PodResourceValidation`), the
/// LimitRanger's checks and then the ResourceQuota plugin (validating admission, ResourceQuota last).
public enum PodAdmission {
    /// The reason of the event a workload controller records when the API server refuses its pod.
    public static let failedCreateReason = "FailedCreate"

    /// The outcome for one pod.
    public struct Outcome: Sendable, Hashable {
        /// The pod spec after defaulting: what is stored and scheduled when the pod is admitted.
        public var spec: PodSpec
        /// The `kubernetes.io/limit-ranger` annotation the LimitRanger left, if it set anything.
        public var limitRangerAnnotation: String?
        public var verdict: Verdict
    }

    public enum Verdict: Sendable, Hashable {
        /// Created; add the charges to the quotas' usage (`ResourceQuotaAdmission.apply`).
        case admitted([QuotaCharge])
        /// Refused, with the API error's message, e.g. `pods "web-7d9c5-x2k4q" is forbidden: exceeded quota: …`.
        case rejected(String)
    }

    /// Admits the pod named `name` (the generated name for a controller's pod) or says why not. `limitRanges` are
    /// the namespace's LimitRanges as stored (`LimitRangeSpec.withAPIDefaults`), `quotas` its ResourceQuotas with
    /// their usage.
    public static func admit(
        name: String, pod: QuotaPod, limitRanges: [LimitRangeSpec], quotas: [ResourceQuota],
        configuration: QuotaAdmissionConfiguration = QuotaAdmissionConfiguration()
    ) -> Outcome {
        var pod = pod
        PodDefaults.apply(to: &pod.spec)
        let annotation = LimitRangeAdmission.applyDefaults(limitRanges, to: &pod.spec)
        var outcome = Outcome(spec: pod.spec, limitRangerAnnotation: annotation, verdict: .admitted([]))
        if let invalid = PodResourceValidation.invalidMessage(pod.spec, name: name) {
            outcome.verdict = .rejected(invalid)
        } else if let denial = LimitRangeAdmission.denial(limitRanges, for: pod.spec) {
            outcome.verdict = .rejected(forbiddenMessage(resource: "pods", name: name, reason: denial))
        } else {
            switch ResourceQuotaAdmission.admit(pod, quotas: quotas, configuration: configuration) {
            case .admitted(let charges): outcome.verdict = .admitted(charges)
            case .denied(let denial): outcome.verdict = .rejected(denial.apiErrorMessage(resource: "pods", name: name))
            }
        }
        return outcome
    }

    /// A Forbidden API error's message (upstream's `apierrors.NewForbidden`): `<resource> "<name>" is forbidden:
    /// <reason>`, or `<resource> is forbidden: <reason>` without a name. Admission plugins name the object by its
    /// name, or by its `generateName` prefix while no name has been generated (mutating admission); the LimitRanger's
    /// checks and the quota run after the name is generated.
    public static func forbiddenMessage(resource: String, name: String, reason: String) -> String {
        name.isEmpty ? "\(resource) is forbidden: \(reason)" : "\(resource) \"\(name)\" is forbidden: \(reason)"
    }

    /// The message of the FailedCreate event a ReplicaSet, Job or other workload controller records for a refused
    /// pod (upstream's `RealPodControl.createPods`: `"Error creating: %v"` of the API error).
    public static func failedCreateMessage(_ apiError: String) -> String { "Error creating: \(apiError)" }
}
