/// What the fault injector keeps between events.
struct FaultState {
    /// One `kubectl drain` in progress.
    struct Drain {
        let node: NodeID
        let force: Bool
        /// The fault record this drain belongs to.
        let record: Int
        /// Pods that already had an eviction refused (their `EvictionBlocked` event is recorded once).
        var blocked: [PodID] = []
        var done = false
    }

    var records: [FaultRecord] = []
    /// Records still waiting for every workload to be back.
    var unrecovered = 0
    /// Set when something changed that may end a degradation; checked at the end of the instant.
    var recoveryCheckPending = false
    /// Per fault, its random stream (for the faults that draw).
    var streams: [RandomStream] = []
    /// Per (random-failure fault, node), the node's own stream of failure and repair times.
    var nodeStreams: [Int64: RandomStream] = [:]
    /// Per node, the faults holding its machine down or cut off, in the order they began.
    var holders: [[Int]] = []
    var drains: [Drain] = []
}

extension FaultState {
    /// An exponentially distributed delay with the given mean, at least 1 ms.
    static func exponential(mean: SimTime, random: inout RandomStream) -> SimTime {
        let u = random.nextDouble()
        return max(1, SimTime((-naturalLog(1 - u) * Double(mean)).rounded()))
    }
}
