/// Creating objects while a simulation runs (scenario `apply` events, tests), with the same
/// admission as objects present at the start.
extension Simulation {
    /// Creates a bare pod now; false if the name is taken in its namespace.
    @discardableResult
    public func create(_ pod: PodManifest) -> Bool {
        let created = context.createBarePod(pod)
        deliverChanges()
        return created
    }
}

extension ControllerContext {
    /// Creates a bare pod, as `kubectl apply` of a Pod manifest: through admission, where a
    /// refusal (a LimitRange, an exceeded quota) is a `FailedCreate` warning on the pod and the
    /// pod never exists. False only when the name is taken in its namespace.
    func createBarePod(_ pod: PodManifest) -> Bool {
        let spec = cluster.registerPodSpec(pod.template, namespace: pod.meta.namespace)
        let reference = ObjectReference(kind: "Pod", namespace: pod.meta.namespace, name: pod.meta.name)
        if let refusal = cluster.admissionRefusal(name: pod.meta.name, spec: spec) {
            record(.warning, PodAdmission.failedCreateReason, reference, PodAdmission.failedCreateMessage(refusal))
            return cluster.pod(namespace: pod.meta.namespace, name: pod.meta.name) == nil
        }
        let labels = LabelSet(pod.meta.labels, symbols: cluster.symbols)
        return cluster.createPod(name: pod.meta.name, namespace: pod.meta.namespace, labels: labels, spec: spec, owner: nil, at: now) != nil
    }
}

extension ControllerContext {
    /// Creates a Job, as `kubectl apply` of its manifest: a quota on `count/jobs.batch` may refuse
    /// it (a `FailedCreate` warning on the Job, which never exists). False only when the name is
    /// taken in its namespace.
    func createAppliedJob(_ spec: JobSpec) -> Bool {
        guard cluster.workload(.job, namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return false }
        if let refusal = cluster.admitObject(ClusterState.quotaJob, name: spec.meta.name, namespace: spec.meta.namespace) {
            let reference = ObjectReference(kind: WorkloadKind.job.name, namespace: spec.meta.namespace, name: spec.meta.name)
            record(.warning, PodAdmission.failedCreateReason, reference, PodAdmission.failedCreateMessage(refusal))
            return true
        }
        return cluster.createJob(spec, at: now) != nil
    }

    /// Creates a PersistentVolumeClaim, as `kubectl apply` of its manifest: a quota on claims or
    /// storage may refuse it. False only when the name is taken in its namespace.
    func createAppliedClaim(_ spec: PersistentVolumeClaimSpec) -> Bool {
        guard cluster.claim(namespace: spec.meta.namespace, name: spec.meta.name) == nil else { return false }
        if let refusal = cluster.admitObject(cluster.quotaClaim(spec), name: spec.meta.name, namespace: spec.meta.namespace) {
            let reference = ObjectReference(kind: "PersistentVolumeClaim", namespace: spec.meta.namespace, name: spec.meta.name)
            record(.warning, PodAdmission.failedCreateReason, reference, PodAdmission.failedCreateMessage(refusal))
            return true
        }
        return cluster.createClaim(spec, at: now) != nil
    }
}
