/// DefaultBinder: binds the pod to the chosen node (upstream posts the Binding; kubesim writes it
/// to the cluster state at once).
public final class DefaultBinder: BindPlugin {
    public static let name = "DefaultBinder"

    public init() {}
    public convenience init(arguments: PluginArguments, symbols: SymbolTable) { self.init() }

    public func bind(_ pod: SchedulingPod, to node: NodeID, cluster: ClusterState, at time: SimTime) -> BindResult {
        cluster.bind(pod.id, to: node, at: time)
        return .bound
    }
}
