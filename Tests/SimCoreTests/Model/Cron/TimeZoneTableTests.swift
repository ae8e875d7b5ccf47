import Foundation
import Testing

@testable import SimCore

/// Go's src/time/zoneinfo_test.go (Go 1.21+), the parts about TZif data and TZ rule strings,
/// ported; expected values are Go's.
@Suite("Time zone tables (Go's time package)")
struct TimeZoneTableTests {
    typealias Rule = UTCOffsets.PosixRule

    // TestTzset
    @Test(
        "tzset",
        arguments: [
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_159_200_800, "PDT", -7 * 60 * 60, 2_152_173_600, 2_172_733_200, true),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_152_173_599, "PST", -8 * 60 * 60, 2_145_916_800, 2_152_173_600, false),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_152_173_600, "PDT", -7 * 60 * 60, 2_152_173_600, 2_172_733_200, true),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_152_173_601, "PDT", -7 * 60 * 60, 2_152_173_600, 2_172_733_200, true),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_172_733_199, "PDT", -7 * 60 * 60, 2_152_173_600, 2_172_733_200, true),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_172_733_200, "PST", -8 * 60 * 60, 2_172_733_200, 2_177_452_800, false),
            ("PST8PDT,M3.2.0,M11.1.0", 0, 2_172_733_201, "PST", -8 * 60 * 60, 2_172_733_200, 2_177_452_800, false),
            ("KST-9", 592_333_200, 1_677_246_697, "KST", 9 * 60 * 60, 592_333_200, Int64.max, false),
        ] as [(String, Int64, Int64, String, Int64, Int64, Int64, Bool)])
    func tzset(text: String, lastTransition: Int64, at: Int64, name: String, offset: Int64, start: Int64, end: Int64, isDST: Bool) throws {
        let rule = try #require(Rule(parsing: text))
        let period = rule.period(atUTC: at, lastTransition: lastTransition)
        #expect(period == ZonePeriod(type: .init(utcOffset: offset, isDST: isDST, abbreviation: name), start: start, end: end))
    }

    @Test("tzset refuses an empty string")
    func tzsetEmpty() { #expect(Rule(parsing: "") == nil) }

    // TestTzsetName
    @Test(
        "tzsetName",
        arguments: [
            ("", nil, ""), ("X", nil, "X"), ("PST", "PST", ""), ("PST8PDT", "PST", "8PDT"), ("PST-08", "PST", "-08"), ("<A+B>+08", "A+B", "+08"),
        ]
            as [(String, String?, String)])
    func tzsetName(text: String, name: String?, rest: String) {
        var bytes = ArraySlice(text.utf8)
        #expect(Rule.name(&bytes) == name)
        if name != nil { #expect(String(decoding: bytes, as: UTF8.self) == rest) }
    }

    // TestTzsetOffset
    @Test(
        "tzsetOffset",
        arguments: [
            ("", nil, ""), ("X", nil, ""), ("+", nil, ""), ("+08", 8 * 60 * 60, ""), ("-01:02:03", -1 * 60 * 60 - 2 * 60 - 3, ""),
            ("01", 1 * 60 * 60, ""),
            ("100", 100 * 60 * 60, ""), ("1000", nil, ""), ("8PDT", 8 * 60 * 60, "PDT"),
        ] as [(String, Int64?, String)])
    func tzsetOffset(text: String, offset: Int64?, rest: String) {
        var bytes = ArraySlice(text.utf8)
        #expect(Rule.offset(&bytes) == offset)
        if offset != nil { #expect(String(decoding: bytes, as: UTF8.self) == rest) }
    }

    // TestTzsetRule
    @Test(
        "tzsetRule",
        arguments: [
            ("", nil), ("X", nil), ("J10", Rule.Transition(day: .julian(10), time: 2 * 60 * 60)),
            ("20", Rule.Transition(day: .zeroBased(20), time: 2 * 60 * 60)),
            ("M1.2.3", Rule.Transition(day: .monthWeekDay(month: 1, week: 2, weekday: 3), time: 2 * 60 * 60)),
            ("30/03:00:00", Rule.Transition(day: .zeroBased(30), time: 3 * 60 * 60)),
            ("M4.5.6/03:00:00", Rule.Transition(day: .monthWeekDay(month: 4, week: 5, weekday: 6), time: 3 * 60 * 60)), ("M4.5.7/03:00:00", nil),
            ("M4.5.6/-04", Rule.Transition(day: .monthWeekDay(month: 4, week: 5, weekday: 6), time: -4 * 60 * 60)),
        ] as [(String, Rule.Transition?)])
    func tzsetRule(text: String, transition: Rule.Transition?) {
        var bytes = ArraySlice(text.utf8)
        #expect(Rule.transition(&bytes) == transition)
        if transition != nil { #expect(bytes.isEmpty) }
    }

    // TestFirstZone, read from the machine's zone files.
    @Test(
        "times around an early transition",
        .enabled(if: ZoneFiles.exist(["PST8PDT", "Pacific/Fakaofo"]), "needs PST8PDT and Pacific/Fakaofo in /usr/share/zoneinfo"),
        arguments: [
            ("PST8PDT", -1_633_269_601, "1918-03-31T01:59:59", -8 * 3_600, "PST", "1918-03-31T03:00:00", -7 * 3_600, "PDT"),
            ("Pacific/Fakaofo", 1_325_242_799, "2011-12-29T23:59:59", -11 * 3_600, "-11", "2011-12-31T00:00:00", 13 * 3_600, "+13"),
        ] as [(String, Int64, String, Int64, String, String, Int64, String)])
    func firstZone(
        zone: String, unix: Int64, before: String, beforeOffset: Int64, beforeName: String, after: String, afterOffset: Int64, afterName: String
    ) throws {
        let offsets = try ZoneFiles.load(zone)
        let clock = GoWallClock(zone: offsets)
        #expect(clock.fields(unix).description == before)
        #expect(offsets.localTimeType(atUTC: unix) == .init(utcOffset: beforeOffset, isDST: false, abbreviation: beforeName))
        #expect(clock.fields(unix + 1).description == after)
        #expect(offsets.localTimeType(atUTC: unix + 1).utcOffset == afterOffset)
        #expect(offsets.localTimeType(atUTC: unix + 1).abbreviation == afterName)
    }

    // TestEarlyLocation (Go issue 30099)
    @Test("1900 in New York is EST", .enabled(if: ZoneFiles.exists("America/New_York"), "needs America/New_York in /usr/share/zoneinfo"))
    func earlyLocation() throws {
        let newYork = try ZoneFiles.load("America/New_York")
        let instant = GoWallClock(zone: newYork).date(CivilDateTime(year: 1900, month: 1, day: 1))
        #expect(newYork.localTimeType(atUTC: instant).abbreviation == "EST")
        #expect(newYork.offset(atUTC: instant) == -18_000)
    }

    // TestMalformedTZData (Go issue 29437): an error, not a crash.
    @Test("malformed TZif data is refused")
    func malformed() {
        let issue29437: [UInt8] = [
            84, 90, 105, 102, 0, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 48, 48,
        ]
        #expect(throws: UTCOffsets.TZifError.self) { try UTCOffsets(tzif: issue29437) }
        #expect(throws: UTCOffsets.TZifError(reason: "bad magic")) { try UTCOffsets(tzif: Array("TZig".utf8) + [UInt8](repeating: 0, count: 40)) }
        #expect(throws: UTCOffsets.TZifError(reason: "truncated data")) { try UTCOffsets(tzif: Array("TZif2".utf8)) }
    }

    // TestLoadLocationFromTZData and TestLoadLocationFromTZDataSlim: Go reads these from its own
    // test files; here the machine's files are read, whose data agree for these dates.
    @Test(
        "zone at a wall time",
        .enabled(
            if: ZoneFiles.exist(["Europe/Berlin", "America/Nuuk", "Asia/Gaza", "Europe/Dublin"]),
            "needs Europe/Berlin, America/Nuuk, Asia/Gaza and Europe/Dublin in /usr/share/zoneinfo"),
        arguments: [
            ("Europe/Berlin", CivilDateTime(year: 2020, month: 10, day: 29, hour: 15, minute: 30), "CET", 3_600),
            ("America/Nuuk", CivilDateTime(year: 2020, month: 10, day: 29, hour: 15, minute: 30), "-03", -10_800),
            ("Asia/Gaza", CivilDateTime(year: 2020, month: 10, day: 29, hour: 15, minute: 30), "EET", 7_200),
            ("Europe/Dublin", CivilDateTime(year: 2021, month: 4, day: 2, hour: 11, minute: 12, second: 13), "IST", 3_600),
        ] as [(String, CivilDateTime, String, Int64)])
    func zoneAtWallTime(zone: String, wall: CivilDateTime, name: String, offset: Int64) throws {
        let offsets = try ZoneFiles.load(zone)
        let instant = GoWallClock(zone: offsets).date(wall)
        #expect(offsets.localTimeType(atUTC: instant).abbreviation == name)
        #expect(offsets.offset(atUTC: instant) == offset)
    }
}

/// Checks of the TZif reader and rules beyond Go's tests.
@Suite("Time zone table details")
struct TimeZoneTableDetailTests {
    static let foundationSample = [
        "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Tehran",
        "Europe/Dublin", "Africa/Casablanca", "America/St_Johns", "Australia/Lord_Howe",
    ]

    /// A hand-made slim version 2 file: an empty version 1 block, then one transition at the
    /// epoch from LMT (+0) to EST (-5 h), and the footer `EST5EDT,M3.2.0,M11.1.0`.
    private static let slim: [UInt8] = {
        func header(_ counts: [UInt32]) -> [UInt8] {
            Array("TZif2".utf8) + [UInt8](repeating: 0, count: 15)
                + counts.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        }
        let version1 = header([0, 0, 0, 0, 1, 1]) + [0, 0, 0, 0, 0, 0] + [0]
        let version2 =
            header([0, 0, 0, 1, 2, 8]) + [UInt8](repeating: 0, count: 8) + [1] + [0, 0, 0, 0, 0, 0] + [0xFF, 0xFF, 0xB9, 0xB0, 0, 4]
            + Array("LMT\0EST\0".utf8)
        return version1 + version2 + Array("\nEST5EDT,M3.2.0,M11.1.0\n".utf8)
    }()

    @Test("a slim file: first zone before its transition, footer rule after")
    func slimFile() throws {
        let zone = try UTCOffsets(tzif: Self.slim)
        #expect(zone.transitions == [0])
        #expect(zone.localTimeType(atUTC: -1) == .init(utcOffset: 0, isDST: false, abbreviation: "LMT"))
        #expect(zone.localTimeType(atUTC: TestTime.utc("2024-01-15T12:00:00Z")) == .init(utcOffset: -18_000, isDST: false, abbreviation: "EST"))
        #expect(zone.localTimeType(atUTC: TestTime.utc("2024-07-01T12:00:00Z")) == .init(utcOffset: -14_400, isDST: true, abbreviation: "EDT"))
        // US rules: second Sunday of March at 02:00 EST, first Sunday of November at 02:00 EDT.
        #expect(zone.offset(atUTC: TestTime.utc("2024-03-10T06:59:59Z")) == -18_000)
        #expect(zone.offset(atUTC: TestTime.utc("2024-03-10T07:00:00Z")) == -14_400)
        #expect(zone.offset(atUTC: TestTime.utc("2024-11-03T05:59:59Z")) == -14_400)
        #expect(zone.offset(atUTC: TestTime.utc("2024-11-03T06:00:00Z")) == -18_000)
    }

    @Test(
        "rules: southern hemisphere, half hours, Julian days, a rule alone",
        arguments: [
            ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2050-01-01T00:00:00Z", 39_600), ("AEST-10AEDT,M10.1.0,M4.1.0/3", "2050-07-01T00:00:00Z", 36_000),
            ("<+0330>-3:30", "2050-07-01T00:00:00Z", 12_600), ("CET-1CEST,M3.5.0,M10.5.0/3", "2050-07-01T00:00:00Z", 7_200),
            ("CET-1CEST,M3.5.0,M10.5.0/3", "2050-12-01T00:00:00Z", 3_600), ("XXX3YYY,J60,J300", "2023-03-01T02:59:59Z", -10_800),
            ("XXX3YYY,J60,J300", "2023-03-01T05:00:00Z", -7_200), ("XXX3YYY,59,J300", "2024-02-29T05:00:00Z", -7_200),
            ("XXX3YYY", "2024-07-01T00:00:00Z", -7_200),
        ] as [(String, String, Int64)])
    func rules(text: String, at: String, offset: Int64) throws {
        let zone = UTCOffsets(rule: try #require(UTCOffsets.PosixRule(parsing: text)))
        #expect(zone.offset(atUTC: TestTime.utc(at)) == offset)
    }

    @Test(
        "offsets agree with Foundation's time zones, 1970-2037",
        .enabled(if: ZoneFiles.exist(foundationSample), "needs the sampled zones in /usr/share/zoneinfo"),
        arguments: foundationSample)
    func agreesWithFoundation(name: String) throws {
        let foundation = try #require(TimeZone(identifier: name), "Foundation does not know \(name)")
        let zone = try ZoneFiles.load(name)
        var mismatches: [String] = []
        var instant: Int64 = 0
        var compared = 0
        while instant < 2_145_916_800 {
            let expected = Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
            if zone.offset(atUTC: instant) != expected { mismatches.append("\(instant): \(zone.offset(atUTC: instant)) vs \(expected)") }
            instant += 6 * 3_600 + 17
            compared += 1
        }
        #expect(compared > 90_000)
        #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(5))")
    }

    @Test("footer rules continue past 2037", .enabled(if: ZoneFiles.exist(["America/New_York", "Australia/Sydney"]), "needs zone files"))
    func pastLastTransition() throws {
        let newYork = try ZoneFiles.load("America/New_York")
        let sydney = try ZoneFiles.load("Australia/Sydney")
        #expect(newYork.offset(atUTC: TestTime.utc("2050-07-01T00:00:00Z")) == -14_400)
        #expect(newYork.offset(atUTC: TestTime.utc("2050-01-01T00:00:00Z")) == -18_000)
        #expect(sydney.offset(atUTC: TestTime.utc("2050-01-01T00:00:00Z")) == 39_600)
        #expect(sydney.offset(atUTC: TestTime.utc("2050-07-01T00:00:00Z")) == 36_000)
    }

    @Test(
        "Go's LoadLocation name rules",
        arguments: [
            ("", UTCOffsets.LocationName.utc), ("UTC", .utc), ("Local", .local), ("local", .database("local")), ("..", .invalid), ("a..", .invalid),
            ("/usr/foo/Foo", .invalid), ("\\UNC\\foo", .invalid), ("Europe/Rome", .database("Europe/Rome")),
        ] as [(String, UTCOffsets.LocationName)])
    func locationNames(name: String, expected: UTCOffsets.LocationName) {
        #expect(UTCOffsets.LocationName(name) == expected)
    }

    @Test("fixed zones and UTC")
    func fixed() {
        #expect(UTCOffsets.utc.offset(atUTC: 0) == 0)
        #expect(UTCOffsets.utc.localTimeType(atUTC: Int64.min).abbreviation == "UTC")
        #expect(UTCOffsets(fixedOffset: 19_800).offset(atUTC: 1_700_000_000) == 19_800)
    }
}
