/// A controller work queue of object keys: first-in first-out, each key at most once, as
/// client-go's workqueue deduplicates keys that are already waiting; with the rate limiter of
/// client-go's default controller queue for keys whose sync failed.
struct WorkQueue<Key: DenseID> {
    /// Failed syncs in a row, per key (the rate limiter's memory).
    private var failures: [Key: Int] = [:]
    /// When each key added with a delay is due (client-go's delaying queue holds a key once, at
    /// its earliest time).
    private var delayed: [Key: SimTime] = [:]
    private var keys: [Key] = []
    private var head = 0
    private var queued: [Bool] = []
    /// A drain of this queue is scheduled at the current instant.
    var drainScheduled = false

    var isEmpty: Bool { head == keys.count }

    /// Adds `key` unless it is already waiting.
    mutating func add(_ key: Key) {
        let index = key.index
        if index >= queued.count { queued.append(contentsOf: repeatElement(false, count: index - queued.count + 1)) }
        guard !queued[index] else { return }
        queued[index] = true
        keys.append(key)
    }

    /// Takes the oldest key.
    mutating func pop() -> Key? {
        guard head < keys.count else { return nil }
        let key = keys[head]
        head += 1
        queued[key.index] = false
        if head == keys.count {
            keys.removeAll(keepingCapacity: true)
            head = 0
        }
        return key
    }

    /// The delay before a key whose sync failed is tried again: 5 ms doubling per failure in a
    /// row, at most 1000 s (client-go's `DefaultControllerRateLimiter`, its exponential part).
    mutating func rateLimitedDelay(_ key: Key) -> SimTime {
        let count = failures[key, default: 0]
        failures[key] = count + 1
        var delay: SimTime = 5
        for _ in 0..<min(count, 20) { delay *= 2 }
        return min(delay, 1_000 * Millis.second)
    }

    /// Whether adding `key` at `due` is needed at `now`: not while the key already waits for a
    /// time from now to `due` (client-go's `AddAfter`). Records `due` when it is.
    mutating func needsDelayedAdd(_ key: Key, at due: SimTime, now: SimTime) -> Bool {
        if let waiting = delayed[key], waiting >= now, waiting <= due { return false }
        delayed[key] = due
        return true
    }

    /// A delayed add of `key` came due at `now`.
    mutating func delayedAddDue(_ key: Key, now: SimTime) {
        if delayed[key] == now { delayed[key] = nil }
    }

    /// Forgets the delayed add of a key whose object is gone.
    mutating func forgetDelayedAdd(_ key: Key) {
        delayed[key] = nil
    }

    /// The key synced without failing: its rate limiting starts over (client-go's `Forget`).
    mutating func forget(_ key: Key) {
        failures[key] = nil
    }
}
