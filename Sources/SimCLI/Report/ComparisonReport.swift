/// The report of a `kubesim compare` folder (`compare.json`): per metric, each variant's mean
/// over the seeds with its 95 % confidence interval, the baseline marked, and the difference
/// from the baseline beside each other variant.
struct ComparisonReport {
    struct Variant {
        var name: String
        var overrides: [String]
    }

    struct Estimate {
        var variant: String
        var n: Int
        var mean: Double
        var interval: (low: Double, high: Double)?
        /// The difference from the baseline, nil for the baseline itself.
        var difference: (mean: Double, interval: (low: Double, high: Double)?)?
    }

    struct Metric {
        var path: String
        var estimates: [Estimate]
    }

    struct Expectation {
        var metric: String, target: String, op: String
        var value: Double
        /// Runs that passed, per variant name.
        var passed: [(variant: String, runs: Int)]
    }

    var scenario: String
    var seeds: [Int64]
    var variants: [Variant]
    var metrics: [Metric]
    var expectations: [Expectation]

    /// Reads `compare.json` in `folder`; nil when there is none.
    static func load(_ folder: String) throws(ReportError) -> ComparisonReport? {
        let path = folder + "/compare.json"
        guard let json = try FolderFile.json(path) else { return nil }
        guard case .object = json, let metrics = json["metrics"]?.arrayValue else {
            throw ReportError(description: "\(path): error: not the output of kubesim compare (no \"metrics\" array)")
        }
        func interval(_ value: JSONValue?) -> (low: Double, high: Double)? {
            guard let bounds = value?.arrayValue, bounds.count == 2, let low = bounds[0].doubleValue, let high = bounds[1].doubleValue else {
                return nil
            }
            return (low, high)
        }
        return ComparisonReport(
            scenario: json["scenario"]?.stringValue ?? "",
            seeds: (json["seeds"]?.arrayValue ?? []).compactMap { $0.doubleValue.map { Int64(Int(saturating: $0)) } },
            variants: (json["variants"]?.arrayValue ?? []).map { variant in
                Variant(name: variant["name"]?.stringValue ?? "", overrides: (variant["overrides"]?.arrayValue ?? []).compactMap(\.stringValue))
            },
            metrics: metrics.map { metric in
                Metric(
                    path: metric["path"]?.stringValue ?? "",
                    estimates: (metric["variants"]?.arrayValue ?? []).map { entry in
                        let difference = entry["difference"].flatMap { value -> (mean: Double, interval: (low: Double, high: Double)?)? in
                            guard let mean = value["mean"]?.doubleValue else { return nil }
                            return (mean, interval(value["ci95"]))
                        }
                        return Estimate(
                            variant: entry["name"]?.stringValue ?? "", n: Int(saturating: entry["n"]?.doubleValue ?? 0),
                            mean: entry["mean"]?.doubleValue ?? .nan,
                            interval: interval(entry["ci95"]), difference: difference)
                    })
            },
            expectations: (json["expectations"]?.arrayValue ?? []).map { entry in
                var passed: [(variant: String, runs: Int)] = []
                if case .object(let members) = entry["passed"] ?? .null {
                    passed = members.map { ($0.0, Int(saturating: $0.1.doubleValue ?? 0)) }
                }
                return Expectation(
                    metric: entry["metric"]?.stringValue ?? "", target: entry["target"]?.stringValue ?? "", op: entry["op"]?.stringValue ?? "",
                    value: entry["value"]?.doubleValue ?? 0, passed: passed)
            })
    }

    /// The baseline of a metric: its first estimate without a difference, else its first.
    static func baseline(of metric: Metric) -> String? {
        (metric.estimates.first { $0.difference == nil } ?? metric.estimates.first)?.variant
    }

    var seedText: String { Self.seedText(seeds) }

    /// `seeds 1–5`, `seed 3`, `seeds 1, 4, 9`.
    static func seedText(_ seeds: [Int64]) -> String {
        guard let first = seeds.first, let last = seeds.last else { return "no seeds" }
        let consecutive = seeds.count > 2 && zip(seeds, seeds.dropFirst()).allSatisfy { $0 < Int64.max && $1 == $0 + 1 }
        return consecutive ? "seeds \(first)–\(last)" : "seed\(seeds.count == 1 ? "" : "s") " + seeds.map(String.init).joined(separator: ", ")
    }

    func render(into page: inout HTMLPage) {
        var figures: [(String, String, String)] = [
            ("Variants", "\(variants.count)", variants.map(\.name).joined(separator: ", ")),
            ("Runs per variant", "\(seeds.count)", seedText), ("Metrics", "\(metrics.count)", ""),
        ]
        if !expectations.isEmpty {
            let runs = seeds.count
            let clean = variants.filter { variant in
                expectations.allSatisfy { expectation in expectation.passed.first { $0.variant == variant.name }?.runs == runs }
            }
            figures.append(("Every expectation met", "\(clean.count) of \(variants.count) variants", clean.map(\.name).joined(separator: ", ")))
        }
        page.header(
            scenario.isEmpty ? "comparison" : scenario, subtitle: "kubesim compare report · \(variants.count) variants · \(seedText)",
            figures: figures)
        page.section("Variants")
        page.table(["variant", "overrides"], variants.map { [$0.name, $0.overrides.isEmpty ? "(none)" : $0.overrides.joined(separator: "; ")] })
        page.section("Metrics")
        if metrics.isEmpty { page.note("compare.json lists no metrics.") }
        for metric in metrics {
            let baseline = Self.baseline(of: metric)
            let rows = metric.estimates.map { estimate in
                IntervalChart.Row(
                    label: estimate.variant, mean: estimate.mean, interval: estimate.interval, isBaseline: estimate.variant == baseline,
                    note: Self.note(estimate, seeds: seeds.count))
            }
            guard rows.contains(where: { $0.mean.isFinite }) else {
                page.chart(metric.path, svg: nil, note: SweepReport.notDrawn)
                continue
            }
            page.chart(
                metric.path,
                caption: "Mean over the seeds; the bar is its 95 % confidence interval; Δ is the difference from \(baseline ?? "the baseline").",
                svg: IntervalChart(title: metric.path, rows: rows).svg())
        }
        if !expectations.isEmpty {
            page.section("Expectations")
            page.table(
                ["metric", "target", "expected"] + variants.map(\.name),
                expectations.map { expectation in
                    [expectation.metric, expectation.target, "\(expectation.op) \(ReportFormat.number(expectation.value, decimals: 6))"]
                        + variants.map { variant in
                            guard let runs = expectation.passed.first(where: { $0.variant == variant.name })?.runs else { return "" }
                            return (runs == seeds.count ? "✓ " : "✗ ") + "\(runs)/\(seeds.count) runs"
                        }
                })
        }
    }

    /// `Δ -0.06 [-0.07, -0.05]` for a variant, `n = 3` for the baseline; a variant with a value
    /// on fewer runs than the seeds (a fault that never recovered) says on how many.
    static func note(_ estimate: Estimate, seeds: Int) -> String {
        let count = estimate.n < seeds ? "n = \(estimate.n) of \(seeds)" : "n = \(estimate.n)"
        guard let difference = estimate.difference else { return count }
        let sign = difference.mean > 0 ? "+" : ""
        let interval =
            difference.interval.map { " [\(ReportFormat.number($0.low, decimals: 4)), \(ReportFormat.number($0.high, decimals: 4))]" } ?? ""
        let delta = "Δ \(sign)\(ReportFormat.number(difference.mean, decimals: 4))\(interval)"
        return estimate.n < seeds ? "\(delta) · \(count)" : delta
    }
}

/// The report of a `kubesim sweep` folder (`sweep-summary.csv`): per metric, each grid point's
/// mean with its 95 % confidence interval, in the file's order.
struct SweepReport {
    struct Row {
        var point: [String]
        var n: Int
        var mean: Double
        var interval: (low: Double, high: Double)?
    }

    /// The grid's paths, one column each.
    var grid: [String]
    /// The metrics in the order they first appear, each with its rows.
    var metrics: [(name: String, rows: [Row])]
    /// The scenario's name, from `sweep.json` beside the table; empty without one.
    var scenario = ""

    static let trailingColumns = ["metric", "n", "mean", "ci95_low", "ci95_high"]

    /// What a comparison's or sweep's chart says when no run had a value for its metric.
    static let notDrawn = "Not drawn: no run has a value for this metric (a fault that never recovered, a workload that is not there)."

    /// Reads `sweep-summary.csv` in `folder`; nil when there is none.
    static func load(_ folder: String) throws(ReportError) -> SweepReport? {
        let path = folder + "/sweep-summary.csv"
        guard let bytes = try FolderFile.bytes(path) else { return nil }
        var reader = CSVReader(bytes: bytes)
        guard reader.next() else { throw ReportError(description: "\(path): error: the file is empty") }
        let header = (0..<reader.fields.count).map { reader.string($0) }
        guard header.count > trailingColumns.count, Array(header.suffix(trailingColumns.count)) == trailingColumns else {
            throw ReportError(
                description: "\(path):1: error: the header must be the grid's paths, then \(trailingColumns.joined(separator: ","))")
        }
        let gridCount = header.count - trailingColumns.count
        var report = SweepReport(grid: Array(header.prefix(gridCount)), metrics: [])
        while reader.next() {
            guard reader.fields.count == header.count else {
                throw ReportError(description: "\(path):\(reader.line): error: expected \(header.count) fields, found \(reader.fields.count)")
            }
            // An empty mean is a grid point where no run had a value (a fault that never
            // recovered); anything else must be a number.
            let meanText = reader.string(gridCount + 2)
            guard let mean = meanText.isEmpty ? .nan : reader.double(gridCount + 2) else {
                throw ReportError(description: "\(path):\(reader.line): error: the mean is not a number")
            }
            let low = reader.double(gridCount + 3), high = reader.double(gridCount + 4)
            let row = Row(
                point: (0..<gridCount).map { reader.string($0) }, n: Int(saturating: reader.double(gridCount + 1) ?? 0), mean: mean,
                interval: low.flatMap { low in high.map { (low, $0) } })
            let metric = reader.string(gridCount)
            if let index = report.metrics.firstIndex(where: { $0.name == metric }) {
                report.metrics[index].rows.append(row)
            } else {
                report.metrics.append((metric, [row]))
            }
        }
        report.scenario = try FolderFile.json(folder + "/sweep.json")?["scenario"]?.stringValue ?? ""
        return report
    }

    /// Short names of the grid's paths: the fewest trailing segments that tell them apart
    /// (`spec.cluster.nodePools[general].count` is `count`, unless another path ends so too).
    var shortNames: [String] {
        let segments = grid.map { $0.split(separator: ".").map(String.init) }
        return segments.map { parts in
            for length in 1...max(parts.count, 1) {
                let suffix = parts.suffix(length)
                let clashes = segments.filter { Array($0.suffix(length)) == Array(suffix) }.count
                if clashes == 1 { return suffix.joined(separator: ".") }
            }
            return parts.joined(separator: ".")
        }
    }

    func render(into page: inout HTMLPage, heading: String) {
        let points = metrics.first?.rows.count ?? 0
        page.header(
            heading, subtitle: "kubesim sweep report · \(points) grid point\(points == 1 ? "" : "s") · \(metrics.count) metrics",
            figures: [
                ("Grid points", "\(points)", ""), ("Grid", grid.count == 1 ? "1 path" : "\(grid.count) paths", shortNames.joined(separator: ", ")),
                ("Runs per point", metrics.first?.rows.first.map { "\($0.n)" } ?? "0", ""),
            ])
        page.section("Grid")
        page.table(["name", "path"], zip(shortNames, grid).map { [$0, $1] })
        page.section("Metrics")
        if metrics.isEmpty { page.note("sweep-summary.csv has no rows.") }
        let names = shortNames
        for metric in metrics {
            let rows = metric.rows.map { row in
                IntervalChart.Row(
                    label: zip(names, row.point).map { "\($0)=\($1)" }.joined(separator: ", "), mean: row.mean, interval: row.interval,
                    note: row.mean.isFinite ? "n = \(row.n)" : "no value")
            }
            guard rows.contains(where: { $0.mean.isFinite }) else {
                page.chart(metric.name, svg: nil, note: Self.notDrawn)
                continue
            }
            page.chart(
                metric.name, caption: "Mean over the seeds at each grid point; the bar is its 95 % confidence interval.",
                svg: IntervalChart(title: metric.name, rows: rows).svg())
        }
    }
}
