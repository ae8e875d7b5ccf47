/// `--set PATH=VALUE`: changes a scenario's YAML before it is decoded, so overridden values go
/// through the same checks as written ones. PATH is dot-separated; a list item is chosen by index
/// (`nodePools[0]`) or by its `name` (`nodePools[general]`); a missing key is added. VALUE is read
/// as YAML (`40`, `2h`, `[a, b]`, `{cpu: "8"}`).
public struct Override: Sendable {
    public var path: String
    public var value: String
    /// The option that gave it (`--set`, `--grid`, `--variant fast`, `--vary`), which names the
    /// place of an error in its value.
    public var option: String

    /// Parses "PATH=VALUE".
    public init?(_ argument: String, option: String = "--set") {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        path = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
        self.option = option
    }

    /// Where an error in the override is reported: `--set PATH`.
    var origin: String { "\(option) \(path)" }

    /// For an override of a manifest object, `manifests[Kind/namespace/name].FIELD`: the object
    /// (`Kind/namespace/name` or `Kind/name`) and the field's path inside it. Nil for a field of the
    /// scenario file; an empty target or field for a malformed path, which `ManifestOverrides`
    /// reports.
    var manifestTarget: (object: String, field: String)? {
        guard path.hasPrefix("manifests[") else { return nil }
        let inner = path.dropFirst("manifests[".count)
        guard let close = inner.firstIndex(of: "]") else { return ("", "") }
        let rest = inner[inner.index(after: close)...]
        return (String(inner[..<close]), rest.hasPrefix(".") ? String(rest.dropFirst()) : "")
    }

    /// Applies the override to the scenario's `document`.
    func apply(to document: YAMLNode) throws(Diagnostic) -> YAMLNode {
        try apply(to: document, at: path)
    }

    /// Sets the field at `field` (a path inside `document`) to the override's value.
    func apply(to document: YAMLNode, at field: String) throws(Diagnostic) -> YAMLNode {
        let parsed: [YAMLNode]
        do {
            parsed = try YAMLReader.documents(in: value, file: origin)
        } catch {
            throw Diagnostic(error)
        }
        let replacement = parsed.first ?? YAMLNode(content: .scalar("", .plain), location: SourceLocation(file: origin, line: 1, column: 1))
        return try Self.set(Self.segments(field), in: document, to: replacement, origin: origin)
    }

    /// Sets the value at `path` in `document` to an already-read node (a rollout event's `set`).
    static func setting(_ path: String, to value: YAMLNode, in document: YAMLNode, origin: String) throws(Diagnostic) -> YAMLNode {
        try set(segments(path), in: document, to: value, origin: origin)
    }

    private enum Segment {
        case key(String)
        case index(Int)
        case named(String)
    }

    private static func segments(_ path: String) -> [Segment] {
        var result: [Segment] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open != rest.startIndex { result.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    let inner = String(rest[rest.index(after: rest.startIndex)..<close])
                    result.append(Int(inner).map(Segment.index) ?? .named(inner))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    private static func set(_ path: [Segment], in node: YAMLNode, to value: YAMLNode, origin: String) throws(Diagnostic) -> YAMLNode {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        let here = SourceLocation(file: origin, line: 1, column: 1)
        var result = node
        switch (first, node.content) {
        case (.key(let key), .mapping(var pairs)):
            if let index = pairs.firstIndex(where: { (try? $0.key.string("key")) == key }) {
                pairs[index].value = try set(rest, in: pairs[index].value, to: value, origin: origin)
            } else {
                let empty = YAMLNode(content: rest.isEmpty ? .scalar("", .plain) : .mapping([]), location: here)
                pairs.append(
                    YAMLPair(
                        key: YAMLNode(content: .scalar(key, .plain), location: here),
                        value: try set(rest, in: empty, to: value, origin: origin)))
            }
            result.content = .mapping(pairs)
        case (.key, _) where node.isNull:
            result.content = .mapping([])
            return try set(path, in: result, to: value, origin: origin)
        case (.index(let index), .sequence(var items)):
            guard items.indices.contains(index) else {
                throw .error(at: node.location, "\(origin): index \(index) is out of range (the list has \(items.count) items)")
            }
            items[index] = try set(rest, in: items[index], to: value, origin: origin)
            result.content = .sequence(items)
        case (.named(let name), .sequence(var items)):
            guard
                let index = items.firstIndex(where: { item in
                    guard case .mapping(let pairs) = item.content else { return false }
                    return pairs.contains { (try? $0.key.string("key")) == "name" && (try? $0.value.string("name")) == name }
                })
            else {
                throw .error(at: node.location, "\(origin): no list item is named \(Diagnostic.quote(name))")
            }
            items[index] = try set(rest, in: items[index], to: value, origin: origin)
            result.content = .sequence(items)
        default:
            throw .error(at: node.location, "\(origin): cannot follow the path here (found \(node.kindDescription))")
        }
        return result
    }
}
