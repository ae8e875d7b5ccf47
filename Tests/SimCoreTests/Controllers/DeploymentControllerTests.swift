import TestSupport
import Testing

@testable import SimCore

/// The Deployment controller alone (reference §4): ReplicaSet writes, events, status and
/// conditions after a sync, with the ReplicaSet controller's part (pods, RS status) done by hand.
@Suite("Deployment controller")
struct DeploymentControllerTests {
    let controller = DeploymentController()
    let harness: ControllerHarness

    init() {
        harness = ControllerHarness(driving: [controller])
        harness.discardChanges()
    }

    var cluster: ClusterState { harness.cluster }

    /// `<name>-<pod-template-hash>` of the Deployment's current template.
    func replicaSetName(_ deployment: DeploymentID) -> String {
        let spec = cluster.deployments[deployment].spec
        return spec.meta.name + "-" + RolloutMath.podTemplateHash(spec.template, collisionCount: 0)
    }

    func createDeployment(_ spec: DeploymentSpec) throws -> DeploymentID {
        try #require(cluster.createDeployment(spec, at: harness.now))
    }

    /// Writes what the ReplicaSet controller would report for `replicaSet`.
    func report(_ replicaSet: ReplicaSetID, replicas: Int32, ready: Int32, available: Int32) {
        cluster.setStatus(ReplicaSetStatus(replicas: replicas, readyReplicas: ready, availableReplicas: available), of: replicaSet)
    }

    @Test("a new Deployment creates its ReplicaSet named and labelled with the pod-template-hash, at full size")
    func createsReplicaSet() throws {
        let deployment = try createDeployment(Build.deployment("web", replicas: 3))
        #expect(Array(controller.keys(for: .deploymentUpdated(deployment), in: cluster)) == [deployment])
        let fired = harness.settle()
        #expect(fired.timers(of: DeploymentController.self).first == FiredTimer(.drain, at: 0, .controllers))

        let name = replicaSetName(deployment)
        let id = try #require(cluster.replicaSet(namespace: "default", name: name))
        let rs = cluster.replicaSets[id]
        #expect(rs.owner == deployment && cluster.deployments[deployment].replicaSets == [id])
        let hash = String(name.dropFirst("web-".count))
        #expect(rs.template.labels[ClusterState.podTemplateHashLabel] == hash)
        #expect(rs.labels[ClusterState.podTemplateHashLabel] == hash)
        #expect(
            rs.selector
                == CompiledSelector(LabelSelector(matchLabels: Labels([("app", "web"), ("pod-template-hash", hash)])), symbols: cluster.symbols))
        // NewRSNewReplicas with no pods yet: 3 replicas, surge ceil(25 % × 3) = 1, max total 4;
        // min(4 − 0, 3 − 0) = 3. Annotations: desired 3, max 3 + 1 = 4; revision 1.
        #expect(rs.replicas == 3)
        #expect(rs.desiredReplicasAnnotation == 3 && rs.maxReplicasAnnotation == 4)
        #expect(rs.revision == 1)
        #expect(
            harness.events.lines == [EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled up replica set \(name) from 0 to 3")])

        let status = cluster.deployments[deployment].status
        #expect(
            status.progressing
                == DeploymentCondition(
                    status: true, reason: "NewReplicaSetCreated", message: "Created new replica set \"\(name)\"",
                    lastUpdate: 0, lastTransition: 0))
        // 0 available < 3 − maxUnavailable (floor(25 % × 3) = 0).
        #expect(
            status.available
                == DeploymentCondition(
                    status: false, reason: "MinimumReplicasUnavailable",
                    message: "Deployment does not have minimum availability.", lastUpdate: 0, lastTransition: 0))
        #expect(cluster.deployments[deployment].rollouts == [RolloutRecord(revision: 1, startedAt: 0)])
    }

    @Test("a rolling update step creates the new ReplicaSet within maxSurge and scales the old one down within maxUnavailable")
    func rollingStep() throws {
        let deployment = try createDeployment(
            Build.deployment("web", replicas: 4, strategy: .rollingUpdate(maxSurge: .int(1), maxUnavailable: .int(1))))
        harness.settle()
        let old = try #require(cluster.deployments[deployment].replicaSets.first)
        let oldName = cluster.replicaSets[old].name
        report(old, replicas: 4, ready: 4, available: 4)
        harness.settle()

        harness.setClock(to: 60_000)
        cluster.updateDeployment(deployment) { $0.template.spec.containers[0].image = "app:2" }
        harness.discardChanges()
        controller.sync(deployment, in: harness.context)
        let newName = replicaSetName(deployment)
        let new = try #require(cluster.replicaSet(namespace: "default", name: newName))
        // New ReplicaSet: max total 4 + 1 = 5, 4 pods exist: min(5 − 4, 4 − 0) = 1; it cannot grow
        // further (5 ≥ 5). Old: allPods 5, minAvailable 4 − 1 = 3, new unavailable 1 − 0 = 1,
        // maxScaledDown 5 − 3 − 1 = 1; available 4 > 3, so 4 − 3 = 1 old replica goes: 4 → 3.
        #expect(cluster.replicaSets[new].replicas == 1 && cluster.replicaSets[new].revision == 2)
        #expect(cluster.replicaSets[new].desiredReplicasAnnotation == 4 && cluster.replicaSets[new].maxReplicasAnnotation == 5)
        #expect(cluster.replicaSets[old].replicas == 3)
        #expect(
            harness.events.lines.suffix(2) == [
                EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled up replica set \(newName) from 0 to 1"),
                EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled down replica set \(oldName) from 4 to 3"),
            ])

        // The ReplicaSet changes bring the next pass: 3 + 1 = 4 < 5, so the new one grows by
        // min(5 − 4, 4 − 1) = 1; then 5 pods with 2 new unavailable leave 5 − 3 − 2 = 0 to remove.
        harness.discardChanges()
        harness.setClock(to: 60_001)
        #expect(Array(controller.keys(for: .replicaSetUpdated(new), in: cluster)) == [deployment])
        controller.sync(deployment, in: harness.context)
        #expect(cluster.replicaSets[new].replicas == 2 && cluster.replicaSets[old].replicas == 3)
        #expect(
            harness.events.lines.last
                == EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled up replica set \(newName) from 1 to 2"))
        let count = harness.events.count
        controller.sync(deployment, in: harness.context)
        #expect(harness.events.count == count)
    }

    @Test("Recreate scales the old ReplicaSet to zero and creates the new one only once the last old pod is gone")
    func recreate() throws {
        let deployment = try createDeployment(Build.deployment("web", replicas: 2, strategy: .recreate))
        harness.settle()
        let old = try #require(cluster.deployments[deployment].replicaSets.first)
        let oldName = cluster.replicaSets[old].name
        let template = cluster.replicaSets[old].template
        let pods = [
            harness.createPod("web-a", template: template, owner: .replicaSet(old)),
            harness.createPod("web-b", template: template, owner: .replicaSet(old)),
        ]
        harness.makeRunning(pods[0], on: 0)
        harness.makeRunning(pods[1], on: 1)
        report(old, replicas: 2, ready: 2, available: 2)
        harness.settle()

        harness.setClock(to: 60_000)
        cluster.updateDeployment(deployment) { $0.template.spec.containers[0].image = "app:2" }
        harness.settle()
        #expect(cluster.replicaSets[old].replicas == 0)
        #expect(cluster.deployments[deployment].replicaSets == [old])
        #expect(
            harness.events.lines.last
                == EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled down replica set \(oldName) from 2 to 0"))

        // The ReplicaSet controller deletes the pods and reports no replicas; the pods are still
        // terminating, so the Deployment waits.
        harness.setClock(to: 61_000)
        for pod in pods { cluster.beginDeletion(pod, at: 61_000) }
        report(old, replicas: 0, ready: 0, available: 0)
        harness.settle()
        #expect(cluster.deployments[deployment].replicaSets == [old])

        // The first pod gone leaves one: no sync. The last one gone is what lets Recreate go on.
        harness.setClock(to: 91_000)
        cluster.remove(pods[0])
        let first = try #require(cluster.changes.last)
        #expect(Array(controller.keys(for: first, in: cluster)).isEmpty)
        harness.settle()
        #expect(cluster.deployments[deployment].replicaSets == [old])
        cluster.remove(pods[1])
        let last = try #require(cluster.changes.last)
        #expect(Array(controller.keys(for: last, in: cluster)) == [deployment])
        harness.settle()
        let newName = replicaSetName(deployment)
        let new = try #require(cluster.replicaSet(namespace: "default", name: newName))
        // Recreate: NewRSNewReplicas is spec.replicas at once.
        #expect(cluster.replicaSets[new].replicas == 2 && cluster.replicaSets[new].revision == 2)
        #expect(
            harness.events.lines.last
                == EventLine(.normal, "ScalingReplicaSet", "Deployment/default/web", "Scaled up replica set \(newName) from 0 to 2"))
    }

    @Test("every replica updated and available completes the rollout: Available and Progressing True with upstream's reasons")
    func complete() throws {
        let deployment = try createDeployment(Build.deployment("web", replicas: 2))
        harness.settle()
        let rs = try #require(cluster.deployments[deployment].replicaSets.first)
        let name = cluster.replicaSets[rs].name

        harness.setClock(to: 5_000)
        report(rs, replicas: 2, ready: 2, available: 2)
        #expect(Array(controller.keys(for: .replicaSetStatusUpdated(rs), in: cluster)) == [deployment])
        harness.settle()
        let status = cluster.deployments[deployment].status
        #expect(status.replicas == 2 && status.updatedReplicas == 2 && status.readyReplicas == 2 && status.availableReplicas == 2)
        // Available turns True now; Progressing stays True, so its transition stays at 0.
        #expect(
            status.available
                == DeploymentCondition(
                    status: true, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.",
                    lastUpdate: 5_000, lastTransition: 5_000))
        #expect(
            status.progressing
                == DeploymentCondition(
                    status: true, reason: "NewReplicaSetAvailable",
                    message: "ReplicaSet \"\(name)\" has successfully progressed.", lastUpdate: 5_000, lastTransition: 0))
        #expect(cluster.deployments[deployment].rollouts == [RolloutRecord(revision: 1, startedAt: 0, completedAt: 5_000)])

        // The progress check queued by the first sync (at 0 + 600 s + 1 s) finds it complete.
        let fired = harness.run(until: 601_000)
        #expect(fired.timers(of: DeploymentController.self).first == FiredTimer(.requeue(deployment), at: 601_000, .controllers))
        #expect(cluster.deployments[deployment].status == status)
    }

    @Test("no progress for progressDeadlineSeconds turns Progressing False with ProgressDeadlineExceeded, checked 1 s after the deadline")
    func progressDeadline() throws {
        var spec = Build.deployment("web", replicas: 2)
        spec.progressDeadlineSeconds = 60
        let deployment = try createDeployment(spec)
        harness.settle()
        let name = replicaSetName(deployment)

        // Progressing was last updated at 0: the re-check is at 0 + 60 s + 1 s.
        #expect(harness.run(until: 60_999).isEmpty)
        let fired = harness.run(until: 61_000)
        let timers = fired.timers(of: DeploymentController.self)
        #expect(timers.first == FiredTimer(.requeue(deployment), at: 61_000, .controllers))
        #expect(timers.last == FiredTimer(.drain, at: 61_000, .controllers))
        // 0 + 60 s is before 61 s: timed out.
        #expect(
            cluster.deployments[deployment].status.progressing
                == DeploymentCondition(
                    status: false, reason: "ProgressDeadlineExceeded", message: "ReplicaSet \"\(name)\" has timed out progressing.",
                    lastUpdate: 61_000, lastTransition: 61_000))
        #expect(cluster.deployments[deployment].rollouts.last?.timedOutAt == 61_000)
        // Timed out: no further check is queued.
        #expect(harness.run(until: 1_000_000).isEmpty)
    }

    @Test("its own ReplicaSets' changes and its own status writes concern a Deployment; other ReplicaSets' and a RollingUpdate pod's removal do not")
    func keys() throws {
        let rolling = try createDeployment(Build.deployment("web", replicas: 1))
        harness.settle()
        let owned = try #require(cluster.deployments[rolling].replicaSets.first)
        let bare = harness.createReplicaSet("bare", replicas: 1)
        let pod = harness.createPod("web-a", template: cluster.replicaSets[owned].template, owner: .replicaSet(owned))
        harness.discardChanges()

        #expect(Array(controller.keys(for: .replicaSetUpdated(owned), in: cluster)) == [rolling])
        #expect(Array(controller.keys(for: .replicaSetStatusUpdated(owned), in: cluster)) == [rolling])
        #expect(Array(controller.keys(for: .replicaSetUpdated(bare), in: cluster)).isEmpty)
        // A RollingUpdate Deployment does not wait for pods to be gone.
        cluster.remove(pod)
        let removed = try #require(cluster.changes.last)
        #expect(Array(controller.keys(for: removed, in: cluster)).isEmpty)
        // Upstream's updateDeployment handler queues the Deployment on its own status updates too.
        #expect(Array(controller.keys(for: .deploymentStatusUpdated(rolling), in: cluster)) == [rolling])
        #expect(DeploymentController.watches.contains(.deploymentStatusUpdated))
    }
}
