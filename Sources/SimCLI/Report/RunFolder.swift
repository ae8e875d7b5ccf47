import Foundation

/// A file the report cannot read, with where: `FILE:LINE:COL: error: …` or `FILE:LINE: error: …`.
struct ReportError: Error, CustomStringConvertible {
    let description: String
}

/// The series of a `timeseries.csv`, by metric and object, each in time order.
struct TimeSeriesTable {
    struct Key: Hashable {
        let metric: String
        let object: String
    }

    private(set) var series: [Key: [ChartPoint]] = [:]
    /// The latest sample time, in seconds.
    private(set) var lastTime = 0.0

    static let header = ["time", "metric", "object", "value"]

    /// The points of `metric` for `object`, empty when there are none.
    func points(_ metric: String, _ object: String = "cluster") -> [ChartPoint] {
        series[Key(metric: metric, object: object)] ?? []
    }

    /// The objects that have `metric`, sorted.
    func objects(_ metric: String) -> [String] {
        series.keys.filter { $0.metric == metric }.map(\.object).sorted()
    }

    /// Reads the CSV text of `path` (`bytes`). Rows are looked up by their metric and object bytes
    /// as they lie in the file, so the hundreds of thousands of rows of a long run make no string
    /// each; a `String` is made once per series.
    static func read(_ bytes: [UInt8], path: String) throws(ReportError) -> TimeSeriesTable {
        struct RawKey: Hashable {
            let metric: ArraySlice<UInt8>
            let object: ArraySlice<UInt8>
        }
        var reader = CSVReader(bytes: bytes)
        guard reader.next() else { return TimeSeriesTable() }
        guard (0..<4).map({ reader.string($0) }) == header else {
            throw ReportError(description: "\(path):1: error: the header is not \(header.joined(separator: ","))")
        }
        var indices: [RawKey: Int] = [:]
        var keys: [RawKey] = []
        var points: [[ChartPoint]] = []
        var table = TimeSeriesTable()
        while reader.next() {
            let fields = reader.fields
            guard fields.count >= 4, let time = CSVReader.number(fields[0]) else {
                throw ReportError(description: "\(path):\(reader.line): error: expected time,metric,object,value")
            }
            // A value that is not a number (NaN) leaves a gap: the point is skipped.
            guard let value = CSVReader.number(fields[3]), value.isFinite else { continue }
            let key = RawKey(metric: fields[1], object: fields[2])
            let index: Int
            if let known = indices[key] {
                index = known
            } else {
                index = keys.count
                indices[key] = index
                keys.append(key)
                points.append([])
            }
            points[index].append(ChartPoint(x: time, y: value))
            table.lastTime = max(table.lastTime, time)
        }
        for (index, key) in keys.enumerated() {
            let name = Key(metric: String(decoding: key.metric, as: UTF8.self), object: String(decoding: key.object, as: UTF8.self))
            table.series[name] = points[index].sorted { $0.x < $1.x }
        }
        return table
    }
}

/// The rows of an `events.csv` that the report marks on its time axes: faults, rollouts and
/// HPA rescales. The other events (most of a long run's) are passed over without a string.
struct MarkedEvents {
    struct Event {
        let time: Double
        let reason: String
        let kind: String
        let namespace: String
        let name: String
        let message: String
    }

    /// The fault events kubesim writes, by reason (docs/metrics-reference.md).
    static let faultReasons: Set<String> = ["NodeCrash", "ZoneOutage", "NetworkPartition", "SpotInterruption", "PodKill", "NodeDrain"]
    static let rolloutReasons: Set<String> = ["ScalingReplicaSet", "DeploymentRollback"]
    static let rescaleReason = "SuccessfulRescale"
    static let header = ["time", "type", "reason", "kind", "namespace", "name", "node", "message"]

    private(set) var events: [Event] = []

    static func read(_ bytes: [UInt8], path: String) throws(ReportError) -> MarkedEvents {
        let wanted = Set((faultReasons.union(rolloutReasons).union([rescaleReason])).map { Array($0.utf8)[...] })
        var reader = CSVReader(bytes: bytes)
        var marked = MarkedEvents()
        guard reader.next() else { return marked }
        guard (0..<8).map({ reader.string($0) }) == header else {
            throw ReportError(description: "\(path):1: error: the header is not \(header.joined(separator: ","))")
        }
        while reader.next() {
            guard reader.fields.count >= 8, wanted.contains(reader.fields[2]) else { continue }
            guard let time = reader.double(0) else { throw ReportError(description: "\(path):\(reader.line): error: the time is not a number") }
            let event = Event(
                time: time, reason: reader.string(2), kind: reader.string(3), namespace: reader.string(4), name: reader.string(5),
                message: reader.string(7))
            // A ReplicaSet scaled up from zero is a rollout starting; other scaling is not marked.
            if event.reason == "ScalingReplicaSet", !(event.message.hasPrefix("Scaled up") && event.message.contains(" from 0 to ")) { continue }
            marked.events.append(event)
        }
        return marked
    }
}

/// A file of the report's folder, read whole; nil when it is not there.
enum FolderFile {
    static func bytes(_ path: String) throws(ReportError) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else { throw ReportError(description: "\(path): error: is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(description: "\(path): error: cannot be read")
        }
        return [UInt8](data)
    }

    /// The JSON value in `path`, or nil when there is no such file.
    static func json(_ path: String) throws(ReportError) -> JSONValue? {
        guard let bytes = try bytes(path) else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ReportError(description: "\(path): error: is not UTF-8 text") }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw ReportError(description: "\(path):\(error.line):\(error.column): error: \(error.message)")
        }
    }
}
