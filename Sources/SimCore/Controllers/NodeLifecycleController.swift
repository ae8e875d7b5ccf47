/// The node lifecycle controller (reference §6.2–6.4) in the run loop: noticing silent nodes,
/// marking them Unknown with their taints and pods, zone disruption states, and the rate-limited
/// NoExecute tainting that starts evictions.
extension Simulation {
    /// A new node: its zone, and the phase of its lease renewals.
    func nodeJoined(_ node: NodeID) {
        nodeLifecycle.add(node, zoneKey: cluster.zoneKey(of: node), random: &leaseStream)
    }

    // MARK: The machine fails or comes back

    /// A node's machine stops (crash) or is cut off (partition): its kubelet falls silent now; the
    /// API learns it when the monitor notices.
    func nodeWentSilent(_ node: NodeID, health: NodeHealth) {
        guard cluster.nodes.exists[Int(node)], cluster.nodes.health[Int(node)] == .up else { return }
        cluster.setHealth(health, of: node)
        nodeLifecycle.silentSince[Int(node)] = now
        nodeLifecycle.noticeAt[Int(node)] = nodeLifecycle.noticeTime(forSilenceAt: now, node: node)
        ensureNodeMonitor()
    }

    /// A silent node is back: its kubelet posts Ready (and the NoSchedule taint of the condition
    /// goes at once); the NoExecute taint goes at the next monitor pass. After a crash the pods'
    /// containers start again; after a partition they were running all along. Pods deleted
    /// meanwhile finish terminating.
    func nodeCameBack(_ node: NodeID) {
        let n = Int(node)
        let health = cluster.nodes.health[n]
        guard cluster.nodes.exists[n], health != .up else { return }
        let crashed = health == .down
        cluster.setHealth(.up, of: node)
        nodeLifecycle.silentSince[n] = nil
        nodeLifecycle.noticeAt[n] = nil
        if !cluster.nodes.ready[n] {
            cluster.setReady(true, of: node, at: now)
            record(.normal, "NodeReady", reference(node: node), node: cluster.nodes.names[n], "Node \(cluster.nodes.names[n]) status is now: NodeReady")
        }
        cluster.removeTaint(key: cluster.wellKnown.unreachableTaint, effect: .noSchedule, from: node)
        for pod in cluster.nodes.pods[n] {
            if cluster.pods[pod].deletedAt != nil {
                queue.schedule(.podTermination(pod), at: now, phase: .kubelet)
            } else if crashed || cluster.pods[pod].phase == .pending {
                restartContainers(pod)
            } else if cluster.pods[pod].phase == .running {
                cluster.setReady(pod, true, at: now)
            }
        }
        ensureNodeMonitor()
    }

    // MARK: Monitor passes

    /// Keeps the monitor running while it has something to watch, on the 5 s grid.
    func ensureNodeMonitor() {
        guard !nodeLifecycle.monitorScheduled else { return }
        nodeLifecycle.monitorScheduled = true
        let period = NodeLifecycleDefaults.monitorPeriod
        queue.schedule(.nodeMonitor, at: (now / period + 1) * period, phase: .controllers)
    }

    /// `monitorNodeHealth`: notice silent nodes, clear the NoExecute taints of reachable ones,
    /// update the zones' states and rates, and queue Unknown nodes for tainting.
    func monitorNodes() {
        nodeLifecycle.monitorScheduled = false
        var watching = false
        for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] {
            let node = NodeID(n)
            if let noticeAt = nodeLifecycle.noticeAt[n] {
                watching = true
                if noticeAt <= now && cluster.nodes.ready[n] { markUnknown(node) }
            }
            if cluster.nodes.ready[n] {
                if cluster.hasTaint(key: cluster.wellKnown.unreachableTaint, effect: .noExecute, on: node)
                    || cluster.hasTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, on: node) || nodeLifecycle.markedForTainting[n] {
                    markReachable(node)
                }
            } else {
                watching = true
            }
        }
        handleDisruption()
        // `processTaintBaseEviction` reads the condition observed before this pass's update, so
        // a node marked Unknown just now is queued at the next pass, 5 s later.
        for n in 0..<cluster.nodes.count
        where cluster.nodes.exists[n] && !cluster.nodes.ready[n] && cluster.nodes.readyTransition[n] < now && !nodeLifecycle.markedForTainting[n] {
            let zone = nodeLifecycle.zoneOfNode[n]
            nodeLifecycle.markedForTainting[n] = true
            nodeLifecycle.zones[zone].queue.append(NodeID(n))
        }
        scheduleTaintingPass()
        if watching { ensureNodeMonitor() }
    }

    /// The node's Ready condition becomes Unknown: the `NodeNotReady` event, the unreachable
    /// NoSchedule taint (taint by condition), and every pod on it marked not Ready.
    private func markUnknown(_ node: NodeID) {
        let name = cluster.nodes.names[Int(node)]
        cluster.setReady(false, of: node, at: now)
        record(.normal, "NodeNotReady", reference(node: node), node: name, "Node \(name) status is now: NodeNotReady")
        cluster.addTaint(CompiledTaint(key: cluster.wellKnown.unreachableTaint, value: cluster.wellKnown.empty, effect: .noSchedule), to: node)
        for pod in cluster.nodes.pods[Int(node)] where cluster.pods[pod].isReady {
            cluster.setReady(pod, false, at: now)
            record(.warning, "NodeNotReady", reference(pod: pod), node: name, "Node is not ready")
        }
    }

    /// `markNodeAsReachable`: the NoExecute taints go and the node leaves its zone's queue.
    private func markReachable(_ node: NodeID) {
        cluster.removeTaint(key: cluster.wellKnown.unreachableTaint, effect: .noExecute, from: node)
        cluster.removeTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, from: node)
        nodeLifecycle.markedForTainting[Int(node)] = false
        let zone = nodeLifecycle.zoneOfNode[Int(node)]
        nodeLifecycle.zones[zone].queue.removeAll { $0 == node }
    }

    /// `handleDisruption`: each zone's state from its Ready and not-Ready nodes, and the tainting
    /// rate for it; when every zone is fully disrupted, the controller assumes the problem is its
    /// own and stops evicting (and clears the NoExecute taints) until one recovers.
    private func handleDisruption() {
        var ready = Array(repeating: 0, count: nodeLifecycle.zones.count)
        var notReady = Array(repeating: 0, count: nodeLifecycle.zones.count)
        for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] {
            if cluster.nodes.ready[n] { ready[nodeLifecycle.zoneOfNode[n]] += 1 } else { notReady[nodeLifecycle.zoneOfNode[n]] += 1 }
        }
        let present = nodeLifecycle.zones.indices.filter { ready[$0] + notReady[$0] > 0 }
        let newStates = nodeLifecycle.zones.indices.map { Self.zoneState(ready: ready[$0], notReady: notReady[$0]) }
        let allAreFull = present.allSatisfy { newStates[$0] == .fullDisruption } && !present.isEmpty
        let allWereFull = present.allSatisfy { nodeLifecycle.zones[$0].state == .fullDisruption } && !present.isEmpty
        guard !(allAreFull && allWereFull) else { return }
        if allAreFull {
            for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] { markReachable(NodeID(n)) }
            for zone in present {
                nodeLifecycle.zones[zone].rate = 0
                nodeLifecycle.zones[zone].state = .fullDisruption
            }
            return
        }
        if allWereFull {
            // Leaving full disruption: every node's probe time is reset to now, so a silent
            // node not yet noticed gets a fresh grace period.
            for n in 0..<cluster.nodes.count where cluster.nodes.exists[n] && cluster.nodes.ready[n] && nodeLifecycle.silentSince[n] != nil {
                nodeLifecycle.noticeAt[n] = NodeLifecycle.noticeTime(forProbeAt: now)
            }
        }
        for zone in present where allWereFull || nodeLifecycle.zones[zone].state != newStates[zone] {
            nodeLifecycle.zones[zone].state = newStates[zone]
            nodeLifecycle.zones[zone].rate = Self.taintingRate(newStates[zone], zoneSize: ready[zone] + notReady[zone])
            nodeLifecycle.zones[zone].nextToken = now
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
    private func scheduleTaintingPass() {
        var earliest: SimTime?
        for zone in nodeLifecycle.zones where !zone.queue.isEmpty && zone.rate > 0 {
            let time = NodeLifecycle.ceil(max(zone.nextToken, now), to: NodeLifecycleDefaults.taintingPassPeriod)
            earliest = min(earliest ?? time, time)
        }
        guard let earliest, nodeLifecycle.taintingPassAt.map({ earliest < $0 }) ?? true else { return }
        nodeLifecycle.taintingPassAt = earliest
        queue.schedule(.nodeTaintingPass, at: earliest, phase: .controllers)
    }

    /// `doNoExecuteTaintingPass`: each zone taints the nodes at the head of its queue while its
    /// bucket has tokens: `unreachable` for an Unknown node.
    func taintingPass() {
        guard nodeLifecycle.taintingPassAt == now else { return }
        nodeLifecycle.taintingPassAt = nil
        for zone in nodeLifecycle.zones.indices {
            while let node = nodeLifecycle.zones[zone].queue.first, nodeLifecycle.zones[zone].rate > 0, nodeLifecycle.zones[zone].nextToken <= now {
                nodeLifecycle.zones[zone].queue.removeFirst()
                guard cluster.nodes.exists[Int(node)], !cluster.nodes.ready[Int(node)] else { continue }
                nodeLifecycle.zones[zone].nextToken = now + SimTime((1_000 / nodeLifecycle.zones[zone].rate).rounded())
                cluster.removeTaint(key: cluster.wellKnown.notReadyTaint, effect: .noExecute, from: node)
                cluster.addTaint(CompiledTaint(key: cluster.wellKnown.unreachableTaint, value: cluster.wellKnown.empty, effect: .noExecute), to: node)
            }
        }
        scheduleTaintingPass()
    }

    func reference(node: NodeID) -> ObjectReference {
        ObjectReference(kind: "Node", namespace: "", name: cluster.nodes.names[Int(node)])
    }
}
