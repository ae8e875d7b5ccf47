extension CronSchedule {
    /// robfig's `Schedule.Next`, returning Go's zero time (`goZeroTime`) when nothing matches, as
    /// the controller arithmetic needs to see it.
    func goNext(after seconds: Int64, in zone: UTCOffsets) -> Int64 {
        guard CivilDateTime.supportedSeconds.contains(seconds) else { return Self.goZeroTime }
        switch kind {
        case .every(let delay):
            // ConstantDelaySchedule.Next: t + delay, fraction of a second dropped.
            return seconds + delay
        case .fields(let fields):
            return fields.goNext(after: seconds, clock: GoWallClock(zone: zone))
        }
    }
}

extension CronSchedule.Fields {
    /// robfig v3.0.1's `SpecSchedule.Next`, step for step.
    ///
    /// Start one second after `seconds`; find a matching month, then day, hour, minute and second,
    /// each time stepping the field forward in the zone's wall time and starting over ("WRAP")
    /// when a field rolls over; give up (Go's zero time) once the year passes the start year + 5.
    /// The first time any field is stepped, the smaller fields are reset (`added`). Days step with
    /// Go's `AddDate`, which normalises a nonexistent local time by Go's `time.Date` rule; when
    /// that leaves the hour off midnight (a zone whose midnight is skipped or doubled), robfig
    /// nudges it to the nearer midnight. Hours, minutes and seconds step as elapsed time, so in a
    /// spring-forward gap the skipped hour is never matched, and in a fall-back repeat the
    /// repeated hour matches twice (once per offset), exactly as robfig behaves.
    func goNext(after seconds: Int64, clock: GoWallClock) -> Int64 {
        var time = seconds + 1
        var added = false
        let yearLimit = clock.fields(time).year + 5
        wrap: while true {
            var wall = clock.fields(time)
            if wall.year > yearLimit { return CronSchedule.goZeroTime }
            while month & (1 << UInt64(wall.month)) == 0 {
                if !added {
                    added = true
                    time = clock.date(CivilDateTime(year: wall.year, month: wall.month, day: 1))
                }
                time = clock.adding(months: 1, days: 0, to: time)
                wall = clock.fields(time)
                if wall.month == 1 { continue wrap }
            }
            while !dayMatches(dayOfMonth: wall.day, weekday: wall.weekday) {
                if !added {
                    added = true
                    time = clock.date(CivilDateTime(year: wall.year, month: wall.month, day: wall.day))
                }
                time = clock.adding(months: 0, days: 1, to: time)
                wall = clock.fields(time)
                if wall.hour != 0 {
                    time += wall.hour > 12 ? Int64(24 - wall.hour) * 3_600 : -Int64(wall.hour) * 3_600
                    wall = clock.fields(time)
                }
                if wall.day == 1 { continue wrap }
            }
            while hour & (1 << UInt64(wall.hour)) == 0 {
                if !added {
                    added = true
                    time = clock.date(CivilDateTime(year: wall.year, month: wall.month, day: wall.day, hour: wall.hour))
                }
                time += 3_600
                wall = clock.fields(time)
                if wall.hour == 0 { continue wrap }
            }
            while minute & (1 << UInt64(wall.minute)) == 0 {
                if !added {
                    added = true
                    // Go's Truncate(time.Minute) rounds the absolute time, not the wall clock.
                    time = CivilDateTime.floorDivide(time, 60) * 60
                }
                time += 60
                wall = clock.fields(time)
                if wall.minute == 0 { continue wrap }
            }
            while second & (1 << UInt64(wall.second)) == 0 {
                // Go's Truncate(time.Second) changes nothing on a whole second.
                added = true
                time += 1
                wall = clock.fields(time)
                if wall.second == 0 { continue wrap }
            }
            return time
        }
    }
}

/// The parts of Go's `time` package robfig's search uses, over one zone.
struct GoWallClock {
    let zone: UTCOffsets

    /// The zone's wall-clock fields at `instant` (Go's `Time.Date` and `Time.Clock`).
    func fields(_ instant: Int64) -> CivilDateTime {
        CivilDateTime(secondsSinceEpoch: instant + zone.offset(atUTC: instant))
    }

    /// Go's `time.Date(…, loc)`: the instant of wall time `wall` (normalised as Go normalises).
    ///
    /// Go looks up the offset at the wall time read as if it were UTC, keeps it if the instant it
    /// gives lies in that offset's span, and otherwise takes the offset in force at that instant;
    /// a zero offset is used as it is. For a wall time that does not exist or exists twice, the
    /// answer depends on the side of Greenwich (Go's own dateTests, in Los Angeles: 02:30 on a
    /// spring-forward day is 01:30 PST, and 01:00 on a fall-back day is the first one, PDT; east of
    /// Greenwich a skipped 02:30 becomes 03:30 daylight time and a repeated one the second, standard).
    func date(_ wall: CivilDateTime) -> Int64 {
        let unix = wall.secondsSinceEpoch
        let period = zone.period(atUTC: unix)
        var offset = period.type.utcOffset
        guard offset != 0 else { return unix }
        let utc = unix - offset
        if utc < period.start || utc >= period.end { offset = zone.offset(atUTC: utc) }
        return unix - offset
    }

    /// Go's `Time.AddDate(0, months, days)`: the same wall clock that many months and days on,
    /// normalised by `date`.
    func adding(months: Int, days: Int, to instant: Int64) -> Int64 {
        var wall = fields(instant)
        wall.month += months
        wall.day += days
        return date(wall)
    }
}
