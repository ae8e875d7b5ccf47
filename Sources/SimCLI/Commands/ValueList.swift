/// The comma-separated lists of `--variant NAME:PATH=VALUE,PATH=VALUE` and
/// `--grid PATH=V1,V2`. A value is YAML, so it may hold commas of its own — a flow list
/// (`zones=[zone-a,zone-b]`), a map (`{cpu: "8", memory: 32Gi}`) or a quoted string — and only
/// the commas outside brackets, braces and quotes separate.
enum ValueList {
    static func split(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                // Inside quotes nothing separates; a double-quoted string escapes with a
                // backslash, a single-quoted one doubles the quote (which closes and reopens).
                if escaped {
                    escaped = false
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                current.append(character)
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[", "{": depth += 1
            case "]", "}": depth = max(0, depth - 1)
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
