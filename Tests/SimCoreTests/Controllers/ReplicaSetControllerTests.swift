import TestSupport
import Testing

@testable import SimCore

/// The ReplicaSet controller alone (reference §5): a cluster state, a change, a sync, the writes
/// and events it makes.
@Suite("ReplicaSet controller")
struct ReplicaSetControllerTests {
    let controller = ReplicaSetController(seed: 1)
    let harness: ControllerHarness

    init() {
        harness = ControllerHarness(driving: [controller])
        harness.discardChanges()
    }

    var cluster: ClusterState { harness.cluster }

    @Test("a ReplicaSet short of replicas creates the difference, each with a SuccessfulCreate event")
    func createsShortfall() throws {
        let rs = harness.createReplicaSet("web", replicas: 3)
        #expect(Array(controller.keys(for: .replicaSetUpdated(rs), in: cluster)) == [rs])

        let fired = harness.settle()
        // The ReplicaSet's creation queues it and one drain at this instant creates its 3 pods;
        // their podAdded changes queue it once more, and that second drain has nothing to do.
        #expect(fired.timers(of: ReplicaSetController.self) == [FiredTimer(.drain, at: 0, .controllers), FiredTimer(.drain, at: 0, .controllers)])

        let pods = cluster.replicaSets[rs].pods
        #expect(pods.count == 3)
        for pod in pods {
            let record = cluster.pods[pod]
            #expect(record.owner == .replicaSet(rs))
            #expect(record.node == nil && record.phase == .pending)
            // generateName: "<replicaset>-" and 5 characters of upstream's safe alphabet.
            #expect(record.name.hasPrefix("web-") && record.name.count == "web-".count + 5)
            #expect(record.name.dropFirst(4).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        }
        #expect(
            harness.events.lines
                == pods.map { EventLine(.normal, "SuccessfulCreate", "ReplicaSet/default/web", "Created pod: \(cluster.pods[$0].name)") })
        // 3 active pods, none Ready yet.
        #expect(cluster.replicaSets[rs].status == ReplicaSetStatus(replicas: 3, readyReplicas: 0, availableReplicas: 0))
    }

    @Test("one sync creates at most burstReplicas (500) pods; the rest come at the next sync")
    func burstLimit() {
        let rs = harness.createReplicaSet("big", replicas: 600, template: Build.template(app: "big", cpu: 10, memory: nil))
        controller.sync(rs, in: harness.context)
        // 600 wanted, 0 active: min(600 − 0, 500) = 500 this sync.
        #expect(cluster.replicaSets[rs].pods.count == 500)
        #expect(harness.events("SuccessfulCreate").count == 500)
        #expect(cluster.replicaSets[rs].status.replicas == 500)

        // The ReplicaSet's own change and the 500 podAdded changes queue it once (the work queue
        // holds a key once): that drain creates the other 100, whose changes bring one more drain.
        let fired = harness.settle()
        #expect(fired.timers(of: ReplicaSetController.self).count == 2)
        #expect(cluster.replicaSets[rs].pods.count == 600)
        #expect(harness.events("SuccessfulCreate").count == 600)
    }

    @Test("excess pods are deleted in upstream's ranking: unscheduled, then pending, then not Ready, before Ready")
    func deletionRanking() throws {
        let rs = harness.createReplicaSet("web", replicas: 4)
        harness.settle()
        let pods = cluster.replicaSets[rs].pods
        try #require(pods.count == 4)
        let (ready, notReady, pending, unscheduled) = (pods[0], pods[1], pods[2], pods[3])
        harness.setClock(to: 5_000)
        harness.makeRunning(ready, on: harness.node("pool-1"))
        cluster.bind(notReady, to: harness.node("pool-0"), at: 5_000)
        cluster.markStarted(notReady, at: 5_000)
        cluster.markRunning(notReady)
        cluster.bind(pending, to: harness.node("pool-0"), at: 5_000)
        harness.settle()
        let names = pods.map { cluster.pods[$0].name }

        harness.setClock(to: 10_000)
        cluster.scaleReplicaSet(rs, to: 1)
        harness.settle()
        // 4 active, 1 wanted: delete 3, ranked unassigned < Pending < not Ready < Ready.
        #expect(!cluster.pods.contains(unscheduled))  // unbound: gone at once
        #expect(cluster.pods[pending].deletedAt == 10_000)
        #expect(cluster.pods[notReady].deletedAt == 10_000)
        #expect(cluster.pods[ready].deletedAt == nil)
        let deletes = harness.events("SuccessfulDelete")
        #expect(deletes.count == 3)
        #expect(deletes.allSatisfy { $0.object.path == "ReplicaSet/default/web" && $0.type == .normal && $0.time == 10_000 })
        // In ranking order (the unscheduled pod's message is checked in `unscheduledPodNamed`).
        #expect(deletes.dropFirst().map(\.message) == ["Deleted pod: \(names[2])", "Deleted pod: \(names[1])"])
        // Terminating pods no longer count: 1 active, Ready since 5 s, minReadySeconds 0.
        #expect(cluster.replicaSets[rs].status == ReplicaSetStatus(replicas: 1, readyReplicas: 1, availableReplicas: 1))
    }

    @Test("deleting an unscheduled pod names it in the SuccessfulDelete event")
    func unscheduledPodNamed() throws {
        let rs = harness.createReplicaSet("web", replicas: 1)
        harness.settle()
        let pod = try #require(cluster.replicaSets[rs].pods.first)
        let name = cluster.pods[pod].name
        cluster.scaleReplicaSet(rs, to: 0)
        harness.settle()
        // upstream's pod control: Eventf(rs, Normal, "SuccessfulDelete", "Deleted pod: %v", pod.Name).
        #expect(
            harness.events("SuccessfulDelete").lines == [EventLine(.normal, "SuccessfulDelete", "ReplicaSet/default/web", "Deleted pod: \(name)")])
    }

    @Test("with minReadySeconds a Ready pod counts as available only later, and the ReplicaSet is synced again at that moment")
    func minReadySeconds() throws {
        let rs = harness.createReplicaSet("web", replicas: 1, minReadySeconds: 10)
        harness.settle()
        let pod = try #require(cluster.replicaSets[rs].pods.first)

        harness.setClock(to: 2_500)
        harness.makeRunning(pod, on: harness.node("pool-0"))
        let fired = harness.settle()
        #expect(fired.timers(of: ReplicaSetController.self) == [FiredTimer(.drain, at: 2_500, .controllers)])
        #expect(cluster.replicaSets[rs].status == ReplicaSetStatus(replicas: 1, readyReplicas: 1, availableReplicas: 0))

        // Ready at 2.5 s, which the API stores as 2 s; available once 2 s + 10 s is strictly
        // before now: the first such millisecond is 12.001 s.
        #expect(harness.run(until: 12_000).isEmpty)
        #expect(cluster.replicaSets[rs].status.availableReplicas == 0)
        let requeued = harness.run(until: 12_001)
        #expect(
            requeued.timers(of: ReplicaSetController.self) == [
                FiredTimer(.requeue(rs), at: 12_001, .controllers),
                FiredTimer(.drain, at: 12_001, .controllers),
            ])
        #expect(cluster.replicaSets[rs].status == ReplicaSetStatus(replicas: 1, readyReplicas: 1, availableReplicas: 1))
    }

    @Test("a pod change concerns the ReplicaSet that owns it; the ReplicaSet's own status write concerns nobody")
    func keys() throws {
        let rs = harness.createReplicaSet("web", replicas: 1)
        let other = harness.createReplicaSet("api", replicas: 1)
        let owned = harness.createPod("web-owned", owner: .replicaSet(rs))
        let bare = harness.createPod("bare")
        let gone = harness.createPod("api-gone", template: Build.template(app: "api"), owner: .replicaSet(other))
        harness.discardChanges()

        for change: ClusterChange in [.podAdded(owned), .podBound(owned), .podUpdated(owned), .podDeleting(owned)] {
            #expect(Array(controller.keys(for: change, in: cluster)) == [rs])
        }
        #expect(Array(controller.keys(for: .podAdded(bare), in: cluster)).isEmpty)
        // A removed pod is looked up no more: its last state names its owner.
        cluster.remove(gone)
        let removed = try #require(cluster.changes.last)
        #expect(Array(controller.keys(for: removed, in: cluster)) == [other])
        #expect(Array(controller.keys(for: .replicaSetUpdated(other), in: cluster)) == [other])
        #expect(Array(controller.keys(for: .replicaSetStatusUpdated(rs), in: cluster)).isEmpty)
        #expect(Array(controller.keys(for: .nodeUpdated(0), in: cluster)).isEmpty)
        #expect(!ReplicaSetController.watches.contains(.replicaSetStatusUpdated))
        #expect(ReplicaSetController.watches.isSuperset(of: ChangeKinds.pods))
    }
}
