import TestSupport
import Testing

@testable import SimCore

/// The default scheduler's behaviour seen end to end in small runs (invariants checked after
/// every event).
@Suite("Scheduling behaviour")
struct SchedulingBehaviourTests {
    /// A Deployment whose template is changed by `edit`.
    func deployment(_ name: String, replicas: Int32, cpu: Int64 = 100, edit: (inout PodSpec) -> Void) -> DeploymentSpec {
        var spec = Build.deployment(name, replicas: replicas, cpu: cpu)
        edit(&spec.template.spec)
        return spec
    }

    func run(_ setup: SimulationSetup, until time: SimTime) throws -> Simulation {
        let simulation = try Build.simulation(setup)
        simulation.run(until: time)
        #expect(simulation.invariantViolations.isEmpty, "\(simulation.invariantViolations.prefix(3))")
        return simulation
    }

    func zoneCounts(_ simulation: Simulation, workload: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for placement in simulation.placements where placement.workload == workload {
            guard let node = simulation.cluster.node(named: placement.node),
                let zone = simulation.cluster.nodes.zones[Int(node)]
            else { continue }
            counts[simulation.cluster.symbols[zone], default: 0] += 1
        }
        return counts
    }

    @Test("a spread constraint with maxSkew 1 over 3 zones keeps zone counts within 1")
    func zoneSpread() throws {
        // Zone a has four nodes, b and c one each: without the constraint most pods would land in a.
        let spread = TopologySpreadConstraint(
            maxSkew: 1, topologyKey: NodeLabel.zone, whenUnsatisfiable: .doNotSchedule,
            labelSelector: LabelSelector(matchLabels: Labels([("app", "web")])))
        let setup = SimulationSetup(
            name: "spread", duration: 60_000,
            nodePools: [
                Build.pool("a", count: 4, zones: ["zone-a"]), Build.pool("b", count: 1, zones: ["zone-b"]),
                Build.pool("c", count: 1, zones: ["zone-c"]),
            ],
            deployments: [deployment("web", replicas: 10) { $0.topologySpreadConstraints = [spread] }])
        let simulation = try run(setup, until: 60_000)
        let counts = zoneCounts(simulation, workload: "Deployment/default/web")
        #expect(counts.values.reduce(0, +) == 10)
        #expect((counts.values.max() ?? 0) - (counts.values.min() ?? 0) <= 1)
        #expect(counts.count == 3)
    }

    @Test("required anti-affinity on the hostname keeps replicas on distinct nodes; the extra one waits")
    func antiAffinity() throws {
        let term = PodAffinityTerm(labelSelector: LabelSelector(matchLabels: Labels([("app", "db")])), topologyKey: NodeLabel.hostname)
        let setup = SimulationSetup(
            name: "anti", duration: 60_000, nodePools: [Build.pool("pool", count: 4)],
            deployments: [deployment("db", replicas: 5) { $0.podAntiAffinity = PodAffinityRules(required: [term]) }])
        let simulation = try run(setup, until: 60_000)
        let nodes = simulation.placements.map(\.node)
        #expect(nodes.count == 4)
        #expect(Set(nodes).count == 4)
        let failure = simulation.eventLog.first { $0.reason == "FailedScheduling" }?.message ?? ""
        #expect(failure.hasPrefix("0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules."))
    }

    @Test("a high-priority pod preempts the lowest-priority victims and lands on the nominated node")
    func preemption() throws {
        // One node of 4 CPU, filled by "batch" (priority 10, three 1-CPU pods) and "service"
        // (priority 100, one 1-CPU pod). A 2-CPU pod at priority 1000 arrives at 10 s. Removing
        // all four fits it; reprieving by importance keeps the service pod and one batch pod
        // (1 + 1 + 2 = 4 CPU); the other two batch pods are the victims.
        let classes = [
            PriorityClassSpec(name: "low", value: 10), PriorityClassSpec(name: "medium", value: 100),
            PriorityClassSpec(name: "high", value: 1_000),
        ]
        let setup = SimulationSetup(
            name: "preempt", duration: 120_000, nodePools: [Build.pool("pool", count: 1, cpu: 4_000)],
            deployments: [
                deployment("batch", replicas: 3, cpu: 1_000) { $0.priorityClassName = "low" },
                deployment("service", replicas: 1, cpu: 1_000) { $0.priorityClassName = "medium" },
            ],
            priorityClasses: classes)
        let simulation = try Build.simulation(setup)
        simulation.run(until: 10_000)
        var urgent = Build.pod("urgent", cpu: 2_000)
        urgent.spec.priorityClassName = "high"
        #expect(simulation.create(urgent))
        simulation.run(until: 10_000)
        let preempted = simulation.eventLog.filter { $0.reason == "Preempted" }
        #expect(preempted.count == 2)
        #expect(preempted.allSatisfy { $0.object.name.hasPrefix("batch-") && $0.message == "Preempted by pod default/urgent on node pool-0" })
        let id = try #require(simulation.cluster.pod(namespace: "default", name: "urgent"))
        #expect(simulation.cluster.pods[id].nominatedNode == simulation.cluster.node(named: "pool-0"))
        // The victims leave after their 30 s grace period; the urgent pod binds to its nominated
        // node then, ahead of the batch replacements, which the nomination keeps off that space.
        simulation.run(until: 120_000)
        #expect(simulation.invariantViolations.isEmpty)
        let placement = try #require(simulation.placements.first { $0.pod == "default/urgent" })
        #expect(placement.node == "pool-0")
        #expect(placement.time == 40_000)
        #expect(simulation.cluster.unboundPodCount == 2)
    }

    @Test("with a PreferNoSchedule-tainted alternative, a pod lands on the untainted node")
    func preferNoSchedule() throws {
        let setup = SimulationSetup(
            name: "prefer", duration: 10_000,
            nodePools: [
                Build.pool("spot", count: 1, taints: [Taint(key: "spot", value: "true", effect: .preferNoSchedule)]),
                Build.pool("stable", count: 1),
            ],
            deployments: [Build.deployment("web", replicas: 3)])
        let simulation = try run(setup, until: 10_000)
        #expect(simulation.placements.map(\.node) == ["stable-0", "stable-0", "stable-0"])
    }
}
