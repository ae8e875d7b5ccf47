extension UTCOffsets {
    /// A POSIX TZ rule string such as `CET-1CEST,M3.5.0,M10.5.0/3`, `EST5EDT,M3.2.0,M11.1.0` or
    /// `<+0330>-3:30`: the footer of a TZif file, which Go's `tzset` applies after the last
    /// transition.
    ///
    /// The grammar is Go's (and tzcode's), a little wider than POSIX: offsets up to 167 hours,
    /// rule times that are negative or past 24:00, `;` accepted before the rules, and a missing
    /// rule part defaulting to `,M3.2.0,M11.1.0`. Offsets in the string count west of UTC, so
    /// they are negated here.
    public struct PosixRule: Sendable, Hashable, CustomStringConvertible {
        /// The rule as written.
        public let text: String
        /// Standard time: offset east of UTC and abbreviation.
        public let standard: LocalTimeType
        /// Daylight saving time and when it starts and ends each year; nil for a zone without it.
        public let daylight: Daylight?

        /// The text shown in messages and test failures.
        public var description: String { text }

        /// Daylight saving time and its yearly transitions.
        public struct Daylight: Sendable, Hashable {
            /// Daylight time: offset east of UTC and abbreviation.
            public let type: LocalTimeType
            /// When daylight time starts, in standard local time.
            public let start: Transition
            /// When daylight time ends, in daylight local time.
            public let end: Transition
        }

        /// A yearly transition: a day of the year and a local time of day.
        public struct Transition: Sendable, Hashable {
            /// Which day.
            public let day: Day
            /// Seconds after local midnight of that day (default 02:00; may be negative or past 24 h).
            public let time: Int64
        }

        /// The three POSIX ways of naming a day of the year.
        public enum Day: Sendable, Hashable {
            /// `Jn`: day 1 to 365, never counting February 29.
            case julian(Int)
            /// `n`: day 0 to 365, counting February 29 in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (1 to 5, 5 = last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        /// Parses `text` with Go's `tzset` grammar, or returns nil where Go's parse fails.
        public init?(parsing text: String) {
            var rest = ArraySlice(text.utf8)
            guard let standardName = Self.name(&rest), let standardOffset = Self.offset(&rest) else { return nil }
            self.text = text
            self.standard = LocalTimeType(utcOffset: -standardOffset, isDST: false, abbreviation: standardName)
            if rest.isEmpty || rest.first == UInt8(ascii: ",") {
                self.daylight = nil
                return
            }
            guard let daylightName = Self.name(&rest) else { return nil }
            var daylightOffset = standard.utcOffset + 3_600
            if !rest.isEmpty && rest.first != UInt8(ascii: ",") {
                guard let offset = Self.offset(&rest) else { return nil }
                daylightOffset = -offset
            }
            if rest.isEmpty { rest = ArraySlice(",M3.2.0,M11.1.0".utf8) }
            guard rest.first == UInt8(ascii: ",") || rest.first == UInt8(ascii: ";") else { return nil }
            rest = rest.dropFirst()
            guard let start = Self.transition(&rest), rest.first == UInt8(ascii: ",") else { return nil }
            rest = rest.dropFirst()
            guard let end = Self.transition(&rest), rest.isEmpty else { return nil }
            self.daylight = Daylight(type: LocalTimeType(utcOffset: daylightOffset, isDST: true, abbreviation: daylightName), start: start, end: end)
        }

        /// The type in effect at `seconds`, computed as Go's `tzset` does: from the UTC calendar year
        /// of `seconds`, with the spans Go reports. `lastTransition` starts the span of a rule without
        /// daylight time.
        func period(atUTC seconds: Int64, lastTransition: Int64) -> ZonePeriod {
            guard let daylight else { return ZonePeriod(type: standard, start: lastTransition, end: Int64.max) }
            let day = CivilDateTime.floorDivide(seconds, CivilDateTime.secondsPerDay)
            let year = CivilDateTime.civilFromDays(day).year
            let dayOfYear = day - CivilDateTime.daysFromCivil(year: year, month: 1, day: 1)
            // Go adds `seconds % secondsPerDay` with Go's truncating remainder, off by a day for
            // instants before 1970 that are not at midnight; kept for fidelity.
            let secondOfYear = dayOfYear * CivilDateTime.secondsPerDay + seconds % CivilDateTime.secondsPerDay
            let yearStart = seconds - secondOfYear
            var startSecond = Self.secondsIntoYear(year: year, daylight.start, offsetBefore: standard.utcOffset)
            var endSecond = Self.secondsIntoYear(year: year, daylight.end, offsetBefore: daylight.type.utcOffset)
            var outside = standard
            var inside = daylight.type
            if endSecond < startSecond {
                // Southern hemisphere: daylight time spans the new year, so swap the roles.
                swap(&startSecond, &endSecond)
                swap(&outside, &inside)
            }
            if secondOfYear < startSecond {
                return ZonePeriod(type: outside, start: yearStart, end: yearStart + startSecond)
            }
            if secondOfYear >= endSecond {
                return ZonePeriod(type: outside, start: yearStart + endSecond, end: yearStart + 365 * CivilDateTime.secondsPerDay)
            }
            return ZonePeriod(type: inside, start: yearStart + startSecond, end: yearStart + endSecond)
        }

        /// Go's `tzruleTime`: seconds from the start of the UTC year to the transition, given the
        /// offset in effect just before it.
        static func secondsIntoYear(year: Int, _ transition: Transition, offsetBefore: Int64) -> Int64 {
            let dayOfYear: Int64
            switch transition.day {
            case .julian(let day):
                dayOfYear = Int64(day - 1) + (CivilDateTime.isLeapYear(year) && day >= 60 ? 1 : 0)
            case .zeroBased(let day):
                dayOfYear = Int64(day)
            case .monthWeekDay(let month, let week, let weekday):
                let firstOfMonth = CivilDateTime.daysFromCivil(year: year, month: month, day: 1)
                var dayOfMonth = (weekday - CivilDateTime.weekday(daysSinceEpoch: firstOfMonth) + 7) % 7
                let length = CivilDateTime.daysInMonth(year: year, month: month)
                for _ in 1..<week where dayOfMonth + 7 < length { dayOfMonth += 7 }
                dayOfYear = firstOfMonth - CivilDateTime.daysFromCivil(year: year, month: 1, day: 1) + Int64(dayOfMonth)
            }
            return dayOfYear * CivilDateTime.secondsPerDay + transition.time - offsetBefore
        }

        /// Go's `tzsetName`: three or more characters up to a digit, ',', '-' or '+', or `<...>`.
        static func name(_ rest: inout ArraySlice<UInt8>) -> String? {
            guard let first = rest.first else { return nil }
            if first == UInt8(ascii: "<") {
                guard let close = rest.firstIndex(of: UInt8(ascii: ">")) else { return nil }
                let name = String(decoding: rest[(rest.startIndex + 1)..<close], as: UTF8.self)
                rest = rest[(close + 1)...]
                return name
            }
            let stop = rest.firstIndex { Self.isDigit($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            let end = stop ?? rest.endIndex
            guard end - rest.startIndex >= 3 else { return nil }
            let name = String(decoding: rest[..<end], as: UTF8.self)
            rest = rest[end...]
            return name
        }

        /// Go's `tzsetOffset`: `[+-]hh[:mm[:ss]]` with hours up to 167, in seconds as written
        /// (west of UTC positive).
        static func offset(_ rest: inout ArraySlice<UInt8>) -> Int64? {
            guard let first = rest.first else { return nil }
            var negative = false
            if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                negative = first == UInt8(ascii: "-")
                rest = rest.dropFirst()
            }
            guard let hours = number(&rest, in: 0...(24 * 7)) else { return nil }
            var total = hours * 3_600
            if rest.first == UInt8(ascii: ":") {
                rest = rest.dropFirst()
                guard let minutes = number(&rest, in: 0...59) else { return nil }
                total += minutes * 60
                if rest.first == UInt8(ascii: ":") {
                    rest = rest.dropFirst()
                    guard let seconds = number(&rest, in: 0...59) else { return nil }
                    total += seconds
                }
            }
            return negative ? -total : total
        }

        /// Go's `tzsetRule`: `Jn`, `n` or `Mm.w.d`, then an optional `/time`.
        static func transition(_ rest: inout ArraySlice<UInt8>) -> Transition? {
            guard let first = rest.first else { return nil }
            let day: Day
            if first == UInt8(ascii: "J") {
                rest = rest.dropFirst()
                guard let julian = number(&rest, in: 1...365) else { return nil }
                day = .julian(Int(julian))
            } else if first == UInt8(ascii: "M") {
                rest = rest.dropFirst()
                guard let month = number(&rest, in: 1...12), rest.first == UInt8(ascii: ".") else { return nil }
                rest = rest.dropFirst()
                guard let week = number(&rest, in: 1...5), rest.first == UInt8(ascii: ".") else { return nil }
                rest = rest.dropFirst()
                guard let weekday = number(&rest, in: 0...6) else { return nil }
                day = .monthWeekDay(month: Int(month), week: Int(week), weekday: Int(weekday))
            } else {
                guard let zeroBased = number(&rest, in: 0...365) else { return nil }
                day = .zeroBased(Int(zeroBased))
            }
            guard rest.first == UInt8(ascii: "/") else { return Transition(day: day, time: 7_200) }
            rest = rest.dropFirst()
            guard let time = offset(&rest) else { return nil }
            return Transition(day: day, time: time)
        }

        /// Go's `tzsetNum`: decimal digits, failing as soon as the value passes the range's top or
        /// when the digits end below its bottom.
        static func number(_ rest: inout ArraySlice<UInt8>, in range: ClosedRange<Int64>) -> Int64? {
            var value: Int64 = 0
            var sawDigit = false
            while let byte = rest.first, isDigit(byte) {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                guard value <= range.upperBound else { return nil }
                sawDigit = true
                rest = rest.dropFirst()
            }
            guard sawDigit, value >= range.lowerBound else { return nil }
            return value
        }

        private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
