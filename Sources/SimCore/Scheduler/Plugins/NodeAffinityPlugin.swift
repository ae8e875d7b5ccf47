/// NodeAffinity, as upstream's plugin of the same name.
///
/// Filter: the node must match the pod's `nodeSelector` and at least one required node affinity
/// term; PreFilter returns Skip when the pod has neither. Score: the sum of the weights of the
/// preferred terms the node matches, normalized so the best node gets 100; PreScore returns Skip
/// when the pod has no preferred terms.
public final class NodeAffinityPlugin: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public let name = "NodeAffinity"

    public init() {}

    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult {
        pod.spec.requiredNodeAffinity.isEmpty ? .skip : .proceed
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let required = pod.spec.requiredNodeAffinity
        nodes.removeAll { node in
            guard !required.matches(labels: cluster.nodes.labels[Int(node)], name: cluster.nodes.names[Int(node)], symbols: cluster.symbols) else {
                return false
            }
            failures.reject(node, .unschedulableAndUnresolvable, .nodeAffinityMismatch)
            return true
        }
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        !pod.spec.preferredNodeAffinity.isEmpty
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        for (index, node) in nodes.enumerated() {
            var total: Int64 = 0
            for term in pod.spec.preferredNodeAffinity
            where term.term.matches(labels: cluster.nodes.labels[Int(node)], name: cluster.nodes.names[Int(node)], symbols: cluster.symbols) {
                total += Int64(term.weight)
            }
            scores[index] = total
        }
    }

    public func normalize(_ scores: inout [Int64]) {
        defaultNormalizeScore(&scores, reverse: false)
    }
}
