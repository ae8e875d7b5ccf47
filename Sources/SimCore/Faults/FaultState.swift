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

    /// A pod's recent container crashes, for the kubelet's restart back-off.
    struct CrashLoop {
        var crashes: Int
        var lastRestart: SimTime
        /// The container crashed and waits out its back-off: it cannot crash again meanwhile.
        var restartPending = false
    }

    var records: [FaultRecord] = []
    /// Records still waiting for every workload to be back.
    var unrecovered = 0
    /// Set when something changed that may end a degradation; checked at the end of the instant.
    var recoveryCheckPending = false
    /// Per fault, its random stream (for the faults that draw).
    var streams: [RandomStream?] = []
    /// Per (random-failure fault, node), the node's own stream of failure and repair times.
    var nodeStreams: [Int64: RandomStream] = [:]
    /// Per node, the faults holding its machine down or cut off, in the order they began.
    var holders: [[Int]] = []
    var drains: [Drain] = []
    /// Grace periods a fault imposes on the pods it deletes.
    var gracePeriods: [PodID: SimTime] = [:]
    var crashLoops: [PodID: CrashLoop] = [:]

    /// The kubelet's container restart back-off: the first restart is immediate, then 10 s
    /// doubling up to 5 minutes; a container that ran 10 minutes starts over (upstream's
    /// `backOffPeriod` and `MaxContainerBackOff`, and the back-off entries' garbage collection).
    static func restartBackOff(crashes: Int) -> SimTime {
        guard crashes > 1 else { return 0 }
        var delay: SimTime = 10 * Millis.second
        for _ in 2..<crashes where delay < 300 * Millis.second { delay *= 2 }
        return min(delay, 300 * Millis.second)
    }

    static let backOffReset: SimTime = 10 * Millis.minute

    /// An exponentially distributed delay with the given mean, at least 1 ms.
    static func exponential(mean: SimTime, random: inout RandomStream) -> SimTime {
        let u = random.nextDouble()
        return max(1, SimTime((-naturalLog(1 - u) * Double(mean)).rounded()))
    }
}
