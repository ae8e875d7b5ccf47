/// Counts per (topology key, value) pair, for InterPodAffinity. Pairs are packed into one 64-bit
/// key; lookups go through a dictionary but results never depend on its iteration order.
struct TopologyPairCounter {
    private var counts: [UInt64: Int64] = [:]

    static func pair(_ key: Symbol, _ value: Symbol) -> UInt64 {
        UInt64(UInt32(bitPattern: key.rawValue)) << 32 | UInt64(UInt32(bitPattern: value.rawValue))
    }

    var isEmpty: Bool { counts.isEmpty }

    mutating func removeAll() { counts.removeAll(keepingCapacity: true) }

    /// Adds `delta` to the pair, dropping it when it comes back to zero (as upstream deletes it).
    mutating func add(_ key: Symbol, _ value: Symbol, _ delta: Int64) {
        let pair = Self.pair(key, value)
        let updated = (counts[pair] ?? 0) + delta
        counts[pair] = updated == 0 ? nil : updated
    }

    func count(_ key: Symbol, _ value: Symbol) -> Int64 { counts[Self.pair(key, value)] ?? 0 }

    /// Whether any pair of a node's labels has a positive count.
    func anyPositive(in labels: LabelSet) -> Bool {
        for (key, value) in zip(labels.keys, labels.values) where count(key, value) > 0 { return true }
        return false
    }

    /// The sum of the counts of a node's label pairs (its score).
    func sum(over labels: LabelSet) -> Int64 {
        var total: Int64 = 0
        for (key, value) in zip(labels.keys, labels.values) { total += count(key, value) }
        return total
    }
}
