/// A plugin enabled at the Score extension point, with its weight.
public struct WeightedPlugin: Sendable, Hashable {
    public var name: String
    public var weight: Int64

    public init(_ name: String, weight: Int64) {
        self.name = name
        self.weight = weight
    }
}

/// A scheduling profile as data, as one entry of `KubeSchedulerConfiguration.profiles` after
/// upstream expands `multiPoint` and merges enabled/disabled lists: which plugins run at each
/// extension point, in order, with score weights and plugin arguments.
public struct SchedulerProfile: Sendable, Hashable {
    public var schedulerName: String
    /// Overrides the configuration-wide percentage when set.
    public var percentageOfNodesToScore: Int32?
    public var preFilter: [String]
    public var filter: [String]
    public var preScore: [String]
    public var score: [WeightedPlugin]
    /// NodeResourcesFit's `scoringStrategy`.
    public var fitStrategy: ScoringStrategy
    public var fitResources: [ResourceWeight]
    /// NodeResourcesBalancedAllocation's `resources`.
    public var balancedResources: [ResourceWeight]

    public init(schedulerName: String, percentageOfNodesToScore: Int32? = nil, preFilter: [String], filter: [String],
                preScore: [String], score: [WeightedPlugin], fitStrategy: ScoringStrategy = .leastAllocated,
                fitResources: [ResourceWeight] = ResourceWeight.defaults, balancedResources: [ResourceWeight] = ResourceWeight.defaults) {
        self.schedulerName = schedulerName
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.preFilter = preFilter
        self.filter = filter
        self.preScore = preScore
        self.score = score
        self.fitStrategy = fitStrategy
        self.fitResources = fitResources
        self.balancedResources = balancedResources
    }

    /// The default profile of kube-scheduler v1.32 (reference §2.2), restricted to the plugins
    /// kubesim implements, in upstream's order and with upstream's score weights.
    public static let `default` = SchedulerProfile(
        schedulerName: PodSpec.defaultSchedulerName,
        preFilter: ["NodeAffinity"],
        filter: ["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodeResourcesFit"],
        preScore: ["TaintToleration", "NodeAffinity", "NodeResourcesFit", "NodeResourcesBalancedAllocation"],
        score: [
            WeightedPlugin("TaintToleration", weight: 3), WeightedPlugin("NodeAffinity", weight: 2),
            WeightedPlugin("NodeResourcesFit", weight: 1), WeightedPlugin("NodeResourcesBalancedAllocation", weight: 1),
        ])
}

/// The scheduler's configuration: global settings and one or more profiles.
public struct SchedulerConfiguration: Sendable, Hashable {
    /// 0 means adaptive (reference §2.3).
    public var percentageOfNodesToScore: Int32
    public var podInitialBackoff: SimTime
    public var podMaxBackoff: SimTime
    public var profiles: [SchedulerProfile]

    public init(percentageOfNodesToScore: Int32 = 0, podInitialBackoff: SimTime = 1_000, podMaxBackoff: SimTime = 10_000,
                profiles: [SchedulerProfile] = [.default]) {
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.podInitialBackoff = podInitialBackoff
        self.podMaxBackoff = podMaxBackoff
        self.profiles = profiles
    }

    /// Plugin names kubesim implements.
    public static let knownPlugins = ["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity",
                                      "NodeResourcesFit", "NodeResourcesBalancedAllocation"]
}
