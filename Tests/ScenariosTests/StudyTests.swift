import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// The pieces of the study layer: intervals, metric paths, the sweep table.
@Suite("Study arithmetic")
struct StudyArithmeticTests {
    @Test("a 95 % interval is mean ± t(n−1) × s/√n")
    func interval() throws {
        // 1, 2, 3: mean 2, s = 1, s/√3 = 0.57735; t(2) = 4.303: ± 2.48434.
        let interval = MeanInterval([1, 2, 3])
        #expect(interval.n == 3 && interval.mean == 2)
        #expect(abs(try #require(interval.low) - (2 - 2.48434)) < 1e-4)
        #expect(abs(try #require(interval.high) - (2 + 2.48434)) < 1e-4)
        // One value has no interval.
        #expect(MeanInterval([5]).low == nil)
    }

    @Test("Student's t at 95 %: the table, and 1.96 in the limit", arguments: [(1, 12.706), (4, 2.776), (30, 2.042), (60, 2.000), (120, 1.980)])
    func studentT(df: Int, t: Double) {
        #expect(abs(MeanInterval.t95(degreesOfFreedom: df) - t) < 1e-9)
    }

    @Test("between table rows t is interpolated in 1/df: df 45 lies between 40 (2.021) and 60 (2.000)")
    func interpolated() {
        // 1/45 is a third of the way from 1/40 to 1/60: 2.021 − 0.021 × (1/40 − 1/45)/(1/40 − 1/60) = 2.021 − 0.021 × 1/3 = 2.014.
        #expect(abs(MeanInterval.t95(degreesOfFreedom: 45) - 2.014) < 1e-9)
        #expect(MeanInterval.t95(degreesOfFreedom: 1_000_000) > 1.96 && MeanInterval.t95(degreesOfFreedom: 1_000_000) < 1.961)
    }

    @Test("metric paths: top-level fields, and workloads[Kind/namespace/name].field")
    func metricPaths() {
        #expect(StudyMetric(path: "cluster.cpuRequestedRatio.max") == StudyMetric(metric: "cluster.cpuRequestedRatio.max"))
        #expect(
            StudyMetric(path: "workloads[Deployment/shop/frontend].availability")
                == StudyMetric(metric: "availability", target: "Deployment/shop/frontend"))
        #expect(StudyMetric(path: "workloads[Deployment/web].replicas.max")?.target == "Deployment/default/web")
        #expect(StudyMetric(path: "cluster.nope") == nil)
        #expect(StudyMetric(path: "workloads[Deployment/web].nope") == nil)
    }

    @Test("sweep.csv reads back as written, quoted fields included, and the summary comes from the rows")
    func sweepTable() throws {
        let table = SweepTable(
            gridPaths: ["spec.a", "spec.b"], metricPaths: ["cluster.cost"],
            rows: [
                .init(run: 1, grid: ["1", "x,y"], seed: 2, values: ["3"]), .init(run: 0, grid: ["1", "x,y"], seed: 1, values: ["1"]),
            ])
        let parsed = try #require(SweepTable.parse(csv: table.csv, gridCount: 2))
        #expect(parsed.rows.map(\.run) == [0, 1])
        #expect(parsed.rows[0].grid == ["1", "x,y"])
        // Mean 2 of 1 and 3, s = √2, s/√2 = 1, t(1) = 12.706: [−10.706, 14.706].
        #expect(table.summaryCSV == "spec.a,spec.b,metric,n,mean,ci95_low,ci95_high\n1,\"x,y\",cluster.cost,2,2,-10.706,14.706\n")
    }

    @Test("a study reads each fault's time to recover by default, at its record's index in the summary")
    func defaultFaultMetrics() {
        let minute: SimTime = 60_000
        let web = WorkloadReference(kind: .deployment, namespace: "shop", name: "web")
        // Records are made in the order faults start: the crash loop at 0 (no single moment to
        // recover from, so not read), the two spot nodes at 10m (records 1 and 2), the zone at
        // 45m (record 3); the drain at 3h is after the 2h run and never starts.
        let faults = [
            FaultSpec(at: 45 * minute, action: .zoneOutage(zone: "zone-b", duration: nil)),
            FaultSpec(at: 180 * minute, action: .nodeDrain(node: "general-0", force: false, uncordonAfter: nil)),
            FaultSpec(at: 10 * minute, action: .spotInterruption(nodes: .pool("spot", count: 2), notice: 2 * minute)),
            FaultSpec(at: 0, action: .containerCrashes(target: web, mtbf: minute, until: nil)),
        ]
        #expect(StudyPlan.faultRecordsWithRecovery(faults, until: 120 * minute) == [1, 2, 3])
        // Random node failures make as many records as their draws: no index is certain.
        let random = FaultSpec(at: 0, action: .randomNodeFailures(pool: "general", mtbf: minute, mttr: minute, until: nil))
        #expect(StudyPlan.faultRecordsWithRecovery(faults + [random], until: 120 * minute) == [])
    }

    @Test("compare.md says on how many seeds a mean was taken when some runs have no value")
    func comparisonCellCounts() {
        // 60 and 120 on 2 of 3 seeds (the third never recovered): mean 90, s = 42.43, s/√2 = 30,
        // t(1) = 12.706: 90 ± 381.18.
        #expect(Comparison.cell(MeanInterval([60, 120]), seeds: 3) == "90 [-291.18, 471.18] (2 of 3 seeds)")
        #expect(Comparison.cell(MeanInterval([60, 120]), seeds: 2) == "90 [-291.18, 471.18]")
        #expect(Comparison.cell(MeanInterval([]), seeds: 3) == "no value (0 of 3 seeds)")
    }
}
