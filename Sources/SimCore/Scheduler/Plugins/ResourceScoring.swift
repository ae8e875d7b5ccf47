/// A resource to score and its weight, as `config.ResourceSpec`.
public struct ResourceWeight: Sendable, Hashable {
    public var name: String
    public var weight: Int64

    public init(_ name: String, weight: Int64 = 1) {
        self.name = name
        self.weight = weight
    }

    /// Upstream's default scoring resources: cpu and memory, weight 1 each.
    public static let defaults = [ResourceWeight(ResourceName.cpu), ResourceWeight(ResourceName.memory)]
}

/// One point of RequestedToCapacityRatio's shape: utilization 0–100 maps to score 0–10.
public struct UtilizationShapePoint: Sendable, Hashable {
    public var utilization: Int64
    public var score: Int64

    public init(utilization: Int64, score: Int64) {
        self.utilization = utilization
        self.score = score
    }
}

/// How NodeResourcesFit turns (requested, allocatable) per resource into a node score.
public enum ScoringStrategy: Sendable, Hashable {
    /// Prefer emptier nodes: spreading (the default).
    case leastAllocated
    /// Prefer fuller nodes: bin packing.
    case mostAllocated
    /// A piecewise-linear function of utilization, points in increasing utilization.
    case requestedToCapacityRatio(shape: [UtilizationShapePoint])
}

/// The per-resource (allocatable, requested-with-this-pod) pairs that the resource scorers read,
/// as upstream's `resourceAllocationScorer.calculateResourceAllocatableRequest`.
///
/// With `useRequested` false (NodeResourcesFit) CPU and memory use the node's and pod's non-zero
/// requests; with true (BalancedAllocation) the actual requests. A scalar resource the pod does
/// not request, and any resource the node does not have, is dropped: it counts neither score nor
/// weight.
struct ResourceAllocation {
    private enum Column {
        case cpu, memory, ephemeralStorage
        case scalar(String)
    }

    private var columns: [Column] = []
    private var podRequests: [Int64] = []
    private(set) var weights: [Int64] = []

    /// Prepares the columns for `pod` (once per cycle, in PreScore).
    mutating func prepare(resources: [ResourceWeight], pod: PodSpecInfo, useRequested: Bool) {
        columns.removeAll(keepingCapacity: true)
        podRequests.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        for resource in resources {
            let column: Column
            let request: Int64
            switch resource.name {
            case ResourceName.cpu: (column, request) = (.cpu, useRequested ? pod.requests.cpu : pod.nonZeroCPU)
            case ResourceName.memory: (column, request) = (.memory, useRequested ? pod.requests.memory : pod.nonZeroMemory)
            case ResourceName.ephemeralStorage: (column, request) = (.ephemeralStorage, pod.requests.ephemeralStorage)
            default:
                request = pod.requests[resource.name]
                guard request != 0 else { continue }
                column = .scalar(resource.name)
            }
            columns.append(column)
            podRequests.append(request)
            weights.append(resource.weight)
        }
    }

    /// Number of resources in play.
    var count: Int { columns.count }

    /// The pod's cpu and memory requests when exactly those two resources are in play, in that
    /// order (the default), for the scorers' fast paths.
    var cpuAndMemoryRequests: (cpu: Int64, memory: Int64)? {
        guard columns.count == 2, case .cpu = columns[0], case .memory = columns[1] else { return nil }
        return (podRequests[0], podRequests[1])
    }

    /// (allocatable, requested including the pod) of resource `index` on `node`; allocatable 0
    /// means the resource is dropped for this node.
    @inline(__always)
    func pair(_ index: Int, node: NodeID, cluster: ClusterState, useRequested: Bool) -> (allocatable: Int64, requested: Int64) {
        let n = Int(node)
        switch columns[index] {
        case .cpu:
            return (
                cluster.nodes.allocatable[n].cpu, (useRequested ? cluster.nodes.requested[n].cpu : cluster.nodes.nonZeroCPU[n]) + podRequests[index]
            )
        case .memory:
            return (
                cluster.nodes.allocatable[n].memory,
                (useRequested ? cluster.nodes.requested[n].memory : cluster.nodes.nonZeroMemory[n]) + podRequests[index]
            )
        case .ephemeralStorage:
            return (cluster.nodes.allocatable[n].ephemeralStorage, cluster.nodes.requested[n].ephemeralStorage + podRequests[index])
        case .scalar(let name):
            return (cluster.nodes.allocatable[n][name], cluster.nodes.requested[n][name] + podRequests[index])
        }
    }
}
