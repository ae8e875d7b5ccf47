/// How a scalar was written.
///
/// The reader does not resolve types; decoders use the style to do so: a quoted `"true"` is a
/// string, a plain `true` is a boolean.
public enum ScalarStyle: Sendable, Hashable {
    /// Unquoted text such as `web` or `8080`.
    case plain
    /// `'text'`, where `''` stands for one quote.
    case singleQuoted
    /// `"text"`, with backslash escapes.
    case doubleQuoted
    /// A `|` block scalar: line breaks kept.
    case literal
    /// A `>` block scalar: line breaks folded into spaces.
    case folded
}

/// One node of a YAML document and where it was written.
///
/// `location` is where the node's content starts: the first character of a scalar (its opening
/// quote, or the `|`/`>` of a block scalar), the first key of a block mapping, the first `-` of a
/// block sequence, the bracket of a flow collection. A tag or anchor written before the node is
/// not part of it. An empty node (`key:` with nothing after it) is located just after the `:` or
/// `-` that introduced it. A node copied by an alias is located at the alias; its children keep
/// the locations where they were written.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// Text after unescaping and folding, with its style; not type-resolved. An empty value
        /// is `.scalar("", .plain)`.
        case scalar(String, ScalarStyle)
        /// The items of a sequence, in order.
        case sequence([YAMLNode])
        /// The pairs of a mapping in document order, with merge keys (`<<`) already applied.
        case mapping([YAMLPair])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node's content starts.
    public var location: SourceLocation
    /// The tag as written (`!!str`, `!foo`, `!<tag:yaml.org,2002:str>`), or nil if none was.
    public var tag: String?

    /// A node from its parts.
    public init(content: Content, location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
    }
}

/// One key/value pair of a mapping.
public struct YAMLPair: Sendable {
    /// The key; always a scalar, since the reader rejects complex keys.
    public var key: YAMLNode
    /// The value.
    public var value: YAMLNode

    /// A pair from its parts.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
