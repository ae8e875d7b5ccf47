/// A bare pod as a manifest gives it.
public struct PodManifest: Sendable, Hashable {
    public var meta: ObjectMeta
    public var spec: PodSpec
    /// kubesim's startup-delay hint (see `PodTemplate.startupDelay`).
    public var startupDelay: SimTime?
    /// kubesim's warm-up hint (see `PodTemplate.warmup`).
    public var warmup: SimTime

    public init(meta: ObjectMeta, spec: PodSpec, startupDelay: SimTime? = nil, warmup: SimTime = 0) {
        self.meta = meta
        self.spec = spec
        self.startupDelay = startupDelay
        self.warmup = warmup
    }

    /// How long its containers run (`kubesim.io/run-duration`, or the scenario's `runDurations`).
    public var runDuration: RunDuration?

    /// The pod as a template: its labels and annotations with its spec.
    public var template: PodTemplate {
        var template = PodTemplate(labels: meta.labels, annotations: meta.annotations, spec: spec, startupDelay: startupDelay, warmup: warmup)
        template.runDuration = runDuration
        return template
    }
}

/// A `v1.Namespace`: its name and labels (namespace selectors of affinity terms read them).
public struct NamespaceSpec: Sendable, Hashable {
    public var name: String
    public var labels: Labels

    public init(name: String, labels: Labels = Labels()) {
        self.name = name
        self.labels = labels
    }
}

/// Everything a simulation starts from: the scenario's settings, node pools and objects, already
/// decoded and validated by the Scenarios module.
public struct SimulationSetup: Sendable {
    public var name: String
    public var seed: UInt64
    public var duration: SimTime
    /// The wall-clock time at simulated time 0, in milliseconds since the Unix epoch (the
    /// scenario's `spec.startTime`). Only CronJob schedules read it.
    public var startTime: Int64 = SimulationSetup.defaultStartTime
    public var metricsInterval: SimTime
    public var nodePools: [NodePool]
    /// Nodes from `v1.Node` manifests, in addition to the pools' nodes.
    public var nodes: [NodeSpec]
    public var namespaces: [NamespaceSpec]
    public var pods: [PodManifest]
    public var replicaSets: [ReplicaSetSpec]
    public var deployments: [DeploymentSpec]
    public var daemonSets: [DaemonSetSpec] = []
    public var statefulSets: [StatefulSetSpec] = []
    public var jobs: [JobSpec] = []
    public var cronJobs: [CronJobSpec] = []
    /// Namespaces' admission: their LimitRanges and ResourceQuotas.
    public var limitRanges: [LimitRangeSpec] = []
    public var resourceQuotas: [ResourceQuotaSpec] = []
    /// Storage: classes, volumes and claims that exist from the start.
    public var storageClasses: [StorageClassSpec] = []
    public var persistentVolumes: [PersistentVolumeSpec] = []
    public var persistentVolumeClaims: [PersistentVolumeClaimSpec] = []
    public var services: [ServiceSpec]
    public var priorityClasses: [PriorityClassSpec]
    public var disruptionBudgets: [PodDisruptionBudgetSpec]
    /// Image sizes in bytes for ImageLocality; other images count as `defaultImageSize`.
    public var imageSizes: [(image: String, bytes: Int64)]
    public var defaultImageSize: Int64
    public var scheduler: SchedulerConfiguration
    /// Rollouts, rollbacks and scaling at given times.
    public var timeline: [TimelineEvent]
    public var autoscalers: [HorizontalPodAutoscalerSpec]
    public var traffic: [TrafficSpec]
    /// metrics-server's resolution, which is also the traffic model's tick.
    public var metricsResolution: SimTime
    public var faults: [FaultSpec]
    public var expectations: [Expectation]
    /// What the manifests hold that the simulation leaves out, reported with its results.
    public var ignored: [IgnoredObject] = []
    /// The memory the run may grow to, in bytes (`MemoryUse`); past it the run stops
    /// (`Simulation.stoppedForMemory`). Nil for no limit.
    public var memoryLimit: Int64?

    /// The start time when the scenario gives none: 2024-01-01T00:00:00Z, midnight UTC of a Monday
    /// that begins a month and a year, so that daily, weekly, monthly and yearly schedules have
    /// their first time a whole period after the start (19,723 days of 86,400 s since 1970).
    public static let defaultStartTime: Int64 = 1_704_067_200_000

    /// metrics-server's default `--metric-resolution`: 15 s.
    public static let defaultMetricsResolution: SimTime = 15 * Millis.second

    /// The size assumed for an image the scenario does not size: 100 MiB, a typical
    /// application image.
    public static let standardImageSize: Int64 = 100 << 20

    public init(
        name: String, seed: UInt64 = 0, duration: SimTime, metricsInterval: SimTime = Millis.minute,
        nodePools: [NodePool] = [], nodes: [NodeSpec] = [], namespaces: [NamespaceSpec] = [], pods: [PodManifest] = [],
        replicaSets: [ReplicaSetSpec] = [], deployments: [DeploymentSpec] = [], services: [ServiceSpec] = [],
        priorityClasses: [PriorityClassSpec] = [], disruptionBudgets: [PodDisruptionBudgetSpec] = [],
        imageSizes: [(image: String, bytes: Int64)] = [], defaultImageSize: Int64 = SimulationSetup.standardImageSize,
        scheduler: SchedulerConfiguration = SchedulerConfiguration(), timeline: [TimelineEvent] = [],
        autoscalers: [HorizontalPodAutoscalerSpec] = [], traffic: [TrafficSpec] = [],
        metricsResolution: SimTime = SimulationSetup.defaultMetricsResolution, faults: [FaultSpec] = [],
        expectations: [Expectation] = []
    ) {
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
        self.services = services
        self.priorityClasses = priorityClasses
        self.disruptionBudgets = disruptionBudgets
        self.imageSizes = imageSizes
        self.defaultImageSize = defaultImageSize
        self.scheduler = scheduler
        self.timeline = timeline
        self.autoscalers = autoscalers
        self.traffic = traffic
        self.metricsResolution = metricsResolution
        self.faults = faults
        self.expectations = expectations
    }
}
