import Testing

@testable import SimCore

/// Kubernetes pkg/controller/cronjob/utils_test.go (v1.29 to v1.32), ported; expected values are
/// upstream's. Upstream's times are offsets from `topOfTheHour()`, 2016-05-19T10:00:00Z (a
/// Thursday); here they are milliseconds since the Unix epoch.
@Suite("CronJob controller schedule times")
struct CronJobTimingTests {
    private static let second: Int64 = 1_000
    private static let minute: Int64 = 60 * second
    private static let hour: Int64 = 60 * minute
    private static let day: Int64 = 24 * hour
    /// topOfTheHour()
    private static let top = TestTime.utc("2016-05-19T10:00:00Z") * 1_000
    /// deltaTimeAfterTopOfTheHour(delta)
    private static func at(_ delta: Int64) -> Int64 { top + delta }

    private static func timing(
        _ schedule: String, created: Int64, last: Int64? = nil, startingDeadlineSeconds: Int64? = nil
    ) throws -> CronJobTiming {
        CronJobTiming(
            schedule: try CronSchedule(parsing: schedule), zone: .utc, creationTimestamp: created, lastScheduleTime: last,
            startingDeadlineSeconds: startingDeadlineSeconds)
    }

    /// One row of TestMostRecentScheduleTime.
    struct MostRecentCase: Sendable, CustomTestStringConvertible {
        let name: String
        let schedule: String
        let created: Int64
        var last: Int64?
        var startingDeadlineSeconds: Int64?
        var includeStartingDeadlineSeconds = false
        let now: Int64
        var earliest: Int64 = 0
        var recent: Int64?
        var missed = CronJobTiming.MissedSchedules.none
        var wantError = false

        var testDescription: String { name }
    }

    // TestMostRecentScheduleTime
    @Test(
        "mostRecentScheduleTime",
        arguments: [
            MostRecentCase(name: "now before next schedule", schedule: "0 * * * *", created: top, now: top + 30 * second, earliest: top),
            MostRecentCase(
                name: "now just after next schedule", schedule: "0 * * * *", created: top, now: top + 61 * minute, earliest: top,
                recent: at(60 * minute)),
            MostRecentCase(
                name: "missed 5 schedules", schedule: "0 * * * *", created: at(10 * second), now: at(301 * minute), earliest: at(10 * second),
                recent: at(300 * minute), missed: .few),
            MostRecentCase(
                name: "complex schedule", schedule: "30 6-16/4 * * 1-5", created: top, last: at(30 * minute), now: at(24 * hour + 31 * minute),
                earliest: at(30 * minute), recent: at(24 * hour + 30 * minute), missed: .few),
            MostRecentCase(
                name: "another complex schedule", schedule: "30 10,11,12 * * 1-5", created: top, last: at(30 * minute),
                now: at(30 * hour + 30 * minute), earliest: at(30 * minute), recent: nil, missed: .few),
            MostRecentCase(
                name: "complex schedule with longer diff between executions", schedule: "30 6-16/4 * * 1-5", created: top, last: at(30 * minute),
                now: at(96 * hour + 31 * minute), earliest: at(30 * minute), recent: at(96 * hour + 30 * minute), missed: .few),
            MostRecentCase(
                name: "complex schedule with shorter diff between executions", schedule: "30 6-16/4 * * 1-5", created: top,
                now: at(24 * hour + 31 * minute), earliest: top, recent: at(24 * hour + 30 * minute), missed: .few),
            MostRecentCase(
                name: "@every schedule", schedule: "@every 1h", created: at(-59 * minute), last: at(1 * minute), startingDeadlineSeconds: 10,
                now: at(7 * day), earliest: at(1 * minute), recent: at(6 * day + 23 * hour + 1 * minute), missed: .many),
            MostRecentCase(
                name: "rogue cronjob", schedule: "59 23 31 2 *", created: at(10 * second), now: at(1 * hour), recent: nil, wantError: true),
            MostRecentCase(
                name: "earliestTime being CreationTimestamp and LastScheduleTime", schedule: "0 * * * *", created: top, last: top,
                now: at(30 * second), earliest: top, recent: nil),
            MostRecentCase(
                name: "earliestTime being LastScheduleTime", schedule: "*/5 * * * *", created: top, last: at(30 * minute), now: at(31 * minute),
                earliest: at(30 * minute), recent: nil),
            MostRecentCase(
                name: "earliestTime being LastScheduleTime (within StartingDeadlineSeconds)", schedule: "*/5 * * * *", created: top,
                last: at(30 * minute), startingDeadlineSeconds: 60, now: at(31 * minute), earliest: at(30 * minute), recent: nil),
            MostRecentCase(
                name: "earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)", schedule: "*/5 * * * *", created: top,
                last: at(30 * minute), startingDeadlineSeconds: 60, includeStartingDeadlineSeconds: true, now: at(32 * minute),
                earliest: at(31 * minute), recent: nil),
        ])
    func mostRecentScheduleTime(row: MostRecentCase) throws {
        let timing = try Self.timing(row.schedule, created: row.created, last: row.last, startingDeadlineSeconds: row.startingDeadlineSeconds)
        do {
            let result = try timing.mostRecentScheduleTime(now: row.now, includeStartingDeadlineSeconds: row.includeStartingDeadlineSeconds)
            #expect(!row.wantError, "expected an error")
            #expect(result.earliestTime == row.earliest)
            #expect(result.mostRecentTime == row.recent)
            #expect(result.missedSchedules == row.missed)
        } catch {
            #expect(row.wantError, "unexpected error \(error)")
        }
    }

    // TestNextScheduleTimeDuration
    @Test(
        "nextScheduleTimeDuration",
        arguments: [
            ("complex schedule skipping weekend", "30 6-16/4 * * 1-5", at(30 * minute), at(24 * hour + 31 * minute), 3 * hour + 59 * minute),
            ("another complex schedule skipping weekend", "30 10,11,12 * * 1-5", at(30 * minute), at(30 * hour + 30 * minute), 66 * hour),
            ("once a week cronjob, missed two runs", "0 12 * * 4", at(2 * hour), at(19 * day + 1 * hour + 30 * minute), 48 * hour + 30 * minute),
            ("no previous run of a cronjob", "0 12 * * 5", nil, at(6 * hour), 20 * hour),
        ] as [(String, String, Int64?, Int64, Int64)])
    func nextScheduleTimeDuration(name: String, schedule: String, last: Int64?, now: Int64, expected: Int64) throws {
        let timing = try Self.timing(schedule, created: Self.top, last: last)
        #expect(timing.nextScheduleTimeDuration(now: now) == expected + CronJobTiming.nextScheduleDeltaMilliseconds, "\(name)")
    }

    // TestNextScheduleTime: "0 * * * ?", T1 = topOfTheHour, T2 = T1 + 1h.
    @Test(
        "nextScheduleTime",
        arguments: [
            ("no known start times, and none needed yet", top - 10 * minute, nil, nil, top - 7 * minute, nil),
            ("no known start times, and one needed", top - 10 * minute, nil, nil, top + 2 * second, top),
            ("known LastScheduleTime, no start needed", top - 10 * minute, top, nil, top + 2 * minute, nil),
            ("known LastScheduleTime, a start needed", top - 10 * minute, top, nil, top + hour + 5 * minute, top + hour),
            ("known LastScheduleTime, two starts needed", top - 2 * hour, top - hour, nil, top + hour + 5 * minute, top + hour),
        ] as [(String, Int64, Int64?, Int64?, Int64, Int64?)])
    func nextScheduleTime(name: String, created: Int64, last: Int64?, deadline: Int64?, now: Int64, expected: Int64?) throws {
        let timing = try Self.timing("0 * * * ?", created: created, last: last, startingDeadlineSeconds: deadline)
        #expect(try timing.nextScheduleTime(now: now)?.scheduledTime == expected, "\(name)")
    }

    // TestNextScheduleTime cases 6 and 7: now is way ahead of the last start time.
    @Test("nextScheduleTime after a long gap, with and without a deadline", arguments: [nil, 2 * 60 * 60] as [Int64?])
    func longGap(deadline: Int64?) throws {
        let timing = try Self.timing("0 * * * ?", created: Self.top - 2 * Self.hour, last: Self.top - Self.hour, startingDeadlineSeconds: deadline)
        #expect(try timing.nextScheduleTime(now: Self.top + Self.hour + 10 * Self.day) != nil)
    }

    // TestNextScheduleTime case 8: the error from mostRecentScheduleTime gets populated up.
    @Test("nextScheduleTime reports a rogue schedule")
    func rogue() throws {
        let timing = try Self.timing("59 23 31 2 *", created: Self.top + 10 * Self.second, startingDeadlineSeconds: 2 * 60 * 60)
        #expect(throws: CronJobTiming.ScheduleGapError()) { try timing.nextScheduleTime(now: Self.top + Self.hour) }
    }
}

/// Behaviour read from utils.go beyond upstream's tables.
@Suite("CronJob controller schedule time details")
struct CronJobTimingDetailTests {
    private static let top = TestTime.utc("2016-05-19T10:00:00Z") * 1_000

    @Test("more than 100 missed times is many, and the most recent is still found")
    func manyMissed() throws {
        let timing = CronJobTiming(schedule: try CronSchedule(parsing: "* * * * *"), zone: .utc, creationTimestamp: Self.top)
        let now = Self.top + 200 * 60_000 + 30_000
        let result = try timing.mostRecentScheduleTime(now: now, includeStartingDeadlineSeconds: false)
        #expect(result.missedSchedules == .many)
        #expect(result.mostRecentTime == Self.top + 200 * 60_000)
        #expect(try timing.nextScheduleTime(now: now) == CronJobTiming.Due(scheduledTime: Self.top + 200 * 60_000, tooManyMissed: true))
    }

    @Test("the deadline moves the earliest time up, to the millisecond")
    func deadline() throws {
        let timing = CronJobTiming(
            schedule: try CronSchedule(parsing: "0 * * * *"), zone: .utc, creationTimestamp: Self.top, startingDeadlineSeconds: 60)
        // Within the deadline of the 15:00 start, it is due.
        let within = Self.top + 5 * 3_600_000 + 1_500
        #expect(try timing.nextScheduleTime(now: within)?.scheduledTime == Self.top + 5 * 3_600_000)
        // Past it, the earliest time passes 15:00 and nothing is due.
        let past = Self.top + 5 * 3_600_000 + 61_500
        let result = try timing.mostRecentScheduleTime(now: past, includeStartingDeadlineSeconds: true)
        #expect(result.earliestTime == Self.top + 5 * 3_600_000 + 1_500)
        #expect(result.mostRecentTime == nil)
        #expect(try timing.nextScheduleTime(now: past) == nil)
    }

    @Test("a start time centuries back does not send the walk through every minute since")
    func centuriesBack() throws {
        let timing = CronJobTiming(schedule: try CronSchedule(parsing: "* * * * *"), zone: .utc, creationTimestamp: Int64.min)
        let now = Self.top + 90_500
        let result = try timing.mostRecentScheduleTime(now: now, includeStartingDeadlineSeconds: false)
        #expect(result.mostRecentTime == Self.top + 60_000)
        #expect(result.missedSchedules == .many)
        // Thursdays at noon; topOfTheHour is Thursday 10:00, so the latest is a week earlier at noon.
        let weekly = CronJobTiming(schedule: try CronSchedule(parsing: "0 12 * * 4"), zone: .utc, creationTimestamp: 0, lastScheduleTime: -(1 << 50))
        let lastThursdayNoon = Self.top - 7 * 86_400_000 + 2 * 3_600_000
        #expect(try weekly.mostRecentScheduleTime(now: Self.top, includeStartingDeadlineSeconds: false).mostRecentTime == lastThursdayNoon)
    }

    @Test("a rogue schedule requeues from now: Go's hugely negative duration")
    func rogueDuration() throws {
        let timing = CronJobTiming(schedule: try CronSchedule(parsing: "59 23 31 2 *"), zone: .utc, creationTimestamp: Self.top)
        #expect(timing.nextScheduleTimeDuration(now: Self.top) == -(Int64.max / 1_000_000))
    }
}
