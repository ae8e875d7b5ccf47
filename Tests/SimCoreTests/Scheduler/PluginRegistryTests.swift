import TestSupport
import Testing

@testable import SimCore

@Suite("Scheduler plugin registry")
struct PluginRegistryTests {
    /// The extension points of kube-scheduler v1.32's in-tree plugins (each plugin's `var _
    /// framework.XPlugin = &Plugin{}` lines), as far as kubesim names the points.
    static let upstream: [(String, Set<ExtensionPoint>)] = [
        ("SchedulingGates", [.preEnqueue]), ("PrioritySort", [.queueSort]), ("NodeUnschedulable", [.filter]), ("NodeName", [.filter]),
        ("TaintToleration", [.filter, .preScore, .score]), ("NodeAffinity", [.preFilter, .filter, .preScore, .score]),
        ("NodePorts", [.preFilter, .filter]), ("NodeResourcesFit", [.preFilter, .filter, .preScore, .score]),
        ("PodTopologySpread", [.preFilter, .filter, .preScore, .score]), ("InterPodAffinity", [.preFilter, .filter, .preScore, .score]),
        ("DefaultPreemption", [.postFilter]), ("NodeResourcesBalancedAllocation", [.preScore, .score]), ("ImageLocality", [.score]),
        ("DefaultBinder", [.bind]), ("VolumeRestrictions", [.preFilter, .filter]), ("NodeVolumeLimits", [.filter]),
        ("VolumeBinding", [.preFilter, .filter, .preScore, .score, .reserve, .preBind]), ("VolumeZone", [.preFilter, .filter]),
    ]

    @Test("every plugin declares upstream's extension points by the protocols it conforms to", arguments: upstream.map(\.0))
    func extensionPoints(plugin: String) throws {
        let expected = try #require(Self.upstream.first { $0.0 == plugin }).1
        #expect(PluginRegistry.extensionPoints(of: plugin) == expected)
    }

    @Test("the registry holds each upstream plugin once, and nothing else")
    func registryContents() {
        #expect(PluginRegistry.names == Self.upstream.map(\.0).sorted())
    }

    @Test("a profile naming a plugin at a point it does not implement is refused with upstream's message")
    func wrongExtensionPoint() {
        var profile = SchedulerProfile.default
        profile.filter.append("ImageLocality")
        let configuration = SchedulerConfiguration(profiles: [profile])
        #expect(configuration.problems == ["plugin \"ImageLocality\" does not extend FilterPlugin plugin"])
        #expect(throws: SimulationSetupError.self) { _ = try Simulation(SimulationSetup(name: "x", duration: 1_000, scheduler: configuration)) }
        profile = SchedulerProfile.default
        profile.bind = []
        #expect(
            SchedulerConfiguration(profiles: [profile]).problems == [
                "at least one bind plugin is needed for profile with scheduler name \"default-scheduler\""
            ])
    }

    @Test("the default profile reserves volumes with VolumeBinding and binds with DefaultBinder")
    func defaultBinding() {
        #expect(SchedulerProfile.default.reserve == ["VolumeBinding"])
        #expect(SchedulerProfile.default.bind == ["DefaultBinder"])
    }

    // MARK: Reserve and Bind

    /// A Reserve plugin that notes what it was asked.
    final class NotingReserve: ReservePlugin {
        static let name = "NotingReserve"
        private(set) var log: [String] = []
        init(arguments: PluginArguments, symbols: SymbolTable) {}
        func reserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) -> ReserveResult {
            log.append("reserve \(cluster.nodes.names[Int(node)])")
            return .success
        }
        func unreserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) {
            log.append("unreserve \(cluster.nodes.names[Int(node)])")
        }
    }

    /// A Reserve plugin that finds no room.
    final class FailingReserve: ReservePlugin {
        static let name = "FailingReserve"
        private(set) var unreserved = false
        init(arguments: PluginArguments, symbols: SymbolTable) {}
        func reserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) -> ReserveResult { .failure("no device left") }
        func unreserve(_ pod: SchedulingPod, on node: NodeID, cluster: ClusterState) { unreserved = true }
    }

    /// A Bind plugin that leaves every pod to the next one.
    final class SkippingBinder: BindPlugin {
        static let name = "SkippingBinder"
        private(set) var asked = 0
        init(arguments: PluginArguments, symbols: SymbolTable) {}
        func bind(_ pod: SchedulingPod, to node: NodeID, cluster: ClusterState, at time: SimTime) -> BindResult {
            asked += 1
            return .skip
        }
    }

    nonisolated(unsafe) static let registry: [any SchedulerPlugin.Type] =
        PluginRegistry.plugins + [NotingReserve.self, FailingReserve.self, SkippingBinder.self]

    /// A node `n0`, a pending pod, and a scheduler running `profile` with the test plugins known.
    func scheduling(_ profile: SchedulerProfile) -> (ClusterFixture, PodID, Scheduler) {
        var fixture = ClusterFixture()
        fixture.node("n0", cpu: 4_000, memory: 8 << 30)
        let pod = fixture.pod(fixture.spec([(cpu: 100, memory: 1 << 20)]))
        let scheduler = Scheduler(
            configuration: SchedulerConfiguration(profiles: [profile]), random: RandomStream(seed: 1), symbols: fixture.cluster.symbols,
            registry: Self.registry)
        return (fixture, pod, scheduler)
    }

    @Test("Reserve runs in order; when one fails, those that reserved are unreserved in reverse and the pod is not bound")
    func reserveFailure() throws {
        var profile = SchedulerProfile.default
        profile.reserve = ["NotingReserve", "FailingReserve"]
        let (fixture, pod, scheduler) = scheduling(profile)
        let failure = try #require(scheduler.reserveAndBind(pod, to: 0, cluster: fixture.cluster, at: 0))
        #expect(failure.message == "running Reserve plugin \"FailingReserve\": no device left")
        // Only NotingReserve had reserved: it alone is unreserved (FailingReserve failed).
        let noting = try #require(scheduler.runtimes[0].reservers[0] as? NotingReserve)
        let failing = try #require(scheduler.runtimes[0].reservers[1] as? FailingReserve)
        #expect(noting.log == ["reserve n0", "unreserve n0"])
        #expect(!failing.unreserved)
        #expect(fixture.cluster.pods[pod].node == nil)
    }

    @Test("Bind plugins run in order until one binds: a plugin that skips leaves the pod to DefaultBinder")
    func bindOrder() throws {
        var profile = SchedulerProfile.default
        profile.bind = ["SkippingBinder", "DefaultBinder"]
        let (fixture, pod, scheduler) = scheduling(profile)
        #expect(scheduler.reserveAndBind(pod, to: 0, cluster: fixture.cluster, at: 5) == nil)
        #expect(try #require(scheduler.runtimes[0].binders[0] as? SkippingBinder).asked == 1)
        #expect(fixture.cluster.pods[pod].node == 0 && fixture.cluster.pods[pod].scheduledAt == 5)
    }
}
