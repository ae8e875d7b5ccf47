/// Creating objects while a simulation runs (scenario `apply` events, tests), with the same
/// admission as objects present at the start.
extension Simulation {
    /// Creates a bare pod now; false if the name is taken in its namespace.
    @discardableResult
    public func create(_ pod: PodManifest) -> Bool {
        let spec = cluster.registerPodSpec(pod.template, namespace: pod.meta.namespace)
        let labels = LabelSet(pod.meta.labels, symbols: cluster.symbols)
        if let refusal = cluster.admissionRefusal(name: pod.meta.name, spec: spec) {
            // `kubectl apply` would have failed: the pod never exists.
            context.record(
                .warning, PodAdmission.failedCreateReason, ObjectReference(kind: "Pod", namespace: pod.meta.namespace, name: pod.meta.name),
                PodAdmission.failedCreateMessage(refusal))
            return cluster.pod(namespace: pod.meta.namespace, name: pod.meta.name) == nil
        }
        let created = cluster.createPod(name: pod.meta.name, namespace: pod.meta.namespace, labels: labels, spec: spec, owner: nil, at: now) != nil
        deliverChanges()
        return created
    }
}
