import Testing

@testable import SimCore

/// robfig/cron v3.0.1 spec_test.go, ported table by table; expected values are upstream's. Times
/// robfig reads in the machine's local zone are read in UTC here.
@Suite("Cron next activation (robfig/cron v3 spec)")
struct CronNextTests {
    // TestActivation
    @Test(
        "a schedule fires at a time exactly when Next from one second before lands on it",
        arguments: [
            // Every fifteen minutes.
            ("Mon Jul 9 15:00 2012", "0/15 * * * *", true), ("Mon Jul 9 15:45 2012", "0/15 * * * *", true),
            ("Mon Jul 9 15:40 2012", "0/15 * * * *", false),
            // Every fifteen minutes, starting at 5 minutes.
            ("Mon Jul 9 15:05 2012", "5/15 * * * *", true), ("Mon Jul 9 15:20 2012", "5/15 * * * *", true),
            ("Mon Jul 9 15:50 2012", "5/15 * * * *", true),
            // Named months
            ("Sun Jul 15 15:00 2012", "0/15 * * Jul *", true), ("Sun Jul 15 15:00 2012", "0/15 * * Jun *", false),
            // Everything set.
            ("Sun Jul 15 08:30 2012", "30 08 ? Jul Sun", true), ("Sun Jul 15 08:30 2012", "30 08 15 Jul ?", true),
            ("Mon Jul 16 08:30 2012", "30 08 ? Jul Sun", false), ("Mon Jul 16 08:30 2012", "30 08 15 Jul ?", false),
            // Predefined schedules
            ("Mon Jul 9 15:00 2012", "@hourly", true), ("Mon Jul 9 15:04 2012", "@hourly", false), ("Mon Jul 9 15:00 2012", "@daily", false),
            ("Mon Jul 9 00:00 2012", "@daily", true), ("Mon Jul 9 00:00 2012", "@weekly", false), ("Sun Jul 8 00:00 2012", "@weekly", true),
            ("Sun Jul 8 01:00 2012", "@weekly", false), ("Sun Jul 8 00:00 2012", "@monthly", false), ("Sun Jul 1 00:00 2012", "@monthly", true),
            // Test interaction of DOW and DOM.
            // If both are restricted, then only one needs to match.
            ("Sun Jul 15 00:00 2012", "* * 1,15 * Sun", true), ("Fri Jun 15 00:00 2012", "* * 1,15 * Sun", true),
            ("Wed Aug 1 00:00 2012", "* * 1,15 * Sun", true), ("Sun Jul 15 00:00 2012", "* * */10 * Sun", true),  // verifies #70
            // However, if one has a star, then both need to match.
            ("Sun Jul 15 00:00 2012", "* * * * Mon", false), ("Mon Jul 9 00:00 2012", "* * 1,15 * *", false),
            ("Sun Jul 15 00:00 2012", "* * 1,15 * *", true), ("Sun Jul 15 00:00 2012", "* * */2 * Sun", true),
        ])
    func activation(time: String, spec: String, fires: Bool) throws {
        let schedule = try CronSchedule(parsing: spec)
        let at = try #require(TestTime.seconds(time))
        #expect((schedule.next(after: at - 1, in: .utc) == at) == fires)
    }

    // TestNext (robfig's seconds parser)
    @Test(
        "next activation",
        .enabled(
            if: ZoneFiles.exist(["America/New_York", "America/Sao_Paulo"]), "needs America/New_York and America/Sao_Paulo in /usr/share/zoneinfo"),
        arguments: [
            // Simple cases
            ("Mon Jul 9 14:45 2012", "0 0/15 * * * *", "Mon Jul 9 15:00 2012"), ("Mon Jul 9 14:59 2012", "0 0/15 * * * *", "Mon Jul 9 15:00 2012"),
            ("Mon Jul 9 14:59:59 2012", "0 0/15 * * * *", "Mon Jul 9 15:00 2012"),
            // Wrap around hours
            ("Mon Jul 9 15:45 2012", "0 20-35/15 * * * *", "Mon Jul 9 16:20 2012"),
            // Wrap around days
            ("Mon Jul 9 23:46 2012", "0 */15 * * * *", "Tue Jul 10 00:00 2012"),
            ("Mon Jul 9 23:45 2012", "0 20-35/15 * * * *", "Tue Jul 10 00:20 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 * * * *", "Tue Jul 10 00:20:15 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 1/2 * * *", "Tue Jul 10 01:20:15 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 10-12 * * *", "Tue Jul 10 10:20:15 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 1/2 */2 * *", "Thu Jul 11 01:20:15 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 * 9-20 * *", "Wed Jul 10 00:20:15 2012"),
            ("Mon Jul 9 23:35:51 2012", "15/35 20-35/15 * 9-20 Jul *", "Wed Jul 10 00:20:15 2012"),
            // Wrap around months
            ("Mon Jul 9 23:35 2012", "0 0 0 9 Apr-Oct ?", "Thu Aug 9 00:00 2012"),
            ("Mon Jul 9 23:35 2012", "0 0 0 */5 Apr,Aug,Oct Mon", "Tue Aug 1 00:00 2012"),
            ("Mon Jul 9 23:35 2012", "0 0 0 */5 Oct Mon", "Mon Oct 1 00:00 2012"),
            // Wrap around years
            ("Mon Jul 9 23:35 2012", "0 0 0 * Feb Mon", "Mon Feb 4 00:00 2013"),
            ("Mon Jul 9 23:35 2012", "0 0 0 * Feb Mon/2", "Fri Feb 1 00:00 2013"),
            // Wrap around minute, hour, day, month, and year
            ("Mon Dec 31 23:59:45 2012", "0 * * * * *", "Tue Jan 1 00:00:00 2013"),
            // Leap year
            ("Mon Jul 9 23:35 2012", "0 0 0 29 Feb ?", "Mon Feb 29 00:00 2016"),
            // Daylight savings time 2am EST (-5) -> 3am EDT (-4)
            ("2012-03-11T00:00:00-0500", "TZ=America/New_York 0 30 2 11 Mar ?", "2013-03-11T02:30:00-0400"),
            // hourly job
            ("2012-03-11T00:00:00-0500", "TZ=America/New_York 0 0 * * * ?", "2012-03-11T01:00:00-0500"),
            ("2012-03-11T01:00:00-0500", "TZ=America/New_York 0 0 * * * ?", "2012-03-11T03:00:00-0400"),
            ("2012-03-11T03:00:00-0400", "TZ=America/New_York 0 0 * * * ?", "2012-03-11T04:00:00-0400"),
            ("2012-03-11T04:00:00-0400", "TZ=America/New_York 0 0 * * * ?", "2012-03-11T05:00:00-0400"),
            // hourly job using CRON_TZ
            ("2012-03-11T00:00:00-0500", "CRON_TZ=America/New_York 0 0 * * * ?", "2012-03-11T01:00:00-0500"),
            ("2012-03-11T01:00:00-0500", "CRON_TZ=America/New_York 0 0 * * * ?", "2012-03-11T03:00:00-0400"),
            ("2012-03-11T03:00:00-0400", "CRON_TZ=America/New_York 0 0 * * * ?", "2012-03-11T04:00:00-0400"),
            ("2012-03-11T04:00:00-0400", "CRON_TZ=America/New_York 0 0 * * * ?", "2012-03-11T05:00:00-0400"),
            // 1am nightly job
            ("2012-03-11T00:00:00-0500", "TZ=America/New_York 0 0 1 * * ?", "2012-03-11T01:00:00-0500"),
            ("2012-03-11T01:00:00-0500", "TZ=America/New_York 0 0 1 * * ?", "2012-03-12T01:00:00-0400"),
            // 2am nightly job (skipped)
            ("2012-03-11T00:00:00-0500", "TZ=America/New_York 0 0 2 * * ?", "2012-03-12T02:00:00-0400"),
            // Daylight savings time 2am EDT (-4) => 1am EST (-5)
            ("2012-11-04T00:00:00-0400", "TZ=America/New_York 0 30 2 04 Nov ?", "2012-11-04T02:30:00-0500"),
            ("2012-11-04T01:45:00-0400", "TZ=America/New_York 0 30 1 04 Nov ?", "2012-11-04T01:30:00-0500"),
            // hourly job
            ("2012-11-04T00:00:00-0400", "TZ=America/New_York 0 0 * * * ?", "2012-11-04T01:00:00-0400"),
            ("2012-11-04T01:00:00-0400", "TZ=America/New_York 0 0 * * * ?", "2012-11-04T01:00:00-0500"),
            ("2012-11-04T01:00:00-0500", "TZ=America/New_York 0 0 * * * ?", "2012-11-04T02:00:00-0500"),
            // 1am nightly job (runs twice)
            ("2012-11-04T00:00:00-0400", "TZ=America/New_York 0 0 1 * * ?", "2012-11-04T01:00:00-0400"),
            ("2012-11-04T01:00:00-0400", "TZ=America/New_York 0 0 1 * * ?", "2012-11-04T01:00:00-0500"),
            ("2012-11-04T01:00:00-0500", "TZ=America/New_York 0 0 1 * * ?", "2012-11-05T01:00:00-0500"),
            // 2am nightly job
            ("2012-11-04T00:00:00-0400", "TZ=America/New_York 0 0 2 * * ?", "2012-11-04T02:00:00-0500"),
            ("2012-11-04T02:00:00-0500", "TZ=America/New_York 0 0 2 * * ?", "2012-11-05T02:00:00-0500"),
            // 3am nightly job
            ("2012-11-04T00:00:00-0400", "TZ=America/New_York 0 0 3 * * ?", "2012-11-04T03:00:00-0500"),
            ("2012-11-04T03:00:00-0500", "TZ=America/New_York 0 0 3 * * ?", "2012-11-05T03:00:00-0500"),
            // hourly job
            ("TZ=America/New_York 2012-11-04T00:00:00-0400", "0 0 * * * ?", "2012-11-04T01:00:00-0400"),
            ("TZ=America/New_York 2012-11-04T01:00:00-0400", "0 0 * * * ?", "2012-11-04T01:00:00-0500"),
            ("TZ=America/New_York 2012-11-04T01:00:00-0500", "0 0 * * * ?", "2012-11-04T02:00:00-0500"),
            // 1am nightly job (runs twice)
            ("TZ=America/New_York 2012-11-04T00:00:00-0400", "0 0 1 * * ?", "2012-11-04T01:00:00-0400"),
            ("TZ=America/New_York 2012-11-04T01:00:00-0400", "0 0 1 * * ?", "2012-11-04T01:00:00-0500"),
            ("TZ=America/New_York 2012-11-04T01:00:00-0500", "0 0 1 * * ?", "2012-11-05T01:00:00-0500"),
            // 2am nightly job
            ("TZ=America/New_York 2012-11-04T00:00:00-0400", "0 0 2 * * ?", "2012-11-04T02:00:00-0500"),
            ("TZ=America/New_York 2012-11-04T02:00:00-0500", "0 0 2 * * ?", "2012-11-05T02:00:00-0500"),
            // 3am nightly job
            ("TZ=America/New_York 2012-11-04T00:00:00-0400", "0 0 3 * * ?", "2012-11-04T03:00:00-0500"),
            ("TZ=America/New_York 2012-11-04T03:00:00-0500", "0 0 3 * * ?", "2012-11-05T03:00:00-0500"),
            // Unsatisfiable
            ("Mon Jul 9 23:35 2012", "0 0 0 30 Feb ?", ""), ("Mon Jul 9 23:35 2012", "0 0 0 31 Apr ?", ""),
            // Monthly job
            ("TZ=America/New_York 2012-11-04T00:00:00-0400", "0 0 3 3 * ?", "2012-12-03T03:00:00-0500"),
            // Test the scenario of DST resulting in midnight not being a valid time.
            // https://github.com/robfig/cron/issues/157
            ("2018-10-17T05:00:00-0400", "TZ=America/Sao_Paulo 0 0 9 10 * ?", "2018-11-10T06:00:00-0500"),
            ("2018-02-14T05:00:00-0500", "TZ=America/Sao_Paulo 0 0 9 22 * ?", "2018-02-22T07:00:00-0500"),
        ])
    func next(time: String, spec: String, expected: String) throws {
        let schedule = try CronSchedule(parsing: spec, layout: .withSeconds)
        let zone = try schedule.timeZoneName.map { try ZoneFiles.load($0) } ?? TestTime.zone(time)
        let from = try #require(TestTime.seconds(time))
        #expect(schedule.next(after: from, in: zone) == TestTime.seconds(expected))
    }

    // TestNextWithTz: robfig reads the schedule in the zone of the time it is given.
    @Test(
        "next activation in the given time's own zone",
        arguments: [
            // Failing tests
            ("2016-01-03T13:09:03+0530", "14 14 * * *", "2016-01-03T14:14:00+0530"),
            ("2016-01-03T04:09:03+0530", "14 14 * * ?", "2016-01-03T14:14:00+0530"),
            // Passing tests
            ("2016-01-03T14:09:03+0530", "14 14 * * *", "2016-01-03T14:14:00+0530"),
            ("2016-01-03T14:00:00+0530", "14 14 * * ?", "2016-01-03T14:14:00+0530"),
        ])
    func nextWithTimeZone(time: String, spec: String, expected: String) throws {
        let schedule = try CronSchedule(parsing: spec)
        let from = try #require(TestTime.seconds(time))
        #expect(schedule.next(after: from, in: try TestTime.zone(time)) == TestTime.seconds(expected))
    }
}

/// Behaviour of the search read from robfig's spec.go, beyond robfig's own tests.
@Suite("Cron next activation details")
struct CronNextDetailTests {
    private static let july9 = TestTime.utc("2012-07-09T15:00:00Z")

    @Test("@every adds its delay to the whole second")
    func every() throws {
        let schedule = try CronSchedule(parsing: "@every 90s")
        #expect(schedule.next(after: Self.july9, in: .utc) == Self.july9 + 90)
        #expect(schedule.next(afterMilliseconds: Self.july9 * 1_000 + 999, in: .utc) == (Self.july9 + 90) * 1_000)
    }

    @Test("fractions of a second are dropped before searching")
    func milliseconds() throws {
        let schedule = try CronSchedule(parsing: "* * * * *")
        #expect(schedule.next(afterMilliseconds: Self.july9 * 1_000 - 1, in: .utc) == Self.july9 * 1_000)
        #expect(schedule.next(afterMilliseconds: Self.july9 * 1_000, in: .utc) == (Self.july9 + 60) * 1_000)
        #expect(schedule.next(afterMilliseconds: Self.july9 * 1_000 + 500, in: .utc) == (Self.july9 + 60) * 1_000)
    }

    @Test("nothing within five years is nil; February 29 is found across a leap gap")
    func fiveYears() throws {
        #expect(try CronSchedule(parsing: "0 0 30 2 *").next(after: Self.july9, in: .utc) == nil)
        #expect(try CronSchedule(parsing: "0 0 29 2 *").next(after: Self.july9, in: .utc) == TestTime.utc("2016-02-29T00:00:00Z"))
        // 2100 is not a leap year: from March 2096 the next February 29 is in 2104, past the limit.
        #expect(try CronSchedule(parsing: "0 0 29 2 *").next(after: TestTime.utc("2096-03-01T00:00:00Z"), in: .utc) == nil)
    }

    /// Worked by hand from spec.go and Go's `time.Date`: Cairo's 2023 daylight time began at
    /// midnight on Friday April 28, so `AddDate` lands on 01:00, robfig's nudge takes it back to
    /// 23:00 on the 27th, and the next step jumps to the 29th: robfig never sees April 28, 2023.
    @Test(
        "east of Greenwich robfig skips a day whose midnight is skipped",
        .enabled(if: ZoneFiles.exists("Africa/Cairo"), "needs Africa/Cairo in /usr/share/zoneinfo"))
    func skippedMidnight() throws {
        let schedule = try CronSchedule(parsing: "0 9 28 4 *")
        let cairo = try ZoneFiles.load("Africa/Cairo")
        #expect(schedule.next(after: TestTime.utc("2023-04-01T00:00:00Z"), in: cairo) == TestTime.utc("2024-04-28T06:00:00Z"))
        // From the 28th itself there is no day step, so 09:00 that day is found.
        #expect(schedule.next(after: TestTime.utc("2023-04-28T00:00:00Z"), in: cairo) == TestTime.utc("2023-04-28T06:00:00Z"))
    }

    @Test("a fixed offset shifts the wall clock")
    func fixedOffset() throws {
        let schedule = try CronSchedule(parsing: "0 9 * * *")
        let tokyo = UTCOffsets(fixedOffset: 9 * 3_600)
        #expect(schedule.next(after: TestTime.utc("2024-01-01T00:00:00Z"), in: tokyo) == TestTime.utc("2024-01-02T00:00:00Z"))
    }

    @Test("instants outside the supported range find nothing")
    func outOfRange() throws {
        let schedule = try CronSchedule(parsing: "* * * * *")
        #expect(schedule.next(after: Int64.max, in: .utc) == nil)
        #expect(schedule.next(after: Int64.min, in: .utc) == nil)
    }
}
