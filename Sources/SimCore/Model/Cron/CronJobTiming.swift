/// The schedule arithmetic of the Kubernetes v1.32 CronJob controller (pkg/controller/cronjob/utils.go:
/// `mostRecentScheduleTime`, `nextScheduleTime`, `nextScheduleTimeDuration`), as pure functions.
///
/// Times are milliseconds since the Unix epoch: the controller's `now` and the object timestamps
/// need not be whole seconds, robfig drops the fraction before searching, and the requeue delay
/// carries a 100 ms pad. Go's `time.Duration` spans ±292 years: differences of instants
/// (`Time.Sub`) saturate there as in Go. Two deviations keep absurd inputs from hanging or
/// wrapping: a starting deadline beyond 292 years saturates where Go's product would wrap, and
/// when the last schedule time is more than 292 years before `now` (where upstream walks the
/// schedule from centuries back, practically forever) the most recent time is found by searching
/// back from `now`. Instants outside `CivilDateTime.supportedSeconds` are clamped into it.
public struct CronJobTiming: Sendable, Hashable {
    /// The parsed `spec.schedule`.
    public var schedule: CronSchedule
    /// The zone robfig reads the schedule in: `spec.timeZone`'s (or the schedule's `TZ=` prefix's)
    /// zone, else kube-controller-manager's local zone.
    public var zone: UTCOffsets
    /// `metadata.creationTimestamp`, in milliseconds since the Unix epoch.
    public var creationTimestamp: Int64
    /// `status.lastScheduleTime`, in milliseconds since the Unix epoch, if set.
    public var lastScheduleTime: Int64?
    /// `spec.startingDeadlineSeconds`, if set (validation keeps it non-negative).
    public var startingDeadlineSeconds: Int64?

    /// Upstream's `nextScheduleDelta`: requeues aim 100 ms after the next schedule time, to absorb
    /// clock skew.
    public static let nextScheduleDeltaMilliseconds: Int64 = 100

    /// A CronJob's timing from its fields.
    public init(
        schedule: CronSchedule, zone: UTCOffsets, creationTimestamp: Int64, lastScheduleTime: Int64? = nil, startingDeadlineSeconds: Int64? = nil
    ) {
        self.schedule = schedule
        self.zone = zone
        self.creationTimestamp = creationTimestamp
        self.lastScheduleTime = lastScheduleTime
        self.startingDeadlineSeconds = startingDeadlineSeconds
    }

    /// Upstream's `missedSchedulesType`: none, a few, or more than 100 missed start times.
    public enum MissedSchedules: Sendable, Hashable {
        /// No start time was missed (`noneMissed`).
        case none
        /// 1 to 100 start times were missed (`fewMissed`).
        case few
        /// More than 100 start times were missed (`manyMissed`).
        case many
    }

    /// What `mostRecentScheduleTime` returns when it succeeds.
    public struct MostRecent: Sendable, Hashable {
        /// Where the search started: the last schedule time, else the creation time, moved up to
        /// `now - startingDeadlineSeconds` when that is later and the deadline is included.
        public let earliestTime: Int64
        /// The latest schedule time in `(earliestTime, now]`, or nil if there is none.
        public let mostRecentTime: Int64?
        /// How many schedule times were missed, by upstream's estimate.
        public let missedSchedules: MissedSchedules
    }

    /// Upstream's error for a schedule whose next two times are less than a second apart, which
    /// is what an impossible schedule such as "59 23 31 2 *" yields (both are Go's zero time).
    public struct ScheduleGapError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The error; it carries nothing but its message.
        public init() {}

        /// The text shown in messages and test failures.
        public var description: String { "time difference between two schedules is less than 1 second" }
    }

    /// A start time `nextScheduleTime` found, and whether upstream would record the
    /// "TooManyMissedTimes" warning event with it.
    public struct Due: Sendable, Hashable {
        /// The scheduled time to start a Job for, in milliseconds since the Unix epoch.
        public let scheduledTime: Int64
        /// True when more than 100 start times were missed.
        public let tooManyMissed: Bool
    }

    /// Upstream's `mostRecentScheduleTime`.
    ///
    /// It finds t1 and t2, the next two schedule times after `earliestTime`. If `now` is before t1
    /// there is nothing due; before t2, t1 is due. Otherwise it estimates the number of missed
    /// times as (now - t1) / (t2 - t1) + 1, jumps to t1 + (estimate - 2) intervals, and walks the
    /// schedule from there to the last time not after `now`. The estimate, not the walk, decides
    /// `missedSchedules` (more than 100 is "many"). A walk that meets a time robfig cannot find
    /// stops there (upstream would loop from year 1 again); see the type's notes for gaps of more
    /// than 292 years.
    public func mostRecentScheduleTime(now: Int64, includeStartingDeadlineSeconds: Bool) throws(ScheduleGapError) -> MostRecent {
        let now = Self.clamped(now)
        var earliest = Self.clamped(lastScheduleTime ?? creationTimestamp)
        if includeStartingDeadlineSeconds, let startingDeadlineSeconds {
            // now.Add(-time.Second * time.Duration(seconds)).
            let deadline = now + Self.goDurationMilliseconds(seconds: -startingDeadlineSeconds)
            if deadline > earliest { earliest = deadline }
        }
        let first = goNextMilliseconds(after: earliest)
        let second = goNextMilliseconds(after: first)
        if now < first { return MostRecent(earliestTime: earliest, mostRecentTime: nil, missedSchedules: .none) }
        if now < second { return MostRecent(earliestTime: earliest, mostRecentTime: first, missedSchedules: .none) }
        // t2.Sub(t1).Round(time.Second).Seconds(): both are whole seconds, so only saturation matters.
        let interval = Self.goDurationMilliseconds(second - first) / 1_000
        guard interval >= 1 else { throw ScheduleGapError() }
        let elapsed = Self.goDurationMilliseconds(now - first) / 1_000
        let missed = elapsed / interval + 1
        let missedSchedules: MissedSchedules = missed > 100 ? .many : missed > 0 ? .few : .none
        guard now - first <= Self.goDurationLimitMilliseconds else {
            // Go's durations cannot span the gap, so upstream's walk would start centuries back.
            return MostRecent(earliestTime: earliest, mostRecentTime: latestTime(atOrBefore: now), missedSchedules: missedSchedules)
        }
        // t1.Add(time.Duration((missed-2)*interval) * time.Second); the product fits, as it is
        // at most now - t1.
        var time = goNextMilliseconds(after: first + Self.goDurationMilliseconds(seconds: (missed - 2) * interval))
        var mostRecent: Int64?
        while time <= now {
            mostRecent = time
            if time == Self.goZeroMilliseconds { break }
            time = goNextMilliseconds(after: time)
        }
        if mostRecent == Self.goZeroMilliseconds { mostRecent = nil }
        return MostRecent(earliestTime: earliest, mostRecentTime: mostRecent, missedSchedules: missedSchedules)
    }

    /// Upstream's `nextScheduleTime`: the schedule time to start a Job for at `now` (the deadline
    /// included), or nil when nothing is due; throws what `mostRecentScheduleTime` throws.
    public func nextScheduleTime(now: Int64) throws(ScheduleGapError) -> Due? {
        let result = try mostRecentScheduleTime(now: now, includeStartingDeadlineSeconds: true)
        guard let time = result.mostRecentTime, time <= now else { return nil }
        return Due(scheduledTime: time, tooManyMissed: result.missedSchedules == .many)
    }

    /// Upstream's `nextScheduleTimeDuration`: milliseconds from `now` until the controller should
    /// look at the CronJob again, 100 ms past the next schedule time.
    ///
    /// The next time is counted from the most recent schedule time (the deadline not included);
    /// if there is none, from `earliestTime` when nothing was missed and from `now` otherwise; and
    /// from `now` when the schedule has no two times a second apart. A schedule with no next time
    /// gives Go's result, a hugely negative duration (an immediate requeue).
    public func nextScheduleTimeDuration(now: Int64) -> Int64 {
        let now = Self.clamped(now)
        var from = now
        if let result = try? mostRecentScheduleTime(now: now, includeStartingDeadlineSeconds: false) {
            from = result.mostRecentTime ?? (result.missedSchedules == .none ? result.earliestTime : now)
        }
        return Self.goDurationMilliseconds(goNextMilliseconds(after: from) + Self.nextScheduleDeltaMilliseconds - now)
    }

    /// `milliseconds` moved into `CivilDateTime.supportedSeconds`, so that no difference overflows.
    static func clamped(_ milliseconds: Int64) -> Int64 {
        min(max(milliseconds, CivilDateTime.supportedSeconds.lowerBound * 1_000), CivilDateTime.supportedSeconds.upperBound * 1_000)
    }

    /// The latest schedule time not after `now`, found by walking windows that grow eightfold from
    /// an hour back: the answer upstream's walk reaches, without visiting centuries of times.
    private func latestTime(atOrBefore now: Int64) -> Int64? {
        var window: Int64 = 3_600_000
        while window <= 1_000 * 366 * 86_400_000 {
            var time = goNextMilliseconds(after: now - window)
            if time != Self.goZeroMilliseconds && time <= now {
                while true {
                    let next = goNextMilliseconds(after: time)
                    if next == Self.goZeroMilliseconds || next > now { return time }
                    time = next
                }
            }
            window *= 8
        }
        return nil
    }

    /// The longest Go `time.Duration`, 2^63 - 1 ns, in whole milliseconds.
    static let goDurationLimitMilliseconds = Int64.max / 1_000_000

    /// Go's zero time in milliseconds since the Unix epoch.
    static let goZeroMilliseconds = CronSchedule.goZeroTime * 1_000

    /// robfig's `Next` in milliseconds, with Go's zero time when nothing matches. Go's zero time
    /// is in UTC, so a schedule without its own zone searches from it in UTC.
    private func goNextMilliseconds(after milliseconds: Int64) -> Int64 {
        let searchZone = milliseconds == Self.goZeroMilliseconds && schedule.timeZoneName == nil ? UTCOffsets.utc : zone
        return schedule.goNext(after: CivilDateTime.floorDivide(milliseconds, 1_000), in: searchZone) * 1_000
    }

    /// `seconds` as a Go `time.Duration` in whole milliseconds, saturated where Go's multiplication
    /// by `time.Second` would wrap.
    static func goDurationMilliseconds(seconds: Int64) -> Int64 {
        let limit = Int64.max / 1_000_000_000
        return min(max(seconds, -limit), limit) * 1_000
    }

    /// A difference of two instants as Go's `Time.Sub` gives it, saturated to the range of a
    /// `time.Duration` (±2^63 ns), in whole milliseconds towards zero.
    static func goDurationMilliseconds(_ milliseconds: Int64) -> Int64 {
        min(max(milliseconds, -goDurationLimitMilliseconds), goDurationLimitMilliseconds)
    }
}
