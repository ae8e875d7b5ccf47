/// NodeResourcesFit, as upstream's plugin of the same name.
///
/// Filter: the node must have a free pod slot and, for every resource the pod requests, enough
/// allocatable left (`request ≤ allocatable − requested`); all shortfalls are reported. Score: the
/// configured strategy over the configured resources (LeastAllocated over cpu and memory by
/// default), with upstream's integer arithmetic.
public final class NodeResourcesFit: FilterPlugin, PreScorePlugin, ScorePlugin {
    public let name = "NodeResourcesFit"
    public let strategy: ScoringStrategy
    public let resources: [ResourceWeight]
    private var allocation = ResourceAllocation()

    public init(strategy: ScoringStrategy = .leastAllocated, resources: [ResourceWeight] = ResourceWeight.defaults) {
        self.strategy = strategy
        self.resources = resources
    }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        let request = pod.spec.requests
        let hasScalars = !request.scalars.isEmpty
        nodes.removeAll { node in
            // Fast path: the common resources compared in place; the full check only on a shortfall.
            let n = Int(node)
            let allocatable = cluster.nodes.allocatable, requested = cluster.nodes.requested
            if !hasScalars, requested[n].pods + 1 <= allocatable[n].pods, request.cpu <= allocatable[n].cpu - requested[n].cpu,
               request.memory <= allocatable[n].memory - requested[n].memory,
               request.ephemeralStorage <= allocatable[n].ephemeralStorage - requested[n].ephemeralStorage {
                return false
            }
            let reasons = Self.shortfalls(of: request, on: node, in: cluster.nodes)
            for reason in reasons { failures.reject(node, .unschedulable, reason) }
            return !reasons.isEmpty
        }
    }

    /// Every reason `request` does not fit on `node`, in upstream's order: pod count, cpu, memory,
    /// ephemeral storage, then scalar resources. Empty when it fits. Shared with kubelet admission.
    static func shortfalls(of request: Resources, on node: NodeID, in table: NodeTable) -> [FilterReason] {
        let allocatable = table.allocatable[Int(node)]
        let requested = table.requested[Int(node)]
        var reasons: [FilterReason] = []
        if requested.pods + 1 > allocatable.pods { reasons.append(.tooManyPods) }
        if request.cpu == 0 && request.memory == 0 && request.ephemeralStorage == 0 && request.scalars.isEmpty { return reasons }
        if request.cpu > 0 && request.cpu > allocatable.cpu - requested.cpu {
            reasons.append(.insufficient(ResourceName.cpu))
        }
        if request.memory > 0 && request.memory > allocatable.memory - requested.memory {
            reasons.append(.insufficient(ResourceName.memory))
        }
        if request.ephemeralStorage > 0 && request.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage {
            reasons.append(.insufficient(ResourceName.ephemeralStorage))
        }
        for scalar in request.scalars where scalar.amount > allocatable[scalar.name] - requested[scalar.name] {
            reasons.append(.insufficient(scalar.name))
        }
        return reasons
    }

    public func preScore(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID]) -> Bool {
        allocation.prepare(resources: resources, pod: pod.spec, useRequested: false)
        return true
    }

    public func score(_ pod: SchedulingPod, cluster: ClusterState, nodes: [NodeID], scores: inout [Int64]) {
        let allocation = self.allocation
        let strategy = self.strategy
        let weights = allocation.weights
        for (index, node) in nodes.enumerated() {
            var nodeScore: Int64 = 0
            var weightSum: Int64 = 0
            for resource in 0..<allocation.count {
                let (allocatable, requested) = allocation.pair(resource, node: node, cluster: cluster, useRequested: false)
                guard allocatable != 0 else { continue }
                nodeScore += Self.resourceScore(strategy, requested: requested, allocatable: allocatable) * weights[resource]
                weightSum += weights[resource]
            }
            scores[index] = weightSum == 0 ? 0 : nodeScore / weightSum
        }
    }

    /// One resource's score, as upstream's `leastRequestedScore` / `mostRequestedScore`.
    static func resourceScore(_ strategy: ScoringStrategy, requested: Int64, allocatable: Int64) -> Int64 {
        guard allocatable != 0 else { return 0 }
        switch strategy {
        case .leastAllocated:
            guard requested <= allocatable else { return 0 }
            return (allocatable - requested) * maxNodeScore / allocatable
        case .mostAllocated:
            return min(requested, allocatable) * maxNodeScore / allocatable
        }
    }
}
