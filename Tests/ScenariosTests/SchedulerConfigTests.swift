import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// `spec.scheduler` and real KubeSchedulerConfiguration files.
@Suite("Scheduler configuration files")
struct SchedulerConfigTests {
    func load(config: String, scheduler: String = "config: scheduler.yaml") throws -> LoadedScenario {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("scheduler.yaml", config)
        let path = try folder.write(
            "scenario.yaml",
            """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: config}
            spec:
              duration: 1m
              scheduler: {\(scheduler)}
              cluster:
                nodePools:
                - {name: pool, count: 2, capacity: {cpu: "4", memory: 8Gi}}
            """)
        return try ScenarioLoader.load(path)
    }

    func error(_ config: String) -> String {
        ScenarioTest.failure(withHint: true) { _ = try load(config: config) }
    }

    @Test("a real configuration: two profiles, plugins disabled and re-weighted, MostAllocated with weights")
    func realConfiguration() throws {
        let loaded = try load(
            config: """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                leaderElection: {leaderElect: false}
                percentageOfNodesToScore: 50
                profiles:
                - schedulerName: default-scheduler
                - schedulerName: bin-packer
                  plugins:
                    score:
                      disabled: [{name: NodeResourcesBalancedAllocation}]
                      enabled: [{name: NodeResourcesFit, weight: 5}]
                  pluginConfig:
                  - name: NodeResourcesFit
                    args:
                      scoringStrategy:
                        type: MostAllocated
                        resources: [{name: cpu, weight: 2}, {name: memory, weight: 1}]
                """)
        let configuration = loaded.setup.scheduler
        #expect(configuration.percentageOfNodesToScore == 50)
        #expect(configuration.profiles.map(\.schedulerName) == ["default-scheduler", "bin-packer"])
        let packer = configuration.profiles[1]
        #expect(packer.arguments[NodeResourcesFit.self].strategy == .mostAllocated)
        #expect(packer.arguments[NodeResourcesFit.self].resources == [ResourceWeight("cpu", weight: 2), ResourceWeight("memory", weight: 1)])
        #expect(packer.score.first == WeightedPlugin("NodeResourcesFit", weight: 5))
        #expect(!packer.score.contains { $0.name == "NodeResourcesBalancedAllocation" })
    }

    @Test("RequestedToCapacityRatio with its shape; PodTopologySpread List defaults")
    func arguments() throws {
        let loaded = try load(
            config: """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - pluginConfig:
                  - name: NodeResourcesFit
                    args:
                      scoringStrategy:
                        type: RequestedToCapacityRatio
                        requestedToCapacityRatio:
                          shape: [{utilization: 0, score: 10}, {utilization: 100, score: 0}]
                  - name: PodTopologySpread
                    args:
                      defaultingType: List
                      defaultConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]
                """)
        let arguments = loaded.setup.scheduler.profiles[0].arguments
        #expect(
            arguments[NodeResourcesFit.self].strategy
                == .requestedToCapacityRatio(shape: [
                    UtilizationShapePoint(utilization: 0, score: 10),
                    UtilizationShapePoint(utilization: 100, score: 0),
                ]))
        #expect(!arguments[PodTopologySpread.self].systemDefaulted)
        #expect(arguments[PodTopologySpread.self].defaultConstraints.map(\.maxSkew) == [1])
    }

    @Test("mistakes are reported at their place, with upstream's limits")
    func mistakes() {
        let header = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n"
        #expect(
            error(header + "profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeResourceFit}]\n")
                == "6:24: plugin \"NodeResourceFit\" does not exist in kube-scheduler v1.32's registry [did you mean \"NodeResourcesFit\"?]")
        #expect(error(header + "percentageOfNodesToScore: 120\n") == "3:27: \"percentageOfNodesToScore\" must be between 0 and 100")
        #expect(
            error(
                header
                    + "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: RequestedToCapacityRatio, requestedToCapacityRatio: {shape: [{utilization: 50, score: 1}, {utilization: 20, score: 2}]}}}\n"
            )
            .hasSuffix("shape utilizations must be strictly increasing"))
        #expect(
            error("apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n")
                .hasPrefix("1:13: unsupported scheduler configuration apiVersion"))
        #expect(error(header + "profiles:\n- schedulerName: a\n- schedulerName: a\n") == "5:3: two profiles share schedulerName \"a\"")
        // A plugin enabled at a point it does not implement stops kube-scheduler from starting;
        // under multiPoint it is enabled where it applies.
        #expect(
            error(header + "profiles:\n- plugins:\n    filter:\n      enabled: [{name: ImageLocality}]\n")
                == "6:24: plugin \"ImageLocality\" does not extend FilterPlugin plugin [ImageLocality implements score; name it under multiPoint to enable it wherever it applies]"
        )
        #expect(
            error(header + "profiles:\n- plugins:\n    bind:\n      disabled: [{name: DefaultBinder}]\n")
                == "4:3: at least one bind plugin is needed for profile with scheduler name \"default-scheduler\"")
    }

    @Test("a named preset, and an unknown one with a suggestion")
    func presets() throws {
        #expect(
            try load(config: "", scheduler: "profile: binpack").setup.scheduler.profiles[0].arguments[NodeResourcesFit.self].strategy
                == .mostAllocated)
        #expect(throws: Diagnostic.self) { try load(config: "", scheduler: "profile: bin-pack") }
    }
}
