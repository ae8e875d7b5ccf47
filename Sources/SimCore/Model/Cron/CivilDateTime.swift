/// A wall-clock date and time in the proleptic Gregorian calendar, with no time zone attached.
///
/// kubesim's model layer has no Foundation, so cron schedules compute on this small civil
/// calendar. Go's `time` package, which robfig/cron and the Kubernetes CronJob controller use, is
/// proleptic Gregorian too, so the two agree on every date. Conversions use Howard Hinnant's
/// `days_from_civil` and `civil_from_days` algorithms (http://howardhinnant.github.io/date_algorithms.html),
/// exact for any year an `Int64` count of seconds reaches.
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year; year 1 follows year 0 (astronomical numbering), as in Go.
    public var year: Int
    /// The month, 1 (January) to 12 when normalised.
    public var month: Int
    /// The day of the month, 1 to 31 when normalised.
    public var day: Int
    /// The hour, 0 to 23 when normalised.
    public var hour: Int
    /// The minute, 0 to 59 when normalised.
    public var minute: Int
    /// The second, 0 to 59 when normalised (there are no leap seconds, as in Go).
    public var second: Int

    /// Seconds in one day.
    public static let secondsPerDay: Int64 = 86_400

    /// The instants schedules are computed for, in seconds since the Unix epoch: about ±557,000
    /// years, far wider than any simulation needs (and than Go's zero time, year 1), and narrow
    /// enough that no sum of instants, offsets or milliseconds overflows `Int64`.
    public static let supportedSeconds: ClosedRange<Int64> = -(1 << 44)...(1 << 44)

    /// Fields as given; out-of-range values are kept and only normalised by `secondsSinceEpoch`.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The calendar fields of `seconds` since the Unix epoch read as UTC. Callers wanting local wall
    /// time add the zone's UTC offset first, as Go's `Time.Date` and `Time.Clock` do.
    public init(secondsSinceEpoch seconds: Int64) {
        let days = Self.floorDivide(seconds, Self.secondsPerDay)
        let secondOfDay = Int(seconds - days * Self.secondsPerDay)
        let date = Self.civilFromDays(days)
        self.init(
            year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60)
    }

    /// Seconds since the Unix epoch of these fields read as UTC.
    ///
    /// Out-of-range fields are normalised the way Go's `time.Date` does: the month first carries
    /// into the year, then day, hour, minute and second are added as plain offsets, so January 32
    /// is February 1 and hour -1 is 23:00 the day before.
    public var secondsSinceEpoch: Int64 {
        let monthIndex = month - 1
        let normalisedYear = year + Int(Self.floorDivide(Int64(monthIndex), 12))
        let normalisedMonth = Int(Self.floorModulo(Int64(monthIndex), 12)) + 1
        let days = Self.daysFromCivil(year: normalisedYear, month: normalisedMonth, day: 1) + Int64(day - 1)
        return days * Self.secondsPerDay + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    }

    /// The day of the week, 0 = Sunday to 6 = Saturday, as Go's `time.Weekday` numbers them.
    public var weekday: Int { Self.weekday(daysSinceEpoch: Self.floorDivide(secondsSinceEpoch, Self.secondsPerDay)) }

    /// "2012-03-11T02:30:00", for messages and test failures.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(padded(hour, 2)):\(padded(minute, 2)):\(padded(second, 2))"
    }

    /// Orders by the instant the fields denote when read as UTC.
    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// Days from 1970-01-01 to the given date (Hinnant's `days_from_civil`); `month` must be 1...12.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`).
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// The weekday (0 = Sunday) of the day `days` after 1970-01-01, which was a Thursday.
    public static func weekday(daysSinceEpoch days: Int64) -> Int { Int(floorModulo(days + 4, 7)) }

    /// True for Gregorian leap years: divisible by 4, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Days in `month` (1...12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `value / divisor` rounded towards negative infinity; `divisor` must be positive.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// The remainder matching `floorDivide`, always in `0..<divisor`.
    static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
