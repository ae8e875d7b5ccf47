extension YAMLParser {
    /// Parses a single- or double-quoted scalar at `pos`.
    ///
    /// Line breaks inside fold as in plain scalars: one becomes a space, each empty line a line
    /// feed, and blanks around them are dropped.
    ///
    /// - Parameter parent: The indentation of the enclosing block node; continuation lines must
    ///   be indented more.
    /// - Throws: `YAMLError` at the opening quote if the string is not closed before the end of
    ///   the input, a document marker or a line indented too little; at the backslash for a bad
    ///   escape.
    mutating func parseQuotedScalar(parent: Int) throws(YAMLError) -> YAMLNode {
        let open = pos
        let single = peek() == YAMLByte.singleQuote
        pos += 1
        var text: [UInt8] = []
        while true {
            guard !atEnd else { throw unterminatedQuote(at: open) }
            let byte = peek()
            if single && byte == YAMLByte.singleQuote {
                pos += 1
                guard peek() == YAMLByte.singleQuote else { break }
                text.append(YAMLByte.singleQuote)
                pos += 1
            } else if !single && byte == YAMLByte.doubleQuote {
                pos += 1
                break
            } else if !single && byte == YAMLByte.backslash && peek(1) == YAMLByte.lineFeed {
                pos += 1
                try foldQuotedLineBreak(into: &text, open: open, parent: parent, escaped: true)
            } else if !single && byte == YAMLByte.backslash {
                guard pos + 1 < bytes.count else { throw unterminatedQuote(at: open) }
                try appendEscape(to: &text)
            } else if YAMLByte.isBlank(byte) || byte == YAMLByte.lineFeed {
                let blanksStart = pos
                skipBlanks()
                if peek() == YAMLByte.lineFeed {
                    try foldQuotedLineBreak(into: &text, open: open, parent: parent, escaped: false)
                } else {
                    text.append(contentsOf: bytes[blanksStart..<pos])
                }
            } else {
                text.append(byte)
                pos += 1
            }
        }
        let style: ScalarStyle = single ? .singleQuoted : .doubleQuoted
        return makeNode(.scalar(String(decoding: text, as: UTF8.self), style), at: location(open))
    }

    /// The error for the quoted scalar opened at `open` that never closes.
    private func unterminatedQuote(at open: Int) -> YAMLError {
        let kind = bytes[open] == YAMLByte.singleQuote ? "single" : "double"
        return error("unterminated \(kind)-quoted string", at: open)
    }

    /// Consumes the line break at `pos` and the empty lines and indentation after it, and
    /// appends what they fold to: a space for a lone break, a line feed per empty line. After an
    /// escaped break (`\` at the end of a line) the break itself adds nothing.
    private mutating func foldQuotedLineBreak(
        into text: inout [UInt8], open: Int, parent: Int, escaped: Bool
    ) throws(YAMLError) {
        var emptyLines = 0
        while true {
            pos += 1
            let lineStart = pos
            while peek() == YAMLByte.space {
                pos += 1
            }
            let indent = pos - lineStart
            skipBlanks()
            if peek() == YAMLByte.lineFeed {
                emptyLines += 1
                continue
            }
            if atEnd || isDocumentMarker(at: lineStart) || indent <= parent {
                throw unterminatedQuote(at: open)
            }
            break
        }
        if emptyLines == 0 && !escaped {
            text.append(YAMLByte.space)
        } else {
            text.append(contentsOf: repeatElement(YAMLByte.lineFeed, count: emptyLines))
        }
    }

    /// Decodes the escape sequence at `pos` (a backslash and what follows) into `text`.
    private mutating func appendEscape(to text: inout [UInt8]) throws(YAMLError) {
        let start = pos
        pos += 1
        let code = peek()
        pos += 1
        switch code {
        case UInt8(ascii: "0"): text.append(0x00)
        case UInt8(ascii: "a"): text.append(0x07)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"), YAMLByte.tab: text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "v"): text.append(0x0B)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "e"): text.append(0x1B)
        case YAMLByte.space, YAMLByte.doubleQuote, YAMLByte.slash, YAMLByte.backslash:
            text.append(code)
        case UInt8(ascii: "N"): text.append(contentsOf: "\u{85}".utf8)
        case UInt8(ascii: "_"): text.append(contentsOf: "\u{A0}".utf8)
        case UInt8(ascii: "L"): text.append(contentsOf: "\u{2028}".utf8)
        case UInt8(ascii: "P"): text.append(contentsOf: "\u{2029}".utf8)
        case UInt8(ascii: "x"): try appendHexEscape(to: &text, digits: 2, start: start)
        case UInt8(ascii: "u"): try appendHexEscape(to: &text, digits: 4, start: start)
        case UInt8(ascii: "U"): try appendHexEscape(to: &text, digits: 8, start: start)
        default:
            throw error("unknown escape sequence \"\\\(character(at: start + 1))\"", at: start)
        }
    }

    /// Decodes the `digits` hexadecimal digits at `pos` of the `\x`, `\u` or `\U` escape that
    /// starts at `start`, and appends the character in UTF-8.
    private mutating func appendHexEscape(to text: inout [UInt8], digits: Int, start: Int)
        throws(YAMLError)
    {
        let escape = "\\" + character(at: start + 1)
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = YAMLByte.hexValue(peek()) else {
                throw error(
                    "invalid escape sequence; \(escape) needs \(digits) hexadecimal digits",
                    at: start)
            }
            value = value << 4 | digit
            pos += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error(
                "invalid escape sequence; \(YAMLSource.codePointName(value))"
                    + " is not a Unicode character",
                at: start)
        }
        text.append(contentsOf: String(Character(scalar)).utf8)
    }
}
