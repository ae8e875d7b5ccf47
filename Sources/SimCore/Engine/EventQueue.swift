/// A handle to a cancellable event.
public struct TimerID: Hashable, Sendable {
    /// The event's insertion sequence number, unique within one queue.
    public let sequence: UInt64
}

/// A priority queue of events in a total order: time, then phase, then insertion sequence.
///
/// The sequence is the only tie-breaker, so events due at the same time and phase pop in the order
/// they were scheduled, and a run is reproducible. It is a binary min-heap over flat entries, with
/// no allocation per event once its storage has grown.
///
/// Events scheduled with `scheduleTimer` can be cancelled: they carry a flag bit, and only flagged
/// entries consult the two small sets that track live and cancelled timers, so plain events pay
/// nothing for cancellation.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: SimTime
        /// Phase in the top 8 bits, the cancellable flag in bit 55, the sequence below it:
        /// one integer compare orders phase and sequence together.
        @usableFromInline var order: UInt64
        @usableFromInline var payload: Payload

        @inlinable
        init(time: SimTime, order: UInt64, payload: Payload) {
            self.time = time
            self.order = order
            self.payload = payload
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    @usableFromInline static var cancellableBit: UInt64 { 1 << 55 }
    @usableFromInline static var sequenceMask: UInt64 { (1 << 55) - 1 }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// Cancellable events still in the heap and not cancelled.
    @usableFromInline var liveTimers: Set<UInt64> = []
    /// Cancelled events still in the heap; skipped when they reach the top.
    @usableFromInline var cancelled: Set<UInt64> = []

    /// Creates an empty queue.
    public init() {}

    /// The number of pending events that have not been cancelled.
    public var count: Int { heap.count - cancelled.count }

    /// True when no event is pending.
    public var isEmpty: Bool { count == 0 }

    /// Reserves storage for `capacity` pending events.
    public mutating func reserveCapacity(_ capacity: Int) { heap.reserveCapacity(capacity) }

    /// Schedules `payload` at `time` in `phase`. Such an event cannot be cancelled.
    @inlinable
    public mutating func schedule(_ payload: Payload, at time: SimTime, phase: EventPhase) {
        push(payload, at: time, phase: phase, flag: 0)
    }

    /// Schedules `payload` at `time` in `phase` and returns a handle that can cancel it.
    @discardableResult
    public mutating func scheduleTimer(_ payload: Payload, at time: SimTime, phase: EventPhase) -> TimerID {
        let sequence = push(payload, at: time, phase: phase, flag: Self.cancellableBit)
        liveTimers.insert(sequence)
        return TimerID(sequence: sequence)
    }

    /// Cancels a pending timer. Cancelling a timer that already fired or was cancelled does nothing.
    public mutating func cancel(_ timer: TimerID) {
        if liveTimers.remove(timer.sequence) != nil { cancelled.insert(timer.sequence) }
    }

    /// Removes and returns the first event in (time, phase, sequence) order, skipping cancelled ones.
    @inlinable
    public mutating func popNext() -> (time: SimTime, phase: EventPhase, payload: Payload)? {
        while let entry = popEntry() {
            if entry.order & Self.cancellableBit != 0 {
                let sequence = entry.order & Self.sequenceMask
                if cancelled.remove(sequence) != nil { continue }
                liveTimers.remove(sequence)
            }
            let phase = EventPhase(rawValue: UInt8(truncatingIfNeeded: entry.order >> 56)) ?? .stop
            return (entry.time, phase, entry.payload)
        }
        return nil
    }

    /// The time of the next event that is not cancelled, without removing it.
    public mutating func peekTime() -> SimTime? {
        while let top = heap.first {
            let sequence = top.order & Self.sequenceMask
            guard top.order & Self.cancellableBit != 0, cancelled.contains(sequence) else { return top.time }
            cancelled.remove(sequence)
            _ = popEntry()
        }
        return nil
    }

    @inlinable @discardableResult
    mutating func push(_ payload: Payload, at time: SimTime, phase: EventPhase, flag: UInt64) -> UInt64 {
        let sequence = nextSequence
        nextSequence &+= 1
        heap.append(Entry(time: time, order: UInt64(phase.rawValue) << 56 | flag | sequence, payload: payload))
        siftUp(heap.count - 1)
        return sequence
    }

    @inlinable
    mutating func popEntry() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        siftDown(0)
        return top
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        let count = heap.count
        var parent = start
        let entry = heap[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(entry) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = entry
    }
}
