/// `--set 'manifests[Kind/namespace/name].FIELD=VALUE'`: a change to one object of the scenario's
/// manifests, made to its YAML before it is decoded, so that it gets the checks a written value
/// gets. A study varies what the manifests hold — a Deployment's `spec.replicas`, a container's
/// requests — as it varies the scenario's own fields. `Kind/name` names the object in whichever
/// namespace holds it, when only one does; a cluster-scoped object (a PriorityClass) is named so.
/// The manifests of `apply` events are changed too: they are the same object, later.
struct ManifestOverrides {
    private struct Entry {
        let override: Override
        let kind: String
        /// Nil for `Kind/name`.
        let namespace: String?
        let name: String
        let field: String
        /// The objects changed, as `Kind/namespace/name`, each once.
        var changed: [String] = []
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    /// Reads the targets of the manifest overrides among `overrides`; a malformed one is an error.
    init(_ overrides: [Override]) throws(Diagnostic) {
        for override in overrides {
            guard let target = override.manifestTarget else { continue }
            let parts = target.object.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty }), !target.field.isEmpty else {
                throw .error(
                    at: SourceLocation(file: override.origin, line: 1, column: 1),
                    "a manifest's field is named manifests[Kind/namespace/name].FIELD, not \(Diagnostic.quote(override.path))",
                    hint: "for example manifests[Deployment/shop/frontend].spec.replicas=5")
            }
            entries.append(
                Entry(
                    override: override, kind: parts[0], namespace: parts.count == 3 ? parts[1] : nil, name: parts[parts.count - 1],
                    field: target.field))
        }
    }

    /// `document` with every override of `object` (kind, namespace — "" if cluster-scoped — and
    /// name) applied, in the order given.
    mutating func apply(to document: YAMLNode, object: (kind: String, namespace: String, name: String)) throws(Diagnostic) -> YAMLNode {
        var result = document
        for index in entries.indices {
            let entry = entries[index]
            guard entry.kind == object.kind, entry.name == object.name, entry.namespace.map({ $0 == object.namespace }) ?? true else {
                continue
            }
            result = try entry.override.apply(to: result, at: entry.field)
            let path = "\(object.kind)/\(object.namespace)/\(object.name)"
            if !entries[index].changed.contains(path) { entries[index].changed.append(path) }
        }
        return result
    }

    /// Every override changed an object, and a `Kind/name` one only one: else the override would
    /// have changed nothing, or a different object than meant, without a word.
    func checkEachChangedOne(objects: [String]) throws(Diagnostic) {
        for entry in entries {
            let place = SourceLocation(file: entry.override.origin, line: 1, column: 1)
            let named = "\(entry.kind)/\(entry.namespace.map { $0 + "/" } ?? "")\(entry.name)"
            if entry.changed.isEmpty {
                throw .error(
                    at: place, "the manifests hold no \(Diagnostic.quote(named))",
                    hint: Suggestions.hint(for: named, in: objects) ?? "name an object as Kind/namespace/name, e.g. Deployment/shop/frontend")
            }
            if entry.namespace == nil, entry.changed.count > 1 {
                throw .error(
                    at: place, "\(Diagnostic.quote(named)) names objects in several namespaces: \(entry.changed.joined(separator: ", "))",
                    hint: "name the namespace: manifests[Kind/namespace/name]")
            }
        }
    }
}
