import SimCore

/// Reading traffic traces from CSV text, with errors at the offending line and column.
enum TraceFile {
    /// `time,value` rows (time in seconds from the start, value in requests per second), times
    /// in order. A first line that does not start with a number is a header.
    static func ratePoints(_ text: String, file: String) throws(Diagnostic) -> [(at: SimTime, value: Double)] {
        var points: [(at: SimTime, value: Double)] = []
        for (number, line) in lines(text) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard let seconds = Double(cells[0]) else {
                if points.isEmpty && number == 1 { continue }
                throw .error(at: SourceLocation(file: file, line: number, column: 1), "expected a time in seconds, found \"\(cells[0])\"")
            }
            guard cells.count >= 2, let value = Double(cells[1]), value.isFinite, value >= 0 else {
                throw .error(
                    at: SourceLocation(file: file, line: number, column: cells[0].count + 2),
                    "expected a rate (requests per second, not negative) after the time", hint: "rows are time,value")
            }
            let at = SimTime((seconds * 1_000).rounded())
            if let last = points.last, at < last.at {
                throw .error(
                    at: SourceLocation(file: file, line: number, column: 1),
                    "times must not go backwards (\(cells[0]) after \(Double(last.at) / 1_000))")
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
        for (number, line) in lines(text) {
            let cell = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingSpaces
            guard let time = timestamp(cell) else {
                if times.isEmpty && number == 1 { continue }
                throw .error(
                    at: SourceLocation(file: file, line: number, column: 1), "expected a timestamp, found \"\(cell)\"",
                    hint: "seconds (12.5) or a date and time (2023-11-16 18:17:03.98)")
            }
            times.append(time)
        }
        guard let first = times.min(), let last = times.max() else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1), "the trace has no requests")
        }
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

    /// Non-empty lines with their 1-based numbers.
    private static func lines(_ text: String) -> [(Int, String)] {
        // Split on newline characters: "\r\n" is one Character in Swift, and a newline.
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            line.trimmingSpaces.isEmpty ? nil : (index + 1, String(line))
        }
    }

    /// Milliseconds from a number of seconds, or from a `YYYY-MM-DD HH:MM:SS(.fraction)` date (UTC).
    static func timestamp(_ text: String) -> SimTime? {
        if let seconds = Double(text), seconds.isFinite { return SimTime((seconds * 1_000).rounded()) }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let clock = parts[1].split(separator: ":")
        guard date.count == 3, clock.count == 3, let hours = Int(clock[0]), let minutes = Int(clock[1]),
            let seconds = Double(clock[2].hasSuffix("Z") ? clock[2].dropLast() : clock[2])
        else { return nil }
        let days = daysFromCivil(year: date[0], month: date[1], day: date[2])
        let whole = Int64(days) * 86_400 + Int64(hours) * 3_600 + Int64(minutes) * 60
        return whole * 1_000 + SimTime((seconds * 1_000).rounded())
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
