/// The `plugins` of one profile as a `KubeSchedulerConfiguration` writes them: per extension point
/// (and `multiPoint`), the plugins enabled (in order, with weights) and disabled.
public struct PluginSetConfig: Sendable, Hashable {
    public var enabled: [WeightedPlugin]
    public var disabled: [String]

    public init(enabled: [WeightedPlugin] = [], disabled: [String] = []) {
        self.enabled = enabled
        self.disabled = disabled
    }
}

/// One profile of a configuration file, before merging with the defaults.
public struct ProfileConfig: Sendable, Hashable {
    public var schedulerName: String
    public var percentageOfNodesToScore: Int32?
    public var multiPoint: PluginSetConfig
    /// Per extension point other than `multiPoint`.
    public var points: [ExtensionPoint: PluginSetConfig]
    public var arguments: PluginArguments

    public init(
        schedulerName: String = PodSpec.defaultSchedulerName, percentageOfNodesToScore: Int32? = nil,
        multiPoint: PluginSetConfig = PluginSetConfig(), points: [ExtensionPoint: PluginSetConfig] = [:],
        arguments: PluginArguments = PluginArguments()
    ) {
        self.schedulerName = schedulerName
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.multiPoint = multiPoint
        self.points = points
        self.arguments = arguments
    }
}

extension SchedulerProfile {
    /// The profile upstream builds from `config`: each extension point's set merged with the
    /// v1 defaults (`mergePluginSet`: "*" disables every default; a default re-enabled by name is
    /// replaced in place; other custom plugins are appended), then `multiPoint` expanded into every
    /// point its plugins implement, unless disabled there; plugins enabled explicitly at a point
    /// come first, then the multiPoint ones, then the other explicit ones
    /// (`expandMultiPointPlugins`). A score weight comes from the Score point if set there, else
    /// from multiPoint; 0 means 1.
    public init(merging config: ProfileConfig) {
        let multiPoint = Self.merge(defaults: Self.defaultPlugins, custom: config.multiPoint)
        var lists: [ExtensionPoint: [String]] = [:]
        for point in ExtensionPoint.allCases {
            let explicit = Self.merge(defaults: [], custom: config.points[point] ?? PluginSetConfig())
            let explicitNames = explicit.enabled.map(\.name)
            if explicit.disabled.contains("*") {
                lists[point] = explicitNames
                continue
            }
            let implementing = multiPoint.enabled.map(\.name).filter {
                PluginRegistry.extensionPoints(of: $0).contains(point) && !explicit.disabled.contains($0)
            }
            let overrides = explicitNames.filter { implementing.contains($0) }
            let fromMultiPoint = implementing.filter { !explicitNames.contains($0) }
            let others = explicitNames.filter { !implementing.contains($0) }
            lists[point] = overrides + fromMultiPoint + others
        }
        let explicitScores = Self.merge(defaults: [], custom: config.points[.score] ?? PluginSetConfig()).enabled
        let score = (lists[.score] ?? []).map { name -> WeightedPlugin in
            let weight = explicitScores.first { $0.name == name }?.weight ?? multiPoint.enabled.first { $0.name == name }?.weight ?? 1
            return WeightedPlugin(name, weight: weight == 0 ? 1 : weight)
        }
        self.init(
            schedulerName: config.schedulerName, percentageOfNodesToScore: config.percentageOfNodesToScore,
            preEnqueue: lists[.preEnqueue] ?? [], preFilter: lists[.preFilter] ?? [], filter: lists[.filter] ?? [],
            postFilter: lists[.postFilter] ?? [], preScore: lists[.preScore] ?? [], score: score, reserve: lists[.reserve] ?? [],
            bind: lists[.bind] ?? [], arguments: config.arguments)
    }

    /// upstream's `mergePluginSet`.
    static func merge(defaults: [WeightedPlugin], custom: PluginSetConfig) -> (enabled: [WeightedPlugin], disabled: [String]) {
        var enabled: [WeightedPlugin] = []
        var replaced: Set<Int> = []
        if !custom.disabled.contains("*") {
            for plugin in defaults where !custom.disabled.contains(plugin.name) {
                if let index = custom.enabled.firstIndex(where: { $0.name == plugin.name }) {
                    enabled.append(custom.enabled[index])
                    replaced.insert(index)
                } else {
                    enabled.append(plugin)
                }
            }
        }
        for (index, plugin) in custom.enabled.enumerated() where !replaced.contains(index) { enabled.append(plugin) }
        return (enabled, custom.disabled)
    }
}

extension SchedulerConfiguration {
    /// Named configurations for comparing policies, each a small change to the default profile.
    public static let presets: [(name: String, summary: String)] = [
        ("default", "kube-scheduler v1.32's default profile"),
        ("binpack", "NodeResourcesFit scores MostAllocated: fill nodes before using new ones"),
        (
            "requested-to-capacity-ratio",
            "NodeResourcesFit scores RequestedToCapacityRatio, shape 0%→0, 100%→10: bin packing with a linear preference"
        ),
        ("zone-spread", "PodTopologySpread defaults to one constraint: maxSkew 1 over zones, ScheduleAnyway"),
        ("no-default-spread", "PodTopologySpread without the system default constraints"),
        ("first-fit", "no score plugins: the first feasible node in the scheduler's walking order wins"),
    ]

    /// The preset called `name`, or nil.
    public static func preset(named name: String) -> SchedulerConfiguration? {
        var arguments = PluginArguments()
        var profile = ProfileConfig()
        switch name {
        case "default": break
        case "binpack": arguments[NodeResourcesFit.self].strategy = .mostAllocated
        case "requested-to-capacity-ratio":
            arguments[NodeResourcesFit.self].strategy = .requestedToCapacityRatio(shape: [
                UtilizationShapePoint(utilization: 0, score: 0),
                UtilizationShapePoint(utilization: 100, score: 10),
            ])
        case "zone-spread":
            arguments[PodTopologySpread.self].defaultConstraints = [
                TopologySpreadConstraint(
                    maxSkew: 1, topologyKey: NodeLabel.zone,
                    whenUnsatisfiable: .scheduleAnyway, labelSelector: nil)
            ]
            arguments[PodTopologySpread.self].systemDefaulted = false
        case "no-default-spread":
            arguments[PodTopologySpread.self].defaultConstraints = []
            arguments[PodTopologySpread.self].systemDefaulted = false
        case "first-fit":
            profile.points[.score] = PluginSetConfig(disabled: ["*"])
        default: return nil
        }
        profile.arguments = arguments
        return SchedulerConfiguration(profiles: [SchedulerProfile(merging: profile)])
    }
}
