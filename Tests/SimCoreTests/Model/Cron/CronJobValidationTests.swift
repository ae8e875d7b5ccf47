import Testing

@testable import SimCore

/// Kubernetes pkg/apis/batch/validation/validation_test.go (v1.32), the schedule and time zone
/// parts, ported; expected outcomes are upstream's. Zone names are checked against
/// /usr/share/zoneinfo, standing in for Go's zone database.
@Suite(
    "CronJob schedule and time zone validation",
    .enabled(if: ZoneFiles.exist(["Europe/Rome", "America/New_York", "America/Chicago"]), "needs zone files in /usr/share/zoneinfo"))
struct CronJobValidationTests {
    typealias Spec = CronJobValidation.Spec

    private static func validate(_ spec: Spec, old: Spec?) -> [CronJobValidation.FieldError] {
        CronJobValidation.validate(spec, old: old, loadError: ZoneFiles.loadError)
    }

    // TestValidateCronJob, success cases: valid on create and on a no-op update.
    @Test(
        "valid schedules and zones",
        arguments: [("* * * * ?", nil), ("@hourly", nil), ("0 * * * *", "Europe/Rome")] as [(String, String?)])
    func valid(schedule: String, timeZone: String?) {
        let spec = Spec(schedule: schedule, timeZone: timeZone)
        #expect(Self.validate(spec, old: nil).isEmpty)
        #expect(Self.validate(spec, old: spec).isEmpty)
    }

    // TestValidateCronJob, error cases: the first error's field, and a part of its text; the
    // update check uses the same spec with the old time zone unset.
    @Test(
        "invalid schedules and zones",
        arguments: [
            ("error", nil, "spec.schedule", " Invalid value"), ("", nil, "spec.schedule", " Required value"),
            ("0 * * * *", "", "spec.timeZone", " timeZone must be nil or non-empty string"),
            ("0 * * * *", "LOCAL", "spec.timeZone", " timeZone must be an explicit time zone as defined in https"),
            ("0 * * * *", " Europe/Rome", "spec.timeZone", " Invalid value"), ("0 * * * *", "Europe/InvalidRome", "spec.timeZone", " Invalid value"),
            ("0 * * * *", " ", "spec.timeZone", " Invalid value"), ("0 * * * *", "Europe/Rome ", "spec.timeZone", " Invalid value"),
        ] as [(String, String?, String, String)])
    func invalid(schedule: String, timeZone: String?, field: String, text: String) throws {
        let spec = Spec(schedule: schedule, timeZone: timeZone)
        for old in [nil, Spec(schedule: schedule, timeZone: nil)] {
            let first = try #require(Self.validate(spec, old: old).first)
            #expect(first.field == field)
            #expect(first.description.contains(text), "\(first)")
        }
    }

    // TestValidateCronJobScheduleTZ
    @Test(
        "TZ in a schedule is refused on create and allowed to stay on update",
        arguments: [
            ("update removing TZ should work", "TZ=UTC 0 * * * *", "cannot use TZ or CRON_TZ in schedule", Spec(schedule: "0 * * * *"), ""),
            (
                "update not modifying TZ should work", "TZ=UTC 0 * * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
                Spec(schedule: "TZ=UTC 0 * * * *"), ""
            ),
            (
                "update not modifying TZ but adding .spec.timeZone should fail", "TZ=UTC 0 * * * *",
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead", Spec(schedule: "TZ=UTC 0 * * * *", timeZone: "UTC"),
                "cannot use both timeZone field and TZ or CRON_TZ in schedule"
            ),
            ("update adding TZ should fail", "0 * * * *", "", Spec(schedule: "TZ=UTC 0 * * * *"), "cannot use TZ or CRON_TZ in schedule"),
        ] as [(String, String, String, Spec, String)])
    func scheduleTimeZone(name: String, schedule: String, createError: String, update: Spec, updateError: String) {
        let created = Spec(schedule: schedule)
        let createErrors = Self.validate(created, old: nil)
        #expect(createErrors.first?.description.contains(createError) ?? createError.isEmpty, "\(name): \(createErrors)")
        #expect(createErrors.isEmpty == createError.isEmpty, "\(name)")
        let updateErrors = Self.validate(update, old: created)
        #expect(updateErrors.first?.description.contains(updateError) ?? updateError.isEmpty, "\(name): \(updateErrors)")
        #expect(updateErrors.isEmpty == updateError.isEmpty, "\(name)")
    }

    // TestValidateCronJobSpec: the time zone is checked only when it changes.
    @Test(
        "time zones are validated when they change",
        arguments: [
            ("no validation because timeZone is nil for old and new", nil, nil, false),
            ("check validation because timeZone is different for new", nil, "America/New_York", false),
            ("check validation because timeZone is different for new and invalid", nil, "broken", true),
            ("old timeZone and new timeZone are valid", "America/New_York", "America/Chicago", false),
            ("old timeZone is valid, but new timeZone is invalid", "America/New_York", "broken", true),
            ("old timeZone and new timeZone are invalid, but unchanged", "broken", "broken", false),
            ("old timeZone and new timeZone are invalid, but different", "broken", "still broken", true),
            ("old timeZone is invalid, but new timeZone is valid", "broken", "America/New_York", false),
        ] as [(String, String?, String?, Bool)])
    func timeZoneChanges(name: String, old: String?, new: String?, expectError: Bool) {
        let errors = Self.validate(Spec(schedule: "0 * * * *", timeZone: new), old: Spec(schedule: "0 * * * *", timeZone: old))
        #expect(errors.isEmpty != expectError, "\(name): \(errors)")
    }

    // TestTimeZones ("all valid time zones as of go1.19"): a sample, including the names with
    // digits, '+', '-' and 14-character parts that the character check must let through.
    @Test(
        "IANA names pass",
        .enabled(if: ZoneFiles.exist(ianaSample.filter { $0 != "UTC" }), "needs the sampled zones in /usr/share/zoneinfo"),
        arguments: ianaSample)
    func ianaNames(name: String) {
        #expect(CronJobValidation.validateTimeZone(name, loadError: ZoneFiles.loadError).isEmpty)
    }

    static let ianaSample = [
        "Africa/Abidjan", "America/Argentina/ComodRivadavia", "America/Port-au-Prince", "America/North_Dakota/New_Salem",
        "America/Indiana/Indianapolis", "Etc/GMT+1", "Etc/GMT-14", "Etc/GMT0", "EST5EDT", "GMT+0", "UTC", "Europe/Rome",
    ]
}

/// Messages read from validation.go beyond upstream's tables.
@Suite("CronJob validation messages")
struct CronJobValidationMessageTests {
    @Test("field errors print as apimachinery prints them")
    func messages() {
        #expect(
            CronJobValidation.validate(.init(schedule: "error"), old: nil, loadError: { _ in nil }).map(\.description) == [
                "spec.schedule: Invalid value: \"error\": expected exactly 5 fields, found 1: [error]"
            ])
        #expect(
            CronJobValidation.validate(.init(schedule: ""), old: nil, loadError: { _ in nil }).map(\.description) == ["spec.schedule: Required value"]
        )
        #expect(
            CronJobValidation.validateTimeZone(" Europe/Rome", loadError: { _ in nil }).map(\.description) == [
                "spec.timeZone: Invalid value: \" Europe/Rome\": unknown time zone  Europe/Rome"
            ])
        // "local" is refused twice: not explicit, and not in the zone database.
        #expect(
            CronJobValidation.validateTimeZone("local", loadError: { UTCOffsets.LocationName.unknownMessage($0) }).map(\.detail) == [
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones", "unknown time zone local",
            ])
        // "Local" is Go's local zone, so only the first holds.
        #expect(CronJobValidation.validateTimeZone("Local", loadError: { _ in "unexpected" }).count == 1)
        #expect(CronJobValidation.validateTimeZone("a..b", loadError: { _ in nil }).map(\.detail) == ["time: invalid location name"])
        #expect(CronJobValidation.validateTimeZone("Europe/-Rome", loadError: { _ in nil }).map(\.detail) == ["unknown time zone Europe/-Rome"])
        #expect(CronJobValidation.validateTimeZone("Abcdefghijklmno", loadError: { _ in nil }).count == 1)
        #expect(CronJobValidation.validateTimeZone(nil, loadError: { _ in "unexpected" }).isEmpty)
    }
}
