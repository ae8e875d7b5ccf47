import SimCore

/// The parts of a scenario that change the cluster over time — traffic, timeline events and
/// HPAs — checked against the manifests they refer to.
extension ScenarioLoader {
    /// Traffic entries whose targets exist: a Deployment, or a Service with a selector.
    static func trafficSpecs(_ scenario: Scenario, _ manifests: ManifestSet) throws(Diagnostic) -> [TrafficSpec] {
        let deployments = manifests.deployments.map { "Deployment/\($0.meta.namespace)/\($0.meta.name)" }
        let services = manifests.services.map { "Service/\($0.meta.namespace)/\($0.meta.name)" }
        for entry in scenario.traffic {
            let path = entry.spec.target.path
            switch entry.spec.target {
            case .deployment:
                guard deployments.contains(path) else {
                    throw .error(
                        at: entry.targetLocation, "traffic target \(path) is not a Deployment of this scenario",
                        hint: Suggestions.hint(for: path, in: deployments + services))
                }
            case .service(let namespace, let name):
                guard let service = manifests.services.first(where: { $0.meta.namespace == namespace && $0.meta.name == name }) else {
                    throw .error(
                        at: entry.targetLocation, "traffic target \(path) is not a Service of this scenario",
                        hint: Suggestions.hint(for: path, in: services + deployments))
                }
                guard !service.selector.isEmpty else {
                    throw .error(
                        at: entry.targetLocation, "Service \(namespace)/\(name) has no selector, so it has no endpoints to send traffic to",
                        hint: "give the Service a spec.selector, or send the traffic to a Deployment")
                }
            }
        }
        return scenario.traffic.map(\.spec)
    }

    /// Timeline events resolved against the manifests; a rollout's changes are applied to the
    /// Deployment's manifest (cumulatively, in time order) and the manifest decoded again, so a
    /// changed template gets the same checks as a written one.
    static func timelineEvents(
        _ scenario: Scenario, _ manifests: ManifestSet, applied: [Int: ManifestSet], log: inout DiagnosticLog
    ) throws(Diagnostic) -> [TimelineEvent] {
        // What exists when each event happens: the manifests, then what earlier events applied,
        // less what they deleted.
        var known = manifests.workloadPaths
        var pods = manifests.pods.map { "Pod/\($0.meta.namespace)/\($0.meta.name)" }
        var documents = manifests.deploymentDocuments
        var events: [TimelineEvent] = []
        let ordered = scenario.events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        for (index, event) in ordered {
            if case .apply = event.action {
                let objects = applied[index] ?? ManifestSet()
                events.append(TimelineEvent(at: event.at, action: .apply(try appliedObjects(objects, known: known, at: event.location, log: &log))))
                known += objects.workloadPaths.filter { !known.contains($0) }
                pods += objects.pods.map { "Pod/\($0.meta.namespace)/\($0.meta.name)" }
                for (key, value) in objects.deploymentDocuments { documents[key] = value }
                continue
            }
            let parts = event.target.split(separator: "/").map(String.init)
            if case .delete = event.action, parts[0] == "Pod" {
                guard pods.contains(event.target) else {
                    throw .error(
                        at: event.targetLocation, "event target \(event.target) is not a Pod of this scenario",
                        hint: Suggestions.hint(for: event.target, in: pods))
                }
                events.append(TimelineEvent(at: event.at, action: .deletePod(namespace: parts[1], name: parts[2])))
                continue
            }
            guard known.contains(event.target) else {
                throw .error(
                    at: event.targetLocation, "event target \(event.target) is not a workload of this scenario at \(GoDuration.format(event.at))",
                    hint: Suggestions.hint(for: event.target, in: known))
            }
            let (kind, namespace, name) = (parts[0], parts[1], parts[2])
            switch event.action {
            case .rollout(let image, let changes):
                let key = "\(namespace)/\(name)"
                guard let (document, decoder) = documents[key] else { continue }
                var changed = document
                var all = changes
                if let image {
                    let container = try containerName(image.container, of: manifests, namespace: namespace, name: name, at: event.location)
                    all.insert(
                        (
                            "spec.template.spec.containers[\(container)].image",
                            YAMLNode(content: .scalar(image.image, .plain), location: event.location)
                        ), at: 0)
                }
                for (path, value) in all {
                    changed = try Override.setting(path, to: value, in: changed, origin: "\(event.location): rollout set \(path)")
                }
                var scratch = ManifestSet()
                var log = DiagnosticLog()
                try decoder.decode(changed, into: &scratch, log: &log)
                guard let updated = scratch.deployments.first, updated.meta.name == name, updated.meta.namespace == namespace else {
                    throw .error(at: event.location, "a rollout may change the pod template, not the Deployment's name or namespace")
                }
                documents[key] = (changed, decoder)
                events.append(TimelineEvent(at: event.at, action: .rollout(namespace: namespace, name: name, template: updated.template)))
            case .rollback(let revision):
                events.append(TimelineEvent(at: event.at, action: .rollback(namespace: namespace, name: name, revision: revision)))
            case .scale(let replicas):
                guard let workloadKind = WorkloadKind(name: kind), workloadKind.isScalable else {
                    throw .error(at: event.targetLocation, "scale changes a workload with replicas, not a \(kind)")
                }
                let target = WorkloadReference(kind: workloadKind, namespace: namespace, name: name)
                events.append(TimelineEvent(at: event.at, action: .scale(target, replicas: replicas)))
            case .delete:
                guard let workloadKind = WorkloadKind(name: kind) else { continue }
                events.append(TimelineEvent(at: event.at, action: .delete(WorkloadReference(kind: workloadKind, namespace: namespace, name: name))))
                known.removeAll { $0 == event.target }
            case .apply:
                continue
            }
        }
        return events
    }

    /// The container whose image a rollout changes: the one named, or the only one.
    private static func containerName(
        _ named: String?, of manifests: ManifestSet, namespace: String, name: String,
        at location: SourceLocation
    ) throws(Diagnostic) -> String {
        guard let deployment = manifests.deployments.first(where: { $0.meta.namespace == namespace && $0.meta.name == name }) else {
            return named ?? ""
        }
        let names = deployment.template.spec.containers.map(\.name)
        if let named {
            guard names.contains(named) else {
                throw .error(
                    at: location, "Deployment \(namespace)/\(name) has no container \(Diagnostic.quote(named))",
                    hint: Suggestions.hint(for: named, in: names) ?? "its containers: \(names.joined(separator: ", "))")
            }
            return named
        }
        guard names.count == 1 else {
            throw .error(
                at: location, "Deployment \(namespace)/\(name) has \(names.count) containers; say whose image changes",
                hint: "add container: one of \(names.joined(separator: ", "))")
        }
        return names[0]
    }

    /// Every HPA's scale target must be a Deployment or ReplicaSet of the scenario.
    static func checkAutoscalers(_ manifests: ManifestSet) throws(Diagnostic) {
        let known = manifests.workloadPaths
        for autoscaler in manifests.autoscalers where !known.contains(autoscaler.targetPath) {
            let location = manifests.definitions["HorizontalPodAutoscaler/\(autoscaler.meta.namespace)/\(autoscaler.meta.name)"]
            throw Diagnostic(
                .error, at: location,
                "HorizontalPodAutoscaler \(autoscaler.meta.namespace)/\(autoscaler.meta.name) scales \(autoscaler.targetPath), which is not in this scenario",
                hint: Suggestions.hint(for: autoscaler.targetPath, in: known))
        }
    }

    /// The objects an `apply` event creates or changes. Kinds the timeline does not apply during a
    /// run (Nodes, HPAs, PriorityClasses, quotas, LimitRanges, StorageClasses) are reported, as are
    /// template changes of an existing ReplicaSet, which its pods would not follow.
    static func appliedObjects(_ set: ManifestSet, known: [String], at location: SourceLocation, log: inout DiagnosticLog) throws(Diagnostic)
        -> AppliedObjects
    {
        var objects = AppliedObjects()
        objects.namespaces =
            set.namespaces
            + Set(set.templates.map(\.namespace) + set.services.map(\.meta.namespace)).sorted().map { NamespaceSpec(name: $0) }
        objects.pods = set.pods
        objects.replicaSets = set.replicaSets
        objects.deployments = set.deployments
        objects.daemonSets = set.daemonSets
        objects.statefulSets = set.statefulSets
        objects.jobs = set.jobs
        objects.services = set.services
        objects.disruptionBudgets = set.disruptionBudgets
        objects.persistentVolumes = set.persistentVolumes
        objects.persistentVolumeClaims = set.persistentVolumeClaims
        let leftOut: [(kind: String, names: [String])] = [
            ("Node", set.nodes.map(\.name)), ("HorizontalPodAutoscaler", set.autoscalers.map(\.meta.name)),
            ("PriorityClass", set.priorityClasses.map(\.name)), ("ResourceQuota", set.resourceQuotas.map(\.meta.name)),
            ("LimitRange", set.limitRanges.map(\.meta.name)), ("StorageClass", set.storageClasses.map(\.name)),
        ]
        for (kind, names) in leftOut {
            for name in names {
                log.subject = (kind, "", name)
                log.ignore(
                    at: location, "\(kind) \(name) in an apply event is not applied during a run; list it under spec.workloads",
                    reason: "not applied during a run")
            }
        }
        for replicaSet in set.replicaSets where known.contains("ReplicaSet/\(replicaSet.meta.namespace)/\(replicaSet.meta.name)") {
            log.subject = ("ReplicaSet", replicaSet.meta.namespace, replicaSet.meta.name)
            log.ignore(
                at: location, "an apply event changes only the replicas of the existing ReplicaSet \(replicaSet.meta.name), not its template",
                reason: "template change of an existing ReplicaSet not applied")
        }
        log.subject = nil
        return objects
    }

    /// Faults whose nodes, pools, zones and workloads exist.
    static func faultSpecs(_ scenario: Scenario, _ manifests: ManifestSet) throws(Diagnostic) -> [FaultSpec] {
        let poolNodes = scenario.nodePools.flatMap { pool in (0..<pool.count).map { "\(pool.name)-\($0)" } }
        let nodes = poolNodes + manifests.nodes.map(\.name)
        let pools = scenario.nodePools.map(\.name)
        var zones = scenario.nodePools.flatMap(\.zones) + manifests.nodes.compactMap { $0.labels[NodeLabel.zone] }
        zones = zones.enumerated().filter { zones.firstIndex(of: $0.element) == $0.offset }.map(\.element)
        let workloads = manifests.workloadPaths
        func check(_ name: String, in known: [String], what: String, at location: SourceLocation) throws(Diagnostic) {
            guard known.contains(name) else {
                let examples = known.prefix(5).joined(separator: ", ") + (known.count > 5 ? ", …" : "")
                throw .error(
                    at: location, "no \(what) \(Diagnostic.quote(name)) in this scenario",
                    hint: Suggestions.hint(for: name, in: known) ?? (known.isEmpty ? nil : "for example \(examples)"))
            }
        }
        for entry in scenario.faults {
            let location = entry.targetLocation
            switch entry.spec.action {
            case .nodeCrash(let node, _), .networkPartition(let node, _), .nodeDrain(let node, _, _), .spotInterruption(.node(let node), _):
                try check(node, in: nodes, what: "node", at: location)
            case .zoneOutage(let zone, _):
                try check(zone, in: zones, what: "zone", at: location)
            case .randomNodeFailures(let pool, _, _, _), .spotInterruption(.pool(let pool, _), _):
                try check(pool, in: pools, what: "node pool", at: location)
            case .podKill(let target, _, _), .containerCrashes(let target, _, _):
                try check(target.path, in: workloads, what: "Deployment or ReplicaSet", at: location)
            }
        }
        return scenario.faults.map(\.spec)
    }
}
