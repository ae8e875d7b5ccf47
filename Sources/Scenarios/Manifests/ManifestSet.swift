import SimCore

/// The objects read from a scenario's manifests, in the order they were read.
public struct ManifestSet: Sendable {
    public var nodes: [NodeSpec] = []
    public var namespaces: [NamespaceSpec] = []
    public var pods: [PodManifest] = []
    public var replicaSets: [ReplicaSetSpec] = []
    public var deployments: [DeploymentSpec] = []
    public var daemonSets: [DaemonSetSpec] = []
    public var statefulSets: [StatefulSetSpec] = []
    public var jobs: [JobSpec] = []
    public var cronJobs: [CronJobSpec] = []
    public var resourceQuotas: [ResourceQuotaSpec] = []
    public var limitRanges: [LimitRangeSpec] = []
    public var storageClasses: [StorageClassSpec] = []
    public var persistentVolumes: [PersistentVolumeSpec] = []
    public var persistentVolumeClaims: [PersistentVolumeClaimSpec] = []
    public var services: [ServiceSpec] = []
    public var priorityClasses: [PriorityClassSpec] = []
    public var disruptionBudgets: [PodDisruptionBudgetSpec] = []
    public var autoscalers: [HorizontalPodAutoscalerSpec] = []
    /// Where each object was defined, by "Kind/namespace/name", to report duplicates.
    var definitions: [String: SourceLocation] = [:]
    /// Each Deployment's manifest and the decoder that read it, by "namespace/name", so that a
    /// rollout event can change fields and decode it again.
    var deploymentDocuments: [String: (document: YAMLNode, decoder: ManifestDecoder)] = [:]

    public init() {}

    /// Number of objects of the kinds kubesim simulates.
    public var objectCount: Int {
        nodes.count + namespaces.count + pods.count + replicaSets.count + deployments.count + services.count + priorityClasses.count
            + disruptionBudgets.count + autoscalers.count + daemonSets.count + statefulSets.count + jobs.count + resourceQuotas.count
            + limitRanges.count + storageClasses.count + persistentVolumes.count + persistentVolumeClaims.count + cronJobs.count
    }

    /// `Kind/namespace/name` of every workload: what faults, HPAs, traffic and expectations may
    /// name.
    public var workloadPaths: [String] {
        deployments.map { "Deployment/\($0.meta.namespace)/\($0.meta.name)" } + replicaSets.map { "ReplicaSet/\($0.meta.namespace)/\($0.meta.name)" }
            + daemonSets.map { "DaemonSet/\($0.meta.namespace)/\($0.meta.name)" }
            + statefulSets.map { "StatefulSet/\($0.meta.namespace)/\($0.meta.name)" } + jobs.map { "Job/\($0.meta.namespace)/\($0.meta.name)" }
            + cronJobs.map { "CronJob/\($0.meta.namespace)/\($0.meta.name)" }
    }

    /// Every pod template with its namespace: bare pods' and the workloads'.
    public var templates: [(namespace: String, template: PodTemplate)] {
        pods.map { ($0.meta.namespace, $0.template) } + replicaSets.map { ($0.meta.namespace, $0.template) }
            + deployments.map { ($0.meta.namespace, $0.template) } + daemonSets.map { ($0.meta.namespace, $0.template) }
            + statefulSets.map { ($0.meta.namespace, $0.template) } + jobs.map { ($0.meta.namespace, $0.template) }
            + cronJobs.map { ($0.meta.namespace, $0.jobTemplate.template) }
    }

    /// Gives the pods of the workload at `path` (`Kind/namespace/name`) a run duration; false when
    /// the set has no such workload.
    mutating func setRunDuration(_ duration: RunDuration, of path: String) -> Bool {
        func named(_ meta: ObjectMeta, _ kind: String) -> Bool { "\(kind)/\(meta.namespace)/\(meta.name)" == path }
        if let index = deployments.firstIndex(where: { named($0.meta, "Deployment") }) {
            deployments[index].template.runDuration = duration
        } else if let index = replicaSets.firstIndex(where: { named($0.meta, "ReplicaSet") }) {
            replicaSets[index].template.runDuration = duration
        } else if let index = daemonSets.firstIndex(where: { named($0.meta, "DaemonSet") }) {
            daemonSets[index].template.runDuration = duration
        } else if let index = statefulSets.firstIndex(where: { named($0.meta, "StatefulSet") }) {
            statefulSets[index].template.runDuration = duration
        } else if let index = jobs.firstIndex(where: { named($0.meta, "Job") }) {
            jobs[index].template.runDuration = duration
        } else if let index = cronJobs.firstIndex(where: { named($0.meta, "CronJob") }) {
            cronJobs[index].jobTemplate.template.runDuration = duration
        } else if let index = pods.firstIndex(where: { named($0.meta, "Pod") }) {
            pods[index].runDuration = duration
        } else {
            return false
        }
        return true
    }

    /// Warns about the Jobs (and CronJobs' Jobs) whose pods have no run duration: they would run
    /// to the end of the scenario, where real ones finish.
    func warnAboutEndlessJobs(log: inout DiagnosticLog) {
        let endless =
            jobs.filter { $0.template.runDuration == nil }.map { ("Job", $0.meta) }
            + cronJobs.filter { $0.jobTemplate.template.runDuration == nil }.map { ("CronJob", $0.meta) }
        for (kind, meta) in endless {
            log.subject = (kind, meta.namespace, meta.name)
            log.ignore(
                at: definitions["\(kind)/\(meta.namespace)/\(meta.name)"],
                "\(kind) \(meta.name)'s pods have no run duration, so they run until the end of the scenario",
                reason: "no run duration: pods never finish",
                hint: "annotate the pod template with \(ManifestDecoder.runDurationAnnotation): 5m, or give the scenario a runDurations entry")
        }
        log.subject = nil
    }

    /// Adds another set's workloads, pods and nodes (for sizing a run with what its events apply).
    mutating func add(_ other: ManifestSet) {
        nodes += other.nodes
        pods += other.pods
        replicaSets += other.replicaSets
        deployments += other.deployments
        daemonSets += other.daemonSets
        statefulSets += other.statefulSets
        jobs += other.jobs
        autoscalers += other.autoscalers
    }

    /// Records an object's identity; throws if it was already defined.
    mutating func define(_ kind: String, namespace: String?, name: String, at location: SourceLocation) throws(Diagnostic) {
        let key = [kind, namespace, name].compactMap { $0 }.joined(separator: "/")
        if let first = definitions[key] {
            throw .error(at: location, "\(kind) \(key.dropFirst(kind.count + 1)) is defined twice (first at \(first))")
        }
        definitions[key] = location
    }
}
