/// Flow collections. Nested collections recurse through `parseFlowNode`, the collection parsers
/// and `parseFlowValue`; everything else is done by helpers kept out of line (`@inline(never)`)
/// so that these frames stay small and `maxDepth` levels fit on a thread's stack.
extension YAMLParser {
    /// Parses the flow sequence or flow mapping whose bracket is at `pos`.
    ///
    /// `flowIndent` must hold the indentation of the enclosing block node.
    mutating func parseFlowCollection() throws(YAMLError) -> YAMLNode {
        peek() == YAMLByte.openBracket ? try parseFlowSequence() : try parseFlowMapping()
    }

    /// Parses `[a, b, ...]`. A trailing comma is allowed; an entry `k: v` is a single-pair mapping.
    private mutating func parseFlowSequence() throws(YAMLError) -> YAMLNode {
        let open = pos
        let start = location(open)
        try enterCollection(at: start)
        defer { depth -= 1 }
        pos += 1
        var items: [YAMLNode] = []
        while try !atFlowCollectionEnd(open: open) {
            items.append(try parseFlowSequenceEntry(open: open))
            try skipFlowEntrySeparator(open: open)
        }
        return makeCollection(.sequence(items), at: start, properties: noProperties())
    }

    /// Parses one entry of a flow sequence: a node, or a single-pair mapping `key: value`.
    private mutating func parseFlowSequenceEntry(open: Int) throws(YAMLError) -> YAMLNode {
        let entry = try parseFlowNode(open: open)
        guard try startsFlowPair(after: entry) else { return entry }
        let value = try parseFlowValue(open: open)
        return makeCollection(
            .mapping([YAMLPair(key: entry, value: value)]), at: entry.location,
            properties: noProperties())
    }

    /// Whether a `:` on the same line after `entry` makes it the key of a single-pair mapping;
    /// if so, the `:` is consumed.
    @inline(never)
    private mutating func startsFlowPair(after entry: YAMLNode) throws(YAMLError) -> Bool {
        skipBlanks()
        guard atFlowValueIndicator(after: entry) else { return false }
        guard case .scalar = entry.content else {
            throw YAMLError(location: entry.location, message: "complex mapping keys are not supported")
        }
        pos += 1
        return true
    }

    /// Parses `{a: 1, b: 2, ...}`. A trailing comma is allowed; a key without `:` has an empty
    /// value (located just after the key).
    private mutating func parseFlowMapping() throws(YAMLError) -> YAMLNode {
        let open = pos
        let start = location(open)
        try enterCollection(at: start)
        defer { depth -= 1 }
        pos += 1
        var builder = YAMLMappingBuilder()
        while try !atFlowCollectionEnd(open: open) {
            let key = try parseFlowNode(open: open)
            try builder.add(key: key, value: try parseFlowMappingValue(after: key, open: open))
            try skipFlowEntrySeparator(open: open)
        }
        return makeCollection(.mapping(builder.pairs()), at: start, properties: noProperties())
    }

    /// Parses what follows the key `key` of a flow mapping entry: `:` and a value, or nothing.
    private mutating func parseFlowMappingValue(after key: YAMLNode, open: Int)
        throws(YAMLError) -> YAMLNode
    {
        guard case .scalar = key.content else {
            throw YAMLError(location: key.location, message: "complex mapping keys are not supported")
        }
        let afterKey = pos
        try skipFlowSpace(open: open)
        guard atFlowValueIndicator(after: key) else {
            return makeEmptyNode(at: afterKey, properties: noProperties())
        }
        pos += 1
        return try parseFlowValue(open: open)
    }

    /// Whether `pos` is at the `:` of a flow mapping entry whose key is `key`.
    ///
    /// After a quoted or bracketed ("JSON-like") key the `:` may touch the value (`{"a":1}`);
    /// after a plain key it must be followed by a blank or flow indicator, as `a:1` is one scalar.
    private func atFlowValueIndicator(after key: YAMLNode) -> Bool {
        guard peek() == YAMLByte.colon else { return false }
        let next = peek(1)
        if YAMLByte.isSeparator(next) || YAMLByte.isFlowIndicator(next) {
            return true
        }
        switch key.content {
        case .scalar(_, let style): return style == .singleQuoted || style == .doubleQuoted
        case .sequence, .mapping: return true
        }
    }

    /// Parses the value after a `:` in a flow collection; empty (located just after the `:`) if
    /// a `,` or closing bracket comes first.
    private mutating func parseFlowValue(open: Int) throws(YAMLError) -> YAMLNode {
        let afterIndicator = pos
        try skipFlowSpace(open: open)
        if atFlowEntryEnd() {
            return makeEmptyNode(at: afterIndicator, properties: noProperties())
        }
        return try parseFlowNode(open: open)
    }

    /// Parses one node inside the flow collection opened at `open`: properties, then a nested
    /// collection, or a scalar or alias.
    private mutating func parseFlowNode(open: Int) throws(YAMLError) -> YAMLNode {
        let properties = try parseFlowProperties(open: open)
        var node: YAMLNode
        switch peek() {
        case YAMLByte.openBracket:
            node = try parseFlowSequence()
        case YAMLByte.openBrace:
            node = try parseFlowMapping()
        default:
            return try parseFlowScalar(open: open, properties: properties)
        }
        apply(properties, to: &node)
        return node
    }

    /// Parses the tag and anchor before a node in a flow collection, and the space after them.
    @inline(never)
    private mutating func parseFlowProperties(open: Int) throws(YAMLError) -> YAMLProperties {
        let properties = try parseProperties(flow: true)
        if !properties.isEmpty {
            try skipFlowSpace(open: open)
        }
        return properties
    }

    /// Parses a node in a flow collection that is not a collection: a quoted or plain scalar,
    /// an alias, or an empty node that only has properties (`[!!null , a]`).
    @inline(never)
    private mutating func parseFlowScalar(open: Int, properties: YAMLProperties)
        throws(YAMLError) -> YAMLNode
    {
        if atFlowEntryEnd() && !properties.isEmpty {
            return makeEmptyNode(at: pos, properties: properties)
        }
        var node: YAMLNode
        switch peek() {
        case YAMLByte.doubleQuote, YAMLByte.singleQuote:
            node = try parseQuotedScalar(parent: flowIndent)
        case YAMLByte.asterisk:
            return try parseAlias(properties: properties)
        default:
            if let message = plainStartError(flow: true) {
                throw error(message, at: pos)
            }
            let start = pos
            var text = Array(bytes[scanPlainLine(flow: true)])
            if peek() == YAMLByte.lineFeed {
                continuePlainScalar(&text, parent: flowIndent, flow: true)
            }
            node = makeNode(.scalar(String(decoding: text, as: UTF8.self), .plain), at: location(start))
        }
        apply(properties, to: &node)
        return node
    }

    /// Whether `pos` is at a `,` or a closing bracket, which end a flow entry.
    private func atFlowEntryEnd() -> Bool {
        switch peek() {
        case YAMLByte.comma, YAMLByte.closeBracket, YAMLByte.closeBrace: true
        default: false
        }
    }

    /// Skips space and, if the closing bracket of the collection opened at `open` follows,
    /// consumes it and returns true.
    @inline(never)
    private mutating func atFlowCollectionEnd(open: Int) throws(YAMLError) -> Bool {
        try skipFlowSpace(open: open)
        let closing = bytes[open] == YAMLByte.openBracket ? YAMLByte.closeBracket : YAMLByte.closeBrace
        guard peek() == closing else { return false }
        pos += 1
        return true
    }

    /// Skips space and the `,` after an entry of the collection opened at `open`; the closing
    /// bracket may come instead, and is left for `atFlowCollectionEnd`.
    @inline(never)
    private mutating func skipFlowEntrySeparator(open: Int) throws(YAMLError) {
        try skipFlowSpace(open: open)
        let isSequence = bytes[open] == YAMLByte.openBracket
        let closing = isSequence ? YAMLByte.closeBracket : YAMLByte.closeBrace
        if peek() == YAMLByte.comma {
            pos += 1
        } else if peek() != closing {
            let expected = isSequence ? "',' or ']' in the flow sequence" : "',' or '}' in the flow mapping"
            throw error("expected \(expected), found \(describeCharacter(at: pos))", at: pos)
        }
    }

    /// Skips blanks, line breaks and comments inside the flow collection opened at `open`.
    ///
    /// - Throws: `YAMLError` at the opening bracket if the collection cannot go on: at the end
    ///   of the input, at a document marker, or at a line indented no more than the enclosing
    ///   block node (a closing bracket may sit there, as in JSON written in YAML) — most likely
    ///   a closing bracket was forgotten and the next entry of the enclosing mapping follows.
    @inline(never)
    private mutating func skipFlowSpace(open: Int) throws(YAMLError) {
        while true {
            skipBlanks()
            if atComment() {
                skipToLineEnd()
            }
            guard !atEnd else { throw unclosedFlowCollection(at: open, before: nil) }
            guard peek() == YAMLByte.lineFeed else { return }
            pos += 1
            let lineStart = pos
            while peek() == YAMLByte.space {
                pos += 1
            }
            let indent = pos - lineStart
            if isDocumentMarker(at: lineStart) {
                throw unclosedFlowCollection(at: open, before: nil)
            }
            skipBlanks()
            let closes = peek() == YAMLByte.closeBracket || peek() == YAMLByte.closeBrace
            if indent <= flowIndent && !atLineEnd() && !closes {
                throw unclosedFlowCollection(at: open, before: location(lineStart).line)
            }
        }
    }

    /// The error for the flow collection opened at `open` that is not closed, optionally
    /// naming the line it should have closed before.
    private func unclosedFlowCollection(at open: Int, before line: Int?) -> YAMLError {
        let closing = bytes[open] == YAMLByte.openBracket ? "]" : "}"
        let opening = bytes[open] == YAMLByte.openBracket ? "[" : "{"
        let suffix = line.map { " before line \($0)" } ?? ""
        return error("unclosed '\(opening)'; expected '\(closing)'\(suffix)", at: open)
    }
}
