import Foundation
import SimCore
import TestSupport
import Testing

@testable import Scenarios

/// Scenario files: what loads, and the exact position and wording of what does not.
@Suite("Scenario files")
struct ScenarioDecodingTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: web:1
                resources: {requests: {cpu: 250m, memory: 256Mi}}
        """

    static func scenario(_ spec: String, name: String = "test") -> String {
        """
        apiVersion: kubesim.io/v1alpha1
        kind: Scenario
        metadata:
          name: \(name)
        spec:
        \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
        """
    }

    static let pools = """
        duration: 1h
        cluster:
          nodePools:
          - name: general
            count: 3
            zones: [a, b, c]
            capacity: {cpu: "4", memory: 16Gi}
            reserved: {cpu: 100m, memory: 512Mi}
        workloads:
        - manifests: web.yaml
        """

    func load(
        _ spec: String, files: [String: String] = ["web.yaml": manifest], overrides: [String] = [],
        concurrentRuns: Int = 1
    ) throws -> LoadedScenario {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, contents) in files { try folder.write(name, contents) }
        let path = try folder.write("scenario.yaml", Self.scenario(spec))
        return try ScenarioLoader.load(path, overrides: overrides.compactMap { Override($0) }, concurrentRuns: concurrentRuns)
    }

    /// The error for `spec`, with the file name shortened to its last component.
    func error(_ spec: String, files: [String: String] = ["web.yaml": manifest]) -> String {
        do {
            _ = try load(spec, files: files)
            return "no error"
        } catch let diagnostic as Diagnostic {
            var text = diagnostic.description
            if let location = diagnostic.location {
                text = text.replacingOccurrences(of: location.file, with: (location.file as NSString).lastPathComponent)
            }
            return text
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test("a valid scenario becomes a setup: pools with allocatable = capacity − reserved, default 110 pods")
    func validScenario() throws {
        let loaded = try load(Self.pools)
        let pool = try #require(loaded.setup.nodePools.first)
        #expect(pool.count == 3)
        #expect(pool.allocatable == Resources(cpu: 3_900, memory: 16 * (1 << 30) - 512 * (1 << 20), pods: 110))
        #expect(loaded.setup.deployments.map(\.meta.name) == ["web"])
        #expect(loaded.setup.duration == 3_600_000)
        #expect(loaded.setup.metricsInterval == 60_000)
    }

    @Test("unknown fields are errors at their position, with a did-you-mean hint")
    func unknownField() {
        #expect(
            error(Self.pools + "\nsed: 4") == """
                scenario.yaml:16:3: error: unknown field "sed" in spec
                  hint: did you mean "seed"?
                """)
        let misspelledPool = Self.pools.replacingOccurrences(of: "    count: 3", with: "    cont: 3")
        #expect(error(misspelledPool).hasPrefix("scenario.yaml:10:7: error: unknown field \"cont\" in node pool\n  hint: did you mean \"count\"?"))
    }

    @Test("values of the wrong type point at the value")
    func wrongTypes() {
        #expect(
            error(Self.pools.replacingOccurrences(of: "count: 3", with: "count: \"3\"")) == """
                scenario.yaml:10:14: error: "count" must be an integer, not the string "3"
                  hint: remove the quotes
                """)
        #expect(
            error(Self.pools.replacingOccurrences(of: "duration: 1h", with: "duration: 3600")) == """
                scenario.yaml:6:13: error: "duration": missing unit in duration "3600" (for example 3600s)
                  hint: add a unit, for example 3600s
                """)
        #expect(
            error(Self.pools.replacingOccurrences(of: "cpu: \"4\"", with: "cpu: 4cores")).hasPrefix(
                "scenario.yaml:12:23: error: \"capacity.cpu\": quantities must look like"))
    }

    @Test("missing required fields are reported at the mapping that lacks them")
    func missingField() {
        #expect(
            error("cluster: {}") == """
                scenario.yaml:6:3: error: spec is missing required field "duration"
                  hint: for example duration: 24h
                """)
    }

    @Test("what this version does not simulate is refused, not silently skipped")
    func notSimulated() {
        #expect(
            error(Self.pools.replacingOccurrences(of: "    count: 3", with: "    count: 3\n    autoscaling: {min: 1, max: 5}")).hasPrefix(
                "scenario.yaml:11:20: error: autoscaling: the cluster-autoscaler is not simulated by this version of kubesim"))
    }

    @Test("a manifests entry that matches nothing points at the entry")
    func missingManifests() {
        #expect(
            error(Self.pools.replacingOccurrences(of: "web.yaml", with: "shop/*.yaml"))
                == "scenario.yaml:15:16: error: no files match \"shop/*.yaml\"")
    }

    @Test("expectations name known metrics and existing workloads")
    func expectations() throws {
        let loaded = try load(Self.pools + "\nexpect:\n- {metric: availability, target: Deployment/web, op: \">=\", value: 0.99}")
        #expect(loaded.setup.expectations == [Expectation(metric: "availability", target: "Deployment/default/web", op: .atLeast, value: 0.99)])
        #expect(
            error(Self.pools + "\nexpect:\n- {metric: availabilty, target: Deployment/web, op: \">=\", value: 1}").contains(
                "hint: did you mean \"availability\"?"))
        #expect(
            error(Self.pools + "\nexpect:\n- {metric: availability, target: Deployment/api, op: \">=\", value: 1}")
                .hasPrefix("scenario.yaml:17:5: error: expectation target Deployment/default/api is not a workload of this scenario"))
    }

    @Test("--set overrides fields before they are checked, by index or by name")
    func overrides() throws {
        let loaded = try load(Self.pools, overrides: ["spec.cluster.nodePools[general].count=7", "spec.seed=99", "spec.metrics.interval=30s"])
        #expect(loaded.setup.nodePools[0].count == 7)
        #expect(loaded.setup.seed == 99)
        #expect(loaded.setup.metricsInterval == 30_000)
        #expect(throws: Diagnostic.self) { try load(Self.pools, overrides: ["spec.cluster.nodePools[0].count=-1"]) }
        #expect(throws: Diagnostic.self) { try load(Self.pools, overrides: ["spec.cluster.nodePools[gpu].count=1"]) }
    }

    @Test("--set manifests[Kind/namespace/name].FIELD changes one object of the manifests before it is checked")
    func manifestOverrides() throws {
        // web.yaml (3 replicas) read twice: into the default namespace and into "shop".
        let twice = Self.pools + "\n- manifests: web.yaml\n  namespace: shop"
        let loaded = try load(twice, overrides: ["manifests[Deployment/shop/web].spec.replicas=5", "spec.seed=7"])
        #expect(loaded.setup.deployments.map { "\($0.meta.namespace)/\($0.meta.name)=\($0.replicas)" } == ["default/web=3", "shop/web=5"])
        #expect(loaded.setup.seed == 7)
        // A value goes through the manifest's own checks, reported at the option.
        func failure(_ override: String, in spec: String = Self.pools) -> String {
            do {
                _ = try load(spec, overrides: [override])
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(
            failure("manifests[Deployment/web].spec.replicas=many")
                == "--set manifests[Deployment/web].spec.replicas:1:1: error: \"replicas\" must be an integer, not \"many\"")
        // Kind/name finds the object in whichever namespace holds it, when only one does.
        #expect(failure("manifests[Deployment/web].spec.replicas=4") == "no error")
        #expect(
            failure("manifests[Deployment/web].spec.replicas=4", in: twice)
                == "--set manifests[Deployment/web].spec.replicas:1:1: error: \"Deployment/web\" names objects in several namespaces: Deployment/default/web, Deployment/shop/web\n  hint: name the namespace: manifests[Kind/namespace/name]"
        )
        // An object the manifests do not hold would change nothing: an error, with the closest.
        #expect(
            failure("manifests[Deployment/default/wbe].spec.replicas=4")
                == "--set manifests[Deployment/default/wbe].spec.replicas:1:1: error: the manifests hold no \"Deployment/default/wbe\"\n  hint: did you mean \"Deployment/default/web\"?"
        )
        #expect(
            failure("manifests[Deployment/default/web]=4").hasPrefix(
                "--set manifests[Deployment/default/web]:1:1: error: a manifest's field is named"))
    }

    @Test("a scenario bigger than the machine can hold is refused with an estimate, before anything runs")
    func tooBig() {
        let huge =
            Self.pools.replacingOccurrences(of: "count: 3", with: "count: 150000").replacingOccurrences(of: "duration: 1h", with: "duration: 8760h")
            + "\nmetrics: {interval: 1s}"
        let message = error(huge)
        #expect(message.hasPrefix("scenario.yaml:6:3: error: this scenario needs an estimated"))
        #expect(message.contains("hint: reduce node counts or replicas, shorten spec.duration, or raise spec.metrics.interval"))
    }

    @Test("the memory check shares the machine among the runs that go at once")
    func sharedMachine() throws {
        // Three nodes (4 KiB each in the estimate) need more than 12 KiB: one run fits, but not a
        // hundred-millionth of the machine's memory (a few hundred bytes of gibibytes).
        _ = try load(Self.pools)
        let refused = ScenarioTest.failure(withHint: true) { _ = try load(Self.pools, concurrentRuns: 100_000_000) }
        #expect(refused.contains("with 100000000 runs at once"))
        #expect(refused.contains("run fewer at once"))
    }
}
