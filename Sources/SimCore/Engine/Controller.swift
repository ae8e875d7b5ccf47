/// A controller of the simulated cluster, shaped as upstream's: it watches some kinds of cluster
/// change, keeps its own state (work queue, timers, caches, constants), and reads and writes the
/// cluster only through the `ControllerContext` it is handed.
///
/// Services that are not controllers upstream — the kubelet, the scheduler's loop, traffic,
/// metrics-server, fault injection, the metrics recorder — have the same shape, so the run loop
/// treats them all alike. `ControllerSet` holds them as concrete stored properties and calls them
/// directly: dispatch is static, with no existentials or closures in the run loop.
protocol Controller: AnyObject {
    /// The controller's own timed events, carried by `SimEvent`.
    associatedtype Timer

    /// The kinds of cluster change this controller is told of; it sees no others.
    static var watches: ChangeKinds { get }

    /// Wraps one of the controller's timers as an event of the run loop.
    static func event(_ timer: Timer) -> SimEvent

    /// A watched change was delivered (upstream's informer event handlers). Changes arrive at the
    /// end of the event that made them, in the order they were made.
    func observe(_ change: ClusterChange, in context: ControllerContext)

    /// One of the controller's timers is due.
    func fire(_ timer: Timer, in context: ControllerContext)
}

extension Controller {
    static var watches: ChangeKinds { [] }

    func observe(_ change: ClusterChange, in context: ControllerContext) {}

    /// Schedules one of this controller's timers.
    func schedule(_ timer: Timer, at time: SimTime, phase: EventPhase, in context: ControllerContext) {
        context.schedule(Self.event(timer), at: time, phase: phase)
    }

    /// Schedules one of this controller's timers so that it can be cancelled.
    func scheduleCancellable(_ timer: Timer, at time: SimTime, phase: EventPhase, in context: ControllerContext) -> TimerID {
        context.scheduleTimer(Self.event(timer), at: time, phase: phase)
    }
}

/// A controller that reconciles one object at a time from a work queue, as upstream's controllers
/// do: a watched change adds the keys it concerns (`keys(for:in:)`), and one drain per instant, in
/// the controllers' phase, syncs each waiting key in turn (`sync(_:in:)`).
protocol Reconciler: Controller where Timer == ReconcilerTimer<Key> {
    associatedtype Key: DenseID

    /// The keys waiting to be synced.
    var workQueue: WorkQueue<Key> { get set }

    /// The keys of the objects a watched change concerns.
    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<Key>

    /// Reconciles one object (upstream's `syncHandler`).
    func sync(_ key: Key, in context: ControllerContext)
}

/// The timers every reconciler has.
enum ReconcilerTimer<Key: DenseID> {
    /// Sync every waiting key.
    case drain
    /// Add the key to the queue again (upstream's `AddAfter`), e.g. once `minReadySeconds` pass.
    case requeue(Key)
}

extension Reconciler {
    func observe(_ change: ClusterChange, in context: ControllerContext) {
        for key in keys(for: change, in: context.cluster) { enqueue(key, in: context) }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .drain:
            workQueue.drainScheduled = false
            while let key = workQueue.pop() { sync(key, in: context) }
        case .requeue(let key):
            workQueue.delayedAddDue(key, now: context.now)
            enqueue(key, in: context)
        }
    }

    /// Adds `key` to the work queue and makes sure a drain runs at this instant.
    func enqueue(_ key: Key, in context: ControllerContext) {
        workQueue.add(key)
        guard !workQueue.drainScheduled else { return }
        workQueue.drainScheduled = true
        schedule(.drain, at: context.now, phase: .controllers, in: context)
    }

    /// Adds `key` again at `time`.
    func requeue(_ key: Key, at time: SimTime, in context: ControllerContext) {
        schedule(.requeue(key), at: time, phase: .controllers, in: context)
    }

    /// Adds `key` after `delay`, as client-go's `AddAfter`: a key already waiting for a time no
    /// later than that keeps its time, so a burst of adds makes one sync.
    func enqueue(_ key: Key, after delay: SimTime, in context: ControllerContext) {
        let due = context.now + delay
        guard workQueue.needsDelayedAdd(key, at: due, now: context.now) else { return }
        requeue(key, at: due, in: context)
    }

    /// Asks the API server's admission about a pod the controller is about to create for `key`.
    /// A refused pod (a LimitRange, an exceeded ResourceQuota) is a `FailedCreate` warning on the
    /// owner, as upstream's pod control records it, and the key is tried again after the rate
    /// limiter's delay (upstream's `AddRateLimited` on the sync's error).
    func admits(_ name: String, spec: PodSpecID, for key: Key, owner: ObjectReference, in context: ControllerContext) -> Bool {
        guard let refusal = context.cluster.admissionRefusal(name: name, spec: spec) else { return true }
        context.record(.warning, PodAdmission.failedCreateReason, owner, PodAdmission.failedCreateMessage(refusal))
        requeue(key, at: context.now + workQueue.rateLimitedDelay(key), in: context)
        return false
    }
}

/// The keys one change concerns: usually none or one, so they are held without an array.
struct AffectedKeys<Key>: Sequence, IteratorProtocol {
    private var first: Key?
    private var rest: [Key]

    /// No key.
    static var none: AffectedKeys { AffectedKeys(first: nil, rest: []) }

    /// One key, or none for nil.
    static func one(_ key: Key?) -> AffectedKeys { AffectedKeys(first: key, rest: []) }

    /// Several keys, in order.
    static func all(_ keys: [Key]) -> AffectedKeys { AffectedKeys(first: nil, rest: keys.reversed()) }

    mutating func next() -> Key? {
        if let key = first {
            first = nil
            return key
        }
        return rest.popLast()
    }
}
