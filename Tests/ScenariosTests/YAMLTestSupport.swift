import Scenarios
import Testing

/// Helpers shared by the YAML reader tests.
enum YAMLTest {
    /// The file name every test parses under.
    static let file = "test.yaml"

    /// All documents of `text`.
    static func parse(_ text: String) throws(YAMLError) -> [YAMLNode] {
        try YAMLReader.documents(in: text, file: file)
    }

    /// The only document of `text`; fails the test if there is not exactly one.
    static func parseOne(
        _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> YAMLNode {
        let documents = try parse(text)
        try #require(documents.count == 1, sourceLocation: sourceLocation)
        return documents[0]
    }

    /// The error parsing `text` throws, or nil if it parses.
    static func error(_ text: String) -> YAMLError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// A compact rendering of `node` for comparisons: `{key: value, list: [a, b]}`. Scalars
    /// made only of letters, digits and `._/:-+~@` are shown bare, others (and empty ones) in
    /// double quotes with escapes; a tag is shown before its node.
    static func render(_ node: YAMLNode) -> String {
        let body: String
        switch node.content {
        case .scalar(let text, _):
            body = renderScalar(text)
        case .sequence(let items):
            body = "[" + items.map(render).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            body = "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
        return node.tag.map { "\($0) \(body)" } ?? body
    }

    /// `render` for the only document of `text`.
    static func rendered(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws -> String
    {
        render(try parseOne(text, sourceLocation: sourceLocation))
    }

    /// A scalar as `render` shows it: bare if it is made of safe characters, else quoted.
    private static func renderScalar(_ text: String) -> String {
        let punctuation = Set("._/:-+~@".unicodeScalars)
        let bare =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || punctuation.contains(scalar)
            }
        guard !bare else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}

extension YAMLNode {
    /// The value of the mapping entry whose key is `key`, if this is a mapping that has one.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.text == key }?.value
    }

    /// The item at `index`, if this is a sequence that long.
    subscript(index: Int) -> YAMLNode? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The text of a scalar, or nil.
    var text: String? {
        guard case .scalar(let text, _) = content else { return nil }
        return text
    }

    /// The style of a scalar, or nil.
    var style: ScalarStyle? {
        guard case .scalar(_, let style) = content else { return nil }
        return style
    }

    /// The keys of a mapping in order, or nil.
    var keys: [String]? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.map { $0.key.text ?? "?" }
    }

    /// The number of items or pairs of a collection, or nil for a scalar.
    var count: Int? {
        switch content {
        case .scalar: nil
        case .sequence(let items): items.count
        case .mapping(let pairs): pairs.count
        }
    }

    /// `line:column` of the node.
    var position: String { "\(location.line):\(location.column)" }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator so the robustness test
/// mutates the same way on every run and every toolchain.
struct MutationRandom {
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0); the slight modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
