/// A controller work queue of object keys: first-in first-out, each key at most once, as
/// client-go's workqueue deduplicates keys that are already waiting.
struct WorkQueue<Key: DenseID> {
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
}
