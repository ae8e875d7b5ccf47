import SimCore

/// Decodes the scenario document (schema `kubesim.io/v1alpha1`, kind `Scenario`). Unknown fields
/// are errors with a "did you mean" hint.
enum ScenarioDecoder {
    static let apiVersion = "kubesim.io/v1alpha1"
    static let specFields = [
        "duration", "startTime", "seed", "metrics", "cluster", "scheduler", "workloads", "traffic", "faults", "events", "expect",
        "runDurations",
    ]
    static let poolFields = [
        "name", "count", "zones", "capacity", "reserved", "labels", "taints", "pricePerHour", "podStartupDelay",
        "preloadedImages", "autoscaling", "startupDelay",
    ]

    /// Decodes `document`; `readFile` reads files the scenario names (traffic traces).
    static func decode(
        _ document: YAMLNode, file: String, log: inout DiagnosticLog,
        readFile: @escaping (_ path: String, _ location: SourceLocation) throws(Diagnostic) -> (path: String, text: String)
    )
        throws(Diagnostic) -> Scenario
    {
        let top = try Fields(document, "scenario")
        try top.rejectUnknown(["apiVersion", "kind", "metadata", "spec"])
        let apiVersionNode = try top.required("apiVersion", hint: "start the file with apiVersion: \(apiVersion)")
        guard try apiVersionNode.string("apiVersion") == apiVersion else {
            throw .error(
                at: apiVersionNode.location, "unsupported apiVersion \"\(try apiVersionNode.string("apiVersion"))\"", hint: "use \(apiVersion)")
        }
        let kindNode = try top.required("kind", hint: "add kind: Scenario")
        guard try kindNode.string("kind") == "Scenario" else {
            throw .error(
                at: kindNode.location, "a scenario file must have kind: Scenario, not \(Diagnostic.quote(try kindNode.string("kind")))",
                hint: "Kubernetes manifests go in files listed under spec.workloads[].manifests")
        }
        let metadata = try Fields(try top.required("metadata"), "metadata")
        try metadata.rejectUnknown(["name", "description"])
        let nameNode = try metadata.required("name")
        let name = try nameNode.string("name")
        guard ObjectNames.isSubdomain(name.lowercased()) else {
            throw .error(
                at: nameNode.location, "scenario name \(Diagnostic.quote(name)) cannot name an output folder",
                hint: "use letters, digits, dashes and dots")
        }
        let specNode = try top.required("spec")
        let spec = try Fields(specNode, "spec")
        try spec.rejectUnknown(specFields)
        let durationNode = try spec.required("duration", hint: "for example duration: 24h")
        let duration = try durationNode.duration("duration")
        guard duration > 0 else { throw .error(at: durationNode.location, "\"duration\" must be positive") }
        var seed: UInt64 = 0
        if let seedNode = spec["seed"] {
            let value = try seedNode.int("seed")
            guard value >= 0 else { throw .error(at: seedNode.location, "\"seed\" must not be negative") }
            seed = UInt64(value)
        }
        var interval = Millis.minute
        var resolution = SimulationSetup.defaultMetricsResolution
        if let metricsNode = spec["metrics"] {
            let metrics = try Fields(metricsNode, "metrics")
            try metrics.rejectUnknown(["interval", "resolution"])
            if let intervalNode = metrics["interval"] {
                interval = try intervalNode.duration("interval")
                guard interval >= Millis.second else {
                    throw .error(at: intervalNode.location, "metrics interval must be at least 1s")
                }
            }
            if let resolutionNode = metrics["resolution"] {
                resolution = try resolutionNode.duration("resolution")
                guard resolution >= Millis.second else {
                    throw .error(at: resolutionNode.location, "metrics resolution must be at least 1s", hint: "metrics-server's default is 15s")
                }
            }
        }
        let startTime = try spec["startTime"].map { node throws(Diagnostic) in try StartTime.milliseconds(node) } ?? SimulationSetup.defaultStartTime
        let (pools, countLocations) = try nodePools(spec, log: &log)
        let (imageSizes, defaultImageSize) = try images(spec)
        var scenario = Scenario(
            file: file, name: name, description: try metadata["description"]?.string("description"), duration: duration,
            startTime: startTime, seed: seed, metricsInterval: interval, nodePools: pools, imageSizes: imageSizes, defaultImageSize: defaultImageSize,
            scheduler: try scheduler(spec), workloads: try workloads(spec),
            traffic: try TrafficDecoder(readFile: readFile).decode(spec), events: try TimelineDecoder.decode(spec),
            faults: try FaultDecoder.decode(spec),
            metricsResolution: resolution, expectations: try expectations(spec), specLocation: specNode.location,
            poolCountLocations: countLocations)
        scenario.runDurations = try RunDurationDecoder.decode(spec)
        return scenario
    }

    private static func nodePools(_ spec: Fields, log: inout DiagnosticLog) throws(Diagnostic) -> ([NodePool], [SourceLocation]) {
        guard let clusterNode = spec["cluster"] else { return ([], []) }
        let cluster = try Fields(clusterNode, "cluster")
        try cluster.rejectUnknown(["nodePools", "images", "defaultImageSize"])
        var pools: [NodePool] = []
        var countLocations: [SourceLocation] = []
        for item in try cluster["nodePools"]?.items("nodePools") ?? [] {
            let pool = try Fields(item, "node pool")
            try pool.rejectUnknown(poolFields)
            let nameNode = try pool.required("name")
            let name = try nameNode.string("name")
            guard ObjectNames.isLabel(name) else {
                throw .error(
                    at: nameNode.location, "node pool name \(Diagnostic.quote(name)) is not valid",
                    hint: "a pool's name is a label value on its nodes: \(ObjectNames.labelRule)")
            }
            if pools.contains(where: { $0.name == name }) {
                throw .error(at: nameNode.location, "node pool \(Diagnostic.quote(name)) is defined twice")
            }
            if let autoscaling = pool["autoscaling"] {
                throw .error(
                    at: autoscaling.location, "autoscaling: the cluster-autoscaler is not simulated by this version of kubesim",
                    hint: "remove autoscaling and size the pool with count")
            }
            if let startup = pool["startupDelay"] {
                throw .error(
                    at: startup.location, "startupDelay is the boot time of nodes added later, which this version does not simulate",
                    hint: "for the time pods take to start on this pool, use podStartupDelay")
            }
            let countNode = try pool.required("count")
            let count = try countNode.int("count")
            guard count >= 0 else { throw .error(at: countNode.location, "\"count\" must not be negative") }
            guard count <= Limits.maxNodes else {
                throw .error(
                    at: countNode.location,
                    "node pool \(Diagnostic.quote(name)) asks for \(count) nodes; kubesim simulates at most \(Limits.maxNodes) nodes")
            }
            countLocations.append(countNode.location)
            var zones: [String] = []
            for zone in try pool["zones"]?.items("zones") ?? [] { zones.append(try zone.string("zones")) }
            let capacityNode = try pool.required("capacity", hint: "for example capacity: {cpu: \"8\", memory: 32Gi, pods: 110}")
            var capacity = try resources(capacityNode, field: "capacity")
            guard capacity.cpu > 0, capacity.memory > 0 else {
                throw .error(
                    at: capacityNode.location, "node pool capacity needs cpu and memory", hint: "for example capacity: {cpu: \"8\", memory: 32Gi}")
            }
            if capacity.pods == 0 { capacity.pods = 110 }
            var reserved = Resources()
            if let reservedNode = pool["reserved"] {
                reserved = try resources(reservedNode, field: "reserved")
                if let resource = reserved.firstExceeding(capacity) {
                    throw .error(
                        at: reservedNode.location,
                        "node pool \(Diagnostic.quote(name)) reserves more \(resource) than its capacity; allocatable would be negative",
                        hint: "reserved is the part of capacity kept for the system: make it smaller than capacity")
                }
            }
            var taints: [Taint] = []
            let taintDecoder = ManifestDecoder(defaultNamespace: "default", startupDelay: nil)
            for taintNode in try pool["taints"]?.items("taints") ?? [] { taints.append(try taintDecoder.taint(taintNode, log: &log)) }
            var price = 0.0
            if let priceNode = pool["pricePerHour"] {
                price = try priceNode.number("pricePerHour")
                guard price >= 0 else { throw .error(at: priceNode.location, "\"pricePerHour\" must not be negative") }
            }
            let podStartup = try pool["podStartupDelay"]?.duration("podStartupDelay") ?? NodePool.defaultPodStartupDelay
            var preloaded: [String] = []
            for image in try pool["preloadedImages"]?.items("preloadedImages") ?? [] { preloaded.append(try image.string("preloadedImages")) }
            pools.append(
                NodePool(
                    name: name, count: Int(count), zones: zones, capacity: capacity, reserved: reserved,
                    labels: try pool["labels"]?.stringMap("labels") ?? Labels(), taints: taints, pricePerHour: price,
                    podStartupDelay: podStartup, preloadedImages: preloaded))
        }
        return (pools, countLocations)
    }

    /// `cluster.images: [{name, size}]` and `cluster.defaultImageSize`.
    private static func images(_ spec: Fields) throws(Diagnostic) -> ([(image: String, bytes: Int64)], Int64) {
        guard let clusterNode = spec["cluster"] else { return ([], SimulationSetup.standardImageSize) }
        let cluster = try Fields(clusterNode, "cluster")
        var sizes: [(image: String, bytes: Int64)] = []
        for item in try cluster["images"]?.items("images") ?? [] {
            let entry = try Fields(item, "image")
            try entry.rejectUnknown(["name", "size"])
            sizes.append((try entry.required("name").string("name"), try entry.required("size").quantity("size", resource: ResourceName.memory)))
        }
        let defaultSize =
            try cluster["defaultImageSize"]?.quantity("defaultImageSize", resource: ResourceName.memory) ?? SimulationSetup.standardImageSize
        return (sizes, defaultSize)
    }

    /// `spec.scheduler`: `{config: FILE}` for a KubeSchedulerConfiguration, or `{profile: NAME}` for a preset.
    private static func scheduler(_ spec: Fields) throws(Diagnostic) -> SchedulerChoice {
        guard let node = spec["scheduler"] else { return .standard }
        let fields = try Fields(node, "scheduler")
        try fields.rejectUnknown(["config", "profile"])
        switch (fields["config"], fields["profile"]) {
        case (let config?, nil): return .configFile(try config.string("config"), config.location)
        case (nil, let profile?):
            let name = try profile.string("profile")
            let names = SchedulerConfiguration.presets.map(\.name)
            guard names.contains(name) else {
                throw .error(
                    at: profile.location, "unknown scheduler profile \(Diagnostic.quote(name))",
                    hint: Suggestions.hint(for: name, in: names) ?? "expected one of: \(names.joined(separator: ", "))")
            }
            return .preset(name, profile.location)
        case (nil, nil): return .standard
        case (_?, _?): throw .error(at: node.location, "scheduler takes either config or profile, not both")
        }
    }

    private static func resources(_ node: YAMLNode, field: String) throws(Diagnostic) -> Resources {
        var result = Resources()
        for pair in try node.pairs(field) {
            let name = try pair.key.string(field)
            guard
                [ResourceName.cpu, ResourceName.memory, ResourceName.pods, ResourceName.ephemeralStorage].contains(name)
                    || ResourceName.isScalar(name)
            else {
                throw .error(
                    at: pair.key.location, "unknown resource \(Diagnostic.quote(name)) in \(field)",
                    hint: Suggestions.hint(for: name, in: ["cpu", "memory", "pods", "ephemeral-storage"])
                        ?? "extended resources are written with a domain, e.g. nvidia.com/gpu")
            }
            result[name] = try pair.value.quantity("\(field).\(name)", resource: name)
        }
        return result
    }

    private static func workloads(_ spec: Fields) throws(Diagnostic) -> [WorkloadSource] {
        var sources: [WorkloadSource] = []
        for item in try spec["workloads"]?.items("workloads") ?? [] {
            let entry = try Fields(item, "workloads entry")
            try entry.rejectUnknown(["manifests", "namespace", "startupDelay"])
            let manifestsNode = try entry.required("manifests", hint: "a file, a directory, a glob such as manifests/*.yaml, or - for standard input")
            let namespace = try entry["namespace"].map { node throws(Diagnostic) in try ObjectNames.namespace(node) } ?? "default"
            sources.append(
                WorkloadSource(
                    manifests: try manifestsNode.string("manifests"), location: manifestsNode.location, namespace: namespace,
                    startupDelay: try entry["startupDelay"]?.duration("startupDelay")))
        }
        return sources
    }

    private static func expectations(_ spec: Fields) throws(Diagnostic) -> [(expectation: Expectation, location: SourceLocation)] {
        var result: [(Expectation, SourceLocation)] = []
        for item in try spec["expect"]?.items("expect") ?? [] {
            let entry = try Fields(item, "expectation")
            try entry.rejectUnknown(["metric", "target", "op", "value"])
            let metricNode = try entry.required("metric")
            let metric = try metricNode.string("metric")
            let target = try entry["target"].map { node throws(Diagnostic) -> String in try workloadPath(node) }
            guard Expectation.isMetric(metric, forTarget: target) else {
                let valid = Expectation.metrics(forTarget: target)
                let needsTarget = target == nil && (Expectation.workloadMetrics + Expectation.autoscalerMetrics).contains(metric)
                throw .error(
                    at: metricNode.location,
                    "unknown metric \(Diagnostic.quote(metric)) for an expectation \(target == nil ? "without" : "with") a target",
                    hint: needsTarget
                        ? "\(metric) needs a target workload"
                        : target != nil && Expectation.isMetric(metric, forTarget: nil)
                            ? "\(metric) takes no target"
                            : Suggestions.hint(for: metric, in: valid) ?? "expected one of: \(valid.joined(separator: ", "))")
            }
            let opNode = try entry.required("op")
            let opText = try opNode.string("op")
            guard let op = Expectation.Comparison(rawValue: opText) else {
                throw .error(
                    at: opNode.location, "unknown comparison \(Diagnostic.quote(opText))",
                    hint: "expected one of: \(Expectation.Comparison.allCases.map(\.rawValue).joined(separator: " "))")
            }
            let value = try entry.required("value").number("value")
            result.append((Expectation(metric: metric, target: target, op: op, value: value), item.location))
        }
        return result
    }

    /// A workload reference "Kind/namespace/name", or "Kind/name" in the default namespace.
    static func workloadPath(_ node: YAMLNode) throws(Diagnostic) -> String {
        let text = try node.string("target")
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .error(
                at: node.location, "target \(Diagnostic.quote(text)) must be Kind/namespace/name", hint: "for example Deployment/shop/frontend")
        }
        return parts.count == 2 ? "\(parts[0])/default/\(parts[1])" : text
    }
}
