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

/// Everything a run records: the event log, placements, the time series and running totals.
struct Recorder: Sendable {
    var events: [EventRecord] = []
    var placements: [PlacementRecord] = []
    var timeSeries = TimeSeries()
    var samples: [ClusterSample] = []
    var podsCreated = 0
    var podsScheduled = 0
    var podsEvicted = 0
    var podsPreempted = 0
    /// Per Deployment, by index.
    var deploymentStats: [WorkloadStats] = []
    /// Per ReplicaSet, by index (reported for ReplicaSets without an owner).
    var replicaSetStats: [WorkloadStats] = []
    /// When the traffic series were last sampled.
    var trafficSampledAt: SimTime = 0

    mutating func event(_ time: SimTime, _ type: EventType, _ reason: String, _ object: ObjectReference, node: String = "", _ message: String) {
        events.append(EventRecord(time: time, type: type, reason: reason, object: object, node: node, message: message))
    }

    /// `events.csv` with the contract header.
    func eventsCSV() -> String {
        var output = "time,type,reason,kind,namespace,name,node,message\n"
        for event in events {
            output += CSV.line([Millis.decimalSeconds(event.time), event.type.rawValue, event.reason, event.object.kind,
                                event.object.namespace, event.object.name, event.node, event.message])
        }
        return output
    }

    /// `placements.csv` with the contract header.
    func placementsCSV() -> String {
        var output = "time,pod,node,workload,attempts,wait_seconds\n"
        for placement in placements {
            output += CSV.line([Millis.decimalSeconds(placement.time), placement.pod, placement.node, placement.workload,
                                String(placement.attempts), Millis.decimalSeconds(placement.wait)])
        }
        return output
    }
}
