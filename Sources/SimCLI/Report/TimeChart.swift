/// A line chart over simulated time: series on a left axis and optionally a right one, a legend,
/// and vertical markers for what happened (faults, rollouts, HPA rescales).
struct TimeChart {
    /// Which y axis a series is read against.
    enum Side {
        case left
        case right
    }

    /// One line of the chart.
    struct Series {
        var name: String
        var color: String
        var side: Side = .left
        var dashed = false
        /// Drawn as steps: each value held until the next sample, as for counts that change at
        /// an instant (a node down, a replica added); otherwise straight lines between samples.
        var steps = false
        /// Points in (seconds, value), in time order.
        var points: [ChartPoint]
    }

    /// A y axis: its title, how its ticks read, and whether it starts at zero.
    struct Axis {
        var title: String
        var format: ValueFormat = .number
        /// Counts and rates start at zero; availability fractions zoom in on their values.
        var includesZero = true
    }

    /// What a marker stands for, which decides how it is drawn.
    enum MarkerKind: CaseIterable {
        /// A full-height line with a shaded band until the cluster recovered.
        case fault
        /// A dashed full-height line.
        case rollout
        /// A short tick standing on the time axis.
        case rescale

        var color: String {
            switch self {
            case .fault: return Palette.fault
            case .rollout: return Palette.rollout
            case .rescale: return Palette.rescale
            }
        }

        var legend: String {
            switch self {
            case .fault: return "fault"
            case .rollout: return "rollout"
            case .rescale: return "HPA rescale"
            }
        }
    }

    /// Something that happened at `time` (seconds), drawn across the chart.
    struct Marker {
        var time: Double
        var kind: MarkerKind
        /// The short text beside the line (shown when there are few markers of its kind).
        var label: String
        /// The tooltip.
        var detail: String
        /// For a fault, when the cluster had recovered: the band from `time` to `end` is shaded.
        var end: Double? = nil
    }

    var title: String
    var start: Double
    var end: Double
    var left: Axis
    var right: Axis? = nil
    var series: [Series]
    var markers: [Marker] = []

    static let width = 880.0
    static let plotHeight = 190.0
    /// Markers of one kind are labelled only when there are at most this many.
    static let maximumLabelledMarkers = 6

    /// The plot area, in pixels, once the legend's rows are known.
    struct Layout: Equatable {
        var left: Double
        var right: Double
        var top: Double
        var bottom: Double
        var height: Double
    }

    /// The legend's entries: each series, then each kind of marker present.
    var legendEntries: [(text: String, color: String, style: LegendStyle)] {
        series.map { ($0.name + ($0.side == .right && right != nil ? " (right axis)" : ""), $0.color, $0.dashed ? .dashed : .line) }
            + MarkerKind.allCases.filter { kind in markers.contains { $0.kind == kind } }.map { kind in
                let shaded = kind == .fault && markers.contains { $0.kind == .fault && ($0.end ?? $0.time) > $0.time }
                return (
                    kind.legend + (shaded ? " (shaded until recovered)" : ""), kind.color,
                    kind == .rollout ? .dashed : kind == .rescale ? .tick : .line
                )
            }
    }

    enum LegendStyle {
        case line
        case dashed
        case tick
    }

    /// The legend rows: entries wrapped to the chart's width.
    private var legendRows: [[(text: String, color: String, style: LegendStyle, x: Double)]] {
        var rows: [[(text: String, color: String, style: LegendStyle, x: Double)]] = [[]]
        var x = 64.0
        for entry in legendEntries {
            let width = 24 + SVGDocument.textWidth(entry.text) + 18
            if x + width > Self.width - 12, !(rows.last?.isEmpty ?? true) {
                rows.append([])
                x = 64
            }
            rows[rows.count - 1].append((entry.text, entry.color, entry.style, x))
            x += width
        }
        return rows
    }

    var layout: Layout {
        let top = 14 + Double(legendRows.count) * 16 + 8
        let bottom = top + Self.plotHeight
        return Layout(left: 64, right: Self.width - (right == nil ? 24 : 64), top: top, bottom: bottom, height: bottom + 40)
    }

    /// The scale of the time axis onto the plot's width.
    var timeScale: LinearScale {
        let layout = layout
        return LinearScale(domain: start, max(end, start + 1), range: layout.left, layout.right)
    }

    /// The y axis of `side`, from its series' values (nil when it has none).
    func valueAxis(_ side: Side) -> NiceAxis? {
        guard let axis = side == .left ? left : right else { return nil }
        let values = series.filter { $0.side == side }.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        guard var low = values.min(), var high = values.max() else { return NiceAxis(covering: 0, 1) }
        if axis.includesZero {
            low = min(low, 0)
            high = max(high, 0)
        } else if axis.format == .percent, high - low < 0.001 {
            // A flat fraction (availability of 100 % all along) on a readable span below it.
            low = high - 0.05
        }
        return NiceAxis(covering: low, high, maxTicks: 6)
    }

    /// The finished SVG.
    func svg() -> String {
        let layout = layout
        var svg = SVGDocument(width: Self.width, height: layout.height, title: title)
        let time = timeScale
        let timeAxis = TimeAxis(from: start, to: max(end, start + 1))

        // Shaded fault bands under everything.
        for marker in markers where marker.kind == .fault {
            guard let until = marker.end, until > marker.time else { continue }
            let x1 = time(max(marker.time, start)), x2 = time(min(until, end))
            svg.rect(
                x: x1, y: layout.top, width: x2 - x1, height: layout.bottom - layout.top, fill: Palette.fault, extra: "fill-opacity=\"0.08\"",
                title: "\(marker.detail): recovered after \(ReportFormat.duration(until - marker.time))")
        }

        // Grid and left axis.
        let leftAxis = valueAxis(.left) ?? NiceAxis(covering: 0, 1)
        let leftScale = LinearScale(domain: leftAxis.lower, leftAxis.upper, range: layout.bottom, layout.top)
        for tick in leftAxis.ticks {
            let y = leftScale(tick)
            svg.line(x1: layout.left, y1: y, x2: layout.right, y2: y, stroke: Palette.grid)
            svg.label(leftAxis.label(tick, format: left.format), x: layout.left - 6, y: y + 4, anchor: "end")
        }
        svg.label(left.title, x: 14, y: (layout.top + layout.bottom) / 2, anchor: "middle", rotate: -90)
        var rightScale: LinearScale?
        if let right, let rightAxis = valueAxis(.right) {
            let scale = LinearScale(domain: rightAxis.lower, rightAxis.upper, range: layout.bottom, layout.top)
            for tick in rightAxis.ticks {
                svg.line(x1: layout.right, y1: scale(tick), x2: layout.right + 4, y2: scale(tick), stroke: Palette.axis)
                svg.label(rightAxis.label(tick, format: right.format), x: layout.right + 7, y: scale(tick) + 4)
            }
            svg.label(right.title, x: Self.width - 10, y: (layout.top + layout.bottom) / 2, anchor: "middle", rotate: 90)
            rightScale = scale
        }

        // Time axis.
        svg.line(x1: layout.left, y1: layout.bottom, x2: layout.right, y2: layout.bottom, stroke: Palette.axis)
        for tick in timeAxis.ticks {
            let x = time(tick)
            svg.line(x1: x, y1: layout.bottom, x2: x, y2: layout.bottom + 4, stroke: Palette.axis)
            svg.label(timeAxis.label(tick), x: x, y: layout.bottom + 16, anchor: "middle")
        }
        svg.label("simulated time", x: (layout.left + layout.right) / 2, y: layout.bottom + 32, anchor: "middle", fill: Palette.grey)

        // Series.
        let plotWidth = Int(layout.right - layout.left)
        for line in series {
            guard let yScale = line.side == .left ? leftScale : rightScale else { continue }
            var pixels = Self.thinned(line.points, scale: time, columns: plotWidth).map { ChartPoint(x: time($0.x), y: yScale($0.y)) }
            if line.steps { pixels = Self.steps(pixels) }
            if pixels.count == 1, let only = pixels.first {
                svg.circle(x: only.x, y: only.y, radius: 2.5, fill: line.color, title: line.name)
            } else if !pixels.isEmpty {
                svg.polyline(pixels, stroke: line.color, dashed: line.dashed, title: line.name)
            }
        }

        // Markers over the series.
        var labelled: [MarkerKind: Int] = [:]
        var counts: [MarkerKind: Int] = [:]
        for marker in markers { counts[marker.kind, default: 0] += 1 }
        for marker in markers where marker.time >= start && marker.time <= end {
            let x = time(marker.time)
            let tooltip = "\(ReportFormat.duration(marker.time)): \(marker.detail)"
            switch marker.kind {
            case .fault:
                svg.line(x1: x, y1: layout.top, x2: x, y2: layout.bottom, stroke: marker.kind.color, width: 1.5, title: tooltip)
            case .rollout:
                svg.line(
                    x1: x, y1: layout.top, x2: x, y2: layout.bottom, stroke: marker.kind.color, width: 1.5, extra: "stroke-dasharray=\"4 3\"",
                    title: tooltip)
            case .rescale:
                svg.line(x1: x, y1: layout.bottom - 9, x2: x, y2: layout.bottom, stroke: marker.kind.color, width: 2, title: tooltip)
            }
            guard marker.kind != .rescale, counts[marker.kind, default: 0] <= Self.maximumLabelledMarkers else { continue }
            let row = labelled[marker.kind, default: 0]
            labelled[marker.kind] = row + 1
            let y = layout.top + 11 + Double(row % 3) * 12 + (marker.kind == .rollout ? 36 : 0)
            let anchor = x > layout.right - 140 ? "end" : "start"
            svg.label(marker.label, x: anchor == "end" ? x - 4 : x + 4, y: y, anchor: anchor, fill: marker.kind.color)
        }

        // Legend.
        for (index, row) in legendRows.enumerated() {
            let y = 14 + Double(index) * 16
            for entry in row {
                switch entry.style {
                case .line: svg.line(x1: entry.x, y1: y - 4, x2: entry.x + 18, y2: y - 4, stroke: entry.color, width: 2.5)
                case .dashed:
                    svg.line(x1: entry.x, y1: y - 4, x2: entry.x + 18, y2: y - 4, stroke: entry.color, width: 2.5, extra: "stroke-dasharray=\"5 3\"")
                case .tick: svg.line(x1: entry.x + 9, y1: y - 10, x2: entry.x + 9, y2: y + 1, stroke: entry.color, width: 2)
                }
                svg.label(entry.text, x: entry.x + 24, y: y, fill: "#1d2330")
            }
        }
        return svg.finished
    }

    /// The corners of a step line through `points`: each value held until the next point's time.
    static func steps(_ points: [ChartPoint]) -> [ChartPoint] {
        var output: [ChartPoint] = []
        output.reserveCapacity(points.count * 2)
        for point in points {
            if let last = output.last, last.y != point.y { output.append(ChartPoint(x: point.x, y: last.y)) }
            output.append(point)
        }
        return output
    }

    /// At most about four points per pixel column: each column keeps its first, lowest, highest
    /// and last point (in time order), so a spike narrower than a pixel still shows. Shorter
    /// series are returned as they are.
    static func thinned(_ points: [ChartPoint], scale: LinearScale, columns: Int) -> [ChartPoint] {
        guard points.count > 4 * max(columns, 1) else { return points }
        var output: [ChartPoint] = []
        output.reserveCapacity(4 * columns)
        var bucket: [ChartPoint] = []
        var column = Int(scale(points[0].x).rounded(.down))
        func flush() {
            guard let first = bucket.first, let last = bucket.last else { return }
            var lowest = first, highest = first, lowIndex = 0, highIndex = 0
            for (index, point) in bucket.enumerated() {
                if point.y < lowest.y { (lowest, lowIndex) = (point, index) }
                if point.y > highest.y { (highest, highIndex) = (point, index) }
            }
            output.append(first)
            for (index, point) in [(lowIndex, lowest), (highIndex, highest)].sorted(by: { $0.0 < $1.0 }) {
                if index != 0 && index != bucket.count - 1 && output.last != point { output.append(point) }
            }
            if bucket.count > 1 { output.append(last) }
            bucket.removeAll(keepingCapacity: true)
        }
        for point in points {
            let pixel = Int(scale(point.x).rounded(.down))
            if pixel != column {
                flush()
                column = pixel
            }
            bucket.append(point)
        }
        flush()
        return output
    }
}
