import SimCore

/// DaemonSets, StatefulSets and Jobs, with upstream's defaults and the validation that would make
/// `kubectl apply` fail.
extension ManifestDecoder {
    func decodeDaemonSet(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        let (meta, spec, selector, template) = try controllerParts(fields, kind: "DaemonSet", specFields: KubernetesFields.daemonSetSpec, log: &log)
        var strategy = DaemonSetUpdateStrategy.default
        if let strategyNode = spec["updateStrategy"] {
            let strategyFields = try Fields(strategyNode, "updateStrategy")
            strategyFields.warnUnknown(KubernetesFields.daemonSetUpdateStrategy, log: &log)
            switch try strategyFields["type"]?.string("type") ?? "RollingUpdate" {
            case "OnDelete": strategy = .onDelete
            case "RollingUpdate":
                var rolling: Fields?
                if let node = strategyFields["rollingUpdate"] { rolling = try Fields(node, "rollingUpdate") }
                rolling?.warnUnknown(KubernetesFields.daemonSetRollingUpdate, log: &log)
                var unavailable = IntOrPercent.int(1), surge = IntOrPercent.int(0)
                if let node = rolling?["maxUnavailable"] { unavailable = try intOrPercent(node, "maxUnavailable") }
                if let node = rolling?["maxSurge"] { surge = try intOrPercent(node, "maxSurge") }
                if Self.isZero(surge) && Self.isZero(unavailable) {
                    throw .error(
                        at: rolling?.node.location ?? strategyNode.location, "maxSurge and maxUnavailable may not both be zero",
                        hint: "the update could never make progress")
                }
                if !Self.isZero(surge) && !Self.isZero(unavailable) && rolling?["maxUnavailable"] != nil {
                    throw .error(at: rolling?.node.location ?? strategyNode.location, "maxUnavailable must be 0 when maxSurge is set")
                }
                strategy = .rollingUpdate(maxUnavailable: Self.isZero(surge) ? unavailable : .int(0), maxSurge: surge)
            case let other:
                throw .error(
                    at: strategyFields["type"]?.location ?? strategyNode.location, "unknown updateStrategy type \(Diagnostic.quote(other))",
                    hint: "expected RollingUpdate or OnDelete")
            }
        }
        try set.define("DaemonSet", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.daemonSets.append(
            DaemonSetSpec(
                meta: meta, selector: selector, template: template, updateStrategy: strategy,
                minReadySeconds: try nonNegativeInt32(spec["minReadySeconds"], "minReadySeconds") ?? 0,
                revisionHistoryLimit: try nonNegativeInt32(spec["revisionHistoryLimit"], "revisionHistoryLimit") ?? 10))
    }

    func decodeStatefulSet(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        let (meta, spec, selector, template) = try controllerParts(
            fields, kind: "StatefulSet", specFields: KubernetesFields.statefulSetSpec, log: &log)
        var policy = PodManagementPolicy.orderedReady
        if let node = spec["podManagementPolicy"] {
            let text = try node.string("podManagementPolicy")
            guard let value = PodManagementPolicy(rawValue: text) else {
                throw .error(at: node.location, "unknown podManagementPolicy \(Diagnostic.quote(text))", hint: "expected OrderedReady or Parallel")
            }
            policy = value
        }
        var strategy = StatefulSetUpdateStrategy.default
        if let strategyNode = spec["updateStrategy"] {
            let strategyFields = try Fields(strategyNode, "updateStrategy")
            strategyFields.warnUnknown(KubernetesFields.statefulSetUpdateStrategy, log: &log)
            switch try strategyFields["type"]?.string("type") ?? "RollingUpdate" {
            case "OnDelete": strategy = .onDelete
            case "RollingUpdate":
                var rolling: Fields?
                if let node = strategyFields["rollingUpdate"] { rolling = try Fields(node, "rollingUpdate") }
                rolling?.warnUnknown(KubernetesFields.statefulSetRollingUpdate, log: &log)
                if let node = rolling?["maxUnavailable"] {
                    log.ignore(
                        at: node.location, "rollingUpdate.maxUnavailable of a StatefulSet is alpha in Kubernetes v1.32 and off by default; ignored",
                        reason: "rollingUpdate.maxUnavailable not simulated (alpha)")
                }
                strategy = .rollingUpdate(partition: try nonNegativeInt32(rolling?["partition"], "partition") ?? 0)
            case let other:
                throw .error(
                    at: strategyFields["type"]?.location ?? strategyNode.location, "unknown updateStrategy type \(Diagnostic.quote(other))",
                    hint: "expected RollingUpdate or OnDelete")
            }
        }
        var ordinalStart: Int32 = 0
        if let node = spec["ordinals"], let start = try Fields(node, "ordinals")["start"] {
            ordinalStart = try nonNegativeInt32(start, "start") ?? 0
            // The highest ordinal, start + replicas − 1, must be an int32 as upstream computes it.
            guard Int64(ordinalStart) + Int64(try replicas(spec)) <= Int64(Int32.max) else {
                throw .error(at: start.location, "\"ordinals.start\" plus replicas must be at most \(Int32.max)")
            }
        }
        var claimTemplates: [PersistentVolumeClaimSpec] = []
        for item in try spec["volumeClaimTemplates"]?.items("volumeClaimTemplates") ?? [] {
            let fields = try Fields(item, "volumeClaimTemplate")
            fields.warnUnknown(KubernetesFields.object, log: &log)
            let claimMeta = try objectMeta(fields, kind: "volumeClaimTemplate", log: &log)
            claimTemplates.append(try claimSpec(try fields.required("spec"), meta: claimMeta, log: &log))
        }
        try set.define("StatefulSet", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.statefulSets.append(
            StatefulSetSpec(
                meta: meta, replicas: try replicas(spec), selector: selector, template: template,
                serviceName: try spec["serviceName"]?.string("serviceName") ?? "", podManagementPolicy: policy, updateStrategy: strategy,
                minReadySeconds: try nonNegativeInt32(spec["minReadySeconds"], "minReadySeconds") ?? 0,
                revisionHistoryLimit: try nonNegativeInt32(spec["revisionHistoryLimit"], "revisionHistoryLimit") ?? 10,
                ordinalStart: ordinalStart))
        set.statefulSets[set.statefulSets.count - 1].volumeClaimTemplates = claimTemplates
    }

    func decodeJob(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "Job", log: &log)
        let job = try jobSpec(try fields.required("spec"), meta: meta, log: &log)
        try set.define("Job", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.jobs.append(job)
    }

    /// A Job's spec (also a CronJob's `jobTemplate.spec`). The selector is the template's labels
    /// unless `manualSelector` gives one (upstream generates one from the Job's UID).
    func jobSpec(_ node: YAMLNode, meta: ObjectMeta, log: inout DiagnosticLog) throws(Diagnostic) -> JobSpec {
        let spec = try Fields(node, "Job \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.jobSpec, log: &log)
        let templateNode = try spec.required("template")
        let template = try podTemplate(templateNode, owner: "Job \(meta.name)", log: &log)
        guard template.spec.restartPolicy != .always else {
            throw .error(
                at: templateNode.location, "Job \(meta.name): the pod template's restartPolicy must be OnFailure or Never",
                hint: "Kubernetes refuses a Job whose pods restart Always")
        }
        var mode = CompletionMode.nonIndexed
        if let node = spec["completionMode"] {
            let text = try node.string("completionMode")
            guard let value = CompletionMode(rawValue: text) else {
                throw .error(at: node.location, "unknown completionMode \(Diagnostic.quote(text))", hint: "expected NonIndexed or Indexed")
            }
            mode = value
        }
        let completions = try nonNegativeInt32(spec["completions"], "completions")
        if mode == .indexed && completions == nil {
            throw .error(at: node.location, "Job \(meta.name): an Indexed Job needs completions")
        }
        var selector = LabelSelector(matchLabels: template.labels)
        if let selectorNode = spec["selector"], try spec["manualSelector"]?.bool("manualSelector") == true {
            selector = try labelSelector(selectorNode, log: &log)
        }
        if template.runDuration == nil {
            log.ignore(
                at: templateNode.location,
                "Job \(meta.name)'s pods have no \(Self.runDurationAnnotation) annotation, so they run until the end of the scenario",
                reason: "no run duration: pods never finish",
                hint: "annotate the pod template with \(Self.runDurationAnnotation): 5m, how long the work takes")
        }
        for field in ["podFailurePolicy", "successPolicy", "backoffLimitPerIndex", "maxFailedIndexes"] {
            if let node = spec[field] {
                log.ignore(at: node.location, "\(field) of Job \(meta.name) is not simulated; ignored", reason: "\(field) not simulated")
            }
        }
        return JobSpec(
            meta: meta, completions: spec["completions"] == nil && spec["parallelism"] == nil ? 1 : completions,
            parallelism: try nonNegativeInt32(spec["parallelism"], "parallelism") ?? 1, completionMode: mode,
            backoffLimit: try nonNegativeInt32(spec["backoffLimit"], "backoffLimit") ?? 6,
            activeDeadlineSeconds: try spec["activeDeadlineSeconds"].map { node throws(Diagnostic) -> Int64 in
                let value = try Self.seconds(node, "activeDeadlineSeconds")
                guard value > 0 else { throw .error(at: node.location, "\"activeDeadlineSeconds\" must be greater than 0") }
                return value
            },
            ttlSecondsAfterFinished: try nonNegativeInt32(spec["ttlSecondsAfterFinished"], "ttlSecondsAfterFinished"),
            suspend: try spec["suspend"]?.bool("suspend") ?? false, selector: selector, template: template)
    }
}
