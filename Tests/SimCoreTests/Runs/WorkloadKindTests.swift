import TestSupport
import Testing

@testable import SimCore

/// DaemonSets, StatefulSets and Jobs end to end, with the invariants checked after every event.
@Suite("DaemonSets, StatefulSets and Jobs")
struct WorkloadKindTests {
    private static func selector(_ app: String) -> LabelSelector { LabelSelector(matchLabels: Labels([("app", app)])) }

    @Test("a DaemonSet's requests appear on every node, a tainted node excepted, and follow a node added later")
    func daemonSetOnEveryNode() throws {
        let agent = DaemonSetSpec(
            meta: ObjectMeta(name: "agent", namespace: "kube-system"), selector: Self.selector("agent"),
            template: Build.template(app: "agent", cpu: 500, memory: nil))
        let tainted = Build.pool("gpu", count: 1, taints: [Taint(key: "gpu", value: "true", effect: .noSchedule)])
        let setup = SimulationSetup(
            name: "daemons", duration: 60_000, nodePools: [Build.pool("general", count: 3), tainted],
            namespaces: [NamespaceSpec(name: "kube-system")])
        var withAgent = setup
        withAgent.daemonSets = [agent]
        let simulation = try Build.simulation(withAgent)
        simulation.run(until: 30_000)
        let cluster = simulation.cluster
        #expect(simulation.invariantViolations.isEmpty)
        // 500m on each of the 3 general nodes (4 cores: 12.5 % each); none on the tainted node,
        // whose NoSchedule taint the template does not tolerate.
        for n in 0..<3 { #expect(cluster.nodes.requested[n].cpu == 500) }
        #expect(cluster.nodes.requested[3].cpu == 0)
        let status = cluster.daemonSets[DaemonSetID(0)].status
        #expect(status.desiredNumberScheduled == 3)
        #expect(status.numberAvailable == 3)
        // A cordoned node keeps its daemon pod: the daemon tolerations include unschedulable.
        #expect(
            DaemonSetEligibility.tolerations(for: PodSpec(containers: [])).contains {
                $0.key == WellKnownTaint.unschedulable && $0.effect == .noSchedule
            })
        // A node joining later gets one too.
        _ = cluster.addNode(Build.pool("late", count: 1).nodeSpec(index: 0, poolIndex: 0), at: simulation.now)
        simulation.run(until: 60_000)
        #expect(cluster.nodes.requested[4].cpu == 500)
        #expect(cluster.daemonSets[DaemonSetID(0)].status.desiredNumberScheduled == 4)
    }

    @Test("an OrderedReady StatefulSet creates pod 1 only once pod 0 is Ready, and scales down from the top")
    func orderedReady() throws {
        var template = Build.template(app: "db")
        // Ready 10 s after the containers start (2 s after binding): pod 0 at 12 s.
        template.spec.containers[0].readinessProbe = Probe(initialDelaySeconds: 10, periodSeconds: 5)
        let db = StatefulSetSpec(meta: ObjectMeta(name: "db"), replicas: 3, selector: Self.selector("db"), template: template)
        var setup = SimulationSetup(
            name: "ordered", duration: 120_000, nodePools: [Build.pool("general", count: 2)],
            timeline: [
                TimelineEvent(at: 60_000, action: .scale(WorkloadReference(kind: .statefulSet, namespace: "default", name: "db"), replicas: 1))
            ])
        setup.statefulSets = [db]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 120_000)
        #expect(simulation.invariantViolations.isEmpty)
        let created = simulation.eventLog.filter { $0.reason == "SuccessfulCreate" }.map { ($0.time, $0.message) }
        #expect(created.map(\.0) == [0, 12_000, 24_000])
        #expect(
            created.map(\.1) == [
                "create Pod db-0 in StatefulSet db successful", "create Pod db-1 in StatefulSet db successful",
                "create Pod db-2 in StatefulSet db successful",
            ])
        // Scaled to 1 at 60 s: db-2 goes first; db-1 only once db-2 is gone (30 s grace period).
        let deleted = simulation.eventLog.filter { $0.reason == "SuccessfulDelete" }.map { ($0.time, $0.message) }
        #expect(deleted.map(\.1) == ["delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful"])
        #expect(deleted.map(\.0) == [60_000, 90_000])
    }

    @Test("a Job of 5 completions, 2 in parallel, runs 3 rounds of its run duration with never more than 2 running")
    func jobCompletions() throws {
        var template = Build.template(app: "batch")
        template.spec.restartPolicy = .never
        template.runDuration = .fixed(60_000)
        let job = JobSpec(meta: ObjectMeta(name: "batch"), completions: 5, parallelism: 2, selector: Self.selector("batch"), template: template)
        var setup = SimulationSetup(name: "job", duration: 600_000, nodePools: [Build.pool("general", count: 3)])
        setup.jobs = [job]
        let simulation = try Build.simulation(setup)
        var mostRunning = 0
        simulation.observer = { simulation in
            mostRunning = max(mostRunning, simulation.cluster.pods.ids.filter { simulation.cluster.pods[$0].phase == .running }.count)
        }
        simulation.run(until: 600_000)
        #expect(simulation.invariantViolations.isEmpty)
        let status = simulation.cluster.jobs[JobID(0)].status
        #expect(status.succeeded == 5)
        #expect(mostRunning == 2)
        // Each round: 2 s to start, 60 s of work, and the Job syncs a second after its pods
        // finish (upstream's syncJobBatchPeriod), creating the next round then: rounds run 0–62,
        // 63–125 and 126–188 s, and the Job sees the last one done at 189 s.
        #expect(status.completionTime == 189_000)
        #expect(simulation.eventLog.contains { $0.reason == "Completed" && $0.message == "Job completed" && $0.time == 189_000 })
        // Finished pods free their nodes.
        #expect(simulation.cluster.nodes.requested.allSatisfy { $0.cpu == 0 })
    }

    @Test("a Job whose pods always fail stops at backoffLimit, with back-off between attempts")
    func jobBackoff() throws {
        var template = Build.template(app: "flaky")
        template.spec.restartPolicy = .never
        template.runDuration = .fixed(1_000)
        template.failureProbability = 1
        let job = JobSpec(meta: ObjectMeta(name: "flaky"), backoffLimit: 2, selector: Self.selector("flaky"), template: template)
        var setup = SimulationSetup(name: "backoff", duration: 600_000, nodePools: [Build.pool("general", count: 1)])
        setup.jobs = [job]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 600_000)
        let status = simulation.cluster.jobs[JobID(0)].status
        // Failures at 3 s, then after 10 s of back-off at 16 s, then 20 s: at 39 s; the third
        // failure passes backoffLimit 2. The back-off counts from each failure (upstream reads the
        // pod's finish time), not from the Job's sync a second later: a new pod at 13 s, running
        // 15–16 s, and at 36 s, running 38–39 s.
        #expect(status.failed == 3)
        #expect(status.outcome?.reason == "BackoffLimitExceeded")
        #expect(status.outcome?.at == 39_000)
        #expect(simulation.eventLog.contains { $0.reason == "BackoffLimitExceeded" && $0.message == "Job has reached the specified backoff limit" })
    }

    @Test("the back-off after pod failures doubles from 10 s up to 10 minutes")
    func backOff() {
        #expect(JobController.backOff(failures: 0) == 0)
        #expect(JobController.backOff(failures: 1) == 10_000)
        #expect(JobController.backOff(failures: 2) == 20_000)
        #expect(JobController.backOff(failures: 6) == 320_000)
        // 10 s × 2^6 = 640 s passes 600 s: capped.
        #expect(JobController.backOff(failures: 7) == 600_000)
    }
}

/// `apply` and `delete` timeline events.
@Suite("Applying and deleting during a run")
struct ApplyDeleteTests {
    @Test("an applied DaemonSet starts on every node at its time; deleting it takes its pods and ends its availability there")
    func applyThenDelete() throws {
        var objects = AppliedObjects()
        objects.daemonSets = [
            DaemonSetSpec(
                meta: ObjectMeta(name: "agent"), selector: LabelSelector(matchLabels: Labels([("app", "agent")])),
                template: Build.template(app: "agent", cpu: 300, memory: nil))
        ]
        let setup = SimulationSetup(
            name: "apply", duration: 1_200_000, nodePools: [Build.pool("general", count: 2)],
            timeline: [
                TimelineEvent(at: 600_000, action: .apply(objects)),
                TimelineEvent(at: 900_000, action: .delete(WorkloadReference(kind: .daemonSet, namespace: "default", name: "agent"))),
            ])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 700_000)
        #expect(simulation.cluster.nodes.requested.allSatisfy { $0.cpu == 300 })
        simulation.run(until: 1_200_000)
        #expect(simulation.invariantViolations.isEmpty)
        // Deleted at 900 s; its pods stop after their 30 s grace period.
        #expect(simulation.cluster.nodes.requested.allSatisfy { $0.cpu == 0 })
        #expect(simulation.cluster.workload(.daemonSet, namespace: "default", name: "agent") == nil)
    }
}

/// An HPA whose target is a StatefulSet, as real charts have them.
@Suite("HPA on a StatefulSet")
struct StatefulSetAutoscalingTests {
    @Test("an HPA scales a StatefulSet through its /scale subresource, and the new ordinals are created in order")
    func scalesStatefulSet() throws {
        let db = StatefulSetSpec(
            meta: ObjectMeta(name: "db"), replicas: 2, selector: LabelSelector(matchLabels: Labels([("app", "db")])),
            template: Build.template(app: "db", cpu: 1_000))
        let hpa = HorizontalPodAutoscalerSpec(
            meta: ObjectMeta(name: "db"), targetKind: .statefulSet, targetName: "db", minReplicas: 2, maxReplicas: 10,
            metrics: [.resource(name: "cpu", target: .utilization(50))], behavior: HPABehavior())
        var setup = SimulationSetup(
            name: "hpa-sts", duration: 300_000, nodePools: [Build.pool("pool", count: 4, cpu: 8_000, memory: 64 * Build.gibibyte)],
            services: [ServiceSpec(meta: ObjectMeta(name: "db"), selector: Labels([("app", "db")]))], autoscalers: [hpa],
            traffic: [TrafficSpec(target: .service(namespace: "default", name: "db"), rate: .constant(200), cpuPerRequest: 10)])
        setup.statefulSets = [db]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 300_000)
        #expect(simulation.invariantViolations.isEmpty)
        // 200 requests/s × 10m = 2 cores over 2 pods of 1 core: 100 % against 50 %, so
        // ceil(2 × 100 / 50) = 4 replicas.
        let set = simulation.cluster.statefulSets[StatefulSetID(0)]
        #expect(set.spec.replicas == 4)
        #expect(simulation.eventLog.contains { $0.reason == "SuccessfulCreate" && $0.message == "create Pod db-3 in StatefulSet db successful" })
    }
}

/// StatefulSet rolling updates, as upstream's TestStatefulSetControlRollingUpdateWithPartition.
@Suite("StatefulSet rolling updates")
struct StatefulSetUpdateTests {
    @Test("a rolling update with partition 1 replaces ordinals 2 then 1, each once the others are Ready, and leaves 0")
    func partitionedUpdate() throws {
        let template = Build.template(app: "db")
        var db = StatefulSetSpec(
            meta: ObjectMeta(name: "db"), replicas: 3, selector: LabelSelector(matchLabels: Labels([("app", "db")])), template: template,
            updateStrategy: .rollingUpdate(partition: 1))
        var updated = db
        updated.template.spec.containers[0].image = "db:2"
        var objects = AppliedObjects()
        objects.statefulSets = [updated]
        db.podManagementPolicy = .orderedReady
        var setup = SimulationSetup(
            name: "partition", duration: 300_000, nodePools: [Build.pool("general", count: 2)],
            timeline: [TimelineEvent(at: 60_000, action: .apply(objects))])
        setup.statefulSets = [db]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 300_000)
        #expect(simulation.invariantViolations.isEmpty)
        let deleted = simulation.eventLog.filter { $0.reason == "SuccessfulDelete" }
        // db-2 at 60 s; gone after its 30 s grace period, recreated at 90 s and Ready 2 s later;
        // then db-1 at 92 s.
        #expect(deleted.map(\.message) == ["delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful"])
        #expect(deleted.map(\.time) == [60_000, 92_000])
        let cluster = simulation.cluster
        func image(_ name: String) -> String? {
            cluster.pod(namespace: "default", name: name).map { cluster.spec(of: $0).template.spec.containers[0].image }
        }
        #expect(image("db-0") == "app:1")
        #expect(image("db-1") == "db:2")
        #expect(image("db-2") == "db:2")
        // Not every replica is updated, so the current revision stays.
        let status = cluster.statefulSets[StatefulSetID(0)].status
        #expect(status.updatedReplicas == 2 && status.currentReplicas == 1)
    }
}
