/// What a new pod goes through in its namespace before it exists, as the API server's admission
/// chain: the LimitRanger's defaults and checks, then the ResourceQuotas (`PodAdmission`).
///
/// The LimitRanger's work depends only on a template and its namespace's LimitRanges, so it is
/// done once, when the template is registered: the defaults go into the shared spec, and a refusal
/// is kept for every pod of it. The quotas depend on what the namespace holds at the moment, so
/// they are checked per pod (`admissionRefusal`) and their usage follows pods as they are created,
/// finish and go.
extension ClusterState {
    /// Adds a namespace's LimitRange, as the API server stores it.
    func addLimitRange(_ spec: LimitRangeSpec) {
        limitRanges[spec.meta.namespace, default: []].append(spec.withAPIDefaults())
    }

    /// Adds a namespace's ResourceQuota, its usage counted from the pods that exist.
    func addResourceQuota(_ spec: ResourceQuotaSpec) {
        var quota = ResourceQuota(spec: spec)
        let namespace = symbols.intern(spec.meta.namespace)
        for pod in pods.ids where pods[pod].namespace == namespace {
            let subject = quotaPod(pod)
            guard PodQuotaEvaluator.matches(spec, pod: subject) else { continue }
            quota.status.charge(PodQuotaEvaluator.usage(of: subject).masked(to: spec.hard.names))
        }
        resourceQuotas[spec.meta.namespace, default: []].append(quota)
    }

    /// Applies the namespace's LimitRange defaults to a template; returns why the LimitRanger (or
    /// the pod validation after its defaults) refuses pods of it, if it does.
    func applyLimitRanges(to template: inout PodTemplate, namespace: String) -> String? {
        guard let ranges = limitRanges[namespace], !ranges.isEmpty else { return nil }
        PodDefaults.apply(to: &template.spec)
        if let annotation = LimitRangeAdmission.applyDefaults(ranges, to: &template.spec) {
            template.annotations["kubernetes.io/limit-ranger"] = annotation
        }
        if let invalid = PodResourceValidation.errors(template.spec).first { return invalid }
        return LimitRangeAdmission.denial(ranges, for: template.spec)
    }

    /// The API error the server answers a controller's request to create the pod `name` of `spec`
    /// with, or nil when the pod is admitted: a LimitRange's refusal, or an exceeded quota
    /// (`pods "web-x2k4q" is forbidden: exceeded quota: …`).
    public func admissionRefusal(name: String, spec: PodSpecID) -> String? {
        guard !specRefusals.isEmpty || !resourceQuotas.isEmpty else { return nil }
        if let refusal = specRefusals[spec] {
            return PodAdmission.forbiddenMessage(resource: "pods", name: name, reason: refusal)
        }
        let info = podSpecs[Int(spec)]
        guard let quotas = resourceQuotas[symbols[info.namespace]], !quotas.isEmpty else { return nil }
        switch ResourceQuotaAdmission.admit(QuotaPod(spec: info.template.spec), quotas: quotas) {
        case .admitted: return nil
        case .denied(let denial): return denial.apiErrorMessage(resource: "pods", name: name)
        }
    }

    /// The pod as the quota evaluator sees it.
    private func quotaPod(_ pod: PodID) -> QuotaPod {
        let record = pods[pod]
        return QuotaPod(
            spec: podSpecs[Int(record.spec)].template.spec, chargesComputeResources: record.phase != .succeeded && record.phase != .failed)
    }

    /// Charges a new pod to the quotas of its namespace that cover it.
    func chargeQuotas(for pod: PodID) {
        guard !resourceQuotas.isEmpty else { return }
        let namespace = symbols[pods[pod].namespace]
        guard var quotas = resourceQuotas[namespace], !quotas.isEmpty else { return }
        let subject = quotaPod(pod)
        let usage = PodQuotaEvaluator.usage(of: subject)
        for index in quotas.indices where PodQuotaEvaluator.matches(quotas[index].spec, pod: subject) {
            quotas[index].status.charge(usage.masked(to: quotas[index].spec.hard.names))
        }
        resourceQuotas[namespace] = quotas
    }

    /// Takes back what a pod charged: when it finishes, its compute resources; when it is removed,
    /// whatever it still charges.
    func releaseQuotas(for pod: PodID, finished: Bool) {
        guard !resourceQuotas.isEmpty else { return }
        let namespace = symbols[pods[pod].namespace]
        guard var quotas = resourceQuotas[namespace], !quotas.isEmpty else { return }
        let subject = quotaPod(pod)
        let usage = finished ? PodQuotaEvaluator.releasedOnTermination(of: subject) : PodQuotaEvaluator.usage(of: subject)
        for index in quotas.indices where PodQuotaEvaluator.matches(quotas[index].spec, pod: subject) {
            quotas[index].status.release(usage.masked(to: quotas[index].spec.hard.names))
        }
        resourceQuotas[namespace] = quotas
    }
}

/// Objects other than pods that quotas count: Jobs (`count/jobs.batch`) and PersistentVolumeClaims
/// (`persistentvolumeclaims`, `requests.storage`, and their per-class forms), the two a run creates
/// on its own (a CronJob's Jobs, a StatefulSet's claims). Quotas on other objects' counts are
/// reported as not enforced when the scenario loads.
extension ClusterState {
    /// A Job as the quota evaluators count it.
    public static let quotaJob = QuotaObject.counted(resource: "jobs", group: "batch")

    /// A claim as the quota evaluators count it.
    func quotaClaim(_ spec: PersistentVolumeClaimSpec) -> QuotaObject {
        .persistentVolumeClaim(storageRequest: spec.request, storageClass: spec.storageClassName ?? defaultStorageClass?.name)
    }

    /// Admits a new object of `namespace` against its quotas, charging it when admitted; returns
    /// the API error when a quota refuses it (`jobs.batch "x" is forbidden: exceeded quota: …`).
    func admitObject(_ object: QuotaObject, name: String, namespace: String) -> String? {
        guard var quotas = resourceQuotas[namespace], !quotas.isEmpty else { return nil }
        switch ResourceQuotaAdmission.admit(object, quotas: quotas) {
        case .admitted(let charges):
            ResourceQuotaAdmission.apply(charges, to: &quotas)
            resourceQuotas[namespace] = quotas
            return nil
        case .denied(let denial):
            let (resource, group) = ObjectQuotaEvaluator.groupResource(object)
            return denial.apiErrorMessage(resource: group.isEmpty ? resource : resource + "." + group, name: name)
        }
    }

    /// Takes back what an object charged, when it is deleted.
    func releaseObject(_ object: QuotaObject, namespace: String) {
        guard var quotas = resourceQuotas[namespace], !quotas.isEmpty else { return }
        let usage = ObjectQuotaEvaluator.usage(of: object)
        for index in quotas.indices where quotas[index].spec.scopeSelectors.isEmpty {
            quotas[index].status.release(usage.masked(to: quotas[index].spec.hard.names))
        }
        resourceQuotas[namespace] = quotas
    }
}
