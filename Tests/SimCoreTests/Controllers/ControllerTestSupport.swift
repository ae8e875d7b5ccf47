import TestSupport
import Testing

@testable import SimCore

// Driving controllers one at a time, without a `Simulation`: a `ControllerContext` around a
// cluster state built by hand, the changes a test makes handed to the controllers that watch
// them, and the controllers' own timers popped from the context's queue and fired, as the run
// loop would.

/// A controller a test drives alone: it recognises its own timers in a `SimEvent`.
protocol DrivenController: Controller {
    static func timer(in event: SimEvent) -> Timer?
}

extension DrivenController {
    /// Hands `change` to the controller when it watches its kind (as `ControllerSet.deliver`).
    func observeIfWatched(_ change: ClusterChange, in context: ControllerContext) {
        if Self.watches.contains(change.kind) { observe(change, in: context) }
    }

    /// Fires `event` when it is one of this controller's timers; returns whether it was.
    func fireIfOwn(_ event: SimEvent, in context: ControllerContext) -> Bool {
        guard let timer = Self.timer(in: event) else { return false }
        fire(timer, in: context)
        return true
    }
}

extension ReplicaSetController: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .replicaSets(let timer) = event { return timer }
        return nil
    }
}

extension DeploymentController: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .deployments(let timer) = event { return timer }
        return nil
    }
}

extension HorizontalPodAutoscalerController: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .autoscalers(let timer) = event { return timer }
        return nil
    }
}

extension NodeLifecycleController: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .nodeLifecycle(let timer) = event { return timer }
        return nil
    }
}

extension TaintEvictionController: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .taintEviction(let timer) = event { return timer }
        return nil
    }
}

extension Kubelet: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .kubelet(let timer) = event { return timer }
        return nil
    }
}

extension SchedulerService: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .scheduler(let timer) = event { return timer }
        return nil
    }
}

extension TrafficService: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .traffic(let timer) = event { return timer }
        return nil
    }
}

extension FaultInjector: DrivenController {
    static func timer(in event: SimEvent) -> Timer? {
        if case .faults(let timer) = event { return timer }
        return nil
    }
}

// The timers with payloads, comparable in expectations (the others are plain enums, Equatable already).

extension ReconcilerTimer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.drain, .drain): true
        case (.requeue(let a), .requeue(let b)): a == b
        default: false
        }
    }
}

extension Kubelet.Timer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.startup(let a), .startup(let b)), (.ready(let a), .ready(let b)), (.termination(let a), .termination(let b)),
            (.containerRestart(let a), .containerRestart(let b)):
            a == b
        default: false
        }
    }
}

extension TaintEvictionController.Timer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.evict(let a), .evict(let b)): a == b
        }
    }
}

extension TrafficService.Timer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.tick, .tick), (.update, .update): true
        case (.corner(let a), .corner(let b)): a == b
        default: false
        }
    }
}

extension FaultInjector.Timer: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.start(let a), .start(let b)), (.end(let a), .end(let b)), (.drainRetry(let a), .drainRetry(let b)),
            (.containerCrash(let a), .containerCrash(let b)):
            a == b
        case (.nodeFailure(let a, let x), .nodeFailure(let b, let y)), (.nodeRepair(let a, let x), .nodeRepair(let b, let y)),
            (.spotTermination(let a, let x), .spotTermination(let b, let y)):
            a == b && x == y
        default: false
        }
    }
}

/// One event the harness popped and fired, with the cluster changes firing it made (and those
/// the changes led to as they were delivered).
struct FiredEvent {
    let time: SimTime
    let phase: EventPhase
    let event: SimEvent
    var changes: [ClusterChange] = []
}

/// One of a controller's timers as it fired: when, in which phase, and which.
struct FiredTimer<Timer: Equatable>: Equatable, CustomStringConvertible {
    let time: SimTime
    let phase: EventPhase
    let timer: Timer

    init(_ timer: Timer, at time: SimTime, _ phase: EventPhase) {
        self.time = time
        self.phase = phase
        self.timer = timer
    }

    var description: String { "\(timer)@\(time)/\(phase)" }
}

extension Array where Element == FiredEvent {
    /// The timers of controller type `C` among the fired events, in the order they fired.
    func timers<C: DrivenController>(of type: C.Type) -> [FiredTimer<C.Timer>] where C.Timer: Equatable {
        compactMap { fired in C.timer(in: fired.event).map { FiredTimer($0, at: fired.time, fired.phase) } }
    }
}

/// A `ControllerContext` around a cluster of pool nodes, and the controllers a test drives in it.
///
/// Changes the test (or a controller) makes stay in `cluster.changes` until `deliverChanges()`
/// hands them to the controllers, in the order the controllers were given — give them in
/// `ControllerSet`'s order when there are several. `run(until:)` pops the queued timers in
/// (time, phase, sequence) order up to a time, moving the clock with them, fires each at its
/// controller and delivers the changes it made, as `Simulation.run` does.
///
/// A pod group (traffic's or an HPA's) made while `podAdded` changes are still pending would
/// count those pods twice: deliver the changes before starting traffic or registering HPAs.
final class ControllerHarness {
    let context: ControllerContext
    var controllers: [any DrivenController]

    var cluster: ClusterState { context.cluster }
    var now: SimTime { context.now }
    /// The events recorded so far.
    var events: [EventRecord] { context.log.events }

    /// Nodes `<pool>-<index>` of each pool, added at time 0 (their `nodeAdded` changes are pending).
    init(pools: [NodePool] = [Build.pool("pool", count: 2)], driving controllers: [any DrivenController] = []) {
        context = ControllerContext()
        self.controllers = controllers
        let specs = pools.enumerated().flatMap { poolIndex, pool in
            (0..<pool.count).map { pool.nodeSpec(index: $0, poolIndex: poolIndex) }
        }
        _ = context.cluster.addNodes(specs, at: 0)
    }

    /// Moves the clock forward to `time` (no timer fires).
    func setClock(to time: SimTime) {
        precondition(time >= context.now, "the clock does not go back")
        context.now = time
    }

    /// Drops the pending changes without delivering them (setting up a state the controllers
    /// should find rather than react to).
    func discardChanges() {
        _ = cluster.drainChanges()
    }

    /// Hands every pending change to the controllers that watch it, until no new change appears;
    /// the pod groups follow pods as `Simulation.deliverChanges` keeps them. Returns the changes.
    @discardableResult
    func deliverChanges() -> [ClusterChange] {
        var delivered: [ClusterChange] = []
        while !cluster.changes.isEmpty {
            for change in cluster.drainChanges() {
                if case .podAdded(let pod) = change { cluster.podGroups.podAdded(pod, in: cluster) }
                for controller in controllers { controller.observeIfWatched(change, in: context) }
                if case .podRemoved(let removed) = change { cluster.podGroups.podRemoved(removed.id) }
                delivered.append(change)
            }
        }
        return delivered
    }

    /// Fires every queued timer due up to and including `time` (and the changes each makes),
    /// with the clock at each timer's time; the clock ends at `time`. Returns what fired.
    @discardableResult
    func run(until time: SimTime) -> [FiredEvent] {
        context.queue.schedule(.stop, at: max(time, now), phase: .stop)
        var fired: [FiredEvent] = []
        while let next = context.queue.popNext() {
            if next.time < context.now { Issue.record("a timer due at \(next.time) fires after the clock was set to \(context.now)") }
            context.now = next.time
            if case .stop = next.payload { break }
            if !controllers.contains(where: { $0.fireIfOwn(next.payload, in: context) }) {
                Issue.record("no controller in the harness for \(next.payload)")
            }
            fired.append(FiredEvent(time: next.time, phase: next.phase, event: next.payload, changes: deliverChanges()))
        }
        return fired
    }

    /// Delivers the pending changes, then fires what is due now (a reconciler's drain).
    @discardableResult
    func settle() -> [FiredEvent] {
        deliverChanges()
        return run(until: now)
    }

    // MARK: Objects

    /// The node called `name`.
    func node(_ name: String) -> NodeID {
        guard let node = cluster.node(named: name) else { preconditionFailure("no node \(name)") }
        return node
    }

    /// A pending, unbound pod in `default` from `template`, created now.
    @discardableResult
    func createPod(_ name: String, template: PodTemplate = Build.template(app: "web"), owner: PodOwner? = nil) -> PodID {
        let spec = cluster.registerPodSpec(template, namespace: "default")
        let labels = LabelSet(template.labels, symbols: cluster.symbols)
        guard let pod = cluster.createPod(name: name, namespace: "default", labels: labels, spec: spec, owner: owner, at: now) else {
            preconditionFailure("pod name \(name) taken")
        }
        return pod
    }

    /// What the scheduler and the kubelet would have done, done now by hand: bound to `node`,
    /// started, Running and Ready.
    func makeRunning(_ pod: PodID, on node: NodeID) {
        if cluster.pods[pod].node == nil { cluster.bind(pod, to: node, at: now) }
        cluster.markStarted(pod, at: now)
        cluster.markRunning(pod)
        cluster.setReady(pod, true, at: now)
    }

    /// A ReplicaSet `name` in `default` selecting and labelling its pods `app: <name>`.
    @discardableResult
    func createReplicaSet(_ name: String, replicas: Int32, minReadySeconds: Int32 = 0, template: PodTemplate? = nil) -> ReplicaSetID {
        let spec = ReplicaSetSpec(
            meta: ObjectMeta(name: name), replicas: replicas,
            selector: LabelSelector(matchLabels: Labels([("app", name)])),
            template: template ?? Build.template(app: name), minReadySeconds: minReadySeconds)
        guard let id = cluster.createReplicaSet(spec, owner: nil, revision: 0, at: now) else { preconditionFailure("ReplicaSet \(name) exists") }
        return id
    }

    /// The events with `reason`, in the order they were recorded.
    func events(_ reason: String) -> [EventRecord] {
        events.filter { $0.reason == reason }
    }
}

/// An event as the tests compare it: what `kubectl get events` shows, without the time.
struct EventLine: Equatable, CustomStringConvertible {
    var type: EventType
    var reason: String
    var object: String
    var message: String

    init(_ type: EventType, _ reason: String, _ object: String, _ message: String) {
        self.type = type
        self.reason = reason
        self.object = object
        self.message = message
    }

    init(_ record: EventRecord) {
        self.init(record.type, record.reason, record.object.path, record.message)
    }

    var description: String { "\(type.rawValue) \(reason) \(object): \(message)" }
}

extension Array where Element == EventRecord {
    /// The events as lines, for comparing with what upstream writes.
    var lines: [EventLine] { map(EventLine.init) }
}
