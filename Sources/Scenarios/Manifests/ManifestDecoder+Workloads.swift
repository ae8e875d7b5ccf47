import SimCore

/// DaemonSets, StatefulSets, Jobs and CronJobs, with upstream's defaults and the validation that
/// would make `kubectl apply` fail.
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

    /// A Job's spec (also a CronJob's `jobTemplate.spec`, whose messages name it as `owner`). The
    /// selector is the template's labels unless `manualSelector` gives one (upstream generates one
    /// from the Job's UID).
    func jobSpec(_ node: YAMLNode, meta: ObjectMeta, owner: String? = nil, log: inout DiagnosticLog) throws(Diagnostic) -> JobSpec {
        let owner = owner ?? "Job \(meta.name)"
        let spec = try Fields(node, "\(owner) spec")
        spec.warnUnknown(KubernetesFields.jobSpec, log: &log)
        let templateNode = try spec.required("template")
        let template = try podTemplate(templateNode, owner: owner, log: &log)
        guard template.spec.restartPolicy != .always else {
            throw .error(
                at: templateNode.location, "\(owner): the pod template's restartPolicy must be OnFailure or Never",
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
            throw .error(at: node.location, "\(owner): an Indexed Job needs completions")
        }
        var selector = LabelSelector(matchLabels: template.labels)
        if let selectorNode = spec["selector"], try spec["manualSelector"]?.bool("manualSelector") == true {
            selector = try labelSelector(selectorNode, log: &log)
        }
        for field in ["podFailurePolicy", "successPolicy", "backoffLimitPerIndex", "maxFailedIndexes"] {
            if let node = spec[field] {
                log.ignore(at: node.location, "\(field) of \(owner) is not simulated; ignored", reason: "\(field) not simulated")
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

extension ManifestDecoder {
    /// The longest CronJob name: the controller appends `-<minutes since 1970>` (11 characters)
    /// to name each Job, and a Job's name is at most 63 (upstream's `ValidateCronJobCreate`).
    static let maxCronJobNameLength = 52

    /// A `batch/v1` CronJob, with upstream's defaults (`concurrencyPolicy: Allow`, `suspend:
    /// false`, history limits 3 and 1) and the API server's checks (`ValidateCronJobCreate`),
    /// reported as kubectl prints them (`The CronJob "x" is invalid: spec.schedule: …`). The
    /// time zone is read from this machine's zone database.
    func decodeCronJob(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "CronJob", log: &log)
        let invalid = "The CronJob \"\(meta.name)\" is invalid"
        if meta.name.count > Self.maxCronJobNameLength {
            let nameNode = try Fields(try fields.required("metadata"), "CronJob metadata").required("name")
            throw .error(
                at: nameNode.location,
                "\(invalid): metadata.name: Invalid value: \(Diagnostic.quote(meta.name)): must be no more than \(Self.maxCronJobNameLength) characters",
                hint: "the controller names each Job <cronjob>-<minutes since 1970>, 11 characters more, and a Job's name is at most 63")
        }
        let spec = try Fields(try fields.required("spec"), "CronJob \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.cronJobSpec, log: &log)
        let scheduleNode = try spec.required("schedule", hint: "for example schedule: \"0 2 * * *\" (minute hour day-of-month month day-of-week)")
        let schedule = try scheduleNode.string("schedule")
        let timeZoneNode = spec["timeZone"]
        let timeZone = try timeZoneNode?.string("timeZone")
        let errors = CronJobValidation.validate(
            CronJobValidation.Spec(schedule: schedule, timeZone: timeZone), old: nil, loadError: ZoneDatabase.loadError)
        if let error = errors.first {
            throw cronJobError(error, invalid: invalid, schedule: scheduleNode, timeZone: timeZoneNode)
        }
        // Validation parsed both: the schedule as upstream's `formatSchedule` hands it to robfig.
        var zone = UTCOffsets.utc
        var cron: CronSchedule
        do {
            if let timeZone {
                if case .success(let loaded) = ZoneDatabase.load(timeZone) { zone = loaded }
                cron = try CronSchedule(parsing: "TZ=\(timeZone) \(schedule)")
            } else {
                cron = try CronSchedule(parsing: schedule)
            }
        } catch {
            throw .error(at: scheduleNode.location, "\(invalid): spec.schedule: Invalid value: \(Diagnostic.quote(schedule)): \(error.message)")
        }
        var policy = ConcurrencyPolicy.allow
        if let node = spec["concurrencyPolicy"] {
            let text = try node.string("concurrencyPolicy")
            guard let value = ConcurrencyPolicy(rawValue: text) else {
                let message =
                    text.isEmpty
                    ? "\(invalid): spec.concurrencyPolicy: Required value"
                    : "\(invalid): spec.concurrencyPolicy: Unsupported value: \(Diagnostic.quote(text)): supported values: \"Allow\", \"Forbid\", \"Replace\""
                throw .error(
                    at: node.location, message,
                    hint: Suggestions.hint(for: text, in: ConcurrencyPolicy.allCases.map(\.rawValue)) ?? "Allow, Forbid or Replace")
            }
            policy = value
        }
        var startingDeadline: Int64?
        if let node = spec["startingDeadlineSeconds"] {
            let value = try Self.seconds(node, "startingDeadlineSeconds")
            guard value >= 0 else {
                throw .error(
                    at: node.location, "\(invalid): spec.startingDeadlineSeconds: Invalid value: \(value): must be greater than or equal to 0")
            }
            if value == 0 {
                log.warn(
                    at: node.location,
                    "CronJob \(meta.name) never starts a Job: the controller looks at it 100 ms after each schedule time, already past a deadline of 0 s, as in Kubernetes v1.32",
                    hint: "give it a deadline of a few seconds at least")
            }
            startingDeadline = value
        }
        func historyLimit(_ field: String, default value: Int32) throws(Diagnostic) -> Int32 {
            guard let node = spec[field] else { return value }
            let limit = try node.int(field)
            guard limit >= 0 else {
                throw .error(at: node.location, "\(invalid): spec.\(field): Invalid value: \(limit): must be greater than or equal to 0")
            }
            return try nonNegativeInt32(node, field) ?? value
        }
        let templateNode = try spec.required("jobTemplate")
        let template = try Fields(templateNode, "CronJob \(meta.name) jobTemplate")
        template.warnUnknown(KubernetesFields.jobTemplate, log: &log)
        var templateMeta = ObjectMeta(name: meta.name, namespace: meta.namespace)
        if let metadataNode = template["metadata"] {
            let metadata = try Fields(metadataNode, "jobTemplate metadata")
            metadata.warnUnknown(KubernetesFields.metadata, log: &log)
            templateMeta.labels = try metadata["labels"]?.stringMap("labels") ?? Labels()
            templateMeta.annotations = try metadata["annotations"]?.stringMap("annotations") ?? Labels()
        }
        let job = try jobSpec(template.required("spec"), meta: templateMeta, owner: "CronJob \(meta.name)'s jobTemplate", log: &log)
        try set.define("CronJob", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.cronJobs.append(
            CronJobSpec(
                meta: meta, schedule: schedule, cron: cron, timeZone: timeZone, zone: zone, concurrencyPolicy: policy,
                startingDeadlineSeconds: startingDeadline, suspend: try spec["suspend"]?.bool("suspend") ?? false,
                successfulJobsHistoryLimit: try historyLimit("successfulJobsHistoryLimit", default: 3),
                failedJobsHistoryLimit: try historyLimit("failedJobsHistoryLimit", default: 1), jobTemplate: job))
    }

    /// An API-server error about `spec.schedule` or `spec.timeZone`, at the field, with a hint.
    private func cronJobError(
        _ error: CronJobValidation.FieldError, invalid: String, schedule: YAMLNode, timeZone: YAMLNode?
    ) -> Diagnostic {
        let field: String
        switch error.kind {
        case .required: field = "\(error.field): Required value"
        case .invalid:
            field = "\(error.field): Invalid value: \(Diagnostic.quote(error.value ?? "")): \(Diagnostic.clip(error.detail, width: 160))"
        }
        guard error.field == "spec.schedule" else {
            let name = error.value ?? ""
            var hint = "an IANA zone such as Europe/Berlin or America/New_York, as named under \(ZoneDatabase.directory)"
            if error.detail == UTCOffsets.LocationName.unknownMessage(name),
                let closest = Suggestions.hint(for: name, in: ZoneDatabase.neighbours(of: name))
            {
                hint = closest
            }
            return .error(at: timeZone?.location ?? schedule.location, "\(invalid): \(field)", hint: hint)
        }
        if error.detail.hasPrefix("cannot use") {
            return .error(
                at: schedule.location, "\(invalid): \(field)",
                hint: "name the zone in spec.timeZone, e.g. timeZone: Europe/Berlin, and drop it from the schedule")
        }
        return .error(
            at: schedule.location, "\(invalid): \(field)",
            hint:
                "five fields: minute hour day-of-month month day-of-week (e.g. \"0 2 * * *\"), or @hourly, @daily, @weekly, @monthly, @yearly, @every 1h"
        )
    }
}
