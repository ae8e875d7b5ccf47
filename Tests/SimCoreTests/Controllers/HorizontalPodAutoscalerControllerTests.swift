import TestSupport
import Testing

@testable import SimCore

/// The HPA controller alone (reference §3), reading metrics-server samples that the traffic
/// service's ticks scrape: its rescales, events and conditions.
@Suite("HorizontalPodAutoscaler controller")
struct HorizontalPodAutoscalerControllerTests {
    /// An autoscaled Deployment `web` without a Deployment controller: its pods are made by hand.
    struct Autoscaled {
        let harness: ControllerHarness
        let traffic: TrafficService
        let controller: HorizontalPodAutoscalerController
        let deployment: DeploymentID

        var cluster: ClusterState { harness.cluster }
        var autoscaler: HorizontalPodAutoscaler { controller.autoscalers[0] }
    }

    /// Deployment `web` at `replicas`, with as many pods requesting `request` millicores, Running
    /// and Ready on one node since 0, each using `usage` millicores (a traffic source's idle CPU,
    /// no requests), and an HPA on it aiming at `target` % CPU; metrics-server scrapes every 15 s
    /// and the HPA syncs every 15 s from 0.
    func autoscaled(
        replicas: Int32, request: Int64 = 250, usage: Double, target: Int32 = 60, minReplicas: Int32 = 1,
        maxReplicas: Int32 = 10, end: SimTime = 600_000
    ) throws -> Autoscaled {
        let metricsServer = MetricsServer(resolution: 15_000)
        let traffic = TrafficService(metricsServer: metricsServer, end: end)
        let controller = HorizontalPodAutoscalerController(metricsServer: metricsServer, end: end)
        let harness = ControllerHarness(pools: [Build.pool("pool", count: 1, cpu: 16_000)], driving: [traffic, controller])
        let cluster = harness.cluster
        let deployment = try #require(cluster.createDeployment(Build.deployment("web", replicas: replicas, cpu: request), at: 0))
        for index in 0..<Int(replicas) {
            let pod = harness.createPod("web-\(index)", template: Build.template(app: "web", cpu: request))
            harness.makeRunning(pod, on: 0)
        }
        harness.deliverChanges()
        let source = TrafficSpec(target: .deployment(namespace: "default", name: "web"), rate: .constant(0), idleCPU: usage)
        #expect(traffic.start([source], seed: 1, in: harness.context).isEmpty)
        let spec = HorizontalPodAutoscalerSpec(
            meta: ObjectMeta(name: "web"), targetKind: .deployment, targetName: "web", minReplicas: minReplicas,
            maxReplicas: maxReplicas, metrics: [.resource(name: ResourceName.cpu, target: .utilization(target))])
        #expect(controller.register([spec], in: cluster).isEmpty)
        traffic.startTicking(metricsNeeded: true, in: harness.context)
        controller.start(in: harness.context)
        return Autoscaled(harness: harness, traffic: traffic, controller: controller, deployment: deployment)
    }

    @Test("CPU above target rescales the target with SuccessfulRescale, once metrics-server has a sample")
    func scalesUp() throws {
        let run = try autoscaled(replicas: 4, usage: 200)
        // At 0 the first scrape only sets each pod's baseline: no sample yet.
        let first = run.harness.run(until: 0)
        #expect(first.timers(of: HorizontalPodAutoscalerController.self) == [FiredTimer(.syncAll, at: 0, .controllers)])
        let failure = "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"
        #expect(
            run.harness.events.lines == [
                EventLine(.warning, "FailedGetResourceMetric", "HorizontalPodAutoscaler/default/web", failure),
                EventLine(
                    .warning, "FailedComputeMetricsReplicas", "HorizontalPodAutoscaler/default/web",
                    "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: \(failure)"),
            ])
        #expect(run.autoscaler.status.scalingActive?.status == false)
        #expect(run.autoscaler.status.scalingActive?.reason == "FailedGetResourceMetric")
        #expect(run.autoscaler.status.scalingActive?.message == "the HPA was unable to compute the replica count: \(failure)")
        #expect(run.cluster.deployments[run.deployment].spec.replicas == 4)

        // At 15 s each pod has used 200m over the 15 s window (its Ready transition at 0 is a
        // full window before the sample, so it counts as ready).
        let second = run.harness.run(until: 15_000)
        #expect(second.timers(of: TrafficService.self) == [FiredTimer(.tick, at: 15_000, .traffic)])
        #expect(second.timers(of: HorizontalPodAutoscalerController.self) == [FiredTimer(.syncAll, at: 15_000, .controllers)])
        // 4 pods at 200m of a 250m request: 800 × 100 / 1000 = 80 %; target 60 %: ratio 1.33,
        // outside the 0.1 tolerance; ceil(1.33 × 4) = ceil(5.33) = 6, under max(2 × 4, 4) = 8.
        #expect(run.cluster.deployments[run.deployment].spec.replicas == 6)
        #expect(
            run.harness.events.lines.last
                == EventLine(
                    .normal, "SuccessfulRescale", "HorizontalPodAutoscaler/default/web",
                    "New size: 6; reason: cpu resource utilization (percentage of request) above target"))
        let status = run.autoscaler.status
        #expect(status.currentReplicas == 4 && status.desiredReplicas == 6)
        #expect(status.currentMetrics == [80])
        #expect(status.lastScaleTime == 15_000)
        #expect(status.ableToScale?.reason == "SucceededRescale")
        #expect(status.ableToScale?.message == "the HPA controller was able to update the target scale to 6")
        #expect(status.scalingActive?.status == true && status.scalingActive?.reason == "ValidMetricFound")
        #expect(
            status.scalingActive?.message
                == "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)")
        #expect(status.scalingActive?.lastTransition == 15_000)
        #expect(status.scalingLimited?.status == false && status.scalingLimited?.reason == "DesiredWithinRange")
    }

    @Test("usage within the 10 % tolerance of the target keeps the current size, without an event")
    func withinTolerance() throws {
        let run = try autoscaled(replicas: 4, usage: 210, target: 80)
        run.harness.run(until: 15_000)
        // 4 × 210 × 100 / (4 × 250) = 84 %; 84 / 80 = 1.05, within 1 ± 0.1: keep 4.
        #expect(run.cluster.deployments[run.deployment].spec.replicas == 4)
        #expect(run.harness.events("SuccessfulRescale").isEmpty)
        #expect(run.autoscaler.status.desiredReplicas == 4 && run.autoscaler.status.currentMetrics == [84])
        #expect(run.autoscaler.rescales == 0)
    }

    @Test(
        "without behavior, a scale-up is capped at max(2 × current, 4) and at maxReplicas",
        arguments: [
            (10, 4, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"),
            (3, 3, "TooManyReplicas", "the desired replica count is more than the maximum replica count"),
        ] as [(Int32, Int32, String, String)])
    func scaleUpLimits(maxReplicas: Int32, expected: Int32, reason: String, message: String) throws {
        let run = try autoscaled(replicas: 2, request: 100, usage: 400, target: 50, maxReplicas: maxReplicas)
        run.harness.run(until: 15_000)
        // 2 pods at 400m of 100m: 400 %; target 50 %: ratio 8, proposal ceil(8 × 2) = 16. The
        // rate limit is max(2 × 2, 4) = 4; the cap is the smaller of it and maxReplicas.
        #expect(run.cluster.deployments[run.deployment].spec.replicas == expected)
        #expect(
            run.harness.events.lines.last
                == EventLine(
                    .normal, "SuccessfulRescale", "HorizontalPodAutoscaler/default/web",
                    "New size: \(expected); reason: cpu resource utilization (percentage of request) above target"))
        let limited = try #require(run.autoscaler.status.scalingLimited)
        #expect(limited.status && limited.reason == reason && limited.message == message)
    }

    @Test(
        "a target outside minReplicas…maxReplicas is brought within them at once, without metrics; syncs come every 15 s until the end",
        arguments: [(12, 10, "Current number of replicas above Spec.MaxReplicas"), (1, 2, "Current number of replicas below Spec.MinReplicas")]
            as [(Int32, Int32, String)])
    func bounds(replicas: Int32, expected: Int32, reason: String) throws {
        let run = try autoscaled(replicas: replicas, usage: 0, minReplicas: 2, maxReplicas: 10, end: 40_000)
        let fired = run.harness.run(until: 100_000)
        #expect(run.cluster.deployments[run.deployment].spec.replicas == expected)
        // Only the first sync, at 0, rescales. Later ones see idle pods (0 %) and propose 0, but
        // the highest recommendation of the last 5 min is the size the HPA was seeded with (12,
        // capped at maxReplicas 10; or 1, raised to minReplicas 2): the size stays.
        #expect(
            run.harness.events("SuccessfulRescale").lines == [
                EventLine(
                    .normal, "SuccessfulRescale", "HorizontalPodAutoscaler/default/web",
                    "New size: \(expected); reason: \(reason)")
            ])
        #expect(run.harness.events("SuccessfulRescale").first?.time == 0)
        // Syncs at 0, 15 s and 30 s; 45 s is after the end.
        #expect(fired.timers(of: HorizontalPodAutoscalerController.self).map(\.time) == [0, 15_000, 30_000])
    }

    @Test("a scale target that is gone gives FailedGetScale and AbleToScale False")
    func missingTarget() throws {
        let metricsServer = MetricsServer(resolution: 15_000)
        let controller = HorizontalPodAutoscalerController(metricsServer: metricsServer, end: 600_000)
        let harness = ControllerHarness(driving: [controller])
        let rs = harness.createReplicaSet("web", replicas: 2)
        let spec = HorizontalPodAutoscalerSpec(meta: ObjectMeta(name: "web-hpa"), targetKind: .replicaSet, targetName: "web", maxReplicas: 5)
        #expect(controller.register([spec], in: harness.cluster).isEmpty)
        harness.cluster.deleteReplicaSet(rs, at: 0)
        harness.discardChanges()

        controller.start(in: harness.context)
        harness.run(until: 0)
        // upstream: Event(hpa, Warning, "FailedGetScale", err) with the scale client's NotFound error.
        #expect(
            harness.events.lines == [
                EventLine(.warning, "FailedGetScale", "HorizontalPodAutoscaler/default/web-hpa", "replicasets.apps \"web\" not found")
            ])
        let able = try #require(controller.autoscalers[0].status.ableToScale)
        #expect(!able.status && able.reason == "FailedGetScale")
        #expect(able.message == "the HPA controller was unable to get the target's current scale: replicasets.apps \"web\" not found")
        #expect(harness.cluster.replicaSets[rs].replicas == 2)
    }
}
