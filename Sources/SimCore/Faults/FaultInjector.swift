/// Injecting the scenario's faults: machines failing and coming back, spot reclaims, pod kills,
/// drains, partitions and crashing containers. Each fault unfolds through the same controllers a
/// real cluster runs: the node lifecycle controller notices silent nodes, the taint eviction
/// controller evicts, ReplicaSets replace, the scheduler places.
///
/// A fault acts on the machines (`ClusterState.setHealth`), which the kubelet and the node
/// lifecycle controller learn of as `nodeHealthChanged`; on pods, through deletion and the
/// eviction API; and on containers, through the kubelet.
final class FaultInjector: Controller {
    enum Timer {
        /// The scenario's fault at this index begins.
        case start(Int)
        /// The fault at this index ends (a node comes back, a drained node is uncordoned).
        case end(Int)
        /// One failure or repair of a random-failures fault.
        case nodeFailure(fault: Int, node: NodeID)
        case nodeRepair(fault: Int, node: NodeID)
        /// A spot node's notice is over.
        case spotTermination(fault: Int, node: NodeID)
        /// A drain retries its refused evictions.
        case drainRetry(Int)
        /// A container of the fault's workload crashes.
        case containerCrash(Int)
    }

    static let watches: ChangeKinds = [.podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .faults(timer) }

    /// `kubectl drain`'s wait between refused evictions.
    static let drainRetryInterval: SimTime = 5 * Millis.second

    /// The scenario's faults.
    let specs: [FaultSpec]
    let seed: UInt64
    /// No fault starts, and nothing of one is scheduled, after this.
    let end: SimTime
    /// Node pool names, by pool index.
    let poolNames: [String]
    /// Crashing containers are the kubelet's to restart.
    let kubelet: Kubelet
    var state = FaultState()

    init(specs: [FaultSpec], seed: UInt64, end: SimTime, poolNames: [String], kubelet: Kubelet) {
        self.specs = specs
        self.seed = seed
        self.end = end
        self.poolNames = poolNames
        self.kubelet = kubelet
    }

    /// The faults that happened so far, for the summary.
    var records: [FaultRecord] { state.records }

    /// Draws every fault's random stream and schedules every fault's start.
    func start(in context: ControllerContext) {
        state.streams = specs.indices.map { index in RandomStream(seed: seed, name: "faults/\(index)/\(specs[index].action.type)") }
        for (index, fault) in specs.enumerated() where fault.at <= end {
            schedule(.start(index), at: max(fault.at, 0), phase: .infrastructure, in: context)
        }
    }

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        guard case .podRemoved(let removed) = change, let node = removed.node else { return }
        // A drain of the pod's node may be done.
        let step = FaultStep(injector: self, context: context)
        for index in state.drains.indices where state.drains[index].node == node && !state.drains[index].done { step.checkDrainDone(index) }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        let step = FaultStep(injector: self, context: context)
        switch timer {
        case .start(let index): step.startFault(index)
        case .end(let index): step.endFault(index)
        case .nodeFailure(let fault, let node): step.randomFailure(fault: fault, node: node)
        case .nodeRepair(let fault, let node): step.randomRepair(fault: fault, node: node)
        case .spotTermination(let fault, let node): step.terminateSpotNode(fault: fault, node: node)
        case .drainRetry(let index): step.drainStep(index)
        case .containerCrash(let index): step.crashContainer(index)
        }
    }

    /// Time to recover is judged at the end of each instant, once every controller has caught up
    /// with it: the run loop asks before the clock moves on.
    var wantsRecoveryCheck: Bool { state.recoveryCheckPending }

    /// Something happened at this instant; while a fault is unrecovered, check at its end.
    func instantChanged() {
        if state.unrecovered > 0 { state.recoveryCheckPending = true }
    }

    /// Closes every open fault record if the workloads are whole at the end of this instant.
    func checkRecovery(in context: ControllerContext) {
        FaultStep(injector: self, context: context).checkRecovery()
    }

    static func streamKey(_ fault: Int, _ node: NodeID) -> Int64 {
        Int64(fault) << 32 | Int64(node.rawValue)
    }
}

/// One step of fault injection, reading and writing the cluster through the context it was handed.
struct FaultStep {
    let injector: FaultInjector
    let context: ControllerContext
    var cluster: ClusterState { context.cluster }
    var now: SimTime { context.now }
    var state: FaultState {
        get { injector.state }
        nonmutating _modify { yield &injector.state }
    }

    func record(_ type: EventType, _ reason: String, _ object: ObjectReference, node: String = "", _ message: String) {
        context.record(type, reason, object, node: node, message)
    }

    func schedule(_ timer: FaultInjector.Timer, at time: SimTime) {
        injector.schedule(timer, at: time, phase: .infrastructure, in: context)
    }

    /// The machine is back (the kubelet and the node lifecycle controller see it come back).
    private func machineBack(_ node: NodeID) {
        let n = Int(node)
        guard cluster.nodes.exists[n], cluster.nodes.health[n] != .up else { return }
        cluster.setHealth(.up, of: node)
    }

    /// A fault begins.
    func startFault(_ index: Int) {
        let fault = injector.specs[index]
        switch fault.action {
        case .nodeCrash(let name, let duration):
            guard let node = cluster.node(named: name) else { return }
            fail(node, by: index, health: .down, reason: "NodeCrash", message: "The machine of node \(name) stopped")
            if let duration { schedule(.end(index), at: now + duration) }
        case .networkPartition(let name, let duration):
            guard let node = cluster.node(named: name) else { return }
            fail(node, by: index, health: .partitioned, reason: "NetworkPartition", message: "Node \(name) is cut off from the network")
            if let duration { schedule(.end(index), at: now + duration) }
        case .zoneOutage(let zone, let duration):
            _ = addRecord(type: fault.action.type, target: zone)
            for node in nodes(inZone: zone) where hold(node, by: index, health: .down) {
                record(.warning, "ZoneOutage", cluster.reference(node: node), node: cluster.nodes.names[Int(node)], "Zone \(zone) is down")
            }
            if let duration { schedule(.end(index), at: now + duration) }
        case .randomNodeFailures(let pool, let mtbf, _, let until):
            for node in nodes(inPool: pool) { scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until) }
        case .spotInterruption(let selection, let notice):
            for node in spotNodes(selection, fault: index) {
                let name = cluster.nodes.names[Int(node)]
                let recordIndex = addRecord(type: fault.action.type, target: name)
                record(
                    .warning, "SpotInterruption", cluster.reference(node: node), node: name,
                    "Spot instance interruption notice: node \(name) will be terminated in \(GoDuration.format(notice))")
                startDrain(node, force: true, record: recordIndex)
                schedule(.spotTermination(fault: index, node: node), at: now + notice)
            }
        case .podKill(let target, let amount, let grace):
            killPods(of: target, amount: amount, gracePeriod: grace ?? 0, fault: index)
        case .nodeDrain(let name, let force, let uncordonAfter):
            guard let node = cluster.node(named: name) else { return }
            let recordIndex = addRecord(type: fault.action.type, target: name)
            state.records[recordIndex].drained = false
            startDrain(node, force: force, record: recordIndex)
            if let uncordonAfter { schedule(.end(index), at: now + uncordonAfter) }
        case .containerCrashes(let target, let mtbf, _):
            state.records.append(FaultRecord(type: fault.action.type, at: now, target: target.path, recoveredAt: nil, tracksRecovery: false))
            scheduleNextCrash(index, mtbf: mtbf, target: target)
        }
    }

    /// A fault with a duration ends: nodes no other fault holds come back, a drained node is
    /// uncordoned.
    func endFault(_ index: Int) {
        switch injector.specs[index].action {
        case .nodeCrash(let name, _), .networkPartition(let name, _):
            guard let node = cluster.node(named: name), release(node, by: index) else { return }
            machineBack(node)
        case .zoneOutage(let zone, _):
            for node in nodes(inZone: zone) where release(node, by: index) { machineBack(node) }
        case .nodeDrain(let name, _, _):
            guard let node = cluster.node(named: name) else { return }
            cluster.setUnschedulable(false, of: node)
            if cluster.nodes.health[Int(node)].isUp {
                record(.normal, "NodeSchedulable", cluster.reference(node: node), node: name, "Node \(name) status is now: NodeSchedulable")
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
        if state.holders.count <= n { state.holders.append(contentsOf: repeatElement([], count: n + 1 - state.holders.count)) }
        if !state.holders[n].contains(fault) { state.holders[n].append(fault) }
        guard cluster.nodes.health[n] == .up else { return false }
        // The machine stops or is cut off; the API learns it only when the node lifecycle
        // controller notices the silence.
        if cluster.nodes.exists[n] { cluster.setHealth(health, of: node) }
        return true
    }

    /// `fault` lets go of the node. Returns true when no fault holds it any more and it is not
    /// up: the caller brings it back.
    private func release(_ node: NodeID, by fault: Int) -> Bool {
        let n = Int(node)
        guard n < state.holders.count, let position = state.holders[n].firstIndex(of: fault) else { return false }
        state.holders[n].remove(at: position)
        return state.holders[n].isEmpty && cluster.nodes.health[n] != .up
    }

    /// A fault stops a node's machine or cuts it off, with a fault record and event when the
    /// node was up. A node that another fault holds already stays as it is until both let go.
    private func fail(_ node: NodeID, by fault: Int, health: NodeHealth, reason: String, message: String) {
        guard hold(node, by: fault, health: health) else { return }
        _ = addRecord(type: injector.specs[fault].action.type, target: cluster.nodes.names[Int(node)])
        record(.warning, reason, cluster.reference(node: node), node: cluster.nodes.names[Int(node)], message)
    }

    /// One of the random failures: the node stops, and its repair is drawn. A node that another
    /// fault already holds down does not fail again; its next failure is drawn instead.
    func randomFailure(fault index: Int, node: NodeID) {
        guard case .randomNodeFailures(_, let mtbf, let mttr, let until) = injector.specs[index].action, cluster.nodes.exists[Int(node)] else {
            return
        }
        guard cluster.nodes.health[Int(node)] == .up else {
            scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until)
            return
        }
        fail(node, by: index, health: .down, reason: "NodeCrash", message: "The machine of node \(cluster.nodes.names[Int(node)]) failed")
        let repair = now + randomDelay(mean: mttr, fault: index, node: node)
        if repair <= injector.end { schedule(.nodeRepair(fault: index, node: node), at: repair) }
    }

    /// A random failure is repaired (the node is back unless another fault still holds it); the
    /// node's next failure is drawn.
    func randomRepair(fault index: Int, node: NodeID) {
        guard case .randomNodeFailures(_, let mtbf, _, let until) = injector.specs[index].action, cluster.nodes.exists[Int(node)] else { return }
        if release(node, by: index) {
            record(
                .normal, "NodeRepaired", cluster.reference(node: node), node: cluster.nodes.names[Int(node)],
                "The machine of node \(cluster.nodes.names[Int(node)]) is back")
            machineBack(node)
        }
        scheduleRandomFailure(fault: index, node: node, mtbf: mtbf, until: until)
    }

    /// Draws the node's next random failure, an exponential time with mean `mtbf` from now.
    private func scheduleRandomFailure(fault index: Int, node: NodeID, mtbf: SimTime, until: SimTime?) {
        let next = now + randomDelay(mean: mtbf, fault: index, node: node)
        if next <= min(until ?? injector.end, injector.end) { schedule(.nodeFailure(fault: index, node: node), at: next) }
    }

    /// An exponential delay with the given mean from the node's own stream for this fault (named
    /// after the fault and the node, so each node's failures do not depend on the others').
    private func randomDelay(mean: SimTime, fault index: Int, node: NodeID) -> SimTime {
        let key = FaultInjector.streamKey(index, node)
        return FaultState.exponential(
            mean: mean,
            random: &state.nodeStreams[key, default: RandomStream(seed: injector.seed, name: "faults/\(index)/\(cluster.nodes.names[Int(node)])")])
    }

    /// The spot notice is over: the machine stops and the cloud provider deletes the Node; the
    /// pods still bound to it are deleted with it (the pod garbage collector's job).
    func terminateSpotNode(fault index: Int, node: NodeID) {
        guard cluster.nodes.exists[Int(node)] else { return }
        let name = cluster.nodes.names[Int(node)]
        cluster.setHealth(.down, of: node)
        for pod in cluster.nodes.pods[Int(node)] { cluster.remove(pod) }
        record(.normal, "RemovingNode", cluster.reference(node: node), node: name, "Node \(name) event: Removing Node \(name) from Controller")
        cluster.deleteNode(node, at: now)
        for drain in state.drains.indices where state.drains[drain].node == node { state.drains[drain].done = true }
    }

    /// Existing nodes of a zone, in index order.
    private func nodes(inZone zone: String) -> [NodeID] {
        guard let symbol = cluster.symbols.lookup(zone) else { return [] }
        return (0..<cluster.nodes.count).filter { cluster.nodes.exists[$0] && cluster.nodes.zones[$0] == symbol }.map { NodeID($0) }
    }

    /// Existing nodes of a pool, in index order.
    private func nodes(inPool pool: String) -> [NodeID] {
        guard let poolIndex = injector.poolNames.firstIndex(of: pool) else { return [] }
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
            state.streams[index].shuffle(&candidates)
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
        state.streams[index].shuffle(&pods)
        for pod in pods.prefix(count) {
            record(
                .warning, "PodKill", cluster.reference(pod: pod), node: cluster.nodeName(of: pod),
                "Pod \(cluster.qualifiedName(of: pod)) killed by a fault")
            cluster.beginDeletion(pod, at: now, gracePeriod: gracePeriod)
        }
    }

    /// The active pods of the workload (a Deployment's over all its ReplicaSets), in a stable order.
    func activePods(of target: WorkloadReference) -> [PodID] {
        cluster.workload(target).map { cluster.activePods(of: $0) } ?? []
    }

    // MARK: Records

    /// Adds a fault record; returns its index.
    func addRecord(type: String, target: String) -> Int {
        state.records.append(FaultRecord(type: type, at: now, target: target, recoveredAt: nil, tracksRecovery: true))
        state.unrecovered += 1
        state.recoveryCheckPending = true
        return state.records.count - 1
    }
}
