import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// HorizontalPodAutoscaler manifests and probe timings, with the API server's defaults and checks.
@Suite("HPA and probe manifests")
struct AutoscalerManifestTests {
    func decode(_ text: String) throws -> (ManifestSet, [Diagnostic]) {
        try ScenarioTest.decodeManifests(text)
    }

    func errorMessage(_ text: String) -> String {
        ScenarioTest.failure { _ = try decode(text) }
    }

    static func autoscaler(_ spec: String, apiVersion: String = "autoscaling/v2") -> String {
        """
        apiVersion: \(apiVersion)
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    @Test("autoscaling/v2 metrics of every kind, in milli-units, with behavior defaulted field by field")
    func v2() throws {
        let (set, _) = try decode(
            Self.autoscaler(
                """
                minReplicas: 2
                maxReplicas: 20
                metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}
                - type: Resource
                  resource: {name: memory, target: {type: AverageValue, averageValue: 512Mi}}
                - type: Pods
                  pods: {metric: {name: requests_per_second}, target: {type: AverageValue, averageValue: "100"}}
                - type: Object
                  object:
                    describedObject: {apiVersion: v1, kind: Service, name: web}
                    metric: {name: requests_per_second}
                    target: {type: Value, value: 2k}
                - type: External
                  external: {metric: {name: queue_depth}, target: {type: AverageValue, averageValue: 500m}}
                behavior:
                  scaleUp:
                    policies: [{type: Pods, value: 2, periodSeconds: 60}]
                  scaleDown:
                    stabilizationWindowSeconds: 60
                """))
        let hpa = try #require(set.autoscalers.first)
        #expect(hpa.minReplicas == 2 && hpa.maxReplicas == 20 && hpa.targetPath == "Deployment/shop/web")
        #expect(
            hpa.metrics == [
                .resource(name: "cpu", target: .utilization(60)),
                .resource(name: "memory", target: .averageValue(512 * 1_048_576 * 1_000)),
                .pods(metric: "requests_per_second", target: .averageValue(100_000)),
                .object(kind: "Service", name: "web", metric: "requests_per_second", target: .value(2_000_000)),
                .external(metric: "queue_depth", target: .averageValue(500)),
            ])
        // scaleUp keeps its defaults except the policies; scaleDown only changes its window.
        #expect(
            hpa.behavior
                == HPABehavior(
                    scaleUp: HPAScalingRules(stabilizationWindowSeconds: 0, policies: [HPAScalingPolicy(.pods, value: 2, periodSeconds: 60)]),
                    scaleDown: HPAScalingRules(stabilizationWindowSeconds: 60, policies: HPAScalingRules.defaultScaleDown.policies)))
    }

    @Test("defaults: minReplicas 1, CPU at 80 % without metrics, no behavior (the legacy path); v1's targetCPUUtilizationPercentage")
    func defaults() throws {
        let (v2, _) = try decode(Self.autoscaler("maxReplicas: 5"))
        #expect(v2.autoscalers.first?.minReplicas == 1)
        #expect(v2.autoscalers.first?.metrics == [.resource(name: "cpu", target: .utilization(80))])
        #expect(v2.autoscalers.first?.behavior == nil)
        let (v1, _) = try decode(Self.autoscaler("maxReplicas: 5\ntargetCPUUtilizationPercentage: 50", apiVersion: "autoscaling/v1"))
        #expect(v1.autoscalers.first?.metrics == [.resource(name: "cpu", target: .utilization(50))])
    }

    @Test("the API server's checks, at the offending value")
    func validation() {
        #expect(
            errorMessage(Self.autoscaler("minReplicas: 0\nmaxReplicas: 5"))
                == "6:16: HorizontalPodAutoscaler web: minReplicas must be greater than or equal to 1")
        #expect(
            errorMessage(Self.autoscaler("minReplicas: 6\nmaxReplicas: 5"))
                == "7:16: HorizontalPodAutoscaler web: maxReplicas must be at least 1 and at least minReplicas (6)")
        #expect(
            errorMessage(
                Self.autoscaler(
                    """
                    maxReplicas: 5
                    metrics:
                    - type: Pods
                      pods: {metric: {name: rps}, target: {type: Utilization, averageUtilization: 50}}
                    """)) == "9:48: metric target type must be AverageValue here, not \"Utilization\"")
        #expect(
            errorMessage(
                Self.autoscaler(
                    """
                    maxReplicas: 5
                    behavior:
                      scaleUp: {policies: []}
                    """)
            ).hasSuffix("must specify at least one policy"))
        #expect(
            errorMessage(Self.autoscaler("maxReplicas: 5", apiVersion: "autoscaling/v2beta2"))
                == "2:7: HorizontalPodAutoscaler must use apiVersion autoscaling/v2 or autoscaling/v1, not \"autoscaling/v2beta2\"")
        #expect(
            errorMessage(
                Self.autoscaler(
                    """
                    maxReplicas: 5
                    metrics:
                    - type: Resource
                      resource: {name: gpu, target: {type: Utilization, averageUtilization: 50}}
                    """)) == "9:22: HorizontalPodAutoscaler web: kubesim serves resource metrics for cpu and memory, not gpu")
    }

    @Test("probe timings and the warm-up annotation set when a pod becomes Ready")
    func probes() throws {
        let (set, _) = try decode(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
              annotations: {kubesim.io/warmup: 12s}
            spec:
              containers:
              - name: app
                readinessProbe: {httpGet: {path: /ready, port: 80}, initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2}
            """)
        let pod = try #require(set.pods.first)
        #expect(pod.warmup == 12_000)
        #expect(pod.meta.annotations["kubesim.io/warmup"] == nil)
        #expect(pod.spec.containers[0].readinessProbe == Probe(initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2))
        // Probes at 5, 15, 25 s: the application answers from 12 s, so 15 and 25 pass.
        #expect(pod.spec.containers[0].readinessDelay(warmup: pod.warmup) == 25_000)
        #expect(
            errorMessage(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: app}
                spec:
                  containers:
                  - name: app
                    startupProbe: {successThreshold: 3}
                """) == "7:38: container \"app\" startupProbe: successThreshold must be 1 for a startup probe")
    }
}
