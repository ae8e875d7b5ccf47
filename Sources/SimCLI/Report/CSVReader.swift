import Foundation

/// Reads RFC 4180 CSV text one row at a time, keeping each field as a slice of the file's bytes,
/// so that a file of millions of rows is read without a `String` per field.
struct CSVReader {
    let bytes: [UInt8]
    private var position = 0
    /// The current row's fields, quotes removed (a doubled quote inside is still doubled: see
    /// `string(_:)`).
    private(set) var fields: [ArraySlice<UInt8>] = []
    /// 1-based line number where the current row starts.
    private(set) var line = 0
    private var nextLine = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is not part of the first field.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Moves to the next row; false at the end. Empty lines are skipped.
    mutating func next() -> Bool {
        fields.removeAll(keepingCapacity: true)
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { nextLine += 1 }
            position += 1
        }
        guard position < bytes.count else { return false }
        line = nextLine
        while true {
            var end: Int
            if bytes[position] == UInt8(ascii: "\"") {
                let start = position + 1
                position = start
                while position < bytes.count {
                    if bytes[position] == UInt8(ascii: "\"") {
                        if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                            position += 2
                            continue
                        }
                        break
                    }
                    if bytes[position] == 0x0A { nextLine += 1 }
                    position += 1
                }
                fields.append(bytes[start..<min(position, bytes.count)])
                position += 1
                // Anything between the closing quote and the next separator is dropped.
                while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != 0x0A { position += 1 }
                end = position
            } else {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: ","), bytes[position] != 0x0A { position += 1 }
                end = position
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                fields.append(bytes[start..<end])
            }
            guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { break }
            position += 1
        }
        if position < bytes.count {
            nextLine += 1
            position += 1
        }
        return true
    }

    /// Field `index` of the current row as text, or "" past the row's end.
    func string(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        let text = String(decoding: fields[index], as: UTF8.self)
        return text.contains("\"\"") ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Field `index` as a number, or nil when it is not one (or missing, or empty).
    func double(_ index: Int) -> Double? {
        guard index < fields.count else { return nil }
        return Self.number(fields[index])
    }

    /// A decimal number from its bytes. kubesim writes `-12.345678`-style decimals, read here
    /// directly; anything else (an exponent, `NaN`) goes through `Double(String)`.
    static func number(_ field: ArraySlice<UInt8>) -> Double? {
        guard !field.isEmpty else { return nil }
        var index = field.startIndex
        let negative = field[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var whole: Int64 = 0, fraction: Int64 = 0, scale: Int64 = 1, digits = 0
        var afterPoint = false
        while index < field.endIndex {
            let byte = field[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // Past 15 digits the integer arithmetic would lose exactness: read it the slow way.
                digits += 1
                guard digits <= 15 else { return Double(String(decoding: field, as: UTF8.self)) }
                if afterPoint {
                    fraction = fraction * 10 + Int64(byte - UInt8(ascii: "0"))
                    scale *= 10
                } else {
                    whole = whole * 10 + Int64(byte - UInt8(ascii: "0"))
                }
            } else if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else {
                return Double(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let magnitude = Double(whole) + Double(fraction) / Double(scale)
        return negative ? -magnitude : magnitude
    }
}
