import SimCore

/// A scenario file, decoded: settings, node pools, where its manifests are, and its expectations.
/// Locations are kept so that problems found later (a manifest path that matches nothing, a
/// scenario too big for the machine) can point back into the file.
public struct Scenario: Sendable {
    public var file: String
    public var name: String
    public var description: String?
    public var duration: SimTime
    /// `spec.startTime`: the wall-clock time of simulated time 0, in milliseconds since the Unix
    /// epoch (`SimulationSetup.defaultStartTime` when the scenario gives none).
    public var startTime: Int64
    public var seed: UInt64
    public var metricsInterval: SimTime
    public var nodePools: [NodePool]
    /// Image sizes for ImageLocality, and the size of images not listed.
    public var imageSizes: [(image: String, bytes: Int64)]
    public var defaultImageSize: Int64
    public var scheduler: SchedulerChoice
    public var workloads: [WorkloadSource]
    public var traffic: [TrafficEntry]
    public var events: [ScenarioEvent]
    /// `runDurations`: how long the pods of a workload run, as a distribution (`Kind/namespace/name`).
    public var runDurations: [(target: String, duration: RunDuration, location: SourceLocation)] = []
    public var faults: [FaultEntry]
    /// metrics-server's resolution (`spec.metrics.resolution`), also the traffic model's tick.
    public var metricsResolution: SimTime
    public var expectations: [(expectation: Expectation, location: SourceLocation)]
    /// Where `spec` starts, for problems that concern the scenario as a whole.
    public var specLocation: SourceLocation
    /// Where each pool's `count` is written.
    public var poolCountLocations: [SourceLocation]
}

/// Which scheduler configuration a scenario runs.
public enum SchedulerChoice: Sendable {
    /// kube-scheduler's default profile.
    case standard
    /// A named preset (`SchedulerConfiguration.presets`).
    case preset(String, SourceLocation)
    /// A `KubeSchedulerConfiguration` file, relative to the scenario's folder.
    case configFile(String, SourceLocation)
}

/// One `workloads` entry: manifests to load, with defaults for their objects.
public struct WorkloadSource: Sendable {
    /// A file, a directory, a glob, or "-" for standard input; relative to the scenario's folder.
    public var manifests: String
    public var location: SourceLocation
    /// Namespace for objects that name none.
    public var namespace: String
    /// Startup delay for their pods, unless a pod template sets `kubesim.io/startup-delay`.
    public var startupDelay: SimTime?
}
