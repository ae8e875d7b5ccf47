import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// The traffic and events sections of a scenario, and traffic traces.
@Suite("Traffic and timeline sections")
struct TrafficScenarioTests {
    static let manifests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: web:1
                resources: {requests: {cpu: 250m, memory: 256Mi}}
              - name: proxy
                image: envoy:1
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: headless}
        spec: {}
        """

    static let base = """
        duration: 1h
        cluster:
          nodePools:
          - {name: general, count: 2, capacity: {cpu: "4", memory: 16Gi}}
        workloads:
        - manifests: web.yaml
        """

    func load(_ spec: String, files: [String: String] = [:]) throws -> LoadedScenario {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("web.yaml", Self.manifests)
        for (name, contents) in files { try folder.write(name, contents) }
        return try ScenarioLoader.load(try folder.write("scenario.yaml", ScenarioDecodingTests.scenario(Self.base + "\n" + spec)))
    }

    func error(_ spec: String, files: [String: String] = [:]) -> String {
        ScenarioTest.failure(withFile: true) { _ = try load(spec, files: files) }
    }

    @Test("a traffic entry: target, shape, noise and costs in their units")
    func trafficEntry() throws {
        let loaded = try load(
            """
            traffic:
            - target: Service/web
              rate: {shape: sum, of: [{shape: constant, value: 50}, {shape: spike, base: 0, peak: 100, at: 10m, duration: 5m}]}
              start: 30s
              noise: 0.1
              cpuPerRequest: 4m
              idleCPU: 10m
              memoryPerRequest: 1Mi
              metricName: http_requests
            """)
        let spec = try #require(loaded.setup.traffic.first)
        #expect(spec.target == .service(namespace: "default", name: "web"))
        #expect(spec.rate.rate(at: 11 * Millis.minute) == 150)
        #expect(spec.start == 30_000 && spec.noise == 0.1 && spec.metricName == "http_requests")
        #expect(abs(spec.cpuPerRequest - 4) < 1e-12 && abs(spec.idleCPU - 10) < 1e-12 && spec.memoryPerRequest == 1_048_576)
    }

    @Test("traffic errors point at the value, with hints")
    func trafficErrors() {
        #expect(
            error("traffic:\n- target: Deployment/webb\n  rate: {shape: constant, value: 1}")
                == "scenario.yaml:13:13: traffic target Deployment/default/webb is not a Deployment of this scenario")
        #expect(
            error("traffic:\n- target: Service/headless\n  rate: {shape: constant, value: 1}")
                == "scenario.yaml:13:13: Service default/headless has no selector, so it has no endpoints to send traffic to")
        #expect(error("traffic:\n- target: Service/web\n  rate: {shape: sine, value: 1}") == "scenario.yaml:14:19: unknown rate shape \"sine\"")
        #expect(
            error("traffic:\n- target: Service/web\n  rate: {shape: ramp, from: 1, to: 2, start: 5m, end: 1m}")
                == "scenario.yaml:14:11: a ramp's end must come after its start")
        #expect(
            error("traffic:\n- target: Pod/web\n  rate: {shape: constant, value: 1}")
                == "scenario.yaml:13:13: traffic goes to a Deployment or a Service, not a Pod")
    }

    @Test("a rate trace: time,value rows after an optional header; a bad row is reported at its line")
    func rateTrace() throws {
        let loaded = try load(
            "traffic:\n- target: Service/web\n  rate: {shape: trace, file: rates.csv, scale: 2}",
            files: ["rates.csv": "time,rps\n0,10\n60,20\n120,5\n"])
        let shape = try #require(loaded.setup.traffic.first?.rate)
        #expect(shape.rate(at: 30_000) == 30)
        #expect(shape.rate(at: 500_000) == 10)
        #expect(
            error("traffic:\n- target: Service/web\n  rate: {shape: trace, file: rates.csv}", files: ["rates.csv": "0,10\n60,x\n"])
                == "rates.csv:2:4: expected a rate (requests per second, not negative) after the time")
    }

    @Test("a request log becomes a rate per bucket, from the first request")
    func requestTrace() throws {
        let log = "TIMESTAMP,Tokens\n2023-11-16 18:17:03.50,10\n2023-11-16 18:17:04.00,3\n2023-11-16 18:18:10.00,7\n"
        let loaded = try load(
            "traffic:\n- target: Service/web\n  rate: {shape: trace, file: log.csv, format: requests, bucket: 1m}",
            files: ["log.csv": log])
        let shape = try #require(loaded.setup.traffic.first?.rate)
        // Two requests in the first minute (2/60 per second), one in the second.
        #expect(abs(shape.rate(at: 30_000) - 2.0 / 60) < 1e-12)
        #expect(abs(shape.rate(at: 90_000) - 1.0 / 60) < 1e-12)
    }

    @Test(
        "the Azure LLM inference trace (../shared/data) loads as a request log",
        .enabled(if: sharedDataFolder != nil, "../shared/data is absent; skipping the Azure trace test"))
    func azureTrace() throws {
        let folder = try #require(sharedDataFolder)
        let text = try String(contentsOfFile: folder + "/azure-llm-2023/AzureLLMInferenceTrace_code.csv", encoding: .utf8)
        let points = try TraceFile.requestRates(text, file: "code.csv", bucket: Millis.minute)
        // 8,819 requests (per SOURCES.md) in about an hour: every request is counted once.
        let total = stride(from: 0, to: points.count, by: 2).reduce(0.0) { $0 + points[$1].value * 60 }
        #expect(abs(total - 8_819) < 1e-6)
        #expect(points.count / 2 >= 55 && points.count / 2 <= 65)
    }

    @Test("events: a rollout's image and set paths become a new template; rollback and scale pass through")
    func events() throws {
        let loaded = try load(
            """
            events:
            - {at: 10m, type: rollout, target: Deployment/web, image: web:2, container: web}
            - at: 20m
              type: rollout
              target: Deployment/web
              set:
                spec.template.spec.containers[proxy].image: envoy:2
            - {at: 30m, type: rollback, target: Deployment/web, revision: 1}
            - {at: 40m, type: scale, target: Deployment/web, replicas: 5}
            """)
        let timeline = loaded.setup.timeline
        #expect(timeline.map(\.at) == [600_000, 1_200_000, 1_800_000, 2_400_000])
        guard case .rollout(_, _, let first) = timeline[0].action, case .rollout(_, _, let second) = timeline[1].action else {
            Issue.record("expected two rollouts")
            return
        }
        #expect(first.spec.containers.map(\.image) == ["web:2", "envoy:1"])
        // Changes accumulate: the second rollout keeps the first one's image.
        #expect(second.spec.containers.map(\.image) == ["web:2", "envoy:2"])
        guard case .scale(let target, let replicas) = timeline[3].action else { return }
        #expect(target.kind == .deployment && replicas == 5)
    }

    @Test("apply and delete events: manifests read at load, a workload deleted, what an apply cannot change reported")
    func applyAndDelete() throws {
        let applied = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: a, image: a}]}
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata: {name: late}
            value: 10
            """
        let loaded = try load(
            """
            events:
            - {at: 10m, type: apply, manifests: v2.yaml}
            - {at: 20m, type: delete, target: DaemonSet/agent}
            - {at: 30m, type: delete, target: Deployment/web}
            """, files: ["v2.yaml": applied])
        let timeline = loaded.setup.timeline
        #expect(timeline.count == 3)
        guard case .apply(let objects) = timeline[0].action else {
            Issue.record("the first event is not an apply")
            return
        }
        #expect(objects.daemonSets.map(\.meta.name) == ["agent"])
        guard case .delete(let target) = timeline[1].action else { return }
        #expect(target.path == "DaemonSet/default/agent")
        #expect(loaded.setup.ignored.contains { $0.kind == "PriorityClass" && $0.reason == "not applied during a run" })
        // A delete before the apply that creates its target is an error.
        #expect(
            error(
                "events:\n- {at: 1m, type: delete, target: DaemonSet/agent}\n- {at: 10m, type: apply, manifests: v2.yaml}",
                files: ["v2.yaml": applied])
                == "scenario.yaml:13:36: event target DaemonSet/default/agent is not a workload of this scenario at 1m0s")
    }

    @Test("runDurations give a workload's pods a distribution; a Job without any run duration is a warning")
    func runDurations() throws {
        let job = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: batch}
            spec:
              template:
                metadata: {labels: {app: batch}}
                spec:
                  restartPolicy: Never
                  containers: [{name: b, image: b}]
            """
        let files = ["web.yaml": Self.manifests + "\n---\n" + job]
        let without = try load("", files: files)
        #expect(without.setup.jobs.first?.template.runDuration == nil)
        #expect(without.setup.ignored.contains { $0.kind == "Job" && $0.name == "batch" && $0.reason == "no run duration: pods never finish" })
        let with = try load(
            """
            runDurations:
            - target: Job/batch
              distribution: {shape: uniform, min: 5m, max: 15m}
            """, files: files)
        #expect(with.setup.jobs.first?.template.runDuration == .uniform(min: 300_000, max: 900_000))
        #expect(!with.setup.ignored.contains { $0.kind == "Job" })
        #expect(
            error("runDurations:\n- target: Job/nightly\n  distribution: {shape: constant, value: 5m}")
                == "scenario.yaml:13:13: runDurations target Job/default/nightly is not a workload or Pod of this scenario")
        #expect(
            error("runDurations:\n- target: Deployment/web\n  distribution: {shape: lognormal, median: 5m, sigma: 9}")
                == "scenario.yaml:14:57: \"sigma\" must be more than 0 and at most 5")
        #expect(
            error("runDurations:\n- target: Deployment/web\n  distribution: {shape: gamma, mean: 5m}")
                == "scenario.yaml:14:27: unknown distribution shape \"gamma\"")
    }

    @Test("event errors: which container, unknown targets, what cannot be deleted")
    func eventErrors() {
        #expect(
            error("events:\n- {at: 1m, type: rollout, target: Deployment/web, image: web:2}")
                == "scenario.yaml:13:5: Deployment default/web has 2 containers; say whose image changes")
        #expect(
            error("events:\n- {at: 1m, type: scale, target: Deployment/api, replicas: 2}")
                == "scenario.yaml:13:35: event target Deployment/default/api is not a workload of this scenario at 1m0s")
        #expect(
            error("events:\n- {at: 1m, type: delete, target: Service/web}")
                == "scenario.yaml:13:36: delete removes a workload or a Pod, not a Service")
        #expect(
            error("events:\n- {at: 1m, type: rollout, target: Deployment/web, set: {spec.replicas: 3}}")
                == "scenario.yaml:13:59: a rollout changes the pod template (paths under spec.template.), not spec.replicas")
        #expect(
            error(
                "events:\n- at: 1m\n  type: rollout\n  target: Deployment/web\n  set:\n    spec.template.spec.containers[web].resources.requests.cpu: lots"
            )
                == "scenario.yaml:17:66: \"requests.cpu\": quantities must look like 100m, 0.5, 1.5Gi, 500M or 1e3")
    }
}
