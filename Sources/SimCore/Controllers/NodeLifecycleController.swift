/// The node lifecycle controller (reference §6.2–6.4): noticing silent nodes through their
/// leases, marking them Unknown with their taints and pods, zone disruption states, and the
/// rate-limited NoExecute tainting that starts evictions.
///
/// It learns of a machine failing or coming back from `nodeHealthChanged`, which stands in for the
/// node's Lease renewals stopping and starting again: leases are not simulated one by one, but a
/// node renews at its lease phase plus multiples of 10 s, so the renewal the controller last saw
/// and the monitor pass that notices the silence follow by arithmetic (`NodeLifecycle`).
final class NodeLifecycleController: Controller {
    enum Timer {
        /// `monitorNodeHealth`, every 5 s while some node needs watching.
        case monitor
        /// `doNoExecuteTaintingPass`, on the 100 ms grid while a zone's queue has nodes.
        case taintingPass
    }

    static let watches: ChangeKinds = [.nodeAdded, .nodeHealthChanged]
    static func event(_ timer: Timer) -> SimEvent { .nodeLifecycle(timer) }

    /// Leases, silent nodes, zones and their tainting queues.
    private(set) var state = NodeLifecycle()
    /// Lease renewal phases of the nodes.
    private var leaseStream: RandomStream

    init(seed: UInt64) {
        leaseStream = RandomStream(seed: seed, name: "node-leases")
    }

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        switch change {
        case .nodeAdded(let node):
            state.add(node, zoneKey: context.cluster.zoneKey(of: node), random: &leaseStream)
        case .nodeHealthChanged(let node, _):
            if context.cluster.nodes.health[Int(node)].isUp { nodeCameBack(node, in: context) } else { nodeWentSilent(node, in: context) }
        default:
            break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .monitor: monitorNodes(in: context)
        case .taintingPass: taintingPass(in: context)
        }
    }

    // MARK: The machine fails or comes back

    /// A node's machine stopped (crash) or was cut off (partition): its kubelet fell silent now,
    /// and the controller will notice at the first monitor pass more than the grace period after
    /// the last lease renewal it saw.
    private func nodeWentSilent(_ node: NodeID, in context: ControllerContext) {
        guard context.cluster.nodes.exists[Int(node)], state.silentSince[Int(node)] == nil else { return }
        state.silentSince[Int(node)] = context.now
        state.noticeAt[Int(node)] = state.noticeTime(forSilenceAt: context.now, node: node)
        ensureMonitor(in: context)
    }

    /// A silent node is back: its lease is renewed again, and once its kubelet posts Ready the
    /// unreachable NoSchedule taint goes (taint by condition); the NoExecute taint goes at the
    /// next monitor pass.
    private func nodeCameBack(_ node: NodeID, in context: ControllerContext) {
        let n = Int(node)
        guard context.cluster.nodes.exists[n] else { return }
        state.silentSince[n] = nil
        state.noticeAt[n] = nil
        let cluster = context.cluster
        cluster.removeTaint(key: cluster.wellKnown.unreachableTaint, effect: .noSchedule, from: node)
        ensureMonitor(in: context)
    }

    /// Keeps the monitor running while it has something to watch, on the 5 s grid.
    private func ensureMonitor(in context: ControllerContext) {
        guard !state.monitorScheduled else { return }
        state.monitorScheduled = true
        let period = NodeLifecycleDefaults.monitorPeriod
        schedule(.monitor, at: (context.now / period + 1) * period, phase: .controllers, in: context)
    }

    // MARK: Monitor passes

    /// `monitorNodeHealth`: notice silent nodes, clear the NoExecute taints of reachable ones,
    /// update the zones' states and rates, and queue Unknown nodes for tainting.
    private func monitorNodes(in context: ControllerContext) {
        let cluster = context.cluster, now = context.now
        state.monitorScheduled = false
        var watching = false
        for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] {
            let node = NodeID(n)
            if let noticeAt = state.noticeAt[n] {
                watching = true
                if noticeAt <= now && cluster.nodes.ready[n] { markUnknown(node, in: context) }
            }
            if cluster.nodes.ready[n] {
                if cluster.hasTaint(key: cluster.wellKnown.unreachableTaint, effect: .noExecute, on: node)
                    || cluster.hasTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, on: node) || state.markedForTainting[n]
                {
                    markReachable(node, in: context)
                }
            } else {
                watching = true
            }
        }
        handleDisruption(in: context)
        // `processTaintBaseEviction` reads the condition observed before this pass's update, so
        // a node marked Unknown just now is queued at the next pass, 5 s later.
        for n in 0..<cluster.nodes.count
        where cluster.nodes.exists[n] && !cluster.nodes.ready[n] && cluster.nodes.readyTransition[n] < now && !state.markedForTainting[n] {
            let zone = state.zoneOfNode[n]
            state.markedForTainting[n] = true
            state.zones[zone].queue.append(NodeID(n))
        }
        scheduleTaintingPass(in: context)
        if watching { ensureMonitor(in: context) }
    }

    /// The node's Ready condition becomes Unknown: the `NodeNotReady` event, the unreachable
    /// NoSchedule taint (taint by condition), and every pod on it marked not Ready.
    private func markUnknown(_ node: NodeID, in context: ControllerContext) {
        let cluster = context.cluster, now = context.now
        let name = cluster.nodes.names[Int(node)]
        cluster.setReady(false, of: node, at: now)
        context.record(.normal, "NodeNotReady", cluster.reference(node: node), node: name, "Node \(name) status is now: NodeNotReady")
        cluster.addTaint(CompiledTaint(key: cluster.wellKnown.unreachableTaint, value: cluster.wellKnown.empty, effect: .noSchedule), to: node)
        for pod in cluster.nodes.pods[Int(node)] where cluster.pods[pod].isReady {
            cluster.setReady(pod, false, at: now)
            context.record(.warning, "NodeNotReady", cluster.reference(pod: pod), node: name, "Node is not ready")
        }
    }

    /// `markNodeAsReachable`: the NoExecute taints go and the node leaves its zone's queue.
    private func markReachable(_ node: NodeID, in context: ControllerContext) {
        let cluster = context.cluster
        cluster.removeTaint(key: cluster.wellKnown.unreachableTaint, effect: .noExecute, from: node)
        cluster.removeTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, from: node)
        state.markedForTainting[Int(node)] = false
        let zone = state.zoneOfNode[Int(node)]
        state.zones[zone].queue.removeAll { $0 == node }
    }

    /// `handleDisruption`: each zone's state from its Ready and not-Ready nodes, and the tainting
    /// rate for it; when every zone is fully disrupted, the controller assumes the problem is its
    /// own and stops evicting (and clears the NoExecute taints) until one recovers.
    private func handleDisruption(in context: ControllerContext) {
        let cluster = context.cluster, now = context.now
        var ready = Array(repeating: 0, count: state.zones.count)
        var notReady = Array(repeating: 0, count: state.zones.count)
        for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] {
            if cluster.nodes.ready[n] { ready[state.zoneOfNode[n]] += 1 } else { notReady[state.zoneOfNode[n]] += 1 }
        }
        let present = state.zones.indices.filter { ready[$0] + notReady[$0] > 0 }
        let newStates = state.zones.indices.map { Self.zoneState(ready: ready[$0], notReady: notReady[$0]) }
        let allAreFull = present.allSatisfy { newStates[$0] == .fullDisruption } && !present.isEmpty
        let allWereFull = present.allSatisfy { state.zones[$0].state == .fullDisruption } && !present.isEmpty
        guard !(allAreFull && allWereFull) else { return }
        if allAreFull {
            for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] { markReachable(NodeID(n), in: context) }
            for zone in present {
                state.zones[zone].rate = 0
                state.zones[zone].state = .fullDisruption
            }
            return
        }
        if allWereFull {
            // Leaving full disruption: every node's probe time is reset to now, so a silent
            // node not yet noticed gets a fresh grace period.
            for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] && cluster.nodes.ready[n] && state.silentSince[n] != nil {
                state.noticeAt[n] = NodeLifecycle.noticeTime(forProbeAt: now)
            }
        }
        for zone in present where allWereFull || state.zones[zone].state != newStates[zone] {
            state.zones[zone].state = newStates[zone]
            state.zones[zone].rate = Self.taintingRate(newStates[zone], zoneSize: ready[zone] + notReady[zone])
            state.zones[zone].nextToken = now
        }
    }

    /// `ComputeZoneState`.
    static func zoneState(ready: Int, notReady: Int) -> NodeLifecycle.ZoneState {
        if ready == 0 && notReady > 0 { return .fullDisruption }
        if notReady > 2 && Double(notReady) / Double(notReady + ready) >= NodeLifecycleDefaults.unhealthyZoneThreshold { return .partialDisruption }
        return .normal
    }

    /// `setLimiterInZone`: the normal rate, the secondary rate in a large partially disrupted
    /// zone (none in a small one), the normal rate again in a fully disrupted zone.
    static func taintingRate(_ state: NodeLifecycle.ZoneState, zoneSize: Int) -> Double {
        switch state {
        case .initial, .normal, .fullDisruption: NodeLifecycleDefaults.evictionRate
        case .partialDisruption: zoneSize > NodeLifecycleDefaults.largeClusterSizeThreshold ? NodeLifecycleDefaults.secondaryEvictionRate : 0
        }
    }

    // MARK: NoExecute tainting

    /// Schedules the next tainting pass, on the 100 ms grid, when a queued node can get a token.
    private func scheduleTaintingPass(in context: ControllerContext) {
        let now = context.now
        var earliest: SimTime?
        for zone in state.zones where !zone.queue.isEmpty && zone.rate > 0 {
            let time = NodeLifecycle.ceil(max(zone.nextToken, now), to: NodeLifecycleDefaults.taintingPassPeriod)
            earliest = min(earliest ?? time, time)
        }
        guard let earliest, state.taintingPassAt.map({ earliest < $0 }) ?? true else { return }
        state.taintingPassAt = earliest
        schedule(.taintingPass, at: earliest, phase: .controllers, in: context)
    }

    /// `doNoExecuteTaintingPass`: each zone taints the nodes at the head of its queue while its
    /// bucket has tokens: `unreachable` for an Unknown node.
    private func taintingPass(in context: ControllerContext) {
        let cluster = context.cluster, now = context.now
        guard state.taintingPassAt == now else { return }
        state.taintingPassAt = nil
        for zone in state.zones.indices {
            while let node = state.zones[zone].queue.first, state.zones[zone].rate > 0, state.zones[zone].nextToken <= now {
                state.zones[zone].queue.removeFirst()
                guard cluster.nodes.exists[Int(node)], !cluster.nodes.ready[Int(node)] else { continue }
                state.zones[zone].nextToken = now + SimTime((1_000 / state.zones[zone].rate).rounded())
                cluster.removeTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, from: node)
                cluster.addTaint(CompiledTaint(key: cluster.wellKnown.unreachableTaint, value: cluster.wellKnown.empty, effect: .noExecute), to: node)
            }
        }
        scheduleTaintingPass(in: context)
    }
}
