/// Cluster-wide values taken at each metrics sample, for the summary.
struct ClusterSample: Sendable {
    var time: SimTime
    var nodes: Int
    var nodesReady: Int
    var podsPending: Int
    var podsRunning: Int
    var cpuRequestedRatio: Double
    var memoryRequestedRatio: Double
}
