/// All nodes, as columns: the scheduler's filters and scores read a few integers per node, so they
/// live in flat arrays indexed by `NodeID` rather than in one struct per node.
public struct NodeTable: Sendable {
    public internal(set) var names: [String] = []
    public internal(set) var pools: [Int?] = []
    public internal(set) var labels: [LabelSet] = []
    /// Zone symbol per node (`topology.kubernetes.io/zone`), nil without the label.
    public internal(set) var zones: [Symbol?] = []
    public private(set) var taints: [[CompiledTaint]] = []
    /// Which kinds of taint each node has, so that the many untainted nodes cost TaintToleration
    /// one byte each.
    public private(set) var taintKinds: [TaintKinds] = []
    public internal(set) var unschedulable: [Bool] = []
    /// The Ready condition as the API shows it: true until the node lifecycle controller notices
    /// that the kubelet went silent (and again once it reports).
    public internal(set) var ready: [Bool] = []
    /// What is really happening to the machine, which the API learns only later.
    public internal(set) var health: [NodeHealth] = []
    /// When the Ready condition last changed.
    public internal(set) var readyTransition: [SimTime] = []
    /// False once a node is deleted from the cluster; its index stays allocated.
    public internal(set) var exists: [Bool] = []
    public internal(set) var capacity: [Resources] = []
    public internal(set) var allocatable: [Resources] = []
    /// Σ effective requests of pods on the node, terminating ones included until they are gone.
    public internal(set) var requested: [Resources] = []
    /// Σ non-zero CPU / memory requests (reference §1.3), for scoring.
    public internal(set) var nonZeroCPU: [Int64] = []
    public internal(set) var nonZeroMemory: [Int64] = []
    /// The pods assigned to each node.
    public internal(set) var pods: [[PodID]] = []
    /// Pods with pod affinity or anti-affinity terms, per node (upstream's PodsWithAffinity).
    public internal(set) var affinityPods: [[PodID]] = []
    /// How many pods with affinity terms are on nodes, all nodes together: when none are,
    /// InterPodAffinity has nothing to look for and skips its walk over the nodes.
    public internal(set) var affinityPodCount = 0
    /// Host ports in use, per node.
    public internal(set) var usedPorts: [[HostPort]] = []
    /// Images present, per node.
    public internal(set) var images: [[Symbol]] = []
    /// Pending pods nominated to each node by preemption.
    public internal(set) var nominatedPods: [[PodID]] = []
    /// How many pods are nominated, all nodes together (the filters skip the check when none are).
    public internal(set) var nominatedPodCount = 0
    public internal(set) var createdAt: [SimTime] = []
    public internal(set) var deletedAt: [SimTime?] = []

    /// Replaces a node's taints.
    mutating func setTaints(_ newTaints: [CompiledTaint], of node: NodeID) {
        taints[Int(node)] = newTaints
        taintKinds[Int(node)] = TaintKinds(newTaints)
    }

    /// Number of node indices ever allocated (existing and deleted).
    public var count: Int { names.count }

    /// Every node ID ever allocated (existing and deleted), in index order.
    public var ids: [NodeID] { (0..<count).map { NodeID($0) } }

    /// Appends a node and returns its index.
    mutating func append(_ spec: NodeSpec, symbols: SymbolTable, at time: SimTime) -> NodeID {
        let id = NodeID(names.count)
        names.append(spec.name)
        pools.append(spec.pool)
        let labelSet = LabelSet(spec.labels, symbols: symbols)
        labels.append(labelSet)
        zones.append(labelSet.value(for: symbols.intern(NodeLabel.zone)))
        let compiled = spec.taints.map { CompiledTaint($0, symbols: symbols) }
        taints.append(compiled)
        taintKinds.append(TaintKinds(compiled))
        unschedulable.append(spec.unschedulable)
        ready.append(true)
        health.append(.up)
        readyTransition.append(time)
        exists.append(true)
        capacity.append(spec.capacity)
        allocatable.append(spec.allocatable)
        requested.append(Resources())
        nonZeroCPU.append(0)
        nonZeroMemory.append(0)
        pods.append([])
        affinityPods.append([])
        usedPorts.append([])
        images.append([])
        nominatedPods.append([])
        createdAt.append(time)
        deletedAt.append(nil)
        return id
    }
}

/// The kinds of taint a node carries: NoSchedule or NoExecute (which filter), PreferNoSchedule
/// (which scores).
public struct TaintKinds: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let hard = TaintKinds(rawValue: 1)
    public static let preferNoSchedule = TaintKinds(rawValue: 2)

    init(_ taints: [CompiledTaint]) {
        var kinds: TaintKinds = []
        for taint in taints { kinds.insert(taint.effect == .preferNoSchedule ? .preferNoSchedule : .hard) }
        self = kinds
    }
}

/// The real state of a node's machine.
public enum NodeHealth: Sendable, Hashable {
    /// Running, its kubelet reporting.
    case up
    /// Powered off or crashed: the kubelet and every container are gone.
    case down
    /// Cut off from the network: containers keep running, but neither the control plane nor
    /// clients reach them.
    case partitioned

    /// True when the node's pods can serve and its kubelet act.
    public var isUp: Bool { self == .up }
}
