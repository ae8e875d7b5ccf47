/// A bare pod as a manifest gives it.
public struct PodManifest: Sendable, Hashable {
    public var meta: ObjectMeta
    public var spec: PodSpec
    /// kubesim's startup-delay hint (see `PodTemplate.startupDelay`).
    public var startupDelay: SimTime?

    public init(meta: ObjectMeta, spec: PodSpec, startupDelay: SimTime? = nil) {
        self.meta = meta
        self.spec = spec
        self.startupDelay = startupDelay
    }

    /// The pod as a template: its labels and annotations with its spec.
    public var template: PodTemplate {
        PodTemplate(labels: meta.labels, annotations: meta.annotations, spec: spec, startupDelay: startupDelay)
    }
}

/// Everything a simulation starts from: the scenario's settings, node pools and objects, already
/// decoded and validated by the Scenarios module.
public struct SimulationSetup: Sendable {
    public var name: String
    public var seed: UInt64
    public var duration: SimTime
    public var metricsInterval: SimTime
    public var nodePools: [NodePool]
    /// Nodes from `v1.Node` manifests, in addition to the pools' nodes.
    public var nodes: [NodeSpec]
    public var namespaces: [String]
    public var pods: [PodManifest]
    public var replicaSets: [ReplicaSetSpec]
    public var deployments: [DeploymentSpec]
    public var scheduler: SchedulerConfiguration
    public var expectations: [Expectation]

    public init(name: String, seed: UInt64 = 0, duration: SimTime, metricsInterval: SimTime = Millis.minute,
                nodePools: [NodePool] = [], nodes: [NodeSpec] = [], namespaces: [String] = [], pods: [PodManifest] = [],
                replicaSets: [ReplicaSetSpec] = [], deployments: [DeploymentSpec] = [],
                scheduler: SchedulerConfiguration = SchedulerConfiguration(), expectations: [Expectation] = []) {
        self.name = name
        self.seed = seed
        self.duration = duration
        self.metricsInterval = metricsInterval
        self.nodePools = nodePools
        self.nodes = nodes
        self.namespaces = namespaces
        self.pods = pods
        self.replicaSets = replicaSets
        self.deployments = deployments
        self.scheduler = scheduler
        self.expectations = expectations
    }
}
