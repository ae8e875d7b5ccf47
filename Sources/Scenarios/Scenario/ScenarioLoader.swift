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
    /// Loads `path` with `--set` overrides and an optional seed override. `standardInput` supplies
    /// the text for a `manifests: "-"` entry. `concurrentRuns` is how many runs will share the
    /// machine at once (a study's worker threads): each may plan on its share of the memory.
    public static func load(
        _ path: String, overrides: [Override] = [], seed: UInt64? = nil, concurrentRuns: Int = 1,
        standardInput: () -> String? = { readStandardInput() }
    ) throws(Diagnostic) -> LoadedScenario {
        var log = DiagnosticLog()
        let documents = try readDocuments(path)
        guard var document = documents.first else {
            throw .error(at: SourceLocation(file: path, line: 1, column: 1), "the scenario file is empty")
        }
        if documents.count > 1 {
            throw .error(
                at: documents[1].location, "a scenario file holds one document",
                hint: "put Kubernetes manifests in their own files and list them under spec.workloads")
        }
        for override in overrides { document = try override.apply(to: document) }
        let base = (path as NSString).deletingLastPathComponent
        var scenario = try ScenarioDecoder.decode(document, file: path, log: &log) { file, location throws(Diagnostic) in
            let resolved = file.hasPrefix("/") ? file : (base as NSString).appendingPathComponent(file)
            return (resolved, try readText(resolved, at: location))
        }
        if let seed { scenario.seed = seed }

        var manifests = ManifestSet()
        var stdinUsed = false
        for source in scenario.workloads {
            let decoder = ManifestDecoder(defaultNamespace: source.namespace, startupDelay: source.startupDelay)
            if source.manifests == "-" {
                guard !stdinUsed else { throw .error(at: source.location, "standard input (\"-\") can be read only once") }
                stdinUsed = true
                let text = standardInput() ?? ""
                try decodeManifests(text, file: "<stdin>", decoder: decoder, into: &manifests, log: &log)
                continue
            }
            for file in try ManifestFiles.resolve(source.manifests, relativeTo: base, at: source.location) {
                try decodeManifests(try readText(file, at: source.location), file: file, decoder: decoder, into: &manifests, log: &log)
            }
        }
        let scheduler = try schedulerConfiguration(scenario.scheduler, base: base)
        let setup = try buildSetup(scenario, manifests, scheduler: scheduler, concurrentRuns: concurrentRuns, log: &log)
        return LoadedScenario(scenario: scenario, manifests: manifests, setup: setup, diagnostics: log.entries)
    }

    /// Checks a file of Kubernetes manifests on its own (`kubesim validate` on a manifest file).
    public static func validateManifests(_ path: String) throws(Diagnostic) -> (ManifestSet, [Diagnostic]) {
        var log = DiagnosticLog()
        var manifests = ManifestSet()
        try decodeManifests(
            try readText(path, at: nil), file: path, decoder: ManifestDecoder(defaultNamespace: "default", startupDelay: nil),
            into: &manifests, log: &log)
        return (manifests, log.entries)
    }

    /// True when the file's first document is a kubesim Scenario (else it is read as manifests).
    public static func isScenario(_ path: String) throws(Diagnostic) -> Bool {
        guard let first = try readDocuments(path).first, case .mapping(let pairs) = first.content else { return false }
        return pairs.contains { (try? $0.key.string("kind")) == "kind" && (try? $0.value.string("kind")) == "Scenario" }
    }

    /// All of standard input, or nil when there is none.
    public static func readStandardInput() -> String? {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return data.isEmpty ? nil : String(decoding: data, as: UTF8.self)
    }

    private static func readDocuments(_ path: String) throws(Diagnostic) -> [YAMLNode] {
        let text = try readText(path, at: nil)
        do {
            return try YAMLReader.documents(in: text, file: path)
        } catch {
            throw Diagnostic(error)
        }
    }

    static func readText(_ path: String, at location: SourceLocation?) throws(Diagnostic) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(.error, at: location, "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw Diagnostic(.error, at: location, "\(path) is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw Diagnostic(.error, at: location, "\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw Diagnostic(.error, at: location, "\(path) is not UTF-8 text") }
        return text
    }

    private static func decodeManifests(
        _ text: String, file: String, decoder: ManifestDecoder, into set: inout ManifestSet,
        log: inout DiagnosticLog
    ) throws(Diagnostic) {
        let documents: [YAMLNode]
        do {
            documents = try YAMLReader.documents(in: text, file: file)
        } catch {
            throw Diagnostic(error)
        }
        for document in documents { try decoder.decode(document, into: &set, log: &log) }
    }

    /// The scheduler configuration a scenario asks for.
    private static func schedulerConfiguration(_ choice: SchedulerChoice, base: String) throws(Diagnostic) -> SchedulerConfiguration {
        switch choice {
        case .standard: return SchedulerConfiguration()
        case .preset(let name, let location):
            guard let configuration = SchedulerConfiguration.preset(named: name) else {
                throw .error(at: location, "unknown scheduler profile \"\(name)\"")
            }
            return configuration
        case .configFile(let file, let location):
            let path = file.hasPrefix("/") ? file : (base as NSString).appendingPathComponent(file)
            let documents: [YAMLNode]
            let text = try readText(path, at: location)
            do {
                documents = try YAMLReader.documents(in: text, file: path)
            } catch {
                throw Diagnostic(error)
            }
            guard let document = documents.first else { throw .error(at: location, "\(file) is empty") }
            return try SchedulerConfigDecoder.decode(document)
        }
    }

    /// The simulation setup, with the checks that need the whole scenario: namespaces, priority
    /// classes, expectation targets, schedulers, and the size of the run against this machine.
    private static func buildSetup(
        _ scenario: Scenario, _ manifests: ManifestSet, scheduler: SchedulerConfiguration, concurrentRuns: Int,
        log: inout DiagnosticLog
    ) throws(Diagnostic) -> SimulationSetup {
        var namespaces = manifests.namespaces
        let used =
            manifests.pods.map(\.meta.namespace) + manifests.replicaSets.map(\.meta.namespace) + manifests.deployments.map(\.meta.namespace)
            + manifests.services.map(\.meta.namespace) + manifests.disruptionBudgets.map(\.meta.namespace)
        for namespace in used where namespace != "default" && !namespaces.contains(where: { $0.name == namespace }) {
            namespaces.append(NamespaceSpec(name: namespace))
            log.note(at: scenario.specLocation, "namespace \"\(namespace)\" is not defined in the manifests; kubesim creates it")
        }
        let classNames = (PriorityClassSpec.builtIn + manifests.priorityClasses).map(\.name)
        let templates = manifests.pods.map(\.spec) + manifests.replicaSets.map(\.template.spec) + manifests.deployments.map(\.template.spec)
        for spec in templates {
            if let name = spec.priorityClassName, !name.isEmpty, !classNames.contains(name) {
                throw .error(
                    at: scenario.specLocation, "pods use priorityClassName \"\(name)\", but no PriorityClass of that name is defined",
                    hint: Suggestions.hint(for: name, in: classNames) ?? "add a scheduling.k8s.io/v1 PriorityClass manifest")
            }
        }
        let traffic = try trafficSpecs(scenario, manifests)
        let timeline = try timelineEvents(scenario, manifests)
        let faults = try faultSpecs(scenario, manifests)
        try checkAutoscalers(manifests)
        let workloads = Set(
            manifests.deployments.map { "Deployment/\($0.meta.namespace)/\($0.meta.name)" }
                + manifests.replicaSets.map { "ReplicaSet/\($0.meta.namespace)/\($0.meta.name)" }
                + traffic.map(\.target.path).filter { $0.hasPrefix("Service/") })
        for (expectation, location) in scenario.expectations {
            if let target = expectation.target, !workloads.contains(target) {
                throw .error(
                    at: location,
                    "expectation target \(target) is not a Deployment or ReplicaSet of this scenario, nor a Service that receives traffic",
                    hint: Suggestions.hint(for: target, in: workloads.sorted()))
            }
        }
        let schedulerNames = scheduler.profiles.map(\.schedulerName)
        for name in Set(templates.map(\.schedulerName)).sorted() where !schedulerNames.contains(name) {
            log.warn(at: scenario.specLocation, "pods ask for scheduler \"\(name)\", which this scenario does not run; they stay pending")
        }
        try checkSize(scenario, manifests, concurrentRuns: concurrentRuns)
        return SimulationSetup(
            name: scenario.name, seed: scenario.seed, duration: scenario.duration, metricsInterval: scenario.metricsInterval,
            nodePools: scenario.nodePools, nodes: manifests.nodes, namespaces: namespaces, pods: manifests.pods,
            replicaSets: manifests.replicaSets, deployments: manifests.deployments, services: manifests.services,
            priorityClasses: manifests.priorityClasses, disruptionBudgets: manifests.disruptionBudgets,
            imageSizes: scenario.imageSizes, defaultImageSize: scenario.defaultImageSize, scheduler: scheduler,
            timeline: timeline, autoscalers: manifests.autoscalers, traffic: traffic,
            metricsResolution: scenario.metricsResolution, faults: faults, expectations: scenario.expectations.map(\.expectation))
    }

    private static func checkSize(_ scenario: Scenario, _ manifests: ManifestSet, concurrentRuns: Int) throws(Diagnostic) {
        let nodes = scenario.nodePools.reduce(Int64(manifests.nodes.count)) { $0 + Int64($1.count) }
        guard nodes <= Limits.maxNodes else {
            throw .error(at: scenario.specLocation, "the scenario asks for \(nodes) nodes; kubesim simulates at most \(Limits.maxNodes)")
        }
        let pods =
            Int64(manifests.pods.count) + manifests.replicaSets.reduce(0) { $0 + Int64($1.replicas) }
            + manifests.deployments.reduce(0) { $0 + Int64($1.replicas) } + manifests.autoscalers.reduce(0) { $0 + Int64($1.maxReplicas) }
        guard pods <= Limits.maxPods else {
            throw .error(at: scenario.specLocation, "the scenario asks for \(pods) pods; kubesim simulates at most \(Limits.maxPods)")
        }
        let objectsPerSample = Int64(6 + 3 * scenario.nodePools.count + 5 * manifests.deployments.count + 2 * manifests.replicaSets.count)
        let samples = scenario.duration / scenario.metricsInterval + 1
        let (rows, overflow) = samples.multipliedReportingOverflow(by: objectsPerSample)
        let needed = Limits.estimatedBytes(nodes: nodes, pods: pods, seriesRows: overflow ? Int64.max / 64 : rows)
        let available = Limits.availableBytes(concurrentRuns: concurrentRuns)
        guard needed <= available else {
            let share = concurrentRuns > 1 ? " with \(concurrentRuns) runs at once" : ""
            throw .error(
                at: scenario.specLocation,
                "this scenario needs an estimated \(Limits.gibibytes(needed)) GiB of memory (\(nodes) nodes, \(pods) pods, \(samples) metric samples); this machine can give a run \(Limits.gibibytes(available)) GiB\(share)",
                hint: concurrentRuns > 1
                    ? "run fewer at once, or reduce node counts or replicas, shorten spec.duration, or raise spec.metrics.interval"
                    : "reduce node counts or replicas, shorten spec.duration, or raise spec.metrics.interval")
        }
    }
}
