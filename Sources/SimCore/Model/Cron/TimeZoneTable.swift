/// A time zone as a table of UTC offsets: what Go's `time.Location` holds after `LoadLocation`.
///
/// A CronJob's `timeZone` (or a `TZ=`/`CRON_TZ=` prefix in its schedule) names an IANA zone that
/// the controller loads with Go's `time.LoadLocation` and robfig/cron then walks in local wall
/// time. kubesim has no Foundation in its model layer, so the caller reads the zone's TZif file
/// (`/usr/share/zoneinfo/<Name>`) and passes the bytes to `init(tzif:)`. Lookups follow Go's
/// `Location.lookup` exactly: a binary search over transitions, Go's choice of zone before the
/// first transition (`lookupFirstZone`), and the footer's POSIX TZ rule (Go's `tzset`) from the
/// last transition on.
public struct UTCOffsets: Sendable, Hashable {
    /// One local time type (a TZif `ttinfo` record): its offset, whether it is daylight saving
    /// time, and its abbreviation.
    public struct LocalTimeType: Sendable, Hashable {
        /// Seconds east of UTC: local wall time = UTC + `utcOffset`.
        public let utcOffset: Int64
        /// True for daylight saving time.
        public let isDST: Bool
        /// The abbreviation, "EST" or "+0330".
        public let abbreviation: String

        /// A local time type from its parts.
        public init(utcOffset: Int64, isDST: Bool, abbreviation: String) {
            self.utcOffset = utcOffset
            self.isDST = isDST
            self.abbreviation = abbreviation
        }
    }

    /// Why TZif bytes were refused. Go reports every case as one error, "malformed time zone
    /// information"; the reason is kept for messages.
    public struct TZifError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong: "bad magic", "truncated data", ...
        public let reason: String

        /// The text shown in messages and test failures.
        public var description: String { "malformed time zone information (\(reason))" }
    }

    /// The local time types, in file order.
    public let types: [LocalTimeType]
    /// Transition instants in seconds since the Unix epoch, ascending; never empty (a zone
    /// without transitions gets one at `Int64.min`, as Go adds a fake transition at "alpha").
    public let transitions: [Int64]
    /// For each transition, the index in `types` in effect from it on.
    public let transitionTypes: [Int]
    /// The TZif footer rule, used from the last transition on; nil when absent or unparsable,
    /// as Go falls back to the last transition's type then.
    public let extend: PosixRule?
    /// The type Go uses before the first transition (`Location.lookupFirstZone`).
    let firstType: Int

    /// Coordinated Universal Time: offset 0 for all time.
    public static let utc = UTCOffsets(fixedOffset: 0, abbreviation: "UTC")

    /// A zone with one offset for all time, as Go's `time.FixedZone`; `offset` is seconds east of UTC.
    public init(fixedOffset offset: Int64, abbreviation: String = "") {
        self.init(
            types: [LocalTimeType(utcOffset: offset, isDST: false, abbreviation: abbreviation)], transitions: [Int64.min],
            transitionTypes: [0], extend: nil)
    }

    /// A zone described by a POSIX TZ rule alone, for all time: what Go builds from a TZif file
    /// that has a footer and no transitions.
    public init(rule: PosixRule) {
        self.init(types: [rule.standard], transitions: [Int64.min], transitionTypes: [0], extend: rule)
    }

    /// The zone from the bytes of a TZif file (RFC 8536, versions 1 to 3), read as Go's
    /// `time.LoadLocationFromTZData` reads it: the 64-bit section when the version is 2 or later,
    /// the footer's POSIX TZ string for instants after the last transition; leap-second records
    /// and the standard/wall and UT/local indicators are skipped, as Go skips them.
    public init(tzif bytes: [UInt8]) throws(TZifError) {
        var reader = TZifReader(bytes: bytes)
        guard try reader.read(4) == Array("TZif".utf8) else { throw TZifError(reason: "bad magic") }
        let header = try reader.read(16)
        let version: Int
        switch header[0] {
        case 0: version = 1
        case UInt8(ascii: "2"): version = 2
        case UInt8(ascii: "3"): version = 3
        default: throw TZifError(reason: "unsupported version \(header[0])")
        }
        var counts = try reader.counts()
        var timeSize = 4
        if version > 1 {
            // Skip the version 1 data block and the second header's magic and version, then read
            // the second header's counts, which describe the 64-bit block.
            try reader.skip(
                counts.transitions * 5 + counts.types * 6 + counts.abbreviationBytes + counts.leaps * 8 + counts.standardWall + counts.universal + 20)
            counts = try reader.counts()
            timeSize = 8
        }
        let times = try reader.read(counts.transitions * timeSize)
        let transitionIndices = try reader.read(counts.transitions)
        let typeRecords = try reader.read(counts.types * 6)
        let abbreviations = try reader.read(counts.abbreviationBytes)
        try reader.skip(counts.leaps * (timeSize + 4) + counts.standardWall + counts.universal)
        let footer = reader.rest
        guard counts.types > 0 else { throw TZifError(reason: "no local time types") }
        var types: [LocalTimeType] = []
        for index in 0..<counts.types {
            let record = typeRecords[(index * 6)..<(index * 6 + 6)]
            let offset = Int64(Int32(bitPattern: UInt32(bigEndian: record, at: record.startIndex)))
            let abbreviationIndex = Int(record[record.startIndex + 5])
            guard abbreviationIndex < abbreviations.count else { throw TZifError(reason: "abbreviation index out of range") }
            let name = abbreviations[abbreviationIndex...].prefix { $0 != 0 }
            types.append(
                LocalTimeType(utcOffset: offset, isDST: record[record.startIndex + 4] != 0, abbreviation: String(decoding: name, as: UTF8.self)))
        }
        var transitions: [Int64] = []
        var transitionTypes: [Int] = []
        for index in 0..<counts.transitions {
            if timeSize == 4 {
                transitions.append(Int64(Int32(bitPattern: UInt32(bigEndian: times, at: index * 4))))
            } else {
                transitions.append(Int64(bitPattern: UInt64(bigEndian: times, at: index * 8)))
            }
            let type = Int(transitionIndices[index])
            guard type < types.count else { throw TZifError(reason: "transition type out of range") }
            transitionTypes.append(type)
        }
        var extend: PosixRule?
        if footer.count > 2, footer.first == UInt8(ascii: "\n"), footer.last == UInt8(ascii: "\n") {
            extend = PosixRule(parsing: String(decoding: footer.dropFirst().dropLast(), as: UTF8.self))
        }
        if transitions.isEmpty {
            transitions = [Int64.min]
            transitionTypes = [0]
        }
        self.init(types: types, transitions: transitions, transitionTypes: transitionTypes, extend: extend)
    }

    /// A zone from its table; `transitions` must be ascending and non-empty, and every entry of
    /// `transitionTypes` an index into `types`.
    init(types: [LocalTimeType], transitions: [Int64], transitionTypes: [Int], extend: PosixRule?) {
        self.types = types
        self.transitions = transitions
        self.transitionTypes = transitionTypes
        self.extend = extend
        self.firstType = Self.firstZone(types: types, transitionTypes: transitionTypes)
    }

    /// Seconds east of UTC in effect at `seconds` since the Unix epoch.
    public func offset(atUTC seconds: Int64) -> Int64 { period(atUTC: seconds).type.utcOffset }

    /// The local time type in effect at `seconds` since the Unix epoch.
    public func localTimeType(atUTC seconds: Int64) -> LocalTimeType { period(atUTC: seconds).type }

    /// The type in effect at `seconds`, with the span Go reports for it (`Location.lookup`).
    func period(atUTC seconds: Int64) -> ZonePeriod {
        if seconds < transitions[0] {
            return ZonePeriod(type: types[firstType], start: Int64.min, end: transitions[0])
        }
        var low = 0
        var high = transitions.count
        var end = Int64.max
        while high - low > 1 {
            let middle = (low + high) / 2
            if seconds < transitions[middle] {
                end = transitions[middle]
                high = middle
            } else {
                low = middle
            }
        }
        if low == transitions.count - 1, let extend {
            return extend.period(atUTC: seconds, lastTransition: transitions[low])
        }
        return ZonePeriod(type: types[transitionTypes[low]], start: transitions[low], end: end)
    }

    /// Go's `lookupFirstZone`, after tzcode's localtime.c: the first type if no transition uses
    /// it; else, when the first transition is to daylight time, the nearest standard type before
    /// it; else the first standard type; else the first type.
    private static func firstZone(types: [LocalTimeType], transitionTypes: [Int]) -> Int {
        guard transitionTypes.contains(0) else { return 0 }
        if let first = transitionTypes.first, types[first].isDST {
            for index in stride(from: first - 1, through: 0, by: -1) where !types[index].isDST { return index }
        }
        return types.firstIndex { !$0.isDST } ?? 0
    }
}

/// A local time type and the span of instants, `start..<end`, over which Go's lookup reports it.
struct ZonePeriod: Hashable {
    let type: UTCOffsets.LocalTimeType
    let start: Int64
    let end: Int64
}

/// Reads a TZif file front to back, failing on a short read as Go's `dataIO` does.
private struct TZifReader {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The header's six counts, in file order.
    struct Counts {
        var universal = 0, standardWall = 0, leaps = 0, transitions = 0, types = 0, abbreviationBytes = 0
    }

    mutating func read(_ count: Int) throws(UTCOffsets.TZifError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else { throw UTCOffsets.TZifError(reason: "truncated data") }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func skip(_ count: Int) throws(UTCOffsets.TZifError) { _ = try read(count) }

    mutating func counts() throws(UTCOffsets.TZifError) -> Counts {
        let raw = try read(24)
        func count(_ index: Int) -> Int { Int(UInt32(bigEndian: raw, at: index * 4)) }
        return Counts(
            universal: count(0), standardWall: count(1), leaps: count(2), transitions: count(3), types: count(4), abbreviationBytes: count(5))
    }

    /// Everything after the data block: the footer of a version 2+ file.
    var rest: ArraySlice<UInt8> { bytes[position...] }
}

extension UInt32 {
    /// The big-endian value of the four bytes at `offset`.
    fileprivate init<Bytes: RandomAccessCollection>(bigEndian bytes: Bytes, at offset: Bytes.Index) where Bytes.Element == UInt8 {
        var value: UInt32 = 0
        var index = offset
        for _ in 0..<4 {
            value = value << 8 | UInt32(bytes[index])
            index = bytes.index(after: index)
        }
        self = value
    }
}

extension UInt64 {
    /// The big-endian value of the eight bytes at `offset`.
    fileprivate init(bigEndian bytes: [UInt8], at offset: Int) {
        self = UInt64(UInt32(bigEndian: bytes, at: offset)) << 32 | UInt64(UInt32(bigEndian: bytes, at: offset + 4))
    }
}

extension UTCOffsets {
    /// How Go's `time.LoadLocation` treats a zone name before it opens any file.
    ///
    /// "" and "UTC" are UTC and "Local" is the process's zone, with no file read; a name with
    /// ".." or starting with "/" or "\" is refused with `time: invalid location name`; anything
    /// else is looked up in the zone database, and a missing file reports `unknown time zone <name>`.
    public enum LocationName: Sendable, Hashable {
        /// "" or "UTC": Go returns `time.UTC` without reading a file.
        case utc
        /// "Local": Go returns `time.Local`, the controller's own zone.
        case local
        /// A name to read from the zone database, as `/usr/share/zoneinfo/<name>`.
        case database(String)
        /// A name Go refuses outright.
        case invalid

        /// Go's message for `invalid` (`time.errLocation`).
        public static let invalidMessage = "time: invalid location name"

        /// Go's message for a name with no zone file.
        public static func unknownMessage(_ name: String) -> String { "unknown time zone \(name)" }

        /// Classifies `name` as `LoadLocation` does.
        public init(_ name: String) {
            let bytes = Array(name.utf8)
            if name.isEmpty || name == "UTC" {
                self = .utc
            } else if name == "Local" {
                self = .local
            } else if zip(bytes, bytes.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
                || bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "\\")
            {
                self = .invalid
            } else {
                self = .database(name)
            }
        }
    }
}
