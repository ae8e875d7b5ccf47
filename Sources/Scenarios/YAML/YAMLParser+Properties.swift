/// The tag and anchor written before a node, as in `!!str &name value`.
struct YAMLProperties {
    /// The tag as written, including its `!`.
    var tag: String?
    /// The anchor name, without its `&`.
    var anchor: String?
    /// Where the first property starts, if there is one.
    var start: Int?
    /// `YAMLParser.nodeCount` before the node was parsed, so that an anchor can record how many
    /// nodes its node spans.
    var nodeCountAtStart: Int

    /// Whether neither a tag nor an anchor was written.
    var isEmpty: Bool { tag == nil && anchor == nil }
}

extension YAMLParser {
    /// Properties with nothing in them, starting at the current node count.
    func noProperties() -> YAMLProperties {
        YAMLProperties(nodeCountAtStart: nodeCount)
    }

    /// Parses the tags and anchors at `pos`, each followed by blanks, staying on the current line.
    ///
    /// - Parameter flow: Whether a flow indicator may directly follow a property (`[!!null]`).
    mutating func parseProperties(flow: Bool) throws(YAMLError) -> YAMLProperties {
        var properties = noProperties()
        while peek() == YAMLByte.exclamation || peek() == YAMLByte.ampersand {
            let start = pos
            let what: String
            if peek() == YAMLByte.exclamation {
                guard properties.tag == nil else {
                    throw error("a node can have only one tag", at: start)
                }
                properties.tag = try scanTag()
                what = "tag"
            } else {
                guard properties.anchor == nil else {
                    throw error("a node can have only one anchor", at: start)
                }
                pos += 1
                let name = scanAnchorName()
                guard !name.isEmpty else {
                    throw error("expected an anchor name after '&'", at: start)
                }
                properties.anchor = name
                what = "anchor"
            }
            properties.start = properties.start ?? start
            guard YAMLByte.isSeparator(peek()) || (flow && YAMLByte.isFlowIndicator(peek())) else {
                throw error("expected a space after the \(what)", at: pos)
            }
            skipBlanks()
        }
        return properties
    }

    /// `first` and `second` together: the properties of a node written on two lines
    /// (`key: &a` then `!!map` on the next line).
    func combined(_ first: YAMLProperties, _ second: YAMLProperties) throws(YAMLError)
        -> YAMLProperties
    {
        var result = first
        if let tag = second.tag {
            guard result.tag == nil else {
                throw error("a node can have only one tag", at: second.start ?? pos)
            }
            result.tag = tag
        }
        if let anchor = second.anchor {
            guard result.anchor == nil else {
                throw error("a node can have only one anchor", at: second.start ?? pos)
            }
            result.anchor = anchor
        }
        result.start = result.start ?? second.start
        result.nodeCountAtStart = min(first.nodeCountAtStart, second.nodeCountAtStart)
        return result
    }

    /// Sets `node`'s tag and records its anchor, now that the node is complete.
    mutating func apply(_ properties: YAMLProperties, to node: inout YAMLNode) {
        if let tag = properties.tag {
            node.tag = tag
        }
        if let anchor = properties.anchor {
            anchors[anchor] = Anchor(
                node: node, nodeCount: max(1, nodeCount - properties.nodeCountAtStart))
        }
    }

    /// Parses an alias (`*name`) at `pos` into a copy of the anchored node, located at the alias.
    ///
    /// - Parameter properties: Properties written before the alias, which YAML forbids.
    mutating func parseAlias(properties: YAMLProperties) throws(YAMLError) -> YAMLNode {
        let start = pos
        if let propertiesStart = properties.start {
            throw error("an alias cannot have a tag or an anchor", at: propertiesStart)
        }
        pos += 1
        let name = scanAnchorName()
        guard !name.isEmpty else {
            throw error("expected an anchor name after '*'", at: start)
        }
        guard let anchor = anchors[name] else {
            throw error("unknown anchor \(Diagnostic.quote(name))", at: start)
        }
        aliasNodeCount += anchor.nodeCount
        nodeCount += anchor.nodeCount
        guard aliasNodeCount <= Self.maxAliasNodes else {
            throw error("aliases expand to more than \(Self.maxAliasNodes) nodes", at: start)
        }
        var node = anchor.node
        node.location = location(start)
        return node
    }

    /// Scans an anchor name: every character up to a blank, line break or flow indicator.
    private mutating func scanAnchorName() -> String {
        let start = pos
        while !YAMLByte.isSeparator(peek()) && !YAMLByte.isFlowIndicator(peek()) {
            pos += 1
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// Scans a tag at `pos` (`!`, `!local`, `!!str`, `!handle!suffix` or `!<verbatim>`) and
    /// returns it as written. Handles are not resolved: decoders compare the written form.
    private mutating func scanTag() throws(YAMLError) -> String {
        let start = pos
        pos += 1
        if peek() == YAMLByte.lessThan {
            while !YAMLByte.isSeparator(peek()) && peek() != YAMLByte.greaterThan {
                pos += 1
            }
            guard peek() == YAMLByte.greaterThan else {
                throw error("unterminated verbatim tag; expected '>'", at: start)
            }
            pos += 1
        } else {
            while !YAMLByte.isSeparator(peek()) && !YAMLByte.isFlowIndicator(peek()) {
                pos += 1
            }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }
}
