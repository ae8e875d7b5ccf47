/// What a run writes down as it goes, apart from the sampled time series: the event log as
/// `kubectl get events` would show it, one placement per binding, and running totals.
public struct RunLog: Sendable {
    public internal(set) var events: [EventRecord] = []
    public internal(set) var placements: [PlacementRecord] = []
    public internal(set) var podsCreated = 0
    public internal(set) var podsScheduled = 0
    public internal(set) var podsEvicted = 0
    public internal(set) var podsPreempted = 0
}
