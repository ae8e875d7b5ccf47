/// Well-known node label keys.
public enum NodeLabel {
    public static let hostname = "kubernetes.io/hostname"
    public static let zone = "topology.kubernetes.io/zone"
    public static let region = "topology.kubernetes.io/region"
    public static let os = "kubernetes.io/os"
    public static let arch = "kubernetes.io/arch"
    /// kubesim's own: the node pool a node belongs to, for node selectors in studies.
    public static let nodePool = "kubesim.io/node-pool"
}

/// A node to add to the cluster, from a node pool or a `v1.Node` manifest.
public struct NodeSpec: Sendable, Hashable {
    public var name: String
    public var labels: Labels
    public var taints: [Taint]
    public var capacity: Resources
    public var allocatable: Resources
    public var unschedulable: Bool
    /// Index of the node pool in the scenario, nil for nodes from manifests.
    public var pool: Int?

    public init(
        name: String, labels: Labels = Labels(), taints: [Taint] = [], capacity: Resources, allocatable: Resources? = nil,
        unschedulable: Bool = false, pool: Int? = nil
    ) {
        self.name = name
        self.labels = labels
        self.taints = taints
        self.capacity = capacity
        self.allocatable = allocatable ?? capacity
        self.unschedulable = unschedulable
        self.pool = pool
    }
}

/// A group of identical nodes, as a cloud node group or a managed node pool.
public struct NodePool: Sendable, Hashable {
    public var name: String
    public var count: Int
    /// Nodes are spread round-robin over these zones; empty means no zone label.
    public var zones: [String]
    public var capacity: Resources
    /// Subtracted from capacity to give allocatable (kube-reserved + system-reserved + eviction threshold).
    public var reserved: Resources
    public var labels: Labels
    public var taints: [Taint]
    /// Cost of one node for one hour, in the user's currency.
    public var pricePerHour: Double
    /// How long a pod bound to a node of this pool takes to start its containers, unless the pod
    /// template says otherwise.
    public var podStartupDelay: SimTime
    /// Images every node of the pool already holds (its machine image's pre-pulled images).
    public var preloadedImages: [String]

    /// Default pod startup: sandbox creation and container start with a cached image take about
    /// two seconds on a typical node.
    public static let defaultPodStartupDelay: SimTime = 2_000

    public init(
        name: String, count: Int, zones: [String] = [], capacity: Resources, reserved: Resources = Resources(),
        labels: Labels = Labels(), taints: [Taint] = [], pricePerHour: Double = 0,
        podStartupDelay: SimTime = NodePool.defaultPodStartupDelay, preloadedImages: [String] = []
    ) {
        self.name = name
        self.count = count
        self.zones = zones
        self.capacity = capacity
        self.reserved = reserved
        self.labels = labels
        self.taints = taints
        self.pricePerHour = pricePerHour
        self.podStartupDelay = podStartupDelay
        self.preloadedImages = preloadedImages
    }

    /// Allocatable = capacity − reserved, never below zero.
    public var allocatable: Resources {
        var result = capacity
        result.subtract(reserved)
        result.cpu = max(result.cpu, 0)
        result.memory = max(result.memory, 0)
        result.ephemeralStorage = max(result.ephemeralStorage, 0)
        result.pods = max(result.pods, 0)
        for scalar in result.scalars where scalar.amount < 0 { result[scalar.name] = 0 }
        return result
    }

    /// The spec of node number `index` (from 0) of this pool: named `<pool>-<index>`, with the
    /// pool's labels plus hostname, zone (round-robin), os/arch and `kubesim.io/node-pool`.
    public func nodeSpec(index: Int, poolIndex: Int) -> NodeSpec {
        let name = "\(self.name)-\(index)"
        var labels = self.labels
        labels[NodeLabel.hostname] = name
        labels[NodeLabel.os] = labels[NodeLabel.os] ?? "linux"
        labels[NodeLabel.arch] = labels[NodeLabel.arch] ?? "amd64"
        labels[NodeLabel.nodePool] = self.name
        if !zones.isEmpty { labels[NodeLabel.zone] = zones[index % zones.count] }
        return NodeSpec(name: name, labels: labels, taints: taints, capacity: capacity, allocatable: allocatable, pool: poolIndex)
    }
}
