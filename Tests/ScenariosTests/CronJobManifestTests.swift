import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// CronJob manifests and the scenario's `spec.startTime`: upstream's defaults, and the API
/// server's refusals at the place they concern.
@Suite("CronJob manifests and the start time")
struct CronJobManifestTests {
    /// A CronJob whose `spec` begins with `fields` (each line indented under `spec:`); the
    /// schedule is on line 5, column 13 when `fields` starts with it.
    static func cronJob(_ fields: String, name: String = "report", restartPolicy: String = "Never") -> String {
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: \(name)}
        spec:
        \(fields.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
          jobTemplate:
            metadata: {labels: {team: data}}
            spec:
              template:
                metadata:
                  labels: {app: report}
                  annotations: {kubesim.io/run-duration: 3m}
                spec:
                  restartPolicy: \(restartPolicy)
                  containers:
                  - {name: main, image: report:1, resources: {requests: {cpu: 500m}}}
        """
    }

    func decode(_ text: String) throws -> (ManifestSet, [Diagnostic]) { try ScenarioTest.decodeManifests(text) }

    func error(_ text: String) -> String { ScenarioTest.failure(withHint: true) { _ = try decode(text) } }

    @Test("defaults: Allow, not suspended, 3 succeeded and 1 failed Jobs kept, UTC; the template's metadata and Job spec")
    func defaults() throws {
        let (set, diagnostics) = try decode(Self.cronJob("schedule: \"*/10 * * * *\""))
        let cronJob = try #require(set.cronJobs.first)
        #expect(cronJob.schedule == "*/10 * * * *")
        #expect(cronJob.cron.timeZoneName == nil)
        #expect(cronJob.zone == .utc)
        #expect(cronJob.concurrencyPolicy == .allow)
        #expect(!cronJob.suspend)
        #expect(cronJob.startingDeadlineSeconds == nil)
        #expect(cronJob.successfulJobsHistoryLimit == 3)
        #expect(cronJob.failedJobsHistoryLimit == 1)
        #expect(cronJob.jobTemplate.meta.labels["team"] == "data")
        #expect(cronJob.jobTemplate.template.runDuration == .fixed(3 * Millis.minute))
        #expect(cronJob.jobTemplate.backoffLimit == 6)
        #expect(set.workloadPaths == ["CronJob/default/report"])
        #expect(diagnostics.isEmpty)
    }

    @Test("every field read", .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Europe/Berlin"), "needs Europe/Berlin"))
    func fields() throws {
        let (set, _) = try decode(
            Self.cronJob(
                """
                schedule: "0 2 * * *"
                timeZone: Europe/Berlin
                concurrencyPolicy: Forbid
                startingDeadlineSeconds: 300
                suspend: true
                successfulJobsHistoryLimit: 0
                failedJobsHistoryLimit: 5
                """))
        let cronJob = try #require(set.cronJobs.first)
        // The controller reads the schedule as upstream's formatSchedule writes it.
        #expect(cronJob.cron.text == "TZ=Europe/Berlin 0 2 * * *")
        #expect(cronJob.timeZone == "Europe/Berlin")
        // Berlin on 2024-01-01T00:00:00Z: CET, one hour east of UTC.
        #expect(cronJob.zone.offset(atUTC: 1_704_067_200) == 3_600)
        #expect(cronJob.concurrencyPolicy == .forbid)
        #expect(cronJob.startingDeadlineSeconds == 300)
        #expect(cronJob.suspend)
        #expect(cronJob.successfulJobsHistoryLimit == 0)
        #expect(cronJob.failedJobsHistoryLimit == 5)
    }

    @Test("a schedule robfig cannot parse is refused at the schedule, in the API server's words")
    func badSchedule() {
        #expect(
            error(Self.cronJob("schedule: \"*/10 * * *\""))
                == "5:13: The CronJob \"report\" is invalid: spec.schedule: Invalid value: \"*/10 * * *\": expected exactly 5 fields, found 4: [*/10 * * *] [five fields: minute hour day-of-month month day-of-week (e.g. \"0 2 * * *\"), or @hourly, @daily, @weekly, @monthly, @yearly, @every 1h]"
        )
        #expect(
            error(Self.cronJob("schedule: \"TZ=UTC 0 2 * * *\""))
                == "5:13: The CronJob \"report\" is invalid: spec.schedule: Invalid value: \"TZ=UTC 0 2 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead [name the zone in spec.timeZone, e.g. timeZone: Europe/Berlin, and drop it from the schedule]"
        )
        // At the spec's first field, line 5.
        #expect(error(Self.cronJob("suspend: true")).hasPrefix("5:3: CronJob report spec is missing required field \"schedule\""))
    }

    @Test(
        "an unknown time zone is refused at the zone, with the closest name",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Europe/Berlin"), "needs Europe/Berlin"))
    func unknownZone() {
        #expect(
            error(Self.cronJob("schedule: \"0 2 * * *\"\ntimeZone: Europe/Berln"))
                == "6:13: The CronJob \"report\" is invalid: spec.timeZone: Invalid value: \"Europe/Berln\": unknown time zone Europe/Berln [did you mean \"Europe/Berlin\"?]"
        )
        #expect(
            error(Self.cronJob("schedule: \"0 2 * * *\"\ntimeZone: Local"))
                == "6:13: The CronJob \"report\" is invalid: spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones [an IANA zone such as Europe/Berlin or America/New_York, as named under /usr/share/zoneinfo/]"
        )
    }

    @Test("the other fields are checked as the API server checks them")
    func otherFields() {
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"\nconcurrencyPolicy: Forbidden"))
                == "6:22: The CronJob \"report\" is invalid: spec.concurrencyPolicy: Unsupported value: \"Forbidden\": supported values: \"Allow\", \"Forbid\", \"Replace\" [did you mean \"Forbid\"?]"
        )
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"\nstartingDeadlineSeconds: -1"))
                == "6:28: The CronJob \"report\" is invalid: spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0"
        )
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"\nfailedJobsHistoryLimit: -2"))
                == "6:27: The CronJob \"report\" is invalid: spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0"
        )
        // 53 characters: the Job names would pass 63.
        let long = String(repeating: "a", count: 53)
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"", name: long))
                == "3:18: The CronJob \"\(long)\" is invalid: metadata.name: Invalid value: \"\(long.prefix(60))\": must be no more than 52 characters [the controller names each Job <cronjob>-<minutes since 1970>, 11 characters more, and a Job's name is at most 63]"
        )
        #expect(error(Self.cronJob("schedule: \"@hourly\"", name: String(repeating: "a", count: 52))) == "no error")
        // The Job template gets a Job's checks, naming the CronJob: at the pod template, whose
        // first field is on line 10 (schedule 5, jobTemplate 6, metadata 7, spec 8, template 9).
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"", restartPolicy: "Always"))
                == "10:9: CronJob report's jobTemplate: the pod template's restartPolicy must be OnFailure or Never [Kubernetes refuses a Job whose pods restart Always]"
        )
        #expect(
            error(Self.cronJob("schedule: \"@hourly\"").replacingOccurrences(of: "batch/v1", with: "batch/v1beta1")).hasPrefix(
                "2:7: CronJob must use apiVersion batch/v1, not \"batch/v1beta1\""))
    }

    @Test("startingDeadlineSeconds 0 is a warning: such a CronJob never starts a Job")
    func zeroDeadline() throws {
        let (_, diagnostics) = try decode(Self.cronJob("schedule: \"@hourly\"\nstartingDeadlineSeconds: 0"))
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message.hasPrefix("CronJob report never starts a Job") == true)
    }

    // MARK: spec.startTime

    static let scenarioFiles = ["cron.yaml": cronJob("schedule: \"0 2 * * *\"")]

    func load(startTime: String?) throws -> LoadedScenario {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in Self.scenarioFiles { try folder.write(name, text) }
        let path = try folder.write(
            "scenario.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: nightly}
            spec:
              duration: 24h
            \(startTime.map { "  startTime: \($0)" } ?? "")
              cluster:
                nodePools:
                - {name: general, count: 1, capacity: {cpu: "4", memory: 16Gi}}
              workloads:
              - manifests: cron.yaml
              expect:
              - {metric: jobs.succeeded, target: CronJob/report, op: ">=", value: 1}
            """)
        return try ScenarioLoader.load(path)
    }

    func startTimeError(_ value: String) -> String { ScenarioTest.failure(withHint: true) { _ = try load(startTime: value) } }

    @Test("the start time defaults to 2024-01-01T00:00:00Z, a Monday; RFC 3339 times are read to the millisecond")
    func startTime() throws {
        // 2024-01-01 is 19,723 days after 1970-01-01 (a Thursday): (19,723 + 4) mod 7 = 1, Monday.
        #expect(SimulationSetup.defaultStartTime == 19_723 * 86_400 * 1_000)
        let loaded = try load(startTime: nil)
        #expect(loaded.setup.startTime == SimulationSetup.defaultStartTime)
        #expect(loaded.setup.cronJobs.count == 1)
        // 2025-03-03: 2025-01-01 is 19,723 + 366 = 20,089 days, plus 31 + 28 + 2 = 61: 20,150 days.
        #expect(try load(startTime: "2025-03-03T00:00:00Z").setup.startTime == 20_150 * 86_400_000)
        // 09:30:00.25 at +01:00 is 08:30:00.25 UTC: 30,600.25 s into the day.
        #expect(try load(startTime: "2025-03-03T09:30:00.250+01:00").setup.startTime == 20_150 * 86_400_000 + 30_600_250)
        #expect(try load(startTime: "\"1969-12-31t23:59:59.5z\"").setup.startTime == -500)
    }

    @Test("a start time that is not an RFC 3339 time, not a real one, or finer than a millisecond is refused at it")
    func badStartTime() {
        #expect(
            startTimeError("2025-03-03")
                == "6:14: \"startTime\" must be an RFC 3339 time such as 2025-03-03T00:00:00Z (UTC) or 2025-03-03T09:30:00+01:00, not \"2025-03-03\" [kubesim reads it as UTC unless it names an offset]"
        )
        #expect(
            startTimeError("2025-02-29T00:00:00Z")
                == "6:14: \"startTime\" \"2025-02-29T00:00:00Z\" is not a real date and time [a year 0001–9999, a month from 1 to 12, a day within it, hours 0–23, minutes and seconds 0–59]"
        )
        #expect(
            startTimeError("0000-01-01T00:00:00Z")
                == "6:14: \"startTime\" \"0000-01-01T00:00:00Z\" is not a real date and time [a year 0001–9999, a month from 1 to 12, a day within it, hours 0–23, minutes and seconds 0–59]"
        )
        #expect(
            startTimeError("2025-03-03T00:00:00.0001Z")
                == "6:14: \"startTime\" \"2025-03-03T00:00:00.0001Z\" is finer than a millisecond [kubesim's clock counts milliseconds: write at most three digits after the decimal point]"
        )
        #expect(startTimeError("2025-03-03T00:00:00.1000Z") == "no error")
    }
}
