/// A Kubernetes resource quantity ("100m", "0.5", "1.5Gi", "500M", "1e3", "2k"), held exactly.
///
/// Parsing follows apimachinery's `ParseQuantity`: an optional sign, digits with an optional
/// decimal point, then a suffix that is binary SI (`Ki` … `Ei`), decimal SI (`n u m "" k M G T P E`)
/// or a decimal exponent (`e3`, `E-2`). The value is kept as an exact rational
/// `digits × 10^exponent10 × 2^exponent2`; `milliValue` and `value` round up as upstream's
/// `MilliValue()` and `Value()` do ("if you want some resources, you should get some").
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The text as written, for messages.
    public let text: String
    /// True for a leading "-".
    public let isNegative: Bool
    /// All digits, integer and fractional, as one integer (leading zeros dropped).
    let digits: Int128
    /// The power of ten the digits are scaled by.
    let exponent10: Int
    /// The power of two from a binary SI suffix.
    let exponent2: Int

    public var description: String { text }

    /// Why a quantity string was refused.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case malformed
        case unknownSuffix(String)
        case tooPrecise
        public var description: String {
            switch self {
            case .empty: return "quantity is empty"
            case .malformed: return "quantities must look like 100m, 0.5, 1.5Gi, 500M or 1e3"
            case .unknownSuffix(let suffix):
                return "unknown quantity suffix \"\(suffix)\" (expected one of n u m k M G T P E Ki Mi Gi Ti Pi Ei, or an exponent like e3)"
            case .tooPrecise: return "quantity has more digits than kubesim can hold exactly"
            }
        }
    }

    /// Parses `text` as upstream does, or throws.
    public init(parsing text: String) throws(ParseError) {
        self.text = text
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        var position = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            position = 1
        }
        var digits: Int128 = 0
        var significant = 0
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
                if digits != 0 || byte != UInt8(ascii: "0") { significant += 1 }
                guard significant <= 36 else { throw .tooPrecise }
                digits = digits * 10 + Int128(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            position += 1
        }
        guard sawDigit else { throw .malformed }
        let suffix = String(decoding: bytes[position...], as: UTF8.self)
        var exponent10 = -fractionDigits
        var exponent2 = 0
        switch suffix {
        case "": break
        case "n": exponent10 -= 9
        case "u": exponent10 -= 6
        case "m": exponent10 -= 3
        case "k": exponent10 += 3
        case "M": exponent10 += 6
        case "G": exponent10 += 9
        case "T": exponent10 += 12
        case "P": exponent10 += 15
        case "E": exponent10 += 18
        case "Ki": exponent2 = 10
        case "Mi": exponent2 = 20
        case "Gi": exponent2 = 30
        case "Ti": exponent2 = 40
        case "Pi": exponent2 = 50
        case "Ei": exponent2 = 60
        default:
            guard let exponent = Self.decimalExponent(suffix) else {
                if suffix.utf8.allSatisfy({ Self.suffixCharacters.contains($0) }) || suffix.first == "e" || suffix.first == "E" {
                    throw .unknownSuffix(suffix)
                }
                throw .malformed
            }
            exponent10 += exponent
        }
        self.isNegative = negative && digits != 0
        self.digits = digits
        self.exponent10 = exponent10
        self.exponent2 = exponent2
    }

    private static let suffixCharacters = Set("eEinumkKMGTP".utf8)

    /// The exponent of an `e3`/`E-2` suffix, or nil if `suffix` is not one.
    private static func decimalExponent(_ suffix: String) -> Int? {
        let bytes = Array(suffix.utf8)
        guard bytes.count > 1, bytes[0] == UInt8(ascii: "e") || bytes[0] == UInt8(ascii: "E") else { return nil }
        guard let exponent = Int(String(decoding: bytes[1...], as: UTF8.self)), abs(exponent) <= 40 else { return nil }
        return exponent
    }

    /// The value in thousandths of the unit, rounded up (away from zero): CPU millicores.
    public var milliValue: Int64 { scaled(by: 3) }

    /// The value in whole units, rounded up (away from zero): bytes, pods, devices.
    public var value: Int64 { scaled(by: 0) }

    /// The value as a floating-point number of whole units, for rates that need not be whole
    /// (CPU per request, memory per request).
    public var doubleValue: Double {
        var value = Double(digits)
        for _ in 0..<max(exponent10, 0) { value *= 10 }
        var divisor = 1.0
        for _ in 0..<max(-exponent10, 0) { divisor *= 10 }
        for _ in 0..<exponent2 { value *= 2 }
        value /= divisor
        return isNegative ? -value : value
    }

    /// True when the value is exactly zero.
    public var isZero: Bool { digits == 0 }

    /// `ceil(|value| × 10^power)` with the sign applied, clamped to the Int64 range as upstream caps.
    ///
    /// `digits` < 10^36 and Int128 holds 1.7 × 10^38, so a denominator of up to 10^38 is exact; a
    /// smaller value than 10^36 / 10^38 is below one unit and rounds up to 1.
    private func scaled(by power: Int) -> Int64 {
        guard digits != 0 else { return 0 }
        let decimal = exponent10 + power
        guard decimal >= -38 else { return clamp(1) }
        var numerator = digits
        var denominator: Int128 = 1
        for _ in 0..<max(decimal, 0) {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: 10)
            guard !overflow else { return clamp(Int128(Int64.max)) }
            numerator = product
        }
        for _ in 0..<max(-decimal, 0) { denominator *= 10 }
        for _ in 0..<exponent2 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: 2)
            guard !overflow else { return clamp(Int128(Int64.max)) }
            numerator = product
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return clamp(remainder == 0 ? quotient : quotient + 1)
    }

    private func clamp(_ magnitude: Int128) -> Int64 {
        let bounded = Int64(min(magnitude, Int128(Int64.max)))
        return isNegative ? -bounded : bounded
    }
}
