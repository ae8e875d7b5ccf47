import SimCore

/// Reading traffic traces from CSV text, with errors at the offending line and column.
///
/// Numbers are read strictly: plain decimals only (`12`, `12.5`, `1.5e3`), never hexadecimal,
/// `nan` or `inf`, which Swift's `Double(_:)` would take; times are not negative and stay within
/// `Limits.maxTimeSeconds`; dates are real calendar dates between the years 1 and 9999.
enum TraceFile {
    /// `time,value` rows (time in seconds from the start, value in requests per second), times
    /// in order. A first line that does not start with a number is a header.
    static func ratePoints(_ text: String, file: String) throws(Diagnostic) -> [(at: SimTime, value: Double)] {
        var points: [(at: SimTime, value: Double)] = []
        for (number, line) in try lines(text, file: file) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard let seconds = decimal(cells[0]) else {
                if points.isEmpty && number == 1 { continue }
                throw .error(
                    at: SourceLocation(file: file, line: number, column: 1), "expected a time in seconds, found \(Diagnostic.quote(cells[0]))",
                    hint: "a decimal number of seconds from the start, for example 90 or 90.5")
            }
            let at = try time(seconds: seconds, text: cells[0], at: SourceLocation(file: file, line: number, column: 1))
            let valueColumn = cells[0].count + 2
            guard cells.count >= 2, let value = decimal(cells[1]), value >= 0 else {
                throw .error(
                    at: SourceLocation(file: file, line: number, column: valueColumn),
                    "expected a rate (requests per second, not negative) after the time", hint: "rows are time,value")
            }
            guard value <= Limits.maxRequestRate else {
                throw .error(
                    at: SourceLocation(file: file, line: number, column: valueColumn),
                    "the rate \(Diagnostic.quote(cells[1])) is more than kubesim takes (\(Limits.maxRequestRateText) requests per second)")
            }
            if let last = points.last, at < last.at {
                throw .error(
                    at: SourceLocation(file: file, line: number, column: 1),
                    "times must not go backwards (\(Diagnostic.quote(cells[0])) after \(Double(last.at) / 1_000))")
            }
            points.append((at, value))
        }
        guard !points.isEmpty else { throw .error(at: SourceLocation(file: file, line: 1, column: 1), "the trace has no rows") }
        return points
    }

    /// One row per request, its first column a timestamp (seconds, or `YYYY-MM-DD HH:MM:SS.fff`);
    /// the requests counted per `bucket` from the first one, as a rate held over each bucket, and
    /// no requests after the last bucket.
    static func requestRates(_ text: String, file: String, bucket: SimTime) throws(Diagnostic) -> [(at: SimTime, value: Double)] {
        var times: [SimTime] = []
        for (number, line) in try lines(text, file: file) {
            let cell = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingSpaces
            let location = SourceLocation(file: file, line: number, column: 1)
            let time: SimTime
            if let seconds = decimal(cell) {
                time = try self.time(seconds: seconds, text: cell, at: location)
            } else if let date = try date(cell, at: location) {
                time = date
            } else {
                if times.isEmpty && number == 1 { continue }
                throw .error(
                    at: location, "expected a timestamp, found \(Diagnostic.quote(cell))",
                    hint: "seconds (12.5) or a date and time (2023-11-16 18:17:03.98)")
            }
            times.append(time)
        }
        guard let first = times.min(), let last = times.max() else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1), "the trace has no requests")
        }
        // Times are within ±Limits.maxTimeSeconds or years 1–9999, so the span cannot overflow.
        let buckets = (last - first) / bucket + 1
        guard buckets <= 1_000_000 else {
            throw .error(
                at: SourceLocation(file: file, line: 1, column: 1), "the trace spans \(buckets) buckets; kubesim reads at most 1000000",
                hint: "use a longer bucket")
        }
        var counts = Array(repeating: 0, count: Int(buckets))
        for time in times { counts[Int((time - first) / bucket)] += 1 }
        let seconds = Double(bucket) / 1_000
        var points: [(at: SimTime, value: Double)] = []
        for (index, count) in counts.enumerated() {
            let start = SimTime(index) * bucket
            points.append((start, Double(count) / seconds))
            points.append((start + bucket - 1, Double(count) / seconds))
        }
        // After the log, no requests (rather than the last bucket's rate held for ever).
        points.append((SimTime(counts.count) * bucket, 0))
        return points
    }

    /// Non-empty lines with their 1-based numbers; a NUL character anywhere is an error (it is
    /// never part of a CSV cell, and number parsing would stop at it in silence).
    private static func lines(_ text: String, file: String) throws(Diagnostic) -> [(Int, String)] {
        // Split on newline characters: "\r\n" is one Character in Swift, and a newline.
        var result: [(Int, String)] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if let nul = line.firstIndex(of: "\0") {
                throw .error(
                    at: SourceLocation(file: file, line: index + 1, column: line.distance(from: line.startIndex, to: nul) + 1),
                    "a NUL character in the trace", hint: "a trace is CSV text")
            }
            if !line.trimmingSpaces.isEmpty { result.append((index + 1, String(line))) }
        }
        return result
    }

    /// A plain decimal number: digits with an optional sign, fraction and exponent. Not
    /// hexadecimal, `nan` or `inf`, nor anything with other characters in it.
    static func decimal(_ text: some StringProtocol) -> Double? {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty, let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    /// Milliseconds from a number of seconds read from `text`, which must not be negative nor
    /// past `Limits.maxTimeSeconds`.
    private static func time(seconds: Double, text: String, at location: SourceLocation) throws(Diagnostic) -> SimTime {
        guard seconds >= 0 else { throw .error(at: location, "the time \(Diagnostic.quote(text)) is negative; times are seconds from the start") }
        guard seconds <= Limits.maxTimeSeconds else {
            throw .error(
                at: location, "the time \(Diagnostic.quote(text)) is past what kubesim takes (\(Limits.maxTimeSecondsText))")
        }
        return SimTime((seconds * 1_000).rounded())
    }

    /// Milliseconds since 1970-01-01 of a `YYYY-MM-DD HH:MM:SS(.fraction)(Z)` date and time (UTC,
    /// a `T` also separating date and time); nil when `text` is not shaped as one, an error when
    /// it is but names no real moment (month 13, 25 o'clock, year 0).
    static func date(_ text: String, at location: SourceLocation) throws(Diagnostic) -> SimTime? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        let secondsText = clock.count == 3 && clock[2].hasSuffix("Z") ? clock[2].dropLast() : clock.last ?? ""
        func whole(_ part: Substring, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(part.count), part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            return Int(part)
        }
        guard date.count == 3, clock.count == 3, let year = whole(date[0], digits: 4...4), let month = whole(date[1], digits: 1...2),
            let day = whole(date[2], digits: 1...2), let hours = whole(clock[0], digits: 1...2), let minutes = whole(clock[1], digits: 1...2),
            let seconds = decimal(secondsText), !secondsText.hasPrefix("-"), !secondsText.hasPrefix("+"),
            !secondsText.contains(where: { $0 == "e" || $0 == "E" })
        else { return nil }
        guard year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hours < 24, minutes < 60,
            seconds < 60
        else {
            throw .error(
                at: location, "\(Diagnostic.quote(text)) is not a real date and time",
                hint: "YYYY-MM-DD HH:MM:SS with a month from 1 to 12, a day within it, hours 0–23, minutes and seconds 0–59")
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let whole = Int64(days) * 86_400 + Int64(hours) * 3_600 + Int64(minutes) * 60
        return whole * 1_000 + SimTime((seconds * 1_000).rounded())
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
