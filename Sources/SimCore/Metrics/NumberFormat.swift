/// Deterministic number text for CSV and JSON outputs.
public enum NumberFormat {
    /// Integers print as integers; other values are rounded to six decimals with trailing zeros
    /// removed ("0.612345", "41.2"). Non-finite values print as "NaN" (CSV) — JSON callers map
    /// them to null first.
    public static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        guard abs(value) < 9e12 else { return String(value) }
        let scaled = (value * 1_000_000).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        let whole = magnitude / 1_000_000
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = negative && magnitude != 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
