import SimCore

/// The files of a run's output folder, as the output contract lays them out: `summary.json`,
/// `events.csv`, `timeseries.csv` and `placements.csv`, and `metrics.om` when asked for
/// (docs/metrics-reference.md).
enum RunFiles {
    /// The files every run writes.
    static let names = ["summary.json", "events.csv", "timeseries.csv", "placements.csv"]

    /// The files of a run's output folder: `names`, and `metrics.om` with `openMetrics`.
    static func names(openMetrics: Bool) -> [String] { openMetrics ? names + [OpenMetrics.fileName] : names }

    /// Writes every file of `result` into `output`, row by row; `metrics.om` too when
    /// `openMetricsEpoch` (the wall-clock time of simulated time 0, ms since the Unix epoch) is given.
    static func write(_ result: RunResult, into output: OutputSet, openMetricsEpoch: Int64? = nil) throws(OutputSet.WriteError) {
        try output.write("summary.json") { file throws(OutputSet.WriteError) in try file.write(result.summary.json.serialized(pretty: true) + "\n") }
        try output.write("events.csv") { file throws(OutputSet.WriteError) in try writeEvents(result.events, to: file) }
        try output.write("timeseries.csv") { file throws(OutputSet.WriteError) in try writeTimeSeries(result.timeSeries, to: file) }
        try output.write("placements.csv") { file throws(OutputSet.WriteError) in try writePlacements(result.placements, to: file) }
        if let epoch = openMetricsEpoch {
            try output.write(OpenMetrics.fileName) { file throws(OutputSet.WriteError) in
                try OpenMetrics.write(result.timeSeries, epoch: epoch, to: file.write)
            }
        }
    }

    /// `events.csv`: one row per event, as `kubectl get events` shows them.
    static func writeEvents(_ events: [EventRecord], to file: BufferedFile) throws(OutputSet.WriteError) {
        try file.write("time,type,reason,kind,namespace,name,node,message\n")
        for event in events {
            try file.write(
                CSV.line([
                    Millis.decimalSeconds(event.time), event.type.rawValue, event.reason, event.object.kind,
                    event.object.namespace, event.object.name, event.node, event.message,
                ]))
        }
    }

    /// `timeseries.csv`: long format, one row per sample.
    static func writeTimeSeries(_ series: TimeSeries, to file: BufferedFile) throws(OutputSet.WriteError) {
        try file.write("time,metric,object,value\n")
        let metricNames = series.descriptors.map(\.name)
        let objectColumns = series.objects.map(\.column)
        for index in 0..<series.count {
            try file.write(
                CSV.line([
                    Millis.decimalSeconds(series.times[index]), metricNames[Int(series.metricIndices[index])],
                    objectColumns[Int(series.objectIndices[index])], NumberFormat.decimal(series.values[index]),
                ]))
        }
    }

    /// `placements.csv`: one row per binding.
    static func writePlacements(_ placements: [PlacementRecord], to file: BufferedFile) throws(OutputSet.WriteError) {
        try file.write("time,pod,node,workload,attempts,wait_seconds\n")
        for placement in placements {
            try file.write(
                CSV.line([
                    Millis.decimalSeconds(placement.time), placement.pod, placement.node, placement.workload,
                    String(placement.attempts), Millis.decimalSeconds(placement.wait),
                ]))
        }
    }
}
