/// Collects the pairs of one mapping, rejecting duplicate keys and applying merge keys (`<<`).
///
/// Keys are compared by their text alone, whatever their style or tag. Kubernetes turns YAML into
/// JSON, where `1` and `"1"` name the same field, so such a clash is reported here, where the
/// user can see both lines.
///
/// `add` and `pairs` are kept out of line: they are called from the recursive parsing functions,
/// whose stack frames must stay small.
///
/// Merge keys follow go-yaml v2 and the YAML merge-key spec: `<<: *base` (or an inline mapping,
/// or a list of mappings) adds the pairs of the merged mappings at the place of the `<<` entry.
/// Keys written explicitly in the mapping win wherever they are written, and within a list of
/// merged mappings the earlier one wins.
struct YAMLMappingBuilder {
    /// One written entry.
    private enum Entry {
        /// An ordinary `key: value`.
        case pair(YAMLPair)
        /// The pairs a merge key brings in, in order of precedence.
        case merge([YAMLPair])
    }

    /// The entries in document order.
    private var entries: [Entry] = []
    /// The line of each key's first occurrence, for the duplicate-key message. Only looked up.
    private var firstLines: [String: Int] = [:]
    /// Whether a merge key was seen, so that `pairs()` can skip merging when there was none.
    private var hasMerge = false

    /// Adds `key: value`.
    ///
    /// - Throws: `YAMLError` at `key` if it was already written, or at `value` if `key` is `<<`
    ///   and `value` is not a mapping or a list of mappings.
    @inline(never)
    mutating func add(key: YAMLNode, value: YAMLNode) throws(YAMLError) {
        guard case .scalar(let text, let style) = key.content else {
            throw YAMLError(location: key.location, message: "complex mapping keys are not supported")
        }
        if let firstLine = firstLines[text] {
            throw YAMLError(
                location: key.location,
                message: "duplicate key \"\(Self.quoted(text))\" (first at line \(firstLine))")
        }
        firstLines[text] = key.location.line
        if text == "<<" && (style == .plain && key.tag == nil || Self.isMergeTag(key.tag)) {
            hasMerge = true
            entries.append(.merge(try Self.mergedPairs(of: value)))
        } else {
            entries.append(.pair(YAMLPair(key: key, value: value)))
        }
    }

    /// The pairs of the mapping in document order, merge keys replaced by the pairs they bring in.
    @inline(never)
    func pairs() -> [YAMLPair] {
        var result: [YAMLPair] = []
        guard hasMerge else {
            for case .pair(let pair) in entries {
                result.append(pair)
            }
            return result
        }
        var taken = Set<String>()
        for case .pair(let pair) in entries {
            taken.insert(Self.text(of: pair.key))
        }
        for entry in entries {
            switch entry {
            case .pair(let pair):
                result.append(pair)
            case .merge(let merged):
                for pair in merged where taken.insert(Self.text(of: pair.key)).inserted {
                    result.append(pair)
                }
            }
        }
        return result
    }

    /// `text` as shown inside double quotes in a message: escaped, and shortened if long.
    static func quoted(_ text: String) -> String {
        let limit = 40
        let shown = text.count > limit ? text.prefix(limit) + "…" : Substring(text)
        var result = ""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The pairs `value` brings in as the value of a merge key: those of a mapping, or of each
    /// mapping of a list in turn.
    private static func mergedPairs(of value: YAMLNode) throws(YAMLError) -> [YAMLPair] {
        switch value.content {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var pairs: [YAMLPair] = []
            for item in items {
                guard case .mapping(let itemPairs) = item.content else {
                    throw mergeError(at: item.location)
                }
                pairs += itemPairs
            }
            return pairs
        case .scalar:
            throw mergeError(at: value.location)
        }
    }

    /// The error for a merge key whose value is not a mapping or a list of mappings.
    private static func mergeError(at location: SourceLocation) -> YAMLError {
        YAMLError(
            location: location,
            message: "the value of a merge key ('<<') must be a mapping or a list of mappings")
    }

    /// Whether `tag` is the merge tag, written short or in full.
    private static func isMergeTag(_ tag: String?) -> Bool {
        tag == "!!merge" || tag == "!<tag:yaml.org,2002:merge>"
    }

    /// The text of a key; keys are always scalars, as `add` checks.
    private static func text(of key: YAMLNode) -> String {
        if case .scalar(let text, _) = key.content {
            return text
        }
        return ""
    }
}
