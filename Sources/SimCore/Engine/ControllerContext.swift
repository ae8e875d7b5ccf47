/// What the controllers of one run share, and all they share: the simulated clock, the event
/// queue their timers go into, the cluster state (the API server and the scheduler's cache), and
/// the run log of events, placements and totals.
///
/// One per simulation, owned by it and passed to each controller call — nothing lives in globals
/// or per-process state, so any number of runs can go side by side on different threads. A test
/// builds a context around a cluster state to drive one controller alone.
public final class ControllerContext {
    /// The simulated clock.
    public internal(set) var now: SimTime = 0
    public let cluster: ClusterState
    /// Events (as `kubectl get events` shows them), placements and counters.
    public internal(set) var log = RunLog()
    /// Pending events and timers, in (time, phase, sequence) order.
    var queue = EventQueue<SimEvent>()

    public init(cluster: ClusterState = ClusterState()) {
        self.cluster = cluster
    }

    /// Schedules `event` at `time` (not before now) in `phase`.
    func schedule(_ event: SimEvent, at time: SimTime, phase: EventPhase) {
        queue.schedule(event, at: time, phase: phase)
    }

    /// Schedules a cancellable `event`.
    func scheduleTimer(_ event: SimEvent, at time: SimTime, phase: EventPhase) -> TimerID {
        queue.scheduleTimer(event, at: time, phase: phase)
    }

    /// Cancels a timer that has not fired.
    func cancel(_ timer: TimerID) {
        queue.cancel(timer)
    }

    /// Records an event at the current time.
    func record(_ type: EventType, _ reason: String, _ object: ObjectReference, node: String = "", _ message: String) {
        log.events.append(EventRecord(time: now, type: type, reason: reason, object: object, node: node, message: message))
    }
}
