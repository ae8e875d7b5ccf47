/// What introduced a block node; it decides what may follow on the same line.
enum BlockIntroducer {
    /// The node starts a line (the root of a document without `---`).
    case lineStart
    /// `key:`. A sequence at the key's own indentation may follow on the next lines.
    case mappingValue
    /// `- `. A compact mapping or sequence may follow on the same line (`- name: x`, `- - a`).
    case sequenceEntry
    /// `---`.
    case documentStart
}

/// What a block node turned out to be once its first line was read.
enum BlockNodeStart {
    /// A node already complete: a scalar, a flow collection, an alias or an empty value.
    case complete(YAMLNode)
    /// A block sequence whose first `-` is at `pos`.
    case sequence(indent: Int, indentless: Bool, properties: YAMLProperties)
    /// A block mapping whose first key has been read; `pos` is on the `:` after it.
    case mapping(indent: Int, firstKey: YAMLNode, properties: YAMLProperties)
}

/// A node that starts on the current line and could still turn out to be a mapping key.
struct InlineContent {
    /// How the node was written.
    enum Kind { case plain, quoted, flowCollection, alias }

    /// How the node was written.
    var kind: Kind
    /// The node; for a plain scalar, only its first line so far.
    var node: YAMLNode
    /// Where it starts.
    var start: Int
    /// Where its text ends on the first line (before trailing blanks).
    var end: Int
}

/// Block structure. Nested collections recurse through `parseBlockNode`, `parseBlockMapping` and
/// `parseBlockSequence`; everything else is done by helpers kept out of line (`@inline(never)`)
/// so that these three frames stay small and `maxDepth` levels fit on a thread's stack.
extension YAMLParser {
    /// Parses a block node whose lines must be indented more than `parent` (the indentation of
    /// the enclosing collection, -1 for a document's root), starting at `pos`.
    ///
    /// On return `pos` is on the next line with content and `nextIndent` is set.
    mutating func parseBlockNode(parent: Int, after introducer: BlockIntroducer)
        throws(YAMLError) -> YAMLNode
    {
        switch try startBlockNode(parent: parent, after: introducer) {
        case .complete(let node):
            return node
        case .sequence(let indent, let indentless, let properties):
            return try parseBlockSequence(indent: indent, indentless: indentless, properties: properties)
        case .mapping(let indent, let firstKey, let properties):
            return try parseBlockMapping(indent: indent, firstKey: firstKey, properties: properties)
        }
    }

    /// Reads the first line of a block node (and lines holding only its tag or anchor): enough to
    /// parse it whole if it is not a block collection, or to know which collection it starts.
    @inline(never)
    private mutating func startBlockNode(parent: Int, after introducer: BlockIntroducer)
        throws(YAMLError) -> BlockNodeStart
    {
        let emptyOffset = pos
        var properties = noProperties()
        var onIntroducerLine = introducer != .lineStart
        while true {
            skipBlanks()
            let lineProperties = try parseProperties(flow: false)
            if atLineEnd() {
                properties = try combined(properties, lineProperties)
                try skipToNextContent()
                let indentlessSequence =
                    introducer == .mappingValue && nextIndent == parent && atSequenceEntry()
                guard nextIndent > parent || indentlessSequence else {
                    return .complete(makeEmptyNode(at: emptyOffset, properties: properties))
                }
                onIntroducerLine = false
                continue
            }
            if atSequenceEntry() {
                guard lineProperties.isEmpty, !onIntroducerLine || introducer == .sequenceEntry
                else {
                    throw error(
                        "block sequence entries are not allowed here;"
                            + " start the sequence on a new line",
                        at: pos)
                }
                let indent = indentation(of: pos)
                return .sequence(indent: indent, indentless: indent == parent, properties: properties)
            }
            if peek() == YAMLByte.pipe || peek() == YAMLByte.greaterThan {
                properties = try combined(properties, lineProperties)
                return .complete(try parseBlockScalar(parent: parent, properties: properties))
            }
            let content = try parseInlineContent(parent: parent, properties: lineProperties)
            skipBlanks()
            if atBlockValueIndicator() {
                guard !onIntroducerLine || introducer == .sequenceEntry else {
                    throw error(
                        "mapping values are not allowed here;"
                            + " quote the value if it contains \": \"",
                        at: pos)
                }
                var key = try validatedKey(content)
                apply(lineProperties, to: &key)
                return .mapping(
                    indent: indentation(of: lineProperties.start ?? content.start),
                    firstKey: key, properties: properties)
            }
            properties = try combined(properties, lineProperties)
            return .complete(
                try finishBlockValue(
                    content, properties: properties, parent: parent, startsLine: !onIntroducerLine))
        }
    }

    /// Completes a value that started on the current line and is not a mapping key: folds in
    /// the following lines of a plain scalar, applies `properties` and moves to the next line
    /// with content.
    ///
    /// - Parameter startsLine: Whether the value is the first thing on its line.
    private mutating func finishBlockValue(
        _ content: InlineContent, properties: YAMLProperties, parent: Int, startsLine: Bool
    ) throws(YAMLError) -> YAMLNode {
        if content.kind == .alias, let start = properties.start {
            throw error("an alias cannot have a tag or an anchor", at: start)
        }
        var node = content.node
        if content.kind == .plain && peek() == YAMLByte.lineFeed,
            case .scalar(let firstLine, _) = node.content
        {
            var text = Array(firstLine.utf8)
            continuePlainScalar(&text, parent: parent, flow: false)
            node.content = .scalar(String(decoding: text, as: UTF8.self), .plain)
        }
        apply(properties, to: &node)
        let valueEnd = pos
        try skipToNextContent()
        // A scalar alone on its line followed by a line at the same indentation can only be a
        // key that lost its ':'; say so rather than blame the next line.
        if startsLine && content.kind != .flowCollection
            && nextIndent == indentation(of: content.start)
            && !bytes[content.start..<valueEnd].contains(YAMLByte.lineFeed)
        {
            throw missingColon(after: content)
        }
        return node
    }

    /// Parses a node that starts on the current line and cannot be a block collection: a flow
    /// collection, a quoted scalar, an alias, or the first line of a plain scalar.
    ///
    /// - Parameters:
    ///   - parent: The indentation of the enclosing block collection.
    ///   - properties: Properties written on the same line just before, only checked here.
    mutating func parseInlineContent(parent: Int, properties: YAMLProperties)
        throws(YAMLError) -> InlineContent
    {
        let start = pos
        switch peek() {
        case YAMLByte.openBracket, YAMLByte.openBrace:
            flowIndent = parent
            let node = try parseFlowCollection()
            return InlineContent(kind: .flowCollection, node: node, start: start, end: pos)
        case YAMLByte.doubleQuote, YAMLByte.singleQuote:
            let node = try parseQuotedScalar(parent: parent)
            return InlineContent(kind: .quoted, node: node, start: start, end: pos)
        case YAMLByte.asterisk:
            let node = try parseAlias(properties: properties)
            return InlineContent(kind: .alias, node: node, start: start, end: pos)
        default:
            if let message = plainStartError(flow: false) {
                throw error(message, at: pos)
            }
            let range = scanPlainLine(flow: false)
            let node = makeNode(
                .scalar(String(decoding: bytes[range], as: UTF8.self), .plain), at: location(start))
            return InlineContent(kind: .plain, node: node, start: start, end: range.upperBound)
        }
    }

    /// `content` as a mapping key, if it can be one: a scalar on a single line.
    func validatedKey(_ content: InlineContent) throws(YAMLError) -> YAMLNode {
        guard case .scalar = content.node.content, content.kind != .flowCollection else {
            throw error("complex mapping keys are not supported", at: content.start)
        }
        if content.kind == .quoted && bytes[content.start..<pos].contains(YAMLByte.lineFeed) {
            throw error("a mapping key must be on a single line", at: content.start)
        }
        return content.node
    }

    /// Parses a block mapping whose keys are at column `indent`, from the `:` after its first key.
    mutating func parseBlockMapping(
        indent: Int, firstKey: YAMLNode, properties: YAMLProperties
    ) throws(YAMLError) -> YAMLNode {
        try enterCollection(at: firstKey.location)
        defer { depth -= 1 }
        var builder = YAMLMappingBuilder()
        var key = firstKey
        while true {
            pos += 1
            try builder.add(key: key, value: try parseBlockNode(parent: indent, after: .mappingValue))
            guard let nextKey = try parseNextBlockKey(mappingIndent: indent) else { break }
            key = nextKey
        }
        return makeCollection(.mapping(builder.pairs()), at: firstKey.location, properties: properties)
    }

    /// Parses the key of the next entry of the block mapping whose keys are at column
    /// `mappingIndent`, leaving `pos` on its `:`; nil when the mapping has ended.
    @inline(never)
    private mutating func parseNextBlockKey(mappingIndent: Int) throws(YAMLError) -> YAMLNode? {
        if nextIndent < mappingIndent {
            return nil
        }
        guard nextIndent == mappingIndent else {
            throw error(
                "bad indentation; keys of this mapping start at column \(mappingIndent + 1)", at: pos)
        }
        let properties = try parseProperties(flow: false)
        if atSequenceEntry() {
            throw error("expected a mapping key, found a sequence entry", at: pos)
        }
        if atLineEnd() || peek() == YAMLByte.pipe || peek() == YAMLByte.greaterThan {
            throw error("expected a mapping key, found \(describeCharacter(at: pos))", at: pos)
        }
        let content = try parseInlineContent(parent: mappingIndent, properties: properties)
        skipBlanks()
        guard atBlockValueIndicator() else { throw missingColon(after: content) }
        var key = try validatedKey(content)
        apply(properties, to: &key)
        return key
    }

    /// The error for `content`, which should have been a mapping key but lacks its `:`. A plain
    /// scalar with a `:` inside (`replicas:3`) most likely lacks the space after it.
    private func missingColon(after content: InlineContent) -> YAMLError {
        guard case .scalar(let text, _) = content.node.content, content.kind != .flowCollection,
            content.kind != .alias
        else {
            return error("expected a mapping key followed by ':'", at: content.start)
        }
        if content.kind == .plain,
            let colon = bytes[content.start..<content.end].firstIndex(of: YAMLByte.colon)
        {
            return error("expected a space after ':'", at: colon)
        }
        return error("expected ':' after \"\(YAMLMappingBuilder.quoted(text))\"", at: content.end)
    }

    /// Parses a block sequence whose `-` indicators are at column `indent`, from the first `-`.
    ///
    /// - Parameter indentless: Whether the sequence is a mapping value written at its key's
    ///   indentation; such a sequence ends at the next key rather than rejecting it.
    mutating func parseBlockSequence(
        indent: Int, indentless: Bool, properties: YAMLProperties
    ) throws(YAMLError) -> YAMLNode {
        let start = location(pos)
        try enterCollection(at: start)
        defer { depth -= 1 }
        var items: [YAMLNode] = []
        repeat {
            pos += 1
            items.append(try parseBlockNode(parent: indent, after: .sequenceEntry))
        } while try atNextSequenceEntry(indent: indent, indentless: indentless)
        return makeCollection(.sequence(items), at: start, properties: properties)
    }

    /// Whether the next line holds another entry of the block sequence whose `-` indicators are
    /// at column `indent`; false when the sequence has ended.
    @inline(never)
    private func atNextSequenceEntry(indent: Int, indentless: Bool) throws(YAMLError) -> Bool {
        if nextIndent < indent {
            return false
        }
        guard nextIndent == indent else {
            throw error(
                "bad indentation; entries of this sequence start at column \(indent + 1)", at: pos)
        }
        guard atSequenceEntry() else {
            if indentless {
                return false
            }
            throw error("expected a sequence entry ('- ') at this indentation", at: pos)
        }
        return true
    }

    /// Counts one more level of nesting.
    ///
    /// - Throws: `YAMLError` at the collection's `location` past `maxDepth` levels, before
    ///   recursion can exhaust the stack.
    @inline(never)
    mutating func enterCollection(at location: SourceLocation) throws(YAMLError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw YAMLError(
                location: location, message: "nesting is too deep (more than \(Self.maxDepth) levels)")
        }
    }
}
