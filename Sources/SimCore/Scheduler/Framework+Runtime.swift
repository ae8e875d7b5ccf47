/// A profile made runnable: each plugin it names instantiated once from the registry (so
/// PreFilter and PreScore state reach Filter and Score), grouped by extension point in the
/// profile's order.
final class ProfileRuntime {
    let profile: SchedulerProfile
    let preEnqueue: [PreEnqueuePlugin]
    let preFilters: [PreFilterPlugin]
    let filters: [FilterPlugin]
    let preScores: [PreScorePlugin]
    let scores: [(plugin: ScorePlugin, weight: Int64)]
    let reservers: [ReservePlugin]
    let binders: [BindPlugin]
    /// DefaultPreemption, when enabled at PostFilter.
    let preemption: PostFilterPlugin?

    /// The runtime of `profile`, its plugins taken from `registry` by name.
    init(_ profile: SchedulerProfile, symbols: SymbolTable, registry: [any SchedulerPlugin.Type] = PluginRegistry.plugins) {
        self.profile = profile
        var instances: [String: SchedulerPlugin] = [:]
        func instance(_ name: String) -> SchedulerPlugin? {
            if let existing = instances[name] { return existing }
            let created = registry.first { $0.name == name }.map { $0.init(arguments: profile.arguments, symbols: symbols) }
            instances[name] = created
            return created
        }
        // `SchedulerConfiguration.problems` refuses a plugin named at a point it does not
        // implement, so the casts keep every plugin a valid profile names.
        preEnqueue = profile.preEnqueue.compactMap { instance($0) as? PreEnqueuePlugin }
        preFilters = profile.preFilter.compactMap { instance($0) as? PreFilterPlugin }
        filters = profile.filter.compactMap { instance($0) as? FilterPlugin }
        preScores = profile.preScore.compactMap { instance($0) as? PreScorePlugin }
        scores = profile.score.compactMap { entry in (instance(entry.name) as? ScorePlugin).map { ($0, entry.weight) } }
        reservers = profile.reserve.compactMap { instance($0) as? ReservePlugin }
        binders = profile.bind.compactMap { instance($0) as? BindPlugin }
        preemption = profile.postFilter.lazy.compactMap { instance($0) as? PostFilterPlugin }.first
    }
}

extension SchedulerConfiguration {
    /// What kube-scheduler would refuse to start with: a plugin it does not know, a plugin named
    /// at an extension point it does not implement ("plugin "X" does not extend FilterPlugin
    /// plugin"), a profile without a QueueSort or a Bind plugin. Empty for a valid configuration.
    public var problems: [String] {
        var problems: [String] = []
        for profile in profiles {
            let lists: [(ExtensionPoint, [String])] = [
                (.preEnqueue, profile.preEnqueue), (.preFilter, profile.preFilter), (.filter, profile.filter), (.postFilter, profile.postFilter),
                (.preScore, profile.preScore), (.score, profile.score.map(\.name)), (.reserve, profile.reserve), (.bind, profile.bind),
            ]
            for (point, names) in lists {
                for name in names {
                    guard let plugin = PluginRegistry.plugin(named: name) else {
                        problems.append("plugin \"\(name)\" does not exist in kube-scheduler v1.32's registry")
                        continue
                    }
                    if !plugin.extensionPoints.contains(point) { problems.append(Self.doesNotExtend(name, point)) }
                }
            }
            if profile.bind.isEmpty {
                problems.append("at least one bind plugin is needed for profile with scheduler name \"\(profile.schedulerName)\"")
            }
        }
        return problems
    }

    /// Upstream's message for a plugin enabled at an extension point it does not implement.
    public static func doesNotExtend(_ plugin: String, _ point: ExtensionPoint) -> String {
        "plugin \"\(plugin)\" does not extend \(point.interfaceName) plugin"
    }
}

extension ExtensionPoint {
    /// The name of upstream's interface for the point (`FilterPlugin`, `ScorePlugin`, …).
    public var interfaceName: String {
        switch self {
        case .preEnqueue: "PreEnqueuePlugin"
        case .queueSort: "QueueSortPlugin"
        case .preFilter: "PreFilterPlugin"
        case .filter: "FilterPlugin"
        case .postFilter: "PostFilterPlugin"
        case .preScore: "PreScorePlugin"
        case .score: "ScorePlugin"
        case .reserve: "ReservePlugin"
        case .permit: "PermitPlugin"
        case .preBind: "PreBindPlugin"
        case .bind: "BindPlugin"
        case .postBind: "PostBindPlugin"
        }
    }
}
