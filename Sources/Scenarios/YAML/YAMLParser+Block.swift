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
}

extension YAMLParser {
    /// Parses a block node whose lines must be indented more than `parent` (the indentation of
    /// the enclosing collection, -1 for a document's root), starting at `pos`.
    ///
    /// On return `pos` is on the next line with content and `nextIndent` is set.
    mutating func parseBlockNode(parent: Int, after introducer: BlockIntroducer)
        throws(YAMLError) -> YAMLNode
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
                    return makeEmptyNode(at: emptyOffset, properties: properties)
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
                return try parseBlockSequence(
                    indent: indent, indentless: indent == parent, properties: properties)
            }
            if peek() == YAMLByte.pipe || peek() == YAMLByte.greaterThan {
                properties = try combined(properties, lineProperties)
                return try parseBlockScalar(parent: parent, properties: properties)
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
                return try parseBlockMapping(
                    indent: indentation(of: lineProperties.start ?? content.start),
                    firstKey: key, properties: properties)
            }
            if content.kind == .alias, let start = properties.start {
                throw error("an alias cannot have a tag or an anchor", at: start)
            }
            properties = try combined(properties, lineProperties)
            var node = content.node
            if content.kind == .plain && peek() == YAMLByte.lineFeed,
                case .scalar(let firstLine, _) = node.content
            {
                var text = Array(firstLine.utf8)
                continuePlainScalar(&text, parent: parent, flow: false)
                node.content = .scalar(String(decoding: text, as: UTF8.self), .plain)
            }
            apply(properties, to: &node)
            try skipToNextContent()
            return node
        }
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
            return InlineContent(kind: .flowCollection, node: try parseFlowCollection(), start: start)
        case YAMLByte.doubleQuote, YAMLByte.singleQuote:
            return InlineContent(kind: .quoted, node: try parseQuotedScalar(parent: parent), start: start)
        case YAMLByte.asterisk:
            return InlineContent(kind: .alias, node: try parseAlias(properties: properties), start: start)
        default:
            if let message = plainStartError(flow: false) {
                throw error(message, at: pos)
            }
            let text = bytes[scanPlainLine(flow: false)]
            let node = makeNode(
                .scalar(String(decoding: text, as: UTF8.self), .plain), at: location(start))
            return InlineContent(kind: .plain, node: node, start: start)
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
            let value = try parseBlockNode(parent: indent, after: .mappingValue)
            try builder.add(key: key, value: value)
            if nextIndent < indent {
                break
            }
            guard nextIndent == indent else {
                throw error(
                    "bad indentation; keys of this mapping start at column \(indent + 1)", at: pos)
            }
            key = try parseBlockKey(mappingIndent: indent)
        }
        var node = makeNode(.mapping(builder.pairs()), at: firstKey.location)
        apply(properties, to: &node)
        return node
    }

    /// Parses the key of a block mapping entry at the start of a line, leaving `pos` on its `:`.
    private mutating func parseBlockKey(mappingIndent: Int) throws(YAMLError) -> YAMLNode {
        let properties = try parseProperties(flow: false)
        if atSequenceEntry() {
            throw error("expected a mapping key, found a sequence entry", at: pos)
        }
        if atLineEnd() || peek() == YAMLByte.pipe || peek() == YAMLByte.greaterThan {
            throw error("expected a mapping key, found \(describeCharacter(at: pos))", at: pos)
        }
        let content = try parseInlineContent(parent: mappingIndent, properties: properties)
        skipBlanks()
        guard atBlockValueIndicator() else {
            if case .scalar(let text, _) = content.node.content, content.kind != .flowCollection {
                throw error("expected ':' after the key \"\(YAMLMappingBuilder.quoted(text))\"", at: pos)
            }
            throw error("expected a mapping key followed by ':'", at: content.start)
        }
        var key = try validatedKey(content)
        apply(properties, to: &key)
        return key
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
        while true {
            pos += 1
            items.append(try parseBlockNode(parent: indent, after: .sequenceEntry))
            if nextIndent < indent {
                break
            }
            guard nextIndent == indent else {
                throw error(
                    "bad indentation; entries of this sequence start at column \(indent + 1)",
                    at: pos)
            }
            guard atSequenceEntry() else {
                if indentless {
                    break
                }
                throw error("expected a sequence entry ('- ') at this indentation", at: pos)
            }
        }
        var node = makeNode(.sequence(items), at: start)
        apply(properties, to: &node)
        return node
    }

    /// Counts one more level of nesting.
    ///
    /// - Throws: `YAMLError` at the collection's `location` past `maxDepth` levels, before
    ///   recursion can exhaust the stack.
    mutating func enterCollection(at location: SourceLocation) throws(YAMLError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw YAMLError(
                location: location, message: "nesting is too deep (more than \(Self.maxDepth) levels)")
        }
    }
}
