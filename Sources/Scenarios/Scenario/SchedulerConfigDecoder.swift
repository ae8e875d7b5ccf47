import SimCore

/// Decodes a `KubeSchedulerConfiguration` (kubescheduler.config.k8s.io/v1) as kube-scheduler
/// reads it: strict fields, profiles with per-extension-point plugin sets merged with the
/// defaults, and `pluginConfig` arguments for the plugins kubesim simulates, with upstream's
/// defaults and validation ranges. Settings that only concern a real process (leader election,
/// client connection, profiling) are accepted and have no effect.
enum SchedulerConfigDecoder {
    static let apiVersion = "kubescheduler.config.k8s.io/v1"
    static let topFields = [
        "apiVersion", "kind", "parallelism", "leaderElection", "clientConnection", "healthzBindAddress",
        "metricsBindAddress", "enableProfiling", "enableContentionProfiling", "percentageOfNodesToScore",
        "podInitialBackoffSeconds", "podMaxBackoffSeconds", "profiles", "extenders", "delayCacheUntilActive",
    ]
    static let pointNames: [String: ExtensionPoint?] = [
        "multiPoint": nil, "preEnqueue": .preEnqueue, "queueSort": .queueSort, "preFilter": .preFilter, "filter": .filter,
        "postFilter": .postFilter, "preScore": .preScore, "score": .score, "reserve": .reserve, "permit": .permit,
        "preBind": .preBind, "bind": .bind, "postBind": .postBind,
    ]

    static func decode(_ document: YAMLNode) throws(Diagnostic) -> SchedulerConfiguration {
        let top = try Fields(document, "KubeSchedulerConfiguration")
        try top.rejectUnknown(topFields)
        let versionNode = try top.required("apiVersion", hint: "start the file with apiVersion: \(apiVersion)")
        guard try versionNode.string("apiVersion") == apiVersion else {
            throw .error(
                at: versionNode.location, "unsupported scheduler configuration apiVersion \"\(try versionNode.string("apiVersion"))\"",
                hint: "kube-scheduler v1.32 reads \(apiVersion)")
        }
        let kindNode = try top.required("kind")
        guard try kindNode.string("kind") == "KubeSchedulerConfiguration" else {
            throw .error(at: kindNode.location, "expected kind: KubeSchedulerConfiguration")
        }
        if let extenders = top["extenders"], !(try extenders.items("extenders")).isEmpty {
            throw .error(at: extenders.location, "scheduler extenders are not simulated by kubesim")
        }
        var configuration = SchedulerConfiguration(profiles: [])
        if let node = top["percentageOfNodesToScore"] { configuration.percentageOfNodesToScore = try percentage(node, "percentageOfNodesToScore") }
        if let node = top["podInitialBackoffSeconds"] { configuration.podInitialBackoff = try seconds(node, "podInitialBackoffSeconds") }
        if let node = top["podMaxBackoffSeconds"] { configuration.podMaxBackoff = try seconds(node, "podMaxBackoffSeconds") }
        if configuration.podMaxBackoff < configuration.podInitialBackoff {
            throw .error(
                at: top["podMaxBackoffSeconds"]?.location ?? document.location, "podMaxBackoffSeconds must be at least podInitialBackoffSeconds")
        }
        for item in try top["profiles"]?.items("profiles") ?? [] {
            let profile = try decodeProfile(item)
            if configuration.profiles.contains(where: { $0.schedulerName == profile.schedulerName }) {
                throw .error(at: item.location, "two profiles share schedulerName \(Diagnostic.quote(profile.schedulerName))")
            }
            if let problem = SchedulerConfiguration(profiles: [profile]).problems.first { throw .error(at: item.location, problem) }
            configuration.profiles.append(profile)
        }
        if configuration.profiles.isEmpty { configuration.profiles = [.default] }
        return configuration
    }

    private static func percentage(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> Int32 {
        let value = try node.int(field)
        guard (0...100).contains(value) else { throw .error(at: node.location, "\"\(field)\" must be between 0 and 100") }
        return Int32(value)
    }

    private static func seconds(_ node: YAMLNode, _ field: String) throws(Diagnostic) -> SimTime {
        let value = try node.int(field)
        guard value > 0, value < 1_000_000 else { throw .error(at: node.location, "\"\(field)\" must be a positive number of seconds") }
        return Millis.seconds(value)
    }

    private static func decodeProfile(_ node: YAMLNode) throws(Diagnostic) -> SchedulerProfile {
        let fields = try Fields(node, "profile")
        try fields.rejectUnknown(["schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig"])
        var config = ProfileConfig(schedulerName: try fields["schedulerName"]?.string("schedulerName") ?? PodSpec.defaultSchedulerName)
        if let percentageNode = fields["percentageOfNodesToScore"] {
            config.percentageOfNodesToScore = try percentage(percentageNode, "percentageOfNodesToScore")
        }
        if let pluginsNode = fields["plugins"] {
            let plugins = try Fields(pluginsNode, "plugins")
            try plugins.rejectUnknown(pointNames.keys.sorted())
            for key in plugins.keys {
                guard let setNode = plugins[key.name] else { continue }
                let set = try pluginSet(setNode, point: key.name)
                if let point = pointNames[key.name] ?? nil { config.points[point] = set } else { config.multiPoint = set }
            }
        }
        for item in try fields["pluginConfig"]?.items("pluginConfig") ?? [] {
            let entry = try Fields(item, "pluginConfig entry")
            try entry.rejectUnknown(["name", "args"])
            let nameNode = try entry.required("name")
            let name = try nameNode.string("name")
            try checkPluginName(name, at: nameNode.location)
            if let args = entry["args"] { try PluginArgumentsDecoder.decode(args, plugin: name, into: &config.arguments) }
        }
        return SchedulerProfile(merging: config)
    }

    private static func pluginSet(_ node: YAMLNode, point: String) throws(Diagnostic) -> PluginSetConfig {
        let fields = try Fields(node, "\(point) plugins")
        try fields.rejectUnknown(["enabled", "disabled"])
        var set = PluginSetConfig()
        for item in try fields["enabled"]?.items("enabled") ?? [] {
            let plugin = try Fields(item, "plugin")
            try plugin.rejectUnknown(["name", "weight"])
            let nameNode = try plugin.required("name")
            let name = try nameNode.string("name")
            try checkPluginName(name, at: nameNode.location)
            if let extensionPoint = pointNames[point] ?? nil, !PluginRegistry.extensionPoints(of: name).contains(extensionPoint) {
                let implemented = ExtensionPoint.allCases.filter(PluginRegistry.extensionPoints(of: name).contains).map(\.rawValue)
                throw .error(
                    at: nameNode.location, SchedulerConfiguration.doesNotExtend(name, extensionPoint),
                    hint: "\(name) implements \(implemented.joined(separator: ", ")); name it under multiPoint to enable it wherever it applies")
            }
            var weight: Int64 = 0
            if let weightNode = plugin["weight"] {
                weight = try weightNode.int("weight")
                guard (0...100).contains(weight) else { throw .error(at: weightNode.location, "plugin weight must be between 0 and 100") }
            }
            set.enabled.append(WeightedPlugin(name, weight: weight))
        }
        for item in try fields["disabled"]?.items("disabled") ?? [] {
            let plugin = try Fields(item, "plugin")
            try plugin.rejectUnknown(["name", "weight"])
            let nameNode = try plugin.required("name")
            let name = try nameNode.string("name")
            if name != "*" { try checkPluginName(name, at: nameNode.location) }
            set.disabled.append(name)
        }
        return set
    }

    private static func checkPluginName(_ name: String, at location: SourceLocation) throws(Diagnostic) {
        let known = PluginRegistry.names
        guard known.contains(name) else {
            throw .error(
                at: location, "plugin \(Diagnostic.quote(name)) does not exist in kube-scheduler v1.32's registry",
                hint: Suggestions.hint(for: name, in: known) ?? "known plugins: \(known.joined(separator: ", "))")
        }
    }
}
