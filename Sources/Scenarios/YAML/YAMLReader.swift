/// Reads YAML (and JSON, which is YAML flow syntax) into nodes that remember where they were
/// written, so later stages can report errors as `FILE:LINE:COL: error: message`.
///
/// Supported: block and flow collections, all scalar styles, comments, multiple documents,
/// directives (skipped), anchors, aliases, merge keys and tags. Not supported: complex keys
/// (`? key`, or a collection used as a key), which Kubernetes objects never need.
public enum YAMLReader {
    /// Parses a stream of documents. Documents that hold nothing (only comments, or a `---` with
    /// nothing after it) are dropped.
    ///
    /// - Parameters:
    ///   - text: The whole file.
    ///   - file: The name to put in locations and messages.
    /// - Throws: `YAMLError` at the first malformed construct.
    public static func documents(in text: String, file: String) throws(YAMLError) -> [YAMLNode] {
        var parser = YAMLParser(source: try YAMLSource(text: text, file: file))
        return try parser.parseStream()
    }
}
