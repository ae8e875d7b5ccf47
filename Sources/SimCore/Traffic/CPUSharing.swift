/// How a node's CPU is shared among pods that want more than it has: the Linux CFS scheduler
/// gives each cgroup time in proportion to its `cpu.shares`, which the kubelet sets from the CPU
/// request (at least 2 shares). A pod that wants less than its proportional share gets what it
/// wants and leaves the rest to the others — max-min fairness weighted by requests, computed
/// here by water-filling.
enum CPUSharing {
    /// The smallest weight a pod gets, as the kubelet's minimum of 2 CPU shares (about 2m).
    static let minimumWeight = 2.0

    /// Fills `allocation` with each pod's CPU in millicores, given what each wants (`demand`,
    /// already capped by its limit), its weight, and the CPU `available` to them together.
    /// `order` is scratch space.
    static func share(_ available: Double, demand: [Double], weight: [Double], allocation: inout [Double], order: inout [Int]) {
        let count = demand.count
        allocation.removeAll(keepingCapacity: true)
        allocation.append(contentsOf: demand)
        let wanted = demand.reduce(0, +)
        guard wanted > available else { return }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<count)
        order.sort { a, b in
            let left = demand[a] / weight[a], right = demand[b] / weight[b]
            return left != right ? left < right : a < b
        }
        var remaining = max(0, available)
        var totalWeight = weight.reduce(0, +)
        for (rank, index) in order.enumerated() {
            let fair = remaining * weight[index] / totalWeight
            if demand[index] <= fair {
                remaining -= demand[index]
                totalWeight -= weight[index]
                continue
            }
            for constrained in order[rank...] { allocation[constrained] = remaining * weight[constrained] / totalWeight }
            return
        }
    }
}
