import SimCore

/// `metrics.om`: the time series as an OpenMetrics 1.0 text exposition, which
/// `promtool tsdb create-blocks-from openmetrics` loads into Prometheus' storage
/// (docs/metrics-reference.md, "OpenMetrics").
///
/// One metric family per metric of the series: `# TYPE`, `# UNIT` where the metric has an
/// OpenMetrics unit its name ends with (`unit(of:)`), `# HELP` from the catalog; then its
/// series one after the other, each a label set (`SeriesObject.labels`) with its samples in time
/// order, stamped with seconds since the Unix epoch: `epoch` plus the sample's simulated time.
/// Families come in the order the series first used them, series in the order their objects
/// first appeared, as in `timeseries.csv`; the text ends with `# EOF`. The values are those of
/// `timeseries.csv`, printed the same way.
enum OpenMetrics {
    /// The file's name in the output folder.
    static let fileName = "metrics.om"

    /// Passes the exposition of `series` to `emit`, a piece at a time (each piece ends with a
    /// line feed). `epoch` is the wall-clock time of simulated time 0, in milliseconds since the
    /// Unix epoch. A series' samples must be in time order, as `TimeSeries` records them; a
    /// second sample of a series at the same instant (two HPA metrics whose names clean to the
    /// same series name) is left out, since a series has one value per instant.
    static func write<Failure: Error>(_ series: TimeSeries, epoch: Int64, to emit: (String) throws(Failure) -> Void) throws(Failure) {
        let families = Families(series.descriptors)
        let labels = series.objects.map(labelText)
        var previous: (family: Int, object: Int32, time: SimTime)?
        for row in rowOrder(series, families: families) {
            let family = families.index[Int(series.metricIndices[row])]
            let object = series.objectIndices[row], time = series.times[row]
            if family != previous?.family { try emit(families.header[family]) }
            if let previous, previous.family == family, previous.object == object, previous.time == time { continue }
            previous = (family, object, time)
            try emit(families.sampleName[family] + labels[Int(object)] + " " + number(series.values[row]) + " " + timestamp(epoch + time) + "\n")
        }
        try emit("# EOF\n")
    }

    /// The whole exposition as one string (for tests and small series).
    static func text(_ series: TimeSeries, epoch: Int64) -> String {
        var text = ""
        write(series, epoch: epoch) { text += $0 }
        return text
    }

    /// The metric families: one per distinct family name, in the order the descriptors first
    /// name them, and per descriptor the family it belongs to.
    struct Families {
        /// Per descriptor of the series, the index of its family.
        var index: [Int] = []
        /// Per family, its `# TYPE`, `# UNIT` and `# HELP` lines.
        var header: [String] = []
        /// Per family, the name of its samples: the family's name, with `_total` for a counter.
        var sampleName: [String] = []

        init(_ descriptors: [MetricDescriptor]) {
            var byName: [String: Int] = [:]
            for descriptor in descriptors {
                let name = OpenMetrics.familyName(of: descriptor)
                if let known = byName[name] {
                    index.append(known)
                    continue
                }
                byName[name] = header.count
                index.append(header.count)
                var lines = "# TYPE \(name) \(descriptor.type.rawValue)\n"
                if let unit = OpenMetrics.unit(of: descriptor) { lines += "# UNIT \(name) \(unit)\n" }
                lines += "# HELP \(name) \(OpenMetrics.escaped(descriptor.help))\n"
                header.append(lines)
                sampleName.append(descriptor.type == .counter ? name + "_total" : name)
            }
        }
    }

    /// The rows of `series` grouped by family, then by object (in index order), each group in
    /// row order, which is time order: two stable counting sorts, by object and then by family.
    static func rowOrder(_ series: TimeSeries, families: Families) -> [Int] {
        let byObject = countingSort(Array(0..<series.count), buckets: series.objects.count) { Int(series.objectIndices[$0]) }
        return countingSort(byObject, buckets: families.header.count) { families.index[Int(series.metricIndices[$0])] }
    }

    /// `rows` sorted by `key` (in `0..<buckets`), rows of equal keys kept in their order.
    private static func countingSort(_ rows: [Int], buckets: Int, key: (Int) -> Int) -> [Int] {
        var next = [Int](repeating: 0, count: buckets + 1)
        for row in rows { next[key(row) + 1] += 1 }
        for bucket in 0..<buckets { next[bucket + 1] += next[bucket] }
        var sorted = [Int](repeating: 0, count: rows.count)
        for row in rows {
            let bucket = key(row)
            sorted[next[bucket]] = row
            next[bucket] += 1
        }
        return sorted
    }

    // MARK: Names, units, labels and numbers

    /// The family's name: the metric's name, without the `_total` a counter's samples add, and
    /// with every character a metric name cannot hold (`[a-zA-Z_:][a-zA-Z0-9_:]*`) made `_`.
    static func familyName(of descriptor: MetricDescriptor) -> String {
        var name = descriptor.name
        if descriptor.type == .counter, name.hasSuffix("_total") { name.removeLast("_total".count) }
        let cleaned = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
        return cleaned.first?.isNumber == false ? cleaned : "_" + cleaned
    }

    /// The OpenMetrics unit of a metric: `ratio` for kubesim's fractions and `cores` for CPU
    /// cores, when the family's name ends with `_` and that unit, as the specification requires
    /// of a `# UNIT`. Counts (nodes, pods, replicas, Jobs) have no unit in OpenMetrics; request
    /// rates, Unix times and the HPA series (whose units vary with the metric) have no `# UNIT`,
    /// since their names do not end with one.
    static func unit(of descriptor: MetricDescriptor) -> String? {
        let unit: String
        switch descriptor.unit {
        case "fraction": unit = "ratio"
        case "cores": unit = "cores"
        default: return nil
        }
        return familyName(of: descriptor).hasSuffix("_" + unit) ? unit : nil
    }

    /// `{namespace="shop",deployment="frontend"}`: the labels of a series, values escaped; empty
    /// for the cluster, which has none.
    static func labelText(_ object: SeriesObject) -> String {
        let labels = object.labels
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.name)=\"\(escaped($0.value))\"" }.joined(separator: ",") + "}"
    }

    /// `text` escaped as the specification's `escaped-string`, for a label value or `# HELP`:
    /// a backslash, a double quote and a line feed become `\\`, `\"` and `\n`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A value as `timeseries.csv` prints it, and the non-finite ones as OpenMetrics writes them
    /// (`NaN`, `+Inf`, `-Inf`).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return NumberFormat.decimal(value)
    }

    /// Milliseconds since the Unix epoch as decimal seconds: `1704067260`, `1704067260.5`.
    static func timestamp(_ milliseconds: Int64) -> String { Millis.decimalSeconds(milliseconds) }
}
