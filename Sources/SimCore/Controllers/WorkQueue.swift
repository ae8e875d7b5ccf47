/// A controller work queue of object indices: first-in first-out, each key at most once, as
/// client-go's workqueue deduplicates keys that are already waiting.
struct WorkQueue {
    private var keys: [Int32] = []
    private var head = 0
    private var queued: [Bool] = []

    var isEmpty: Bool { head == keys.count }

    /// Adds `key` unless it is already waiting.
    mutating func add(_ key: Int32) {
        let index = Int(key)
        if index >= queued.count { queued.append(contentsOf: repeatElement(false, count: index - queued.count + 1)) }
        guard !queued[index] else { return }
        queued[index] = true
        keys.append(key)
    }

    /// Takes the oldest key.
    mutating func pop() -> Int32? {
        guard head < keys.count else { return nil }
        let key = keys[head]
        head += 1
        queued[Int(key)] = false
        if head == keys.count {
            keys.removeAll(keepingCapacity: true)
            head = 0
        }
        return key
    }
}
