/// NodePorts, as upstream's plugin of the same name: a pod's host ports must be free on the node
/// (same protocol and port conflict when the IPs are equal or either is a wildcard). PreFilter
/// returns Skip for pods without host ports.
public final class NodePorts: PreFilterPlugin, FilterPlugin {
    public static let name = "NodePorts"
    /// A port is freed when a pod goes, as capacity is.
    public static let eventsToRegister = ClusterEvents.capacityChanges

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        pod.spec.hostPorts.isEmpty ? .skip : .proceed
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let wanted = pod.spec.hostPorts
        nodes.removeAll { node in
            let used = cluster.nodes.usedPorts[Int(node)]
            guard wanted.contains(where: { port in used.contains { $0.conflicts(with: port) } }) else { return false }
            failures.reject(node, .unschedulable, .hostPortsTaken)
            return true
        }
    }
}
