/// A recursive-descent YAML parser over the bytes of one `YAMLSource`.
///
/// Block structure is driven by indentation. After each block node the parser stands on the first
/// character of the next line that holds content, and `nextIndent` holds that line's indentation
/// (-1 at the end of the document), so every enclosing collection can decide whether the line
/// still belongs to it. Flow collections and quoted scalars are parsed by position alone.
struct YAMLParser {
    /// The deepest nesting of collections accepted; deeper input is rejected before it can
    /// exhaust the stack. At this depth parsing needs about 1 MB of stack in optimised builds
    /// and 3 MB in debug builds, within the 8 MB that Linux gives the main thread and, by
    /// default, other threads.
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
            if !Self.isAbsent(root) {
                documents.append(root)
            }
            if isDocumentMarker(at: pos) && peek() == YAMLByte.period {
                try skipDocumentEnd()
            }
        }
        return documents
    }

    /// Whether `root` stands for a document in which nothing but comments and markers was
    /// written: an empty plain scalar without a tag, which no written scalar can be.
    private static func isAbsent(_ root: YAMLNode) -> Bool {
        guard case .scalar("", .plain) = root.content else { return false }
        return root.tag == nil
    }

    /// A new node, counted towards the document's node count.
    mutating func makeNode(_ content: YAMLNode.Content, at location: SourceLocation) -> YAMLNode {
        nodeCount += 1
        return YAMLNode(content: content, location: location)
    }

    /// A new collection node with `properties` applied. Kept out of line, like the other helpers
    /// the recursive parsing functions call, so that their stack frames stay small.
    @inline(never)
    mutating func makeCollection(
        _ content: YAMLNode.Content, at location: SourceLocation, properties: YAMLProperties
    ) -> YAMLNode {
        var node = makeNode(content, at: location)
        apply(properties, to: &node)
        return node
    }

    /// An empty value (`.scalar("", .plain)`) at `offset`, with `properties` applied.
    mutating func makeEmptyNode(at offset: Int, properties: YAMLProperties) -> YAMLNode {
        var node = makeNode(.scalar("", .plain), at: location(offset))
        apply(properties, to: &node)
        return node
    }

    /// Skips a `...` document end marker, and a comment after it.
    private mutating func skipDocumentEnd() throws(YAMLError) {
        pos += 3
        try skipToNextContent()
    }
}
