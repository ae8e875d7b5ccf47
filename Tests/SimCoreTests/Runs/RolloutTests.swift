import TestSupport
import Testing

@testable import SimCore

/// Deployment rollouts end to end, with bounds checked after every event.
@Suite("Rollouts")
struct RolloutTests {
    /// Runs a 10-replica Deployment with `strategy`, changes its image at 10 s, and records the
    /// fewest available and most active pods seen from then on.
    func rollout(_ strategy: DeploymentStrategy, grace: Int64 = 30) throws -> (simulation: Simulation, minAvailable: Int32, maxPods: Int32) {
        var deployment = Build.deployment("web", replicas: 10, strategy: strategy)
        deployment.template.spec.terminationGracePeriodSeconds = grace
        var updated = deployment.template
        updated.spec.containers[0].image = "web:2"
        let setup = SimulationSetup(
            name: "rollout", duration: 300_000, nodePools: [Build.pool("pool", count: 4)],
            deployments: [deployment],
            timeline: [TimelineEvent(at: 10_000, action: .rollout(namespace: "default", name: "web", template: updated))])
        let simulation = try Build.simulation(setup)
        var minAvailable = Int32.max, maxPods: Int32 = 0
        simulation.observer = { simulation in
            guard simulation.now >= 10_000 else { return }
            let status = simulation.cluster.deployments[0].status
            minAvailable = min(minAvailable, status.availableReplicas)
            maxPods = max(maxPods, status.replicas)
        }
        simulation.run(until: 300_000)
        #expect(simulation.invariantViolations.isEmpty)
        return (simulation, minAvailable, maxPods)
    }

    @Test("a 10-replica rolling update with maxSurge 1 and maxUnavailable 0 never has fewer than 10 available or more than 11 pods")
    func surgeOne() throws {
        let (simulation, minAvailable, maxPods) = try rollout(.rollingUpdate(maxSurge: .int(1), maxUnavailable: .int(0)))
        #expect(minAvailable == 10)
        #expect(maxPods == 11)
        let status = simulation.cluster.deployments[0].status
        #expect(status.updatedReplicas == 10 && status.availableReplicas == 10 && status.replicas == 10)
        #expect(status.progressing?.reason == "NewReplicaSetAvailable")
        // Each step: the new pod starts (2 s), then an old one goes; ten steps of 2 s.
        let rollout = try #require(simulation.cluster.deployments[0].rollouts.last)
        #expect(rollout.revision == 2)
        #expect(rollout.startedAt == 10_000)
        #expect(rollout.completedAt == 30_000)
        let scaled = simulation.eventLog.filter { $0.reason == "ScalingReplicaSet" }.map(\.message)
        #expect(scaled.contains { $0.hasPrefix("Scaled up replica set web-") && $0.hasSuffix(" from 0 to 1") })
        #expect(scaled.contains { $0.hasPrefix("Scaled down replica set web-") && $0.hasSuffix(" from 10 to 9") })
    }

    @Test("the default 25%/25% rolling update keeps at least 8 of 10 available and at most 13 pods")
    func defaultStrategy() throws {
        // maxSurge ceil(2.5) = 3, maxUnavailable floor(2.5) = 2.
        let (_, minAvailable, maxPods) = try rollout(.default)
        #expect(minAvailable >= 8)
        #expect(maxPods <= 13)
    }

    @Test("Recreate shows a gap with zero available until the old pods are gone and new ones start")
    func recreate() throws {
        let (simulation, minAvailable, _) = try rollout(.recreate, grace: 30)
        #expect(minAvailable == 0)
        // Old pods go at 10 s and keep their resources for the 30 s grace period; the new
        // ReplicaSet is created at 40 s and its pods are available 2 s later.
        let available = simulation.timeSeries.series(MetricCatalog.deploymentAvailable.name, object: "Deployment/default/web")
        #expect(available.first { $0.time == 60_000 }?.value == 10)
        #expect(simulation.cluster.deployments[0].rollouts.last?.completedAt == 42_000)
    }

    @Test("scaling mid-rollout shares the new replicas in proportion to each ReplicaSet's size")
    func proportionalScalingMidRollout() throws {
        var deployment = Build.deployment("web", replicas: 10)
        var updated = deployment.template
        updated.spec.containers[0].image = "web:2"
        // The new pods never pass their probe within the run, so the rollout stays half-way.
        updated.spec.containers[0].readinessProbe = Probe(initialDelaySeconds: 600)
        deployment.template.spec.terminationGracePeriodSeconds = 0
        let setup = SimulationSetup(
            name: "proportional", duration: 60_000, nodePools: [Build.pool("pool", count: 4)], deployments: [deployment],
            timeline: [
                TimelineEvent(at: 10_000, action: .rollout(namespace: "default", name: "web", template: updated)),
                TimelineEvent(at: 20_000, action: .scale(WorkloadReference(kind: .deployment, namespace: "default", name: "web"), replicas: 20)),
            ])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 19_999)
        let web = simulation.cluster.deployments[0]
        let (old, new) = (web.replicaSets[0], web.replicaSets[1])
        // maxSurge ceil(2.5) = 3, maxUnavailable floor(2.5) = 2: the new ReplicaSet surges to 3,
        // the old one drops to 8, then the new one fills the surge to 5 (13 pods).
        #expect(simulation.cluster.replicaSets[old].replicas == 8)
        #expect(simulation.cluster.replicaSets[new].replicas == 5)
        simulation.run(until: 20_000)
        // Scaled to 20: 25 allowed (20 + 5 surge) against the 13 annotated; old 8 × 25/13 = 15.4 → 15,
        // new 5 × 25/13 = 9.6 → 10; together the 12 to add.
        #expect(simulation.cluster.replicaSets[old].replicas == 15)
        #expect(simulation.cluster.replicaSets[new].replicas == 10)
    }

    @Test("rollback brings back the previous template as a new revision")
    func rollback() throws {
        var deployment = Build.deployment("web", replicas: 3)
        var updated = deployment.template
        updated.spec.containers[0].image = "web:2"
        deployment.revisionHistoryLimit = 1
        let setup = SimulationSetup(
            name: "rollback", duration: 200_000, nodePools: [Build.pool("pool", count: 2)], deployments: [deployment],
            timeline: [
                TimelineEvent(at: 10_000, action: .rollout(namespace: "default", name: "web", template: updated)),
                TimelineEvent(at: 100_000, action: .rollback(namespace: "default", name: "web", revision: nil)),
            ])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 200_000)
        #expect(simulation.invariantViolations.isEmpty)
        let web = simulation.cluster.deployments[0]
        #expect(web.spec.template.spec.containers[0].image == "app:1")
        #expect(web.rollouts.map(\.revision) == [1, 2, 3])
        #expect(simulation.eventLog.contains { $0.reason == "DeploymentRollback" && $0.message == "Rolled back deployment \"web\" to revision 1" })
        // revisionHistoryLimit 1: of the two old ReplicaSets, only one is kept.
        let kept = web.replicaSets.filter { simulation.cluster.replicaSets[$0].deletedAt == nil }
        #expect(kept.count == 2)
    }

    @Test("with revisionHistoryLimit 0 the old ReplicaSet is deleted as the rollout completes")
    func historyLimitZero() throws {
        var deployment = Build.deployment("web", replicas: 2)
        var updated = deployment.template
        updated.spec.containers[0].image = "web:2"
        deployment.revisionHistoryLimit = 0
        let setup = SimulationSetup(
            name: "history", duration: 100_000, nodePools: [Build.pool("pool", count: 2)], deployments: [deployment],
            timeline: [TimelineEvent(at: 10_000, action: .rollout(namespace: "default", name: "web", template: updated))])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 100_000)
        let web = simulation.cluster.deployments[0]
        let completed = try #require(web.rollouts.last?.completedAt)
        // Upstream cleans up in the sync after the one that marks the rollout complete, which its
        // own status update queues at once: the old ReplicaSet goes at the same instant.
        let old = web.replicaSets[0]
        #expect(simulation.cluster.replicaSets[old].deletedAt == completed)
    }

    @Test("a readiness probe delays Ready to its first success after the application warms up")
    func readinessProbe() {
        let probe = Probe(initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2)
        // No warm-up: probes at 5 s, 15 s: the second success is at 15 s.
        #expect(Container(name: "c", readinessProbe: probe).readinessDelay(warmup: 0) == 15_000)
        // Warm-up 12 s: the first probe that can pass is at 15 s, the second at 25 s.
        #expect(Container(name: "c", readinessProbe: probe).readinessDelay(warmup: 12_000) == 25_000)
        // A startup probe passing at 20 s holds the readiness probe back to 25 s (then 35 s).
        let startup = Probe(initialDelaySeconds: 20, periodSeconds: 5)
        #expect(Container(name: "c", readinessProbe: probe, startupProbe: startup).readinessDelay(warmup: 0) == 35_000)
        #expect(Container(name: "c").readinessDelay(warmup: 30_000) == 0)
    }
}
