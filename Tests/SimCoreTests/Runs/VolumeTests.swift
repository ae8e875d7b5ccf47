import TestSupport
import Testing

@testable import SimCore

/// PersistentVolumeClaims and where they hold their pods: VolumeBinding and VolumeZone.
@Suite("Volumes")
struct VolumeTests {
    private static let zonal = StorageClassSpec(name: "zonal", volumeBindingMode: .waitForFirstConsumer, isDefault: true)

    @Test("a StatefulSet's claims are provisioned in the zone of the node each pod is scheduled to")
    func provisionedWhereScheduled() throws {
        var db = StatefulSetSpec(
            meta: ObjectMeta(name: "db"), replicas: 3, selector: LabelSelector(matchLabels: Labels([("app", "db")])),
            template: Build.template(app: "db"), podManagementPolicy: .parallel)
        db.volumeClaimTemplates = [PersistentVolumeClaimSpec(meta: ObjectMeta(name: "data"), request: 10 << 30)]
        var setup = SimulationSetup(name: "claims", duration: 30_000, nodePools: [Build.pool("general", count: 3, zones: ["a", "b", "c"])])
        setup.statefulSets = [db]
        setup.storageClasses = [Self.zonal]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 30_000)
        let cluster = simulation.cluster
        #expect(simulation.invariantViolations.isEmpty)
        for ordinal in 0..<3 {
            let pod = try #require(cluster.pod(namespace: "default", name: "db-\(ordinal)"))
            let claim = try #require(cluster.claim(namespace: "default", name: "data-db-\(ordinal)"))
            let volume = try #require(cluster.claims[claim].volume)
            let node = try #require(cluster.pods[pod].node)
            // The volume's node affinity names the zone of the pod's node.
            let zone = cluster.nodes.labels[Int(node)].value(for: cluster.wellKnown.zoneLabel).map { cluster.symbols[$0] }
            #expect(cluster.volumes[volume].spec.nodeAffinity?.first?.matchExpressions.first?.values == [zone ?? ""])
            #expect(cluster.volumes[volume].spec.capacity == 10 << 30)
        }
    }

    @Test("a pod whose volume is in a zone that goes down waits, Pending with upstream's reasons, until the zone is back")
    func zoneOutageKeepsPodPending() throws {
        var reports = Build.deployment("reports", replicas: 1)
        reports.template.spec.persistentVolumeClaims = ["reports-data"]
        let disk = PersistentVolumeSpec(
            name: "reports-disk", capacity: 20 << 30, storageClassName: "zonal",
            nodeAffinity: [NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: NodeLabel.zone, op: .in, values: ["a"])])],
            claimRef: "default/reports-data")
        var setup = SimulationSetup(
            name: "outage", duration: 3_600_000, nodePools: [Build.pool("general", count: 3, zones: ["a", "b", "c"])],
            deployments: [reports],
            faults: [FaultSpec(at: 600_000, action: .zoneOutage(zone: "a", duration: 1_800_000))])
        setup.storageClasses = [Self.zonal]
        setup.persistentVolumes = [disk]
        setup.persistentVolumeClaims = [
            PersistentVolumeClaimSpec(meta: ObjectMeta(name: "reports-data"), storageClassName: "zonal", request: 20 << 30)
        ]
        let simulation = try Build.simulation(setup)
        simulation.run(until: 3_600_000)
        #expect(simulation.invariantViolations.isEmpty)
        let failures = simulation.eventLog.filter { $0.reason == "FailedScheduling" }
        // Zone a down at 600 s; its node is tainted unreachable once its lease has been silent
        // for the 40 s grace period (checked every 5 s, so by 650 s), and the pod is evicted 300 s
        // after that: its replacement fits nowhere until the zone is back at 2400 s.
        let firstFailure = try #require(failures.first?.time)
        #expect(firstFailure >= 940_000 && firstFailure <= 960_000)
        #expect(
            failures.first?.message
                == "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."
        )
        let scheduled = simulation.eventLog.filter { $0.reason == "Scheduled" && $0.time > firstFailure }
        #expect(scheduled.first?.node == "general-0")
        #expect((scheduled.first?.time ?? 0) >= 2_400_000)
    }

    @Test("a pod naming a claim that does not exist, or an Immediate claim not yet bound, is unschedulable")
    func missingClaims() throws {
        var web = Build.deployment("web", replicas: 1)
        web.template.spec.persistentVolumeClaims = ["nowhere"]
        let setup = SimulationSetup(name: "missing", duration: 10_000, nodePools: [Build.pool("general", count: 1)], deployments: [web])
        let simulation = try Build.simulation(setup)
        simulation.run(until: 10_000)
        let failure = try #require(simulation.eventLog.first { $0.reason == "FailedScheduling" })
        #expect(failure.message.hasPrefix("0/1 nodes are available: persistentvolumeclaim \"nowhere\" not found."))
    }
}
