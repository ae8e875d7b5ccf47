import TestSupport
import Testing

@testable import SimCore

@Suite("Label selectors")
struct LabelSelectorTests {
    let labels = Labels([("app", "web"), ("tier", "frontend"), ("version", "3")])

    func compiled(_ selector: LabelSelector, matching labels: Labels) -> Bool {
        let symbols = SymbolTable()
        let set = LabelSet(labels, symbols: symbols)
        return CompiledSelector(selector, symbols: symbols).matches(set, symbols: symbols)
    }

    @Test(
        "matchLabels and each operator behave as labels.Requirement.Matches",
        arguments: [
            (LabelSelector(matchLabels: Labels([("app", "web")])), true),
            (LabelSelector(matchLabels: Labels([("app", "api")])), false),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "tier", op: .in, values: ["frontend", "backend"])]), true),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "tier", op: .notIn, values: ["frontend"])]), false),
            // NotIn and DoesNotExist match objects that lack the key.
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "zone", op: .notIn, values: ["a"])]), true),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "zone", op: .doesNotExist)]), true),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "app", op: .exists)]), true),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "version", op: .gt, values: ["2"])]), true),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "version", op: .lt, values: ["3"])]), false),
            (LabelSelector(matchExpressions: [SelectorRequirement(key: "app", op: .gt, values: ["1"])]), false),
            // Requirements are ANDed.
            (LabelSelector(matchLabels: Labels([("app", "web")]), matchExpressions: [SelectorRequirement(key: "tier", op: .doesNotExist)]), false),
            (LabelSelector(), true),
        ])
    func matching(selector: LabelSelector, expected: Bool) {
        #expect(selector.matches(labels) == expected)
        #expect(compiled(selector, matching: labels) == expected)
    }
}

@Suite("Taints and tolerations")
struct TolerationTests {
    func tolerates(_ toleration: Toleration, _ taint: Taint) -> Bool {
        let symbols = SymbolTable()
        return CompiledToleration(toleration, symbols: symbols).tolerates(CompiledTaint(taint, symbols: symbols))
    }

    let gpu = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)

    @Test("Equal needs key, value and effect to match; an empty effect matches all effects")
    func equal() {
        #expect(tolerates(Toleration(key: "dedicated", op: .equal, value: "gpu", effect: .noSchedule), gpu))
        #expect(tolerates(Toleration(key: "dedicated", op: .equal, value: "gpu"), gpu))
        #expect(!tolerates(Toleration(key: "dedicated", op: .equal, value: "cpu"), gpu))
        #expect(!tolerates(Toleration(key: "dedicated", op: .equal, value: "gpu", effect: .noExecute), gpu))
    }

    @Test("Exists matches any value; an empty key with Exists matches every taint")
    func exists() {
        #expect(tolerates(Toleration(key: "dedicated", op: .exists), gpu))
        #expect(tolerates(Toleration(op: .exists), gpu))
        #expect(!tolerates(Toleration(key: "other", op: .exists), gpu))
    }
}

@Suite("Pod resource arithmetic")
struct PodResourcesTests {
    func container(cpu: Int64?, memory: Int64? = nil, sidecar: Bool = false) -> ContainerResources {
        var requests = ResourceList()
        if let cpu { requests["cpu"] = cpu }
        if let memory { requests["memory"] = memory }
        return ContainerResources(requests: requests, isSidecar: sidecar)
    }

    @Test("effective request: max of the containers' sum and the largest init-time footprint, plus overhead")
    func effectiveWithInitContainersAndSidecars() {
        // Regular: 100m + 200m = 300m. Init A (500m) runs alone: footprint 500m.
        // Sidecar S (50m) then runs alongside: sum 350m, footprint 50m.
        // Init B (300m) runs with S: footprint 350m. initMax 500m > 350m; plus 10m overhead = 510m.
        let effective = PodResources.effectiveRequests(
            containers: [container(cpu: 100), container(cpu: 200)],
            initContainers: [container(cpu: 500), container(cpu: 50, sidecar: true), container(cpu: 300)],
            overhead: ResourceList([ResourceAmount("cpu", 10)]))
        #expect(effective.cpu == 510)
    }

    @Test("non-zero requests default a missing cpu to 100m and a missing memory to 200Mi, but keep explicit zeros")
    func nonZero() {
        let defaults = PodResources.nonZeroRequests(
            containers: [container(cpu: nil), container(cpu: 0, memory: 0)], initContainers: [], overhead: ResourceList())
        // First container: 100m and 200Mi by default; second: explicit zeros stay zero.
        #expect(defaults.cpu == 100)
        #expect(defaults.memory == 200 * 1024 * 1024)
        #expect(PodResources.nonZeroRequests(containers: [], initContainers: [], overhead: ResourceList()) == (0, 0))
    }
}
