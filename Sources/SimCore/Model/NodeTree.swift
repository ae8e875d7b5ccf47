/// The order in which the scheduler walks nodes, as upstream's scheduler cache `nodeTree`: nodes are
/// grouped by zone (zones in order of first appearance, nodes in order of addition), and the list
/// takes one node from each zone in turn. Filtering starts at a rotating offset into this list and
/// may stop early (reference §2.3), so the order decides which nodes are even considered.
struct NodeTree: Sendable {
    /// Zone keys in order of first appearance ("" for nodes without zone labels).
    private var zones: [String] = []
    private var nodesByZone: [[NodeID]] = []
    /// The interleaved list, rebuilt whenever a node is added or removed (as upstream's snapshot
    /// rebuilds its node list only when the node set changes).
    private(set) var order: [NodeID] = []

    /// Upstream's zone key: region and zone joined with ":\u{0}:", empty without either label.
    static func zoneKey(region: String?, zone: String?) -> String {
        if region == nil && zone == nil { return "" }
        return (region ?? "") + ":\u{0}:" + (zone ?? "")
    }

    mutating func add(_ node: NodeID, zoneKey: String) {
        add([(node, zoneKey)])
    }

    /// Adds several nodes with one rebuild of the walking order.
    mutating func add(_ nodes: [(node: NodeID, zoneKey: String)]) {
        for (node, zoneKey) in nodes {
            if let index = zones.firstIndex(of: zoneKey) {
                nodesByZone[index].append(node)
            } else {
                zones.append(zoneKey)
                nodesByZone.append([node])
            }
        }
        rebuild()
    }

    mutating func remove(_ node: NodeID, zoneKey: String) {
        guard let zone = zones.firstIndex(of: zoneKey), let index = nodesByZone[zone].firstIndex(of: node) else { return }
        nodesByZone[zone].remove(at: index)
        if nodesByZone[zone].isEmpty {
            zones.remove(at: zone)
            nodesByZone.remove(at: zone)
        }
        rebuild()
    }

    private mutating func rebuild() {
        order.removeAll(keepingCapacity: true)
        let longest = nodesByZone.map(\.count).max() ?? 0
        for position in 0..<longest {
            for zone in nodesByZone where position < zone.count {
                order.append(zone[position])
            }
        }
    }
}
