import TestSupport
import Testing

@testable import SimCore

/// The node lifecycle controller alone (reference §6.2–6.4): silent machines noticed through
/// their leases, the Unknown condition, taints, events and the rate-limited NoExecute tainting.
@Suite("Node lifecycle controller")
struct NodeLifecycleControllerTests {
    let controller = NodeLifecycleController(seed: 7)

    /// A harness with `count` pool nodes whose leases the controller has registered.
    func cluster(nodes count: Int, kubelet: Kubelet? = nil) -> ControllerHarness {
        let pools = [Build.pool("pool", count: count)]
        let controllers: [any DrivenController] = (kubelet.map { [$0] } ?? []) + [controller]
        let harness = ControllerHarness(pools: pools, driving: controllers)
        harness.deliverChanges()
        return harness
    }

    /// When the controller notices a node silent since `time`, worked out from upstream's rules:
    /// the kubelet renews its lease every 10 s from its phase; the monitor, every 5 s, takes the
    /// last renewal before the silence as its probe time at the next pass; the node is Unknown at
    /// the first pass where now > probe + 50 s.
    func noticeTime(of node: NodeID, silentAt time: SimTime) -> SimTime {
        let phase = controller.state.leasePhase[Int(node)]
        let lastRenewal = time < phase ? phase - 10_000 : phase + (time - phase) / 10_000 * 10_000
        let probe = (max(lastRenewal, 0) + 4_999) / 5_000 * 5_000
        return (probe + 50_000) / 5_000 * 5_000 + 5_000
    }

    func unreachable(_ effect: TaintEffect, _ harness: ControllerHarness) -> CompiledTaint {
        CompiledTaint(key: harness.cluster.wellKnown.unreachableTaint, value: harness.cluster.wellKnown.empty, effect: effect)
    }

    @Test(
        "a silent machine is marked NotReady at the first 5 s pass more than 50 s after its last lease renewal, with the unreachable NoSchedule taint and NodeNotReady events"
    )
    func notReady() throws {
        let harness = cluster(nodes: 2)
        let pod = harness.createPod("web-0")
        harness.makeRunning(pod, on: 0)
        harness.setClock(to: 60_000)
        harness.cluster.setHealth(.down, of: 0)
        harness.deliverChanges()
        let notice = noticeTime(of: 0, silentAt: 60_000)
        // The last renewal is less than 10 s before the silence; the notice 55–60 s after it.
        #expect(notice > 60_000 + 45_000 && notice <= 60_000 + 60_000)

        // Monitor passes every 5 s from the next multiple of 5 s; nothing to see before the notice.
        let before = harness.run(until: notice - 1)
        #expect(
            before.timers(of: NodeLifecycleController.self)
                == Array(stride(from: 65_000, to: notice, by: 5_000)).map {
                    FiredTimer(.monitor, at: $0, .controllers)
                })
        #expect(harness.events.isEmpty && harness.cluster.nodes.ready[0])

        harness.run(until: notice)
        #expect(
            harness.events.lines == [
                EventLine(.normal, "NodeNotReady", "Node/pool-0", "Node pool-0 status is now: NodeNotReady"),
                EventLine(.warning, "NodeNotReady", "Pod/default/web-0", "Node is not ready"),
            ])
        #expect(harness.events.allSatisfy { $0.time == notice && $0.node == "pool-0" })
        #expect(!harness.cluster.nodes.ready[0] && harness.cluster.nodes.readyTransition[0] == notice)
        #expect(harness.cluster.nodes.taints[0] == [unreachable(.noSchedule, harness)])
        #expect(!harness.cluster.pods[pod].isReady && harness.cluster.pods[pod].readyTransition == notice)
        #expect(harness.cluster.nodes.ready[1] && harness.cluster.nodes.taints[1].isEmpty)

        // The NoExecute taint: queued at the next pass (the condition it reads is the one seen
        // before this pass), tainted at once — the zone's bucket has its token.
        let next = harness.run(until: notice + 5_000)
        #expect(
            next.timers(of: NodeLifecycleController.self) == [
                FiredTimer(.monitor, at: notice + 5_000, .controllers),
                FiredTimer(.taintingPass, at: notice + 5_000, .controllers),
            ])
        #expect(harness.cluster.nodes.taints[0] == [unreachable(.noSchedule, harness), unreachable(.noExecute, harness)])
    }

    @Test("a machine coming back loses the unreachable NoSchedule taint as its kubelet posts Ready, and the NoExecute taint at the next pass")
    func comesBack() throws {
        let kubelet = Kubelet(nodePools: [Build.pool("pool", count: 2)])
        let harness = cluster(nodes: 2, kubelet: kubelet)
        harness.setClock(to: 60_000)
        harness.cluster.setHealth(.down, of: 0)
        harness.deliverChanges()
        let notice = noticeTime(of: 0, silentAt: 60_000)
        harness.run(until: notice + 5_000)
        try #require(harness.cluster.nodes.taints[0] == [unreachable(.noSchedule, harness), unreachable(.noExecute, harness)])

        let back = notice + 12_345
        harness.run(until: back)
        harness.cluster.setHealth(.up, of: 0)
        harness.deliverChanges()
        #expect(harness.cluster.nodes.ready[0])
        #expect(harness.events.lines.last == EventLine(.normal, "NodeReady", "Node/pool-0", "Node pool-0 status is now: NodeReady"))
        #expect(harness.cluster.nodes.taints[0] == [unreachable(.noExecute, harness)])

        // The next monitor pass, on the 5 s grid, finds the node Ready and marks it reachable.
        let pass = (back / 5_000 + 1) * 5_000
        harness.run(until: pass - 1)
        #expect(harness.cluster.nodes.taints[0] == [unreachable(.noExecute, harness)])
        harness.run(until: pass)
        #expect(harness.cluster.nodes.taints[0].isEmpty)
        // Nothing is silent any more: the monitor stops.
        #expect(harness.run(until: pass + 3_600_000).timers(of: NodeLifecycleController.self).isEmpty)
    }

    @Test("a machine back before it is noticed leaves no trace, and the monitor stops at the next pass")
    func backBeforeNotice() {
        let harness = cluster(nodes: 2)
        harness.setClock(to: 60_000)
        harness.cluster.setHealth(.down, of: 0)
        harness.deliverChanges()
        harness.run(until: 67_000)
        harness.cluster.setHealth(.up, of: 0)
        harness.deliverChanges()
        let fired = harness.run(until: 600_000)
        // Passes at 65 s (still silent, still watching) and 70 s (back: nothing left to watch).
        #expect(fired.timers(of: NodeLifecycleController.self) == [FiredTimer(.monitor, at: 70_000, .controllers)])
        #expect(harness.events.isEmpty)
        #expect(harness.cluster.nodes.ready[0] && harness.cluster.nodes.taints[0].isEmpty)
    }

    @Test("NoExecute tainting in a zone is rate-limited to one node every 10 s")
    func taintingRate() throws {
        let harness = cluster(nodes: 3)
        harness.setClock(to: 60_000)
        harness.cluster.setHealth(.down, of: 0)
        harness.cluster.setHealth(.down, of: 1)
        harness.deliverChanges()
        // 2 of 3 nodes not Ready: not more than 2, so the zone stays Normal, at 0.1 node/s.
        // Each is queued at the pass after its notice; the first queued is tainted then, the
        // second no sooner than 10 s after the first (both times fall on the 100 ms grid).
        let queued = [NodeID(0), NodeID(1)].map { (node: $0, at: noticeTime(of: $0, silentAt: 60_000) + 5_000) }
            .sorted { ($0.at, $0.node) < ($1.at, $1.node) }
        let tainted = [(queued[0].node, queued[0].at), (queued[1].node, max(queued[1].at, queued[0].at + 10_000))]
        for (node, time) in tainted {
            harness.run(until: time - 1)
            #expect(!harness.cluster.hasTaint(key: harness.cluster.wellKnown.unreachableTaint, effect: .noExecute, on: node))
            harness.run(until: time)
            #expect(harness.cluster.hasTaint(key: harness.cluster.wellKnown.unreachableTaint, effect: .noExecute, on: node))
        }
        #expect(harness.cluster.nodes.taints[2].isEmpty)
    }

    @Test("with every node of the only zone silent (full disruption) the controller taints none NoExecute")
    func fullDisruption() {
        let harness = cluster(nodes: 2)
        harness.setClock(to: 60_000)
        harness.cluster.setHealth(.down, of: 0)
        harness.cluster.setHealth(.down, of: 1)
        harness.deliverChanges()
        let last = max(noticeTime(of: 0, silentAt: 60_000), noticeTime(of: 1, silentAt: 60_000))
        harness.run(until: last + 60_000)
        // Both are NotReady with the NoSchedule taint, but once no node of any zone is Ready,
        // upstream assumes the fault is its own: NoExecute taints are removed and none is added.
        #expect(harness.events("NodeNotReady").map(\.object.name).sorted() == ["pool-0", "pool-1"])
        for node in 0..<2 {
            #expect(!harness.cluster.nodes.ready[node])
            #expect(harness.cluster.nodes.taints[node] == [unreachable(.noSchedule, harness)])
        }
    }
}
