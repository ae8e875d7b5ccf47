/// What a run holds in memory, counted by the items that grow with it, and its cost in bytes.
///
/// The scenario loader uses it to refuse up front a run that cannot fit; the simulation counts
/// the same items as it records them and stops, with a message, when a run grows past its limit
/// (a fault storm or a pod retried for a month grows the event log without bound). The per-item
/// costs are upper bounds measured on runs (MemoryUseTests checks them against the heap), and
/// include the slack of arrays that grow by doubling.
public struct MemoryUse: Sendable, Equatable, CustomStringConvertible {
    public var nodes: Int64 = 0
    /// Pod slots: pods that exist, or once existed in a slot not reused yet.
    public var pods: Int64 = 0
    /// Rows of the event log (`events.csv`).
    public var events: Int64 = 0
    /// Rows of `placements.csv`.
    public var placements: Int64 = 0
    /// Rows of the time series (`timeseries.csv`).
    public var seriesRows: Int64 = 0

    /// A node's columns, pod lists and scheduler caches.
    public static let bytesPerNode: Int64 = 4_096
    /// A pod's record, its spec's share, and its entries in owners and indexes.
    public static let bytesPerPod: Int64 = 2_048
    /// An event: the record (112 bytes: time, type, strings for reason, object and node) with
    /// the slack of its array, and its message text (a FailedScheduling message is ~200 bytes).
    public static let bytesPerEvent: Int64 = 512
    /// A placement: the record and its pod, node and workload names.
    public static let bytesPerPlacement: Int64 = 256
    /// A time-series row: time, metric, object and value in flat columns, doubled for growth.
    public static let bytesPerSeriesRow: Int64 = 48

    public init(nodes: Int64 = 0, pods: Int64 = 0, events: Int64 = 0, placements: Int64 = 0, seriesRows: Int64 = 0) {
        self.nodes = nodes
        self.pods = pods
        self.events = events
        self.placements = placements
        self.seriesRows = seriesRows
    }

    /// The estimated bytes, `Int64.max` when that overflows.
    public var bytes: Int64 {
        let parts = [
            (nodes, Self.bytesPerNode), (pods, Self.bytesPerPod), (events, Self.bytesPerEvent), (placements, Self.bytesPerPlacement),
            (seriesRows, Self.bytesPerSeriesRow),
        ]
        var total: Int64 = 0
        for (count, cost) in parts {
            let (part, overflow) = max(count, 0).multipliedReportingOverflow(by: cost)
            guard !overflow else { return Int64.max }
            total = Resources.saturatingSum(total, part)
        }
        return total
    }

    /// "3 nodes, 1000 pods, 8640000 events, 0 placements, 12960 time-series rows".
    public var description: String {
        "\(nodes) nodes, \(pods) pods, \(events) events, \(placements) placements, \(seriesRows) time-series rows"
    }

    /// A size for messages: "340 MiB" under a gibibyte, else gibibytes with one decimal under
    /// 100 ("1.5 GiB") and whole above.
    public static func formatted(_ bytes: Int64) -> String {
        guard bytes >= 1 << 30 else { return "\(Int((Double(bytes) / Double(1 << 20)).rounded())) MiB" }
        let value = Double(bytes) / Double(1 << 30)
        return (value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)) + " GiB"
    }
}
