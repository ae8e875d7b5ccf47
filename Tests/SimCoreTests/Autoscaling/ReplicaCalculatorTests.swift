import TestSupport
import Testing

@testable import SimCore

/// The HPA's replica calculation, with cases in the spirit of upstream's replica_calculator_test.go;
/// every expectation is worked out by hand from the formula in reference §3.3–3.4.
@Suite("HPA replica calculator")
struct ReplicaCalculatorTests {
    let calculator = ReplicaCalculator()
    /// Pods started 10 minutes before `now`, Ready since then: past the CPU initialization period.
    let now: SimTime = 3_600_000

    func running(_ count: Int) -> [ReplicaCalculator.PodState] {
        Array(repeating: ReplicaCalculator.PodState(phase: .running, ready: (true, now - 600_000), startTime: now - 600_000), count: count)
    }

    /// `resourceReplicas` for pods that each request 1 CPU (or `requests`), named pod-0, pod-1, ….
    func cpu(
        current: Int32, target: Int32, _ pods: [ReplicaCalculator.PodState], _ values: [Int64?],
        requests: [AutoscalingRequest]? = nil
    ) throws(MetricError) -> (replicas: Int32, utilization: Int32, rawAverage: Int64) {
        try calculator.resourceReplicas(
            current: current, targetUtilization: target, resource: "cpu", pods: pods,
            requests: requests ?? Array(repeating: .total(1_000), count: pods.count), samples: samples(values),
            now: now
        ) { "pod-\($0)" }
    }

    func samples(_ values: [Int64?]) -> [ReplicaCalculator.Sample?] {
        values.map { $0.map { ReplicaCalculator.Sample(value: $0, timestamp: now, window: 15_000) } }
    }

    @Test("scale up: 1500m of 3000m is 50 %; against 30 % that is ceil(5/3 × 3) = 5 replicas")
    func scaleUp() throws {
        let result = try cpu(current: 3, target: 30, running(3), [300, 500, 700])
        #expect(result.replicas == 5)
        #expect(result.utilization == 50)
        #expect(result.rawAverage == 500)
    }

    @Test("scale down: 1400m of 5000m is 28 % (integer percent); against 50 % that is ceil(0.56 × 5) = 3")
    func scaleDown() throws {
        let result = try cpu(current: 5, target: 50, running(5), [100, 300, 500, 250, 250])
        #expect(result.replicas == 3)
        #expect(result.utilization == 28)
    }

    @Test("within the 10 % tolerance the count stays: 102 % against 100 %")
    func tolerance() throws {
        let result = try cpu(current: 3, target: 100, running(3), [1_010, 1_030, 1_020])
        #expect(result.replicas == 3)
        #expect(result.utilization == 102)
    }

    @Test("an unready pod counts as 0 on a scale-up: 60 % becomes 40 %, so 4 replicas rather than 6")
    func unreadyOnScaleUp() throws {
        var pods = running(3)
        pods[0].ready = (false, now - 600_000)
        pods[0].startTime = now - 60_000
        // Ready pods: 1200m of 2000m = 60 %, ratio 2; with the unready pod at 0: 1200 of 3000 = 40 %,
        // ratio 4/3, ceil(4/3 × 3) = 4.
        let result = try cpu(current: 3, target: 30, pods, [300, 500, 700])
        #expect(result.replicas == 4)
        #expect(result.utilization == 60)
    }

    @Test("a missing pod counts as its full request on a scale-down: 10 % becomes 32 %, so 3 rather than 1")
    func missingOnScaleDown() throws {
        // 300 of 3000 = 10 %, ratio 0.2; the missing pod at 1000: 1300 of 4000 = 32 %, ratio 0.64, ceil(2.56) = 3.
        let result = try cpu(current: 4, target: 50, running(4), [100, 100, 100, nil])
        #expect(result.replicas == 3)
    }

    @Test("a missing pod counts as 0 on a scale-up: 90 % becomes 67 %, so 6")
    func missingOnScaleUp() throws {
        // 2700 of 3000 = 90 %, ratio 1.8; with the missing pod at 0: 2700 of 4000 = 67 %, ratio 1.34, ceil(5.36) = 6.
        let result = try cpu(current: 4, target: 50, running(4), [900, 900, 900, nil])
        #expect(result.replicas == 6)
    }

    @Test("when the assumed values flip the direction, the count stays")
    func directionFlip() throws {
        // 400 of 1000 = 40 %, ratio 0.8 (down); missing pod at its request: 1400 of 2000 = 70 %, ratio 1.4 (up).
        let result = try cpu(current: 2, target: 50, running(2), [400, nil])
        #expect(result.replicas == 2)
    }

    @Test("within the CPU initialization period, a sample taken less than a window after Ready is ignored")
    func cpuInitialization() throws {
        var pods = running(2)
        pods[1].startTime = now - 60_000
        pods[1].ready = (true, now - 10_000)
        // Pod 1's sample (at now, 15 s window) is within a window of its Ready transition: unready.
        // Pod 0 alone: 800 of 1000 = 80 %; ratio 1.6 > 1 with an unready pod: pod 1 counts 0,
        // 800 of 2000 = 40 %, ratio 0.8 — the direction flips, so the count stays.
        let result = try cpu(current: 2, target: 50, pods, [800, 900])
        #expect(result.replicas == 2)
        #expect(result.utilization == 80)
        // Ready 20 s before the sample: more than a window, so it counts: 1700 of 2000 = 85 %, ceil(1.7 × 2) = 4.
        pods[1].ready = (true, now - 20_000)
        let counted = try cpu(current: 2, target: 50, pods, [800, 900])
        #expect(counted.replicas == 4)
    }

    @Test("deleted and failed pods are ignored; pending pods are unready")
    func ignoredPods() throws {
        var pods = running(4)
        pods[2].deleting = true
        pods[3].phase = .failed
        // Only pods 0 and 1 count: 1000 of 2000 = 50 % against 50 %: no change from current.
        let result = try cpu(current: 2, target: 50, pods, [500, 500, 2_000, 2_000])
        #expect(result.replicas == 2)
    }

    @Test("errors carry upstream's messages")
    func errors() {
        #expect(throws: MetricError("unable to get metrics for resource cpu: no metrics returned from resource metrics API")) {
            try cpu(current: 2, target: 50, running(2), [nil, nil])
        }
        #expect(throws: MetricError("missing request for cpu in container sidecar of Pod pod-0")) {
            try cpu(current: 1, target: 50, running(1), [100], requests: [.missing(container: "sidecar")])
        }
        var pending = running(1)
        pending[0].phase = .pending
        #expect(throws: MetricError("did not receive metrics for targeted pods (pods might be unready)")) {
            try cpu(current: 1, target: 50, pending, [100])
        }
    }

    @Test("a Pods metric averages per pod: 20 per pod against 15 is ceil(4/3 × 3) = 4")
    func podsMetric() throws {
        let result = try calculator.podsMetricReplicas(
            current: 3, targetAverage: 15_000, metric: "requests_per_second", pods: running(3),
            samples: samples([20_000, 10_000, 30_000]), now: now)
        #expect(result.replicas == 4)
        #expect(result.average == 20_000)
    }

    @Test("a Pods metric's missing pod counts as the target on a scale-down")
    func podsMetricMissing() throws {
        // Average 5 of target 10: ratio 0.5; the missing pod at 10: (5+5+10)/3 = 6 (integer), 0.6, ceil(1.8) = 2.
        let result = try calculator.podsMetricReplicas(
            current: 3, targetAverage: 10_000, metric: "rps", pods: running(3),
            samples: samples([5_000, 5_000, nil]), now: now)
        #expect(result.replicas == 2)
    }

    @Test("a Pods metric exactly at target keeps the count though pods miss metrics")
    func podsMetricMissingAtTarget() throws {
        // Upstream TestPlainMetricReplicaCalcMissingMetricsNoChangeEq: 5 replicas, 3 report
        // 20, 19 and 21 (×1000) against 20: ratio (60/3)/20 = 1 exactly, so the 2 missing pods
        // are filled with nothing, the ratio stays 1, within tolerance: 5.
        let result = try calculator.podsMetricReplicas(
            current: 5, targetAverage: 20_000, metric: "qps", pods: running(5),
            samples: samples([20_000, 19_000, 21_000, nil, nil]), now: now)
        #expect(result.replicas == 5)
        #expect(result.average == 20_000)
    }

    @Test("a total against a per-pod target: 8.6 against 2 per pod over 3 pods is ceil(4.3) = 5")
    func perPod() {
        let result = calculator.perPodReplicas(statusReplicas: 3, usage: 8_600, targetAverage: 2_000)
        #expect(result.replicas == 5)
        #expect(result.average == 2_867)
        // 6.2 against 2 per pod over 3: ratio 1.033, within tolerance: stays 3.
        #expect(calculator.perPodReplicas(statusReplicas: 3, usage: 6_200, targetAverage: 2_000).replicas == 3)
    }

    @Test("a total against a total target scales the Ready pods, or from zero by the ratio")
    func valueTarget() throws {
        #expect(try calculator.valueReplicas(current: 4, usage: 20_000, target: 10_000, readyPods: 3, selectedPods: 4) == 6)
        #expect(try calculator.valueReplicas(current: 0, usage: 25_000, target: 10_000, readyPods: 0, selectedPods: 0) == 3)
        #expect(try calculator.valueReplicas(current: 4, usage: 10_500, target: 10_000, readyPods: 3, selectedPods: 4) == 4)
    }
}
