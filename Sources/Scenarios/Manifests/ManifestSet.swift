import SimCore

/// The objects read from a scenario's manifests, in the order they were read.
public struct ManifestSet: Sendable {
    public var nodes: [NodeSpec] = []
    public var namespaces: [NamespaceSpec] = []
    public var pods: [PodManifest] = []
    public var replicaSets: [ReplicaSetSpec] = []
    public var deployments: [DeploymentSpec] = []
    public var services: [ServiceSpec] = []
    public var priorityClasses: [PriorityClassSpec] = []
    public var disruptionBudgets: [PodDisruptionBudgetSpec] = []
    public var autoscalers: [HorizontalPodAutoscalerSpec] = []
    /// Where each object was defined, by "Kind/namespace/name", to report duplicates.
    var definitions: [String: SourceLocation] = [:]
    /// Each Deployment's manifest and the decoder that read it, by "namespace/name", so that a
    /// rollout event can change fields and decode it again.
    var deploymentDocuments: [String: (document: YAMLNode, decoder: ManifestDecoder)] = [:]

    public init() {}

    /// Number of objects of the kinds kubesim simulates.
    public var objectCount: Int {
        nodes.count + namespaces.count + pods.count + replicaSets.count + deployments.count + services.count + priorityClasses.count
            + disruptionBudgets.count + autoscalers.count
    }

    /// Records an object's identity; throws if it was already defined.
    mutating func define(_ kind: String, namespace: String?, name: String, at location: SourceLocation) throws(Diagnostic) {
        let key = [kind, namespace, name].compactMap { $0 }.joined(separator: "/")
        if let first = definitions[key] {
            throw .error(at: location, "\(kind) \(key.dropFirst(kind.count + 1)) is defined twice (first at \(first))")
        }
        definitions[key] = location
    }
}
