import Foundation

/// Resolves a `workloads[].manifests` entry to the files it names, as `kubectl apply -f` does:
/// a file; a directory (its `.yaml`, `.yml` and `.json` files, not recursive); or a glob with `*`,
/// `?` and `[…]` in any path component. Results are sorted by path, so runs are reproducible.
enum ManifestFiles {
    static func resolve(_ pattern: String, relativeTo base: String, at location: SourceLocation) throws(Diagnostic) -> [String] {
        let path = pattern.hasPrefix("/") ? pattern : (base as NSString).appendingPathComponent(pattern)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !containsWildcard(pattern) {
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .error(
                    at: location, "manifests \(Diagnostic.quote(pattern)) not found",
                    hint: "paths are relative to the scenario file's folder (to the current folder for a scenario on standard input)")
            }
            guard isDirectory.boolValue else { return [path] }
            let files = ((try? manager.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                .sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw .error(at: location, "directory \(Diagnostic.quote(pattern)) holds no .yaml, .yml or .json files") }
            return files
        }
        let matches = expand(components: path.split(separator: "/").map(String.init), from: path.hasPrefix("/") ? "/" : "")
            .filter { manager.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue }
            .sorted()
        guard !matches.isEmpty else { throw .error(at: location, "no files match \(Diagnostic.quote(pattern))") }
        return matches
    }

    private static func containsWildcard(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    private static func expand(components: [String], from prefix: String) -> [String] {
        guard let first = components.first else { return [prefix] }
        let rest = Array(components.dropFirst())
        let join = { (name: String) in prefix.isEmpty ? name : (prefix as NSString).appendingPathComponent(name) }
        guard containsWildcard(first) else { return expand(components: rest, from: join(first)) }
        let directory = prefix.isEmpty ? "." : prefix
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.filter { matches(Array($0), Array(first)) }.flatMap { expand(components: rest, from: join($0)) }
    }

    /// Shell-style matching of one path component: `*`, `?` and `[abc]` / `[a-z]` / `[!a]`.
    static func matches(_ name: [Character], _ pattern: [Character]) -> Bool {
        var n = 0, p = 0
        var star: Int?, starName = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                starName = n
                p += 1
            } else if p < pattern.count, let (matched, next) = matchOne(name[n], pattern, p), matched {
                n += 1
                p = next
            } else if let star {
                p = star + 1
                starName += 1
                n = starName
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Whether `character` matches the pattern element at `index`; returns the next index.
    private static func matchOne(_ character: Character, _ pattern: [Character], _ index: Int) -> (Bool, Int)? {
        switch pattern[index] {
        case "?": return (true, index + 1)
        case "[":
            guard let close = pattern[(index + 1)...].firstIndex(of: "]") else { return (character == "[", index + 1) }
            var set = Array(pattern[(index + 1)..<close])
            let negate = set.first == "!" || set.first == "^"
            if negate { set.removeFirst() }
            var found = false
            var position = 0
            while position < set.count {
                if position + 2 < set.count, set[position + 1] == "-" {
                    if set[position] <= character && character <= set[position + 2] { found = true }
                    position += 3
                } else {
                    if set[position] == character { found = true }
                    position += 1
                }
            }
            return (found != negate, close + 1)
        default:
            return (pattern[index] == character, index + 1)
        }
    }
}
