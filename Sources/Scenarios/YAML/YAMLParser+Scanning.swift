/// Byte- and line-level reading for `YAMLParser`: looking at the next bytes, recognising
/// comments, indicators and document markers, and moving from one content line to the next.
extension YAMLParser {
    /// Whether every byte has been read.
    var atEnd: Bool { pos >= bytes.count }

    /// The byte `ahead` bytes past `pos`, or `YAMLByte.end` past the end of the input.
    func peek(_ ahead: Int = 0) -> UInt8 {
        let index = pos + ahead
        return index < bytes.count ? bytes[index] : YAMLByte.end
    }

    /// Skips spaces and tabs on the current line.
    mutating func skipBlanks() {
        while YAMLByte.isBlank(peek()) {
            pos += 1
        }
    }

    /// Moves to the line feed that ends the current line, or to the end of the input.
    mutating func skipToLineEnd() {
        while !atEnd && peek() != YAMLByte.lineFeed {
            pos += 1
        }
    }

    /// Whether a comment starts at `pos`: a `#` only starts one at the start of a line or after
    /// a blank, so `a#b` is text.
    func atComment() -> Bool {
        guard peek() == YAMLByte.hash else { return false }
        guard pos > 0 else { return true }
        return YAMLByte.isSeparator(bytes[pos - 1])
    }

    /// Whether nothing but a comment is left on the current line.
    func atLineEnd() -> Bool {
        switch peek() {
        case YAMLByte.end, YAMLByte.lineFeed: true
        case YAMLByte.hash: atComment()
        default: false
        }
    }

    /// Whether a block sequence entry (`-` then a blank or line break) starts at `pos`.
    func atSequenceEntry() -> Bool {
        peek() == YAMLByte.dash && YAMLByte.isSeparator(peek(1))
    }

    /// Whether a block mapping value indicator (`:` then a blank or line break) is at `pos`.
    func atBlockValueIndicator() -> Bool {
        peek() == YAMLByte.colon && YAMLByte.isSeparator(peek(1))
    }

    /// Whether `---` or `...` starts a line at `offset`, followed by a blank or line break.
    func isDocumentMarker(at offset: Int) -> Bool {
        guard offset + 3 <= bytes.count, offset == 0 || bytes[offset - 1] == YAMLByte.lineFeed
        else { return false }
        let first = bytes[offset]
        guard first == YAMLByte.dash || first == YAMLByte.period,
            bytes[offset + 1] == first, bytes[offset + 2] == first
        else { return false }
        return offset + 3 == bytes.count || YAMLByte.isSeparator(bytes[offset + 3])
    }

    /// The column of `offset` in bytes from the start of its line. Block indentation is made of
    /// ASCII spaces and indicators, so for it bytes and characters agree.
    func indentation(of offset: Int) -> Int {
        offset - source.lineStart(containing: offset)
    }

    /// The location of `offset`.
    func location(_ offset: Int) -> SourceLocation {
        source.location(of: offset)
    }

    /// An error at `offset`.
    func error(_ message: String, at offset: Int) -> YAMLError {
        source.error(message, at: offset)
    }

    /// The character at `offset` as messages show it: quoted, or `end of line`/`end of file`.
    func describeCharacter(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        if bytes[offset] == YAMLByte.lineFeed {
            return "end of line"
        }
        let text = character(at: offset)
        return text == "'" ? "\"'\"" : "'\(text)'"
    }

    /// The whole (possibly multi-byte) character starting at `offset`.
    func character(at offset: Int) -> String {
        let end = min(bytes.count, offset + YAMLByte.sequenceLength(bytes[offset]))
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// Requires that only blanks and a comment are left on the current line.
    mutating func finishLine() throws(YAMLError) {
        skipBlanks()
        if atComment() {
            skipToLineEnd()
        }
        guard atEnd || peek() == YAMLByte.lineFeed else {
            throw error(
                "unexpected \(describeCharacter(at: pos)) after the value;"
                    + " expected the end of the line",
                at: pos)
        }
    }

    /// Finishes the current line (see `finishLine`), then moves to the first character of the
    /// next line that holds content and sets `nextIndent`. Blank lines and comment lines are
    /// skipped; the end of the input and document markers end the document (`nextIndent` -1,
    /// `pos` on the marker). When `pos` is at the start of a line, that line is examined first.
    ///
    /// - Throws: `YAMLError` for text left on the current line, or for a tab in the
    ///   indentation of a content line.
    mutating func skipToNextContent() throws(YAMLError) {
        if pos > 0 && bytes[pos - 1] != YAMLByte.lineFeed {
            try finishLine()
            if atEnd {
                nextIndent = -1
                return
            }
            pos += 1
        }
        while true {
            let lineStart = pos
            while peek() == YAMLByte.space {
                pos += 1
            }
            if atEnd {
                nextIndent = -1
                return
            }
            switch peek() {
            case YAMLByte.lineFeed:
                pos += 1
            case YAMLByte.hash:
                skipToLineEnd()
            case YAMLByte.tab:
                let tabOffset = pos
                skipBlanks()
                if !atLineEnd() {
                    throw error("tabs are not allowed for indentation; use spaces", at: tabOffset)
                }
            default:
                if pos == lineStart && isDocumentMarker(at: pos) {
                    nextIndent = -1
                } else {
                    nextIndent = pos - lineStart
                }
                return
            }
        }
    }
}
