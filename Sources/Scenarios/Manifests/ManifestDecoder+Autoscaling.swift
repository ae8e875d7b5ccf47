import SimCore

/// `autoscaling/v2` and `autoscaling/v1` HorizontalPodAutoscalers, with the API server's defaults
/// (minReplicas 1, CPU at 80 % when no metric is given, behavior rules filled field by field) and
/// its validation.
extension ManifestDecoder {
    func decodeAutoscaler(_ fields: Fields, apiVersion: String, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "HorizontalPodAutoscaler", log: &log)
        let context = "HorizontalPodAutoscaler \(meta.name)"
        let spec = try Fields(try fields.required("spec"), "\(context) spec")
        let isV1 = apiVersion == "autoscaling/v1"
        spec.warnUnknown(isV1 ? KubernetesFields.hpaSpecV1 : KubernetesFields.hpaSpec, log: &log)
        let reference = try Fields(
            try spec.required("scaleTargetRef", hint: "for example scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}"),
            "scaleTargetRef")
        reference.warnUnknown(KubernetesFields.objectReference, log: &log)
        let kindNode = try reference.required("kind")
        let kindName = try kindNode.string("kind")
        guard let kind = WorkloadKind(name: kindName), kind.isScalable else {
            throw .error(
                at: kindNode.location, "\(context) scales a \(kindName); kubesim's HPA scales Deployments and ReplicaSets",
                hint: Suggestions.hint(for: kindName, in: WorkloadKind.scalableNames))
        }
        let targetName = try reference.required("name").string("name")
        let minReplicas = try nonNegativeInt32(spec["minReplicas"], "minReplicas") ?? 1
        if minReplicas < 1, let node = spec["minReplicas"] {
            throw .error(
                at: node.location, "\(context): minReplicas must be greater than or equal to 1",
                hint: "scaling to zero needs the HPAScaleToZero feature gate, which is off in Kubernetes v1.32")
        }
        let maxNode = try spec.required("maxReplicas")
        let maxReplicas = try nonNegativeInt32(maxNode, "maxReplicas") ?? 0
        guard maxReplicas >= 1, maxReplicas >= minReplicas else {
            throw .error(at: maxNode.location, "\(context): maxReplicas must be at least 1 and at least minReplicas (\(minReplicas))")
        }
        var metrics: [HPAMetric] = []
        if isV1 {
            if let node = spec["targetCPUUtilizationPercentage"] {
                metrics = [.resource(name: ResourceName.cpu, target: .utilization(try positiveInt32(node, "targetCPUUtilizationPercentage")))]
            }
        } else {
            for item in try spec["metrics"]?.items("metrics") ?? [] { metrics.append(try metric(item, context: context, log: &log)) }
        }
        let behavior = try spec["behavior"].map { node throws(Diagnostic) -> HPABehavior in try self.behavior(node, log: &log) }
        try set.define("HorizontalPodAutoscaler", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.autoscalers.append(
            HorizontalPodAutoscalerSpec(
                meta: meta, targetKind: kind, targetName: targetName, minReplicas: minReplicas,
                maxReplicas: maxReplicas, metrics: metrics.isEmpty ? [HPAMetric.defaultMetric] : metrics,
                behavior: behavior))
    }

    // MARK: Metrics

    private func metric(_ node: YAMLNode, context: String, log: inout DiagnosticLog) throws(Diagnostic) -> HPAMetric {
        let fields = try Fields(node, "\(context) metric")
        fields.warnUnknown(KubernetesFields.metricSpec, log: &log)
        let typeNode = try fields.required("type", hint: "one of Resource, Pods, Object, External")
        let type = try typeNode.string("type")
        func source(_ key: String) throws(Diagnostic) -> Fields {
            try Fields(try fields.required(key, hint: "a metric of type \(type) describes itself under \(key):"), "\(type) metric")
        }
        switch type {
        case "Resource":
            let resource = try source("resource")
            resource.warnUnknown(KubernetesFields.resourceMetricSource, log: &log)
            let nameNode = try resource.required("name")
            let name = try nameNode.string("name")
            guard name == ResourceName.cpu || name == ResourceName.memory else {
                throw .error(
                    at: nameNode.location, "\(context): kubesim serves resource metrics for cpu and memory, not \(name)",
                    hint: Suggestions.hint(for: name, in: [ResourceName.cpu, ResourceName.memory]))
            }
            let target = try metricTarget(try resource.required("target"), resource: name, allowed: ["Utilization", "AverageValue"], log: &log)
            return .resource(name: name, target: target)
        case "Pods":
            let pods = try source("pods")
            pods.warnUnknown(KubernetesFields.podsMetricSource, log: &log)
            let name = try metricName(try pods.required("metric"), log: &log)
            return .pods(metric: name, target: try metricTarget(try pods.required("target"), resource: nil, allowed: ["AverageValue"], log: &log))
        case "Object":
            let object = try source("object")
            object.warnUnknown(KubernetesFields.objectMetricSource, log: &log)
            let described = try Fields(try object.required("describedObject"), "describedObject")
            described.warnUnknown(KubernetesFields.objectReference, log: &log)
            let kindNode = try described.required("kind")
            let kind = try kindNode.string("kind")
            guard kind == "Service" || kind == "Deployment" else {
                throw .error(
                    at: kindNode.location, "\(context): kubesim serves Object metrics of traffic targets (Service or Deployment), not \(kind)")
            }
            let name = try metricName(try object.required("metric"), log: &log)
            let target = try metricTarget(try object.required("target"), resource: nil, allowed: ["Value", "AverageValue"], log: &log)
            return .object(kind: kind, name: try described.required("name").string("name"), metric: name, target: target)
        case "External":
            let external = try source("external")
            external.warnUnknown(KubernetesFields.podsMetricSource, log: &log)
            let name = try metricName(try external.required("metric"), log: &log)
            return .external(
                metric: name, target: try metricTarget(try external.required("target"), resource: nil, allowed: ["Value", "AverageValue"], log: &log))
        case "ContainerResource":
            throw .error(
                at: typeNode.location, "\(context): ContainerResource metrics are not simulated (kubesim measures usage per pod)",
                hint: "use type: Resource for the pod's usage")
        default:
            throw .error(
                at: typeNode.location, "\(context): unknown metric type \(Diagnostic.quote(type))",
                hint: Suggestions.hint(for: type, in: ["Resource", "Pods", "Object", "External"]) ?? "one of Resource, Pods, Object, External")
        }
    }

    /// `metric: {name, selector}`; the selector is read for validity and otherwise unused.
    private func metricName(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> String {
        let fields = try Fields(node, "metric")
        fields.warnUnknown(KubernetesFields.metricIdentifier, log: &log)
        if let selector = fields["selector"] {
            _ = try labelSelector(selector, log: &log)
            log.note(at: selector.location, "metric selectors are ignored: the metrics kubesim serves from traffic have no labels")
        }
        return try fields.required("name").string("name")
    }

    /// `target: {type, averageUtilization | averageValue | value}`, in milli-units.
    private func metricTarget(_ node: YAMLNode, resource: String?, allowed: [String], log: inout DiagnosticLog) throws(Diagnostic) -> MetricTarget {
        let fields = try Fields(node, "metric target")
        fields.warnUnknown(KubernetesFields.metricTarget, log: &log)
        let typeNode = try fields.required("type", hint: "one of \(allowed.joined(separator: ", "))")
        let type = try typeNode.string("type")
        guard allowed.contains(type) else {
            throw .error(
                at: typeNode.location, "metric target type must be \(allowed.joined(separator: " or ")) here, not \(Diagnostic.quote(type))",
                hint: Suggestions.hint(for: type, in: allowed))
        }
        switch type {
        case "Utilization":
            return .utilization(try positiveInt32(try fields.required("averageUtilization"), "averageUtilization"))
        case "AverageValue":
            return .averageValue(try positiveMilli(try fields.required("averageValue"), "averageValue"))
        default:
            return .value(try positiveMilli(try fields.required("value"), "value"))
        }
    }

    private func positiveMilli(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> Int64 {
        let quantity = try node.parsedQuantity(field)
        guard !quantity.isNegative, !quantity.isZero else { throw .error(at: node.location, "\"\(field)\" must be positive") }
        return quantity.milliValue
    }

    private func positiveInt32(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> Int32 {
        let value = try nonNegativeInt32(node, field) ?? 0
        guard value > 0 else { throw .error(at: node.location, "\"\(field)\" must be greater than 0") }
        return value
    }

    // MARK: Behavior

    private func behavior(_ node: YAMLNode, log: inout DiagnosticLog) throws(Diagnostic) -> HPABehavior {
        let fields = try Fields(node, "behavior")
        fields.warnUnknown(KubernetesFields.behavior, log: &log)
        return HPABehavior(
            scaleUp: try rules(fields["scaleUp"], defaults: .defaultScaleUp, log: &log),
            scaleDown: try rules(fields["scaleDown"], defaults: .defaultScaleDown, log: &log))
    }

    /// `HPAScalingRules`, each field defaulted on its own as upstream's `copyHPAScalingRules`.
    private func rules(_ node: YAMLNode?, defaults: HPAScalingRules, log: inout DiagnosticLog) throws(Diagnostic) -> HPAScalingRules {
        guard let node else { return defaults }
        let fields = try Fields(node, "scaling rules")
        fields.warnUnknown(KubernetesFields.scalingRules, log: &log)
        var rules = defaults
        if let window = fields["stabilizationWindowSeconds"] {
            let seconds = try nonNegativeInt32(window, "stabilizationWindowSeconds") ?? 0
            guard seconds <= 3_600 else { throw .error(at: window.location, "\"stabilizationWindowSeconds\" must be at most 3600") }
            rules.stabilizationWindowSeconds = seconds
        }
        if let select = fields["selectPolicy"] {
            let text = try select.string("selectPolicy")
            guard let policy = HPASelectPolicy(rawValue: text) else {
                throw .error(
                    at: select.location, "unknown selectPolicy \(Diagnostic.quote(text))",
                    hint: Suggestions.hint(for: text, in: ["Max", "Min", "Disabled"]) ?? "one of Max, Min, Disabled")
            }
            rules.selectPolicy = policy
        }
        if let policiesNode = fields["policies"] {
            var policies: [HPAScalingPolicy] = []
            for item in try policiesNode.items("policies") {
                let policy = try Fields(item, "scaling policy")
                policy.warnUnknown(KubernetesFields.scalingPolicy, log: &log)
                let typeNode = try policy.required("type")
                let typeText = try typeNode.string("type")
                guard let type = HPAScalingPolicy.Kind(rawValue: typeText) else {
                    throw .error(at: typeNode.location, "unknown scaling policy type \(Diagnostic.quote(typeText))", hint: "one of Pods, Percent")
                }
                let value = try positiveInt32(try policy.required("value"), "value")
                let periodNode = try policy.required("periodSeconds")
                let period = try positiveInt32(periodNode, "periodSeconds")
                guard period <= 1_800 else { throw .error(at: periodNode.location, "\"periodSeconds\" must be at most 1800") }
                policies.append(HPAScalingPolicy(type, value: value, periodSeconds: period))
            }
            guard !policies.isEmpty else { throw .error(at: policiesNode.location, "must specify at least one policy") }
            rules.policies = policies
        }
        return rules
    }
}
