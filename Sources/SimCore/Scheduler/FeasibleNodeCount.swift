/// How many feasible nodes the scheduler looks for before it stops filtering, as upstream's
/// `numFeasibleNodesToFind` (reference §2.3): all nodes below 100; otherwise `percentage` of them
/// (adaptive `50 − n/125`, at least 5 % when the percentage is 0), never fewer than 100.
public func numFeasibleNodesToFind(nodeCount: Int, percentage: Int32) -> Int {
    let minFeasibleNodesToFind = 100
    let minFeasibleNodesPercentageToFind: Int32 = 5
    guard nodeCount >= minFeasibleNodesToFind else { return nodeCount }
    var percent = percentage
    if percent == 0 {
        percent = 50 - Int32(clamping: nodeCount / 125)
        if percent < minFeasibleNodesPercentageToFind { percent = minFeasibleNodesPercentageToFind }
    }
    let count = nodeCount * Int(percent) / 100
    return count < minFeasibleNodesToFind ? minFeasibleNodesToFind : count
}
