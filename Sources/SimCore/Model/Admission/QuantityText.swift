/// How apimachinery spells a quantity: decimal SI suffixes (`500m`, `2`, `1k`, `1G`) or binary ones (`512Mi`, `1Gi`).
public enum QuantityFormat: Sendable, Hashable {
    case decimalSI
    case binarySI
}

/// Kubernetes' canonical quantity strings for amounts held in kubesim's canonical units, as upstream's
/// `Quantity.String()` (apimachinery `CanonicalizeBytes`) writes them in messages: `cpu=500m`, `memory=1Gi`, `pods=1`.
///
/// Upstream keeps the format a quantity was written in (`1Gi` stays binary, `1G` decimal); kubesim keeps only the
/// amount, so `format(_:resource:)` infers it: CPU and counts are decimal; byte amounts (memory, storage,
/// hugepages) are binary when that spelling is no longer than the decimal one. The two agree for every amount
/// written with a suffix that divides it evenly (`512Mi`, `1.5Gi` → `1536Mi`, `500M`, `1G`, `2T`); they differ for
/// plain byte counts that happen to be multiples of 1024 (`4096` is `4Ki` here, `4096` upstream).
public enum QuantityText {
    /// The canonical string of `amount` thousandths (`milli`) or whole units, in `format`, as `CanonicalizeBytes`:
    /// binary only for whole amounts of at least 1024 in magnitude, otherwise the largest decimal suffix (a power of
    /// 1000) that leaves an integer mantissa.
    public static func canonical(_ amount: Int64, milli: Bool, format: QuantityFormat) -> String {
        guard amount != 0 else { return "0" }
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        if format == .binarySI && !milli && magnitude >= 1_024 {
            var mantissa = magnitude
            var power = 0
            while mantissa >= 1_024 && mantissa % 1_024 == 0 {
                mantissa /= 1_024
                power += 1
            }
            return sign + String(mantissa) + binarySuffixes[power]
        }
        var mantissa = magnitude
        var exponent = milli ? -3 : 0
        while mantissa >= 10 && mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        // Down to a multiple of three, restoring trailing zeros: never past the original magnitude.
        while (exponent % 3 + 3) % 3 != 0 {
            mantissa *= 10
            exponent -= 1
        }
        return sign + String(mantissa) + decimalSuffix(exponent)
    }

    /// `amount` of `resource` spelled as upstream would, the format inferred from the resource and the amount.
    public static func format(_ amount: Int64, resource: String) -> String {
        canonical(amount, milli: QuotaResourceName.isMilli(resource), format: inferredFormat(amount, resource: resource))
    }

    /// The format upstream most likely holds `amount` of `resource` in: binary for byte amounts whose binary
    /// spelling is no longer than the decimal one, decimal otherwise.
    public static func inferredFormat(_ amount: Int64, resource: String) -> QuantityFormat {
        guard QuotaResourceName.isByteAmount(resource) else { return .decimalSI }
        let binary = canonical(amount, milli: false, format: .binarySI)
        let decimal = canonical(amount, milli: false, format: .decimalSI)
        return binary.utf8.count <= decimal.utf8.count ? .binarySI : .decimalSI
    }

    /// `quantity` in the canonical units of `resource`: thousandths for the CPU names, whole units otherwise.
    public static func amount(_ quantity: Quantity, resource: String) -> Int64 {
        QuotaResourceName.isMilli(resource) ? quantity.milliValue : quantity.value
    }

    /// `value` with six decimals, as Go's `%f` prints a float64 (the LimitRanger's "provided ratio").
    static func sixDecimals(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        guard magnitude < 1.8e19 else { return sign + "\(magnitude)" }
        var whole = UInt64(magnitude.rounded(.down))
        var fraction = UInt64(((magnitude - Double(whole)) * 1_000_000).rounded())
        if fraction >= 1_000_000 {
            whole += 1
            fraction -= 1_000_000
        }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: 6 - digits.count) + digits
    }

    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    private static func decimalSuffix(_ exponent: Int) -> String {
        switch exponent {
        case -3: return "m"
        case 0: return ""
        case 3: return "k"
        case 6: return "M"
        case 9: return "G"
        case 12: return "T"
        case 15: return "P"
        case 18: return "E"
        default: return "e\(exponent)"
        }
    }
}
