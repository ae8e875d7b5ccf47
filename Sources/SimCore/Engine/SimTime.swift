/// Simulated time: milliseconds since the scenario started.
///
/// An integer clock keeps runs exact and reproducible: no floating-point drift, no wall-clock reads.
/// Durations use the same unit.
public typealias SimTime = Int64

/// Conversions between simulated milliseconds and the units scenario files and outputs use.
public enum Millis {
    /// Milliseconds in one second.
    public static let second: SimTime = 1_000
    /// Milliseconds in one minute.
    public static let minute: SimTime = 60_000
    /// Milliseconds in one hour.
    public static let hour: SimTime = 3_600_000

    /// `seconds` seconds as milliseconds.
    public static func seconds(_ seconds: Int64) -> SimTime { seconds * second }

    /// `time` as decimal seconds for outputs: whole seconds print without a point ("90"),
    /// others with up to three decimals and no trailing zeros ("12.5", "0.001").
    public static func decimalSeconds(_ time: SimTime) -> String {
        let sign = time < 0 ? "-" : ""
        let magnitude = time.magnitude
        let whole = magnitude / 1_000
        let fraction = magnitude % 1_000
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }
}
