/// Counts keyed by symbol (a topology value) in a flat array, reset cheaply through the list of
/// keys touched since the last reset. Used per scheduling cycle, so it never hashes.
struct SymbolCounter {
    private var counts: [Int] = []
    private var present: [Bool] = []
    /// Keys with an entry, in the order they were first touched.
    private(set) var keys: [Symbol] = []

    /// Empties the counter and makes room for keys below `symbolCount`.
    mutating func reset(symbolCount: Int) {
        for key in keys {
            counts[Int(key)] = 0
            present[Int(key)] = false
        }
        keys.removeAll(keepingCapacity: true)
        if counts.count < symbolCount {
            counts.append(contentsOf: repeatElement(0, count: symbolCount - counts.count))
            present.append(contentsOf: repeatElement(false, count: symbolCount - present.count))
        }
    }

    /// Adds `delta` to `key`, creating its entry (a domain with zero pods still counts as one).
    @inline(__always)
    mutating func add(_ key: Symbol, _ delta: Int) {
        let index = Int(key)
        if !present[index] {
            present[index] = true
            keys.append(key)
        }
        counts[index] += delta
    }

    @inline(__always)
    func count(_ key: Symbol) -> Int { Int(key) < counts.count ? counts[Int(key)] : 0 }

    @inline(__always)
    func contains(_ key: Symbol) -> Bool { Int(key) < present.count && present[Int(key)] }

    /// The smallest count over the entries, or Int.max without entries.
    func minimum() -> Int {
        var lowest = Int.max
        for key in keys where counts[Int(key)] < lowest { lowest = counts[Int(key)] }
        return lowest
    }
}
