import TestSupport
import Testing

@testable import SimCore

/// The kubelets alone: starting bound pods, admitting pods that name their node, terminating
/// deleted pods, restarting crashed containers, and machines coming back.
@Suite("Kubelet")
struct KubeletTests {
    static let pool = Build.pool("pool", count: 2, podStartupDelay: 3_000)
    let kubelet = Kubelet(nodePools: [pool])
    let harness: ControllerHarness

    init() {
        harness = ControllerHarness(pools: [Self.pool], driving: [kubelet])
        harness.deliverChanges()
    }

    var cluster: ClusterState { harness.cluster }

    /// A pod Running and Ready on `node` since the clock's time, as if the kubelet had started it
    /// (the kubelet is not told of it again).
    func runningPod(_ name: String = "web-0", on node: NodeID = 0) -> PodID {
        let pod = harness.createPod(name)
        harness.makeRunning(pod, on: node)
        harness.discardChanges()
        return pod
    }

    @Test("a bound pod's containers start after its pool's startup delay: Running and Ready at once without probes, a Started event per container")
    func startsBoundPod() {
        var template = Build.template(app: "web")
        template.spec.containers.append(Build.container("sidecar", cpu: 10))
        let pod = harness.createPod("web-0", template: template)
        harness.setClock(to: 1_000)
        cluster.bind(pod, to: 0, at: 1_000)
        harness.deliverChanges()
        // Accepted at once (status.startTime); containers up 3 s later.
        #expect(cluster.pods[pod].startedAt == 1_000 && cluster.pods[pod].phase == .pending)
        #expect(harness.run(until: 3_999).isEmpty)
        let fired = harness.run(until: 4_000)
        #expect(fired.timers(of: Kubelet.self) == [FiredTimer(.startup(pod), at: 4_000, .kubelet)])
        #expect(cluster.pods[pod].phase == .running && cluster.pods[pod].isReady && cluster.pods[pod].readyTransition == 4_000)
        #expect(
            harness.events.lines == [
                EventLine(.normal, "Started", "Pod/default/web-0", "Started container app"),
                EventLine(.normal, "Started", "Pod/default/web-0", "Started container sidecar"),
            ])
        #expect(harness.events.allSatisfy { $0.node == "pool-0" && $0.time == 4_000 })
    }

    @Test("a template's startup delay overrides the pool's, and a readiness probe delays Ready until its first success")
    func probes() {
        var template = Build.template(app: "web")
        template.startupDelay = 500
        template.spec.containers[0].readinessProbe = Probe(initialDelaySeconds: 5, periodSeconds: 10)
        let pod = harness.createPod("web-0", template: template)
        cluster.bind(pod, to: 1, at: 0)
        harness.deliverChanges()
        // Up at 0.5 s; probes at 5 s, 15 s, … after that: the first passes, Ready at 5.5 s.
        let fired = harness.run(until: 60_000)
        #expect(fired.timers(of: Kubelet.self) == [FiredTimer(.startup(pod), at: 500, .kubelet), FiredTimer(.ready(pod), at: 5_500, .kubelet)])
        #expect(cluster.pods[pod].isReady && cluster.pods[pod].readyTransition == 5_500)
    }

    @Test("a pod naming its node is bound there when it fits; one that does not fit is Failed with an OutOfcpu event")
    func admission() throws {
        let fits = harness.createPod(
            "fits",
            template: PodTemplate(
                labels: Labels([("app", "fits")]),
                spec: PodSpec(
                    containers: [Build.container(cpu: 1_000)], nodeName: "pool-1")))
        let fired = harness.settle()
        #expect(cluster.pods[fits].node == 1 && cluster.pods[fits].startedAt == 0)
        #expect(fired.isEmpty)  // the startup is 3 s away

        let big = harness.createPod(
            "big",
            template: PodTemplate(
                labels: Labels([("app", "big")]),
                spec: PodSpec(
                    containers: [Build.container(cpu: 5_000)], nodeName: "pool-0")))
        harness.deliverChanges()
        // 5000m requested of a 4000m node: rejected by kubelet admission.
        #expect(cluster.pods[big].phase == .failed && cluster.pods[big].node == nil)
        let event = try #require(harness.events.last)
        #expect(event.type == .warning && event.reason == "OutOfcpu" && event.object.path == "Pod/default/big" && event.node == "pool-0")
    }

    @Test(
        "kubelet admission's OutOfcpu event carries upstream's InsufficientResourceError text",
        .disabled(
            "differs from upstream: the event message is the pod status message \"Pod was rejected: Node didn't have enough resource: cpu\"; upstream's event is the error alone, with requested, used and capacity"
        ))
    func admissionMessage() {
        harness.createPod(
            "busy",
            template: PodTemplate(
                labels: Labels([("app", "busy")]),
                spec: PodSpec(
                    containers: [Build.container(cpu: 1_500)],
                    nodeName: "pool-0")))
        harness.createPod(
            "big",
            template: PodTemplate(
                labels: Labels([("app", "big")]),
                spec: PodSpec(
                    containers: [Build.container(cpu: 3_000)],
                    nodeName: "pool-0")))
        harness.deliverChanges()
        // upstream's rejectPod: Eventf(pod, Warning, "OutOfcpu", err.Error()) where
        // InsufficientResourceError reads "Node didn't have enough resource: %s, requested: %d, used: %d, capacity: %d"
        // (capacity being the node's allocatable); "Pod was rejected: " prefixes only status.message.
        #expect(
            harness.events.lines == [
                EventLine(
                    .warning, "OutOfcpu", "Pod/default/big",
                    "Node didn't have enough resource: cpu, requested: 3000, used: 1500, capacity: 4000")
            ])
    }

    @Test(
        "a deleted pod stops its containers and is gone, its resources free, after its grace period or the deletion's own",
        arguments: [
            (nil, 40_000), (5_000, 15_000), (0, 10_000),
        ] as [(SimTime?, SimTime)])
    func termination(deletionGrace: SimTime?, gone: SimTime) {
        let pod = runningPod()
        #expect(cluster.nodes.requested[0].cpu == 100)
        harness.setClock(to: 10_000)
        cluster.beginDeletion(pod, at: 10_000, gracePeriod: deletionGrace)
        harness.deliverChanges()
        #expect(harness.events.lines == [EventLine(.normal, "Killing", "Pod/default/web-0", "Stopping container app")])
        // terminationGracePeriodSeconds 30 from 10 s: 40 s; or the deletion's grace period from 10 s.
        if gone > 10_000 {
            harness.run(until: gone - 1)
            #expect(cluster.pods.contains(pod) && cluster.nodes.requested[0].cpu == 100)
        }
        let fired = harness.run(until: gone)
        #expect(fired.timers(of: Kubelet.self) == [FiredTimer(.termination(pod), at: gone, .kubelet)])
        #expect(!cluster.pods.contains(pod))
        #expect(cluster.nodes.requested[0].cpu == 0 && cluster.nodes.pods[0].isEmpty)
    }

    @Test("a crashed container restarts after the back-off: at once, then 10 s, then 20 s; a container up 10 minutes starts over")
    func crashLoop() throws {
        let pod = runningPod()
        let uid = cluster.pods[pod].uid
        var restarts: [SimTime] = []
        func crash(at time: SimTime) {
            harness.run(until: time)
            kubelet.containerCrashed(pod, in: harness.context)
            harness.deliverChanges()
        }
        func restartTimes(until time: SimTime) {
            restarts += harness.run(until: time).timers(of: Kubelet.self).compactMap { $0.timer == .containerRestart(pod) ? $0.time : nil }
        }

        crash(at: 10_000)
        #expect(!cluster.pods[pod].isReady && kubelet.isWaitingToRestart(pod))
        restartTimes(until: 10_000)
        #expect(cluster.pods[pod].isReady && !kubelet.isWaitingToRestart(pod))
        crash(at: 12_000)
        let backOff = "Back-off restarting failed container app in pod web-0_default(\(uid))"
        #expect(harness.events.lines.last == EventLine(.warning, "BackOff", "Pod/default/web-0", backOff))
        restartTimes(until: 29_999)
        crash(at: 30_000)
        restartTimes(until: 600_000)
        // Crashes at 10 s, 12 s and 30 s: restarts at 10 s (first, no wait), 12 + 10 = 22 s,
        // 30 + 20 = 50 s.
        #expect(restarts == [10_000, 22_000, 50_000])
        #expect(cluster.pods[pod].restartCount == 3)
        #expect(harness.events("BackOff").count == 2)

        // Up since 50 s; a crash more than 10 minutes later restarts at once again.
        crash(at: 650_001)
        restartTimes(until: 650_001)
        #expect(restarts.last == 650_001)
        #expect(harness.events("BackOff").count == 2)
    }

    @Test("a machine back from a crash posts Ready and restarts its pods' containers; back from a partition its pods are Ready at once")
    func machineBack() {
        let crashed = runningPod("crashed", on: 0)
        let cutOff = runningPod("cut-off", on: 1)
        harness.setClock(to: 20_000)
        cluster.setHealth(.down, of: 0)
        cluster.setHealth(.partitioned, of: 1)
        harness.deliverChanges()
        // What the node lifecycle controller writes meanwhile.
        harness.setClock(to: 100_000)
        for node: NodeID in [0, 1] { cluster.setReady(false, of: node, at: 100_000) }
        for pod in [crashed, cutOff] { cluster.setReady(pod, false, at: 100_000) }
        harness.deliverChanges()

        harness.setClock(to: 120_000)
        cluster.setHealth(.up, of: 0)
        cluster.setHealth(.up, of: 1)
        harness.deliverChanges()
        #expect(
            harness.events.lines == [
                EventLine(.normal, "NodeReady", "Node/pool-0", "Node pool-0 status is now: NodeReady"),
                EventLine(.normal, "NodeReady", "Node/pool-1", "Node pool-1 status is now: NodeReady"),
            ])
        #expect(cluster.nodes.ready[0] && cluster.nodes.ready[1])
        // Partitioned: the containers ran all along.
        #expect(cluster.pods[cutOff].isReady && cluster.pods[cutOff].restartCount == 0)
        // Crashed: a restart, up after the pool's 3 s.
        #expect(!cluster.pods[crashed].isReady && cluster.pods[crashed].restartCount == 1)
        let fired = harness.run(until: 200_000)
        #expect(fired.timers(of: Kubelet.self) == [FiredTimer(.startup(crashed), at: 123_000, .kubelet)])
        #expect(cluster.pods[crashed].isReady)
    }
}
