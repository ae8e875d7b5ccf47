/// Estimates with their confidence intervals, one row each: a dot at the mean and a bar over the
/// 95 % confidence interval, on one shared value axis (a "forest plot"). The baseline's row is
/// drawn hollow, named so, and its mean is carried down the chart as a dashed line, so each other
/// row reads as "left or right of the baseline, and by more than the bars' width or not". A
/// threshold (an expectation's bound, in a capacity report) is a dashed red line across the rows.
struct IntervalChart {
    struct Row {
        var label: String
        var mean: Double
        /// The 95 % confidence interval, nil when there is none (a single seed).
        var interval: (low: Double, high: Double)?
        var isBaseline = false
        /// Text at the row's right end: the difference from the baseline, the number of runs.
        var note = ""
        /// The dot's and bar's colour, when not the default (a capacity report's pass or fail).
        var color: String? = nil
    }

    var title: String
    var rows: [Row]
    var format: ValueFormat = .number
    /// A bound to draw across the rows, named in the axis caption (`≥ 0.99`).
    var threshold: (value: Double, label: String)? = nil

    static let width = 880.0
    static let rowHeight = 26.0

    /// The plot area's left and right edges, and the top of the first row.
    static let plotLeft = 200.0
    static let plotRight = 660.0
    static let top = 10.0

    var height: Double { Self.top + Double(rows.count) * Self.rowHeight + 44 }

    /// The value axis: every mean and interval end, with room.
    var axis: NiceAxis {
        let values = (rows.flatMap { row in [row.mean] + (row.interval.map { [$0.low, $0.high] } ?? []) } + [threshold?.value ?? .nan]).filter(
            \.isFinite)
        return NiceAxis(covering: values.min() ?? 0, values.max() ?? 1, maxTicks: 7)
    }

    var scale: LinearScale {
        let axis = axis
        return LinearScale(domain: axis.lower, axis.upper, range: Self.plotLeft, Self.plotRight)
    }

    /// The y of row `index`'s centre.
    static func rowCenter(_ index: Int) -> Double { top + (Double(index) + 0.5) * rowHeight }

    func svg() -> String {
        var svg = SVGDocument(width: Self.width, height: height, title: title)
        let axis = axis, scale = scale
        let bottom = Self.top + Double(rows.count) * Self.rowHeight
        for (index, _) in rows.enumerated() where index % 2 == 1 {
            svg.rect(x: 0, y: Self.top + Double(index) * Self.rowHeight, width: Self.width, height: Self.rowHeight, fill: "#F6F7F9")
        }
        for tick in axis.ticks {
            let x = scale(tick)
            svg.line(x1: x, y1: Self.top, x2: x, y2: bottom, stroke: Palette.grid)
            svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, stroke: Palette.axis)
            svg.label(axis.label(tick, format: format), x: x, y: bottom + 16, anchor: "middle")
        }
        svg.line(x1: Self.plotLeft, y1: bottom, x2: Self.plotRight, y2: bottom, stroke: Palette.axis)
        let caption = "mean, with its 95 % confidence interval" + (threshold.map { "; dashed red line: the expectation \($0.label)" } ?? "")
        svg.label(
            caption, x: (Self.plotLeft + Self.plotRight) / 2, y: bottom + 32, anchor: "middle", fill: Palette.grey)
        if let baseline = rows.first(where: \.isBaseline), baseline.mean.isFinite {
            let x = scale(baseline.mean)
            svg.line(x1: x, y1: Self.top, x2: x, y2: bottom, stroke: Palette.grey, width: 1.2, extra: "stroke-dasharray=\"4 3\"")
        }
        if let threshold, threshold.value.isFinite {
            let x = scale(threshold.value)
            svg.line(
                x1: x, y1: Self.top, x2: x, y2: bottom, stroke: Palette.fault, width: 1.5, extra: "stroke-dasharray=\"6 3\"",
                title: "expectation: \(threshold.label)")
        }
        for (index, row) in rows.enumerated() {
            let y = Self.rowCenter(index)
            let color = row.color ?? (row.isBaseline ? "#3A4A5C" : Palette.blue)
            svg.label(
                Self.shortened(row.label + (row.isBaseline && row.label != "baseline" ? " (baseline)" : ""), to: 30), x: Self.plotLeft - 12, y: y + 4,
                anchor: "end", fill: "#1d2330",
                extra: row.isBaseline ? "font-weight=\"bold\"" : "")
            let intervalText = row.interval.map { " [\(axis.label($0.low, format: format)), \(axis.label($0.high, format: format))]" } ?? ""
            let tooltip = "\(row.label): \(ReportFormat.number(row.mean, decimals: 6))\(intervalText)"
            if let interval = row.interval, interval.low.isFinite, interval.high.isFinite {
                let x1 = scale(interval.low), x2 = scale(interval.high)
                svg.line(x1: x1, y1: y, x2: x2, y2: y, stroke: color, width: 2, title: tooltip)
                svg.line(x1: x1, y1: y - 5, x2: x1, y2: y + 5, stroke: color, width: 2)
                svg.line(x1: x2, y1: y - 5, x2: x2, y2: y + 5, stroke: color, width: 2)
            }
            if row.mean.isFinite {
                svg.circle(x: scale(row.mean), y: y, radius: 4.5, fill: row.isBaseline ? "#FFFFFF" : color, stroke: color, title: tooltip)
            }
            if !row.note.isEmpty { svg.label(Self.shortened(row.note, to: 34), x: Self.plotRight + 16, y: y + 4, fill: "#4a5361") }
        }
        return svg.finished
    }

    /// `text` cut to `length` characters, the cut marked with `…` (the tooltip keeps it whole).
    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
