import SimCore

/// `spec.startTime`: the wall-clock time simulated time 0 stands for, which CronJob schedules
/// are read against. An RFC 3339 date and time (`2025-03-03T00:00:00Z`, `2025-03-03T09:30:00+01:00`)
/// of the years 0001–9999, to the millisecond. `kubesim run --epoch` and `kubesim export --epoch`
/// read the same form.
public enum StartTime {
    /// The form, for hints.
    public static let form = "an RFC 3339 time such as 2025-03-03T00:00:00Z (UTC) or 2025-03-03T09:30:00+01:00"

    /// Why a text is not a start time.
    public enum Problem: Error, Sendable, Equatable {
        /// Not shaped as an RFC 3339 date and time.
        case form
        /// Shaped as one, but no real date and time (a 13th month, a 25th hour, …).
        case notReal
        /// Finer than the millisecond kubesim's clock counts.
        case tooFine
    }

    /// Milliseconds since 1970-01-01T00:00:00Z of the time `node` writes.
    static func milliseconds(_ node: YAMLNode) throws(Diagnostic) -> Int64 {
        let text = try node.string("startTime")
        switch milliseconds(parsing: text) {
        case .success(let milliseconds): return milliseconds
        case .failure(.form):
            throw .error(
                at: node.location, "\"startTime\" must be \(form), not \(node.kindDescription)",
                hint: "kubesim reads it as UTC unless it names an offset")
        case .failure(.notReal):
            throw .error(
                at: node.location, "\"startTime\" \(Diagnostic.quote(text)) is not a real date and time",
                hint: "a year 0001–9999, a month from 1 to 12, a day within it, hours 0–23, minutes and seconds 0–59")
        case .failure(.tooFine):
            throw .error(
                at: node.location, "\"startTime\" \(Diagnostic.quote(text)) is finer than a millisecond",
                hint: "kubesim's clock counts milliseconds: write at most three digits after the decimal point")
        }
    }

    /// Milliseconds since 1970-01-01T00:00:00Z of the RFC 3339 time `text`, or why it is not one.
    public static func milliseconds(parsing text: String) -> Result<Int64, Problem> {
        guard let fields = Fields(text) else { return .failure(.form) }
        guard (1...9999).contains(fields.year), (1...12).contains(fields.month),
            (1...CivilDateTime.daysInMonth(year: fields.year, month: fields.month)).contains(fields.day), fields.hour < 24, fields.minute < 60,
            fields.second < 60, fields.offsetMinutes.magnitude < 24 * 60
        else { return .failure(.notReal) }
        guard let milliseconds = fields.milliseconds else { return .failure(.tooFine) }
        let date = CivilDateTime(
            year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second)
        return .success((date.secondsSinceEpoch - Int64(fields.offsetMinutes) * 60) * 1_000 + milliseconds)
    }

    /// The parts of `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, not yet range-checked.
    private struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        /// The digits after the decimal point.
        var fraction: [UInt8] = []
        /// Minutes east of UTC.
        var offsetMinutes = 0

        /// The fraction in whole milliseconds; nil when it has a non-zero digit past the third.
        var milliseconds: Int64? {
            guard fraction.dropFirst(3).allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            var value: Int64 = 0
            for index in 0..<3 { value = value * 10 + Int64(index < fraction.count ? fraction[index] - UInt8(ascii: "0") : 0) }
            return value
        }

        /// Nil when `text` is not shaped as an RFC 3339 date-time.
        init?(_ text: String) {
            var bytes = Array(text.utf8)[...]
            func number(_ digits: Int) -> Int? {
                guard bytes.count >= digits else { return nil }
                var value = 0
                for byte in bytes.prefix(digits) {
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                bytes = bytes.dropFirst(digits)
                return value
            }
            func take(_ characters: String) -> Bool {
                guard let first = bytes.first, characters.utf8.contains(first) else { return false }
                bytes = bytes.dropFirst()
                return true
            }
            guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2), take("Tt"), let hour = number(2),
                take(":"), let minute = number(2), take(":"), let second = number(2)
            else { return nil }
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
            if take(".") {
                fraction = Array(bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
                guard !fraction.isEmpty, fraction.count <= 9 else { return nil }
                bytes = bytes.dropFirst(fraction.count)
            }
            if take("Zz") {
                offsetMinutes = 0
            } else if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
                guard let hours = number(2), take(":"), let minutes = number(2), minutes < 60 else { return nil }
                offsetMinutes = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
            } else {
                return nil
            }
            guard bytes.isEmpty else { return nil }
        }
    }
}
