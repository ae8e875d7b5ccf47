extension YAMLParser {
    /// Why a plain scalar cannot start at `pos`, or nil if it can.
    ///
    /// Indicator characters cannot start one; `-`, `?` and `:` can when a non-blank character
    /// follows (`-1`, `:x`), since only "indicator + blank" is the indicator. Block context
    /// handles `- `, `|` and `>` before getting here, so their messages speak of flow context.
    func plainStartError(flow: Bool) -> String? {
        let first = peek()
        let next = peek(1)
        let isIndicator = YAMLByte.isSeparator(next) || (flow && YAMLByte.isFlowIndicator(next))
        switch first {
        case YAMLByte.question:
            return isIndicator ? "complex mapping keys are not supported" : nil
        case YAMLByte.colon:
            return isIndicator ? "missing mapping key before ':'" : nil
        case YAMLByte.dash:
            return isIndicator ? "block sequence entries are not allowed inside flow collections" : nil
        case YAMLByte.comma, YAMLByte.closeBracket, YAMLByte.closeBrace:
            return "expected a value, found \(describeCharacter(at: pos))"
        case YAMLByte.hash:
            return "expected a value, found '#'; a comment needs a space before it"
        case YAMLByte.pipe, YAMLByte.greaterThan:
            return "block scalars are not allowed inside flow collections"
        case YAMLByte.percent, YAMLByte.at, YAMLByte.backtick:
            return "\(describeCharacter(at: pos)) cannot start a plain value; quote the value"
        default:
            return nil
        }
    }

    /// Scans the rest of the current line of a plain scalar and returns its text without
    /// trailing blanks.
    ///
    /// Stops at the end of the line, before `: ` (a mapping value), before ` #` (a comment), and
    /// in flow context before a flow indicator or a `:` followed by one. `pos` is left at the
    /// stop, after any trailing blanks.
    mutating func scanPlainLine(flow: Bool) -> Range<Int> {
        let start = pos
        var end = pos
        while true {
            let byte = peek()
            if byte == YAMLByte.lineFeed || byte == YAMLByte.end {
                break
            }
            if byte == YAMLByte.colon {
                let next = peek(1)
                if YAMLByte.isSeparator(next) || (flow && YAMLByte.isFlowIndicator(next)) {
                    break
                }
            } else if atComment() || (flow && YAMLByte.isFlowIndicator(byte)) {
                break
            }
            pos += 1
            if !YAMLByte.isBlank(byte) {
                end = pos
            }
        }
        return start..<end
    }

    /// Folds the lines that continue a plain scalar into `text`, which holds its first line;
    /// `pos` is at the line feed ending that line.
    ///
    /// A continuation line must be indented more than `parent` and hold plain text. One line
    /// break becomes a space; each empty line in between becomes a line feed. In block context a
    /// line that would start a mapping entry (`key: value`) is not taken, so that a mis-indented
    /// key is reported as bad indentation rather than silently joined to the value before it.
    /// When the scalar ends, `pos` is back at the end of its last line.
    mutating func continuePlainScalar(_ text: inout [UInt8], parent: Int, flow: Bool) {
        while peek() == YAMLByte.lineFeed {
            let lastLineEnd = pos
            var lineBreaks = 0
            var lineStart = pos
            var indent = 0
            repeat {
                pos += 1
                lineBreaks += 1
                lineStart = pos
                while peek() == YAMLByte.space {
                    pos += 1
                }
                indent = pos - lineStart
                skipBlanks()
            } while peek() == YAMLByte.lineFeed
            let ends =
                atEnd || indent <= parent || isDocumentMarker(at: lineStart) || atComment()
                || (flow && YAMLByte.isFlowIndicator(peek()))
            if ends {
                pos = lastLineEnd
                return
            }
            let line = scanPlainLine(flow: flow)
            let startsEntry =
                peek() == YAMLByte.colon
                && (YAMLByte.isSeparator(peek(1)) || (flow && YAMLByte.isFlowIndicator(peek(1))))
            if line.isEmpty || (startsEntry && !flow) {
                pos = lastLineEnd
                return
            }
            if lineBreaks == 1 {
                text.append(YAMLByte.space)
            } else {
                text.append(contentsOf: repeatElement(YAMLByte.lineFeed, count: lineBreaks - 1))
            }
            text.append(contentsOf: bytes[line])
        }
    }
}
