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
    public var preEnqueue: [String]
    public var preFilter: [String]
    public var filter: [String]
    public var postFilter: [String]
    public var preScore: [String]
    public var score: [WeightedPlugin]
    public var reserve: [String]
    public var bind: [String]
    public var arguments: PluginArguments

    public init(
        schedulerName: String, percentageOfNodesToScore: Int32? = nil, preEnqueue: [String] = [], preFilter: [String],
        filter: [String], postFilter: [String] = [], preScore: [String], score: [WeightedPlugin], reserve: [String] = [],
        bind: [String] = ["DefaultBinder"], arguments: PluginArguments = PluginArguments()
    ) {
        self.schedulerName = schedulerName
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.preEnqueue = preEnqueue
        self.preFilter = preFilter
        self.filter = filter
        self.postFilter = postFilter
        self.preScore = preScore
        self.score = score
        self.reserve = reserve
        self.bind = bind
        self.arguments = arguments
    }

    /// The default profile's plugins (`multiPoint` of kube-scheduler v1.32, reference §2.2) with
    /// their score weights.
    public static let defaultPlugins: [WeightedPlugin] = [
        WeightedPlugin("SchedulingGates", weight: 0), WeightedPlugin("PrioritySort", weight: 0),
        WeightedPlugin("NodeUnschedulable", weight: 0), WeightedPlugin("NodeName", weight: 0),
        WeightedPlugin("TaintToleration", weight: 3), WeightedPlugin("NodeAffinity", weight: 2), WeightedPlugin("NodePorts", weight: 0),
        WeightedPlugin("NodeResourcesFit", weight: 1), WeightedPlugin("VolumeRestrictions", weight: 0), WeightedPlugin("NodeVolumeLimits", weight: 0),
        WeightedPlugin("VolumeBinding", weight: 1), WeightedPlugin("VolumeZone", weight: 0), WeightedPlugin("PodTopologySpread", weight: 2),
        WeightedPlugin("InterPodAffinity", weight: 2), WeightedPlugin("DefaultPreemption", weight: 0),
        WeightedPlugin("NodeResourcesBalancedAllocation", weight: 1), WeightedPlugin("ImageLocality", weight: 1),
        WeightedPlugin("DefaultBinder", weight: 0),
    ]

    /// The default profile of kube-scheduler v1.32: the defaults merged with an empty configuration.
    public static let `default` = SchedulerProfile(merging: ProfileConfig())
}

/// The extension points of the scheduling framework.
public enum ExtensionPoint: String, Sendable, Hashable, CaseIterable {
    case preEnqueue, queueSort, preFilter, filter, postFilter, preScore, score, reserve, permit, preBind, bind, postBind
}

/// The scheduler's configuration: global settings and one or more profiles.
public struct SchedulerConfiguration: Sendable, Hashable {
    /// 0 means adaptive (reference §2.3).
    public var percentageOfNodesToScore: Int32
    public var podInitialBackoff: SimTime
    public var podMaxBackoff: SimTime
    public var profiles: [SchedulerProfile]

    public init(
        percentageOfNodesToScore: Int32 = 0, podInitialBackoff: SimTime = 1_000, podMaxBackoff: SimTime = 10_000,
        profiles: [SchedulerProfile] = [.default]
    ) {
        self.percentageOfNodesToScore = percentageOfNodesToScore
        self.podInitialBackoff = podInitialBackoff
        self.podMaxBackoff = podMaxBackoff
        self.profiles = profiles
    }
}
