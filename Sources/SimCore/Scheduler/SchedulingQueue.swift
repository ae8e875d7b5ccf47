/// Cluster changes that can make unschedulable pods schedulable (upstream's `ClusterEvent`s, as
/// far as kubesim tells them apart): what a plugin registers, and what the queue moves pods on.
public struct ClusterEvents: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let nodeAdded = ClusterEvents(rawValue: 1 << 0)
    /// Labels, taints, schedulability, readiness or allocatable of a node changed.
    public static let nodeUpdated = ClusterEvents(rawValue: 1 << 1)
    /// A pod was bound to a node.
    public static let assignedPodAdded = ClusterEvents(rawValue: 1 << 2)
    /// A bound pod is gone.
    public static let assignedPodDeleted = ClusterEvents(rawValue: 1 << 3)

    /// What may help a pod that fails on node properties (taints, affinity, cordons).
    public static let nodeChanges: ClusterEvents = [.nodeAdded, .nodeUpdated]
    /// What may help a pod that fails on resources: capacity added, or freed.
    public static let capacityChanges: ClusterEvents = [.nodeAdded, .nodeUpdated, .assignedPodDeleted]
    /// What may help a pod that fails on other pods' placement.
    public static let placementChanges: ClusterEvents = [.nodeAdded, .nodeUpdated, .assignedPodAdded, .assignedPodDeleted]
}

/// The scheduler's queue, as upstream's `PriorityQueue` (reference §2.8).
///
/// - activeQ: pods ready to be tried, highest priority first, then earliest timestamp.
/// - backoffQ: pods that failed and wait out `min(max, initial × 2^(attempts−1))` from their
///   timestamp; a 1 s flush moves expired ones to activeQ.
/// - unschedulable pods: failed pods waiting for a cluster event that can help them; a 30 s
///   flush moves those waiting longer than 5 minutes.
/// Ties are broken by insertion sequence, so the order is deterministic.
struct SchedulingQueue {
    /// Where a pod is in the queue.
    enum Location: UInt8 { case none, active, backoff, unschedulable }

    private struct Entry {
        var pod: PodID
        var priority: Int32
        /// When the pod was last added or requeued after a failure.
        var timestamp: SimTime
        var backoffExpiry: SimTime
        var sequence: UInt64
    }

    private struct PodState {
        var generation: UInt32 = 0
        var location = Location.none
        var timestamp: SimTime = 0
        var sequence: UInt64 = 0
        /// The events registered by the plugins that rejected the pod last time.
        var rejectedBy: ClusterEvents = []
    }

    let initialBackoff: SimTime
    let maxBackoff: SimTime
    /// How long a pod may sit in the unschedulable pool before a flush retries it (5 minutes).
    static let maxInUnschedulable: SimTime = 5 * Millis.minute
    /// Period of the backoff flush (1 s) and of the unschedulable flush (30 s), as upstream's loops.
    static let backoffFlushPeriod: SimTime = Millis.second
    static let unschedulableFlushPeriod: SimTime = 30 * Millis.second

    private var active: [Entry] = []
    private var backoff: [Entry] = []
    private var unschedulable: [PodID] = []
    private var states: [PodState] = []
    private var nextSequence: UInt64 = 0

    init(initialBackoff: SimTime, maxBackoff: SimTime) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    var activeCount: Int { active.count }
    var backoffCount: Int { backoff.count }
    var hasUnschedulable: Bool { !unschedulable.isEmpty }

    /// The backoff after `attempts` failed attempts: 1 s, 2 s, 4 s, 8 s, then 10 s.
    func backoffDuration(attempts: Int32) -> SimTime {
        var duration = initialBackoff
        var attempt: Int32 = 1
        while attempt < attempts {
            duration *= 2
            if duration > maxBackoff { return maxBackoff }
            attempt += 1
        }
        return min(duration, maxBackoff)
    }

    private mutating func state(_ pod: PodID) -> PodState {
        let slot = Int(pod.slot)
        if slot >= states.count { states.append(contentsOf: repeatElement(PodState(), count: slot - states.count + 1)) }
        if states[slot].generation != pod.generation { states[slot] = PodState(generation: pod.generation) }
        return states[slot]
    }

    private mutating func update(_ pod: PodID, _ change: (inout PodState) -> Void) {
        var current = state(pod)
        change(&current)
        states[Int(pod.slot)] = current
    }

    func location(of pod: PodID) -> Location {
        let slot = Int(pod.slot)
        guard slot < states.count, states[slot].generation == pod.generation else { return .none }
        return states[slot].location
    }

    /// A new pending pod: straight to activeQ.
    mutating func add(_ pod: PodID, priority: Int32, now: SimTime) {
        guard location(of: pod) == .none else { return }
        pushActive(pod, priority: priority, timestamp: now)
    }

    /// Takes the next pod to schedule.
    mutating func popActive() -> PodID? {
        while let entry = Self.pop(&active, before: Self.activeOrder) {
            guard location(of: entry.pod) == .active, state(entry.pod).sequence == entry.sequence else { continue }
            update(entry.pod) { $0.location = .none }
            return entry.pod
        }
        return nil
    }

    /// A pod that failed its attempt goes to the unschedulable pool, remembering the events the
    /// plugins that rejected it registered (with queueing hints, v1.32's default, nothing moves it
    /// straight back).
    mutating func addUnschedulable(_ pod: PodID, rejectedBy: ClusterEvents, now: SimTime) {
        update(pod) {
            $0.location = .unschedulable
            $0.timestamp = now
            $0.rejectedBy = rejectedBy
        }
        unschedulable.append(pod)
    }

    /// Forgets a pod that was deleted or bound elsewhere.
    mutating func remove(_ pod: PodID) {
        guard location(of: pod) != .none else { return }
        update(pod) { $0.location = .none }
    }

    /// Moves unschedulable pods that `event` can help to backoffQ (still backing off) or activeQ.
    mutating func move(on event: ClusterEvents, now: SimTime, attempts: (PodID) -> Int32, priority: (PodID) -> Int32) {
        moveUnschedulable(now: now, attempts: attempts, priority: priority) { _, state in
            !state.rejectedBy.isDisjoint(with: event)
        }
    }

    /// Moves one unschedulable pod back (its nomination was cleared): to backoffQ while backing
    /// off, else to activeQ.
    mutating func requeue(_ pod: PodID, now: SimTime, attempts: (PodID) -> Int32, priority: (PodID) -> Int32) {
        guard location(of: pod) == .unschedulable else { return }
        moveUnschedulable(now: now, attempts: attempts, priority: priority) { candidate, _ in candidate == pod }
    }

    /// The 30 s flush: pods unschedulable for longer than 5 minutes are retried.
    mutating func flushLongUnschedulable(now: SimTime, attempts: (PodID) -> Int32, priority: (PodID) -> Int32) {
        moveUnschedulable(now: now, attempts: attempts, priority: priority) { _, state in
            now - state.timestamp > Self.maxInUnschedulable
        }
    }

    private mutating func moveUnschedulable(
        now: SimTime, attempts: (PodID) -> Int32, priority: (PodID) -> Int32,
        where shouldMove: (PodID, PodState) -> Bool
    ) {
        var remaining: [PodID] = []
        for pod in unschedulable where location(of: pod) == .unschedulable {
            let current = state(pod)
            guard shouldMove(pod, current) else {
                remaining.append(pod)
                continue
            }
            let expiry = current.timestamp + backoffDuration(attempts: attempts(pod))
            if expiry > now {
                pushBackoff(pod, priority: priority(pod), timestamp: current.timestamp, expiry: expiry)
            } else {
                pushActive(pod, priority: priority(pod), timestamp: current.timestamp)
            }
        }
        unschedulable = remaining
    }

    /// The 1 s flush: pods whose backoff expired move to activeQ.
    mutating func flushBackoffCompleted(now: SimTime) {
        while let top = backoff.first, top.backoffExpiry <= now {
            guard let entry = Self.pop(&backoff, before: Self.backoffOrder) else { break }
            guard location(of: entry.pod) == .backoff, state(entry.pod).sequence == entry.sequence else { continue }
            pushActive(entry.pod, priority: entry.priority, timestamp: entry.timestamp)
        }
    }

    private mutating func pushActive(_ pod: PodID, priority: Int32, timestamp: SimTime) {
        let sequence = takeSequence()
        update(pod) {
            $0.location = .active
            $0.timestamp = timestamp
            $0.sequence = sequence
        }
        Self.push(&active, Entry(pod: pod, priority: priority, timestamp: timestamp, backoffExpiry: 0, sequence: sequence), before: Self.activeOrder)
    }

    private mutating func pushBackoff(_ pod: PodID, priority: Int32, timestamp: SimTime, expiry: SimTime) {
        let sequence = takeSequence()
        update(pod) {
            $0.location = .backoff
            $0.sequence = sequence
        }
        Self.push(
            &backoff, Entry(pod: pod, priority: priority, timestamp: timestamp, backoffExpiry: expiry, sequence: sequence), before: Self.backoffOrder)
    }

    private mutating func takeSequence() -> UInt64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    /// PrioritySort: higher priority first, then earlier timestamp, then insertion.
    private static func activeOrder(_ a: Entry, _ b: Entry) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
        return a.sequence < b.sequence
    }

    private static func backoffOrder(_ a: Entry, _ b: Entry) -> Bool {
        if a.backoffExpiry != b.backoffExpiry { return a.backoffExpiry < b.backoffExpiry }
        return a.sequence < b.sequence
    }

    private static func push(_ heap: inout [Entry], _ entry: Entry, before: (Entry, Entry) -> Bool) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func pop(_ heap: inout [Entry], before: (Entry, Entry) -> Bool) -> Entry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < heap.count else { break }
            if child + 1 < heap.count, before(heap[child + 1], heap[child]) { child += 1 }
            guard before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            parent = child
        }
        return top
    }
}
