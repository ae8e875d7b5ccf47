import Foundation
import TestSupport
import Testing

@testable import SimCore

@Suite("Metric catalog")
struct MetricCatalogTests {
    /// The rows of the `timeseries.csv` table in docs/metrics-reference.md.
    static func documentedRows() throws -> [String] {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/metrics-reference.md", encoding: .utf8)
        guard let start = text.range(of: "## `timeseries.csv`"), let end = text.range(of: "## `placements.csv`") else { return [] }
        return text[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init).filter { $0.hasPrefix("| `") }
    }

    @Test("docs/metrics-reference.md lists exactly the metrics of the catalog, in its order, with its types, units and meanings")
    func documentation() throws {
        let expected = MetricCatalog.all.map { metric in
            "| `\(metric.name)` | \(metric.type.rawValue) | \(metric.subject.documented) | \(metric.unit) | \(metric.help) |"
        }
        let documented = try Self.documentedRows()
        #expect(documented.count == expected.count)
        for (row, wanted) in zip(documented, expected) { #expect(row == wanted) }
    }

    @Test("every series a run writes is in the catalog, and its object column comes from its labels")
    func seriesAreCatalogued() throws {
        var hpa = HorizontalPodAutoscalerSpec(meta: ObjectMeta(name: "web"), targetKind: .deployment, targetName: "web", maxReplicas: 4)
        hpa.metrics = [.resource(name: ResourceName.cpu, target: .utilization(60))]
        let setup = SimulationSetup(
            name: "catalog", duration: 120_000, nodePools: [Build.pool("general", count: 2)],
            replicaSets: [
                ReplicaSetSpec(
                    meta: ObjectMeta(name: "bare"), replicas: 1,
                    selector: LabelSelector(matchLabels: Labels([("app", "bare")])),
                    template: Build.template(app: "bare"))
            ],
            deployments: [Build.deployment("web", replicas: 2)], autoscalers: [hpa],
            traffic: [TrafficSpec(target: .deployment(namespace: "default", name: "web"), rate: .constant(10), cpuPerRequest: 1)])
        let simulation = try Build.simulation(setup)
        simulation.run(until: setup.duration)
        let series = simulation.timeSeries
        let catalogued = Set(MetricCatalog.all.map(\.name))
        for descriptor in series.descriptors where !descriptor.name.hasPrefix("kubesim_hpa_") {
            #expect(catalogued.contains(descriptor.name), "\(descriptor.name) is not in the catalog")
        }
        #expect(series.descriptors.contains { $0.name == "kubesim_hpa_metric_resource_cpu_utilization" })
        #expect(
            series.objects.map(\.column) == [
                "cluster", "NodePool/general", "Deployment/default/web", "ReplicaSet/default/bare",
                "HorizontalPodAutoscaler/default/web",
            ])
        #expect(
            series.objects.map { $0.labels.map { "\($0.name)=\($0.value)" } } == [
                [], ["node_pool=general"], ["namespace=default", "deployment=web"], ["namespace=default", "replicaset=bare"],
                ["namespace=default", "horizontalpodautoscaler=web"],
            ])
    }
}
