import SimCore

/// Reading typed values out of YAML nodes, with errors that point at the value.
///
/// Scalars resolve as Kubernetes reads manifests (go-yaml v2, YAML 1.1 booleans): a plain `true`
/// or `yes` is a boolean, a quoted "3" is a string and not an integer, and an empty value or `~`
/// is null, which counts as absent.
extension YAMLNode {
    /// True for an absent value: a plain empty scalar, `~` or `null`.
    var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// What kind of value this is, for messages ("a mapping", "the string \"abc\"").
    var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, .plain): return isNull ? "null" : "\(Diagnostic.quote(text))"
        case .scalar(let text, _): return "the string \(Diagnostic.quote(text))"
        }
    }

    /// The scalar text of any style; an error for collections.
    func string(_ field: String) throws(Diagnostic) -> String {
        guard case .scalar(let text, _) = content else {
            throw .error(at: location, "\"\(field)\" must be a string, not \(kindDescription)")
        }
        return text
    }

    /// A whole number written plainly (`3`, `-2`, `0x1F`, `1_000`).
    func int(_ field: String) throws(Diagnostic) -> Int64 {
        guard case .scalar(let text, let style) = content else {
            throw .error(at: location, "\"\(field)\" must be an integer, not \(kindDescription)")
        }
        guard style == .plain else {
            throw .error(at: location, "\"\(field)\" must be an integer, not the string \(Diagnostic.quote(text))", hint: "remove the quotes")
        }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if let value = Int64(digits) { return value }
        if digits.hasPrefix("0x"), let value = Int64(digits.dropFirst(2), radix: 16) { return value }
        if Double(digits) != nil {
            throw .error(at: location, "\"\(field)\" must be a whole number, not \(text)")
        }
        throw .error(at: location, "\"\(field)\" must be an integer, not \(kindDescription)")
    }

    /// A number written plainly (`0.25`, `3`, `1e3`).
    func number(_ field: String) throws(Diagnostic) -> Double {
        guard case .scalar(let text, let style) = content, style == .plain, let value = Double(text.replacingOccurrences(of: "_", with: "")),
            value.isFinite
        else {
            throw .error(at: location, "\"\(field)\" must be a number, not \(kindDescription)")
        }
        return value
    }

    /// `true`/`false` (and YAML 1.1's yes/no/on/off) written plainly.
    func bool(_ field: String) throws(Diagnostic) -> Bool {
        if case .scalar(let text, .plain) = content {
            switch text {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON": return true
            case "false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF": return false
            default: break
            }
        }
        throw .error(at: location, "\"\(field)\" must be true or false, not \(kindDescription)")
    }

    /// A Go duration (`90s`, `1h30m`) in milliseconds.
    func duration(_ field: String) throws(Diagnostic) -> SimTime {
        let text = try string(field)
        do {
            return try GoDuration.milliseconds(text)
        } catch {
            throw .error(at: location, "\"\(field)\": \(error)", hint: Double(text) != nil ? "add a unit, for example \(text)s" : nil)
        }
    }

    /// A Kubernetes quantity in canonical units for `resource` (millicores for cpu).
    func quantity(_ field: String, resource: String) throws(Diagnostic) -> Int64 {
        let quantity = try parsedQuantity(field)
        guard !quantity.isNegative else { throw Diagnostic.error(at: location, "\"\(field)\" must not be negative") }
        let amount = ResourceList.canonicalAmount(quantity, for: resource)
        guard amount <= Limits.maximumAmount(for: resource) else {
            throw Limits.amountTooLarge(field, try string(field), of: resource, at: location)
        }
        return amount
    }

    /// A Kubernetes quantity (`500m`, `1.5Gi`, `1e3`) as written, any sign; an error at the value
    /// when it is not one.
    func parsedQuantity(_ field: String) throws(Diagnostic) -> Quantity {
        let text = try string(field)
        do {
            return try Quantity(parsing: text)
        } catch {
            throw .error(at: location, "\"\(field)\": \(error.description)")
        }
    }

    /// The items of a list; null is an empty list.
    func items(_ field: String) throws(Diagnostic) -> [YAMLNode] {
        if isNull { return [] }
        guard case .sequence(let items) = content else {
            throw .error(at: location, "\"\(field)\" must be a list, not \(kindDescription)")
        }
        return items
    }

    /// The pairs of a mapping; null is an empty mapping.
    func pairs(_ field: String) throws(Diagnostic) -> [YAMLPair] {
        if isNull { return [] }
        guard case .mapping(let pairs) = content else {
            throw .error(at: location, "\"\(field)\" must be a mapping, not \(kindDescription)")
        }
        return pairs
    }

    /// A string-to-string mapping (labels, annotations, nodeSelector).
    func stringMap(_ field: String) throws(Diagnostic) -> Labels {
        var labels = Labels()
        for pair in try pairs(field) {
            let key = try pair.key.string(field)
            labels[key] = pair.value.isNull ? "" : try pair.value.string("\(field).\(key)")
        }
        return labels
    }
}

/// The fields of one YAML mapping, looked up by name, with a check for names nobody asked for.
struct Fields {
    let node: YAMLNode
    /// What the mapping is, for messages: "node pool", "container \"web\"".
    let context: String
    let pairs: [YAMLPair]

    init(_ node: YAMLNode, _ context: String) throws(Diagnostic) {
        guard case .mapping(let pairs) = node.content else {
            throw .error(at: node.location, "\(context) must be a mapping, not \(node.kindDescription)")
        }
        self.node = node
        self.context = context
        self.pairs = pairs
    }

    /// The value of `key`, or nil when absent or null.
    subscript(key: String) -> YAMLNode? {
        guard let value = pairs.first(where: { (try? $0.key.string("key")) == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value of `key`, or an error at the mapping saying it is missing.
    func required(_ key: String, hint: String? = nil) throws(Diagnostic) -> YAMLNode {
        guard let value = self[key] else {
            throw .error(at: node.location, "\(context) is missing required field \"\(key)\"", hint: hint)
        }
        return value
    }

    /// The keys of the mapping with their locations.
    var keys: [(name: String, location: SourceLocation)] {
        pairs.compactMap { pair in (try? pair.key.string("key")).map { ($0, pair.key.location) } }
    }

    /// Throws at the first key not in `allowed`, suggesting the closest allowed one.
    func rejectUnknown(_ allowed: [String]) throws(Diagnostic) {
        for key in keys where !allowed.contains(key.name) {
            throw .error(
                at: key.location, "unknown field \(Diagnostic.quote(key.name)) in \(context)",
                hint: Suggestions.hint(for: key.name, in: allowed) ?? "expected one of: \(allowed.joined(separator: ", "))")
        }
    }
}
