/// Everything a run produced: its summary, its time series, its event log and its placements.
/// A value, `Sendable`: runs on other threads hand theirs back as they finish.
public struct RunResult: Sendable, Equatable {
    public var summary: RunSummary
    public var timeSeries: TimeSeries
    public var events: [EventRecord]
    public var placements: [PlacementRecord]
}
