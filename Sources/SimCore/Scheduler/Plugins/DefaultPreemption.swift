/// DefaultPreemption (reference §2.9): when no node fits, look for lower-priority pods whose
/// eviction would make room. The algorithm is in `Scheduler+Preemption.swift`; this type carries
/// the plugin's arguments.
public final class DefaultPreemption: PostFilterPlugin, ConfigurablePlugin {
    public static let name = "DefaultPreemption"

    /// `DefaultPreemptionArgs`.
    public struct Arguments: PluginArgs {
        /// `minCandidateNodesPercentage`: the share of nodes to find candidates among.
        public var minCandidateNodesPercentage: Int32 = 10
        /// `minCandidateNodesAbsolute`: at least this many candidate nodes.
        public var minCandidateNodesAbsolute: Int32 = 100
        public init() {}
    }

    public let candidateNodes: (percentage: Int32, absolute: Int32)

    public init(arguments: PluginArguments, symbols: SymbolTable) {
        let own = arguments[DefaultPreemption.self]
        candidateNodes = (own.minCandidateNodesPercentage, own.minCandidateNodesAbsolute)
    }
}
