/// The message of a `FailedScheduling` event when no node fits, as upstream's `FitError.Error()`:
/// "0/N nodes are available: " then the PreFilter message, or else a histogram of filter reasons
/// ("3 Insufficient cpu", …) sorted as strings and joined by ", ", each part ending in ".".
public func fitErrorMessage(nodeCount: Int, preFilterMessage: String?, reasons: [String]) -> String {
    guard nodeCount > 0 else { return "no nodes available to schedule pods" }
    var message = "0/\(nodeCount) nodes are available:"
    if let preFilterMessage {
        message += " \(preFilterMessage)."
    } else {
        var counts: [String: Int] = [:]
        for reason in reasons { counts[reason, default: 0] += 1 }
        let histogram = counts.map { "\($0.value) \($0.key)" }.sorted()
        if !histogram.isEmpty { message += " " + histogram.joined(separator: ", ") + "." }
    }
    return message
}
