import SimCore

/// A scenario file, decoded: settings, node pools, where its manifests are, and its expectations.
/// Locations are kept so that problems found later (a manifest path that matches nothing, a
/// scenario too big for the machine) can point back into the file.
public struct Scenario: Sendable {
    public var file: String
    public var name: String
    public var description: String?
    public var duration: SimTime
    public var seed: UInt64
    public var metricsInterval: SimTime
    public var nodePools: [NodePool]
    public var workloads: [WorkloadSource]
    public var expectations: [(expectation: Expectation, location: SourceLocation)]
    /// Where `spec` starts, for problems that concern the scenario as a whole.
    public var specLocation: SourceLocation
    /// Where each pool's `count` is written.
    public var poolCountLocations: [SourceLocation]
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
