import Foundation
import Testing

@testable import SimCore

/// Zones read from the machine's zone database; tests that need one are disabled, with a message,
/// when its file is missing.
enum ZoneFiles {
    static let directory = "/usr/share/zoneinfo/"

    /// True when `/usr/share/zoneinfo/<name>` exists.
    static func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: directory + name) }

    /// True when every named zone exists.
    static func exist(_ names: [String]) -> Bool { names.allSatisfy(exists) }

    /// The zone's TZif bytes, or nil.
    static func bytes(_ name: String) -> [UInt8]? { FileManager.default.contents(atPath: directory + name).map { [UInt8]($0) } }

    /// The zone parsed by `UTCOffsets(tzif:)`; "UTC" and "" are UTC, as Go's `LoadLocation`.
    static func load(_ name: String) throws -> UTCOffsets {
        switch UTCOffsets.LocationName(name) {
        case .utc: return .utc
        case .local, .invalid: throw ZoneFileError.missing(name)
        case .database(let path):
            guard let bytes = bytes(path) else { throw ZoneFileError.missing(name) }
            return try UTCOffsets(tzif: bytes)
        }
    }

    /// Go's `LoadLocation` error for a database name, for `CronJobValidation`.
    static func loadError(_ name: String) -> String? { exists(name) ? nil : UTCOffsets.LocationName.unknownMessage(name) }
}

enum ZoneFileError: Error {
    case missing(String)
}

/// Test times written as upstream writes them, parsed with Foundation so that expected values do
/// not depend on the calendar code under test.
enum TestTime {
    /// A time as robfig's `getTime` reads it: "Mon Jul 9 15:00 2012" or "Mon Jul 9 15:04:05 2012"
    /// (read here in UTC, where robfig uses the machine's local zone), "2012-03-11T00:00:00-0500",
    /// optionally prefixed "TZ=<zone> "; "" is Go's zero time, returned as nil.
    static func seconds(_ value: String) -> Int64? {
        guard !value.isEmpty else { return nil }
        var text = value
        if text.hasPrefix("TZ="), let space = text.firstIndex(of: " ") {
            text = String(text[text.index(after: space)...])
        }
        for format in ["EEE MMM d HH:mm yyyy", "EEE MMM d HH:mm:ss yyyy", "yyyy-MM-dd'T'HH:mm:ssZ"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        }
        Issue.record("could not parse test time \(value)")
        return nil
    }

    /// The zone robfig's `Next` works in for a schedule without its own zone: the zone of the time
    /// handed to it. A "TZ=<zone> " prefix names it; a numeric offset makes a fixed zone (Go's
    /// `time.Parse` fabricates one); otherwise UTC stands for robfig's `time.Local`.
    static func zone(_ value: String) throws -> UTCOffsets {
        if value.hasPrefix("TZ="), let space = value.firstIndex(of: " ") {
            return try ZoneFiles.load(String(value[value.index(value.startIndex, offsetBy: 3)..<space]))
        }
        if let sign = value.lastIndex(where: { $0 == "+" || $0 == "-" }), value.contains("T"), value.distance(from: sign, to: value.endIndex) == 5 {
            let digits = value[value.index(after: sign)...]
            let hours = Int64(digits.prefix(2)) ?? 0
            let minutes = Int64(digits.suffix(2)) ?? 0
            return UTCOffsets(fixedOffset: (value[sign] == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60))
        }
        return .utc
    }

    /// An RFC 3339 time in UTC ("2016-05-19T10:00:00Z") in seconds since the Unix epoch.
    static func utc(_ value: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: value) else {
            Issue.record("could not parse \(value)")
            return 0
        }
        return Int64(date.timeIntervalSince1970)
    }
}

extension CronSchedule.Token {
    /// A token over the whole of `text`, for calling the field parsers directly.
    init(_ text: String) { self.init(scalars: Array(text.unicodeScalars)[...]) }
}
