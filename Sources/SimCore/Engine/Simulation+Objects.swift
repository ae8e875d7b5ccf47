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
