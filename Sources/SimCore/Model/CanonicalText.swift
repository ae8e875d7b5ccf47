/// A text of a value that depends only on what the value holds, for hashing a pod template
/// (`pod-template-hash`, as upstream's `DeepHashObject` hashes the printed object).
///
/// Every stored property is written by name in declaration order, except those at their zero
/// value — nil, an empty collection, `false`, 0, "" or a struct whose properties are all zero — as
/// the Kubernetes API's JSON leaves out `omitempty` fields. Dictionary and set entries are sorted.
/// So a property added to a type later changes no hash of a template that does not set it (the
/// ReplicaSet names of existing scenarios stay as they were) — as long as its default is its zero
/// value, so give a new field of `PodSpec` or `PodTemplate` nil, empty, false or 0 as its default —
/// and no hash depends on a dictionary's iteration order, which Swift seeds per process.
enum CanonicalText {
    static func of(_ value: Any) -> String {
        var text = ""
        write(value, to: &text)
        return text
    }

    private static func write(_ value: Any, to text: inout String) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first?.value { write(wrapped, to: &text) } else { text += "nil" }
        case .struct, .class:
            text += "{"
            for child in mirror.children where !isZero(child.value) {
                text += (child.label ?? "_") + ":"
                write(child.value, to: &text)
                text += ";"
            }
            text += "}"
        case .enum:
            // A case without a payload has no child: its name is its description.
            guard let payload = mirror.children.first else {
                text += String(describing: value)
                return
            }
            text += (payload.label ?? "_") + "("
            write(payload.value, to: &text)
            text += ")"
        case .tuple:
            text += "("
            for child in mirror.children {
                // Labelled elements by name (an unlabelled one's label is ".0", ".1", …).
                if let label = child.label, !label.hasPrefix(".") { text += label + ":" }
                write(child.value, to: &text)
                text += ","
            }
            text += ")"
        case .collection:
            text += "["
            for child in mirror.children {
                write(child.value, to: &text)
                text += ","
            }
            text += "]"
        case .dictionary, .set:
            text += "[" + mirror.children.map { of($0.value) }.sorted().joined(separator: ",") + "]"
        default:
            // Strings quoted, so that "a,b" and "a","b" differ; numbers and Booleans as written.
            text += value is String ? String(reflecting: value) : String(describing: value)
        }
    }

    /// Whether `value` is its type's zero, left out of the text.
    private static func isZero(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        if let style = mirror.displayStyle {
            switch style {
            case .optional, .collection, .dictionary, .set: return mirror.children.isEmpty
            case .struct: return mirror.children.allSatisfy { isZero($0.value) }
            default: return false
            }
        }
        switch value {
        case let flag as Bool: return !flag
        case let string as String: return string.isEmpty
        // Zero is the one integer whose every bit is a trailing zero.
        case let number as any BinaryInteger: return number.trailingZeroBitCount == number.bitWidth
        case let number as Double: return number == 0
        default: return false
        }
    }
}
