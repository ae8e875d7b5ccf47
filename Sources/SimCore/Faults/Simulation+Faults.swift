/// Injecting the scenario's faults: machines failing and coming back, spot reclaims, pod kills,
/// drains, partitions and crashing containers. Each fault unfolds through the same controllers a
/// real cluster runs: the node lifecycle controller notices silent nodes, the taint eviction
/// controller evicts, ReplicaSets replace, the scheduler places.
extension Simulation {
    /// Schedules every fault's start.
    func scheduleFaults() {
        faults.streams = setup.faults.indices.map { index in RandomStream(seed: setup.seed, name: "faults/\(index)/\(setup.faults[index].action.type)") }
        for (index, fault) in setup.faults.enumerated() where fault.at <= setup.duration {
            queue.schedule(.faultStart(index), at: max(fault.at, 0), phase: .infrastructure)
        }
    }

    /// A fault begins.
    func startFault(_ index: Int) {
        let fault = setup.faults[index]
        switch fault.action {
        case .nodeCrash(let name, let duration):
            guard let node = cluster.node(named: name) else { return }
            fail(node, by: index, health: .down, reason: "NodeCrash", message: "The machine of node \(name) stopped")
            if let duration { queue.schedule(.faultEnd(index), at: now + duration, phase: .infrastructure) }
        case .networkPartition(let name, let duration):
            guard let node = cluster.node(named: name) else { return }
            fail(node, by: index, health: .partitioned, reason: "NetworkPartition", message: "Node \(name) is cut off from the network")
            if let duration { queue.schedule(.faultEnd(index), at: now + duration, phase: .infrastructure) }
        case .zoneOutage(let zone, let duration):
            _ = addRecord(type: fault.action.type, target: zone)
            for node in nodes(inZone: zone) where hold(node, by: index, health: .down) {
                record(.warning, "ZoneOutage", reference(node: node), node: cluster.nodes.names[Int(node)], "Zone \(zone) is down")
            }
            if let duration { queue.schedule(.faultEnd(index), at: now + duration, phase: .infrastructure) }
        case .randomNodeFailures(let pool, let mtbf, _, let until):
            for node in nodes(inPool: pool) {
                faults.nodeStreams[Self.streamKey(index, node)] = RandomStream(seed: setup.seed, name: "faults/\(index)/\(cluster.nodes.names[Int(node)])")
                scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until)
            }
        case .spotInterruption(let selection, let notice):
            for node in spotNodes(selection, fault: index) {
                let name = cluster.nodes.names[Int(node)]
                let recordIndex = addRecord(type: fault.action.type, target: name)
                record(.warning, "SpotInterruption", reference(node: node), node: name,
                       "Spot instance interruption notice: node \(name) will be terminated in \(GoDuration.format(notice))")
                startDrain(node, force: true, record: recordIndex)
                queue.schedule(.spotTermination(fault: index, node: node), at: now + notice, phase: .infrastructure)
            }
        case .podKill(let target, let amount, let grace):
            killPods(of: target, amount: amount, gracePeriod: grace ?? 0, fault: index)
        case .nodeDrain(let name, let force, let uncordonAfter):
            guard let node = cluster.node(named: name) else { return }
            let recordIndex = addRecord(type: fault.action.type, target: name)
            startDrain(node, force: force, record: recordIndex)
            if let uncordonAfter { queue.schedule(.faultEnd(index), at: now + uncordonAfter, phase: .infrastructure) }
        case .containerCrashes(let target, let mtbf, _):
            faults.records.append(FaultRecord(type: fault.action.type, at: now, target: target.path, recoveredAt: nil, tracksRecovery: false))
            scheduleNextCrash(index, mtbf: mtbf, target: target)
        }
    }

    /// A fault with a duration ends: nodes no other fault holds come back, a drained node is
    /// uncordoned.
    func endFault(_ index: Int) {
        switch setup.faults[index].action {
        case .nodeCrash(let name, _), .networkPartition(let name, _):
            guard let node = cluster.node(named: name), release(node, by: index) else { return }
            nodeCameBack(node)
        case .zoneOutage(let zone, _):
            for node in nodes(inZone: zone) where release(node, by: index) { nodeCameBack(node) }
        case .nodeDrain(let name, _, _):
            guard let node = cluster.node(named: name) else { return }
            cluster.setUnschedulable(false, of: node)
            if cluster.nodes.health[Int(node)].isUp {
                record(.normal, "NodeSchedulable", reference(node: node), node: name, "Node \(name) status is now: NodeSchedulable")
            }
        default:
            break
        }
    }

    // MARK: Machines

    /// Makes `fault` one of the faults that hold the node's machine down or cut off; the node is
    /// back only when the last of them lets go. Returns true when the node was up and falls
    /// silent now (its state is the one the first fault gives it).
    private func hold(_ node: NodeID, by fault: Int, health: NodeHealth) -> Bool {
        let n = Int(node)
        if faults.holders.count <= n { faults.holders.append(contentsOf: repeatElement([], count: n + 1 - faults.holders.count)) }
        if !faults.holders[n].contains(fault) { faults.holders[n].append(fault) }
        guard cluster.nodes.health[n] == .up else { return false }
        nodeWentSilent(node, health: health)
        return true
    }

    /// `fault` lets go of the node. Returns true when no fault holds it any more and it is not
    /// up: the caller brings it back.
    private func release(_ node: NodeID, by fault: Int) -> Bool {
        let n = Int(node)
        guard n < faults.holders.count, let position = faults.holders[n].firstIndex(of: fault) else { return false }
        faults.holders[n].remove(at: position)
        return faults.holders[n].isEmpty && cluster.nodes.health[n] != .up
    }

    /// A fault stops a node's machine or cuts it off, with a fault record and event when the
    /// node was up. A node that another fault holds already stays as it is until both let go.
    private func fail(_ node: NodeID, by fault: Int, health: NodeHealth, reason: String, message: String) {
        guard hold(node, by: fault, health: health) else { return }
        _ = addRecord(type: setup.faults[fault].action.type, target: cluster.nodes.names[Int(node)])
        record(.warning, reason, reference(node: node), node: cluster.nodes.names[Int(node)], message)
    }

    /// One of the random failures: the node stops, and its repair is drawn. A node that another
    /// fault already holds down does not fail again; its next failure is drawn instead.
    func randomFailure(fault index: Int, node: NodeID) {
        guard case .randomNodeFailures(_, let mtbf, let mttr, let until) = setup.faults[index].action, cluster.nodes.exists[Int(node)] else { return }
        let key = Self.streamKey(index, node)
        guard cluster.nodes.health[Int(node)] == .up else {
            scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until)
            return
        }
        fail(node, by: index, health: .down, reason: "NodeCrash", message: "The machine of node \(cluster.nodes.names[Int(node)]) failed")
        var stream = faults.nodeStreams[key]!
        let repair = now + FaultState.exponential(mean: mttr, random: &stream)
        faults.nodeStreams[key] = stream
        if repair <= setup.duration { queue.schedule(.nodeRepair(fault: index, node: node), at: repair, phase: .infrastructure) }
    }

    /// A random failure is repaired (the node is back unless another fault still holds it); the
    /// node's next failure is drawn.
    func randomRepair(fault index: Int, node: NodeID) {
        guard case .randomNodeFailures(_, let mtbf, _, let until) = setup.faults[index].action, cluster.nodes.exists[Int(node)] else { return }
        if release(node, by: index) {
            record(.normal, "NodeRepaired", reference(node: node), node: cluster.nodes.names[Int(node)],
                   "The machine of node \(cluster.nodes.names[Int(node)]) is back")
            nodeCameBack(node)
        }
        scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until)
    }

    /// Draws the node's next random failure, an exponential time with mean `mtbf` from now.
    private func scheduleRandomFailure(fault index: Int, node: NodeID, mtbf: SimTime, until: SimTime?) {
        var stream = faults.nodeStreams[Self.streamKey(index, node)]!
        let next = now + FaultState.exponential(mean: mtbf, random: &stream)
        faults.nodeStreams[Self.streamKey(index, node)] = stream
        if next <= min(until ?? setup.duration, setup.duration) { queue.schedule(.nodeFailure(fault: index, node: node), at: next, phase: .infrastructure) }
    }

    /// The spot notice is over: the machine stops and the cloud provider deletes the Node; the
    /// pods still bound to it are deleted with it (the pod garbage collector's job).
    func terminateSpotNode(fault index: Int, node: NodeID) {
        guard cluster.nodes.exists[Int(node)] else { return }
        let name = cluster.nodes.names[Int(node)]
        cluster.setHealth(.down, of: node)
        for pod in cluster.nodes.pods[Int(node)] { cluster.remove(pod) }
        record(.normal, "RemovingNode", reference(node: node), node: name, "Node \(name) event: Removing Node \(name) from Controller")
        cluster.deleteNode(node, at: now)
        for drain in faults.drains.indices where faults.drains[drain].node == node { faults.drains[drain].done = true }
    }

    private static func streamKey(_ fault: Int, _ node: NodeID) -> Int64 {
        Int64(fault) << 32 | Int64(node.rawValue)
    }

    /// Existing nodes of a zone, in index order.
    private func nodes(inZone zone: String) -> [NodeID] {
        guard let symbol = cluster.symbols.lookup(zone) else { return [] }
        return (0..<cluster.nodes.count).filter { cluster.nodes.exists[$0] && cluster.nodes.zones[$0] == symbol }.map { NodeID($0) }
    }

    /// Existing nodes of a pool, in index order.
    private func nodes(inPool pool: String) -> [NodeID] {
        guard let poolIndex = setup.nodePools.firstIndex(where: { $0.name == pool }) else { return [] }
        return (0..<cluster.nodes.count).filter { cluster.nodes.exists[$0] && cluster.nodes.pools[$0] == poolIndex }.map { NodeID($0) }
    }

    /// The nodes a spot interruption takes: the one named, or `count` running nodes of the pool
    /// drawn at random.
    private func spotNodes(_ selection: NodeSelection, fault index: Int) -> [NodeID] {
        switch selection {
        case .node(let name):
            return cluster.node(named: name).map { [$0] } ?? []
        case .pool(let pool, let count):
            var candidates = nodes(inPool: pool).filter { cluster.nodes.health[Int($0)].isUp }
            faults.streams[index]!.shuffle(&candidates)
            return Array(candidates.prefix(count)).sorted()
        }
    }

    // MARK: Pods

    /// Deletes `amount` of the workload's active pods, chosen at random.
    private func killPods(of target: WorkloadReference, amount: PodKillAmount, gracePeriod: SimTime, fault index: Int) {
        var pods = activePods(of: target)
        let count: Int
        switch amount {
        case .count(let wanted): count = min(wanted, pods.count)
        case .fraction(let share): count = min(pods.count, Int((share * Double(pods.count)).rounded(.up)))
        }
        _ = addRecord(type: "podKill", target: target.path)
        faults.streams[index]!.shuffle(&pods)
        for pod in pods.prefix(count) {
            record(.warning, "PodKill", reference(pod: pod), node: nodeName(of: pod), "Pod \(cluster.qualifiedName(of: pod)) killed by a fault")
            faults.gracePeriods[pod] = gracePeriod
            cluster.beginDeletion(pod, at: now)
        }
    }

    /// The active pods of a Deployment (all its ReplicaSets) or a ReplicaSet, in a stable order.
    func activePods(of target: WorkloadReference) -> [PodID] {
        var replicaSets: [ReplicaSetID] = []
        if target.kind == "Deployment", let id = cluster.deployment(namespace: target.namespace, name: target.name) {
            replicaSets = cluster.deployments[id].replicaSets
        } else if target.kind == "ReplicaSet", let id = cluster.replicaSet(namespace: target.namespace, name: target.name) {
            replicaSets = [id]
        }
        return replicaSets.flatMap { cluster.replicaSets[$0].pods }.filter { cluster.pods[$0].isActive }.sorted()
    }

    // MARK: Records

    /// Adds a fault record; returns its index.
    func addRecord(type: String, target: String) -> Int {
        faults.records.append(FaultRecord(type: type, at: now, target: target, recoveredAt: nil, tracksRecovery: true))
        faults.unrecovered += 1
        faults.recoveryCheckPending = true
        return faults.records.count - 1
    }
}
