/// NodeResourcesFit, as upstream's plugin of the same name.
///
/// Filter: the node must have a free pod slot and, for every resource the pod requests, enough
/// allocatable left (`request ≤ allocatable − requested`); all shortfalls are reported. Score: the
/// configured strategy over the configured resources (LeastAllocated over cpu and memory by
/// default), with upstream's integer arithmetic.
public final class NodeResourcesFit: PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ConfigurablePlugin {
    public static let name = "NodeResourcesFit"
    public static let eventsToRegister = ClusterEvents.capacityChanges

    /// `NodeResourcesFitArgs`.
    public struct Arguments: PluginArgs {
        /// `scoringStrategy.type` (and its shape for RequestedToCapacityRatio).
        public var strategy = ScoringStrategy.leastAllocated
        /// `scoringStrategy.resources`.
        public var resources = ResourceWeight.defaults
        public var ignoredResources: [String] = []
        public var ignoredResourceGroups: [String] = []
        public init() {}
    }

    public let strategy: ScoringStrategy
    public let resources: [ResourceWeight]
    /// Extended resources the filter does not check (`ignoredResources`).
    public let ignoredResources: [String]
    /// Extended-resource domains the filter does not check (`ignoredResourceGroups`, e.g. "example.com").
    public let ignoredResourceGroups: [String]
    private var allocation = ResourceAllocation()

    public init(
        strategy: ScoringStrategy = .leastAllocated, resources: [ResourceWeight] = ResourceWeight.defaults,
        ignoredResources: [String] = [], ignoredResourceGroups: [String] = []
    ) {
        self.strategy = strategy
        self.resources = resources
        self.ignoredResources = ignoredResources
        self.ignoredResourceGroups = ignoredResourceGroups
    }

    public convenience init(arguments: PluginArguments, symbols: SymbolTable) {
        let own = arguments[NodeResourcesFit.self]
        self.init(
            strategy: own.strategy, resources: own.resources, ignoredResources: own.ignoredResources,
            ignoredResourceGroups: own.ignoredResourceGroups)
    }

    /// Upstream's PreFilter computes the pod's request here; kubesim has it in the pod's spec
    /// already, so every pod proceeds.
    public func preFilter(_ pod: SchedulingPod, cluster: ClusterState) -> PreFilterResult { .proceed }

    public func filter(_ pod: SchedulingPod, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        var request = pod.spec.requests
        for scalar in request.scalars where isIgnored(scalar.name) { request[scalar.name] = 0 }
        let hasScalars = !request.scalars.isEmpty
        let allocatable = cluster.nodes.allocatable, requested = cluster.nodes.requested
        nodes.removeAll { node in
            // Fast path: the common resources compared in place; the full check only on a shortfall.
            let n = Int(node)
            if !hasScalars, requested[n].pods + 1 <= allocatable[n].pods, request.cpu <= allocatable[n].cpu - requested[n].cpu,
                request.memory <= allocatable[n].memory - requested[n].memory,
                request.ephemeralStorage <= allocatable[n].ephemeralStorage - requested[n].ephemeralStorage
            {
                return false
            }
            let reasons = Self.shortfalls(of: request, on: node, in: cluster.nodes)
            for reason in reasons { failures.reject(node, .unschedulable, reason) }
            return !reasons.isEmpty
        }
    }

    /// upstream ignores only extended resources (a domain-qualified name) listed by name or domain.
    private func isIgnored(_ resource: String) -> Bool {
        guard resource.contains("/"), !resource.hasPrefix("hugepages-") else { return false }
        if ignoredResources.contains(resource) { return true }
        let domain = resource.split(separator: "/").first.map(String.init) ?? ""
        return ignoredResourceGroups.contains(domain)
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
        if case .leastAllocated = strategy, let (cpu, memory) = allocation.cpuAndMemoryRequests {
            leastAllocatedCPUAndMemory(cpu: cpu, memory: memory, weights: allocation.weights, cluster: cluster, nodes: nodes, scores: &scores)
            return
        }
        let weights = allocation.weights
        for (index, node) in nodes.enumerated() {
            var nodeScore: Int64 = 0
            var weightSum: Int64 = 0
            for resource in 0..<allocation.count {
                let (allocatable, requested) = allocation.pair(resource, node: node, cluster: cluster, useRequested: false)
                guard allocatable != 0 else { continue }
                let resourceScore = Self.resourceScore(strategy, requested: requested, allocatable: allocatable)
                // RequestedToCapacityRatio counts only resources that score above zero.
                if case .requestedToCapacityRatio = strategy, resourceScore <= 0 { continue }
                nodeScore += resourceScore * weights[resource]
                weightSum += weights[resource]
            }
            guard weightSum != 0 else {
                scores[index] = 0
                continue
            }
            if case .requestedToCapacityRatio = strategy {
                scores[index] = Int64((Double(nodeScore) / Double(weightSum)).rounded(.toNearestOrAwayFromZero))
            } else {
                scores[index] = nodeScore / weightSum
            }
        }
    }

    /// The default case, LeastAllocated over cpu and memory, with the columns read directly:
    /// the same arithmetic as the general loop, without its per-resource dispatch.
    private func leastAllocatedCPUAndMemory(
        cpu: Int64, memory: Int64, weights: [Int64], cluster: ClusterState, nodes: [NodeID],
        scores: inout [Int64]
    ) {
        let allocatable = cluster.nodes.allocatable, nonZeroCPU = cluster.nodes.nonZeroCPU, nonZeroMemory = cluster.nodes.nonZeroMemory
        let (cpuWeight, memoryWeight) = (weights[0], weights[1])
        let unitWeights = cpuWeight == 1 && memoryWeight == 1
        for (index, node) in nodes.enumerated() {
            let n = Int(node)
            let cpuCapacity = allocatable[n].cpu, memoryCapacity = allocatable[n].memory
            if unitWeights && cpuCapacity != 0 && memoryCapacity != 0 {
                // The usual case: two scores in 0…100, each weighted 1; a constant divisor.
                let cpuScore = Self.resourceScore(.leastAllocated, requested: nonZeroCPU[n] + cpu, allocatable: cpuCapacity)
                let memoryScore = Self.resourceScore(.leastAllocated, requested: nonZeroMemory[n] + memory, allocatable: memoryCapacity)
                scores[index] = (cpuScore + memoryScore) / 2
                continue
            }
            var nodeScore: Int64 = 0, weightSum: Int64 = 0
            if cpuCapacity != 0 {
                nodeScore += Self.resourceScore(.leastAllocated, requested: nonZeroCPU[n] + cpu, allocatable: cpuCapacity) * cpuWeight
                weightSum += cpuWeight
            }
            if memoryCapacity != 0 {
                nodeScore += Self.resourceScore(.leastAllocated, requested: nonZeroMemory[n] + memory, allocatable: memoryCapacity) * memoryWeight
                weightSum += memoryWeight
            }
            scores[index] = weightSum == 0 ? 0 : nodeScore / weightSum
        }
    }

    /// One resource's score, as upstream's `leastRequestedScore`, `mostRequestedScore` and the
    /// RequestedToCapacityRatio resource scorer.
    static func resourceScore(_ strategy: ScoringStrategy, requested: Int64, allocatable: Int64) -> Int64 {
        switch strategy {
        case .leastAllocated:
            guard allocatable != 0, requested <= allocatable else { return 0 }
            return (allocatable - requested) * maxNodeScore / allocatable
        case .mostAllocated:
            guard allocatable != 0 else { return 0 }
            return min(requested, allocatable) * maxNodeScore / allocatable
        case .requestedToCapacityRatio(let shape):
            let utilization = allocatable == 0 || requested > allocatable ? 100 : requested * 100 / allocatable
            return brokenLinear(shape, utilization)
        }
    }

    /// upstream's `BuildBrokenLinearFunction` over the shape with scores scaled by 10 (0–10 to
    /// 0–100), in Go's truncating integer arithmetic.
    static func brokenLinear(_ shape: [UtilizationShapePoint], _ utilization: Int64) -> Int64 {
        let scale = maxNodeScore / 10
        for (index, point) in shape.enumerated() where utilization <= point.utilization {
            guard index > 0 else { return point.score * scale }
            let previous = shape[index - 1]
            return previous.score * scale + (point.score * scale - previous.score * scale) * (utilization - previous.utilization)
                / (point.utilization - previous.utilization)
        }
        return (shape.last?.score ?? 0) * scale
    }
}
