import TestSupport
import Testing

@testable import SimCore

/// The traffic service and metrics-server alone: requests shared among Ready endpoints, CPU
/// within limits, recomputation when an endpoint goes, and the scrapes the HPA reads.
@Suite("Traffic service and metrics-server")
struct TrafficServiceTests {
    /// Deployment `web` with two Running, Ready pods on `pool-0` (250m requests, no limit), and a
    /// constant 100 requests/s at 2m each with 10m idle.
    struct Served {
        let harness: ControllerHarness
        let traffic: TrafficService
        let pods: [PodID]
        var model: TrafficModel { traffic.model }
    }

    func served(rate: Double = 100, nodeCPU: Int64 = 4_000) throws -> Served {
        let metricsServer = MetricsServer(resolution: 15_000)
        let traffic = TrafficService(metricsServer: metricsServer, end: 120_000)
        let harness = ControllerHarness(pools: [Build.pool("pool", count: 2, cpu: nodeCPU)], driving: [traffic])
        _ = try #require(harness.cluster.createDeployment(Build.deployment("web", replicas: 2, cpu: 250), at: 0))
        let pods = (0..<2).map { harness.createPod("web-\($0)", template: Build.template(app: "web", cpu: 250)) }
        for pod in pods { harness.makeRunning(pod, on: 0) }
        _ = harness.deliverChanges()
        let source = TrafficSpec(target: .deployment(namespace: "default", name: "web"), rate: .constant(rate), cpuPerRequest: 2, idleCPU: 10)
        #expect(traffic.start([source], seed: 1, in: harness.context).isEmpty)
        metricsServer.watch(group: traffic.model.sources[0].group)
        traffic.startTicking(metricsNeeded: true, in: harness.context)
        return Served(harness: harness, traffic: traffic, pods: pods)
    }

    @Test("requests are shared equally by the Ready endpoints, each pod using idle CPU plus its share's")
    func sharedEqually() throws {
        let run = try served()
        _ = run.harness.run(until: 0)
        // 100 requests/s over 2 endpoints: 50 each; CPU 10m + 50 × 2m = 110m each; all served.
        #expect(run.model.sources[0].endpoints == 2)
        #expect(run.model.sources[0].served == 100)
        for pod in run.pods { #expect(run.model.cpuInUse(by: pod) == 110) }
    }

    @Test("an endpoint going not Ready is recomputed once, at that instant, in the traffic phase")
    func endpointLeaves() throws {
        let run = try served()
        _ = run.harness.run(until: 0)
        run.harness.setClock(to: 5_000)
        run.harness.cluster.setReady(run.pods[0], false, at: 5_000)
        _ = run.harness.deliverChanges()
        let fired = run.harness.run(until: 5_000)
        #expect(fired.timers(of: TrafficService.self) == [FiredTimer(.update, at: 5_000, .traffic)])
        // One endpoint left takes all 100 requests/s: 10m + 100 × 2m = 210m; the other only idles.
        #expect(run.model.sources[0].endpoints == 1)
        #expect(run.model.cpuInUse(by: run.pods[1]) == 210)
        #expect(run.model.cpuInUse(by: run.pods[0]) == 10)
    }

    @Test("pods share a node's CPU in proportion to their requests, and requests beyond it are dropped")
    func cpuShortage() throws {
        // A node of 300m: the two pods want 10m + 150 × 2m = 310m each, 620m together; CFS gives
        // each 150m (equal requests). 150m − 10m idle serves 70 of its 150 requests/s: 140 of 300.
        let run = try served(rate: 300, nodeCPU: 300)
        _ = run.harness.run(until: 0)
        for pod in run.pods { #expect(abs(run.model.cpuInUse(by: pod) - 150) < 1e-9) }
        #expect(abs(run.model.sources[0].served - 140) < 1e-9)
    }

    @Test("metrics-server has a pod's CPU from its second scrape: the average over the 15 s between")
    func scrapes() throws {
        let run = try served()
        let metricsServer = run.traffic.metricsServer
        _ = run.harness.run(until: 0)
        // The first scrape (at 0) only notes where each pod's CPU counter stands.
        #expect(metricsServer.sample(of: run.pods[0]) == nil)
        _ = run.harness.run(until: 15_000)
        // 110m for 15 s, averaged over the 15 s window: 110 millicores.
        let sample = try #require(metricsServer.sample(of: run.pods[0]))
        #expect(sample.cpu == 110 && sample.window == 15_000 && sample.timestamp == 15_000)
        // The Pods metric: 50 requests/s reached the pod, in milli-requests.
        #expect(metricsServer.requestRate(of: run.pods[0], metric: 0) == 50_000)
        // The External metric: the source's offered rate, 100 requests/s.
        #expect(metricsServer.externalRate(metric: TrafficSpec.defaultMetricName, namespace: "default") == 100)
        #expect(metricsServer.externalRate(metric: TrafficSpec.defaultMetricName, namespace: "other") == nil)
    }
}
