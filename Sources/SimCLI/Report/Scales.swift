import Foundation

/// A point of a chart: `x` in data units (seconds for time charts), `y` in the series' unit.
struct ChartPoint: Equatable {
    var x: Double
    var y: Double
}

/// A linear map from a data interval onto a pixel interval. The pixel interval may run backwards
/// (a y axis, whose pixels grow downwards).
struct LinearScale {
    let domain: (lower: Double, upper: Double)
    let range: (start: Double, end: Double)

    init(domain lower: Double, _ upper: Double, range start: Double, _ end: Double) {
        domain = (lower, upper)
        range = (start, end)
    }

    /// The pixel of `value`; the middle of the range when the domain is a single point.
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        guard span != 0 else { return (range.start + range.end) / 2 }
        return range.start + (value - domain.lower) / span * (range.end - range.start)
    }
}

/// What the numbers on an axis are, for their tick labels.
enum ValueFormat {
    /// Counts and rates: `2,500`, `25k`, `1.5M`, with the decimals the tick step needs.
    case number
    /// Fractions shown as percentages: 0.25 is `25%`.
    case percent
}

/// A numeric axis: the data's interval widened to whole multiples of a "nice" step (1, 2, 2.5 or
/// 5 times a power of ten), and the ticks at each step.
///
/// For example data from 0 to 7.3 with at most 6 ticks: the raw step 7.3 ÷ 5 = 1.46 rounds up to
/// the nice 2, so the axis runs from 0 to 8 with ticks 0, 2, 4, 6, 8.
struct NiceAxis: Equatable {
    let lower: Double
    let upper: Double
    let step: Double

    /// An axis covering `low...high` with at most `maxTicks` ticks (at least 2). A single value is
    /// widened: to 0...1 for zero, else by 5 % of its size on each side.
    init(covering low: Double, _ high: Double, maxTicks: Int = 6) {
        // Held within ±1e300, so that the span and the step stay finite numbers.
        var low = low.isFinite ? min(max(low, -1e300), 1e300) : 0, high = high.isFinite ? min(max(high, -1e300), 1e300) : 1
        if high < low { swap(&low, &high) }
        if high - low <= abs(high) * 1e-12 {
            let pad = high == 0 ? 1 : abs(high) * 0.05
            (low, high) = high == 0 ? (0, 1) : (low - pad, high + pad)
        }
        let raw = (high - low) / Double(max(maxTicks - 1, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        // 1.0001 and the like (floating-point noise) still count as 1.
        let multiple: Double = [1, 2, 2.5, 5, 10].first { residual <= $0 * (1 + 1e-9) } ?? 10
        step = multiple * magnitude
        lower = floor(low / step + 1e-9) * step
        upper = ceil(high / step - 1e-9) * step
    }

    /// The tick values from `lower` to `upper`, each computed from its index (no accumulated
    /// rounding error).
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// Decimals needed to tell the ticks apart: 0 for steps of 1 or more, 1 for 0.5 or 0.1, 2 for 0.25.
    var decimals: Int {
        var decimals = 0
        while decimals < 12 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { break }
            decimals += 1
        }
        return decimals
    }

    /// The label of tick `value` in `format`.
    func label(_ value: Double, format: ValueFormat) -> String {
        switch format {
        case .percent: return ReportFormat.fixed(value * 100, decimals: max(decimals - 2, 0)) + "%"
        case .number: return ReportFormat.compact(value, decimals: decimals, step: step, largest: max(abs(lower), abs(upper)))
        }
    }
}

/// A time axis in seconds: ticks at a step a person reads easily (10 s, 1 m, 5 m, 10 m, 30 m,
/// 1 h, 3 h, 6 h, 1 d, …), over exactly the given interval.
struct TimeAxis: Equatable {
    let lower: Double
    let upper: Double
    let step: Double

    /// The steps, in seconds, from which the smallest that gives at most `maxTicks` ticks is taken.
    static let steps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
        1_209_600, 2_592_000,
    ]

    /// The times of a run are within 0…9e9 s; an axis is held within ±1e12 s whatever it is given.
    static let limit = 1e12

    /// Whether `seconds`, read from a file, is a time a report can draw.
    static func holds(_ seconds: Double) -> Bool { seconds.isFinite && abs(seconds) <= limit }

    static let outOfRange = "the time is not a number of seconds from -1e12 to 1e12"

    init(from lower: Double, to upper: Double, maxTicks: Int = 9) {
        let lower = lower.isFinite ? min(max(lower, -Self.limit), Self.limit) : 0
        let upper = upper.isFinite ? min(max(upper, -Self.limit), Self.limit) : lower
        self.lower = lower
        self.upper = max(upper, lower + 1)
        let span = self.upper - lower
        let intervals = Double(max(maxTicks - 1, 1))
        step = Self.steps.first { span / $0 <= intervals } ?? (span / intervals / 2_592_000).rounded(.up) * 2_592_000
    }

    /// Multiples of the step within the interval.
    var ticks: [Double] {
        let first = Int(ceil(lower / step - 1e-9)), last = Int(floor(upper / step + 1e-9))
        guard first <= last else { return [] }
        return (first...last).map { Double($0) * step }
    }

    /// A tick's label, as a Go duration without the zero parts: `0`, `45s`, `10m`, `1h30m`, `36h`;
    /// whole days (`2d`, `2d12h`) when the axis spans three days or more.
    func label(_ seconds: Double) -> String {
        ReportFormat.duration(seconds, days: upper - lower >= 3 * 86_400)
    }
}

/// Number and duration texts for the report.
enum ReportFormat {
    /// `value` with exactly `decimals` decimals, and thousands separated by commas.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let sign = negative && digits.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A tick label of an axis whose ticks are `step` apart and reach `largest`: in thousands
    /// (`25k`) or millions (`1.5M`) once the step is a thousand or a million and the largest tick
    /// has five or seven digits, so that all the ticks of one axis are written alike.
    static func compact(_ value: Double, decimals: Int, step: Double, largest: Double) -> String {
        if value == 0 { return "0" }
        if step >= 1_000_000, largest >= 10_000_000 { return fixed(value / 1_000_000, decimals: fractionDigits(step / 1_000_000)) + "M" }
        if step >= 1_000, largest >= 10_000 { return fixed(value / 1_000, decimals: fractionDigits(step / 1_000)) + "k" }
        return fixed(value, decimals: decimals)
    }

    /// A number for a table or a figure, with up to `decimals` decimals (trailing zeros dropped).
    static func number(_ value: Double, decimals: Int = 2) -> String {
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A fraction as a percentage with `decimals` decimals: `0.9993` is `99.93 %`.
    static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        fixed(fraction * 100, decimals: decimals) + " %"
    }

    /// Seconds as a Go-style duration without zero parts (`1h30m`, `45s`, `0`). Under a minute,
    /// fractions of a second are kept to the millisecond (`1.5s`); from a minute on, the duration
    /// is rounded to the second. With `days`, whole days come first (`2d12h`).
    static func duration(_ seconds: Double, days: Bool = false) -> String {
        guard seconds.isFinite else { return "–" }
        // Past 1e12 s (a run is at most 9e9 s), plain seconds: the parts below would not fit an Int.
        guard abs(seconds) < TimeAxis.limit else { return number(seconds, decimals: 0) + "s" }
        if seconds < 0 { return "-" + duration(-seconds, days: days) }
        var rest = seconds < 60 ? (seconds * 1_000).rounded() : seconds.rounded() * 1_000
        if rest == 0 { return "0" }
        var text = ""
        if days, rest >= 86_400_000 {
            text += "\(Int(rest / 86_400_000))d"
            rest = rest.truncatingRemainder(dividingBy: 86_400_000)
        }
        let hours = Int(rest / 3_600_000), minutes = Int(rest.truncatingRemainder(dividingBy: 3_600_000) / 60_000)
        let millis = Int(rest.truncatingRemainder(dividingBy: 60_000))
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if millis > 0 { text += millis % 1_000 == 0 ? "\(millis / 1_000)s" : number(Double(millis) / 1_000, decimals: 3) + "s" }
        return text
    }

    /// A length of simulated time for a heading: in days and hours from three days on.
    static func span(_ seconds: Double) -> String {
        duration(seconds, days: seconds >= 3 * 86_400)
    }

    /// Decimals needed to write `value` exactly (up to 6).
    private static func fractionDigits(_ value: Double) -> Int {
        var decimals = 0
        while decimals < 6, abs(value * pow(10, Double(decimals)) - (value * pow(10, Double(decimals))).rounded()) > 1e-6 { decimals += 1 }
        return decimals
    }
}
