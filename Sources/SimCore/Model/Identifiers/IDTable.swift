/// The objects of one kind (ReplicaSets, Deployments), in a flat array subscripted by their typed
/// ID: `cluster.replicaSets[id]` takes a `ReplicaSetID` and nothing else.
public struct IDTable<ID: DenseID, Element>: RandomAccessCollection {
    private var elements: [Element] = []

    public init() {}

    public var startIndex: ID { ID(0) }
    public var endIndex: ID { ID(elements.count) }
    public func index(after id: ID) -> ID { ID(id.index + 1) }
    public func index(before id: ID) -> ID { ID(id.index - 1) }
    public func index(_ id: ID, offsetBy distance: Int) -> ID { ID(id.index + distance) }
    public func distance(from start: ID, to end: ID) -> Int { end.index - start.index }

    /// The object with this ID, borrowed rather than copied.
    public subscript(id: ID) -> Element {
        _read { yield elements[id.index] }
        _modify { yield &elements[id.index] }
    }

    /// Adds an object and returns its ID.
    mutating func append(_ element: Element) -> ID {
        elements.append(element)
        return ID(elements.count - 1)
    }

    /// Every ID, in creation order.
    public var ids: [ID] { (0..<elements.count).map { ID($0) } }
}

extension IDTable: Sendable where Element: Sendable {}
