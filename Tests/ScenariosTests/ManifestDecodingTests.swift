import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// Kubernetes manifests as the API server would take them: defaults applied, invalid objects
/// refused, other kinds accepted with a note or a warning.
@Suite("Kubernetes manifests")
struct ManifestDecodingTests {
    func decode(_ text: String) throws -> (ManifestSet, [Diagnostic]) {
        try ScenarioTest.decodeManifests(text)
    }

    func errorMessage(_ text: String) -> String {
        ScenarioTest.failure { _ = try decode(text) }
    }

    static func deployment(containers: String, extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}\(extra)
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
        \(containers)
        """
    }

    @Test("requests default to limits, replicas to 1, the strategy to 25 %/25 % RollingUpdate")
    func defaulting() throws {
        let (set, _) = try decode(
            Self.deployment(
                containers: """
                          - name: web
                            image: web:1
                            resources:
                              limits: {cpu: "1", memory: 1Gi}
                              requests: {memory: 512Mi}
                    """))
        let deployment = try #require(set.deployments.first)
        #expect(deployment.replicas == 1)
        #expect(deployment.strategy == .rollingUpdate(maxSurge: .percent(25), maxUnavailable: .percent(25)))
        #expect(deployment.meta.namespace == "shop")
        let requests = deployment.template.spec.containers[0].resources.requests
        #expect(requests["cpu"] == 1_000)
        #expect(requests["memory"] == 512 << 20)
    }

    @Test("init containers with restartPolicy Always are sidecars")
    func sidecars() throws {
        let (set, _) = try decode(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              initContainers:
              - {name: proxy, image: envoy, restartPolicy: Always, resources: {requests: {cpu: 100m}}}
              containers:
              - {name: app, image: app, resources: {requests: {cpu: 200m}}}
            """)
        let pod = try #require(set.pods.first)
        #expect(pod.spec.initContainers[0].resources.isSidecar)
        #expect(
            PodResources.effectiveRequests(
                containers: pod.spec.containers.map(\.resources),
                initContainers: pod.spec.initContainers.map(\.resources), overhead: ResourceList()
            ).cpu == 300)
    }

    @Test("the API server's checks: selector must match the template, requests within limits, both fenceposts not zero")
    func validation() {
        #expect(
            errorMessage(
                Self.deployment(containers: "      - {name: web, image: web}").replacingOccurrences(
                    of: "{matchLabels: {app: web}}", with: "{matchLabels: {app: api}}"))
                == "5:13: Deployment web: selector does not match template labels")
        #expect(
            errorMessage(Self.deployment(containers: "      - {name: web, image: web, resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}"))
                == "10:55: container \"web\": cpu request must be less than or equal to its limit")
        #expect(
            errorMessage(
                Self.deployment(
                    containers: "      - {name: web, image: web}", extra: "\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"))
                == "6:29: maxSurge and maxUnavailable may not both be zero")
        #expect(
            errorMessage(
                Self.deployment(containers: "      - {name: web, image: web}").replacingOccurrences(of: "apps/v1", with: "extensions/v1beta1"))
                == "2:7: Deployment must use apiVersion apps/v1, not \"extensions/v1beta1\"")
    }

    @Test("kinds kubesim does not simulate: a note when capacity is unaffected, a warning otherwise")
    func otherKinds() throws {
        let (set, diagnostics) = try decode(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: db}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            """)
        #expect(set.objectCount == 0)
        #expect(diagnostics.map(\.severity) == [.note, .warning, .warning])
        #expect(diagnostics.map { $0.location?.line } == [2, 6, 10])
        #expect(diagnostics[1].message == "Rollout db (argoproj.io/v1alpha1) is not simulated by this version of kubesim; ignored")
    }

    @Test("fields that are not Kubernetes fields are warned about with a suggestion; real unmodelled fields pass silently")
    func unknownFields() throws {
        let (_, diagnostics) = try decode(
            Self.deployment(
                containers: """
                          - name: web
                            image: web:1
                            env: [{name: A, value: b}]
                            resource: {requests: {cpu: 100m}}
                    """))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "unknown field \"resource\" in container \"web\" is ignored")
        #expect(diagnostics.first?.hint == "did you mean \"resources\"?")
    }

    @Test("an object defined twice is an error naming the first definition")
    func duplicates() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]}\n"
        #expect(errorMessage(pod + "---\n" + pod).hasPrefix("6:1: Pod default/p is defined twice (first at "))
    }

    @Test("a List of objects is read item by item")
    func list() throws {
        let (set, _) = try decode(
            """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}
            - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: shop}, spec: {containers: [{name: c, image: i}]}}
            """)
        #expect(set.namespaces.map(\.name) == ["shop"])
        #expect(set.pods.map(\.meta.namespace) == ["shop"])
    }

    @Test(
        "a real application's manifests load unchanged (online-boutique from ../shared/data)",
        .enabled(if: sharedDataFolder != nil, "../shared/data is absent; skipping the real-manifest test"))
    func realManifests() throws {
        let folder = try #require(sharedDataFolder)
        let (set, diagnostics) = try ScenarioLoader.validateManifests(folder + "/manifests/online-boutique.yaml")
        #expect(set.deployments.count == 12)
        #expect(set.deployments.contains { $0.meta.name == "frontend" })
        #expect(!diagnostics.contains { $0.severity == .error || $0.severity == .warning })
        let frontend = try #require(set.deployments.first { $0.meta.name == "frontend" })
        #expect(frontend.template.spec.containers[0].resources.requests["cpu"] == 100)
    }
}

@Suite("Manifest paths")
struct ManifestPathTests {
    @Test("globs match *, ? and [ranges] per path component")
    func wildcards() {
        #expect(ManifestFiles.matches(Array("frontend.yaml"), Array("*.yaml")))
        #expect(ManifestFiles.matches(Array("app-1.yml"), Array("app-?.y*ml")))
        #expect(ManifestFiles.matches(Array("b.yaml"), Array("[a-c].yaml")))
        #expect(!ManifestFiles.matches(Array("d.yaml"), Array("[a-c].yaml")))
        #expect(!ManifestFiles.matches(Array("d.yaml"), Array("[!d].yaml")))
        #expect(!ManifestFiles.matches(Array("frontend.json"), Array("*.yaml")))
    }

    @Test("a directory means its YAML and JSON files in name order; a glob its matches in path order")
    func resolution() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["m/b.yaml", "m/a.yml", "m/c.json", "m/readme.md", "n/x.yaml"] { try folder.write(name, "") }
        let location = SourceLocation(file: "s.yaml", line: 1, column: 1)
        let directory = try ManifestFiles.resolve("m", relativeTo: folder.path, at: location).map { ($0 as NSString).lastPathComponent }
        #expect(directory == ["a.yml", "b.yaml", "c.json"])
        let glob = try ManifestFiles.resolve("*/*.yaml", relativeTo: folder.path, at: location).map { ($0 as NSString).lastPathComponent }
        #expect(glob == ["b.yaml", "x.yaml"])
    }
}

@Suite("Scheduling manifests")
struct SchedulingManifestTests {
    func decode(_ text: String) throws -> ManifestSet {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try ScenarioLoader.validateManifests(try folder.write("manifests.yaml", text)).0
    }

    @Test("PriorityClass, Service, PodDisruptionBudget and Namespace labels are read")
    func policyKinds() throws {
        let set = try decode(
            """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: critical}
            value: 100000
            preemptionPolicy: Never
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec: {maxUnavailable: 25%, selector: {matchLabels: {app: web}}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: checkout}}
            """)
        #expect(set.priorityClasses == [PriorityClassSpec(name: "critical", value: 100_000, preemptionPolicy: .never)])
        #expect(set.services.map(\.selector) == [Labels([("app", "web")])])
        #expect(set.disruptionBudgets.first?.maxUnavailable == .percent(25))
        #expect(set.namespaces.first?.labels["team"] == "checkout")
    }

    @Test("pod affinity, spread constraints, host ports and scheduling gates are read")
    func podFields() throws {
        let set = try decode(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {app: web}}
            spec:
              schedulingGates: [{name: example.com/quota}]
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 30
                    podAffinityTerm: {labelSelector: {matchLabels: {app: cache}}, topologyKey: topology.kubernetes.io/zone, namespaces: [data]}
              topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, minDomains: 3,
                 labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash]}
              containers:
              - {name: c, image: i, ports: [{containerPort: 8080, hostPort: 80}]}
            """)
        let spec = try #require(set.pods.first?.spec)
        #expect(spec.schedulingGates == ["example.com/quota"])
        #expect(spec.podAntiAffinity?.required.map(\.topologyKey) == ["kubernetes.io/hostname"])
        #expect(spec.podAntiAffinity?.preferred.map(\.weight) == [30])
        #expect(spec.podAntiAffinity?.preferred.first?.term.namespaces == ["data"])
        #expect(spec.topologySpreadConstraints.first?.minDomains == 3)
        #expect(spec.topologySpreadConstraints.first?.matchLabelKeys == ["pod-template-hash"])
        #expect(spec.containers[0].ports == [ContainerPort(containerPort: 8080, hostPort: 80)])
    }

    @Test("minDomains needs DoNotSchedule, as the API server validates")
    func minDomainsValidation() {
        #expect(throws: Diagnostic.self) {
            try decode(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}]
                  containers: [{name: c, image: i}]
                """)
        }
    }
}
