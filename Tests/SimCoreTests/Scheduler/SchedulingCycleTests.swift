import TestSupport
import Testing

@testable import SimCore

@Suite("Scheduling cycle")
struct SchedulingCycleTests {
    @Test(
        "numFeasibleNodesToFind follows upstream's adaptive percentage",
        arguments: [
            // Below 100 nodes: all of them.
            (50, 0, 50), (99, 0, 99),
            // 100 nodes: 50 − 100/125 = 50 %, 50 nodes, raised to the minimum of 100.
            (100, 0, 100),
            // 1000: 50 − 8 = 42 % → 420. 5000: 50 − 40 = 10 % → 500. 6000: 50 − 48 = 2 %, floor 5 % → 300.
            (1_000, 0, 420), (5_000, 0, 500), (6_000, 0, 300),
            // A configured percentage: 30 % of 1000 = 300; 5 % of 1000 = 50, raised to 100.
            (1_000, 30, 300), (1_000, 5, 100), (1_000, 100, 1_000),
        ] as [(Int, Int32, Int)])
    func feasibleNodeCount(nodes: Int, percentage: Int32, expected: Int) {
        #expect(numFeasibleNodesToFind(nodeCount: nodes, percentage: percentage) == expected)
    }

    @Test("FailedScheduling message: upstream's histogram, sorted as strings")
    func fitErrorShape() {
        // Upstream sorts the "count reason" strings, so "2 node(s)…" comes before "3 Insufficient cpu".
        let reasons = [
            "Insufficient cpu", "Insufficient cpu", "Insufficient cpu",
            "node(s) had untolerated taint {dedicated: gpu}", "node(s) had untolerated taint {dedicated: gpu}",
        ]
        #expect(
            fitErrorMessage(nodeCount: 5, preFilterMessage: nil, reasons: reasons)
                == "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.")
        #expect(fitErrorMessage(nodeCount: 0, preFilterMessage: nil, reasons: []) == "no nodes available to schedule pods")
        #expect(
            fitErrorMessage(nodeCount: 3, preFilterMessage: "node(s) didn't match Pod's node affinity/selector", reasons: [])
                == "0/3 nodes are available: node(s) didn't match Pod's node affinity/selector.")
    }

    @Test("a pod that fits nowhere gets the message from the real filters, one reason per failing check")
    func unschedulableDecision() {
        var fixture = ClusterFixture()
        for index in 0..<3 { fixture.node("small-\(index)", cpu: 500, memory: 8_000) }
        for index in 0..<2 {
            fixture.node("gpu-\(index)", cpu: 8_000, memory: 8_000, taints: [Taint(key: "dedicated", value: "gpu", effect: .noSchedule)])
        }
        let pod = fixture.pod(fixture.spec([(1_000, 1_000)]))
        let scheduler = fixture.scheduler()
        guard case .unschedulable(let message, let rejectedBy, let preemption) = scheduler.schedule(pod, cluster: fixture.cluster) else {
            Issue.record("expected the pod to be unschedulable")
            return
        }
        // The filter histogram, then DefaultPreemption's own: the tainted nodes are not candidates
        // (UnschedulableAndUnresolvable), the small ones have no lower-priority pod to evict. The
        // double period is upstream's: the inner message ends in "." and the separator adds one.
        #expect(
            message == "0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. "
                + "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..")
        // TaintToleration registers node changes, NodeResourcesFit those and freed capacity.
        #expect(rejectedBy == [.nodeAdded, .nodeUpdated, .assignedPodDeleted])
        #expect(preemption == nil)
    }

    @Test("equal scores are broken by the seeded stream: the same seed picks the same node, others spread")
    func tieBreaking() {
        var fixture = ClusterFixture()
        for index in 0..<10 { fixture.node("node-\(index)", cpu: 4_000, memory: 4_000) }
        let pod = fixture.pod(fixture.spec([(100, 100)]))
        func choice(seed: UInt64) -> NodeID? {
            let scheduler = fixture.scheduler(seed: seed)
            if case .bind(let node) = scheduler.schedule(pod, cluster: fixture.cluster) { return node }
            return nil
        }
        #expect(choice(seed: 5) == choice(seed: 5))
        #expect(Set((0..<40).compactMap { choice(seed: $0) }).count > 5)
    }

    @Test("with 200 identical nodes each cycle examines 100 and the next one starts where it stopped")
    func rotatingStart() {
        var fixture = ClusterFixture()
        for index in 0..<200 { fixture.node("node-\(index)", cpu: 4_000, memory: 4_000) }
        let pod = fixture.pod(fixture.spec([(100, 100)]))
        let scheduler = fixture.scheduler()
        // 200 nodes: 50 − 200/125 = 49 % → 98, raised to 100 feasible nodes to find.
        _ = scheduler.schedule(pod, cluster: fixture.cluster)
        #expect(scheduler.nextStartNodeIndex == 100)
        _ = scheduler.schedule(pod, cluster: fixture.cluster)
        #expect(scheduler.nextStartNodeIndex == 0)
    }
}

@Suite("Scheduling queue")
struct SchedulingQueueTests {
    @Test(
        "backoff doubles from 1 s and stops at 10 s",
        arguments: [(1, 1_000), (2, 2_000), (3, 4_000), (4, 8_000), (5, 10_000), (9, 10_000)] as [(Int32, SimTime)])
    func backoff(attempts: Int32, expected: SimTime) {
        #expect(SchedulingQueue(initialBackoff: 1_000, maxBackoff: 10_000).backoffDuration(attempts: attempts) == expected)
    }

    @Test("activeQ pops higher priority first, then earlier timestamp, then insertion order")
    func activeOrder() {
        var queue = SchedulingQueue(initialBackoff: 1_000, maxBackoff: 10_000)
        let pods = (0..<4).map { PodID(slot: Int32($0), generation: 0) }
        queue.add(pods[0], priority: 0, now: 5)
        queue.add(pods[1], priority: 10, now: 9)
        queue.add(pods[2], priority: 0, now: 1)
        queue.add(pods[3], priority: 0, now: 5)
        #expect((0..<4).compactMap { _ in queue.popActive() } == [pods[1], pods[2], pods[0], pods[3]])
    }

    @Test("an event moves a helped pod to backoffQ until its backoff expires, then a flush makes it active")
    func requeueOnEvent() {
        var queue = SchedulingQueue(initialBackoff: 1_000, maxBackoff: 10_000)
        let pod = PodID(slot: 0, generation: 0)
        queue.add(pod, priority: 0, now: 0)
        _ = queue.popActive()
        queue.addUnschedulable(pod, rejectedBy: NodeResourcesFit.eventsToRegister, now: 0)
        // A deleted pod helps resource shortfalls; attempts 1 → backoff 1 s, expiry at 1000.
        queue.move(on: .assignedPodDeleted, now: 400, attempts: { _ in 1 }, priority: { _ in 0 })
        #expect(queue.location(of: pod) == .backoff)
        queue.flushBackoffCompleted(now: 999)
        #expect(queue.activeCount == 0)
        queue.flushBackoffCompleted(now: 1_000)
        #expect(queue.popActive() == pod)
    }

    @Test("an event that cannot help leaves the pod unschedulable until the 5-minute flush")
    func irrelevantEvent() {
        var queue = SchedulingQueue(initialBackoff: 1_000, maxBackoff: 10_000)
        let pod = PodID(slot: 0, generation: 0)
        queue.add(pod, priority: 0, now: 0)
        _ = queue.popActive()
        queue.addUnschedulable(pod, rejectedBy: TaintToleration.eventsToRegister, now: 0)
        queue.move(on: .assignedPodDeleted, now: 10_000, attempts: { _ in 1 }, priority: { _ in 0 })
        #expect(queue.location(of: pod) == .unschedulable)
        queue.flushLongUnschedulable(now: 300_000, attempts: { _ in 1 }, priority: { _ in 0 })
        #expect(queue.location(of: pod) == .unschedulable)
        queue.flushLongUnschedulable(now: 300_001, attempts: { _ in 1 }, priority: { _ in 0 })
        #expect(queue.location(of: pod) == .active)
    }
}
