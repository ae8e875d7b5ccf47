import TestSupport
import Testing

@testable import SimCore

/// CronJobs end to end, with the invariants checked after every event.
///
/// The arithmetic every test shares: the scenario starts at `SimulationSetup.defaultStartTime`,
/// 2024-01-01T00:00:00Z, 1,704,067,200 s after the epoch, which is minute 28,401,120; a Job's name
/// ends in the minute of its schedule time. The controller looks 100 ms after each schedule time
/// (upstream's `nextScheduleDelta`), so a Job for minute m is created at m × 60 s + 100 ms; its
/// pod is bound at once, runs 2 s later (the pool's default startup delay) and ends its run
/// duration after that.
@Suite("CronJobs")
struct CronJobTests {
    static let startMinute: Int64 = 28_401_120

    /// A CronJob `name` whose Jobs each run one pod for `runFor`, failing every time when
    /// `failing` (with `backoffLimit: 0`, so the Job fails with its pod).
    static func cronJob(
        _ name: String = "report", schedule: String, runFor: SimTime, failing: Bool = false, policy: ConcurrencyPolicy = .allow,
        startingDeadlineSeconds: Int64? = nil, suspend: Bool = false, zone: (name: String, offsets: UTCOffsets)? = nil
    ) throws -> CronJobSpec {
        var template = Build.template(app: name)
        template.spec.restartPolicy = .never
        template.runDuration = .fixed(runFor)
        if failing { template.failureProbability = 1 }
        let job = JobSpec(
            meta: ObjectMeta(name: name, labels: Labels([("team", "data")])), backoffLimit: failing ? 0 : 6,
            selector: LabelSelector(matchLabels: Labels([("app", name)])), template: template)
        let cron = try CronSchedule(parsing: zone.map { "TZ=\($0.name) \(schedule)" } ?? schedule)
        return CronJobSpec(
            meta: ObjectMeta(name: name), schedule: schedule, cron: cron, timeZone: zone?.name, zone: zone?.offsets ?? .utc,
            concurrencyPolicy: policy, startingDeadlineSeconds: startingDeadlineSeconds, suspend: suspend, jobTemplate: job)
    }

    static func simulation(_ cronJobs: [CronJobSpec], startTime: Int64 = SimulationSetup.defaultStartTime) throws -> Simulation {
        var setup = SimulationSetup(name: "cron", duration: 30 * Millis.hour, nodePools: [Build.pool("general", count: 2)])
        setup.cronJobs = cronJobs
        setup.startTime = startTime
        return try Build.simulation(setup)
    }

    static func events(_ simulation: Simulation, _ reason: String) -> [(time: SimTime, message: String)] {
        simulation.eventLog.filter { $0.reason == reason && $0.object.kind == "CronJob" }.map { ($0.time, $0.message) }
    }

    static func created(_ simulation: Simulation) -> [(time: SimTime, message: String)] { events(simulation, "SuccessfulCreate") }

    static func name(minute: Int, _ cronJob: String = "report") -> String { "\(cronJob)-\(startMinute + Int64(minute))" }

    @Test("*/10 over an hour: a Job at 0:10, 0:20, … 1:00, none for 0:00, the CronJob's creation time")
    func everyTenMinutes() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "*/10 * * * *", runFor: 3 * Millis.minute)])
        // Schedule times strictly after the creation time 0:00: 0:10 … 0:50 are due by 1:00, and
        // 1:00's Job comes 100 ms after it.
        simulation.run(until: Millis.hour)
        #expect(Self.created(simulation).map(\.time) == [600_100, 1_200_100, 1_800_100, 2_400_100, 3_000_100])
        simulation.run(until: Millis.hour + 100)
        #expect(simulation.invariantViolations.isEmpty)
        let created = Self.created(simulation)
        #expect(created.map(\.time) == [600_100, 1_200_100, 1_800_100, 2_400_100, 3_000_100, 3_600_100])
        #expect(created.map(\.message) == [10, 20, 30, 40, 50, 60].map { "Created job \(Self.name(minute: $0))" })
        let cluster = simulation.cluster
        let cronJob = cluster.cronJobs[CronJobID(0)]
        // 1:00 is 1,704,067,200 + 3,600 = 1,704,070,800 s.
        #expect(cronJob.status.lastScheduleTime == 1_704_070_800_000)
        #expect(cronJob.runs.created == 6)
        // Each Job of 3 minutes ended 3 min 2 s after its creation, before the next; the Job
        // controller syncs a second after its pod's last change (upstream's syncJobBatchPeriod),
        // and the CronJob sees the Job complete then.
        #expect(cronJob.runs.succeeded == 5)
        let firstSeen = try #require(Self.events(simulation, "SawCompletedJob").first)
        #expect(firstSeen.message == "Saw completed job: \(Self.name(minute: 10)), condition: Complete")
        let firstEnd: SimTime = 600_100 + 2_000 + 180_000 + 1_000
        #expect(firstSeen.time == firstEnd)
        // The first Job: the template's labels and annotations, the schedule time annotation in
        // UTC, and the CronJob as its owner, also of its pods in placements.csv.
        let first = cluster.jobs[JobID(0)]
        #expect(first.name == Self.name(minute: 10))
        #expect(first.cronJob == CronJobID(0))
        #expect(first.spec.meta.labels["team"] == "data")
        #expect(first.spec.meta.annotations[CronJobController.scheduledTimestampAnnotation] == "2024-01-01T00:10:00Z")
        #expect(simulation.placements.first?.workload == "CronJob/default/report")
        // Its Jobs are not top-level workloads; the CronJob is.
        #expect(cluster.topLevelWorkloads == [.cronJob(CronJobID(0))])
    }

    @Test("Forbid skips schedule times while a Job runs, then starts the most recent one missed as soon as it ends")
    func forbid() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "*/10 * * * *", runFor: 25 * Millis.minute, policy: .forbid)])
        var mostActive = 0
        simulation.observer = { simulation in mostActive = max(mostActive, simulation.cluster.cronJobs[CronJobID(0)].status.active.count) }
        simulation.run(until: 65 * Millis.minute)
        #expect(simulation.invariantViolations.isEmpty)
        // A (0:10) is created at 600.1 s, its pod ends at 600.1 + 2 + 1,500 = 2,102.1 s and the
        // Job, syncing a second later, completes at 2,103.1 s: 0:20 and 0:30 came while it ran.
        // Then the most recent unmet time is 0:30 (earliest 0:10, t1 = 0:20, t2 = 0:30 ≤ now;
        // ⌊(2,103.1 − 1,200) s ÷ 600⌋ + 1 = 2 missed; walking from 0:20 finds 0:30), so B (0:30)
        // starts at once; its pod runs to 2,105.1 + 1,500 = 3,605.1 s and B completes at 3,606.1 s,
        // after 0:40, 0:50 and 1:00; then C (1:00).
        let created = Self.created(simulation)
        #expect(created.map(\.time) == [600_100, 2_103_100, 3_606_100])
        #expect(created.map(\.message) == [10, 30, 60].map { "Created job \(Self.name(minute: $0))" })
        let skipped = Self.events(simulation, "JobAlreadyActive")
        #expect(skipped.map(\.time) == [1_200_100, 1_800_100, 2_400_100, 3_000_100, 3_600_100])
        #expect(skipped.allSatisfy { $0.message == "Not starting job because prior execution is running and concurrency policy is Forbid" })
        #expect(mostActive == 1)
    }

    @Test("startingDeadlineSeconds: a schedule time missed by more than the deadline is not run late")
    func startingDeadline() throws {
        let simulation = try Self.simulation([
            try Self.cronJob(schedule: "*/10 * * * *", runFor: 25 * Millis.minute, policy: .forbid, startingDeadlineSeconds: 60)
        ])
        simulation.run(until: 45 * Millis.minute)
        // A ends at 2,102.1 s, as in the Forbid test; with the deadline, the search starts at
        // max(0:10, 2,102.1 − 60 s) = 2,042.1 s, and the next time, 0:40 = 2,400 s, is not due.
        // At 2,400.1 s it starts at max(0:10, 2,340.1 s): 0:40 is due and 100 ms late, within 60 s.
        #expect(Self.created(simulation).map(\.time) == [600_100, 2_400_100])
        #expect(Self.created(simulation).map(\.message) == [10, 40].map { "Created job \(Self.name(minute: $0))" })
    }

    @Test("startingDeadlineSeconds 0 never starts a Job: the controller looks 100 ms after each time, past the deadline")
    func zeroDeadline() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "*/10 * * * *", runFor: Millis.minute, startingDeadlineSeconds: 0)])
        simulation.run(until: Millis.hour + 100)
        // At 600.1 s the search starts at now − 0 s: robfig's next time after 600.1 s is 1,200 s.
        #expect(Self.created(simulation).isEmpty)
    }

    @Test("Replace deletes the running Job, then creates the new one")
    func replace() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "*/10 * * * *", runFor: 15 * Millis.minute, policy: .replace)])
        simulation.run(until: 30 * Millis.minute + 100)
        #expect(simulation.invariantViolations.isEmpty)
        // A (0:10) would run to 600.1 + 2 + 900 = 1,502.1 s; at 1,200.1 s it is replaced by B,
        // which would run to 2,102.1 s and is replaced by C at 1,800.1 s.
        let deleted = Self.events(simulation, "SuccessfulDelete")
        #expect(deleted.map(\.time) == [1_200_100, 1_800_100])
        #expect(deleted.map(\.message) == [10, 20].map { "Deleted job \(Self.name(minute: $0))" })
        #expect(Self.created(simulation).map(\.time) == [600_100, 1_200_100, 1_800_100])
        // At 1,200.1 s the deletion comes first.
        let atTwenty = simulation.eventLog.filter { $0.time == 1_200_100 && $0.object.kind == "CronJob" }.map(\.reason)
        #expect(atTwenty == ["SuccessfulDelete", "SuccessfulCreate"])
        let cluster = simulation.cluster
        #expect(cluster.jobs[JobID(0)].deletedAt == 1_200_100)
        #expect(cluster.cronJobs[CronJobID(0)].runs == CronJobRuns(created: 3, succeeded: 0, failed: 0, replaced: 2))
        #expect(cluster.cronJobs[CronJobID(0)].status.active == [JobID(2)])
        #expect(Self.events(simulation, "SawCompletedJob").isEmpty)
    }

    @Test("successfulJobsHistoryLimit 3: each Job that completes past three deletes the oldest")
    func successfulHistory() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "* * * * *", runFor: 10 * Millis.second)])
        simulation.run(until: 10 * Millis.minute + 100)
        #expect(simulation.invariantViolations.isEmpty)
        // Job k (minute k, k = 1 … 10) is created at k × 60 s + 0.1 s; its pod ends 12 s later
        // and the Job completes a second after that (its batched sync): jobs 1 … 9 by 553.1 s.
        // The 4th completion finds 4 succeeded Jobs and deletes job 1 (the earliest start), and
        // so on: jobs 1 … 6 deleted at the completions of 4 … 9.
        let deleted = Self.events(simulation, "SuccessfulDelete")
        #expect(deleted.map(\.message) == (1...6).map { "Deleted job \(Self.name(minute: $0))" })
        let completions: [SimTime] = (4...9).map { SimTime($0) * 60_000 + 13_100 }
        #expect(deleted.map(\.time) == completions)
        // At a completion, the cleanup's deletion comes before the completion is noticed.
        let atFourth = simulation.eventLog.filter { $0.time == 253_100 && $0.object.kind == "CronJob" }.map(\.reason)
        #expect(atFourth == ["SuccessfulDelete", "SawCompletedJob"])
        let cluster = simulation.cluster
        let kept = cluster.cronJobs[CronJobID(0)].jobs.map { cluster.jobs[$0].name }
        #expect(kept == (7...10).map { Self.name(minute: $0) })
        #expect(cluster.cronJobs[CronJobID(0)].status.active == [JobID(9)])
        #expect(cluster.cronJobs[CronJobID(0)].runs == CronJobRuns(created: 10, succeeded: 9, failed: 0, replaced: 0))
    }

    @Test("failedJobsHistoryLimit 1: each failed Job deletes the one before")
    func failedHistory() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "* * * * *", runFor: 10 * Millis.second, failing: true)])
        simulation.run(until: 5 * Millis.minute + 100)
        #expect(simulation.invariantViolations.isEmpty)
        // Job k's pod fails at k × 60 s + 12.1 s and the Job fails a second later (backoffLimit
        // 0): jobs 1 … 4 by 253.1 s; the failures of 2, 3 and 4 delete 1, 2 and 3.
        let deleted = Self.events(simulation, "SuccessfulDelete")
        #expect(deleted.map(\.message) == (1...3).map { "Deleted job \(Self.name(minute: $0))" })
        #expect(deleted.map(\.time) == [133_100, 193_100, 253_100])
        #expect(
            Self.events(simulation, "SawCompletedJob").map(\.message)
                == (1...4).map { "Saw completed job: \(Self.name(minute: $0)), condition: Failed" })
        let cluster = simulation.cluster
        #expect(cluster.cronJobs[CronJobID(0)].jobs.map { cluster.jobs[$0].name } == [Self.name(minute: 4), Self.name(minute: 5)])
        #expect(cluster.cronJobs[CronJobID(0)].runs == CronJobRuns(created: 5, succeeded: 0, failed: 4, replaced: 0))
    }

    @Test(
        "timeZone Europe/Berlin: 0 2 * * * is 01:00 UTC in winter, 00:00 UTC in summer",
        .enabled(if: ZoneFiles.exists("Europe/Berlin"), "needs Europe/Berlin in /usr/share/zoneinfo"))
    func timeZone() throws {
        let berlin = (name: "Europe/Berlin", offsets: try ZoneFiles.load("Europe/Berlin"))
        let simulation = try Self.simulation([
            try Self.cronJob("nightly", schedule: "0 2 * * *", runFor: Millis.minute, zone: berlin),
            try Self.cronJob("nightly-utc", schedule: "0 2 * * *", runFor: Millis.minute),
        ])
        simulation.run(until: 3 * Millis.hour)
        // 2 o'clock CET (UTC+1) on 2024-01-01 is 01:00 UTC, an hour after the start: minute 60.
        // Without a zone it is 02:00 UTC: minute 120.
        let created = Self.created(simulation)
        #expect(created.map(\.time) == [3_600_100, 7_200_100])
        #expect(
            created.map(\.message) == ["Created job \(Self.name(minute: 60, "nightly"))", "Created job \(Self.name(minute: 120, "nightly-utc"))"])
        let jobs = simulation.cluster.jobs
        #expect(jobs[JobID(0)].spec.meta.annotations[CronJobController.scheduledTimestampAnnotation] == "2024-01-01T02:00:00+01:00")
        #expect(jobs[JobID(1)].spec.meta.annotations[CronJobController.scheduledTimestampAnnotation] == "2024-01-01T02:00:00Z")

        // Over the switch to summer time (2024-03-31, 01:00 UTC): from 2024-03-30T00:00:00Z,
        // 1,711,756,800 s, 04:00 CET on the 30th is 03:00 UTC (3 h), 04:00 CEST on the 31st is
        // 02:00 UTC (26 h): 23 hours apart.
        let summer = try Self.simulation(
            [try Self.cronJob("early", schedule: "0 4 * * *", runFor: Millis.minute, zone: berlin)], startTime: 1_711_756_800_000)
        summer.run(until: 27 * Millis.hour)
        #expect(Self.created(summer).map(\.time) == [3 * Millis.hour + 100, 26 * Millis.hour + 100])
    }

    @Test("Forbid with a Job running two hours: more than 100 missed times are reported, then the most recent one runs")
    func tooManyMissed() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "* * * * *", runFor: 2 * Millis.hour, policy: .forbid)])
        simulation.run(until: 7_300_000)
        // A (minute 1)'s pod runs from 62.1 s to 62.1 + 7,200 = 7,262.1 s and A completes a second
        // later, at 7,263.1 s. Minutes 2 … 121 come while it runs: 120 JobAlreadyActive. At minute
        // m (m × 60 s + 0.1 s), the estimate of times missed since 0:01 is
        // ⌊(m × 60 + 0.1 − 120) ÷ 60⌋ + 1 = m − 1, past 100 from m = 102: a warning at minutes
        // 102 … 121, and once more at 7,263.1 s (⌊7,143.1 ÷ 60⌋ + 1 = 120), when the most recent
        // time, minute 121, runs.
        #expect(Self.events(simulation, "JobAlreadyActive").count == 120)
        let warnings = Self.events(simulation, "TooManyMissedTimes")
        let minutes: [SimTime] = (102...121).map { SimTime($0) * 60_000 + 100 }
        #expect(warnings.map(\.time) == minutes + [7_263_100])
        #expect(warnings.first?.message == "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
        #expect(Self.created(simulation).map(\.message) == [1, 121].map { "Created job \(Self.name(minute: $0))" })
        #expect(Self.created(simulation).last?.time == 7_263_100)
    }

    @Test("a suspended CronJob starts nothing; an impossible schedule is an InvalidSchedule warning, once")
    func suspendedAndImpossible() throws {
        let simulation = try Self.simulation([
            try Self.cronJob("paused", schedule: "*/10 * * * *", runFor: Millis.minute, suspend: true),
            try Self.cronJob("never", schedule: "0 0 31 2 *", runFor: Millis.minute),
        ])
        simulation.run(until: Millis.hour + 100)
        #expect(Self.created(simulation).isEmpty)
        // February 31 never comes: robfig finds no time within five years, so the two first times
        // are both Go's zero time, less than a second apart.
        let invalid = Self.events(simulation, "InvalidSchedule")
        #expect(invalid.map(\.time) == [0])
        #expect(invalid.map(\.message) == ["invalid schedule: 0 0 31 2 * : time difference between two schedules is less than 1 second"])
        #expect(simulation.eventLog.filter { $0.type == .warning }.count == 1)
    }

    @Test("the summary lists the CronJob with what became of its Jobs, and none of its Jobs")
    func summary() throws {
        let simulation = try Self.simulation([try Self.cronJob(schedule: "0 * * * *", runFor: 30 * Millis.minute)])
        simulation.run(until: 24 * Millis.hour)
        let summary = simulation.summary(wallSeconds: 0)
        // 24 Jobs a day: hours 1 … 23 by 23:00:00.1 (hour 24's comes 100 ms after the end); each runs
        // 30 min 2 s, so 23 ended; 3 are kept and 20 deleted.
        #expect(summary.workloads.map(\.path) == ["CronJob/default/report"])
        let entry = try #require(summary.workloads.first)
        #expect(entry.jobs == CronJobRuns(created: 23, succeeded: 23, failed: 0, replaced: 0))
        // One pod is active 30 min 3 s of each of 23 hours — 2 s to start, 30 min of work, and
        // a second until its Job's batched sync counts it done: 23 × 1,803 s ÷ 86,400 s.
        #expect(abs((entry.replicas?.avg ?? 0) - Double(23 * 1_803) / 86_400) < 1e-9)
        #expect(entry.replicas?.max == 1)
        #expect(summary.value(of: "jobs.created", target: "CronJob/default/report") == 23)
        #expect(Self.events(simulation, "SuccessfulDelete").count == 20)
    }
}
