/// The name rules the API server enforces (k8s.io/apimachinery/pkg/util/validation), so that a
/// name kubesim accepts is one a cluster would: it then also fits in a CSV cell, a message and a
/// label value without escaping.
enum ObjectNames {
    /// An RFC 1123 label: at most 63 lower-case letters, digits and '-', starting and ending with
    /// a letter or digit (`IsDNS1123Label`) — namespaces, and node pool names (which become label
    /// values).
    static func isLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// An RFC 1123 subdomain: at most 253 characters, labels joined by '.' (`IsDNS1123Subdomain`)
    /// — the names of Pods, Deployments, Nodes and most other objects.
    static func isSubdomain(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            let bytes = Array(part.utf8)
            guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
            return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// The namespace a YAML value names, checked as the API server checks one.
    static func namespace(_ node: YAMLNode) throws(Diagnostic) -> String {
        let namespace = try node.string("namespace")
        guard isLabel(namespace) else {
            throw .error(
                at: node.location, "namespace \(Diagnostic.quote(namespace)) is not a valid Kubernetes namespace name",
                hint: "the API server takes \(labelRule)")
        }
        return namespace
    }

    static let labelRule = "at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
    static let subdomainRule =
        "at most 253 lower-case letters, digits, '-' and '.', each part between dots starting and ending with a letter or digit"

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
