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

extension RunLog {
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
