import Foundation
import SimCore

/// A scenario ready to run: the decoded file, its manifests, the simulation setup built from
/// them, and the warnings and notes found on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public var manifests: ManifestSet
    public var setup: SimulationSetup
    public var diagnostics: [Diagnostic]
}

/// Reads a scenario file and everything it refers to, and checks it, without running anything.
public enum ScenarioLoader {
    /// Loads `path` (`-` for standard input) with `--set` overrides and an optional seed
    /// override. `standardInput` supplies the bytes for a path or a `manifests:` entry of `-`.
    /// `concurrentRuns` is how many runs will share the machine at once (a study's worker
    /// threads): each may plan on its share of the memory. `memoryLimit`, when given, is the
    /// memory the run may use instead (`run --max-memory`).
    public static func load(
        _ path: String, overrides: [Override] = [], seed: UInt64? = nil, concurrentRuns: Int = 1, memoryLimit: Int64? = nil,
        standardInput: () -> [UInt8] = InputText.readStandardInput
    ) throws(Diagnostic) -> LoadedScenario {
        let input = try InputText.read(path, standardInput: standardInput)
        return try load(
            input, overrides: overrides, seed: seed, concurrentRuns: concurrentRuns, memoryLimit: memoryLimit, standardInput: standardInput)
    }

    /// Loads a scenario already read (see `load(_:overrides:seed:concurrentRuns:standardInput:)`).
    public static func load(
        _ input: InputText, overrides: [Override] = [], seed: UInt64? = nil, concurrentRuns: Int = 1, memoryLimit: Int64? = nil,
        standardInput: () -> [UInt8] = InputText.readStandardInput
    ) throws(Diagnostic) -> LoadedScenario {
        var log = DiagnosticLog()
        let path = input.name
        let documents = try readDocuments(input)
        guard var document = documents.first else {
            throw .error(at: SourceLocation(file: path, line: 1, column: 1), "the scenario file is empty")
        }
        if documents.count > 1 {
            throw .error(
                at: documents[1].location, "a scenario file holds one document",
                hint: "put Kubernetes manifests in their own files and list them under spec.workloads")
        }
        for override in overrides where override.manifestTarget == nil { document = try override.apply(to: document) }
        var manifestOverrides = try ManifestOverrides(overrides)
        let base = input.folder
        var scenario = try ScenarioDecoder.decode(document, file: path, log: &log) { file, location throws(Diagnostic) in
            let resolved = resolve(file, in: base)
            return (resolved, try InputText.file(resolved, at: location).text)
        }
        if let seed { scenario.seed = seed }

        var manifests = ManifestSet()
        var stdinUsed = input.isStandardInput
        for source in scenario.workloads {
            let decoder = ManifestDecoder(defaultNamespace: source.namespace, startupDelay: source.startupDelay)
            if source.manifests == "-" {
                guard !stdinUsed else {
                    throw .error(
                        at: source.location, "standard input (\"-\") can be read only once",
                        hint: input.isStandardInput ? "the scenario itself came from standard input; name the manifests' files" : nil)
                }
                stdinUsed = true
                let manifestInput = try InputText.read("-", at: source.location, standardInput: standardInput)
                try decodeManifests(manifestInput, decoder: decoder, into: &manifests, log: &log, overrides: &manifestOverrides)
                continue
            }
            for file in try ManifestFiles.resolve(source.manifests, relativeTo: base, at: source.location) {
                try decodeManifests(
                    try InputText.file(file, at: source.location), decoder: decoder, into: &manifests, log: &log, overrides: &manifestOverrides)
            }
        }
        // The manifests of `apply` events, read now so that a bad one is an error before the run.
        var applied: [Int: ManifestSet] = [:]
        for (index, event) in scenario.events.enumerated() {
            guard case .apply(let path, let namespace) = event.action else { continue }
            var set = ManifestSet()
            let decoder = ManifestDecoder(defaultNamespace: namespace, startupDelay: nil)
            for file in try ManifestFiles.resolve(path, relativeTo: base, at: event.targetLocation) {
                try decodeManifests(
                    try InputText.file(file, at: event.targetLocation), decoder: decoder, into: &set, log: &log, overrides: &manifestOverrides)
            }
            applied[index] = set
        }
        try manifestOverrides.checkEachChangedOne(objects: manifests.definitions.keys.sorted())
        // Run-duration distributions replace the templates' fixed times.
        for (target, duration, location) in scenario.runDurations {
            var found = manifests.setRunDuration(duration, of: target)
            for index in applied.keys.sorted() { found = applied[index]?.setRunDuration(duration, of: target) == true || found }
            guard found else {
                throw .error(
                    at: location, "runDurations target \(target) is not a workload or Pod of this scenario",
                    hint: Suggestions.hint(for: target, in: manifests.workloadPaths))
            }
        }
        manifests.warnAboutEndlessJobs(log: &log)
        for index in applied.keys.sorted() { applied[index]?.warnAboutEndlessJobs(log: &log) }
        let scheduler = try schedulerConfiguration(scenario.scheduler, base: base)
        let available = memoryLimit ?? Limits.availableBytes(concurrentRuns: concurrentRuns)
        var setup = try buildSetup(
            scenario, manifests, applied: applied, scheduler: scheduler, memoryLimit: available, concurrentRuns: concurrentRuns, log: &log)
        setup.ignored = log.ignored
        return LoadedScenario(scenario: scenario, manifests: manifests, setup: setup, diagnostics: log.entries)
    }

    /// Checks a file of Kubernetes manifests on its own (`kubesim validate` on a manifest file).
    public static func validateManifests(_ path: String) throws(Diagnostic) -> (ManifestSet, [Diagnostic]) {
        try validateManifests(try InputText.read(path))
    }

    /// Checks Kubernetes manifests already read.
    public static func validateManifests(_ input: InputText) throws(Diagnostic) -> (ManifestSet, [Diagnostic]) {
        var log = DiagnosticLog()
        var manifests = ManifestSet()
        try decodeManifests(input, decoder: ManifestDecoder(defaultNamespace: "default", startupDelay: nil), into: &manifests, log: &log)
        manifests.warnAboutEndlessJobs(log: &log)
        return (manifests, log.entries)
    }

    /// True when the input's first document is a kubesim Scenario (else it is read as manifests).
    public static func isScenario(_ input: InputText) throws(Diagnostic) -> Bool {
        guard let first = try readDocuments(input).first, case .mapping(let pairs) = first.content else { return false }
        return pairs.contains { (try? $0.key.string("kind")) == "kind" && (try? $0.value.string("kind")) == "Scenario" }
    }

    /// `file` as named inside an input in `folder`: absolute paths as they are, others relative.
    private static func resolve(_ file: String, in folder: String) -> String {
        file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
    }

    private static func readDocuments(_ input: InputText) throws(Diagnostic) -> [YAMLNode] {
        do {
            return try YAMLReader.documents(in: input.text, file: input.name)
        } catch {
            throw Diagnostic(error)
        }
    }

    private static func decodeManifests(
        _ input: InputText, decoder: ManifestDecoder, into set: inout ManifestSet, log: inout DiagnosticLog
    ) throws(Diagnostic) {
        var none = try ManifestOverrides([])
        try decodeManifests(input, decoder: decoder, into: &set, log: &log, overrides: &none)
    }

    private static func decodeManifests(
        _ input: InputText, decoder: ManifestDecoder, into set: inout ManifestSet, log: inout DiagnosticLog,
        overrides: inout ManifestOverrides
    ) throws(Diagnostic) {
        for document in try readDocuments(input) { try decoder.decode(document, into: &set, log: &log, overrides: &overrides) }
    }

    /// The scheduler configuration a scenario asks for.
    private static func schedulerConfiguration(_ choice: SchedulerChoice, base: String) throws(Diagnostic) -> SchedulerConfiguration {
        switch choice {
        case .standard: return SchedulerConfiguration()
        case .preset(let name, let location):
            guard let configuration = SchedulerConfiguration.preset(named: name) else {
                throw .error(at: location, "unknown scheduler profile \(Diagnostic.quote(name))")
            }
            return configuration
        case .configFile(let file, let location):
            let path = resolve(file, in: base)
            let documents = try readDocuments(try InputText.file(path, at: location))
            guard let document = documents.first else { throw .error(at: location, "\(file) is empty") }
            return try SchedulerConfigDecoder.decode(document)
        }
    }

    /// The simulation setup, with the checks that need the whole scenario: namespaces, priority
    /// classes, expectation targets, schedulers, and the size of the run against this machine.
    private static func buildSetup(
        _ scenario: Scenario, _ manifests: ManifestSet, applied: [Int: ManifestSet], scheduler: SchedulerConfiguration, memoryLimit: Int64,
        concurrentRuns: Int, log: inout DiagnosticLog
    ) throws(Diagnostic) -> SimulationSetup {
        var namespaces = manifests.namespaces
        let used =
            manifests.templates.map(\.namespace) + manifests.services.map(\.meta.namespace) + manifests.disruptionBudgets.map(\.meta.namespace)
            + manifests.resourceQuotas.map(\.meta.namespace) + manifests.limitRanges.map(\.meta.namespace)
            + manifests.persistentVolumeClaims.map(\.meta.namespace)
        for namespace in used where namespace != "default" && !namespaces.contains(where: { $0.name == namespace }) {
            namespaces.append(NamespaceSpec(name: namespace))
            log.note(at: scenario.specLocation, "namespace \(Diagnostic.quote(namespace)) is not defined in the manifests; kubesim creates it")
        }
        let classNames = (PriorityClassSpec.builtIn + manifests.priorityClasses).map(\.name)
        let templates = manifests.templates.map(\.template.spec)
        for spec in templates {
            if let name = spec.priorityClassName, !name.isEmpty, !classNames.contains(name) {
                throw .error(
                    at: scenario.specLocation, "pods use priorityClassName \(Diagnostic.quote(name)), but no PriorityClass of that name is defined",
                    hint: Suggestions.hint(for: name, in: classNames) ?? "add a scheduling.k8s.io/v1 PriorityClass manifest")
            }
        }
        let traffic = try trafficSpecs(scenario, manifests)
        let timeline = try timelineEvents(scenario, manifests, applied: applied, log: &log)
        let faults = try faultSpecs(scenario, manifests)
        try checkAutoscalers(manifests)
        let workloads = Set(
            manifests.workloadPaths + traffic.map(\.target.path).filter { $0.hasPrefix("Service/") }
                + manifests.autoscalers.map { "\(RunSummary.autoscalerKind)/\($0.meta.namespace)/\($0.meta.name)" })
        for (expectation, location) in scenario.expectations {
            if let target = expectation.target, !workloads.contains(target) {
                throw .error(
                    at: location,
                    "expectation target \(target) is not a workload of this scenario, nor a Service that receives traffic, nor an HPA",
                    hint: Suggestions.hint(for: target, in: workloads.sorted()))
            }
        }
        let schedulerNames = scheduler.profiles.map(\.schedulerName)
        for name in Set(templates.map(\.schedulerName)).sorted() where !schedulerNames.contains(name) {
            log.warn(
                at: scenario.specLocation, "pods ask for scheduler \(Diagnostic.quote(name)), which this scenario does not run; they stay pending")
        }
        try checkNodeNames(scenario, manifests)
        var sized = manifests
        for index in applied.keys.sorted() { sized.add(applied[index] ?? ManifestSet()) }
        try checkSize(scenario, sized, timeline: timeline, available: memoryLimit, concurrentRuns: concurrentRuns)
        var setup = SimulationSetup(
            name: scenario.name, seed: scenario.seed, duration: scenario.duration, metricsInterval: scenario.metricsInterval,
            nodePools: scenario.nodePools, nodes: manifests.nodes, namespaces: namespaces, pods: manifests.pods,
            replicaSets: manifests.replicaSets, deployments: manifests.deployments, services: manifests.services,
            priorityClasses: manifests.priorityClasses, disruptionBudgets: manifests.disruptionBudgets,
            imageSizes: scenario.imageSizes, defaultImageSize: scenario.defaultImageSize, scheduler: scheduler,
            timeline: timeline, autoscalers: manifests.autoscalers, traffic: traffic,
            metricsResolution: scenario.metricsResolution, faults: faults, expectations: scenario.expectations.map(\.expectation))
        setup.daemonSets = manifests.daemonSets
        setup.statefulSets = manifests.statefulSets
        setup.jobs = manifests.jobs
        setup.cronJobs = manifests.cronJobs
        setup.startTime = scenario.startTime
        setup.resourceQuotas = manifests.resourceQuotas
        setup.limitRanges = manifests.limitRanges
        setup.storageClasses = manifests.storageClasses
        setup.persistentVolumes = manifests.persistentVolumes
        setup.persistentVolumeClaims = manifests.persistentVolumeClaims
        let claimsNeedAClass =
            manifests.persistentVolumeClaims.contains { $0.storageClassName == nil }
            || manifests.statefulSets.contains { $0.volumeClaimTemplates.contains { $0.storageClassName == nil } }
        if claimsNeedAClass && !manifests.storageClasses.contains(where: \.isDefault) {
            setup.storageClasses.append(.assumedDefault)
            log.note(
                at: scenario.specLocation,
                "claims name no storage class and the manifests define no default StorageClass; kubesim assumes one, \"standard\", provisioned where the first pod is scheduled (WaitForFirstConsumer), as managed clusters have"
            )
        }
        setup.memoryLimit = memoryLimit
        return setup
    }

    /// The Jobs a CronJob holds at once: one running and those its history limits keep, at most
    /// one more than the pods kubesim simulates (each Job has a pod), so sums over CronJobs stay
    /// far from overflowing.
    private static func jobsKept(_ cronJob: CronJobSpec) -> Int64 {
        min(1 + Int64(cronJob.successfulJobsHistoryLimit) + Int64(cronJob.failedJobsHistoryLimit), Limits.maxPods + 1)
    }

    /// A Node manifest may not take the name of a pool's node (`<pool>-<index>`): the cluster
    /// would hold two nodes of one name.
    private static func checkNodeNames(_ scenario: Scenario, _ manifests: ManifestSet) throws(Diagnostic) {
        for node in manifests.nodes {
            for pool in scenario.nodePools where node.name.hasPrefix(pool.name + "-") {
                let suffix = node.name.dropFirst(pool.name.count + 1)
                guard let index = Int(suffix), String(index) == suffix, index < pool.count else { continue }
                throw .error(
                    at: manifests.definitions["Node/\(node.name)"] ?? scenario.specLocation,
                    "Node \(node.name) has the name of node \(index) of pool \(Diagnostic.quote(pool.name)), so it would be defined twice",
                    hint: "pools name their nodes <pool>-0, <pool>-1, …: rename the Node or the pool")
            }
        }
    }

    /// Refuses up front a scenario larger than kubesim simulates or than this machine can hold,
    /// from what it declares: its nodes; every workload at the largest size it is given (its
    /// replicas, an HPA's minReplicas, a timeline `scale`) with a few events and a placement per
    /// pod; and the time-series rows of every sample. Growth the scenario does not declare (an
    /// HPA scaling up, pods retried for a month) is caught while running (`memoryLimit`).
    private static func checkSize(
        _ scenario: Scenario, _ manifests: ManifestSet, timeline: [TimelineEvent], available: Int64, concurrentRuns: Int
    ) throws(Diagnostic) {
        let nodes = scenario.nodePools.reduce(Int64(manifests.nodes.count)) { $0 + Int64($1.count) }
        guard nodes <= Limits.maxNodes else {
            throw .error(at: scenario.specLocation, "the scenario asks for \(nodes) nodes; kubesim simulates at most \(Limits.maxNodes)")
        }
        var largest: [String: Int64] = [:]
        for deployment in manifests.deployments {
            largest["Deployment/\(deployment.meta.namespace)/\(deployment.meta.name)"] = Int64(deployment.replicas)
        }
        for replicaSet in manifests.replicaSets {
            largest["ReplicaSet/\(replicaSet.meta.namespace)/\(replicaSet.meta.name)"] = Int64(replicaSet.replicas)
        }
        for statefulSet in manifests.statefulSets {
            largest["StatefulSet/\(statefulSet.meta.namespace)/\(statefulSet.meta.name)"] = Int64(statefulSet.replicas)
        }
        for job in manifests.jobs {
            // The pods a Job runs at once, and those it keeps when they finish.
            largest["Job/\(job.meta.namespace)/\(job.meta.name)"] = Int64(max(job.parallelism, job.completions ?? 1))
        }
        for cronJob in manifests.cronJobs {
            // The pods of one Job at once, for the Job running and those its history keeps (more
            // run at once under concurrencyPolicy Allow, which the run's own limit catches).
            let job = cronJob.jobTemplate
            let (pods, overflow) = Int64(max(job.parallelism, job.completions ?? 1)).multipliedReportingOverflow(by: Self.jobsKept(cronJob))
            largest["CronJob/\(cronJob.meta.namespace)/\(cronJob.meta.name)"] = overflow ? Limits.maxPods + 1 : min(pods, Limits.maxPods + 1)
        }
        for daemonSet in manifests.daemonSets {
            largest["DaemonSet/\(daemonSet.meta.namespace)/\(daemonSet.meta.name)"] = nodes
        }
        for autoscaler in manifests.autoscalers {
            let path = "\(autoscaler.targetKind.name)/\(autoscaler.meta.namespace)/\(autoscaler.targetName)"
            if let size = largest[path] { largest[path] = max(size, Int64(autoscaler.minReplicas)) }
        }
        for event in timeline {
            guard case .scale(let target, let replicas) = event.action, let size = largest[target.path] else { continue }
            largest[target.path] = max(size, Int64(replicas))
        }
        let pods = largest.values.reduce(Int64(manifests.pods.count), +)
        guard pods <= Limits.maxPods else {
            throw .error(at: scenario.specLocation, "the scenario asks for \(pods) pods; kubesim simulates at most \(Limits.maxPods)")
        }
        // Rows per sample, as the metrics recorder writes them: 10 for the cluster, 3 per pool,
        // 5 per Deployment and 2 per ReplicaSet (its own, and one per Deployment), 4 per DaemonSet
        // and StatefulSet, 3 per Job, 5 per traffic source, 6 per HPA (4 and a value and target
        // per metric), and 2 per CronJob with 3 for each Job it runs or keeps.
        let rowsPerSample = Int64(
            10 + 3 * scenario.nodePools.count + 7 * manifests.deployments.count + 2 * manifests.replicaSets.count + 5 * scenario.traffic.count
                + 6 * manifests.autoscalers.count + 4 * (manifests.daemonSets.count + manifests.statefulSets.count) + 3 * manifests.jobs.count
                + manifests.cronJobs.reduce(0) { $0 + 2 + 3 * Int(jobsKept($1)) })
        let samples = scenario.duration / scenario.metricsInterval + 1
        let (rows, overflow) = samples.multipliedReportingOverflow(by: rowsPerSample)
        let use = MemoryUse(nodes: nodes, pods: pods, events: 3 * pods, placements: pods, seriesRows: overflow ? Int64.max : rows)
        guard use.bytes <= available else {
            let share = concurrentRuns > 1 ? " with \(concurrentRuns) runs at once" : ""
            throw .error(
                at: scenario.specLocation,
                "this scenario needs an estimated \(MemoryUse.formatted(use.bytes)) of memory (\(nodes) nodes, \(pods) pods, \(samples) metric samples of \(rowsPerSample) rows); the run may use \(MemoryUse.formatted(available))\(share)",
                hint: concurrentRuns > 1
                    ? "run fewer at once, or reduce node counts or replicas, shorten spec.duration, or raise spec.metrics.interval"
                    : "reduce node counts or replicas, shorten spec.duration, or raise spec.metrics.interval")
        }
    }
}
