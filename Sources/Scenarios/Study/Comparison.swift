import SimCore

/// A comparison of variants run on the same seeds: per metric, each variant's mean with its 95 %
/// interval, and — paired seed by seed, common random numbers — its difference from the baseline
/// with that difference's interval; per expectation, how many seeds each variant passed.
public struct Comparison: Sendable {
    public struct Cell: Sendable {
        public var variant: String
        public var value: MeanInterval
        /// Nil for the baseline.
        public var difference: MeanInterval?
    }

    public struct Row: Sendable {
        public var metric: String
        public var cells: [Cell]
    }

    public struct ExpectationRow: Sendable {
        public var expectation: Expectation
        /// Seeds passed, per variant in order.
        public var passed: [Int]
    }

    public var variants: [String]
    public var seeds: [UInt64]
    public var rows: [Row]
    public var expectations: [ExpectationRow]

    /// `summaries[v][s]` is variant v's summary on seed s; the first variant is the baseline.
    public init(variants: [String], seeds: [UInt64], metrics: [StudyMetric], summaries: [[RunSummary]]) {
        self.variants = variants
        self.seeds = seeds
        rows = metrics.map { metric in
            let values = summaries.map { runs in runs.map { metric.read($0) } }
            let cells = variants.indices.map { variant in
                Cell(
                    variant: variants[variant], value: MeanInterval(values[variant].compactMap { $0 }),
                    difference: variant == 0
                        ? nil
                        : MeanInterval(
                            zip(values[variant], values[0]).compactMap { pair in pair.0.flatMap { value in pair.1.map { value - $0 } } }))
            }
            return Row(metric: metric.path, cells: cells)
        }
        let expectations = summaries.first?.first?.expectations.map(\.expectation) ?? []
        self.expectations = expectations.enumerated().map { index, expectation in
            ExpectationRow(
                expectation: expectation,
                passed: summaries.map { runs in runs.filter { $0.expectations.indices.contains(index) && $0.expectations[index].passed }.count })
        }
    }

    /// A cell of `compare.md`: the mean and its interval, saying on how many seeds when some runs
    /// had no value (a fault that never recovered), where the mean of the others alone would read
    /// as the whole answer.
    static func cell(_ value: MeanInterval, seeds: Int) -> String {
        guard value.n > 0 else { return "no value (0 of \(seeds) seeds)" }
        let count = value.n < seeds ? " (\(value.n) of \(seeds) seeds)" : ""
        let mean = SweepTable.number(value.mean)
        guard let low = value.low, let high = value.high else { return mean + count }
        return "\(mean) [\(SweepTable.number(low)), \(SweepTable.number(high))]" + count
    }

    /// `compare.md`: a table per metric row, then the expectations.
    public var markdown: String {
        var header = ["metric"]
        for (index, variant) in variants.enumerated() {
            header.append(variant)
            if index > 0 { header.append("\(variant) − \(variants[0])") }
        }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        for row in rows {
            var cells = [row.metric]
            for cell in row.cells {
                cells.append(Self.cell(cell.value, seeds: seeds.count))
                if let difference = cell.difference { cells.append(Self.cell(difference, seeds: seeds.count)) }
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !expectations.isEmpty {
            lines += ["", "| expectation | " + variants.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: variants.count + 1)]
            for row in expectations {
                let expectation = row.expectation
                let name =
                    "\(expectation.metric)\(expectation.target.map { " of \($0)" } ?? "") \(expectation.op.rawValue) \(NumberFormat.decimal(expectation.value))"
                lines.append("| \(name) | " + row.passed.map { "\($0)/\(seeds.count)" }.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `compare.csv`: one row per metric and variant.
    public var csv: String {
        var text = SweepTable.line([
            "metric", "variant", "n", "mean", "ci95_low", "ci95_high", "difference", "difference_ci95_low", "difference_ci95_high",
        ])
        for row in rows {
            for cell in row.cells {
                let difference = cell.difference
                text += SweepTable.line([
                    row.metric, cell.variant, String(cell.value.n), SweepTable.number(cell.value.mean), cell.value.low.map(SweepTable.number) ?? "",
                    cell.value.high.map(SweepTable.number) ?? "", difference.map { SweepTable.number($0.mean) } ?? "",
                    difference?.low.map(SweepTable.number) ?? "", difference?.high.map(SweepTable.number) ?? "",
                ])
            }
        }
        return text
    }
}
