/// A recursive-descent YAML parser over the bytes of one `YAMLSource`.
///
/// Block structure is driven by indentation. After each block node the parser stands on the first
/// character of the next line that holds content, and `nextIndent` holds that line's indentation
/// (-1 at the end of the document), so every enclosing collection can decide whether the line
/// still belongs to it. Flow collections and quoted scalars are parsed by position alone.
struct YAMLParser {
    /// The deepest nesting of collections accepted; deeper input is rejected before it can
    /// exhaust the stack.
    static let maxDepth = 512
    /// How many nodes aliases may copy in one document; guards users of the tree against
    /// "billion laughs" input, where a few lines of nested aliases stand for billions of nodes.
    static let maxAliasNodes = 1_000_000

    /// A node with an anchor, kept for the aliases that copy it.
    struct Anchor {
        /// The anchored node.
        var node: YAMLNode
        /// How many nodes it holds, counting itself and what its own aliases copied.
        var nodeCount: Int
    }

    /// The input.
    let source: YAMLSource
    /// `source.bytes`, kept here to spare an indirection on every byte read.
    let bytes: [UInt8]
    /// The offset of the next byte to read.
    var pos = 0
    /// The indentation of the line `pos` stands on after a block node; -1 at the end of the
    /// document (end of input, `---` or `...`).
    var nextIndent = -1
    /// How many collections enclose the current position.
    var depth = 0
    /// The indentation of the block node that encloses the current flow collection: lines inside
    /// the collection must be indented more.
    var flowIndent = -1
    /// The anchors defined so far in the current document. Only looked up, never iterated.
    var anchors: [String: Anchor] = [:]
    /// How many nodes the current document has produced, counting alias copies in full.
    var nodeCount = 0
    /// How many nodes aliases have copied in the current document.
    var aliasNodeCount = 0

    /// A parser at the start of `source`.
    init(source: YAMLSource) {
        self.source = source
        bytes = source.bytes
    }

    /// Parses every document of the stream, dropping those that hold nothing.
    mutating func parseStream() throws(YAMLError) -> [YAMLNode] {
        var documents: [YAMLNode] = []
        try skipToNextContent()
        while !atEnd {
            anchors = [:]
            nodeCount = 0
            aliasNodeCount = 0
            var directiveOffset: Int?
            while nextIndent == 0 && peek() == YAMLByte.percent {
                directiveOffset = directiveOffset ?? pos
                skipToLineEnd()
                try skipToNextContent()
            }
            let startsExplicitly = isDocumentMarker(at: pos) && peek() == YAMLByte.dash
            if let directiveOffset, !startsExplicitly {
                throw error("expected '---' after the directives", at: atEnd ? directiveOffset : pos)
            }
            if atEnd {
                break
            }
            if isDocumentMarker(at: pos) && peek() == YAMLByte.period {
                try skipDocumentEnd()
                continue
            }
            if startsExplicitly {
                pos += 3
            }
            let root = try parseBlockNode(
                parent: -1, after: startsExplicitly ? .documentStart : .lineStart)
            if nextIndent >= 0 {
                throw error(
                    "unexpected content after the document's root node;"
                        + " expected '---' or the end of the file",
                    at: pos)
            }
            if case .scalar("", .plain) = root.content, root.tag == nil {
                // Nothing was written but comments and markers: not a document.
            } else {
                documents.append(root)
            }
            if isDocumentMarker(at: pos) && peek() == YAMLByte.period {
                try skipDocumentEnd()
            }
        }
        return documents
    }

    /// Skips a `...` document end marker, and a comment after it.
    private mutating func skipDocumentEnd() throws(YAMLError) {
        pos += 3
        try skipToNextContent()
    }
}

// MARK: - Reading bytes

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
        peek() == YAMLByte.hash
            && (pos == 0 || YAMLByte.isSeparator(bytes[pos - 1]))
    }

    /// Whether nothing but a comment is left on the current line.
    func atLineEnd() -> Bool {
        atEnd || peek() == YAMLByte.lineFeed || atComment()
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
}

// MARK: - Moving between lines

extension YAMLParser {
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
