/// Requests counted over a span of time: offered (sent to the target), served (handled by an
/// endpoint with the CPU to do it) and dropped (no Ready endpoint, or no CPU left for them).
public struct RequestTotals: Sendable, Hashable {
    public var offered: Double = 0
    public var served: Double = 0
    public var dropped: Double = 0

    public init(offered: Double = 0, served: Double = 0, dropped: Double = 0) {
        self.offered = offered
        self.served = served
        self.dropped = dropped
    }

    /// Served ÷ offered; 1 when nothing was offered.
    public var availability: Double { offered > 0 ? served / offered : 1 }

    static func += (lhs: inout RequestTotals, rhs: RequestTotals) {
        lhs.offered += rhs.offered
        lhs.served += rhs.served
        lhs.dropped += rhs.dropped
    }
}
