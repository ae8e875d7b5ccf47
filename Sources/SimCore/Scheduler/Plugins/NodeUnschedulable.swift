/// NodeUnschedulable: a cordoned node (`spec.unschedulable`) rejects pods that do not tolerate the
/// `node.kubernetes.io/unschedulable:NoSchedule` taint, as upstream's plugin of the same name.
public final class NodeUnschedulable: FilterPlugin {
    public let name = "NodeUnschedulable"

    public init() {}

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
