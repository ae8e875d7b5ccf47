/// The report of a `kubesim capacity` folder (`capacity.json`): the answer, the evidence of every
/// value tried, and per expectation a chart of its actual value at each of them against the
/// expectation's bound, so the boundary the search found can be seen, and how close the values
/// on either side of it came.
struct CapacityReport {
    struct Bound {
        var metric: String
        var target: String
        var op: String
        var value: Double

        /// `availability of Deployment/shop/frontend >= 0.99`.
        var label: String { metric + (target.isEmpty ? "" : " of \(target)") + " \(op) \(ReportFormat.number(value, decimals: 6))" }
    }

    /// One expectation at one value tried: the mean over the seeds, its interval, the seeds passed.
    struct Reading {
        var mean: Double
        var interval: (low: Double, high: Double)?
        var seedsPassed: Int
    }

    struct Tried {
        var value: Int64
        var seedsPassed: Int
        var passes: Bool
        /// One per expectation, in the order of `expectations`.
        var readings: [Reading]
    }

    var scenario: String
    var path: String
    var range: (low: Int64, high: Int64)
    var seeds: [Int64]
    var answer: Int64?
    var expectations: [Bound]
    var values: [Tried]

    /// Reads `capacity.json` in `folder`; nil when there is none.
    static func load(_ folder: String) throws(ReportError) -> CapacityReport? {
        let path = folder + "/capacity.json"
        guard let json = try FolderFile.json(path) else { return nil }
        guard case .object = json, let values = json["values"]?.arrayValue, let path = json["path"]?.stringValue else {
            throw ReportError(description: "\(path): error: not the output of kubesim capacity (no \"path\" and \"values\")")
        }
        func whole(_ value: JSONValue?) -> Int64 { Int64(Int(saturating: value?.doubleValue ?? 0)) }
        let range = json["range"]?.arrayValue ?? []
        let expectations = (json["expectations"]?.arrayValue ?? []).map { entry in
            Bound(
                metric: entry["metric"]?.stringValue ?? "", target: entry["target"]?.stringValue ?? "", op: entry["op"]?.stringValue ?? "",
                value: entry["value"]?.doubleValue ?? .nan)
        }
        return CapacityReport(
            scenario: json["scenario"]?.stringValue ?? "", path: path, range: (whole(range.first), whole(range.last)),
            seeds: (json["seeds"]?.arrayValue ?? []).map(whole), answer: json["answer"]?.doubleValue.map { Int64(Int(saturating: $0)) },
            expectations: expectations,
            values: values.map { entry in
                let readings = (entry["expectations"]?.arrayValue ?? []).map { reading in
                    let bounds = reading["ci95"]?.arrayValue ?? []
                    let interval = bounds.count == 2 ? bounds[0].doubleValue.flatMap { low in bounds[1].doubleValue.map { (low, $0) } } : nil
                    return Reading(
                        mean: reading["mean"]?.doubleValue ?? .nan, interval: interval,
                        seedsPassed: Int(saturating: reading["seedsPassed"]?.doubleValue ?? 0))
                }
                return Tried(
                    value: whole(entry["value"]), seedsPassed: Int(saturating: entry["seedsPassed"]?.doubleValue ?? 0),
                    passes: entry["passes"]?.boolValue ?? false, readings: readings)
            })
    }

    /// The field's last segment, as a label: `count` for `spec.cluster.nodePools[general].count`.
    var field: String { path.split(separator: ".").last.map(String.init) ?? path }

    func render(into page: inout HTMLPage) {
        let seedText = ComparisonReport.seedText(seeds)
        let tried = values.map { String($0.value) }.joined(separator: ", ")
        page.header(
            scenario.isEmpty ? "capacity" : scenario, subtitle: "kubesim capacity report · \(path) in \(range.low)..\(range.high) · \(seedText)",
            figures: [
                answer.map { ("Answer", "\(field) = \($0)", "smallest passing on every seed") }
                    ?? ("Answer", "none", "\(range.high) fails on some seed"),
                ("Values tried", "\(values.count)", tried), ("Runs per value", "\(seeds.count)", seedText),
            ])
        page.section("Evidence")
        page.table(
            ["\(field)#", "seeds passed#", "every expectation"] + expectations.map(\.label),
            values.map { row in
                [
                    String(row.value), "\(row.seedsPassed)/\(seeds.count)",
                    (row.passes ? "✓ " : "✗ ") + (row.value == answer ? "passes (the answer)" : row.passes ? "passes" : "fails"),
                ]
                    + row.readings.map { ReportFormat.number($0.mean, decimals: 6) }
            })
        page.section("Expectations")
        if expectations.isEmpty { page.note("capacity.json lists no expectations.") }
        for (index, bound) in expectations.enumerated() {
            let rows = values.compactMap { row -> IntervalChart.Row? in
                guard index < row.readings.count else { return nil }
                let reading = row.readings[index]
                let passed = reading.seedsPassed == seeds.count
                return IntervalChart.Row(
                    label: "\(field) = \(row.value)\(row.value == answer ? " (answer)" : "")", mean: reading.mean, interval: reading.interval,
                    note: (passed ? "✓ " : "✗ ") + "\(reading.seedsPassed)/\(seeds.count) seeds", color: passed ? Palette.green : Palette.fault)
            }
            guard rows.contains(where: { $0.mean.isFinite }) else {
                page.chart(bound.label, svg: nil, note: "Not drawn: no value tried has a mean for this expectation.")
                continue
            }
            page.chart(
                bound.label,
                caption:
                    "The mean over the seeds at each value tried, with its 95 % confidence interval; green where the expectation held on every seed.",
                svg: IntervalChart(
                    title: bound.label, rows: rows, threshold: (bound.value, "\(bound.op) \(ReportFormat.number(bound.value, decimals: 6))")
                ).svg())
        }
    }
}
