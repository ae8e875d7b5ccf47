/// The interning table for one simulation.
///
/// A class for the same reason as `ClusterState`: matchers take it as an argument in the
/// scheduler's innermost loops, where copying a struct of a dictionary and an array would cost two
/// retains and two releases per call.
public final class SymbolTable {
    private var ids: [String: Symbol] = [:]
    /// The strings, indexed by symbol.
    public private(set) var strings: [String] = []

    public init() {}

    /// The symbol for `text`, adding it if new.
    public func intern(_ text: String) -> Symbol {
        if let id = ids[text] { return id }
        let id = Symbol(strings.count)
        strings.append(text)
        ids[text] = id
        return id
    }

    /// The symbol for `text` if it was interned before.
    public func lookup(_ text: String) -> Symbol? { ids[text] }

    /// The string behind `symbol`.
    public subscript(symbol: Symbol) -> String { strings[Int(symbol)] }
}
