/// NodeName: a pod that names a node fits only that node, as upstream's plugin of the same name.
public final class NodeName: FilterPlugin {
    public static let name = "NodeName"
    public static let eventsToRegister = ClusterEvents.nodeChanges

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        guard let wanted = pod.spec.nodeName, !wanted.isEmpty else { return }
        nodes.removeAll { node in
            guard cluster.nodes.names[Int(node)] != wanted else { return false }
            failures.reject(node, .unschedulableAndUnresolvable, .nodeNameMismatch)
            return true
        }
    }
}
