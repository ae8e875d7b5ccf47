/// One input file as the parser sees it, and the map from byte offsets back to lines and columns.
///
/// The text is normalised once so the parser deals with one kind of line break: CRLF and lone CR
/// become LF, and byte-order marks at the start of lines are dropped. Neither changes which line a
/// character is on or (as editors show it) its column, so locations still match the file the
/// user edits.
///
/// A class because it is immutable and shared: copies of the parser that holds it then retain
/// one reference rather than three arrays.
final class YAMLSource: Sendable {
    /// The file name used in locations.
    let file: String
    /// The normalised UTF-8 text.
    let bytes: [UInt8]
    /// The offset at which each line starts; the first is 0.
    private let lineStarts: [Int]

    /// Normalises and checks `text`.
    ///
    /// - Throws: `YAMLError` at the first character YAML does not allow in a file (control
    ///   characters other than tab and line breaks, C1 controls, U+FFFE, U+FFFF).
    init(text: String, file: String) throws(YAMLError) {
        self.file = file
        bytes = Self.normalized(Array(text.utf8))
        var starts = [0]
        for offset in bytes.indices where bytes[offset] == YAMLByte.lineFeed {
            starts.append(offset + 1)
        }
        lineStarts = starts
        if let (offset, scalar) = Self.firstInvalidCharacter(in: bytes) {
            throw error(
                "invalid character \(scalar); write it as an escape in a double-quoted string",
                at: offset)
        }
    }

    /// The location of the character starting at byte `offset` (or of the end of the input).
    func location(of offset: Int) -> SourceLocation {
        let line = lineIndex(containing: offset)
        var column = 1
        for index in lineStarts[line]..<min(offset, bytes.count)
        where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return SourceLocation(file: file, line: line + 1, column: column)
    }

    /// The offset at which the line holding `offset` starts.
    func lineStart(containing offset: Int) -> Int {
        lineStarts[lineIndex(containing: offset)]
    }

    /// An error located at byte `offset`.
    func error(_ message: String, at offset: Int) -> YAMLError {
        YAMLError(location: location(of: offset), message: message)
    }

    /// The 0-based index of the line holding `offset`, by binary search.
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// `raw` with every CRLF and lone CR turned into LF, and without byte-order marks at the
    /// start of lines: YAML allows one before each document, and files joined with `cat` carry
    /// one at the start of each, where it would otherwise become part of the first key.
    private static func normalized(_ raw: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(raw.count)
        var index = 0
        var atLineStart = true
        while index < raw.count {
            if atLineStart && index + 3 <= raw.count && raw[index] == 0xEF && raw[index + 1] == 0xBB
                && raw[index + 2] == 0xBF
            {
                index += 3
                continue
            }
            let byte = raw[index]
            index += 1
            if byte == YAMLByte.carriageReturn {
                result.append(YAMLByte.lineFeed)
                if index < raw.count && raw[index] == YAMLByte.lineFeed {
                    index += 1
                }
                atLineStart = true
            } else {
                result.append(byte)
                atLineStart = byte == YAMLByte.lineFeed
            }
        }
        return result
    }

    /// The offset and `U+XXXX` name of the first character outside YAML's printable set, if any.
    private static func firstInvalidCharacter(in bytes: [UInt8]) -> (Int, String)? {
        for offset in bytes.indices {
            let byte = bytes[offset]
            let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
            let afterNext = offset + 2 < bytes.count ? bytes[offset + 2] : 0
            if (byte < 0x20 && byte != YAMLByte.tab && byte != YAMLByte.lineFeed) || byte == 0x7F {
                return (offset, codePointName(UInt32(byte)))
            }
            // C1 controls, U+0080...U+009F except NEL (U+0085), are encoded as C2 80...C2 9F.
            if byte == 0xC2 && (0x80...0x9F).contains(next) && next != 0x85 {
                return (offset, codePointName(UInt32(next)))
            }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            if byte == 0xEF && next == 0xBF && (afterNext == 0xBE || afterNext == 0xBF) {
                return (offset, codePointName(afterNext == 0xBE ? 0xFFFE : 0xFFFF))
            }
        }
        return nil
    }

    /// `U+0007`-style name of a code point.
    static func codePointName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
