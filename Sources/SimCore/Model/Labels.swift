/// Labels as manifests write them: string keys and values, kept sorted by key.
public struct Labels: Sendable, Hashable, Sequence {
    /// The pairs in key order, each key once.
    public private(set) var pairs: [(key: String, value: String)] = []

    public init() {}

    /// Labels from pairs; a later duplicate key replaces an earlier one.
    public init(_ pairs: [(String, String)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        get { pairs.first { $0.key == key }?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                let index = pairs.firstIndex { $0.key > key } ?? pairs.endIndex
                pairs.insert((key, newValue), at: index)
            }
        }
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> { pairs.makeIterator() }

    public static func == (lhs: Labels, rhs: Labels) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.key)
            hasher.combine(pair.value)
        }
    }
}

/// Interned labels of a stored object: (key, value) symbol pairs sorted by key symbol.
public struct LabelSet: Sendable, Hashable {
    /// Key and value symbols, sorted by key.
    public private(set) var keys: [Symbol] = []
    public private(set) var values: [Symbol] = []

    public init() {}

    /// Interns `labels` into `symbols`.
    public init(_ labels: Labels, symbols: SymbolTable) {
        var pairs = labels.pairs.map { (symbols.intern($0.key), symbols.intern($0.value)) }
        pairs.sort { $0.0 < $1.0 }
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    /// The value symbol for `key`, or nil when absent.
    @inline(__always)
    public func value(for key: Symbol) -> Symbol? {
        for index in keys.indices where keys[index] == key { return values[index] }
        return nil
    }

    /// True when `key` is present.
    public func contains(_ key: Symbol) -> Bool { keys.contains(key) }

    /// Sets `key` to `value`, keeping the order.
    public mutating func set(_ key: Symbol, _ value: Symbol) {
        if let index = keys.firstIndex(of: key) {
            values[index] = value
        } else {
            let index = keys.firstIndex { $0 > key } ?? keys.endIndex
            keys.insert(key, at: index)
            values.insert(value, at: index)
        }
    }

    /// Back to strings, sorted by key string.
    public func labels(_ symbols: SymbolTable) -> Labels {
        Labels(zip(keys, values).map { (symbols[$0], symbols[$1]) })
    }
}
