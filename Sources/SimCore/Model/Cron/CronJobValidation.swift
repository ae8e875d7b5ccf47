/// The API-server checks Kubernetes v1.32 applies to a CronJob's `spec.schedule` and
/// `spec.timeZone` (pkg/apis/batch/validation: `validateCronJobSpec`, `validateScheduleFormat`,
/// `validateTimeZone`), with upstream's messages.
///
/// A schedule must be non-empty and parse with robfig's `ParseStandard`, and may not contain "TZ"
/// anywhere (so no `TZ=`/`CRON_TZ=` prefix) unless the object being updated already had it; such
/// grandfathered schedules may not also set `timeZone`. A `timeZone` is checked only on create
/// or when it changes: non-empty, each `/`-separated part 1-14 characters of `A-Za-z.-_0-9+`,
/// not "." or "..", not starting with "-", not "Local" in any case, and loadable by Go's
/// `time.LoadLocation` (the caller's `loadError` answers for the zone database).
public enum CronJobValidation {
    /// One field error, as apimachinery's `field.Error` prints it.
    public struct FieldError: Sendable, Hashable, CustomStringConvertible {
        /// Upstream's error types used here.
        public enum Kind: Sendable, Hashable {
            /// `field.Required`: "Required value".
            case required
            /// `field.Invalid`: "Invalid value".
            case invalid
        }

        /// The field path, "spec.schedule" or "spec.timeZone".
        public let field: String
        /// Required or invalid.
        public let kind: Kind
        /// The refused value, for invalid values.
        public let value: String?
        /// Upstream's detail message.
        public let detail: String

        /// `spec.schedule: Invalid value: "xyz": expected exactly 5 fields, found 1: [xyz]`.
        public var description: String {
            switch kind {
            case .required: return detail.isEmpty ? "\(field): Required value" : "\(field): Required value: \(detail)"
            case .invalid: return "\(field): Invalid value: \(CronSchedule.goQuote(value ?? "")): \(detail)"
            }
        }
    }

    /// The part of a CronJob spec these checks read.
    public struct Spec: Sendable, Hashable {
        /// `spec.schedule`.
        public var schedule: String
        /// `spec.timeZone`.
        public var timeZone: String?

        /// A spec from its two fields.
        public init(schedule: String, timeZone: String? = nil) {
            self.schedule = schedule
            self.timeZone = timeZone
        }
    }

    /// Upstream's `validateCronJobSpec`, restricted to the schedule and time zone: `old` is the
    /// stored spec on update, nil on create. `loadError` is called with a name Go would look up in
    /// the zone database and returns nil when the zone exists, else Go's error (normally
    /// `UTCOffsets.LocationName.unknownMessage(name)`).
    public static func validate(_ spec: Spec, old: Spec?, loadError: (String) -> String?) -> [FieldError] {
        var errors: [FieldError] = []
        if spec.schedule.isEmpty {
            errors.append(FieldError(field: "spec.schedule", kind: .required, value: nil, detail: ""))
        } else {
            let allowTZInSchedule = old.map { containsTZ($0.schedule) } ?? false
            errors += validateScheduleFormat(spec.schedule, allowTZInSchedule: allowTZInSchedule, timeZone: spec.timeZone)
        }
        if old == nil || old?.timeZone != spec.timeZone {
            errors += validateTimeZone(spec.timeZone, loadError: loadError)
        }
        return errors
    }

    /// Upstream's `validateScheduleFormat`.
    public static func validateScheduleFormat(_ schedule: String, allowTZInSchedule: Bool, timeZone: String?) -> [FieldError] {
        var errors: [FieldError] = []
        let field = "spec.schedule"
        do {
            _ = try CronSchedule(parsing: schedule)
        } catch {
            errors.append(FieldError(field: field, kind: .invalid, value: schedule, detail: error.message))
        }
        if allowTZInSchedule && containsTZ(schedule) && timeZone != nil {
            errors.append(
                FieldError(field: field, kind: .invalid, value: schedule, detail: "cannot use both timeZone field and TZ or CRON_TZ in schedule"))
        } else if !allowTZInSchedule && containsTZ(schedule) {
            errors.append(
                FieldError(field: field, kind: .invalid, value: schedule, detail: "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
        }
        return errors
    }

    /// Upstream's `validateTimeZone`.
    public static func validateTimeZone(_ timeZone: String?, loadError: (String) -> String?) -> [FieldError] {
        guard let timeZone else { return [] }
        let field = "spec.timeZone"
        func invalid(_ detail: String) -> FieldError { FieldError(field: field, kind: .invalid, value: timeZone, detail: detail) }
        if timeZone.isEmpty { return [invalid("timeZone must be nil or non-empty string")] }
        for part in timeZone.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            let text = String(decoding: part, as: UTF8.self)
            if text == "." || text == ".." || part.first == UInt8(ascii: "-") || !isValidTimeZonePart(part) {
                return [invalid("unknown time zone \(timeZone)")]
            }
        }
        var errors: [FieldError] = []
        if timeZone.lowercased() == "local" {
            errors.append(invalid("timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"))
        }
        switch UTCOffsets.LocationName(timeZone) {
        case .utc, .local: break
        case .invalid: errors.append(invalid(UTCOffsets.LocationName.invalidMessage))
        case .database(let name): if let message = loadError(name) { errors.append(invalid(message)) }
        }
        return errors
    }

    /// Upstream's `validTimeZoneCharacters`, `^[A-Za-z\.\-_0-9+]{1,14}$`.
    private static func isValidTimeZonePart(_ part: Substring.UTF8View) -> Bool {
        guard (1...14).contains(part.count) else { return false }
        return part.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"): return true
            default: return false
            }
        }
    }

    /// Go's `strings.Contains(schedule, "TZ")`, byte for byte.
    static func containsTZ(_ schedule: String) -> Bool {
        let bytes = Array(schedule.utf8)
        return zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: "T") && $1 == UInt8(ascii: "Z") }
    }
}
