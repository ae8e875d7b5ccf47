/// NodeResourcesBalancedAllocation, as upstream's plugin of the same name: favours nodes whose
/// resource fractions (requested including this pod ÷ allocatable, capped at 1) are close to each
/// other. Score = int((1 − std) × 100), where std is |f₁ − f₂| / 2 for two resources and the
/// population standard deviation for more. Uses actual requests, not the scoring defaults, and
/// ignores the configured weights, as upstream does.
public final class BalancedAllocation: PreScorePlugin, ScorePlugin, ConfigurablePlugin {
    public static let name = "NodeResourcesBalancedAllocation"

    /// `NodeResourcesBalancedAllocationArgs`.
    public struct Arguments: PluginArgs {
        /// `resources`: the resources balanced (weights are ignored, as upstream).
        public var resources = ResourceWeight.defaults
        public init() {}
    }

    public let resources: [ResourceWeight]
    private var allocation = ResourceAllocation()

    public init(resources: [ResourceWeight] = ResourceWeight.defaults) {
        self.resources = resources
    }

    public convenience init(arguments: PluginArguments, symbols: SymbolTable) {
        self.init(resources: arguments[BalancedAllocation.self].resources)
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        allocation.prepare(resources: resources, pod: pod.spec, useRequested: true)
        return true
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let allocation = self.allocation
        if let (cpu, memory) = allocation.cpuAndMemoryRequests {
            Self.scoreCPUAndMemory(cpu: cpu, memory: memory, cluster: cluster, nodes: nodes, scores: &scores)
            return
        }
        var fractions: [Double] = []
        fractions.reserveCapacity(allocation.count)
        for (index, node) in nodes.enumerated() {
            fractions.removeAll(keepingCapacity: true)
            for resource in 0..<allocation.count {
                let (allocatable, requested) = allocation.pair(resource, node: node, cluster: cluster, useRequested: true)
                guard allocatable != 0 else { continue }
                fractions.append(min(Double(requested) / Double(allocatable), 1))
            }
            scores[index] = Self.score(fractions: fractions)
        }
    }

    /// The default case, cpu and memory: the two-resource formula with the columns read directly.
    private static func scoreCPUAndMemory(cpu: Int64, memory: Int64, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let allocatable = cluster.nodes.allocatable, requested = cluster.nodes.requested
        for (index, node) in nodes.enumerated() {
            let n = Int(node)
            let cpuCapacity = allocatable[n].cpu, memoryCapacity = allocatable[n].memory
            let cpuFraction = cpuCapacity == 0 ? nil : min(Double(requested[n].cpu + cpu) / Double(cpuCapacity), 1)
            let memoryFraction = memoryCapacity == 0 ? nil : min(Double(requested[n].memory + memory) / Double(memoryCapacity), 1)
            var deviation = 0.0
            if let cpuFraction, let memoryFraction { deviation = abs((cpuFraction - memoryFraction) / 2) }
            scores[index] = Int64((1 - deviation) * Double(maxNodeScore))
        }
    }

    /// The score for a node's resource fractions, as upstream's `balancedResourceScorer`.
    static func score(fractions: [Double]) -> Int64 {
        var deviation = 0.0
        if fractions.count == 2 {
            deviation = abs((fractions[0] - fractions[1]) / 2)
        } else if fractions.count > 2 {
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            let sumOfSquares = fractions.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            deviation = (sumOfSquares / Double(fractions.count)).squareRoot()
        }
        return Int64((1 - deviation) * Double(maxNodeScore))
    }
}
