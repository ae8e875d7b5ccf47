extension CronSchedule {
    /// Why Go's `time.ParseDuration` refused the text of an `@every` descriptor, in Go's words.
    struct GoDurationError: Error, Hashable {
        let message: String
    }

    /// Go's `time.ParseDuration` in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with units ns,
    /// us (µs, μs), ms, s, m and h, or "0" alone; fractions are scaled through `Double` as Go does.
    ///
    /// kubesim's `GoDuration` works in milliseconds and refuses finer values, but robfig accepts
    /// `@every 1.5s` and `@every 500us` (rounding both to whole seconds), so `@every` needs Go's
    /// own parser.
    static func goParseDuration(_ text: String) throws(GoDurationError) -> Int64 {
        let original = text
        var rest = ArraySlice(text.utf8)
        let invalid = GoDurationError(message: "time: invalid duration " + goTimeQuote(original))
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        if rest.elementsEqual("0".utf8) { return 0 }
        guard !rest.isEmpty else { throw invalid }
        var total: UInt64 = 0
        while let first = rest.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { throw invalid }
            let integerStart = rest.count
            guard let whole = leadingInteger(&rest) else { throw invalid }
            let sawInteger = rest.count != integerStart
            var fraction: UInt64 = 0
            var scale = 1.0
            var sawFraction = false
            if rest.first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                let fractionStart = rest.count
                (fraction, scale) = leadingFraction(&rest)
                sawFraction = rest.count != fractionStart
            }
            guard sawInteger || sawFraction else { throw invalid }
            let unitEnd = rest.firstIndex { $0 == UInt8(ascii: ".") || isDigit($0) } ?? rest.endIndex
            guard unitEnd > rest.startIndex else { throw GoDurationError(message: "time: missing unit in duration " + goTimeQuote(original)) }
            let unitText = String(decoding: rest[..<unitEnd], as: UTF8.self)
            rest = rest[unitEnd...]
            guard let unit = unitNanoseconds[unitText] else {
                throw GoDurationError(message: "time: unknown unit " + goTimeQuote(unitText) + " in duration " + goTimeQuote(original))
            }
            guard whole <= (1 << 63) / unit else { throw invalid }
            var value = whole * unit
            if fraction > 0 {
                // Go: v += uint64(float64(f) * (float64(unit) / scale)).
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= 1 << 63 else { throw invalid }
            }
            total &+= value  // Go's uint64 sum wraps; the check below is Go's.
            guard total <= 1 << 63 else { throw invalid }
        }
        if negative { return total == 1 << 63 ? Int64.min : -Int64(total) }
        guard total <= UInt64(Int64.max) else { throw invalid }
        return Int64(total)
    }

    /// Go's duration units in nanoseconds; "µs" is U+00B5, "μs" U+03BC.
    private static let unitNanoseconds: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
        "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Go's `leadingInt`: digits up to the first non-digit; nil on overflow past 2^63.
    private static func leadingInteger(_ rest: inout ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        while let byte = rest.first, isDigit(byte) {
            guard value <= (1 << 63) / 10 else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard value <= 1 << 63 else { return nil }
            rest = rest.dropFirst()
        }
        return value
    }

    /// Go's `leadingFraction`: digits after the point and the power of ten they are over; digits
    /// past what fits are consumed and ignored.
    private static func leadingFraction(_ rest: inout ArraySlice<UInt8>) -> (UInt64, Double) {
        var value: UInt64 = 0
        var scale = 1.0
        var overflow = false
        while let byte = rest.first, isDigit(byte) {
            rest = rest.dropFirst()
            if overflow { continue }
            guard value <= UInt64(Int64.max) / 10 else {
                overflow = true
                continue
            }
            let next = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            guard next <= 1 << 63 else {
                overflow = true
                continue
            }
            value = next
            scale *= 10
        }
        return (value, scale)
    }

    /// Go's `time.quote`: bytes outside printable ASCII as `\xNN`, `"` and `\` escaped.
    private static func goTimeQuote(_ text: String) -> String {
        var quoted = "\""
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 {
                let hex = String(byte, radix: 16)
                quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted += "\\" }
                quoted.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return quoted + "\""
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
