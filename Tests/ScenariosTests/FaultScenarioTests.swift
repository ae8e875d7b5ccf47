import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// The faults section of a scenario.
@Suite("Faults section")
struct FaultScenarioTests {
    static let base = """
        duration: 2h
        cluster:
          nodePools:
          - {name: general, count: 3, zones: [zone-a, zone-b], capacity: {cpu: "4", memory: 16Gi}}
        workloads:
        - manifests: web.yaml
        """

    func load(_ faults: String) throws -> LoadedScenario {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("web.yaml", ScenarioDecodingTests.manifest)
        return try ScenarioLoader.load(try folder.write("scenario.yaml", ScenarioDecodingTests.scenario(Self.base + "\nfaults:\n" + faults)))
    }

    func error(_ faults: String) -> String {
        ScenarioTest.failure { _ = try load(faults) }
    }

    @Test("every fault type decodes with its defaults")
    func decoding() throws {
        let loaded = try load(
            """
            - {at: 10m, type: nodeCrash, node: general-0, duration: 5m}
            - {at: 20m, type: zoneOutage, zone: zone-b, duration: 45m}
            - {type: randomNodeFailures, pool: general, mtbf: 720h, mttr: 2h}
            - {at: 30m, type: spotInterruption, pool: general, count: 2}
            - {at: 40m, type: podKill, target: Deployment/web, fraction: 0.5}
            - {at: 50m, type: nodeDrain, node: general-1, uncordonAfter: 10m}
            - {at: 60m, type: networkPartition, node: general-2, duration: 3m}
            - {type: containerCrashes, target: Deployment/web, mtbf: 6h}
            """)
        #expect(
            loaded.setup.faults == [
                FaultSpec(at: 600_000, action: .nodeCrash(node: "general-0", duration: 300_000)),
                FaultSpec(at: 1_200_000, action: .zoneOutage(zone: "zone-b", duration: 2_700_000)),
                FaultSpec(at: 0, action: .randomNodeFailures(pool: "general", mtbf: 720 * Millis.hour, mttr: 2 * Millis.hour, until: nil)),
                FaultSpec(at: 1_800_000, action: .spotInterruption(nodes: .pool("general", count: 2), notice: 120_000)),
                FaultSpec(
                    at: 2_400_000,
                    action: .podKill(
                        target: WorkloadReference(kind: .deployment, namespace: "default", name: "web"),
                        amount: .fraction(0.5), gracePeriod: nil)),
                FaultSpec(at: 3_000_000, action: .nodeDrain(node: "general-1", force: false, uncordonAfter: 600_000)),
                FaultSpec(at: 3_600_000, action: .networkPartition(node: "general-2", duration: 180_000)),
                FaultSpec(
                    at: 0,
                    action: .containerCrashes(
                        target: WorkloadReference(kind: .deployment, namespace: "default", name: "web"),
                        mtbf: 6 * Millis.hour, until: nil)),
            ])
    }

    @Test("unknown nodes, zones, pools and workloads are errors at the name, with a suggestion")
    func targets() {
        #expect(error("- {at: 1m, type: nodeCrash, node: general-7}") == "13:37: no node \"general-7\" in this scenario")
        #expect(error("- {at: 1m, type: zoneOutage, zone: zone-c}") == "13:38: no zone \"zone-c\" in this scenario")
        #expect(error("- {type: randomNodeFailures, pool: generl, mtbf: 1h, mttr: 1h}") == "13:38: no node pool \"generl\" in this scenario")
        #expect(
            error("- {at: 1m, type: podKill, target: Deployment/api, count: 1}")
                == "13:37: no Deployment or ReplicaSet \"Deployment/default/api\" in this scenario")
    }

    @Test("malformed faults are errors with hints")
    func malformed() {
        #expect(error("- {at: 1m, type: nodeCrush, node: general-0}") == "13:20: unknown fault type \"nodeCrush\"")
        #expect(error("- {at: 1m, type: podKill, target: Deployment/web, fraction: 1.5}") == "13:63: \"fraction\" must be above 0 and at most 1")
        #expect(error("- {type: randomNodeFailures, pool: general, mtbf: 1h}") == "13:5: randomNodeFailures needs mttr")
        #expect(error("- {type: nodeCrash, node: general-0}").hasSuffix("missing required field \"at\""))
        #expect(error("- {at: 1m, type: spotInterruption, node: general-0, count: 2}") == "13:62: count goes with pool, not with node")
        #expect(error("- {at: -1m, type: nodeCrash, node: general-0}") == "13:10: \"at\" must not be negative")
        #expect(error("- {at: 2h, type: containerCrashes, target: Deployment/web, mtbf: 1h, until: 1h}") == "13:79: \"until\" comes before \"at\"")
        #expect(
            error("- {at: 1m, type: podKill, target: Deployment/web, count: 1, gracePeriod: -5s}") == "13:76: \"gracePeriod\" must not be negative")
    }
}
