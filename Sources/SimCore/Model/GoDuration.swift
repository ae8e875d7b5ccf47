/// Go duration syntax ("90s", "1h30m", "250ms", "1.5h"), as Kubernetes and kubesim files use it.
///
/// Follows Go's `time.ParseDuration`: an optional sign, then one or more decimal numbers each with a
/// unit (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`); "0" alone needs no unit. kubesim's clock counts
/// milliseconds, so a duration that is not a whole number of milliseconds is refused rather than
/// silently rounded.
public enum GoDuration {
    /// Why a duration string was refused.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case missingUnit(String)
        case unknownUnit(String)
        case subMillisecond(String)
        case overflow(String)

        public var description: String {
            switch self {
            case .malformed(let text): return "invalid duration \"\(text)\" (expected Go syntax such as 90s, 1h30m or 250ms)"
            case .missingUnit(let text): return "missing unit in duration \"\(text)\" (for example \(text)s)"
            case .unknownUnit(let unit): return "unknown unit \"\(unit)\" in duration (expected ms, s, m or h)"
            case .subMillisecond(let text): return "duration \"\(text)\" is not a whole number of milliseconds"
            case .overflow(let text): return "duration \"\(text)\" is too large"
            }
        }
    }

    /// Nanoseconds per unit, as Go defines them.
    private static let unitNanoseconds: [(String, Int128)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// Parses `text` into milliseconds.
    public static func milliseconds(_ text: String) throws(ParseError) -> SimTime {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { throw .malformed(text) }
        var totalNanoseconds: Int128 = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1 else { throw .malformed(text) }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard !unit.isEmpty else { throw .missingUnit(text) }
            rest = rest.dropFirst(unit.count)
            guard let scale = unitNanoseconds.first(where: { $0.0 == unit })?.1 else { throw .unknownUnit(String(unit)) }
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard let whole = parts[0].isEmpty ? 0 : Int128(parts[0]), whole <= Int128(Int64.max) / scale else {
                throw .overflow(text)
            }
            var fraction = parts.count == 2 ? parts[1] : ""
            while fraction.last == "0" { fraction.removeLast() }
            guard fraction.count <= 18, let fractionDigits = fraction.isEmpty ? 0 : Int128(fraction) else {
                throw .subMillisecond(text)
            }
            // (whole + fractionDigits / 10^k) × scale, which must be whole nanoseconds.
            var power: Int128 = 1
            for _ in 0..<fraction.count { power *= 10 }
            let numerator = whole * scale * power + fractionDigits * scale
            guard numerator % power == 0 else { throw .subMillisecond(text) }
            let value = numerator / power
            totalNanoseconds += value
            guard totalNanoseconds <= Int128(Int64.max) else { throw .overflow(text) }
        }
        guard totalNanoseconds % 1_000_000 == 0 else { throw .subMillisecond(text) }
        let milliseconds = SimTime(totalNanoseconds / 1_000_000)
        return negative ? -milliseconds : milliseconds
    }

    /// `milliseconds` in Go's canonical form: "1h30m0s", "250ms", "0s".
    public static func format(_ milliseconds: SimTime) -> String {
        if milliseconds == 0 { return "0s" }
        let sign = milliseconds < 0 ? "-" : ""
        let total = milliseconds.magnitude
        if total < 1_000 { return "\(sign)\(total)ms" }
        let hours = total / 3_600_000
        let minutes = total / 60_000 % 60
        let seconds = Millis.decimalSeconds(SimTime(total % 60_000))
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)s" }
        return "\(sign)\(seconds)s"
    }
}
