import TestSupport
import Testing

@testable import SimCore

/// Small simulations asserting behaviour seen in their outputs; every one checks the cluster
/// invariants after each event.
@Suite("Cluster runs")
struct ClusterRunTests {
    @Test("taints keep pods off nodes: untolerating pods land only on the untainted pool")
    func taintsKeepPodsOff() throws {
        let gpu = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)
        let setup = SimulationSetup(
            name: "taints", duration: 60_000,
            nodePools: [Build.pool("gpu", count: 3, taints: [gpu]), Build.pool("general", count: 2)],
            deployments: [
                Build.deployment("web", replicas: 8),
                Build.deployment(
                    "trainer", replicas: 3, nodeSelector: [(NodeLabel.nodePool, "gpu")],
                    tolerations: [Toleration(key: "dedicated", value: "gpu")]),
            ])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 60_000)
        #expect(simulation.invariantViolations.isEmpty)
        let placements = simulation.placements
        #expect(placements.filter { $0.workload == "Deployment/default/web" }.allSatisfy { $0.node.hasPrefix("general-") })
        #expect(placements.filter { $0.workload == "Deployment/default/trainer" }.allSatisfy { $0.node.hasPrefix("gpu-") })
        #expect(placements.count == 11)
    }

    @Test("a pod that fits nowhere gets a FailedScheduling event with upstream's message and stays pending")
    func failedScheduling() throws {
        let gpu = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)
        let setup = SimulationSetup(
            name: "pending", duration: 60_000,
            nodePools: [Build.pool("small", count: 3, cpu: 500), Build.pool("gpu", count: 2, cpu: 8_000, taints: [gpu])],
            pods: [Build.pod("big", cpu: 1_000)])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 60_000)
        let failures = simulation.eventLog.filter { $0.reason == "FailedScheduling" }
        #expect(
            failures.first?.message == "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. "
                + "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..")
        #expect(failures.first?.type == .warning)
        // Nothing changes in the cluster, so the pod waits in the unschedulable pool: one attempt only.
        #expect(failures.count == 1)
        #expect(simulation.cluster.unboundPodCount == 1)
        #expect(simulation.invariantViolations.isEmpty)
    }

    @Test("a pending pod is retried by the 5-minute flush even when nothing changes")
    func retriedAfterCapacityFrees() throws {
        let setup = SimulationSetup(
            name: "wait", duration: 600_000, nodePools: [Build.pool("only", count: 1, cpu: 1_000)],
            pods: [Build.pod("second", cpu: 800)], deployments: [Build.deployment("first", replicas: 1, cpu: 800)])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 1_000)
        #expect(simulation.cluster.unboundPodCount == 1)
        // The 5-minute flush (every 30 s, pods unschedulable for more than 5 min) retries it: at 330 s.
        simulation.run(until: 600_000)
        #expect(simulation.eventLog.filter { $0.reason == "FailedScheduling" }.map { $0.time } == [0, 330_000])
        #expect(simulation.invariantViolations.isEmpty)
    }

    @Test("pods start after their pool's startup delay and become available after minReadySeconds")
    func startupAndMinReady() throws {
        let setup = SimulationSetup(
            name: "ready", duration: 60_000, nodePools: [Build.pool("pool", count: 2, podStartupDelay: 3_000)],
            deployments: [Build.deployment("web", replicas: 4, minReadySeconds: 10)])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 2_999)
        #expect(simulation.cluster.runningPodCount == 0)
        simulation.run(until: 3_000)
        #expect(simulation.cluster.runningPodCount == 4)
        // Ready at 3 s; available once 3 s + 10 s is strictly in the past: from 13.001 s.
        simulation.run(until: 13_000)
        #expect(simulation.cluster.deployments[0].status.availableReplicas == 0)
        simulation.run(until: 13_001)
        #expect(simulation.cluster.deployments[0].status.availableReplicas == 4)
        #expect(simulation.invariantViolations.isEmpty)
    }

    @Test("a pod naming its node bypasses the scheduler; the kubelet rejects it when it does not fit")
    func nodeNameAdmission() throws {
        let setup = SimulationSetup(
            name: "nodename", duration: 10_000, nodePools: [Build.pool("pool", count: 2, cpu: 1_000)],
            pods: [Build.pod("pinned", cpu: 200, nodeName: "pool-1"), Build.pod("too-big", cpu: 2_000, nodeName: "pool-0")])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 10_000)
        let pinned = try #require(simulation.cluster.pod(namespace: "default", name: "pinned"))
        #expect(simulation.cluster.pods[pinned].node == simulation.cluster.node(named: "pool-1"))
        let rejected = try #require(simulation.cluster.pod(namespace: "default", name: "too-big"))
        #expect(simulation.cluster.pods[rejected].phase == .failed)
        #expect(simulation.eventLog.contains { $0.reason == "OutOfcpu" && $0.object.name == "too-big" })
        #expect(!simulation.eventLog.contains { $0.reason == "Scheduled" })
        #expect(simulation.invariantViolations.isEmpty)
    }

    @Test("the same setup and seed give byte-identical outputs")
    func determinism() throws {
        let setup = SimulationSetup(
            name: "determinism", seed: 9, duration: 600_000,
            nodePools: [Build.pool("a", count: 4, zones: ["z1", "z2"]), Build.pool("b", count: 3, cpu: 2_000)],
            deployments: (0..<5).map { Build.deployment("app-\($0)", replicas: Int32(3 + $0), cpu: 150 * Int64($0 + 1)) })
        func outputs() throws -> RunResult {
            let simulation = try Simulation(setup)
            simulation.run(until: setup.duration)
            return simulation.result(wallSeconds: 0)
        }
        #expect(try outputs() == outputs())
    }

    @Test("the scheduler spreads identical replicas over identical nodes")
    func spreading() throws {
        let setup = SimulationSetup(
            name: "spread", duration: 10_000, nodePools: [Build.pool("pool", count: 4)],
            deployments: [Build.deployment("web", replicas: 8, cpu: 500)])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 10_000)
        // LeastAllocated and BalancedAllocation favour the emptiest node: two pods per node.
        let perNode = Dictionary(grouping: simulation.placements, by: \.node).mapValues(\.count)
        #expect(perNode.values.sorted() == [2, 2, 2, 2])
    }
}
