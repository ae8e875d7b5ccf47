import SimCore

/// The rows of a sweep — one per run: its index, its grid values, its seed and its metrics — as
/// `sweep.csv` holds them, and the per-point summary `sweep-summary.csv` computes from them.
///
/// The summary is computed from the rows as written (the numbers' text), so a sweep run whole and
/// one merged from shards write the same bytes.
public struct SweepTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var run: Int
        public var grid: [String]
        public var seed: UInt64
        /// Each metric's value as written ("" when the run's summary has none).
        public var values: [String]

        public init(run: Int, grid: [String], seed: UInt64, values: [String]) {
            self.run = run
            self.grid = grid
            self.seed = seed
            self.values = values
        }
    }

    public var gridPaths: [String]
    public var metricPaths: [String]
    public var rows: [Row]

    public init(gridPaths: [String], metricPaths: [String], rows: [Row]) {
        self.gridPaths = gridPaths
        self.metricPaths = metricPaths
        self.rows = rows
    }

    /// `sweep.csv`.
    public var csv: String {
        var text = Self.line(["run"] + gridPaths + ["seed"] + metricPaths)
        for row in rows.sorted(by: { $0.run < $1.run }) { text += Self.line([String(row.run)] + row.grid + [String(row.seed)] + row.values) }
        return text
    }

    /// `sweep-summary.csv`: per grid point (in run order) and metric, the number of runs with a
    /// value, their mean and its 95 % interval.
    public var summaryCSV: String {
        var text = Self.line(gridPaths + ["metric", "n", "mean", "ci95_low", "ci95_high"])
        var points: [[String]] = []
        for row in rows.sorted(by: { $0.run < $1.run }) where !points.contains(row.grid) { points.append(row.grid) }
        for point in points {
            let members = rows.filter { $0.grid == point }
            for (index, metric) in metricPaths.enumerated() {
                let interval = MeanInterval(members.compactMap { Double($0.values[index]) })
                text += Self.line(
                    point + [
                        metric, String(interval.n), Self.number(interval.mean), interval.low.map(Self.number) ?? "",
                        interval.high.map(Self.number) ?? "",
                    ])
            }
        }
        return text
    }

    /// Reads a `sweep.csv`; nil when it is not one.
    public static func parse(csv text: String, gridCount: Int) -> SweepTable? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { fields(String($0)) }
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst()
        guard header.count >= gridCount + 2, header.first == "run", header[gridCount + 1] == "seed" else { return nil }
        var rows: [Row] = []
        for fields in lines {
            guard fields.count == header.count, let run = Int(fields[0]), let seed = UInt64(fields[gridCount + 1]) else { return nil }
            rows.append(Row(run: run, grid: Array(fields[1...gridCount]), seed: seed, values: Array(fields[(gridCount + 2)...])))
        }
        return SweepTable(gridPaths: Array(header[1...gridCount]), metricPaths: Array(header[(gridCount + 2)...]), rows: rows)
    }

    /// A value as the outputs write numbers.
    public static func number(_ value: Double) -> String { value.isFinite ? NumberFormat.decimal(value) : "" }

    /// One CSV line, quoting fields that need it.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    /// The fields of one CSV line (quoted fields unquoted).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            if next == "," {
                                fields.append(current)
                                current = ""
                            } else {
                                current.append(next)
                            }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
