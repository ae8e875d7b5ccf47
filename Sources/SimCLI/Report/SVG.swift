/// Text of SVG and HTML documents: escaping and compact coordinates.
enum Markup {
    /// `text` safe inside an element or a quoted attribute: `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// A pixel coordinate rounded to a tenth, without a trailing `.0`: `12`, `12.5`, `-3.2`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // A point far off the picture (a marker at an absurd time) is drawn far off it, not trapped on.
        let tenths = Int((min(max(value, -1e9), 1e9) * 10).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// An SVG document built element by element.
struct SVGDocument {
    private(set) var text: String
    let width: Double
    let height: Double

    /// Starts an SVG of `width` × `height` pixels that scales down with the page, described by
    /// `title` for screen readers and as its tooltip.
    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        let size = "width=\"\(Markup.coordinate(width))\" height=\"\(Markup.coordinate(height))\""
        text =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))\" \(size) "
            + "role=\"img\" aria-label=\"\(Markup.escape(title))\" font-family=\"system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif\" font-size=\"11\">"
            + "<title>\(Markup.escape(title))</title>"
    }

    /// Appends raw markup.
    mutating func append(_ markup: String) { text += markup }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, extra: String = "", title: String? = nil) {
        text +=
            "<line x1=\"\(Markup.coordinate(x1))\" y1=\"\(Markup.coordinate(y1))\" x2=\"\(Markup.coordinate(x2))\" y2=\"\(Markup.coordinate(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(Markup.coordinate(width))\"\(extra.isEmpty ? "" : " " + extra)"
        if let title { text += "><title>\(Markup.escape(title))</title></line>" } else { text += "/>" }
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "", title: String? = nil) {
        text +=
            "<rect x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" width=\"\(Markup.coordinate(max(width, 0)))\" "
            + "height=\"\(Markup.coordinate(max(height, 0)))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)"
        if let title { text += "><title>\(Markup.escape(title))</title></rect>" } else { text += "/>" }
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String = "none", title: String? = nil) {
        text +=
            "<circle cx=\"\(Markup.coordinate(x))\" cy=\"\(Markup.coordinate(y))\" r=\"\(Markup.coordinate(radius))\" fill=\"\(fill)\" "
            + "stroke=\"\(stroke)\" stroke-width=\"1.5\""
        if let title { text += "><title>\(Markup.escape(title))</title></circle>" } else { text += "/>" }
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`; `rotate` turns it about its anchor.
    mutating func label(
        _ content: String, x: Double, y: Double, anchor: String = "start", fill: String = "#4a5361", rotate: Double = 0, extra: String = ""
    ) {
        let transform =
            rotate == 0 ? "" : " transform=\"rotate(\(Markup.coordinate(rotate)) \(Markup.coordinate(x)) \(Markup.coordinate(y)))\""
        text +=
            "<text x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(transform)"
            + "\(extra.isEmpty ? "" : " " + extra)>\(Markup.escape(content))</text>"
    }

    /// A polyline through `points` (pixels).
    mutating func polyline(_ points: [ChartPoint], stroke: String, width: Double = 1.8, dashed: Bool = false, title: String? = nil) {
        text += "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Markup.coordinate(width))\" stroke-linejoin=\"round\""
        if dashed { text += " stroke-dasharray=\"6 3\"" }
        text += " points=\""
        for (index, point) in points.enumerated() {
            if index > 0 { text += " " }
            text += Markup.coordinate(point.x) + "," + Markup.coordinate(point.y)
        }
        text += "\""
        if let title { text += "><title>\(Markup.escape(title))</title></polyline>" } else { text += "/>" }
    }

    /// The finished document.
    var finished: String { text + "</svg>" }

    /// A rough width of `text` in pixels at 11 px: enough to lay out legends without measuring.
    static func textWidth(_ text: String, fontSize: Double = 11) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}

/// The report's colours: distinct hues that stay apart for the common colour-vision deficiencies
/// (Okabe and Ito's palette, with black replaced by a dark blue-grey).
enum Palette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#3A4A5C"]
    static let blue = "#0072B2"
    static let orange = "#E69F00"
    static let green = "#009E73"
    static let red = "#D55E00"
    static let purple = "#CC79A7"
    static let sky = "#56B4E9"
    static let grey = "#7A8494"
    static let fault = "#C0392B"
    static let rollout = "#7B3FA0"
    static let rescale = "#009E73"
    static let grid = "#E6E8EC"
    static let axis = "#9AA3AF"
}
