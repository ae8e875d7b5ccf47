extension CronSchedule {
    /// Which fields a schedule has: robfig's parser options.
    enum Layout {
        /// `ParseStandard`: minute hour day-of-month month day-of-week, descriptors allowed.
        case standard
        /// robfig's test parser (`Second | Minute | Hour | Dom | Month | DowOptional | Descriptor`):
        /// a leading seconds field and an optional day of week; used to port robfig's own tests.
        case withSeconds
    }

    /// A field's value range and names (robfig's `bounds`).
    struct Bounds {
        let min: UInt64
        let max: UInt64
        let names: [String: UInt64]

        static let seconds = Bounds(min: 0, max: 59, names: [:])
        static let minutes = Bounds(min: 0, max: 59, names: [:])
        static let hours = Bounds(min: 0, max: 23, names: [:])
        static let daysOfMonth = Bounds(min: 1, max: 31, names: [:])
        static let months = Bounds(
            min: 1, max: 12,
            names: ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12])
        static let daysOfWeek = Bounds(min: 0, max: 6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6])
    }

    /// A piece of the text and where it starts, in Unicode scalars.
    struct Token {
        let scalars: ArraySlice<Unicode.Scalar>
        var offset: Int { scalars.startIndex }
        var text: String { String(String.UnicodeScalarView(scalars)) }
    }

    /// Parses `text` as robfig's `Parser.Parse` with the given layout.
    init(parsing text: String, layout: Layout) throws(CronSyntaxError) {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { throw CronSyntaxError("empty spec string") }
        var body = scalars[...]
        var timeZoneName: String?
        if Self.starts(scalars[...], with: "TZ=") || Self.starts(scalars[...], with: "CRON_TZ=") {
            // robfig takes the name between the first "=" and the first space, then trims.
            let equals = scalars.firstIndex(of: "=") ?? 0
            guard let space = scalars.firstIndex(of: " ") else {
                // robfig slices with index -1 here and panics; refuse instead.
                throw CronSyntaxError(
                    "provided bad location \(Token(scalars: body.dropFirst(equals + 1)).text): no schedule follows it", offset: equals + 1)
            }
            let name = Token(scalars: scalars[(equals + 1)..<space]).text
            if UTCOffsets.LocationName(name) == .invalid {
                throw CronSyntaxError("provided bad location \(name): \(UTCOffsets.LocationName.invalidMessage)", offset: equals + 1)
            }
            timeZoneName = name
            body = scalars[space...]
            while let first = body.first, first.properties.isWhitespace { body = body.dropFirst() }
            while let last = body.last, last.properties.isWhitespace { body = body.dropLast() }
        }
        if body.first == "@" {
            self.init(text: text, timeZoneName: timeZoneName, kind: try Self.descriptor(Token(scalars: body)))
            return
        }
        let fields = try Self.normalizedFields(Self.split(body, where: { $0.properties.isWhitespace }), layout: layout)
        // Fields parse in robfig's order, so the first bad one is the one reported.
        let second = try fields.second.map { token throws(CronSyntaxError) in try Self.field(token, .seconds) } ?? 1
        let minute = try Self.field(fields.minute, .minutes)
        let hour = try Self.field(fields.hour, .hours)
        let dayOfMonth = try Self.field(fields.dayOfMonth, .daysOfMonth)
        let month = try Self.field(fields.month, .months)
        let dayOfWeek = try fields.dayOfWeek.map { token throws(CronSyntaxError) in try Self.field(token, .daysOfWeek) } ?? Self.all(.daysOfWeek)
        let bits = Fields(second: second, minute: minute, hour: hour, dayOfMonth: dayOfMonth, month: month, dayOfWeek: dayOfWeek)
        self.init(text: text, timeZoneName: timeZoneName, kind: .fields(bits))
    }

    /// The fields of a schedule in robfig's order; nil stands for a defaulted field (second 0, day
    /// of week `*`).
    private struct FieldTokens {
        let second: Token?
        let minute: Token
        let hour: Token
        let dayOfMonth: Token
        let month: Token
        let dayOfWeek: Token?
    }

    /// robfig's `normalizeFields`: checks the count and lines the fields up.
    private static func normalizedFields(_ tokens: [Token], layout: Layout) throws(CronSyntaxError) -> FieldTokens {
        let listed = "[" + tokens.map(\.text).joined(separator: " ") + "]"
        switch layout {
        case .standard:
            guard tokens.count == 5 else { throw CronSyntaxError("expected exactly 5 fields, found \(tokens.count): \(listed)") }
            return FieldTokens(second: nil, minute: tokens[0], hour: tokens[1], dayOfMonth: tokens[2], month: tokens[3], dayOfWeek: tokens[4])
        case .withSeconds:
            guard tokens.count == 5 || tokens.count == 6 else {
                throw CronSyntaxError("expected 5 to 6 fields, found \(tokens.count): \(listed)")
            }
            return FieldTokens(
                second: tokens[0], minute: tokens[1], hour: tokens[2], dayOfMonth: tokens[3], month: tokens[4],
                dayOfWeek: tokens.count == 6 ? tokens[5] : nil)
        }
    }

    /// robfig's `getField`: the union of a comma-separated list of ranges (empty items skipped,
    /// as Go's `strings.FieldsFunc` skips them).
    static func field(_ token: Token, _ bounds: Bounds) throws(CronSyntaxError) -> UInt64 {
        var bits: UInt64 = 0
        for range in split(token.scalars, where: { $0 == "," }) { bits |= try self.range(range, bounds) }
        return bits
    }

    /// robfig's `getRange`: `number | number "-" number [ "/" number ]`, `*` or `?` for the whole
    /// range, names where the field has them.
    static func range(_ token: Token, _ bounds: Bounds) throws(CronSyntaxError) -> UInt64 {
        let expression = token.text
        let rangeAndStep = pieces(token, separator: "/")
        let lowAndHigh = pieces(rangeAndStep[0], separator: "-")
        let fail = { (message: String) in CronSyntaxError(message, offset: token.offset) }
        var start: UInt64
        var end: UInt64
        var extra: UInt64 = 0
        let first = lowAndHigh[0].text
        if first == "*" || first == "?" {
            // robfig ignores anything after a star's hyphen: "*-5" is "*".
            start = bounds.min
            end = bounds.max
            extra = Fields.starBit
        } else {
            start = try number(lowAndHigh[0], names: bounds.names)
            switch lowAndHigh.count {
            case 1: end = start
            case 2: end = try number(lowAndHigh[1], names: bounds.names)
            default: throw fail("too many hyphens: \(expression)")
            }
        }
        var step: UInt64 = 1
        switch rangeAndStep.count {
        case 1: break
        case 2:
            step = try number(rangeAndStep[1], names: [:])
            // "N/step" means "N-max/step".
            if lowAndHigh.count == 1 { end = bounds.max }
            if step > 1 { extra = 0 }
        default: throw fail("too many slashes: \(expression)")
        }
        if start < bounds.min { throw fail("beginning of range (\(start)) below minimum (\(bounds.min)): \(expression)") }
        if end > bounds.max { throw fail("end of range (\(end)) above maximum (\(bounds.max)): \(expression)") }
        if start > end { throw fail("beginning of range (\(start)) beyond end of range (\(end)): \(expression)") }
        if step == 0 { throw fail("step of range should be a positive number: \(expression)") }
        return bits(from: start, through: end, step: step) | extra
    }

    /// robfig's `parseIntOrName` then `mustParseInt`: a name (matched after Go's `strings.ToLower`)
    /// or a non-negative decimal as Go's `strconv.Atoi` reads it (optional sign, ASCII digits).
    private static func number(_ token: Token, names: [String: UInt64]) throws(CronSyntaxError) -> UInt64 {
        let text = token.text
        if let named = names[goLowercased(token.scalars)] { return named }
        switch goAtoi(Array(text.utf8)) {
        case .value(let value) where value < 0:
            throw CronSyntaxError("negative number (\(value)) not allowed: \(text)", offset: token.offset)
        case .value(let value):
            return UInt64(value)
        case .invalidSyntax:
            throw CronSyntaxError("failed to parse int from \(text): strconv.Atoi: parsing \(goQuote(text)): invalid syntax", offset: token.offset)
        case .outOfRange:
            throw CronSyntaxError(
                "failed to parse int from \(text): strconv.Atoi: parsing \(goQuote(text)): value out of range", offset: token.offset)
        }
    }

    /// The result of Go's `strconv.Atoi`.
    enum AtoiResult: Equatable {
        case value(Int64)
        case invalidSyntax
        case outOfRange
    }

    /// Go's `strconv.Atoi` on 64-bit platforms: `[+-]?[0-9]+` within the Int64 range.
    static func goAtoi(_ bytes: [UInt8]) -> AtoiResult {
        var digits = bytes[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .invalidSyntax }
        var magnitude: UInt64 = 0
        for digit in digits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return .outOfRange }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .outOfRange }
            return .value(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .outOfRange }
        return .value(Int64(magnitude))
    }

    /// Go's `strings.ToLower` for the purpose of matching names: ASCII letters, plus the two
    /// non-ASCII letters whose simple lowercase is ASCII (U+0130 to "i", U+212A KELVIN SIGN to "k").
    private static func goLowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            switch scalar.value {
            case 0x41...0x5A: result.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            case 0x130: result.append("i")
            case 0x212A: result.append("k")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Go's `strconv.Quote` for the ASCII text cron fields hold: backslash escapes for `"`, `\` and
    /// control characters; other characters as they are.
    static func goQuote(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\u{07}": quoted += "\\a"
            case "\u{08}": quoted += "\\b"
            case "\u{0C}": quoted += "\\f"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case "\u{0B}": quoted += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// robfig's `getBits`: bits `start`, `start + step`, ... up to `end`.
    static func bits(from start: UInt64, through end: UInt64, step: UInt64) -> UInt64 {
        if step == 1 { return ~(UInt64.max << (end + 1)) & (UInt64.max << start) }
        var bits: UInt64 = 0
        var value = start
        while value <= end {
            bits |= 1 << value
            value += step
        }
        return bits
    }

    /// robfig's `all`: every value of the field plus the star bit.
    static func all(_ bounds: Bounds) -> UInt64 { bits(from: bounds.min, through: bounds.max, step: 1) | Fields.starBit }

    /// robfig's `parseDescriptor`.
    private static func descriptor(_ token: Token) throws(CronSyntaxError) -> Kind {
        let text = token.text
        switch text {
        case "@yearly", "@annually": return onTheHour(hour: 1 << 0, dayOfMonth: 1 << 1, month: 1 << 1)
        case "@monthly": return onTheHour(hour: 1 << 0, dayOfMonth: 1 << 1)
        case "@weekly": return onTheHour(hour: 1 << 0, dayOfWeek: 1 << 0)
        case "@daily", "@midnight": return onTheHour(hour: 1 << 0)
        case "@hourly": return onTheHour()
        default: break
        }
        guard starts(token.scalars, with: "@every ") else { throw CronSyntaxError("unrecognized descriptor: \(text)", offset: token.offset) }
        do {
            let nanoseconds = try goParseDuration(Token(scalars: token.scalars.dropFirst("@every ".unicodeScalars.count)).text)
            // robfig's `Every`: at least one second, fractions of a second dropped.
            let seconds = nanoseconds < 1_000_000_000 ? 1 : nanoseconds / 1_000_000_000
            return .every(seconds: seconds)
        } catch {
            throw CronSyntaxError("failed to parse duration \(text): \(error.message)", offset: token.offset + "@every ".count)
        }
    }

    /// A descriptor's schedule: second 0 and minute 0 of the given hours and days, every value
    /// (with the star bit) where none is given.
    private static func onTheHour(
        hour: UInt64 = all(.hours), dayOfMonth: UInt64 = all(.daysOfMonth), month: UInt64 = all(.months), dayOfWeek: UInt64 = all(.daysOfWeek)
    ) -> Kind {
        .fields(Fields(second: 1 << 0, minute: 1 << 0, hour: hour, dayOfMonth: dayOfMonth, month: month, dayOfWeek: dayOfWeek))
    }

    /// Go's `strings.HasPrefix`, comparing scalars rather than characters.
    private static func starts(_ scalars: ArraySlice<Unicode.Scalar>, with prefix: String) -> Bool {
        scalars.starts(with: prefix.unicodeScalars)
    }

    /// Go's `strings.Split` on one character: every piece, empty ones included.
    private static func pieces(_ token: Token, separator: Unicode.Scalar) -> [Token] {
        var result: [Token] = []
        var start = token.scalars.startIndex
        for index in token.scalars.indices where token.scalars[index] == separator {
            result.append(Token(scalars: token.scalars[start..<index]))
            start = index + 1
        }
        result.append(Token(scalars: token.scalars[start..<token.scalars.endIndex]))
        return result
    }

    /// Go's `strings.FieldsFunc`: the non-empty runs between separators.
    private static func split(_ scalars: ArraySlice<Unicode.Scalar>, where isSeparator: (Unicode.Scalar) -> Bool) -> [Token] {
        var result: [Token] = []
        var start: Int?
        for index in scalars.indices {
            if isSeparator(scalars[index]) {
                if let begun = start { result.append(Token(scalars: scalars[begun..<index])) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begun = start { result.append(Token(scalars: scalars[begun..<scalars.endIndex])) }
        return result
    }
}
