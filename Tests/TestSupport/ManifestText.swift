/// Kubernetes manifests as YAML text, for tests that write scenario files.
public enum ManifestText {
    /// A Deployment of `replicas` pods of one container named as the Deployment, requesting
    /// `cpu` (and `memory` when given), selected by `app: <name>`.
    public static func deployment(_ name: String, replicas: Int, cpu: String, memory: String? = nil) -> String {
        let requests = "cpu: \"\(cpu)\"" + (memory.map { ", memory: \($0)" } ?? "")
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name)}
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec: {containers: [{name: \(name), image: \(name):1, resources: {requests: {\(requests)}}}]}
            """
    }
}
