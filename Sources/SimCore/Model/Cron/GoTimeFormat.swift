/// Instants written as Go's `time.Format` writes them in the CronJob controller's messages and
/// annotations.
enum GoTimeFormat {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `time.RFC3339` ("2006-01-02T15:04:05Z07:00") of `seconds` since the Unix epoch, in the wall
    /// time of `zone`: "Z" for a zero offset, else "+01:00".
    static func rfc3339(seconds: Int64, in zone: UTCOffsets) -> String {
        let offset = zone.offset(atUTC: seconds)
        let wall = CivilDateTime(secondsSinceEpoch: seconds + offset)
        guard offset != 0 else { return wall.description + "Z" }
        let minutes = offset.magnitude / 60
        return wall.description + (offset < 0 ? "-" : "+") + padded(Int(minutes / 60), 2) + ":" + padded(Int(minutes % 60), 2)
    }

    /// `time.RFC1123Z` ("Mon, 02 Jan 2006 15:04:05 -0700") of `seconds` since the Unix epoch in
    /// UTC, as upstream formats `scheduledTime.UTC()`.
    static func rfc1123Z(seconds: Int64) -> String {
        let wall = CivilDateTime(secondsSinceEpoch: seconds)
        return "\(weekdays[wall.weekday]), \(padded(wall.day, 2)) \(months[wall.month - 1]) \(padded(wall.year, 4)) "
            + "\(padded(wall.hour, 2)):\(padded(wall.minute, 2)):\(padded(wall.second, 2)) +0000"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
