import TestSupport
import Testing

@testable import SimCore

/// Fault injection alone: what each fault does to machines, the API and pods, with its events
/// and fault records.
@Suite("Fault injector")
struct FaultInjectorTests {
    static let pool = Build.pool("pool", count: 2)

    /// A harness over two pool nodes driving a fault injector (with its kubelet) for `faults`,
    /// started: each fault's start is queued.
    func injecting(_ faults: [FaultSpec], withKubelet: Bool = false) -> (ControllerHarness, FaultInjector) {
        let kubelet = Kubelet(nodePools: [Self.pool])
        let injector = FaultInjector(specs: faults, seed: 1, end: 600_000, poolNames: ["pool"], kubelet: kubelet)
        let harness = ControllerHarness(pools: [Self.pool], driving: withKubelet ? [kubelet, injector] : [injector])
        harness.deliverChanges()
        injector.start(in: harness.context)
        return (harness, injector)
    }

    /// ReplicaSet `web` with Running, Ready pods `web-<i>` on the given nodes (no ReplicaSet
    /// controller: the pods stay as they are).
    @discardableResult
    func workload(_ harness: ControllerHarness, on nodes: [NodeID]) -> (ReplicaSetID, [PodID]) {
        let rs = harness.createReplicaSet("web", replicas: Int32(nodes.count))
        let pods = nodes.enumerated().map { index, node in
            let pod = harness.createPod("web-\(index)", template: harness.cluster.replicaSets[rs].template, owner: .replicaSet(rs))
            harness.makeRunning(pod, on: node)
            return pod
        }
        harness.deliverChanges()
        return (rs, pods)
    }

    @Test("a nodeCrash stops the machine (the API does not know yet), records the fault, and brings it back after its duration")
    func nodeCrash() throws {
        let (harness, injector) = injecting([FaultSpec(at: 30_000, action: .nodeCrash(node: "pool-0", duration: 60_000))])
        let start = harness.run(until: 30_000)
        #expect(start.timers(of: FaultInjector.self) == [FiredTimer(.start(0), at: 30_000, .infrastructure)])
        #expect(harness.cluster.nodes.health[0] == .down && harness.cluster.nodes.ready[0])
        let change = try #require(start.first?.changes.first)
        guard case .nodeHealthChanged(0, previous: .up) = change else {
            Issue.record("expected the machine's health change, got \(change)")
            return
        }
        #expect(harness.events.lines == [EventLine(.warning, "NodeCrash", "Node/pool-0", "The machine of node pool-0 stopped")])
        #expect(harness.events.first?.node == "pool-0")
        #expect(injector.records == [FaultRecord(type: "nodeCrash", at: 30_000, target: "pool-0", recoveredAt: nil, tracksRecovery: true)])

        // Back 60 s after it began.
        let end = harness.run(until: 600_000)
        #expect(end.timers(of: FaultInjector.self) == [FiredTimer(.end(0), at: 90_000, .infrastructure)])
        #expect(harness.cluster.nodes.health[0] == .up)
    }

    @Test("a node held by two faults comes back only when both are over, in the state the first gave it")
    func overlappingFaults() {
        let (harness, injector) = injecting([
            FaultSpec(at: 10_000, action: .nodeCrash(node: "pool-0", duration: 60_000)),
            FaultSpec(at: 20_000, action: .networkPartition(node: "pool-0", duration: 100_000)),
        ])
        harness.run(until: 20_000)
        // The partition finds the machine down already: no second record or event.
        #expect(harness.cluster.nodes.health[0] == .down)
        #expect(injector.records.map(\.type) == ["nodeCrash"])
        harness.run(until: 119_999)
        #expect(harness.cluster.nodes.health[0] == .down)
        harness.run(until: 120_000)
        #expect(harness.cluster.nodes.health[0] == .up)
    }

    @Test("a drain cordons the node and evicts through the eviction API, retrying every 5 s the evictions a PodDisruptionBudget refuses")
    func drainWithBudget() throws {
        let (harness, injector) = injecting([FaultSpec(at: 10_000, action: .nodeDrain(node: "pool-0", force: false, uncordonAfter: nil))])
        let cluster = harness.cluster
        let (rs, pods) = workload(harness, on: [0, 0, 1])
        let template = cluster.replicaSets[rs].template
        cluster.addDisruptionBudget(
            PodDisruptionBudgetSpec(
                meta: ObjectMeta(name: "web"), selector: LabelSelector(matchLabels: Labels([("app", "web")])),
                minAvailable: .int(3)))

        harness.run(until: 10_000)
        #expect(cluster.nodes.unschedulable[0] && cluster.hasTaint(key: cluster.wellKnown.unschedulableTaint, effect: .noSchedule, on: 0))
        // 3 healthy, 3 required: no disruption allowed.
        let refusal = "Cannot evict pod as it would violate the pod's disruption budget."
        #expect(
            harness.events.lines == [
                EventLine(.normal, "NodeNotSchedulable", "Node/pool-0", "Node pool-0 status is now: NodeNotSchedulable"),
                EventLine(.normal, "NodeDrain", "Node/pool-0", "Draining node pool-0"),
                EventLine(.warning, "EvictionBlocked", "Pod/default/web-0", refusal),
                EventLine(.warning, "EvictionBlocked", "Pod/default/web-1", refusal),
            ])
        #expect(pods.allSatisfy { cluster.pods[$0].deletedAt == nil })
        #expect(
            injector.records == [FaultRecord(type: "nodeDrain", at: 10_000, target: "pool-0", recoveredAt: nil, tracksRecovery: true, drained: false)]
        )

        // A fourth pod Ready elsewhere: 4 healthy, one disruption allowed at the 15 s retry; the
        // other pod is refused again (already reported: no second event), retried at 20 s.
        harness.setClock(to: 12_000)
        harness.makeRunning(harness.createPod("web-3", template: template, owner: .replicaSet(rs)), on: 1)
        harness.deliverChanges()
        let retry = harness.run(until: 15_000)
        #expect(retry.timers(of: FaultInjector.self) == [FiredTimer(.drainRetry(0), at: 15_000, .infrastructure)])
        #expect(cluster.pods[pods[0]].deletedAt == 15_000 && cluster.pods[pods[0]].disruption == .eviction)
        #expect(cluster.pods[pods[1]].deletedAt == nil)
        #expect(harness.context.log.podsEvicted == 1)
        #expect(harness.events("EvictionBlocked").count == 2)

        // The evicted pod's kubelet is done at 18 s; a fifth pod Ready at 21 s lets the 25 s retry
        // evict the last one; no retry after that.
        harness.run(until: 18_000)
        cluster.remove(pods[0])
        harness.deliverChanges()
        harness.run(until: 21_000)
        harness.makeRunning(harness.createPod("web-4", template: template, owner: .replicaSet(rs)), on: 1)
        harness.deliverChanges()
        let rest = harness.run(until: 60_000)
        #expect(rest.timers(of: FaultInjector.self) == [FiredTimer(.drainRetry(0), at: 25_000, .infrastructure)])
        #expect(cluster.pods[pods[1]].deletedAt == 25_000)

        // The node is drained when its last pod is gone.
        #expect(harness.events("NodeDrained").isEmpty)
        harness.setClock(to: 61_000)
        cluster.remove(pods[1])
        harness.deliverChanges()
        #expect(harness.events.lines.last == EventLine(.normal, "NodeDrained", "Node/pool-0", "Node pool-0 drained"))
        #expect(harness.events.last?.time == 61_000)
    }

    @Test("without force a drain refuses pods no controller owns, as kubectl drain does; with force it evicts them")
    func drainBarePods() throws {
        for force in [false, true] {
            let (harness, _) = injecting([FaultSpec(at: 1_000, action: .nodeDrain(node: "pool-0", force: force, uncordonAfter: 30_000))])
            let bare = harness.createPod("bare")
            harness.makeRunning(bare, on: 0)
            harness.deliverChanges()
            harness.run(until: 1_000)
            #expect(harness.cluster.nodes.unschedulable[0])
            if force {
                #expect(harness.cluster.pods[bare].deletedAt == 1_000)
                #expect(harness.events.map(\.reason) == ["NodeNotSchedulable", "NodeDrain"])
            } else {
                #expect(harness.cluster.pods[bare].deletedAt == nil)
                #expect(
                    harness.events.lines.last
                        == EventLine(
                            .warning, "NodeDrainFailed", "Node/pool-0",
                            "cannot delete Pods that declare no controller (use --force to override): default/bare"))
            }
            // Uncordoned 30 s after the drain began.
            harness.run(until: 31_000)
            #expect(!harness.cluster.nodes.unschedulable[0] && harness.cluster.nodes.taints[0].isEmpty)
            #expect(harness.events.lines.last == EventLine(.normal, "NodeSchedulable", "Node/pool-0", "Node pool-0 status is now: NodeSchedulable"))
        }
    }

    @Test(
        "a pod kill deletes the chosen share of the workload's pods with its own grace period (0 s by default)",
        arguments: [
            PodKillAmount.count(2), .fraction(0.5),
        ])
    func podKill(amount: PodKillAmount) throws {
        let target = WorkloadReference(kind: .replicaSet, namespace: "default", name: "web")
        let (harness, injector) = injecting(
            [FaultSpec(at: 5_000, action: .podKill(target: target, amount: amount, gracePeriod: nil))], withKubelet: true)
        let (_, pods) = workload(harness, on: [0, 1, 1])
        harness.run(until: 5_000)
        // 2 pods, or ceil(0.5 × 3) = 2.
        let killed = pods.filter { !harness.cluster.pods.contains($0) || harness.cluster.pods[$0].deletedAt != nil }
        #expect(killed.count == 2)
        #expect(harness.events("PodKill").count == 2)
        #expect(
            harness.events("PodKill").allSatisfy { event in
                event.type == .warning && event.message == "Pod \(event.object.namespace)/\(event.object.name) killed by a fault"
                    && event.time == 5_000
            })
        // Grace period 0: the kubelet removes them at once.
        #expect(killed.allSatisfy { !harness.cluster.pods.contains($0) })
        #expect(
            injector.records == [FaultRecord(type: "podKill", at: 5_000, target: "ReplicaSet/default/web", recoveredAt: nil, tracksRecovery: true)])
    }
}
