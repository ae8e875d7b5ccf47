import SimCore

/// The files of a run's output folder, as the output contract lays them out: `summary.json`,
/// `events.csv`, `timeseries.csv` and `placements.csv` (docs/metrics-reference.md).
enum RunFiles {
    /// Every file of a run, by name, in the order they are written.
    static func contents(of result: RunResult) -> [(name: String, contents: String)] {
        [
            ("summary.json", result.summary.json.serialized(pretty: true) + "\n"),
            ("events.csv", eventsCSV(result.events)),
            ("timeseries.csv", timeSeriesCSV(result.timeSeries)),
            ("placements.csv", placementsCSV(result.placements)),
        ]
    }

    /// `events.csv`: one row per event, as `kubectl get events` shows them.
    static func eventsCSV(_ events: [EventRecord]) -> String {
        var output = "time,type,reason,kind,namespace,name,node,message\n"
        for event in events {
            output += CSV.line([
                Millis.decimalSeconds(event.time), event.type.rawValue, event.reason, event.object.kind,
                event.object.namespace, event.object.name, event.node, event.message,
            ])
        }
        return output
    }

    /// `timeseries.csv`: long format, one row per sample.
    static func timeSeriesCSV(_ series: TimeSeries) -> String {
        var output = "time,metric,object,value\n"
        let metricNames = series.descriptors.map(\.name)
        let objectColumns = series.objects.map(\.column)
        for index in 0..<series.count {
            output += CSV.line([
                Millis.decimalSeconds(series.times[index]), metricNames[Int(series.metricIndices[index])],
                objectColumns[Int(series.objectIndices[index])], NumberFormat.decimal(series.values[index]),
            ])
        }
        return output
    }

    /// `placements.csv`: one row per binding.
    static func placementsCSV(_ placements: [PlacementRecord]) -> String {
        var output = "time,pod,node,workload,attempts,wait_seconds\n"
        for placement in placements {
            output += CSV.line([
                Millis.decimalSeconds(placement.time), placement.pod, placement.node, placement.workload,
                String(placement.attempts), Millis.decimalSeconds(placement.wait),
            ])
        }
        return output
    }
}
