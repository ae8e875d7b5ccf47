/// The node lifecycle controller's settings, with upstream's defaults (kube-controller-manager
/// flags, v1.32).
public enum NodeLifecycleDefaults {
    /// `--node-monitor-period`: how often node health is checked.
    public static let monitorPeriod: SimTime = 5 * Millis.second
    /// `--node-monitor-grace-period`: silence after which a node is Unknown (50 s since v1.32).
    public static let monitorGracePeriod: SimTime = 50 * Millis.second
    /// The kubelet renews its Lease every 0.25 × `leaseDurationSeconds` (40 s).
    public static let leaseRenewInterval: SimTime = 10 * Millis.second
    /// `--node-eviction-rate`: nodes tainted NoExecute per second in a healthy zone.
    public static let evictionRate = 0.1
    /// `--secondary-node-eviction-rate`: the rate in a partially disrupted large zone.
    public static let secondaryEvictionRate = 0.01
    /// `--large-cluster-size-threshold`: a zone larger than this keeps the secondary rate; a
    /// smaller one stops evicting when partially disrupted.
    public static let largeClusterSizeThreshold = 50
    /// `--unhealthy-zone-threshold`: the fraction of not-Ready nodes (with more than 2) that makes
    /// a zone partially disrupted.
    public static let unhealthyZoneThreshold = 0.55
    /// `NodeEvictionPeriod`: how often the NoExecute tainting queues are drained.
    public static let taintingPassPeriod: SimTime = 100
}

/// The node lifecycle controller's state: when each node's kubelet last renewed its lease, which
/// silent nodes are due to be marked Unknown, the zones with their disruption states and
/// rate-limited NoExecute tainting queues.
///
/// Leases are not simulated one by one: a node renews at `leasePhase + k × 10 s`, so when it falls
/// silent, the renewal the controller last saw and the monitor pass that notices the silence
/// follow by arithmetic.
struct NodeLifecycle {
    enum ZoneState {
        case initial, normal, partialDisruption, fullDisruption
    }

    /// A zone's tainting queue behind a token bucket of burst 1 (upstream's `RateLimitedTimedQueue`).
    struct Zone {
        let key: String
        var state = ZoneState.initial
        /// Nodes tainted per second; 0 stops tainting.
        var rate = NodeLifecycleDefaults.evictionRate
        /// When the bucket next has a token.
        var nextToken: SimTime = 0
        /// Nodes waiting to be tainted, oldest first.
        var queue: [NodeID] = []
    }

    /// Per node: its lease renewal phase, when it went silent, and when the monitor will notice.
    private(set) var leasePhase: [SimTime] = []
    var silentSince: [SimTime?] = []
    var noticeAt: [SimTime?] = []
    /// Per node: already put through its zone's queue since it last was reachable (upstream's
    /// UniqueQueue keeps processed names in its set).
    var markedForTainting: [Bool] = []
    var zones: [Zone] = []
    var zoneOfNode: [Int] = []
    var monitorScheduled = false
    var taintingPassAt: SimTime?

    /// Registers a node: its zone and a lease phase drawn from `random`.
    mutating func add(_ node: NodeID, zoneKey: String, random: inout RandomStream) {
        let n = Int(node)
        while leasePhase.count <= n {
            leasePhase.append(0)
            silentSince.append(nil)
            noticeAt.append(nil)
            markedForTainting.append(false)
            zoneOfNode.append(0)
        }
        leasePhase[n] = SimTime(random.nextInt(below: Int(NodeLifecycleDefaults.leaseRenewInterval)))
        if let zone = zones.firstIndex(where: { $0.key == zoneKey }) {
            zoneOfNode[n] = zone
        } else {
            zones.append(Zone(key: zoneKey))
            zoneOfNode[n] = zones.count - 1
        }
    }

    /// When the monitor notices that a node silent since `time` is gone: the last lease renewal
    /// at or before `time` is seen at the next monitor pass, and the node is Unknown at the first
    /// pass more than the grace period after that.
    func noticeTime(forSilenceAt time: SimTime, node: NodeID) -> SimTime {
        let interval = NodeLifecycleDefaults.leaseRenewInterval, period = NodeLifecycleDefaults.monitorPeriod
        let phase = leasePhase[Int(node)]
        let lastRenewal = time < phase ? phase - interval : phase + (time - phase) / interval * interval
        return Self.noticeTime(forProbeAt: Self.ceil(max(lastRenewal, 0), to: period))
    }

    /// The first monitor pass more than the grace period after the controller's probe at `probe`.
    static func noticeTime(forProbeAt probe: SimTime) -> SimTime {
        let period = NodeLifecycleDefaults.monitorPeriod
        return (probe + NodeLifecycleDefaults.monitorGracePeriod) / period * period + period
    }

    /// `value` rounded up to a multiple of `step`.
    static func ceil(_ value: SimTime, to step: SimTime) -> SimTime {
        (value + step - 1) / step * step
    }
}
