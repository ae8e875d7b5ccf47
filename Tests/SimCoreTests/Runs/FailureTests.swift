import TestSupport
import Testing

@testable import SimCore

/// Node failures and chaos faults, end to end, with Kubernetes' own timings.
@Suite("Failures")
struct FailureTests {
    /// A 2-replica Deployment on two nodes (one pod each), with `faults`.
    func twoNodes(
        _ faults: [FaultSpec], deployment: DeploymentSpec = Build.deployment("web", replicas: 2), duration: SimTime = 600_000,
        traffic: [TrafficSpec] = [], budgets: [PodDisruptionBudgetSpec] = []
    ) throws -> Simulation {
        let setup = SimulationSetup(
            name: "failures", seed: 7, duration: duration, nodePools: [Build.pool("pool", count: 2)],
            deployments: [deployment], disruptionBudgets: budgets, traffic: traffic, faults: faults)
        let simulation = try Build.simulation(setup)
        return simulation
    }

    /// When the monitor notices a node silent since `time`, worked out from its lease phase: the
    /// last renewal (every 10 s from the phase) is seen at the next 5 s monitor pass, and the node
    /// is Unknown at the first pass more than 50 s after that.
    func expectedNotice(_ simulation: Simulation, node: NodeID, silentAt time: SimTime) -> SimTime {
        let phase = simulation.controllers.nodeLifecycle.state.leasePhase[Int(node)]
        let lastRenewal = phase + (time - phase) / 10_000 * 10_000
        let probe = (lastRenewal + 4_999) / 5_000 * 5_000
        return (probe + 50_000) / 5_000 * 5_000 + 5_000
    }

    @Test("after a node crash its pods are evicted at crash + monitor grace period + 300 s and replaced elsewhere")
    func crashEviction() throws {
        let simulation = try twoNodes([FaultSpec(at: 60_000, action: .nodeCrash(node: "pool-0", duration: nil))])
        simulation.run(until: 600_000)
        #expect(simulation.invariantViolations.isEmpty)
        let notice = expectedNotice(simulation, node: 0, silentAt: 60_000)
        // The grace period runs from the last renewal (less than 10 s before the crash), as the
        // next 5 s pass saw it: the notice comes 55–60 s after that renewal, 45–60 s after the crash.
        #expect(notice > 60_000 + 45_000 && notice < 60_000 + 60_000)
        let notReady = try #require(simulation.eventLog.first { $0.reason == "NodeNotReady" && $0.object.kind == "Node" })
        #expect(notReady.time == notice && notReady.message == "Node pool-0 status is now: NodeNotReady")
        // The NoExecute taint comes at the next monitor pass, 5 s later (the controller queues
        // the node from the condition it observed before the pass), the eviction 300 s after it.
        let eviction = try #require(simulation.eventLog.first { $0.reason == "TaintManagerEviction" })
        #expect(eviction.time == notice + 5_000 + 300_000)
        #expect(eviction.message.hasPrefix("Marking for deletion Pod default/web-"))
        // The replacement runs on pool-1; the evicted pod stays Terminating on the dead node.
        let pods = simulation.cluster.pods.ids
        let onLive = pods.filter { simulation.cluster.pods[$0].node == 1 && simulation.cluster.pods[$0].isReady }
        #expect(onLive.count == 2)
        #expect(pods.filter { simulation.cluster.pods[$0].node == 0 && simulation.cluster.pods[$0].deletedAt != nil }.count == 1)
        // Back to 2 Ready pods when the replacement has started (2 s after the eviction).
        let summary = simulation.summary(wallSeconds: 0)
        #expect(summary.faults.first?.recoverySeconds == Double(notice + 5_000 + 300_000 + 2_000 - 60_000) / 1_000)
    }

    @Test("a pod tolerating node.kubernetes.io/unreachable for 30 s leaves after 30 s instead")
    func shortToleration() throws {
        var deployment = Build.deployment("web", replicas: 2)
        deployment.template.spec.tolerations = [Toleration(key: WellKnownTaint.unreachable, op: .exists, effect: .noExecute, tolerationSeconds: 30)]
        let simulation = try twoNodes([FaultSpec(at: 60_000, action: .nodeCrash(node: "pool-0", duration: nil))], deployment: deployment)
        simulation.run(until: 300_000)
        let notice = expectedNotice(simulation, node: 0, silentAt: 60_000)
        let eviction = try #require(simulation.eventLog.first { $0.reason == "TaintManagerEviction" })
        #expect(eviction.time == notice + 5_000 + 30_000)
    }

    @Test("a node that comes back before it is noticed keeps its pods; one that comes back later has its taints cleared")
    func recovery() throws {
        let quick = try twoNodes([FaultSpec(at: 60_000, action: .nodeCrash(node: "pool-0", duration: 20_000))])
        quick.run(until: 300_000)
        #expect(!quick.eventLog.contains { $0.reason == "NodeNotReady" })
        // The containers restarted: the pod is Ready again with one restart.
        let pod = try #require(quick.cluster.pods.ids.first { quick.cluster.pods[$0].node == 0 })
        #expect(quick.cluster.pods[pod].isReady && quick.cluster.pods[pod].restartCount == 1)

        let slow = try twoNodes([FaultSpec(at: 60_000, action: .nodeCrash(node: "pool-0", duration: 120_000))])
        slow.run(until: 300_000)
        #expect(slow.eventLog.contains { $0.reason == "NodeReady" && $0.time == 180_000 })
        #expect(slow.cluster.nodes.taints[0].isEmpty)
        #expect(!slow.eventLog.contains { $0.reason == "TaintManagerEviction" && $0.message.hasPrefix("Marking") })
        #expect(slow.eventLog.contains { $0.reason == "TaintManagerEviction" && $0.message.hasPrefix("Cancelling deletion of Pod default/web-") })
    }

    @Test("a drain stops at the PodDisruptionBudget's limit until the replacements are Ready")
    func drainRespectsBudget() throws {
        let deployment = Build.deployment("web", replicas: 4)
        let budget = PodDisruptionBudgetSpec(
            meta: ObjectMeta(name: "web"), selector: LabelSelector(matchLabels: Labels([("app", "web")])),
            minAvailable: .int(3))
        let simulation = try twoNodes(
            [FaultSpec(at: 60_000, action: .nodeDrain(node: "pool-0", force: false, uncordonAfter: nil))],
            deployment: deployment, budgets: [budget])
        var fewestReady = Int.max
        simulation.observer = { simulation in
            guard simulation.now >= 60_000 else { return }
            fewestReady = min(fewestReady, simulation.cluster.pods.ids.filter { simulation.cluster.pods[$0].isReady }.count)
        }
        simulation.run(until: 200_000)
        #expect(simulation.invariantViolations.isEmpty)
        // 4 Ready, 3 required: one eviction at a time; the second waits for the first replacement
        // (Ready 2 s later) and goes at the drain's next retry, 5 s after the first.
        #expect(fewestReady == 3)
        let killed = simulation.eventLog.filter { $0.reason == "Killing" }.map(\.time)
        #expect(killed == [60_000, 65_000])
        #expect(simulation.eventLog.filter { $0.reason == "EvictionBlocked" }.map(\.time) == [60_000])
        // The evicted pods leave after their 30 s grace period; then the drain is done.
        #expect(simulation.eventLog.first { $0.reason == "NodeDrained" }?.time == 95_000)
        #expect(simulation.cluster.nodes.pods[0].isEmpty && simulation.cluster.nodes.unschedulable[0])
    }

    @Test("a budget with an empty selector covers every pod of its namespace, and a pod under two budgets cannot be evicted")
    func budgetSelection() throws {
        let everything = PodDisruptionBudgetSpec(meta: ObjectMeta(name: "all"), selector: LabelSelector(), maxUnavailable: .int(1))
        let simulation = try twoNodes([], deployment: Build.deployment("web", replicas: 4), budgets: [everything])
        simulation.run(until: 30_000)
        let budget = simulation.cluster.disruptionBudgets[0]
        // maxUnavailable 1 of the Deployment's 4 replicas (counted once, not per ReplicaSet): 3 desired, 1 allowed.
        let health = simulation.cluster.budgetHealth(budget)
        #expect(health.current == 4 && health.desired == 3 && health.expected == 4)
        #expect(simulation.cluster.disruptionsAllowed(budget) == 1)
        let pods = simulation.cluster.pods.ids.filter { simulation.cluster.pods[$0].isReady }
        #expect(simulation.cluster.evict(pods[0], at: simulation.now) == nil)
        #expect(simulation.cluster.evict(pods[1], at: simulation.now) == .budget)

        let web = PodDisruptionBudgetSpec(
            meta: ObjectMeta(name: "web"), selector: LabelSelector(matchLabels: Labels([("app", "web")])),
            maxUnavailable: .int(2))
        let doubled = try twoNodes([], deployment: Build.deployment("web", replicas: 4), budgets: [everything, web])
        doubled.run(until: 30_000)
        let pod = try #require(doubled.cluster.pods.ids.first { doubled.cluster.pods[$0].isReady })
        #expect(doubled.cluster.evict(pod, at: doubled.now) == .multipleBudgets)
        #expect(
            ClusterState.EvictionRefusal.multipleBudgets.message
                == "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
    }

    @Test("a budget that sets neither minAvailable nor maxUnavailable expects no pods, so it allows no disruption")
    func emptyBudget() throws {
        let neither = PodDisruptionBudgetSpec(meta: ObjectMeta(name: "web"), selector: LabelSelector(matchLabels: Labels([("app", "web")])))
        let simulation = try twoNodes([], budgets: [neither])
        simulation.run(until: 30_000)
        #expect(simulation.cluster.disruptionsAllowed(simulation.cluster.disruptionBudgets[0]) == 0)
    }

    @Test("a random failure of a node another fault holds down does nothing, and its repair does not bring the node back")
    func randomFailureOfDownNode() throws {
        // pool-0 crashes for good at 1 s; from 2 s random failures hit the pool every 10 minutes
        // per node on average.
        let faults = [
            FaultSpec(at: 1_000, action: .nodeCrash(node: "pool-0", duration: nil)),
            FaultSpec(at: 2_000, action: .randomNodeFailures(pool: "pool", mtbf: 10 * Millis.minute, mttr: Millis.minute, until: nil)),
        ]
        let simulation = try twoNodes(faults, duration: 4 * Millis.hour)
        simulation.run(until: 4 * Millis.hour)
        #expect(simulation.cluster.nodes.health[0] == .down)
        #expect(
            !simulation.eventLog.contains {
                ($0.reason == "NodeCrash" || $0.reason == "NodeRepaired") && $0.object.name == "pool-0" && $0.time > 1_000
            })
        #expect(simulation.eventLog.contains { $0.reason == "NodeRepaired" && $0.object.name == "pool-1" })
    }

    @Test("when faults overlap, a node comes back only when the last one holding it ends")
    func overlappingFaults() throws {
        // zone-a (a-0, a-1) is down from 10 s to 110 s; a-0 also crashes from 5 s to 305 s, and
        // a-1 from 20 s to 40 s, inside the outage.
        let faults = [
            FaultSpec(at: 10_000, action: .zoneOutage(zone: "zone-a", duration: 100_000)),
            FaultSpec(at: 5_000, action: .nodeCrash(node: "a-0", duration: 300_000)),
            FaultSpec(at: 20_000, action: .nodeCrash(node: "a-1", duration: 20_000)),
        ]
        let setup = SimulationSetup(
            name: "overlap", seed: 1, duration: 400_000,
            nodePools: [Build.pool("a", count: 2, zones: ["zone-a"]), Build.pool("b", count: 1, zones: ["zone-b"])], faults: faults)
        let simulation = try Simulation(setup)
        simulation.run(until: 60_000)
        #expect(simulation.cluster.nodes.health[0] == .down && simulation.cluster.nodes.health[1] == .down)
        simulation.run(until: 120_000)
        #expect(simulation.cluster.nodes.health[0] == .down && simulation.cluster.nodes.health[1] == .up)
        simulation.run(until: 310_000)
        #expect(simulation.cluster.nodes.health[0] == .up)
        // The crash of a node already down in the outage makes no record of its own.
        #expect(simulation.eventLog.filter { $0.reason == "NodeCrash" }.map(\.object.name) == ["a-0"])
        #expect(simulation.eventLog.filter { $0.reason == "ZoneOutage" }.map(\.object.name) == ["a-1"])
    }

    @Test("a zone outage beyond the unhealthy-zone threshold slows NoExecute tainting to the secondary rate")
    func partialDisruption() throws {
        // zone-a: 60 nodes (above the large-cluster threshold of 50), 40 of them crash (67 % ≥ 55 %).
        let pools = [Build.pool("a", count: 60, zones: ["zone-a"]), Build.pool("b", count: 10, zones: ["zone-b"])]
        let faults = (0..<40).map { FaultSpec(at: 60_000, action: .nodeCrash(node: "a-\($0)", duration: nil)) }
        let setup = SimulationSetup(name: "partial", seed: 3, duration: 900_000, nodePools: pools, faults: faults)
        let simulation = try Simulation(setup)
        var tainted: [SimTime] = []
        var seen = Set<NodeID>()
        let unreachable = simulation.cluster.wellKnown.unreachableTaint
        simulation.observer = { simulation in
            for node in 0..<40
            where !seen.contains(NodeID(node)) && simulation.cluster.hasTaint(key: unreachable, effect: .noExecute, on: NodeID(node)) {
                seen.insert(NodeID(node))
                tainted.append(simulation.now)
            }
        }
        simulation.run(until: 900_000)
        // Once the zone is partially disrupted, one node per 100 s (0.01 nodes/s).
        #expect(tainted.count >= 6)
        let gaps = zip(tainted.dropFirst(), tainted).map { $0 - $1 }
        #expect(gaps.suffix(3).allSatisfy { $0 == 100_000 })
    }

    @Test("random node failures repeat exactly with the same seed and differ with another")
    func randomFailures() throws {
        func failures(seed: UInt64) throws -> [String] {
            let setup = SimulationSetup(
                name: "random", seed: seed, duration: 72 * Millis.hour, nodePools: [Build.pool("pool", count: 5)],
                faults: [FaultSpec(at: 0, action: .randomNodeFailures(pool: "pool", mtbf: 24 * Millis.hour, mttr: Millis.hour, until: nil))])
            let simulation = try Simulation(setup)
            simulation.run(until: 72 * Millis.hour)
            return simulation.eventLog.filter { $0.reason == "NodeCrash" || $0.reason == "NodeRepaired" }.map {
                "\($0.time) \($0.object.name) \($0.reason)"
            }
        }
        let first = try failures(seed: 1)
        #expect(!first.isEmpty)
        #expect(try failures(seed: 1) == first)
        #expect(try failures(seed: 2) != first)
    }

    @Test("pods on a failed node stop serving at once, though the API shows them Ready until the node is noticed")
    func trafficGap() throws {
        let traffic = TrafficSpec(target: .deployment(namespace: "default", name: "web"), rate: .constant(100), cpuPerRequest: 1)
        let simulation = try twoNodes(
            [FaultSpec(at: 60_000, action: .nodeCrash(node: "pool-0", duration: nil))], duration: 200_000,
            traffic: [traffic])
        simulation.run(until: 90_000)
        // Between the crash and the notice, half the requests go to the dead pod and are lost.
        #expect(simulation.controllers.traffic.model.sources[0].endpoints == 2)
        #expect(abs(simulation.controllers.traffic.model.sources[0].served - 50) < 1e-9)
        simulation.run(until: 200_000)
        // Once the pod is marked not Ready, the live pod takes all of them.
        #expect(simulation.controllers.traffic.model.sources[0].endpoints == 1)
        #expect(abs(simulation.controllers.traffic.model.sources[0].served - 100) < 1e-9)
    }
}
