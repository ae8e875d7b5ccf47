/// A handle to a cancellable event.
public struct TimerID: Hashable, Sendable {
    /// The event's insertion sequence number, unique within one queue.
    public let sequence: UInt64
}

/// A priority queue of events in a total order: time, then phase, then insertion sequence.
///
/// The sequence is the only tie-breaker, so events due at the same time and phase pop in the order
/// they were scheduled, and a run is reproducible.
///
/// Simulated time never goes backwards, so the queue is a *radix heap* (Ahuja, Mehlhorn, Orlin and
/// Tarjan 1990), a priority queue for monotone integer keys: an event goes into bucket `b`, the
/// index of the highest bit in which its time differs from the last popped time. Pushing is O(1);
/// popping from an empty bucket 0 takes the smallest time of the first non-empty bucket and
/// redistributes that bucket into lower ones, so each event moves at most 64 times and usually a
/// handful. Bucket 0 holds the events due exactly at the current time, as a binary heap on the
/// packed (phase, sequence) key. On a benchmark with 150,000 pending events this is several times
/// faster than a binary or 4-ary heap, because buckets are scanned sequentially.
///
/// Entries are 16 bytes (time and a packed key); payloads sit in a slot array the key points into.
/// The key packs, from the top: phase (3 bits), the cancellable flag (1), the sequence (36) and
/// the payload slot (24). Events scheduled with `scheduleTimer` can be cancelled; only flagged
/// entries consult the sets that track live and cancelled timers, so plain events pay nothing.
public struct EventQueue<Payload> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: SimTime
        @usableFromInline var key: UInt64

        @inlinable
        init(time: SimTime, key: UInt64) {
            self.time = time
            self.key = key
        }
    }

    @usableFromInline static var slotBits: UInt64 { 24 }
    @usableFromInline static var sequenceBits: UInt64 { 36 }
    @usableFromInline static var slotMask: UInt64 { (1 << slotBits) - 1 }
    @usableFromInline static var sequenceMask: UInt64 { (1 << sequenceBits) - 1 }
    @usableFromInline static var cancellableBit: UInt64 { 1 << (slotBits + sequenceBits) }
    @usableFromInline static var phaseShift: UInt64 { slotBits + sequenceBits + 1 }
    /// The most events that can be pending at once (the payload slot field's range).
    public static var capacityLimit: Int { 1 << 24 }

    /// Bucket 0 (a heap on `key`, all at time `last`) and buckets 1…64.
    @usableFromInline var buckets: [[Entry]] = Array(repeating: [], count: 65)
    /// The time of the last popped event; no event may be scheduled before it.
    @usableFromInline var last: SimTime = 0
    @usableFromInline var entryCount = 0
    @usableFromInline var payloads: [Payload?] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var nextSequence: UInt64 = 0
    /// Cancellable events still pending and not cancelled, by sequence.
    @usableFromInline var liveTimers: Set<UInt64> = []
    /// Cancelled events still queued; skipped when they come up.
    @usableFromInline var cancelled: Set<UInt64> = []

    /// Creates an empty queue.
    public init() {}

    /// The number of pending events that have not been cancelled.
    public var count: Int { entryCount - cancelled.count }

    /// True when no event is pending.
    public var isEmpty: Bool { count == 0 }

    /// The time of the last event popped: the earliest time an event may still be scheduled at.
    public var currentTime: SimTime { last }

    /// Reserves storage for `capacity` pending events.
    public mutating func reserveCapacity(_ capacity: Int) {
        payloads.reserveCapacity(capacity)
    }

    /// Schedules `payload` at `time` (not before `currentTime`) in `phase`; it cannot be cancelled.
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
            let slot = Int(entry.key & Self.slotMask)
            let payload = payloads[slot]
            payloads[slot] = nil
            freeSlots.append(UInt32(slot))
            if entry.key & Self.cancellableBit != 0 {
                let sequence = (entry.key >> Self.slotBits) & Self.sequenceMask
                if cancelled.remove(sequence) != nil { continue }
                liveTimers.remove(sequence)
            }
            guard let payload else { continue }
            let phase = EventPhase(rawValue: UInt8(truncatingIfNeeded: entry.key >> Self.phaseShift)) ?? .stop
            return (entry.time, phase, payload)
        }
        return nil
    }

    @inlinable @discardableResult
    mutating func push(_ payload: Payload, at time: SimTime, phase: EventPhase, flag: UInt64) -> UInt64 {
        precondition(time >= last, "event scheduled at \(time), before the current time \(last)")
        let sequence = nextSequence & Self.sequenceMask
        nextSequence &+= 1
        let slot: UInt64
        if let free = freeSlots.popLast() {
            slot = UInt64(free)
            payloads[Int(slot)] = payload
        } else {
            precondition(payloads.count < Self.capacityLimit, "more than \(Self.capacityLimit) events pending")
            slot = UInt64(payloads.count)
            payloads.append(payload)
        }
        let key = UInt64(phase.rawValue) << Self.phaseShift | flag | sequence << Self.slotBits | slot
        insert(Entry(time: time, key: key))
        entryCount += 1
        return sequence
    }

    /// The bucket for `time`: the index of the highest bit in which it differs from `last`.
    @inlinable
    func bucket(_ time: SimTime) -> Int {
        let difference = UInt64(bitPattern: time ^ last)
        return difference == 0 ? 0 : 64 - difference.leadingZeroBitCount
    }

    @inlinable
    mutating func insert(_ entry: Entry) {
        let index = bucket(entry.time)
        buckets[index].append(entry)
        if index == 0 { siftUpNow(buckets[0].count - 1) }
    }

    @inlinable
    mutating func popEntry() -> Entry? {
        guard entryCount > 0 else { return nil }
        if buckets[0].isEmpty { refillNow() }
        entryCount -= 1
        let last = buckets[0].removeLast()
        guard !buckets[0].isEmpty else { return last }
        let top = buckets[0][0]
        buckets[0][0] = last
        siftDownNow(0)
        return top
    }

    /// Bucket 0 is empty: advance `last` to the smallest time in the first non-empty bucket and
    /// spread that bucket over the lower ones (its earliest events land in bucket 0).
    @inlinable
    mutating func refillNow() {
        var index = 1
        while buckets[index].isEmpty { index += 1 }
        var moving: [Entry] = []
        swap(&moving, &buckets[index])
        var smallest = moving[0].time
        for entry in moving where entry.time < smallest { smallest = entry.time }
        last = smallest
        for entry in moving { insert(entry) }
        moving.removeAll(keepingCapacity: true)
        swap(&moving, &buckets[index])
    }

    /// Bucket 0's heap holds one time only, so it orders on the key (phase, then sequence).
    @inlinable
    mutating func siftUpNow(_ start: Int) {
        buckets[0].withUnsafeMutableBufferPointer { heap in
            var child = start
            let entry = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                guard entry.key < heap[parent].key else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    @inlinable
    mutating func siftDownNow(_ start: Int) {
        buckets[0].withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = start
            let entry = heap[parent]
            while true {
                var child = 2 * parent + 1
                guard child < count else { break }
                if child + 1 < count, heap[child + 1].key < heap[child].key { child += 1 }
                guard heap[child].key < entry.key else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = entry
        }
    }
}
