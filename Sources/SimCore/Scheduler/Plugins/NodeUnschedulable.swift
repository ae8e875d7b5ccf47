/// NodeUnschedulable: a cordoned node (`spec.unschedulable`) rejects pods that do not tolerate the
/// `node.kubernetes.io/unschedulable:NoSchedule` taint, as upstream's plugin of the same name.
public final class NodeUnschedulable: FilterPlugin {
    public static let name = "NodeUnschedulable"
    public static let eventsToRegister = ClusterEvents.nodeChanges

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let taint = CompiledTaint(key: cluster.wellKnown.unschedulableTaint, value: cluster.wellKnown.empty, effect: .noSchedule)
        guard !pod.spec.tolerations.tolerate(taint) else { return }
        nodes.removeAll { node in
            guard cluster.nodes.unschedulable[Int(node)] else { return false }
            failures.reject(node, .unschedulableAndUnresolvable, .nodeUnschedulable)
            return true
        }
    }
}
