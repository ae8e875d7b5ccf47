import Testing

@testable import SimCore

/// robfig/cron v3.0.1 parser_test.go, ported table by table; expected values are upstream's.
@Suite("Cron syntax (robfig/cron v3 parser)")
struct CronParserTests {
    typealias Bounds = CronSchedule.Bounds
    private static let star = CronSchedule.Fields.starBit

    // TestRange
    @Test(
        "ranges, steps and their errors",
        arguments: [
            ("5", 0, 7, 1 << 5, ""), ("0", 0, 7, 1 << 0, ""), ("7", 0, 7, 1 << 7, ""),
            ("5-5", 0, 7, 1 << 5, ""), ("5-6", 0, 7, 1 << 5 | 1 << 6, ""), ("5-7", 0, 7, 1 << 5 | 1 << 6 | 1 << 7, ""),
            ("5-6/2", 0, 7, 1 << 5, ""), ("5-7/2", 0, 7, 1 << 5 | 1 << 7, ""), ("5-7/1", 0, 7, 1 << 5 | 1 << 6 | 1 << 7, ""),
            ("*", 1, 3, 1 << 1 | 1 << 2 | 1 << 3 | star, ""), ("*/2", 1, 3, 1 << 1 | 1 << 3, ""),
            ("5--5", 0, 0, 0, "too many hyphens"), ("jan-x", 0, 0, 0, "failed to parse int from"),
            ("2-x", 1, 5, 0, "failed to parse int from"), ("*/-12", 0, 0, 0, "negative number"),
            ("*//2", 0, 0, 0, "too many slashes"), ("1", 3, 5, 0, "below minimum"), ("6", 3, 5, 0, "above maximum"),
            ("5-3", 3, 5, 0, "beyond end of range"), ("*/0", 0, 0, 0, "should be a positive number"),
        ] as [(String, UInt64, UInt64, UInt64, String)])
    func range(expression: String, min: UInt64, max: UInt64, expected: UInt64, expectedError: String) {
        let bounds = Bounds(min: min, max: max, names: [:])
        do {
            let bits = try CronSchedule.range(CronSchedule.Token(expression), bounds)
            #expect(expectedError.isEmpty, "\(expression) parsed, expected an error containing \"\(expectedError)\"")
            #expect(bits == expected)
        } catch {
            #expect(!expectedError.isEmpty && error.message.contains(expectedError), "\(expression): \(error.message)")
        }
    }

    // TestField
    @Test(
        "comma lists",
        arguments: [
            ("5", 1, 7, 1 << 5), ("5,6", 1, 7, 1 << 5 | 1 << 6), ("5,6,7", 1, 7, 1 << 5 | 1 << 6 | 1 << 7),
            ("1,5-7/2,3", 1, 7, 1 << 1 | 1 << 5 | 1 << 7 | 1 << 3),
        ] as [(String, UInt64, UInt64, UInt64)])
    func field(expression: String, min: UInt64, max: UInt64, expected: UInt64) throws {
        #expect(try CronSchedule.field(CronSchedule.Token(expression), Bounds(min: min, max: max, names: [:])) == expected)
    }

    // TestAll
    @Test(
        "a whole field is every value plus the star bit",
        arguments: [
            (Bounds.minutes, 0xfff_ffff_ffff_ffff), (Bounds.hours, 0xff_ffff), (Bounds.daysOfMonth, 0xffff_fffe), (Bounds.months, 0x1ffe),
            (Bounds.daysOfWeek, 0x7f),
        ] as [(Bounds, UInt64)])
    func all(bounds: Bounds, expected: UInt64) {
        #expect(CronSchedule.all(bounds) == expected | Self.star)
    }

    // TestBits
    @Test("bit runs", arguments: [(0, 0, 1, 0x1), (1, 1, 1, 0x2), (1, 5, 2, 0x2a), (1, 4, 2, 0xa)] as [(UInt64, UInt64, UInt64, UInt64)])
    func bits(min: UInt64, max: UInt64, step: UInt64, expected: UInt64) {
        #expect(CronSchedule.bits(from: min, through: max, step: step) == expected)
    }

    // TestParseScheduleErrors (robfig's seconds parser)
    @Test(
        "schedule errors",
        arguments: [
            ("* 5 j * * *", "failed to parse int from"), ("@every Xm", "failed to parse duration"), ("@unrecognized", "unrecognized descriptor"),
            ("* * * *", "expected 5 to 6 fields"), ("", "empty spec string"),
        ])
    func scheduleErrors(text: String, error: String) {
        #expect {
            try CronSchedule(parsing: text, layout: .withSeconds)
        } throws: { thrown in
            (thrown as? CronSyntaxError)?.message.contains(error) ?? false
        }
    }

    private static func fields(
        second: UInt64 = 1, minute: UInt64, hour: UInt64 = CronSchedule.all(.hours), dayOfMonth: UInt64 = CronSchedule.all(.daysOfMonth),
        month: UInt64 = CronSchedule.all(.months), dayOfWeek: UInt64 = CronSchedule.all(.daysOfWeek)
    ) -> CronSchedule.Kind {
        .fields(CronSchedule.Fields(second: second, minute: minute, hour: hour, dayOfMonth: dayOfMonth, month: month, dayOfWeek: dayOfWeek))
    }

    private static let every5Minutes = fields(minute: 1 << 5)
    private static let midnight = fields(minute: 1, hour: 1)
    private static let annual = fields(minute: 1, hour: 1, dayOfMonth: 1 << 1, month: 1 << 1)

    // TestParseSchedule; robfig's `time.Local` is a nil zone name here.
    @Test(
        "schedules and descriptors",
        arguments: [
            (true, "0 5 * * * *", every5Minutes, nil), (false, "5 * * * *", every5Minutes, nil),
            (true, "CRON_TZ=UTC  0 5 * * * *", every5Minutes, "UTC"), (false, "CRON_TZ=UTC  5 * * * *", every5Minutes, "UTC"),
            (true, "CRON_TZ=Asia/Tokyo 0 5 * * * *", every5Minutes, "Asia/Tokyo"), (true, "@every 5m", .every(seconds: 300), nil),
            (true, "@midnight", midnight, nil), (true, "TZ=UTC  @midnight", midnight, "UTC"),
            (true, "TZ=Asia/Tokyo @midnight", midnight, "Asia/Tokyo"),
            (true, "@yearly", annual, nil), (true, "@annually", annual, nil),
            (true, "* 5 * * * *", fields(second: CronSchedule.all(.seconds), minute: 1 << 5), nil),
        ] as [(Bool, String, CronSchedule.Kind, String?)])
    func schedules(withSeconds: Bool, text: String, expected: CronSchedule.Kind, zone: String?) throws {
        let schedule = try CronSchedule(parsing: text, layout: withSeconds ? .withSeconds : .standard)
        #expect(schedule.kind == expected)
        #expect(schedule.timeZoneName == zone)
    }

    // TestStandardSpecSchedule
    @Test(
        "ParseStandard",
        arguments: [
            ("5 * * * *", every5Minutes, ""), ("@every 5m", .every(seconds: 300), ""), ("5 j * * *", nil, "failed to parse int from"),
            ("* * * *", nil, "expected exactly 5 fields"),
        ] as [(String, CronSchedule.Kind?, String)])
    func standard(text: String, expected: CronSchedule.Kind?, expectedError: String) {
        do {
            let schedule = try CronSchedule(parsing: text)
            #expect(schedule.kind == expected)
        } catch {
            #expect(expected == nil && error.message.contains(expectedError), "\(text): \(error.message)")
        }
    }

    // TestErrors (spec_test.go)
    @Test("refused by ParseStandard", arguments: ["xyz", "60 0 * * *", "0 60 * * *", "0 0 * * XYZ"])
    func errors(text: String) {
        #expect(throws: CronSyntaxError.self) { try CronSchedule(parsing: text) }
    }

    // TestSlash0NoHang (spec_test.go, robfig issue #144)
    @Test("a zero step is refused")
    func slashZero() {
        #expect(throws: CronSyntaxError("step of range should be a positive number: 15/0", offset: 20)) {
            try CronSchedule(parsing: "TZ=America/New_York 15/0 * * * *")
        }
    }
}

/// Behaviour read from robfig's parser.go and Kubernetes' use of it, beyond robfig's own tests.
@Suite("Cron syntax details")
struct CronSyntaxDetailTests {
    @Test(
        "messages are robfig's, with the offset of the offending part",
        arguments: [
            ("0-70 * * * *", "end of range (70) above maximum (59): 0-70", 0),
            ("0 0 * * 7", "end of range (7) above maximum (6): 7", 8),
            ("0 0 0 * *", "beginning of range (0) below minimum (1): 0", 4),
            ("0 0 * 13 *", "end of range (13) above maximum (12): 13", 6),
            ("0 0 * * 1,x", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax", 10),
            (
                "0 99999999999999999999 * * *",
                "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range", 2
            ),
            ("*/-1 * * * *", "negative number (-1) not allowed: -1", 2),
            ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1", 0),
            ("@every", "unrecognized descriptor: @every", 0),
            ("@every 1x", "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\"", 7),
            ("@every 5", "failed to parse duration @every 5: time: missing unit in duration \"5\"", 7),
            ("TZ=../x 0 * * * *", "provided bad location ../x: time: invalid location name", 3),
        ] as [(String, String, Int)])
    func messages(text: String, message: String, offset: Int) {
        #expect(throws: CronSyntaxError(message, offset: offset)) { try CronSchedule(parsing: text) }
    }

    @Test("whole-schedule errors have no offset")
    func wholeSchedule() {
        #expect(throws: CronSyntaxError("expected exactly 5 fields, found 3: [a b c]")) { try CronSchedule(parsing: "a b c") }
        #expect(throws: CronSyntaxError("expected exactly 5 fields, found 0: []")) { try CronSchedule(parsing: "  ") }
        #expect(throws: CronSyntaxError("empty spec string")) { try CronSchedule(parsing: "") }
        // Without a TZ prefix robfig does not trim, so a descriptor must be exact.
        #expect(throws: CronSyntaxError("unrecognized descriptor: @daily ", offset: 0)) { try CronSchedule(parsing: "@daily ") }
        #expect(throws: CronSyntaxError("expected exactly 5 fields, found 1: [@daily]")) { try CronSchedule(parsing: " @daily") }
    }

    @Test("names in any case, ? as *, star with step 1 keeps the star bit, a/n means a-max/n")
    func forms() throws {
        let named = try CronSchedule(parsing: "0 0 * jAn-MAR mon,FRI")
        let numbered = try CronSchedule(parsing: "0 0 * 1-3 1,5")
        #expect(named.kind == numbered.kind)
        #expect(try CronSchedule(parsing: "? ? ? ? ?").kind == CronSchedule(parsing: "* * * * *").kind)
        guard case .fields(let fields) = try CronSchedule(parsing: "*/1 10/20 * * *").kind else {
            Issue.record("expected a field schedule")
            return
        }
        #expect(fields.minute & CronSchedule.Fields.starBit != 0)
        #expect(fields.hour == 1 << 10)
        #expect(try CronSchedule(parsing: "0 10/5 * * *").kind == CronSchedule(parsing: "0 10,15,20 * * *").kind)
        // Empty list items are skipped, as Go's strings.FieldsFunc skips them.
        #expect(try CronSchedule(parsing: "1,,2 * * * *").kind == CronSchedule(parsing: "1,2 * * * *").kind)
        // A star ignores what follows its hyphen.
        #expect(try CronSchedule(parsing: "*-5 * * * *").kind == CronSchedule(parsing: "* * * * *").kind)
        // Atoi accepts a plus sign.
        #expect(try CronSchedule(parsing: "+5 * * * *").kind == CronSchedule(parsing: "5 * * * *").kind)
        // Any Unicode space separates fields.
        #expect(try CronSchedule(parsing: "5\t*\u{00A0}* * *").kind == CronSchedule(parsing: "5 * * * *").kind)
    }

    @Test(
        "@every rounds to whole seconds, at least one",
        arguments: [("@every 1h30m", 5_400), ("@every 1.5s", 1), ("@every 500ms", 1), ("@every 90s", 90), ("@every -5s", 1), ("@every 0", 1)]
            as [(String, Int64)])
    func every(text: String, seconds: Int64) throws {
        #expect(try CronSchedule(parsing: text).kind == .every(seconds: seconds))
    }

    @Test("a TZ prefix records the zone name; an empty name is UTC")
    func timeZonePrefix() throws {
        #expect(try CronSchedule(parsing: "TZ=Europe/Berlin 0 9 * * *").timeZoneName == "Europe/Berlin")
        #expect(try CronSchedule(parsing: "TZ= 0 9 * * *").timeZoneName == "")
        #expect(throws: CronSyntaxError("provided bad location UTC: no schedule follows it", offset: 3)) { try CronSchedule(parsing: "TZ=UTC") }
    }

    @Test(
        "Go's ParseDuration",
        arguments: [
            ("0", 0), ("5s", 5_000_000_000), ("+5s", 5_000_000_000), ("-5s", -5_000_000_000), ("1.5h", 5_400_000_000_000),
            ("1h2m3.5s", 3_723_500_000_000), (".5s", 500_000_000), ("1.s", 1_000_000_000), ("100us", 100_000), ("3\u{00B5}s", 3_000),
            ("9223372036854775807ns", Int64.max), ("-9223372036854775808ns", Int64.min),
        ] as [(String, Int64)])
    func goDuration(text: String, nanoseconds: Int64) throws {
        #expect(try CronSchedule.goParseDuration(text) == nanoseconds)
    }

    @Test(
        "Go's ParseDuration errors",
        arguments: [
            ("", "time: invalid duration \"\""), ("s", "time: invalid duration \"s\""), (".s", "time: invalid duration \".s\""),
            ("3", "time: missing unit in duration \"3\""), ("3x", "time: unknown unit \"x\" in duration \"3x\""),
            ("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
            ("3\u{00E9}", "time: unknown unit \"\\xc3\\xa9\" in duration \"3\\xc3\\xa9\""),
        ])
    func goDurationErrors(text: String, message: String) {
        #expect(throws: CronSchedule.GoDurationError(message: message)) { try CronSchedule.goParseDuration(text) }
    }
}
