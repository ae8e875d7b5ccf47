import TestSupport
import Testing

@testable import SimCore

/// The taint eviction controller alone (reference §6.5): NoExecute taints on a node, the pods
/// on it, and the evictions scheduled, carried out and cancelled.
@Suite("Taint eviction controller")
struct TaintEvictionControllerTests {
    let controller = TaintEvictionController()
    let harness: ControllerHarness
    static let maintenance = "example.com/maintenance"

    init() {
        harness = ControllerHarness(pools: [Build.pool("pool", count: 1)], driving: [controller])
        harness.deliverChanges()
    }

    var cluster: ClusterState { harness.cluster }

    /// A Running pod on pool-0 with `tolerations` (admission adds the default not-ready and
    /// unreachable ones for 300 s).
    @discardableResult
    func pod(_ name: String, tolerations: [Toleration] = [], bind: Bool = true) -> PodID {
        let pod = harness.createPod(name, template: Build.template(app: name, tolerations: tolerations))
        if bind { harness.makeRunning(pod, on: 0) }
        harness.deliverChanges()
        return pod
    }

    func tolerating(_ key: String = maintenance, for seconds: Int64?) -> Toleration {
        Toleration(key: key, op: .exists, effect: .noExecute, tolerationSeconds: seconds)
    }

    func taint(_ key: String = maintenance, _ effect: TaintEffect = .noExecute) {
        cluster.addTaint(CompiledTaint(Taint(key: key, effect: effect), symbols: cluster.symbols), to: 0)
        harness.deliverChanges()
    }

    func untaint(_ key: String = maintenance) {
        cluster.removeTaint(key: cluster.symbols.intern(key), effect: .noExecute, from: 0)
        harness.deliverChanges()
    }

    @Test(
        "a NoExecute taint evicts a pod that does not tolerate it at once, one tolerating it for 30 s after 30 s, and one tolerating it for ever never"
    )
    func evictions() {
        let intolerant = pod("intolerant")
        let patient = pod("patient", tolerations: [tolerating(for: 30)])
        let forever = pod("forever", tolerations: [tolerating(for: nil)])
        harness.setClock(to: 10_000)
        taint()

        let now = harness.run(until: 10_000)
        #expect(now.timers(of: TaintEvictionController.self) == [FiredTimer(.evict(intolerant), at: 10_000, .controllers)])
        #expect(
            harness.events.lines == [
                EventLine(.normal, "TaintManagerEviction", "Pod/default/intolerant", "Marking for deletion Pod default/intolerant")
            ])
        #expect(harness.events.first?.node == "pool-0")
        #expect(cluster.pods[intolerant].deletedAt == 10_000 && cluster.pods[intolerant].disruption == .taintEviction)
        #expect(harness.context.log.podsEvicted == 1)

        // Tainted at 10 s, tolerated for 30 s: deleted at 40 s.
        #expect(harness.run(until: 39_999).isEmpty)
        let later = harness.run(until: 40_000)
        #expect(later.timers(of: TaintEvictionController.self) == [FiredTimer(.evict(patient), at: 40_000, .controllers)])
        #expect(
            harness.events.lines.last == EventLine(.normal, "TaintManagerEviction", "Pod/default/patient", "Marking for deletion Pod default/patient")
        )
        #expect(cluster.pods[patient].deletedAt == 40_000)

        #expect(harness.run(until: 3_600_000).isEmpty)
        #expect(cluster.pods[forever].deletedAt == nil)
        #expect(harness.context.log.podsEvicted == 2)
    }

    @Test("removing the taint cancels a scheduled eviction, with upstream's Cancelling event")
    func cancelled() {
        let patient = pod("patient", tolerations: [tolerating(for: 30)])
        harness.setClock(to: 10_000)
        taint()
        harness.run(until: 25_000)
        untaint()
        #expect(
            harness.events.lines == [EventLine(.normal, "TaintManagerEviction", "Pod/default/patient", "Cancelling deletion of Pod default/patient")])
        #expect(harness.events.first?.time == 25_000)
        #expect(harness.run(until: 3_600_000).isEmpty)
        #expect(cluster.pods[patient].deletedAt == nil)
        #expect(controller.scheduledEvictions.isEmpty)
    }

    @Test("looking at the node again does not restart the toleration's clock")
    func clockKeepsRunning() {
        let patient = pod("patient", tolerations: [tolerating(for: 30)])
        harness.setClock(to: 10_000)
        taint()
        harness.run(until: 20_000)
        // Another taint at 20 s: 10 s + 30 s is before 20 s + 30 s, so the eviction stays at 40 s.
        taint("example.com/other", .noSchedule)
        #expect(harness.events.isEmpty)
        let fired = harness.run(until: 60_000)
        #expect(fired.timers(of: TaintEvictionController.self) == [FiredTimer(.evict(patient), at: 40_000, .controllers)])
    }

    @Test("with several NoExecute taints the shortest tolerationSeconds of the matching tolerations decides")
    func shortestToleration() {
        let pod = pod("web", tolerations: [tolerating(for: 60), tolerating("example.com/spot", for: 20)])
        harness.setClock(to: 5_000)
        taint()
        taint("example.com/spot")
        // Tolerated 60 s and 20 s from 5 s: min(60, 20) = 20, deleted at 25 s (the second taint
        // re-evaluates it at the same instant, from the same start).
        let fired = harness.run(until: 600_000)
        #expect(fired.timers(of: TaintEvictionController.self) == [FiredTimer(.evict(pod), at: 25_000, .controllers)])
    }

    @Test(
        "a pod bound to a node already tainted NoExecute is looked at when bound; without tolerations of its own it stays 300 s on an unreachable node"
    )
    func boundToTaintedNode() throws {
        taint(WellKnownTaint.unreachable)
        harness.setClock(to: 50_000)
        let pod = pod("late", bind: false)
        #expect(controller.scheduledEvictions.isEmpty)
        harness.cluster.bind(pod, to: 0, at: 50_000)
        harness.deliverChanges()
        // DefaultTolerationSeconds admission: unreachable:NoExecute tolerated for 300 s.
        #expect(controller.scheduledEvictions[pod]?.createdAt == 50_000)
        let fired = harness.run(until: 3_600_000)
        #expect(fired.timers(of: TaintEvictionController.self) == [FiredTimer(.evict(pod), at: 350_000, .controllers)])
        #expect(harness.events.lines == [EventLine(.normal, "TaintManagerEviction", "Pod/default/late", "Marking for deletion Pod default/late")])
    }
}
