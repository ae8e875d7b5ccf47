/// NodeName: a pod that names a node fits only that node, as upstream's plugin of the same name.
public final class NodeName: FilterPlugin {
    public let name = "NodeName"

    public init() {}

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        guard let wanted = pod.spec.nodeName, !wanted.isEmpty else { return }
        nodes.removeAll { node in
            guard cluster.nodes.names[Int(node)] != wanted else { return false }
            failures.reject(node, .unschedulableAndUnresolvable, .nodeNameMismatch)
            return true
        }
    }
}
