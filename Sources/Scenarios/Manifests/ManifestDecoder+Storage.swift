import SimCore

/// StorageClasses, PersistentVolumes and PersistentVolumeClaims: what pins a pod with a volume to
/// where its volume lives.
extension ManifestDecoder {
    func decodeStorageClass(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.storageClass, log: &log)
        let meta = try objectMeta(fields, kind: "StorageClass", namespaced: false, log: &log)
        let provisioner = try fields.required("provisioner").string("provisioner")
        var mode = VolumeBindingMode.immediate
        if let node = fields["volumeBindingMode"] {
            let text = try node.string("volumeBindingMode")
            guard let value = VolumeBindingMode(rawValue: text) else {
                throw .error(
                    at: node.location, "unknown volumeBindingMode \(Diagnostic.quote(text))", hint: "expected Immediate or WaitForFirstConsumer")
            }
            mode = value
        }
        var topologies: [NodeSelectorTerm] = []
        for item in try fields["allowedTopologies"]?.items("allowedTopologies") ?? [] {
            let term = try Fields(item, "allowedTopologies term")
            term.warnUnknown(KubernetesFields.topologySelectorTerm, log: &log)
            var requirements: [SelectorRequirement] = []
            for expression in try term["matchLabelExpressions"]?.items("matchLabelExpressions") ?? [] {
                let requirement = try Fields(expression, "matchLabelExpressions")
                requirement.warnUnknown(KubernetesFields.topologyRequirement, log: &log)
                let values = try requirement.required("values").items("values").map { node throws(Diagnostic) in try node.string("values") }
                requirements.append(SelectorRequirement(key: try requirement.required("key").string("key"), op: .in, values: values))
            }
            topologies.append(NodeSelectorTerm(matchExpressions: requirements))
        }
        let isDefault = meta.annotations["storageclass.kubernetes.io/is-default-class"] == "true"
        try set.define("StorageClass", namespace: nil, name: meta.name, at: fields.node.location)
        set.storageClasses.append(
            StorageClassSpec(name: meta.name, provisioner: provisioner, volumeBindingMode: mode, allowedTopologies: topologies, isDefault: isDefault))
    }

    func decodePersistentVolume(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "PersistentVolume", namespaced: false, log: &log)
        let spec = try Fields(try fields.required("spec"), "PersistentVolume \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.persistentVolumeSpec, log: &log)
        let capacityNode = try spec.required("capacity")
        guard let storage = try Fields(capacityNode, "capacity")["storage"] else {
            throw .error(at: capacityNode.location, "PersistentVolume \(meta.name) has no capacity.storage")
        }
        var affinity: [NodeSelectorTerm]?
        if let node = spec["nodeAffinity"] {
            let volumeAffinity = try Fields(node, "nodeAffinity")
            volumeAffinity.warnUnknown(KubernetesFields.volumeNodeAffinity, log: &log)
            if let required = volumeAffinity["required"] {
                let selector = try Fields(required, "nodeAffinity.required")
                selector.warnUnknown(KubernetesFields.nodeSelector, log: &log)
                var terms: [NodeSelectorTerm] = []
                for item in try selector.required("nodeSelectorTerms").items("nodeSelectorTerms") {
                    terms.append(try nodeSelectorTerm(item, log: &log))
                }
                affinity = terms
            }
        }
        var claimRef: String?
        if let node = spec["claimRef"] {
            let reference = try Fields(node, "claimRef")
            if let name = try reference["name"]?.string("name") {
                claimRef = (try reference["namespace"]?.string("namespace") ?? defaultNamespace) + "/" + name
            }
        }
        try set.define("PersistentVolume", namespace: nil, name: meta.name, at: fields.node.location)
        set.persistentVolumes.append(
            PersistentVolumeSpec(
                name: meta.name, capacity: try storage.quantity("capacity.storage", resource: ResourceName.ephemeralStorage),
                storageClassName: try spec["storageClassName"]?.string("storageClassName") ?? "", nodeAffinity: affinity,
                zoneLabel: meta.labels[NodeLabel.zone] ?? meta.labels["failure-domain.beta.kubernetes.io/zone"], claimRef: claimRef))
    }

    func decodePersistentVolumeClaim(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "PersistentVolumeClaim", log: &log)
        let claim = try claimSpec(try fields.required("spec"), meta: meta, log: &log)
        try set.define("PersistentVolumeClaim", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.persistentVolumeClaims.append(claim)
    }

    /// A claim's spec (also a StatefulSet's `volumeClaimTemplates` entry).
    func claimSpec(_ node: YAMLNode, meta: ObjectMeta, log: inout DiagnosticLog) throws(Diagnostic) -> PersistentVolumeClaimSpec {
        let spec = try Fields(node, "PersistentVolumeClaim \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.persistentVolumeClaimSpec, log: &log)
        var request: Int64 = 0
        if let resources = spec["resources"], let requests = try Fields(resources, "resources")["requests"],
            let storage = try Fields(requests, "requests")["storage"]
        {
            request = try storage.quantity("resources.requests.storage", resource: ResourceName.ephemeralStorage)
        }
        return PersistentVolumeClaimSpec(
            meta: meta, storageClassName: try spec["storageClassName"]?.string("storageClassName"), request: request,
            volumeName: try spec["volumeName"]?.string("volumeName"))
    }
}
