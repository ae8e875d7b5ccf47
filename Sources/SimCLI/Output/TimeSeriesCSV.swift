import Scenarios
import SimCore

/// Reads back a `timeseries.csv` that `kubesim run` wrote, for `kubesim export`: the rows become
/// a `TimeSeries` again, each metric its catalog descriptor and each `object` its labels. Every
/// problem is an error at its line and column.
enum TimeSeriesCSV {
    static let header = ["time", "metric", "object", "value"]

    /// The series of the CSV text `text`, read from the file `file`.
    static func read(_ text: String, file: String) throws(Diagnostic) -> TimeSeries {
        var series = TimeSeries()
        var descriptors: [String: MetricDescriptor] = [:]
        var objects: [String: Int32] = [:]
        var lastTime: SimTime = .min
        var sawHeader = false
        try forEachRecord(text, file: file) { (record: Record) throws(Diagnostic) in
            func error(_ field: Int, _ message: String, hint: String? = nil) -> Diagnostic {
                .error(at: SourceLocation(file: file, line: record.line, column: record.columns[field]), message, hint: hint)
            }
            guard sawHeader else {
                guard record.fields == header else {
                    throw error(0, "the header is not \(header.joined(separator: ",")): this is not a timeseries.csv kubesim wrote")
                }
                sawHeader = true
                return
            }
            guard record.fields.count == 4 else { throw error(0, "a row of timeseries.csv has 4 fields, not \(record.fields.count)") }
            let fields = record.fields
            guard let time = milliseconds(fields[0]) else {
                throw error(0, "the time \(Diagnostic.quote(fields[0])) is not seconds such as 90 or 12.5")
            }
            guard time >= lastTime else { throw error(0, "the rows are not in time order: \(fields[0]) comes after a later time") }
            lastTime = time
            guard let descriptor = descriptors[fields[1]] ?? descriptor(named: fields[1]) else {
                throw error(1, "unknown metric \(Diagnostic.quote(fields[1]))", hint: "docs/metrics-reference.md lists the metrics kubesim writes")
            }
            descriptors[fields[1]] = descriptor
            let object: Int32
            if let known = objects[fields[2]] {
                object = known
            } else {
                guard let parsed = seriesObject(fields[2]) else {
                    throw error(2, "the object \(Diagnostic.quote(fields[2])) is not cluster, NodePool/<name> or <Kind>/<namespace>/<name>")
                }
                object = series.index(of: parsed)
                objects[fields[2]] = object
            }
            guard let value = Double(fields[3]) else { throw error(3, "the value \(Diagnostic.quote(fields[3])) is not a number") }
            series.record(time, descriptor, object, value)
        }
        guard sawHeader else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1), "the file is empty: this is not a timeseries.csv kubesim wrote")
        }
        return series
    }

    /// The catalog's descriptor of the metric `name`; an HPA series takes its template's.
    static func descriptor(named name: String) -> MetricDescriptor? {
        if let descriptor = MetricCatalog.all.first(where: { $0.name == name && !$0.name.contains("<") }) { return descriptor }
        for (prefix, template) in [
            ("kubesim_hpa_metric_", MetricCatalog.hpaMetricTemplate), ("kubesim_hpa_target_", MetricCatalog.hpaTargetTemplate),
        ]
        where name.hasPrefix(prefix) && name.count > prefix.count {
            return MetricDescriptor(name, template.type, template.subject, unit: template.unit, help: template.help)
        }
        return nil
    }

    /// The object an `object` column names: `cluster`, `NodePool/<name>`, `<Kind>/<namespace>/<name>`.
    static func seriesObject(_ column: String) -> SeriesObject? {
        if column == "cluster" { return .cluster }
        let parts = column.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, parts[0] == "NodePool", !parts[1].isEmpty { return .nodePool(parts[1]) }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return .object(ObjectReference(kind: parts[0], namespace: parts[1], name: parts[2]))
    }

    /// Decimal seconds as `Millis.decimalSeconds` writes them (`90`, `12.5`, `-0.001`) in
    /// milliseconds; nil for anything else.
    static func milliseconds(_ text: String) -> SimTime? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 15, wholeText.allSatisfy(\.isASCIIDigit),
            let whole = Int64(wholeText)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let fractionText = parts[1]
            guard (1...3).contains(fractionText.count), fractionText.allSatisfy(\.isASCIIDigit), let value = Int64(fractionText) else { return nil }
            fraction = value * [100, 10, 1][fractionText.count - 1]
        }
        let milliseconds = whole * 1_000 + fraction
        return negative ? -milliseconds : milliseconds
    }

    // MARK: CSV records

    /// One record of CSV text: its fields, the line it starts on, and the column each field
    /// starts at.
    struct Record {
        var line: Int
        var columns: [Int]
        var fields: [String]
    }

    /// Calls `body` with each record of the RFC 4180 text `text` (fields quoted with `"`, quotes
    /// doubled inside; lines end with LF or CRLF; an empty line is no record).
    static func forEachRecord(_ text: String, file: String, _ body: (Record) throws(Diagnostic) -> Void) throws(Diagnostic) {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, lineStart = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        while index < bytes.count {
            var record = Record(line: line, columns: [], fields: [])
            if bytes[index] == newline || (bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline) {
                index += bytes[index] == newline ? 1 : 2
                line += 1
                lineStart = index
                continue
            }
            while true {
                record.columns.append(index - lineStart + 1)
                var field: [UInt8] = []
                if index < bytes.count, bytes[index] == quote {
                    let start = SourceLocation(file: file, line: line, column: index - lineStart + 1)
                    index += 1
                    while true {
                        guard index < bytes.count else { throw .error(at: start, "a quoted field is never closed") }
                        if bytes[index] == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if bytes[index] == newline {
                            line += 1
                            lineStart = index + 1
                        }
                        field.append(bytes[index])
                        index += 1
                    }
                } else {
                    while index < bytes.count, bytes[index] != comma, bytes[index] != newline,
                        !(bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline)
                    {
                        field.append(bytes[index])
                        index += 1
                    }
                }
                record.fields.append(String(decoding: field, as: UTF8.self))
                guard index < bytes.count, bytes[index] == comma else { break }
                index += 1
            }
            if index < bytes.count {
                let atLineEnd = bytes[index] == newline || (bytes[index] == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline)
                guard atLineEnd else {
                    throw .error(
                        at: SourceLocation(file: file, line: line, column: index - lineStart + 1), "a quoted field is followed by more than a comma")
                }
                index += bytes[index] == newline ? 1 : 2
                line += 1
                lineStart = index
            }
            try body(record)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
