import Testing
@testable import SimCore
import TestSupport

/// Upstream's priorities: negPriority, lowPriority, midPriority, highPriority, veryHighPriority.
private enum Priority {
    static let neg: Int32 = -100
    static let low: Int32 = 0
    static let mid: Int32 = 100
    static let high: Int32 = 1_000
    static let veryHigh: Int32 = 10_000
}

/// Upstream's request sizes: smallRes … veryLargeRes, the same number of millicores and bytes.
private enum Size {
    static let small: Int64 = 100
    static let medium: Int64 = 200
    static let large: Int64 = 300
    static let veryLarge: Int64 = 500
}

extension ClusterFixture {
    /// A node of upstream's `veryLargeRes` capacity (500m cpu, 500 bytes) with 32 pod slots unless told.
    @discardableResult
    fileprivate mutating func preemptionNode(_ name: String, cpu: Int64 = Size.veryLarge, memory: Int64 = Size.veryLarge,
                                             pods: Int64 = ClusterFixture.upstreamPodSlots, labels: [(String, String)] = [],
                                             taints: [Taint] = []) -> NodeID {
        bareNode(name, labels: [(NodeLabel.hostname, name)] + labels, taints: taints, capacity: Resources(cpu: cpu, memory: memory, pods: pods))
    }

    /// A pod of `priority` (`spec.priority`) requesting `size` millicores and bytes (nothing when
    /// nil). A bound pod is Ready, and started `startedAt` seconds into the run when given.
    @discardableResult
    fileprivate mutating func priorityPod(_ priority: Int32, size: Int64? = nil, labels: [(String, String)] = [], startedAt seconds: Int64? = nil,
                                          spec base: PodSpec = PodSpec(containers: []), on node: NodeID? = nil) -> PodID {
        var spec = base
        spec.priority = priority
        if let size { spec.containers = [ClusterFixture.container(cpu: size, memory: size)] }
        let pod = addPod(spec, labels: labels, on: node)
        if node != nil { cluster.setReady(pod, true, at: 0) }
        if let seconds { cluster.markStarted(pod, at: seconds * 1_000) }
        return pod
    }

    /// The node and victims of the preemption a scheduling cycle chooses for `pod`, nil if none.
    fileprivate mutating func preemption(for pod: PodID, configuration: SchedulerConfiguration = SchedulerConfiguration())
        -> (node: NodeID, victims: [PodID])? {
        unschedulable(pod, configuration: configuration)?.preemption.map { ($0.node, $0.victims) }
    }
}

/// Ports `TestSelectBestCandidate`, `TestDryRunPreemption` and `TestPostFilter` from upstream's
/// `pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go` through the full
/// scheduling cycle with the default profile: the pod fits nowhere, DefaultPreemption removes the
/// lower-priority pods of each candidate node, reprieves the most important ones that still let it
/// fit, and picks the node with the fewest PDB violations, then the lowest highest victim priority,
/// the smallest Σ(priority + 2³¹), the fewest victims and the latest earliest start of the
/// highest-priority victims. Unless told, nodes hold 500m cpu and 500 bytes, so a pod of
/// `veryLargeRes` needs a node emptied of every pod with requests. Upstream's start times are
/// nanoseconds; the API keeps seconds, so these ports use seconds.
@Suite("Upstream DefaultPreemption")
struct UpstreamDefaultPreemptionTests {
    @Test("choice — upstream cases \"a pod that fits on both nodes when lower priority pods are preempted\" (TestSelectBestCandidate, TestDryRunPreemption)")
    func eitherNode() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let node2 = fixture.preemptionNode("node2")
        let p1 = fixture.priorityPod(Priority.mid, size: Size.large, startedAt: 0, on: node1)
        let p2 = fixture.priorityPod(Priority.mid, size: Size.large, startedAt: 0, on: node2)
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // 300 + 300 > 500 on each node; evicting its mid pod makes room. The candidates tie on every
        // criterion, so the dry run's random offset decides.
        #expect([node1: [p1], node2: [p2]][chosen.node] == chosen.victims)
    }

    /// Nodes of `veryLargeRes` (node1, node2, …) holding the given (priority, size, start seconds) pods each.
    private func nodesWithPods(_ fixture: inout ClusterFixture, _ pods: [[(Int32, Int64, Int64)]]) -> [[PodID]] {
        pods.enumerated().map { index, nodePods in
            let node = fixture.preemptionNode("node\(index + 1)")
            return nodePods.map { fixture.priorityPod($0.0, size: $0.1, startedAt: $0.2, on: node) }
        }
    }

    @Test("choice — upstream TestSelectBestCandidate case \"node with min highest priority pod is picked\"")
    func lowestHighestPriority() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.medium, 0), (Priority.mid, Size.large, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.low, Size.medium, 0)],
                                         [(Priority.low, Size.medium, 0), (Priority.low, Size.medium, 0)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Every pod must go (500 leaves no room). Highest victim priority: 100, 100, 0 → node3.
        #expect(chosen.node == 2)
        #expect(Set(chosen.victims) == Set(pods[2]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"when highest priorities are the same, minimum sum of priorities is picked\"")
    func smallestPrioritySum() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.medium, 0), (Priority.mid, Size.large, 0)],
                                         [(Priority.mid, Size.large, 0), (Priority.low, Size.medium, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.mid, Size.medium, 0)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Highest 100 everywhere; Σ(priority + 2³¹): 200 + 2 × 2³¹, 100 + 2 × 2³¹, 200 + 2 × 2³¹ → node2.
        #expect(chosen.node == 1)
        #expect(Set(chosen.victims) == Set(pods[1]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"when highest priority and sum are the same, minimum number of pods is picked\"")
    func fewestVictims() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.small, 0), (Priority.neg, Size.small, 0), (Priority.mid, Size.small, 0),
                                          (Priority.neg, Size.small, 0)],
                                         [(Priority.mid, Size.large, 0), (Priority.neg, Size.medium, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.neg, Size.small, 0), (Priority.low, Size.small, 0)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Highest 100 everywhere; the raw sums are all 0, but each victim adds 2³¹:
        // 4 × 2³¹, 2 × 2³¹, 3 × 2³¹ → node2, the node with the fewest victims.
        #expect(chosen.node == 1)
        #expect(Set(chosen.victims) == Set(pods[1]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"sum of adjusted priorities is considered\"")
    func adjustedSum() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.small, 0), (Priority.neg, Size.small, 0), (Priority.neg, Size.small, 0)],
                                         [(Priority.mid, Size.large, 0), (Priority.neg, Size.medium, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.neg, Size.small, 0), (Priority.low, Size.small, 0)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Raw sums −100, 0, 0 would pick node1; adjusted: −100 + 3 × 2³¹, 0 + 2 × 2³¹, 0 + 3 × 2³¹ → node2.
        #expect(chosen.node == 1)
        #expect(Set(chosen.victims) == Set(pods[1]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"non-overlapping lowest high priority, sum priorities, and number of pods\"")
    func nonOverlappingCriteria() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.small, 0), (Priority.low, Size.small, 0), (Priority.low, Size.small, 0)],
                                         [(Priority.high, Size.large, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.low, Size.small, 0), (Priority.low, Size.small, 0),
                                          (Priority.low, Size.medium, 0)],
                                         [(Priority.mid, Size.medium, 0), (Priority.mid, Size.small, 0), (Priority.mid, Size.small, 0),
                                          (Priority.neg, Size.small, 0)]])
        let pod = fixture.priorityPod(Priority.veryHigh, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Highest victim priority 100, 1000, 100, 100 drops node2; sums 100 + 3 × 2³¹,
        // 100 + 4 × 2³¹, 200 + 4 × 2³¹ → node1.
        #expect(chosen.node == 0)
        #expect(Set(chosen.victims) == Set(pods[0]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"same priority, same number of victims, different start time for each node's pod\"")
    func latestStartPerNode() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.medium, 2), (Priority.mid, Size.medium, 2)],
                                         [(Priority.mid, Size.medium, 3), (Priority.mid, Size.medium, 3)],
                                         [(Priority.mid, Size.medium, 1), (Priority.mid, Size.medium, 1)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Everything ties up to the earliest start of the highest-priority victims: 2 s, 3 s, 1 s;
        // the latest, node2, loses the least work.
        #expect(chosen.node == 1)
        #expect(Set(chosen.victims) == Set(pods[1]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"same priority, same number of victims, different start time for all pods\"")
    func latestStartAllPods() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.mid, Size.medium, 4), (Priority.mid, Size.medium, 2)],
                                         [(Priority.mid, Size.medium, 5), (Priority.mid, Size.medium, 1)],
                                         [(Priority.mid, Size.medium, 3), (Priority.mid, Size.medium, 6)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Earliest starts 2 s, 1 s, 3 s → node3.
        #expect(chosen.node == 2)
        #expect(Set(chosen.victims) == Set(pods[2]))
    }

    @Test("choice — upstream TestSelectBestCandidate case \"different priority, same number of victims, different start time for all pods\"")
    func latestStartOfHighestPriority() throws {
        var fixture = ClusterFixture()
        let pods = nodesWithPods(&fixture, [[(Priority.low, Size.medium, 4), (Priority.mid, Size.medium, 2)],
                                         [(Priority.mid, Size.medium, 6), (Priority.low, Size.medium, 1)],
                                         [(Priority.low, Size.medium, 3), (Priority.mid, Size.medium, 5)]])
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Only the mid victims' starts count: 2 s, 6 s, 5 s → node2.
        #expect(chosen.node == 1)
        #expect(Set(chosen.victims) == Set(pods[1]))
    }

    // MARK: Victim selection (TestDryRunPreemption)

    @Test("victims — upstream TestDryRunPreemption case \"a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen\"")
    func noLowerPriorityPods() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let node2 = fixture.preemptionNode("node2")
        fixture.priorityPod(Priority.mid, size: Size.large, on: node1)
        fixture.priorityPod(Priority.mid, size: Size.large, on: node2)
        let pod = fixture.priorityPod(Priority.low, size: Size.large)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."))
    }

    @Test("victims — upstream TestDryRunPreemption case \"medium priority pod is preempted, but lower priority one stays as it is small\"")
    func smallLowPriorityPodStays() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let node2 = fixture.preemptionNode("node2")
        fixture.priorityPod(Priority.low, size: Size.small, on: node1)
        let p12 = fixture.priorityPod(Priority.mid, size: Size.large, on: node1)
        let p2 = fixture.priorityPod(Priority.mid, size: Size.large, on: node2)
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // node1: with both removed 300 fits; reprieving p1.2 (mid) gives 600 > 500, so it goes;
        // reprieving p1.1 (low) gives 400, so it stays. node2: p2 goes. The two candidates tie.
        #expect([node1: [p12], node2: [p2]][chosen.node] == chosen.victims)
    }

    @Test("victims — upstream TestDryRunPreemption case \"mixed priority pods are preempted\"")
    func mixedPriorities() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let node2 = fixture.preemptionNode("node2")
        fixture.priorityPod(Priority.mid, size: Size.small, on: node1)
        let p12 = fixture.priorityPod(Priority.low, size: Size.small, on: node1)
        let p13 = fixture.priorityPod(Priority.mid, size: Size.medium, on: node1)
        fixture.priorityPod(Priority.high, size: Size.small, on: node1)
        fixture.priorityPod(Priority.high, size: Size.large, on: node2)
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // node1 keeps p1.4 (high, 100): 400 with the pod. Reprieves, most important first: p1.3
        // (mid, 200) → 600, victim; p1.1 (mid, 100) → 500, stays; p1.2 (low, 100) → 600, victim.
        // node2 holds no lower-priority pod. Victims most important first.
        #expect(chosen.node == node1)
        #expect(chosen.victims == [p13, p12])
    }

    @Test("victims — upstream TestDryRunPreemption case \"mixed priority pods are preempted, pick later StartTime one when priorities are equal\"")
    func laterStartIsVictim() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let node2 = fixture.preemptionNode("node2")
        let p11 = fixture.priorityPod(Priority.low, size: Size.small, startedAt: 5, on: node1)
        fixture.priorityPod(Priority.low, size: Size.small, startedAt: 4, on: node1)
        let p13 = fixture.priorityPod(Priority.mid, size: Size.medium, startedAt: 3, on: node1)
        fixture.priorityPod(Priority.high, size: Size.small, startedAt: 2, on: node1)
        fixture.priorityPod(Priority.high, size: Size.large, startedAt: 1, on: node2)
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Reprieves: p1.3 (mid) → 600, victim; p1.2 (low, started earlier) → 500, stays;
        // p1.1 (low, started later) → 600, victim.
        #expect(chosen.node == node1)
        #expect(chosen.victims == [p13, p11])
    }

    @Test("victims — upstream TestDryRunPreemption case \"pod with anti-affinity is preempted\"")
    func antiAffinityVictim() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let anti = PodSpec(containers: [], podAntiAffinity: PodAffinityRules(required: [
            PodAffinityTerm(labelSelector: LabelSelector(matchExpressions: [SelectorRequirement(key: "foo", op: .exists)]),
                            topologyKey: NodeLabel.hostname),
        ]))
        let p11 = fixture.priorityPod(Priority.low, size: Size.small, labels: [("foo", "")], spec: anti, on: node1)
        fixture.priorityPod(Priority.mid, size: Size.small, on: node1)
        fixture.priorityPod(Priority.high, size: Size.small, on: node1)
        let pod = fixture.priorityPod(Priority.high, size: Size.small, labels: [("foo", "")])
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Upstream's node2 (one high pod, room to spare) is left out: a full cycle would simply bind
        // there, and the dry run finds no victims on it. On node1, p1.1's anti-affinity rejects the
        // pod; p1.2 (mid) is reprieved, p1.1 is not.
        #expect(chosen.node == node1)
        #expect(chosen.victims == [p11])
    }

    @Test("victims — upstream TestDryRunPreemption case \"preemption to resolve pod topology spread filter failure\"")
    func topologySpreadVictims() throws {
        var fixture = ClusterFixture()
        let nodeA = fixture.bareNode("node-a", labels: [("hostname", "node-a"), ("zone", "zone1")])
        let nodeB = fixture.bareNode("node-b", labels: [("hostname", "node-b"), ("zone", "zone1")])
        let nodeX = fixture.bareNode("node-x", labels: [("hostname", "node-x"), ("zone", "zone2")])
        let foo = [("foo", "")]
        fixture.priorityPod(Priority.mid, labels: foo, on: nodeA)
        let a2 = fixture.priorityPod(Priority.low, labels: foo, on: nodeA)
        let b1 = fixture.priorityPod(Priority.low, labels: foo, on: nodeB)
        fixture.priorityPod(Priority.high, labels: foo, on: nodeX)
        fixture.priorityPod(Priority.high, labels: foo, on: nodeX)
        let selector = LabelSelector(matchExpressions: [SelectorRequirement(key: "foo", op: .exists)])
        let spread = PodSpec(containers: [], topologySpreadConstraints: [
            TopologySpreadConstraint(maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: .doNotSchedule, labelSelector: selector),
            TopologySpreadConstraint(maxSkew: 1, topologyKey: "hostname", whenUnsatisfiable: .doNotSchedule, labelSelector: selector),
        ])
        let pod = fixture.priorityPod(Priority.high, labels: foo, spec: spread)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Zones 3/2 and hosts 2/1/2 reject every node. node-a without a2: zones 2/2, hosts 1/1/2 →
        // fits (a1 is reprieved, a2 is not). node-b without b1: zones 2/2, hosts 2/0/2 → fits.
        // node-x has no lower-priority pod. The two candidates tie.
        #expect([nodeA: [a2], nodeB: [b1]][chosen.node] == chosen.victims)
    }

    @Test("victims — upstream TestDryRunPreemption case \"preemption with violation of same pdb\"")
    func sameBudgetVictims() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1")
        let app = [("app", "foo")]
        let p11 = fixture.priorityPod(Priority.mid, size: Size.medium, labels: app, on: node1)
        let p12 = fixture.priorityPod(Priority.mid, size: Size.medium, labels: app, on: node1)
        // Two Ready pods and minAvailable 1: one disruption allowed, as upstream's status says.
        fixture.addBudget("pdb", matching: app, minAvailable: 1)
        let pod = fixture.priorityPod(Priority.high, size: Size.veryLarge)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // Both must go (one of them violates the budget).
        #expect(chosen.node == node1)
        #expect(Set(chosen.victims) == [p11, p12])
    }

    @Test("choice — upstream TestDryRunPreemption case \"preemption looks past numCandidates until a non-PDB violating node is found\"")
    func nonViolatingCandidate() throws {
        var fixture = ClusterFixture()
        let app = [("app", "foo")]
        var pods: [PodID] = []
        for index in 1...5 {
            let node = fixture.preemptionNode("node\(index)")
            pods.append(fixture.priorityPod(Priority.mid, size: Size.large, labels: [1, 2, 5].contains(index) ? app : [], on: node))
        }
        // Three matching pods and minAvailable 3: no disruption allowed.
        fixture.addBudget("pdb", matching: app, minAvailable: 3)
        var profile = SchedulerProfile.default
        profile.arguments[DefaultPreemption.self].minCandidateNodesPercentage = 40
        profile.arguments[DefaultPreemption.self].minCandidateNodesAbsolute = 2
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let preemption = fixture.preemption(for: pod, configuration: SchedulerConfiguration(profiles: [profile]))
        let chosen = try #require(preemption)
        // Two candidates are wanted (40 % of 5), but the dry run goes on from its random offset
        // until a candidate without PDB violations exists; fewest violations then wins: node3 or node4.
        #expect([2: [pods[2]], 3: [pods[3]]][chosen.node] == chosen.victims)
    }

    // MARK: TestPostFilter

    @Test("post filter — upstream case \"pod with higher priority can be made schedulable\"")
    func higherPriority() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1)
        let p1 = fixture.priorityPod(Priority.low, on: node1)
        let pod = fixture.priorityPod(Priority.high)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // The single pod slot is taken by a lower-priority pod.
        #expect(chosen.node == node1)
        #expect(chosen.victims == [p1])
    }

    @Test("post filter — upstream case \"pod with tied priority is still unschedulable\"")
    func tiedPriority() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1)
        fixture.priorityPod(Priority.low, on: node1)
        let pod = fixture.priorityPod(Priority.low)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."))
    }

    @Test("post filter — upstream case \"preemption should respect filteredNodesStatuses\"")
    func unresolvableNode() throws {
        var fixture = ClusterFixture()
        // Upstream hands in an UnschedulableAndUnresolvable status for node1; here an untolerated taint produces it.
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1, taints: [Taint(key: "dedicated", value: "x", effect: .noSchedule)])
        fixture.priorityPod(Priority.low, on: node1)
        let pod = fixture.priorityPod(Priority.high)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."))
    }

    @Test("post filter — upstream case \"pod can be made schedulable on one node\"")
    func oneNodeHasVictims() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1)
        let node2 = fixture.preemptionNode("node2", cpu: 0, memory: 0, pods: 1)
        fixture.priorityPod(Priority.high, on: node1)
        let p2 = fixture.priorityPod(Priority.low, on: node2)
        let pod = fixture.priorityPod(Priority.mid)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        #expect(chosen.node == node2)
        #expect(chosen.victims == [p2])
    }

    @Test("post filter — upstream case \"pod can be made schedulable on minHighestPriority node\"")
    func budgetsThenHighestPriority() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1)
        let node2 = fixture.preemptionNode("node2", cpu: 0, memory: 0, pods: 1)
        let violating = [("test.kubernetes.io/is-violating-pdb", "violating")]
        let nonViolating = [("test.kubernetes.io/is-violating-pdb", "non-violating")]
        fixture.priorityPod(Priority.high, labels: nonViolating, on: node1)
        fixture.priorityPod(Priority.low, labels: violating, on: node1)
        let p3 = fixture.priorityPod(Priority.mid, labels: violating, on: node2)
        // violating-pdb allows no disruption of its two pods; non-violating-pdb allows its one pod's.
        fixture.addBudget("violating-pdb", matching: violating, minAvailable: 2)
        fixture.addBudget("non-violating-pdb", matching: nonViolating, minAvailable: 0)
        let pod = fixture.priorityPod(Priority.veryHigh)
        let preemption = fixture.preemption(for: pod)
        let chosen = try #require(preemption)
        // node1 evicts p1 (high) and p2 (low, violating); node2 evicts p3 (mid, violating). One
        // violation each; highest victim priority 1000 against 100 → node2.
        #expect(chosen.node == node2)
        #expect(chosen.victims == [p3])
    }

    @Test("post filter — upstream case \"no candidate nodes found, no enough resource after removing low priority pods\"")
    func notEnoughResourcesAnyway() throws {
        var fixture = ClusterFixture()
        for name in ["node1", "node2"] {
            let node = fixture.preemptionNode(name, cpu: 200, memory: 400)
            fixture.priorityPod(Priority.low, on: node)
        }
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        // 300m cpu never fits in 200m.
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/2 nodes are available: 2 Insufficient cpu."))
    }

    @Test("post filter — upstream case \"no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource\"")
    func mixedReasons() throws {
        var fixture = ClusterFixture()
        let node1 = fixture.preemptionNode("node1", cpu: 0, memory: 0, pods: 1)
        let node2 = fixture.preemptionNode("node2", cpu: 200, memory: 400)
        let node3 = fixture.preemptionNode("node3", cpu: 0, memory: 0, pods: 1)
        fixture.priorityPod(Priority.high, on: node1)
        fixture.priorityPod(Priority.low, on: node2)
        fixture.priorityPod(Priority.high, on: node3)
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod."))
    }

    @Test("post filter — upstream case \"no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource\"")
    func unresolvableAndInsufficient() throws {
        var fixture = ClusterFixture()
        for name in ["node1", "node2"] {
            let node = fixture.preemptionNode(name, cpu: 200, memory: 400)
            fixture.priorityPod(Priority.low, on: node)
        }
        // Upstream's UnschedulableAndUnresolvable (and absent) statuses for node3 and node4 come from a taint here.
        for name in ["node3", "node4"] {
            fixture.preemptionNode(name, cpu: 200, memory: 400, taints: [Taint(key: "dedicated", value: "x", effect: .noSchedule)])
        }
        let pod = fixture.priorityPod(Priority.high, size: Size.large)
        let result = fixture.unschedulable(pod)
        let outcome = try #require(result)
        #expect(outcome.preemption == nil)
        #expect(outcome.message.contains("preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling."))
    }
}
