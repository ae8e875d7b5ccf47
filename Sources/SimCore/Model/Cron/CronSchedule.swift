/// A CronJob schedule in the syntax Kubernetes v1.32 accepts: robfig/cron v3.0.1's `ParseStandard`.
///
/// Five fields (minute, hour, day of month, month, day of week) of `*`, `?`, numbers, names
/// (JAN-DEC, SUN-SAT, any case), ranges `a-b`, steps `*/n`, `a-b/n` and `a/n` (= `a-max/n`), and
/// comma lists; or a descriptor: `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
/// `@midnight`, `@hourly`, `@every <Go duration>`. Day of week is 0-6 (7 is refused, as robfig's
/// bounds are 0-6). A `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix is parsed as robfig parses it and
/// the zone name kept in `timeZoneName`; Kubernetes' API validation refuses such prefixes on new
/// objects (see `CronJobValidation`), but the controller still honours them on old ones.
///
/// Each field is a bit set, bit `n` for value `n`, with bit 63 (`Fields.starBit`) recording a
/// field written as `*` or `?` (or a star with step 1): robfig's day rule is that when either day
/// field has the star bit, a day must match both; otherwise it matches when either matches.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The schedule as written.
    public let text: String
    /// The zone from a `TZ=`/`CRON_TZ=` prefix, or nil. "" means UTC, as Go's `LoadLocation("")`.
    public let timeZoneName: String?
    /// What the schedule fires on.
    public let kind: Kind

    /// The text shown in messages and test failures.
    public var description: String { text }

    /// A field schedule or a constant delay.
    public enum Kind: Sendable, Hashable {
        /// robfig's `SpecSchedule`: fire at every second matching all fields.
        case fields(Fields)
        /// robfig's `ConstantDelaySchedule` (`@every`): fire `seconds` after the previous time,
        /// whole seconds only, at least 1.
        case every(seconds: Int64)
    }

    /// The bit sets of a field schedule, as robfig's `SpecSchedule` holds them.
    public struct Fields: Sendable, Hashable {
        /// Seconds 0-59; always just 0 for five-field schedules and descriptors.
        public let second: UInt64
        /// Minutes 0-59.
        public let minute: UInt64
        /// Hours 0-23.
        public let hour: UInt64
        /// Days of the month 1-31.
        public let dayOfMonth: UInt64
        /// Months 1-12.
        public let month: UInt64
        /// Days of the week 0-6, Sunday = 0.
        public let dayOfWeek: UInt64

        /// Set when the field was written as `*` or `?` (robfig's `starBit`).
        public static let starBit: UInt64 = 1 << 63

        /// robfig's `dayMatches`: AND when either day field is starred, OR otherwise.
        func dayMatches(dayOfMonth day: Int, weekday: Int) -> Bool {
            let dayOfMonthMatches = dayOfMonth & (1 << UInt64(day)) != 0
            let weekdayMatches = dayOfWeek & (1 << UInt64(weekday)) != 0
            if dayOfMonth & Self.starBit != 0 || dayOfWeek & Self.starBit != 0 {
                return dayOfMonthMatches && weekdayMatches
            }
            return dayOfMonthMatches || weekdayMatches
        }
    }

    /// Parses `text` as robfig/cron's `ParseStandard`, or throws its error message.
    public init(parsing text: String) throws(CronSyntaxError) {
        try self.init(parsing: text, layout: .standard)
    }

    /// A schedule from its parts.
    init(text: String, timeZoneName: String?, kind: Kind) {
        self.text = text
        self.timeZoneName = timeZoneName
        self.kind = kind
    }

    /// The first instant strictly after `seconds` (since the Unix epoch) at which the schedule
    /// fires, reading fields in `zone`'s wall time; nil when robfig finds none within five years
    /// (it returns Go's zero time then) or `seconds` is outside `CivilDateTime.supportedSeconds`.
    ///
    /// `zone` is the zone named by `timeZoneName` when that is set, otherwise the zone of the
    /// times handed to robfig, which in the CronJob controller is kube-controller-manager's local
    /// zone (UTC in the usual container images). The search is robfig v3.0.1's `SpecSchedule.Next`
    /// step for step, including its handling of daylight saving gaps and repeats (see
    /// `CronSchedule+Next.swift`); `@every` adds its delay to `seconds`.
    public func next(after seconds: Int64, in zone: UTCOffsets) -> Int64? {
        let found = goNext(after: seconds, in: zone)
        return found == Self.goZeroTime ? nil : found
    }

    /// `next(after:in:)` for an instant in milliseconds since the Unix epoch, returning
    /// milliseconds: robfig drops the fraction of a second before searching, so the result is a
    /// whole second.
    public func next(afterMilliseconds milliseconds: Int64, in zone: UTCOffsets) -> Int64? {
        next(after: CivilDateTime.floorDivide(milliseconds, 1_000), in: zone).map { $0 * 1_000 }
    }

    /// Go's zero `time.Time`, 0001-01-01T00:00:00Z, in seconds since the Unix epoch: what robfig
    /// returns when no time matches.
    static let goZeroTime: Int64 = -62_135_596_800
}

/// Why a schedule was refused, worded as robfig/cron words it ("expected exactly 5 fields, found
/// 3: [a b c]", "end of range (70) above maximum (59): 0-70"), with where in the text it arose.
public struct CronSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// robfig's message.
    public let message: String
    /// Where the offending field or range starts, counted in Unicode scalars from the start of the
    /// text (0-based); nil when the error concerns the schedule as a whole.
    public let offset: Int?

    /// An error from its message and position.
    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    /// The text shown in messages and test failures.
    public var description: String { message }
}
