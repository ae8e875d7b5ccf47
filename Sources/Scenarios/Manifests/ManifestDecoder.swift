import SimCore

/// Decodes Kubernetes manifests into kubesim objects, applying the API server's defaulting and the
/// validation that would make `kubectl apply` fail. Kinds kubesim does not simulate are accepted:
/// with a note when they do not affect capacity (ConfigMap, Secret, …), with a warning when they
/// would (StatefulSet, HorizontalPodAutoscaler, …).
struct ManifestDecoder {
    /// Namespace for objects that name none (a scenario's `workloads[].namespace`, else "default").
    let defaultNamespace: String
    /// A scenario's `workloads[].startupDelay`, applied to pods that do not set their own.
    let startupDelay: SimTime?

    /// Kinds that do not change what the cluster can run.
    static let capacityNeutralKinds: Set<String> = [
        "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "NetworkPolicy",
        "Ingress", "IngressClass", "Endpoints", "EndpointSlice", "CustomResourceDefinition", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration",
        "APIService", "PodSecurityPolicy", "CSIDriver", "RuntimeClass", "Lease", "Event",
    ]

    /// Custom kinds of widely used operators, by API group, that configure what runs (scraping,
    /// certificates, routing, snapshots) but never run pods themselves. Kinds that do run pods or
    /// change requests (Prometheus, Alertmanager, VerticalPodAutoscaler, KEDA's ScaledObject, a
    /// Gateway API Gateway that provisions a proxy) are not here: they stay warnings.
    static let capacityNeutralCustomKinds: [String: Set<String>] = [
        "monitoring.coreos.com": ["ServiceMonitor", "PodMonitor", "Probe", "PrometheusRule", "AlertmanagerConfig", "ScrapeConfig"],
        "cert-manager.io": ["Certificate", "CertificateRequest", "Issuer", "ClusterIssuer"],
        "networking.istio.io": ["VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "Sidecar", "EnvoyFilter", "WorkloadEntry"],
        "security.istio.io": ["AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication"],
        "gateway.networking.k8s.io": ["GatewayClass", "HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute", "ReferenceGrant"],
        "snapshot.storage.k8s.io": ["VolumeSnapshot", "VolumeSnapshotClass", "VolumeSnapshotContent"],
    ]

    /// Whether objects of `kind` in `apiVersion` leave capacity as it is.
    static func isCapacityNeutral(kind: String, apiVersion: String) -> Bool {
        if capacityNeutralKinds.contains(kind) { return true }
        guard let slash = apiVersion.firstIndex(of: "/") else { return false }
        return capacityNeutralCustomKinds[String(apiVersion[..<slash])]?.contains(kind) ?? false
    }

    /// Decodes one YAML document (an object or a List of objects) into `set`.
    func decode(_ document: YAMLNode, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        var none = try ManifestOverrides([])
        try decode(document, into: &set, log: &log, overrides: &none)
    }

    /// Decodes one YAML document into `set`, each object with the `--set manifests[…]` overrides
    /// that name it applied first.
    func decode(
        _ document: YAMLNode, into set: inout ManifestSet, log: inout DiagnosticLog, overrides: inout ManifestOverrides
    ) throws(Diagnostic) {
        var fields = try Fields(document, "manifest")
        guard let kindNode = fields["kind"] else {
            throw .error(at: document.location, "manifest has no \"kind\"", hint: "every Kubernetes object names its kind, e.g. kind: Deployment")
        }
        let kind = try kindNode.string("kind")
        let apiVersion = try fields["apiVersion"]?.string("apiVersion") ?? ""
        if kind == "List" || (kind.hasSuffix("List") && fields["items"] != nil) {
            for item in try fields["items"]?.items("items") ?? [] { try decode(item, into: &set, log: &log, overrides: &overrides) }
            return
        }
        if !overrides.isEmpty {
            fields = try Fields(try overrides.apply(to: document, object: identity(kind: kind, fields)), "manifest")
        }
        log.subject = subject(kind: kind, fields)
        defer { log.subject = nil }
        switch kind {
        case "Pod":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodePod(fields, into: &set, log: &log)
        case "Node":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodeNode(fields, into: &set, log: &log)
        case "Namespace":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodeNamespace(fields, into: &set, log: &log)
        case "Deployment":
            try requireVersion(apiVersion, "apps/v1", kind, at: kindNode.location)
            try decodeDeployment(fields, into: &set, log: &log)
        case "ReplicaSet":
            try requireVersion(apiVersion, "apps/v1", kind, at: kindNode.location)
            try decodeReplicaSet(fields, into: &set, log: &log)
        case "Service":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodeService(fields, into: &set, log: &log)
        case "PriorityClass":
            try requireVersion(apiVersion, "scheduling.k8s.io/v1", kind, at: kindNode.location)
            try decodePriorityClass(fields, into: &set, log: &log)
        case "HorizontalPodAutoscaler":
            guard apiVersion == "autoscaling/v2" || apiVersion == "autoscaling/v1" else {
                throw .error(
                    at: kindNode.location,
                    "HorizontalPodAutoscaler must use apiVersion autoscaling/v2 or autoscaling/v1, not \(Diagnostic.quote(apiVersion))",
                    hint: "autoscaling/v2beta2 was removed in Kubernetes v1.26; the fields are the same in autoscaling/v2")
            }
            try decodeAutoscaler(fields, apiVersion: apiVersion, into: &set, log: &log)
        case "PodDisruptionBudget":
            try requireVersion(apiVersion, "policy/v1", kind, at: kindNode.location)
            try decodeDisruptionBudget(fields, into: &set, log: &log)
        case "DaemonSet":
            try requireVersion(apiVersion, "apps/v1", kind, at: kindNode.location)
            try decodeDaemonSet(fields, into: &set, log: &log)
        case "StatefulSet":
            try requireVersion(apiVersion, "apps/v1", kind, at: kindNode.location)
            try decodeStatefulSet(fields, into: &set, log: &log)
        case "Job":
            try requireVersion(apiVersion, "batch/v1", kind, at: kindNode.location)
            try decodeJob(fields, into: &set, log: &log)
        case "CronJob":
            try requireVersion(apiVersion, "batch/v1", kind, at: kindNode.location)
            try decodeCronJob(fields, into: &set, log: &log)
        case "ResourceQuota":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodeResourceQuota(fields, into: &set, log: &log)
        case "LimitRange":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodeLimitRange(fields, into: &set, log: &log)
        case "StorageClass":
            try requireVersion(apiVersion, "storage.k8s.io/v1", kind, at: kindNode.location)
            try decodeStorageClass(fields, into: &set, log: &log)
        case "PersistentVolume":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodePersistentVolume(fields, into: &set, log: &log)
        case "PersistentVolumeClaim":
            try requireVersion(apiVersion, "v1", kind, at: kindNode.location)
            try decodePersistentVolumeClaim(fields, into: &set, log: &log)
        default:
            let name = log.subject.map { " " + Diagnostic.clip($0.name) } ?? ""
            if Self.isCapacityNeutral(kind: kind, apiVersion: apiVersion) {
                log.ignore(
                    at: kindNode.location, "\(kind)\(name) does not affect capacity; ignored", reason: "does not affect capacity",
                    affectsCapacity: false)
            } else {
                let leftOut = capacityLeftOut(fields).map { ": it would run \($0)" } ?? ""
                log.ignore(
                    at: kindNode.location,
                    "\(Diagnostic.clip(kind))\(name) (\(Diagnostic.clip(apiVersion))) is not simulated by this version of kubesim; ignored\(leftOut)",
                    reason: "not simulated" + (leftOut.isEmpty ? "" : "; would run \(capacityLeftOut(fields) ?? "")"))
            }
        }
    }

    /// The capacity an object of a kind kubesim does not simulate would take: "4 pods requesting
    /// cpu 500m, memory 1Gi each". Read from a pod template, as workload kinds hold one
    /// (`spec.template`, with `spec.replicas`), or else from `spec.resources` with `spec.replicas`,
    /// which operators read for the pods they create (prometheus-operator's Prometheus and
    /// Alertmanager, for example). Nil when the object holds neither.
    private func capacityLeftOut(_ fields: Fields) -> String? {
        guard let specNode = fields["spec"], let spec = try? Fields(specNode, "spec") else { return nil }
        let containers: [ContainerResources], initContainers: [ContainerResources], overhead: ResourceList
        var scratch = DiagnosticLog()
        if let templateNode = spec["template"] {
            guard let template = try? podTemplate(templateNode, owner: "template", log: &scratch) else { return nil }
            (containers, initContainers, overhead) = (
                template.spec.containers.map(\.resources), template.spec.initContainers.map(\.resources), template.spec.overhead
            )
        } else if let resourcesNode = spec["resources"], let resources = try? Fields(resourcesNode, "resources"),
            resources["requests"] != nil || resources["limits"] != nil
        {
            guard
                var requests = try? resources["requests"].map({ node throws(Diagnostic) in try resourceList(node, field: "requests") })
                    ?? ResourceList(),
                let limits = try? resources["limits"].map({ node throws(Diagnostic) in try resourceList(node, field: "limits") }) ?? ResourceList()
            else { return nil }
            // As for a container: a resource with a limit and no request requests its limit.
            for limit in limits.entries where requests[limit.name] == nil { requests[limit.name] = limit.amount }
            (containers, initContainers, overhead) = ([ContainerResources(requests: requests)], [], ResourceList())
        } else {
            return nil
        }
        let replicas = (try? spec["replicas"]?.int("replicas")) ?? 1
        let requests = PodResources.effectiveRequests(containers: containers, initContainers: initContainers, overhead: overhead)
        var parts: [String] = []
        if requests.cpu > 0 { parts.append("cpu " + QuantityText.format(requests.cpu, resource: ResourceName.cpu)) }
        if requests.memory > 0 { parts.append("memory " + QuantityText.format(requests.memory, resource: ResourceName.memory)) }
        for scalar in requests.scalars { parts.append(scalar.name + " " + QuantityText.format(scalar.amount, resource: scalar.name)) }
        let pods = "\(replicas) pod\(replicas == 1 ? "" : "s")"
        return parts.isEmpty ? pods + " with no requests" : pods + " requesting " + parts.joined(separator: ", ") + (replicas == 1 ? "" : " each")
    }

    /// Kinds whose objects have no namespace.
    static let clusterScopedKinds: Set<String> = [
        "Node", "Namespace", "PriorityClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
        "PersistentVolume", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "PodSecurityPolicy",
        "CSIDriver", "RuntimeClass", "IngressClass",
    ]

    /// The object a document defines, as far as its metadata can be read, for attributing what
    /// kubesim leaves out of it.
    private func subject(kind: String, _ fields: Fields) -> (kind: String, namespace: String, name: String) {
        let object = identity(kind: kind, fields)
        return (Diagnostic.clip(object.kind), Diagnostic.clip(object.namespace), Diagnostic.clip(object.name))
    }

    /// The object's kind, namespace ("" for a cluster-scoped kind) and name, as written.
    private func identity(kind: String, _ fields: Fields) -> (kind: String, namespace: String, name: String) {
        var name = "", namespace = defaultNamespace
        if let node = fields["metadata"], let metadata = try? Fields(node, "metadata") {
            if let text = try? metadata["name"]?.string("name") { name = text }
            if let text = try? metadata["namespace"]?.string("namespace") { namespace = text }
        }
        return (kind, Self.clusterScopedKinds.contains(kind) ? "" : namespace, name)
    }

    /// A whole number of seconds, within ±`Limits.maxTimeSeconds` (about 285 years) so that it
    /// can be added to the clock as milliseconds.
    static func seconds(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> Int64 {
        let value = try node.int(field)
        guard Double(value.magnitude) <= Limits.maxTimeSeconds else {
            throw .error(at: node.location, "\"\(field)\" is \(value); kubesim takes at most \(Limits.maxTimeSecondsText)")
        }
        return value
    }

    private func requireVersion(_ apiVersion: String, _ expected: String, _ kind: String, at location: SourceLocation) throws(Diagnostic) {
        guard apiVersion == expected else {
            throw .error(
                at: location, "\(kind) must use apiVersion \(expected), not \(Diagnostic.quote(apiVersion))",
                hint: "Kubernetes v1.32 serves \(kind) only as \(expected)")
        }
    }

    // MARK: Kinds

    private func decodePod(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        var meta = try objectMeta(fields, kind: "Pod", log: &log)
        let specNode = try fields.required("spec")
        let spec = try podSpec(specNode, context: "Pod \(meta.name)", log: &log)
        try set.define("Pod", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        let delay = try duration(Self.startupDelayAnnotation, in: meta.annotations, at: fields.node.location)
        let warmup = try duration(Self.warmupAnnotation, in: meta.annotations, at: fields.node.location)
        let runDuration = try duration(Self.runDurationAnnotation, in: meta.annotations, at: fields.node.location)
        for annotation in [Self.startupDelayAnnotation, Self.warmupAnnotation, Self.runDurationAnnotation] { meta.annotations[annotation] = nil }
        var pod = PodManifest(meta: meta, spec: spec, startupDelay: delay ?? startupDelay, warmup: warmup ?? 0)
        pod.runDuration = runDuration.map(RunDuration.fixed)
        set.pods.append(pod)
    }

    private func decodeNode(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "Node", namespaced: false, log: &log)
        var taints: [Taint] = []
        var unschedulable = false
        if let specNode = fields["spec"] {
            let spec = try Fields(specNode, "Node spec")
            spec.warnUnknown(KubernetesFields.nodeSpec, log: &log)
            unschedulable = try spec["unschedulable"]?.bool("unschedulable") ?? false
            for item in try spec["taints"]?.items("taints") ?? [] { taints.append(try taint(item, log: &log)) }
        }
        let statusNode = try fields.required(
            "status", hint: "kubesim needs status.capacity (and optionally status.allocatable) to know the node's size")
        let status = try Fields(statusNode, "Node status")
        status.warnUnknown(KubernetesFields.nodeStatus, log: &log)
        let capacity = Resources(try resourceList(try status.required("capacity"), field: "capacity"))
        var allocatable = capacity
        if let node = status["allocatable"] {
            allocatable = Resources(try resourceList(node, field: "allocatable"))
            if let name = allocatable.firstExceeding(capacity) {
                throw .error(
                    at: node.location, "Node \(meta.name) has more allocatable \(name) than capacity",
                    hint: "allocatable is capacity minus what the system reserves; it cannot exceed status.capacity")
            }
        }
        var labels = meta.labels
        labels[NodeLabel.hostname] = labels[NodeLabel.hostname] ?? meta.name
        try set.define("Node", namespace: nil, name: meta.name, at: fields.node.location)
        set.nodes.append(
            NodeSpec(name: meta.name, labels: labels, taints: taints, capacity: capacity, allocatable: allocatable, unschedulable: unschedulable))
    }

    private func decodeNamespace(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        let meta = try objectMeta(fields, kind: "Namespace", namespaced: false, log: &log)
        try set.define("Namespace", namespace: nil, name: meta.name, at: fields.node.location)
        set.namespaces.append(NamespaceSpec(name: meta.name, labels: meta.labels))
    }

    private func decodeService(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "Service", log: &log)
        var selector = Labels()
        if let specNode = fields["spec"] {
            let spec = try Fields(specNode, "Service \(meta.name) spec")
            spec.warnUnknown(KubernetesFields.serviceSpec, log: &log)
            selector = try spec["selector"]?.stringMap("selector") ?? Labels()
        }
        try set.define("Service", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.services.append(ServiceSpec(meta: meta, selector: selector))
    }

    private func decodePriorityClass(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.priorityClass, log: &log)
        let meta = try objectMeta(fields, kind: "PriorityClass", namespaced: false, log: &log)
        let valueNode = try fields.required("value")
        let value = try valueNode.int("value")
        guard let priority = Int32(exactly: value), priority <= 1_000_000_000 else {
            throw .error(at: valueNode.location, "PriorityClass value must be at most 1000000000 (higher values are reserved for system classes)")
        }
        var policy = PreemptionPolicy.preemptLowerPriority
        if let policyNode = fields["preemptionPolicy"] { policy = try preemptionPolicy(policyNode) }
        let globalDefault = try fields["globalDefault"]?.bool("globalDefault") ?? false
        if globalDefault, let other = set.priorityClasses.first(where: \.globalDefault) {
            throw .error(at: fields.node.location, "PriorityClass \(meta.name) is a second globalDefault (\(other.name) is one already)")
        }
        try set.define("PriorityClass", namespace: nil, name: meta.name, at: fields.node.location)
        set.priorityClasses.append(PriorityClassSpec(name: meta.name, value: priority, globalDefault: globalDefault, preemptionPolicy: policy))
    }

    private func decodeDisruptionBudget(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "PodDisruptionBudget", log: &log)
        let spec = try Fields(try fields.required("spec"), "PodDisruptionBudget \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.disruptionBudgetSpec, log: &log)
        let minAvailable = try spec["minAvailable"].map { node throws(Diagnostic) -> IntOrPercent in try intOrPercent(node, "minAvailable") }
        let maxUnavailable = try spec["maxUnavailable"].map { node throws(Diagnostic) -> IntOrPercent in try intOrPercent(node, "maxUnavailable") }
        if minAvailable != nil && maxUnavailable != nil {
            throw .error(at: spec.node.location, "minAvailable and maxUnavailable cannot be both set")
        }
        var selector = LabelSelector()
        if let selectorNode = spec["selector"] { selector = try labelSelector(selectorNode, log: &log) }
        try set.define("PodDisruptionBudget", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.disruptionBudgets.append(
            PodDisruptionBudgetSpec(meta: meta, selector: selector, minAvailable: minAvailable, maxUnavailable: maxUnavailable))
    }

    private func preemptionPolicy(_ node: YAMLNode) throws(Diagnostic) -> PreemptionPolicy {
        let text = try node.string("preemptionPolicy")
        guard let policy = PreemptionPolicy(rawValue: text) else {
            throw .error(at: node.location, "unknown preemptionPolicy \(Diagnostic.quote(text))", hint: "expected PreemptLowerPriority or Never")
        }
        return policy
    }

    /// The parts every pod controller has: metadata, its spec's fields, selector and template.
    func controllerParts(_ fields: Fields, kind: String, specFields: [String], log: inout DiagnosticLog)
        throws(Diagnostic) -> (meta: ObjectMeta, spec: Fields, selector: LabelSelector, template: PodTemplate)
    {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: kind, log: &log)
        let spec = try Fields(try fields.required("spec"), "\(kind) \(meta.name) spec")
        spec.warnUnknown(specFields, log: &log)
        let (selector, template) = try selectorAndTemplate(spec, owner: "\(kind) \(meta.name)", log: &log)
        return (meta, spec, selector, template)
    }

    private func decodeDeployment(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        let (meta, spec, selector, template) = try controllerParts(fields, kind: "Deployment", specFields: KubernetesFields.deploymentSpec, log: &log)
        var strategy = DeploymentStrategy.default
        if let strategyNode = spec["strategy"] {
            let strategyFields = try Fields(strategyNode, "strategy")
            strategyFields.warnUnknown(KubernetesFields.strategy, log: &log)
            switch try strategyFields["type"]?.string("type") ?? "RollingUpdate" {
            case "Recreate":
                if let rolling = strategyFields["rollingUpdate"] {
                    throw .error(at: rolling.location, "rollingUpdate may not be set when strategy type is Recreate")
                }
                strategy = .recreate
            case "RollingUpdate":
                var rolling: Fields?
                if let node = strategyFields["rollingUpdate"] { rolling = try Fields(node, "rollingUpdate") }
                rolling?.warnUnknown(KubernetesFields.rollingUpdate, log: &log)
                var surge = IntOrPercent.percent(25), unavailable = IntOrPercent.percent(25)
                if let node = rolling?["maxSurge"] { surge = try intOrPercent(node, "maxSurge") }
                if let node = rolling?["maxUnavailable"] { unavailable = try intOrPercent(node, "maxUnavailable") }
                if Self.isZero(surge) && Self.isZero(unavailable) {
                    throw .error(
                        at: rolling?.node.location ?? strategyNode.location, "maxSurge and maxUnavailable may not both be zero",
                        hint: "the rollout could never make progress; allow at least one surge or one unavailable pod")
                }
                strategy = .rollingUpdate(maxSurge: surge, maxUnavailable: unavailable)
            case let other:
                throw .error(
                    at: strategyFields["type"]?.location ?? strategyNode.location,
                    "unknown strategy type \(Diagnostic.quote(other))", hint: "expected RollingUpdate or Recreate")
            }
        }
        let deployment = DeploymentSpec(
            meta: meta, replicas: try replicas(spec), selector: selector, template: template, strategy: strategy,
            minReadySeconds: try nonNegativeInt32(spec["minReadySeconds"], "minReadySeconds") ?? 0,
            revisionHistoryLimit: try nonNegativeInt32(spec["revisionHistoryLimit"], "revisionHistoryLimit") ?? 10,
            progressDeadlineSeconds: try nonNegativeInt32(spec["progressDeadlineSeconds"], "progressDeadlineSeconds") ?? 600,
            paused: try spec["paused"]?.bool("paused") ?? false)
        try set.define("Deployment", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.deployments.append(deployment)
        set.deploymentDocuments["\(meta.namespace)/\(meta.name)"] = (fields.node, self)
    }

    private func decodeReplicaSet(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        let (meta, spec, selector, template) = try controllerParts(fields, kind: "ReplicaSet", specFields: KubernetesFields.replicaSetSpec, log: &log)
        try set.define("ReplicaSet", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.replicaSets.append(
            ReplicaSetSpec(
                meta: meta, replicas: try replicas(spec), selector: selector, template: template,
                minReadySeconds: try nonNegativeInt32(spec["minReadySeconds"], "minReadySeconds") ?? 0))
    }

    // MARK: Shared parts

    static func isZero(_ value: IntOrPercent) -> Bool {
        switch value {
        case .int(let number), .percent(let number): return number == 0
        }
    }

    func replicas(_ spec: Fields) throws(Diagnostic) -> Int32 {
        try nonNegativeInt32(spec["replicas"], "replicas") ?? 1
    }

    func nonNegativeInt32(_ node: YAMLNode?, _ field: String) throws(Diagnostic) -> Int32? {
        guard let node else { return nil }
        let value = try node.int(field)
        guard value >= 0, value <= Int64(Int32.max) else {
            throw .error(at: node.location, "\"\(field)\" must be between 0 and \(Int32.max), not \(value)")
        }
        return Int32(value)
    }

    /// `intstr.IntOrString`: a plain integer, or a string "25%".
    func intOrPercent(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> IntOrPercent {
        let text = try node.string(field)
        if text.hasSuffix("%"), let percent = Int32(text.dropLast()), percent >= 0 { return .percent(percent) }
        if case .scalar(_, .plain) = node.content, let value = Int32(text), value >= 0 { return .int(value) }
        throw .error(at: node.location, "\"\(field)\" must be a non-negative integer or a percentage like \"25%\", not \(node.kindDescription)")
    }

    /// `metadata`: name (or generateName for pods), namespace, labels, annotations.
    func objectMeta(_ fields: Fields, kind: String, namespaced: Bool = true, log: inout DiagnosticLog) throws(Diagnostic) -> ObjectMeta {
        let node = try fields.required("metadata")
        let metadata = try Fields(node, "\(kind) metadata")
        metadata.warnUnknown(KubernetesFields.metadata, log: &log)
        guard let nameNode = metadata["name"], let name = try nameNode.string("name") as String?, !name.isEmpty else {
            throw .error(at: node.location, "\(kind) has no metadata.name", hint: "kubesim needs a name for every object it simulates")
        }
        guard ObjectNames.isSubdomain(name) else {
            throw .error(
                at: nameNode.location, "\(kind) name \(Diagnostic.quote(name)) is not a valid Kubernetes name",
                hint: "the API server takes \(ObjectNames.subdomainRule)")
        }
        let namespace =
            namespaced ? try metadata["namespace"].map { node throws(Diagnostic) in try ObjectNames.namespace(node) } ?? defaultNamespace : ""
        return ObjectMeta(
            name: name, namespace: namespace, labels: try metadata["labels"]?.stringMap("labels") ?? Labels(),
            annotations: try metadata["annotations"]?.stringMap("annotations") ?? Labels())
    }

    /// The selector and pod template of a Deployment or ReplicaSet, checked as the API server
    /// does: the selector must not be empty and must select the template's labels.
    private func selectorAndTemplate(_ spec: Fields, owner: String, log: inout DiagnosticLog) throws(Diagnostic) -> (LabelSelector, PodTemplate) {
        let selectorNode = try spec.required("selector")
        let selector = try labelSelector(selectorNode, log: &log)
        guard !selector.isEmpty else { throw .error(at: selectorNode.location, "\(owner) has an empty selector") }
        let templateNode = try spec.required("template")
        let template = try podTemplate(templateNode, owner: owner, log: &log)
        guard selector.matches(template.labels) else {
            throw .error(
                at: selectorNode.location, "\(owner): selector does not match template labels",
                hint: "every label in spec.selector must appear in spec.template.metadata.labels")
        }
        return (selector, template)
    }

    /// kubesim's annotation for the time from binding to running containers (image pull, start).
    static let startupDelayAnnotation = "kubesim.io/startup-delay"
    /// kubesim's annotation for the time from running containers to the application answering
    /// its probes.
    static let warmupAnnotation = "kubesim.io/warmup"
    /// kubesim's annotation for how long a pod's containers run before they exit (a Job's work).
    static let runDurationAnnotation = "kubesim.io/run-duration"
    /// kubesim's annotation for the chance that a run ends in failure.
    static let failureProbabilityAnnotation = "kubesim.io/failure-probability"

    /// A Go duration written in the annotation `name`, if present.
    func duration(_ name: String, in annotations: Labels, at location: SourceLocation) throws(Diagnostic) -> SimTime? {
        guard let text = annotations[name] else { return nil }
        do {
            return try GoDuration.milliseconds(text)
        } catch {
            throw .error(at: location, "annotation \(name): \(error)")
        }
    }

    func podTemplate(_ node: YAMLNode, owner: String, log: inout DiagnosticLog) throws(Diagnostic) -> PodTemplate {
        let fields = try Fields(node, "\(owner) template")
        fields.warnUnknown(KubernetesFields.podTemplate, log: &log)
        var labels = Labels(), annotations = Labels()
        if let metadataNode = fields["metadata"] {
            let metadata = try Fields(metadataNode, "template metadata")
            metadata.warnUnknown(KubernetesFields.metadata, log: &log)
            labels = try metadata["labels"]?.stringMap("labels") ?? Labels()
            annotations = try metadata["annotations"]?.stringMap("annotations") ?? Labels()
        }
        let spec = try podSpec(try fields.required("spec"), context: owner, log: &log)
        let delay = try duration(Self.startupDelayAnnotation, in: annotations, at: node.location)
        let warmup = try duration(Self.warmupAnnotation, in: annotations, at: node.location)
        let runDuration = try duration(Self.runDurationAnnotation, in: annotations, at: node.location)
        var failureProbability = 0.0
        if let text = annotations[Self.failureProbabilityAnnotation] {
            guard let value = Double(text), value >= 0, value <= 1 else {
                throw .error(
                    at: node.location, "annotation \(Self.failureProbabilityAnnotation) must be a number from 0 to 1, not \(Diagnostic.quote(text))")
            }
            failureProbability = value
        }
        for annotation in [Self.startupDelayAnnotation, Self.warmupAnnotation, Self.runDurationAnnotation, Self.failureProbabilityAnnotation] {
            annotations[annotation] = nil
        }
        var template = PodTemplate(labels: labels, annotations: annotations, spec: spec, startupDelay: delay ?? startupDelay, warmup: warmup ?? 0)
        template.runDuration = runDuration.map(RunDuration.fixed)
        template.failureProbability = failureProbability
        return template
    }

    private func podSpec(_ node: YAMLNode, context: String, log: inout DiagnosticLog) throws(Diagnostic) -> PodSpec {
        let fields = try Fields(node, "\(context) pod spec")
        fields.warnUnknown(KubernetesFields.podSpec, log: &log)
        let containerNodes = try fields.required("containers").items("containers")
        guard !containerNodes.isEmpty else { throw .error(at: node.location, "\(context) has no containers") }
        var containers: [Container] = []
        for item in containerNodes { containers.append(try container(item, sidecarAllowed: false, log: &log)) }
        var initContainers: [Container] = []
        for item in try fields["initContainers"]?.items("initContainers") ?? [] {
            initContainers.append(try container(item, sidecarAllowed: true, log: &log))
        }
        var names: [String: SourceLocation] = [:]
        for (container, item) in zip(containers + initContainers, containerNodes + (try fields["initContainers"]?.items("initContainers") ?? [])) {
            if let first = names[container.name] {
                throw .error(at: item.location, "container name \(Diagnostic.quote(container.name)) is used twice (first at \(first))")
            }
            names[container.name] = item.location
        }
        var tolerations: [Toleration] = []
        for item in try fields["tolerations"]?.items("tolerations") ?? [] { tolerations.append(try toleration(item, log: &log)) }
        var nodeAffinity: NodeAffinity?
        var podAffinity: PodAffinityRules?, podAntiAffinity: PodAffinityRules?
        if let affinityNode = fields["affinity"] {
            let affinity = try Fields(affinityNode, "affinity")
            affinity.warnUnknown(KubernetesFields.affinity, log: &log)
            if let node = affinity["nodeAffinity"] { nodeAffinity = try self.nodeAffinity(node, log: &log) }
            if let node = affinity["podAffinity"] { podAffinity = try podAffinityRules(node, kind: "podAffinity", log: &log) }
            if let node = affinity["podAntiAffinity"] { podAntiAffinity = try podAffinityRules(node, kind: "podAntiAffinity", log: &log) }
        }
        var spread: [TopologySpreadConstraint] = []
        for item in try fields["topologySpreadConstraints"]?.items("topologySpreadConstraints") ?? [] {
            spread.append(try spreadConstraint(item, log: &log))
        }
        var gates: [String] = []
        for item in try fields["schedulingGates"]?.items("schedulingGates") ?? [] {
            let gate = try Fields(item, "scheduling gate")
            gate.warnUnknown(KubernetesFields.schedulingGate, log: &log)
            gates.append(try gate.required("name").string("name"))
        }
        var preemption: PreemptionPolicy?
        if let policyNode = fields["preemptionPolicy"] { preemption = try preemptionPolicy(policyNode) }
        let priority = try fields["priority"].map { node throws(Diagnostic) -> Int32 in
            let value = try node.int("priority")
            guard let priority = Int32(exactly: value) else { throw .error(at: node.location, "\"priority\" must fit in 32 bits") }
            return priority
        }
        let grace = try fields["terminationGracePeriodSeconds"].map { node throws(Diagnostic) -> Int64 in
            let value = try Self.seconds(node, "terminationGracePeriodSeconds")
            guard value >= 0 else { throw .error(at: node.location, "\"terminationGracePeriodSeconds\" must not be negative") }
            return value
        }
        var overhead = ResourceList()
        if let overheadNode = fields["overhead"] { overhead = try resourceList(overheadNode, field: "overhead") }
        var spec = PodSpec(
            containers: containers, initContainers: initContainers, overhead: overhead,
            nodeName: try fields["nodeName"]?.string("nodeName"),
            nodeSelector: try fields["nodeSelector"]?.stringMap("nodeSelector") ?? Labels(),
            nodeAffinity: nodeAffinity, podAffinity: podAffinity, podAntiAffinity: podAntiAffinity,
            topologySpreadConstraints: spread, tolerations: tolerations, priority: priority,
            priorityClassName: try fields["priorityClassName"]?.string("priorityClassName"), preemptionPolicy: preemption,
            schedulerName: try fields["schedulerName"]?.string("schedulerName") ?? PodSpec.defaultSchedulerName,
            schedulingGates: gates, terminationGracePeriodSeconds: grace ?? 30)
        if let node = fields["restartPolicy"] {
            let text = try node.string("restartPolicy")
            guard let policy = RestartPolicy(rawValue: text) else {
                throw .error(at: node.location, "unknown restartPolicy \(Diagnostic.quote(text))", hint: "expected Always, OnFailure or Never")
            }
            spec.restartPolicy = policy
        }
        spec.hostNetwork = try fields["hostNetwork"]?.bool("hostNetwork") ?? false
        for item in try fields["volumes"]?.items("volumes") ?? [] {
            guard let claimNode = try Fields(item, "volume")["persistentVolumeClaim"] else { continue }
            spec.persistentVolumeClaims.append(try Fields(claimNode, "persistentVolumeClaim").required("claimName").string("claimName"))
        }
        return spec
    }

    private func container(_ node: YAMLNode, sidecarAllowed: Bool, log: inout DiagnosticLog) throws(Diagnostic) -> Container {
        let fields = try Fields(node, "container")
        let name = try fields.required("name").string("name")
        let context = "container \(Diagnostic.quote(name))"
        let named = try Fields(node, context)
        named.warnUnknown(KubernetesFields.container, log: &log)
        var isSidecar = false
        if let policy = named["restartPolicy"] {
            guard sidecarAllowed, try policy.string("restartPolicy") == "Always" else {
                throw .error(at: policy.location, "\(context): restartPolicy may only be \"Always\", on init containers (sidecars)")
            }
            isSidecar = true
        }
        var requests = ResourceList(), limits = ResourceList()
        if let resourcesNode = named["resources"] {
            let resources = try Fields(resourcesNode, "\(context) resources")
            resources.warnUnknown(KubernetesFields.resources, log: &log)
            if let node = resources["limits"] { limits = try resourceList(node, field: "limits") }
            if let node = resources["requests"] { requests = try resourceList(node, field: "requests") }
            // API defaulting: a resource with a limit and no request requests its limit.
            for limit in limits.entries where requests[limit.name] == nil { requests[limit.name] = limit.amount }
            for request in requests.entries {
                if let limit = limits[request.name], request.amount > limit {
                    throw .error(
                        at: resources["requests"]?.location ?? resourcesNode.location,
                        "\(context): \(request.name) request must be less than or equal to its limit")
                }
            }
        }
        var ports: [ContainerPort] = []
        for item in try named["ports"]?.items("ports") ?? [] {
            let port = try Fields(item, "\(context) port")
            port.warnUnknown(KubernetesFields.containerPort, log: &log)
            let number = try port.required("containerPort").int("containerPort")
            let hostPort = try port["hostPort"]?.int("hostPort") ?? 0
            guard (1...65_535).contains(number), (0...65_535).contains(hostPort) else {
                throw .error(at: item.location, "\(context): ports must be between 1 and 65535")
            }
            ports.append(
                ContainerPort(
                    containerPort: Int32(number), hostPort: Int32(hostPort), hostIP: try port["hostIP"]?.string("hostIP") ?? "",
                    protocol: try port["protocol"]?.string("protocol") ?? "TCP"))
        }
        return Container(
            name: name, image: try named["image"]?.string("image") ?? "",
            resources: ContainerResources(requests: requests, limits: limits, isSidecar: isSidecar), ports: ports,
            readinessProbe: try named["readinessProbe"].map { node throws(Diagnostic) in try probe(node, "\(context) readinessProbe", log: &log) },
            startupProbe: try named["startupProbe"].map { node throws(Diagnostic) in try probe(node, "\(context) startupProbe", log: &log) })
    }

    /// A probe's timing; what it checks (httpGet, exec, …) is not simulated: it passes once the
    /// application has warmed up. Validated as the API server does.
    private func probe(_ node: YAMLNode, _ context: String, log: inout DiagnosticLog) throws(Diagnostic) -> Probe {
        let fields = try Fields(node, context)
        fields.warnUnknown(KubernetesFields.probe, log: &log)
        let delay = try nonNegativeInt32(fields["initialDelaySeconds"], "initialDelaySeconds") ?? 0
        let period = try nonNegativeInt32(fields["periodSeconds"], "periodSeconds") ?? 10
        let threshold = try nonNegativeInt32(fields["successThreshold"], "successThreshold") ?? 1
        if period < 1, let node = fields["periodSeconds"] { throw .error(at: node.location, "\(context): periodSeconds must be at least 1") }
        if threshold < 1, let node = fields["successThreshold"] { throw .error(at: node.location, "\(context): successThreshold must be at least 1") }
        if threshold != 1, context.hasSuffix("startupProbe"), let node = fields["successThreshold"] {
            throw .error(at: node.location, "\(context): successThreshold must be 1 for a startup probe")
        }
        return Probe(initialDelaySeconds: delay, periodSeconds: period, successThreshold: threshold)
    }

    private func resourceList(_ node: YAMLNode, field: String) throws(Diagnostic) -> ResourceList {
        var list = ResourceList()
        for pair in try node.pairs(field) {
            let name = try pair.key.string(field)
            list[name] = try pair.value.quantity("\(field).\(name)", resource: name)
        }
        return list
    }

    func labelSelector(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> LabelSelector {
        let fields = try Fields(node, "selector")
        fields.warnUnknown(KubernetesFields.labelSelector, log: &log)
        var expressions: [SelectorRequirement] = []
        for item in try fields["matchExpressions"]?.items("matchExpressions") ?? [] {
            expressions.append(try requirement(item, allowed: [.in, .notIn, .exists, .doesNotExist], log: &log))
        }
        return LabelSelector(matchLabels: try fields["matchLabels"]?.stringMap("matchLabels") ?? Labels(), matchExpressions: expressions)
    }

    private func requirement(_ node: YAMLNode, allowed: [SelectorOperator], log: inout DiagnosticLog) throws(Diagnostic) -> SelectorRequirement {
        let fields = try Fields(node, "match expression")
        fields.warnUnknown(KubernetesFields.requirement, log: &log)
        let key = try fields.required("key").string("key")
        let operatorNode = try fields.required("operator")
        let text = try operatorNode.string("operator")
        guard let op = SelectorOperator(rawValue: text), allowed.contains(op) else {
            throw .error(
                at: operatorNode.location, "unknown operator \(Diagnostic.quote(text))",
                hint: "expected one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        var values: [String] = []
        for item in try fields["values"]?.items("values") ?? [] { values.append(try item.string("values")) }
        switch op {
        case .in, .notIn:
            if values.isEmpty { throw .error(at: node.location, "operator \(text) needs at least one value") }
        case .exists, .doesNotExist:
            if !values.isEmpty { throw .error(at: node.location, "operator \(text) takes no values") }
        case .gt, .lt:
            if values.count != 1 || Int64(values[0]) == nil { throw .error(at: node.location, "operator \(text) needs exactly one integer value") }
        }
        return SelectorRequirement(key: key, op: op, values: values)
    }

    private func podAffinityRules(_ node: YAMLNode, kind: String, log: inout DiagnosticLog) throws(Diagnostic) -> PodAffinityRules {
        let fields = try Fields(node, kind)
        fields.warnUnknown(KubernetesFields.podAffinity, log: &log)
        var required: [PodAffinityTerm] = []
        for item in try fields["requiredDuringSchedulingIgnoredDuringExecution"]?.items("requiredDuringSchedulingIgnoredDuringExecution") ?? [] {
            required.append(try podAffinityTerm(item, log: &log))
        }
        var preferred: [WeightedPodAffinityTerm] = []
        for item in try fields["preferredDuringSchedulingIgnoredDuringExecution"]?.items("preferredDuringSchedulingIgnoredDuringExecution") ?? [] {
            let weighted = try Fields(item, "weighted pod affinity term")
            weighted.warnUnknown(KubernetesFields.weightedPodAffinityTerm, log: &log)
            let weightNode = try weighted.required("weight")
            let weight = try weightNode.int("weight")
            guard (1...100).contains(weight) else { throw .error(at: weightNode.location, "\"weight\" must be between 1 and 100, not \(weight)") }
            preferred.append(
                WeightedPodAffinityTerm(weight: Int32(weight), term: try podAffinityTerm(try weighted.required("podAffinityTerm"), log: &log)))
        }
        return PodAffinityRules(required: required, preferred: preferred)
    }

    private func podAffinityTerm(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> PodAffinityTerm {
        let fields = try Fields(node, "pod affinity term")
        fields.warnUnknown(KubernetesFields.podAffinityTerm, log: &log)
        let topologyKey = try fields.required("topologyKey").string("topologyKey")
        guard !topologyKey.isEmpty else { throw .error(at: node.location, "topologyKey must not be empty") }
        var namespaces: [String] = []
        for item in try fields["namespaces"]?.items("namespaces") ?? [] { namespaces.append(try item.string("namespaces")) }
        for key in ["matchLabelKeys", "mismatchLabelKeys"] {
            if let value = fields[key] {
                log.ignore(
                    at: value.location, "\(key) of pod affinity terms is alpha in Kubernetes v1.32 and not simulated; ignored",
                    reason: "\(key) of pod affinity terms not simulated")
            }
        }
        var selector: LabelSelector?
        if let selectorNode = fields["labelSelector"] { selector = try labelSelector(selectorNode, log: &log) }
        var namespaceSelector: LabelSelector?
        if let selectorNode = fields["namespaceSelector"] { namespaceSelector = try labelSelector(selectorNode, log: &log) }
        return PodAffinityTerm(labelSelector: selector, namespaces: namespaces, namespaceSelector: namespaceSelector, topologyKey: topologyKey)
    }

    private func spreadConstraint(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> TopologySpreadConstraint {
        let fields = try Fields(node, "topology spread constraint")
        fields.warnUnknown(KubernetesFields.topologySpreadConstraint, log: &log)
        let skewNode = try fields.required("maxSkew")
        let maxSkew = try skewNode.int("maxSkew")
        guard maxSkew >= 1, maxSkew <= Int64(Int32.max) else { throw .error(at: skewNode.location, "\"maxSkew\" must be at least 1") }
        let whenNode = try fields.required("whenUnsatisfiable")
        let whenText = try whenNode.string("whenUnsatisfiable")
        guard let when = UnsatisfiableAction(rawValue: whenText) else {
            throw .error(
                at: whenNode.location, "unknown whenUnsatisfiable \(Diagnostic.quote(whenText))", hint: "expected DoNotSchedule or ScheduleAnyway")
        }
        var minDomains: Int32?
        if let domainsNode = fields["minDomains"] {
            let value = try domainsNode.int("minDomains")
            guard value >= 1, when == .doNotSchedule, let domains = Int32(exactly: value) else {
                throw .error(at: domainsNode.location, "minDomains must be at least 1 and needs whenUnsatisfiable: DoNotSchedule")
            }
            minDomains = domains
        }
        func policy(_ key: String) throws(Diagnostic) -> NodeInclusionPolicy? {
            guard let policyNode = fields[key] else { return nil }
            let text = try policyNode.string(key)
            guard let policy = NodeInclusionPolicy(rawValue: text) else {
                throw .error(at: policyNode.location, "unknown \(key) \(Diagnostic.quote(text))", hint: "expected Honor or Ignore")
            }
            return policy
        }
        var matchLabelKeys: [String] = []
        for item in try fields["matchLabelKeys"]?.items("matchLabelKeys") ?? [] { matchLabelKeys.append(try item.string("matchLabelKeys")) }
        var selector: LabelSelector?
        if let selectorNode = fields["labelSelector"] { selector = try labelSelector(selectorNode, log: &log) }
        return TopologySpreadConstraint(
            maxSkew: Int32(maxSkew), topologyKey: try fields.required("topologyKey").string("topologyKey"),
            whenUnsatisfiable: when, labelSelector: selector, matchLabelKeys: matchLabelKeys, minDomains: minDomains,
            nodeAffinityPolicy: try policy("nodeAffinityPolicy"), nodeTaintsPolicy: try policy("nodeTaintsPolicy"))
    }

    func nodeSelectorTerm(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> NodeSelectorTerm {
        let fields = try Fields(node, "node selector term")
        fields.warnUnknown(KubernetesFields.nodeSelectorTerm, log: &log)
        let all: [SelectorOperator] = [.in, .notIn, .exists, .doesNotExist, .gt, .lt]
        var expressions: [SelectorRequirement] = [], matchFields: [SelectorRequirement] = []
        for item in try fields["matchExpressions"]?.items("matchExpressions") ?? [] {
            expressions.append(try requirement(item, allowed: all, log: &log))
        }
        for item in try fields["matchFields"]?.items("matchFields") ?? [] { matchFields.append(try requirement(item, allowed: all, log: &log)) }
        return NodeSelectorTerm(matchExpressions: expressions, matchFields: matchFields)
    }

    func nodeAffinity(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> NodeAffinity {
        let fields = try Fields(node, "nodeAffinity")
        fields.warnUnknown(KubernetesFields.nodeAffinity, log: &log)
        var required: [NodeSelectorTerm]?
        if let requiredNode = fields["requiredDuringSchedulingIgnoredDuringExecution"] {
            let selector = try Fields(requiredNode, "required node affinity")
            selector.warnUnknown(KubernetesFields.nodeSelector, log: &log)
            var terms: [NodeSelectorTerm] = []
            for item in try selector.required("nodeSelectorTerms").items("nodeSelectorTerms") { terms.append(try nodeSelectorTerm(item, log: &log)) }
            required = terms
        }
        var preferred: [PreferredSchedulingTerm] = []
        for item in try fields["preferredDuringSchedulingIgnoredDuringExecution"]?.items("preferredDuringSchedulingIgnoredDuringExecution") ?? [] {
            let term = try Fields(item, "preferred scheduling term")
            term.warnUnknown(KubernetesFields.preferredTerm, log: &log)
            let weightNode = try term.required("weight")
            let weight = try weightNode.int("weight")
            guard (1...100).contains(weight) else { throw .error(at: weightNode.location, "\"weight\" must be between 1 and 100, not \(weight)") }
            preferred.append(
                PreferredSchedulingTerm(weight: Int32(weight), preference: try nodeSelectorTerm(try term.required("preference"), log: &log)))
        }
        return NodeAffinity(required: required, preferred: preferred)
    }

    private func toleration(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> Toleration {
        let fields = try Fields(node, "toleration")
        fields.warnUnknown(KubernetesFields.toleration, log: &log)
        let key = try fields["key"]?.string("key") ?? ""
        let opText = try fields["operator"]?.string("operator") ?? "Equal"
        guard let op = TolerationOperator(rawValue: opText) else {
            throw .error(
                at: fields["operator"]?.location ?? node.location, "unknown toleration operator \(Diagnostic.quote(opText))",
                hint: "expected Equal or Exists")
        }
        let value = try fields["value"]?.string("value") ?? ""
        if op == .exists && !value.isEmpty {
            throw .error(at: fields["value"]?.location ?? node.location, "a toleration with operator Exists must not have a value")
        }
        if key.isEmpty && op != .exists {
            throw .error(at: node.location, "a toleration without a key must use operator Exists")
        }
        let effect = try fields["effect"].map { effectNode throws(Diagnostic) -> TaintEffect in try taintEffect(effectNode) }
        // Negative is allowed, and means 0 (upstream's getMinTolerationTime).
        let seconds = try fields["tolerationSeconds"].map { node throws(Diagnostic) in try Self.seconds(node, "tolerationSeconds") }
        return Toleration(key: key, op: op, value: value, effect: effect, tolerationSeconds: seconds)
    }

    func taint(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> Taint {
        let fields = try Fields(node, "taint")
        fields.warnUnknown(KubernetesFields.taint, log: &log)
        return Taint(
            key: try fields.required("key").string("key"), value: try fields["value"]?.string("value") ?? "",
            effect: try taintEffect(try fields.required("effect")))
    }

    private func taintEffect(_ node: YAMLNode) throws(Diagnostic) -> TaintEffect {
        let text = try node.string("effect")
        guard let effect = TaintEffect(rawValue: text) else {
            throw .error(
                at: node.location, "unknown taint effect \(Diagnostic.quote(text))",
                hint: Suggestions.hint(for: text, in: TaintEffect.allCases.map(\.rawValue)) ?? "expected NoSchedule, PreferNoSchedule or NoExecute")
        }
        return effect
    }
}

extension Fields {
    /// Warns about keys that are not fields of the Kubernetes object at all, suggesting the
    /// closest real one; Kubernetes fields kubesim does not model pass silently.
    func warnUnknown(_ valid: [String], log: inout DiagnosticLog) {
        for key in keys where !valid.contains(key.name) {
            log.ignore(
                at: key.location, "unknown field \(Diagnostic.quote(key.name)) in \(context) is ignored",
                reason: "unknown field \(Diagnostic.quote(key.name)) in \(context)", hint: Suggestions.hint(for: key.name, in: valid))
        }
    }
}
