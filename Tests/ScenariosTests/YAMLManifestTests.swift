import Foundation
import Scenarios
import Testing

/// Whole Kubernetes manifests, and robustness against damaged ones.
@Suite("YAML Kubernetes manifests")
struct YAMLManifestTests {
    /// A Deployment, a Service and a ServiceAccount as `kubectl` or `helm template` print them.
    static let manifest = """
        # Source: web/templates/serviceaccount.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: web
        ---
        # Source: web/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels:
            app.kubernetes.io/name: web
            app.kubernetes.io/version: "1.4.2"
          annotations:
            description: >-
              Serves the storefront
              to customers.
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
          template:
            metadata:
              labels:
                app: web
            spec:
              serviceAccountName: web
              terminationGracePeriodSeconds: 30
              containers:
              - name: server
                image: registry.example.com/shop/web:v1.4.2
                args: ["--port=8080", "--log-level", info]
                ports:
                - name: http
                  containerPort: 8080
                  protocol: TCP
                env:
                - name: FEATURE_FLAGS
                  value: "true"
                - name: DATABASE_URL
                  valueFrom:
                    secretKeyRef: {name: db, key: url}
                - name: EMPTY
                  value: ""
                resources:
                  requests:
                    cpu: 250m
                    memory: 128Mi
                  limits:
                    cpu: "1"
                    memory: 256Mi
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                  initialDelaySeconds: 5
                  periodSeconds: 10
                livenessProbe:
                  exec:
                    command:
                      - /bin/sh
                      - -c
                      - |
                        test -f /tmp/healthy &&
                          echo ok
        ---
        # Source: web/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: ClusterIP
          selector:
            app: web
          ports:
            - name: http
              port: 80
              targetPort: 8080
        """

    @Test("a multi-document manifest: ServiceAccount, Deployment, Service")
    func multiDocumentManifest() throws {
        let documents = try YAMLTest.parse(Self.manifest)
        #expect(documents.map { $0["kind"]?.text } == ["ServiceAccount", "Deployment", "Service"])

        let deployment = documents[1]
        #expect(deployment["metadata"]?["labels"]?["app.kubernetes.io/version"]?.style == .doubleQuoted)
        #expect(deployment["metadata"]?["annotations"]?["description"]?.text == "Serves the storefront to customers.")
        #expect(deployment["spec"]?["replicas"]?.text == "3")
        #expect(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxSurge"]?.text == "25%")

        let container = try #require(deployment["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container.keys == ["name", "image", "args", "ports", "env", "resources", "readinessProbe", "livenessProbe"])
        #expect(container["image"]?.text == "registry.example.com/shop/web:v1.4.2")
        #expect(container["args"].map(YAMLTest.render) == #"["--port=8080", --log-level, info]"#)
        #expect(container["ports"]?[0]?["containerPort"]?.text == "8080")
        #expect(container["env"]?.count == 3)
        #expect(container["env"]?[0]?["value"]?.text == "true")
        #expect(container["env"]?[0]?["value"]?.style == .doubleQuoted)
        #expect(container["env"]?[1]?["valueFrom"]?["secretKeyRef"].map(YAMLTest.render) == "{name: db, key: url}")
        #expect(container["env"]?[2]?["value"]?.text == "")
        #expect(container["resources"]?["requests"]?["cpu"]?.text == "250m")
        #expect(container["resources"]?["limits"]?["cpu"]?.style == .doubleQuoted)
        #expect(container["readinessProbe"]?["httpGet"]?["port"]?.text == "http")
        let command = container["livenessProbe"]?["exec"]?["command"]
        #expect(command?[2]?.text == "test -f /tmp/healthy &&\n  echo ok\n")

        let service = documents[2]
        #expect(service["spec"]?["ports"]?[0]?["targetPort"]?.text == "8080")
    }

    @Test("positions inside a manifest point at the written text")
    func manifestPositions() throws {
        let documents = try YAMLTest.parse(Self.manifest)
        #expect(documents[0].position == "2:1")
        #expect(documents[1].position == "8:1")
        #expect(documents[2].position == "74:1")
        let container = try #require(documents[1]["spec"]?["template"]?["spec"]?["containers"]?[0])
        #expect(container.position == "36:9")
        #expect(container["image"]?.position == "37:16")
        #expect(documents[1]["spec"]?["template"]?["spec"]?["containers"]?.position == "36:7")
        #expect(documents[2]["spec"]?["ports"]?[0]?["port"]?.position == "84:13")
    }

    static let boutiquePath = "/work/shared/data/manifests/online-boutique.yaml"

    /// Skipped where the shared data set is not present (e.g. a fresh checkout without it).
    @Test(
        "the online-boutique release manifest parses",
        .enabled(if: FileManager.default.fileExists(atPath: boutiquePath), "needs \(boutiquePath)"))
    func onlineBoutique() throws {
        let text = try String(contentsOfFile: Self.boutiquePath, encoding: .utf8)
        let documents = try YAMLReader.documents(in: text, file: "online-boutique.yaml")
        #expect(documents.count == 35)
        let first = try #require(documents.first)
        #expect(first["kind"]?.text == "Deployment")
        #expect(first["metadata"]?["name"]?.text == "frontend")
        #expect(first.location.line == 21)
        let kinds = documents.compactMap { $0["kind"]?.text }
        #expect(kinds.filter { $0 == "Deployment" }.count == 12)
        #expect(Set(kinds) == ["Deployment", "Service", "ServiceAccount"])
    }

    @Test("damaged manifests return or throw, never crash or hang")
    func robustness() {
        let original = Array(Self.manifest.utf8)
        let interesting = Array(":-?[]{},#&*!|>'\"%@`\\\t\n  ~".utf8)
        var random = MutationRandom(seed: 0x5EED_CAFE)
        var failures = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                let position = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(bytes[position], at: position)
                case 2: bytes.insert(interesting[random.below(interesting.count)], at: position)
                default: bytes[position] = interesting[random.below(interesting.count)]
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            do {
                _ = try YAMLReader.documents(in: text, file: "fuzz.yaml")
            } catch {
                failures += 1
                #expect((1...lineCount).contains(error.location.line))
                #expect(error.location.column >= 1)
                #expect(!error.message.isEmpty)
            }
        }
        // Most mutations break something; a few land in comments or text.
        #expect(failures > 50)
    }
}
