/// What a block scalar does with the line breaks at its end.
enum BlockChomping {
    /// `-`: drops them all.
    case strip
    /// The default: keeps one.
    case clip
    /// `+`: keeps them all.
    case keep
}

extension YAMLParser {
    /// Parses a literal (`|`) or folded (`>`) block scalar from its indicator at `pos`.
    ///
    /// The header may carry a chomping indicator (`-`, `+`) and an indentation digit, in either
    /// order, and a comment. Without a digit, the indentation is that of the first non-empty
    /// line, which must be indented more than `parent`.
    mutating func parseBlockScalar(parent: Int, properties: YAMLProperties)
        throws(YAMLError) -> YAMLNode
    {
        let start = pos
        let literal = peek() == YAMLByte.pipe
        pos += 1
        var chomping: BlockChomping?
        var explicitIndent: Int?
        while true {
            let byte = peek()
            if chomping == nil && (byte == YAMLByte.dash || byte == YAMLByte.plus) {
                chomping = byte == YAMLByte.dash ? .strip : .keep
            } else if explicitIndent == nil && (YAMLByte.one...YAMLByte.nine).contains(byte) {
                explicitIndent = Int(byte - YAMLByte.zero)
            } else if explicitIndent == nil && byte == YAMLByte.zero {
                throw error("the indentation indicator of a block scalar must be 1 to 9", at: pos)
            } else {
                break
            }
            pos += 1
        }
        skipBlanks()
        if atComment() {
            skipToLineEnd()
        }
        guard atEnd || peek() == YAMLByte.lineFeed else {
            throw error(
                "invalid block scalar header; expected '-', '+', an indentation digit or a comment",
                at: pos)
        }
        let text = readBlockScalarBody(
            literal: literal, chomping: chomping ?? .clip,
            indent: explicitIndent.map { max(parent, 0) + $0 }, minimumIndent: parent + 1)
        var node = makeNode(
            .scalar(text, literal ? .literal : .folded), at: location(start))
        apply(properties, to: &node)
        try skipToNextContent()
        return node
    }

    /// Reads the lines of a block scalar after its header, leaving `pos` at the start of the
    /// first line that does not belong to it.
    ///
    /// Folding follows the YAML spec (as libyaml implements it): a line break between two lines
    /// that start with a non-blank becomes a space, or disappears when empty lines follow it
    /// (each of which gives a line feed); breaks next to more-indented lines are kept.
    ///
    /// - Parameters:
    ///   - indent: The content indentation from the header's digit, or nil to detect it.
    ///   - minimumIndent: The least indentation a detected content indentation may have.
    private mutating func readBlockScalarBody(
        literal: Bool, chomping: BlockChomping, indent explicitIndent: Int?, minimumIndent: Int
    ) -> String {
        guard peek() == YAMLByte.lineFeed else { return "" }
        pos += 1
        var indent = explicitIndent
        var text: [UInt8] = []
        var pendingBreak = false
        var emptyLines = 0
        var previousMoreIndented = false
        while !atEnd && !isDocumentMarker(at: pos) {
            let lineStart = pos
            while peek() == YAMLByte.space && pos - lineStart < (indent ?? Int.max) {
                pos += 1
            }
            if peek() == YAMLByte.lineFeed {
                emptyLines += 1
                pos += 1
                continue
            }
            if atEnd {
                break
            }
            let spaces = pos - lineStart
            if spaces < (indent ?? minimumIndent) {
                pos = lineStart
                break
            }
            indent = indent ?? spaces
            let moreIndented = YAMLByte.isBlank(peek())
            if pendingBreak {
                if literal || previousMoreIndented || moreIndented {
                    text.append(YAMLByte.lineFeed)
                } else if emptyLines == 0 {
                    text.append(YAMLByte.space)
                }
            }
            text.append(contentsOf: repeatElement(YAMLByte.lineFeed, count: emptyLines))
            emptyLines = 0
            previousMoreIndented = moreIndented
            let contentStart = pos
            skipToLineEnd()
            text.append(contentsOf: bytes[contentStart..<pos])
            pendingBreak = peek() == YAMLByte.lineFeed
            if pendingBreak {
                pos += 1
            }
        }
        switch chomping {
        case .strip:
            break
        case .clip:
            if pendingBreak {
                text.append(YAMLByte.lineFeed)
            }
        case .keep:
            if pendingBreak {
                text.append(YAMLByte.lineFeed)
            }
            text.append(contentsOf: repeatElement(YAMLByte.lineFeed, count: emptyLines))
        }
        return String(decoding: text, as: UTF8.self)
    }
}
