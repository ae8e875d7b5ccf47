/// TaintToleration, as upstream's plugin of the same name.
///
/// Filter: the first NoSchedule or NoExecute taint (in the node's order) that no toleration
/// tolerates rejects the node. Score: the number of PreferNoSchedule taints not tolerated by the
/// pod's tolerations with an empty or PreferNoSchedule effect; normalized in reverse so that
/// fewer such taints score higher.
public final class TaintToleration: FilterPlugin, PreScorePlugin, ScorePlugin {
    public static let name = "TaintToleration"
    public static let eventsToRegister = ClusterEvents.nodeChanges
    /// The tolerations that count for scoring, chosen in PreScore.
    private var scoringTolerations: [CompiledToleration] = []

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let tolerations = pod.spec.tolerations
        let kinds = cluster.nodes.taintKinds
        nodes.removeAll { node in
            guard kinds[Int(node)].contains(.hard) else { return false }
            for taint in cluster.nodes.taints[Int(node)] where taint.effect != .preferNoSchedule {
                if !tolerations.tolerate(taint) {
                    failures.reject(node, .unschedulableAndUnresolvable, .untoleratedTaint(key: taint.key, value: taint.value))
                    return true
                }
            }
            return false
        }
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        scoringTolerations = pod.spec.tolerations.filter { $0.effect == nil || $0.effect == .preferNoSchedule }
        return true
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let scoringTolerations = self.scoringTolerations
        let kinds = cluster.nodes.taintKinds
        for (index, node) in nodes.enumerated() {
            guard kinds[Int(node)].contains(.preferNoSchedule) else {
                scores[index] = 0
                continue
            }
            var intolerable: Int64 = 0
            for taint in cluster.nodes.taints[Int(node)] where taint.effect == .preferNoSchedule {
                if !scoringTolerations.tolerate(taint) { intolerable += 1 }
            }
            scores[index] = intolerable
        }
    }

    public func normalize(_ scores: inout [Int64]) {
        defaultNormalizeScore(&scores, reverse: true)
    }
}
