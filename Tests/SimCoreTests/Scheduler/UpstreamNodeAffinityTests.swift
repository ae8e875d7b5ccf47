import Testing
@testable import SimCore
import TestSupport

private func expression(_ key: String, _ op: SelectorOperator, _ values: [String] = []) -> SelectorRequirement {
    SelectorRequirement(key: key, op: op, values: values)
}

private func nameIn(_ name: String) -> SelectorRequirement {
    SelectorRequirement(key: "metadata.name", op: .in, values: [name])
}

/// Required node affinity with one term per entry: (match expressions, match fields).
private func required(_ terms: [([SelectorRequirement], [SelectorRequirement])]) -> NodeAffinity {
    NodeAffinity(required: terms.map { NodeSelectorTerm(matchExpressions: $0.0, matchFields: $0.1) })
}

/// Ports `TestNodeAffinity` and `TestNodeAffinityPriority` from upstream's
/// `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go`. Each Filter case runs on
/// a cluster of node1 and node2; the node under test (node1 unless the case names node2) carries
/// the case's labels.
@Suite("Upstream NodeAffinity")
struct UpstreamNodeAffinityTests {
    /// The outcome of one upstream Filter case: PreFilter's result and the tested node's failure.
    private struct Outcome {
        let preFilter: PreFilterResult
        let allowedNames: Set<String>?
        let failure: FilterReason?
    }

    private func run(nodeSelector: [(String, String)] = [], affinity: NodeAffinity? = nil, labels: [(String, String)] = [],
                     on nodeName: String = "node1", added: NodeAffinity? = nil) -> Outcome {
        var fixture = ClusterFixture()
        for name in ["node1", "node2"] { fixture.bareNode(name, labels: name == nodeName ? labels : []) }
        let pod = fixture.addPod(PodSpec(containers: [], nodeSelector: Labels(nodeSelector), nodeAffinity: affinity))
        let plugin = NodeAffinityPlugin(addedAffinity: added, symbols: fixture.cluster.symbols)
        let preFilter = plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster)
        let tested = fixture.cluster.node(named: nodeName)
        let failure = fixture.filter(plugin, for: pod).failures.first { $0.node == tested }
        return Outcome(preFilter: preFilter, allowedNames: preFilter.allowedNodes.map { Set($0.map { fixture.cluster.nodes.names[Int($0)] }) },
                       failure: failure?.reason)
    }

    @Test("node selector", arguments: [
        ("missing labels", [("foo", "bar")], [], false),
        ("same labels", [("foo", "bar")], [("foo", "bar")], true),
        ("node labels are superset", [("foo", "bar")], [("foo", "bar"), ("baz", "blah")], true),
        ("node labels are subset", [("foo", "bar"), ("baz", "blah")], [("foo", "bar")], false),
    ] as [(String, [(String, String)], [(String, String)], Bool)])
    func nodeSelector(name: String, selector: [(String, String)], labels: [(String, String)], fits: Bool) {
        let outcome = run(nodeSelector: selector, labels: labels)
        #expect(outcome.preFilter.isProceed, "upstream case \"\(name)\"")
        #expect(outcome.failure == (fits ? nil : .nodeAffinityMismatch), "upstream case \"\(name)\"")
    }

    @Test("match expressions", arguments: [
        ("Pod with matchExpressions using In operator that matches the existing node",
         [[expression("foo", .in, ["bar", "value2"])]], [("foo", "bar")], true),
        ("Pod with matchExpressions using Gt operator that matches the existing node",
         [[expression("kernel-version", .gt, ["0204"])]], [("kernel-version", "0206")], true),
        ("Pod with matchExpressions using NotIn operator that matches the existing node",
         [[expression("mem-type", .notIn, ["DDR", "DDR2"])]], [("mem-type", "DDR3")], true),
        ("Pod with matchExpressions using Exists operator that matches the existing node",
         [[expression("GPU", .exists)]], [("GPU", "NVIDIA-GRID-K1")], true),
        ("Pod with affinity that don't match node's labels won't schedule onto the node",
         [[expression("foo", .in, ["value1", "value2"])]], [("foo", "bar")], false),
        ("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
         [[]], [("foo", "bar")], false),
        ("Pod with multiple matchExpressions ANDed that matches the existing node",
         [[expression("GPU", .exists), expression("GPU", .notIn, ["AMD", "INTER"])]], [("GPU", "NVIDIA-GRID-K1")], true),
        ("Pod with multiple matchExpressions ANDed that doesn't match the existing node",
         [[expression("GPU", .exists), expression("GPU", .in, ["AMD", "INTER"])]], [("GPU", "NVIDIA-GRID-K1")], false),
        ("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
         [[expression("foo", .in, ["bar", "value2"])], [expression("diffkey", .in, ["wrong", "value2"])]], [("foo", "bar")], true),
    ] as [(String, [[SelectorRequirement]], [(String, String)], Bool)])
    func matchExpressions(name: String, terms: [[SelectorRequirement]], labels: [(String, String)], fits: Bool) {
        let outcome = run(affinity: required(terms.map { ($0, []) }), labels: labels)
        #expect(outcome.preFilter.isProceed, "upstream case \"\(name)\"")
        #expect(outcome.failure == (fits ? nil : .nodeAffinityMismatch), "upstream case \"\(name)\"")
    }

    @Test("upstream case \"Pod with no Affinity will schedule onto a node\"")
    func noAffinity() {
        let outcome = run(labels: [("foo", "bar")])
        #expect(outcome.preFilter.isSkip)
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with Affinity but nil NodeSelector will schedule onto a node\"")
    func affinityWithoutRequired() {
        let outcome = run(affinity: NodeAffinity(required: nil), labels: [("foo", "bar")])
        #expect(outcome.preFilter.isSkip)
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node\"")
    func selectorAndAffinity() {
        let outcome = run(nodeSelector: [("foo", "bar")], affinity: required([([expression("foo", .exists)], [])]), labels: [("foo", "bar")])
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node\"")
    func selectorNotSatisfied() {
        let outcome = run(nodeSelector: [("foo", "bar")], affinity: required([([expression("foo", .exists)], [])]), labels: [("foo", "barrrrrr")])
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    // Upstream's "Pod with an invalid value in Affinity term won't be scheduled onto the node" is
    // skipped: kubesim does not validate label values, so there is no parse error to fail the term.

    @Test("upstream case \"Pod with matchFields using In operator that matches the existing node\"")
    func matchFieldsMatch() {
        let outcome = run(affinity: required([([], [nameIn("node1")])]))
        #expect(outcome.allowedNames == ["node1"])
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with matchFields using In operator that does not match the existing node\"")
    func matchFieldsMismatch() {
        let outcome = run(affinity: required([([], [nameIn("node1")])]), on: "node2")
        #expect(outcome.allowedNames == ["node1"])
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    @Test("upstream case \"Pod with two terms: matchFields does not match, but matchExpressions matches\"")
    func fieldsConflictExpressionsMatch() {
        let outcome = run(affinity: required([([], [nameIn("node1"), nameIn("node2")]), ([expression("foo", .in, ["bar"])], [])]),
                          labels: [("foo", "bar")], on: "node2")
        // The second term has no node name, so PreFilter does not restrict the nodes.
        #expect(outcome.preFilter.isProceed)
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with one term: matchFields does not match, but matchExpressions matches\"")
    func oneTermFieldsMismatch() {
        let outcome = run(affinity: required([([expression("foo", .in, ["bar"])], [nameIn("node1")])]), labels: [("foo", "bar")], on: "node2")
        #expect(outcome.allowedNames == ["node1"])
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    @Test("upstream case \"Pod with one term: both matchFields and matchExpressions match\"")
    func oneTermBothMatch() {
        let outcome = run(affinity: required([([expression("foo", .in, ["bar"])], [nameIn("node1")])]), labels: [("foo", "bar")])
        #expect(outcome.allowedNames == ["node1"])
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with two terms: both matchFields and matchExpressions do not match\"")
    func twoTermsNeitherMatches() {
        let outcome = run(affinity: required([([], [nameIn("node1")]), ([expression("foo", .in, ["not-match-to-bar"])], [])]),
                          labels: [("foo", "bar")], on: "node2")
        #expect(outcome.preFilter.isProceed)
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    @Test("upstream case \"Pod with two terms of node.Name affinity\"")
    func twoNameTerms() {
        let outcome = run(affinity: required([([], [nameIn("node1")]), ([], [nameIn("node2")])]), on: "node2")
        // Terms are ORed: the union of their names.
        #expect(outcome.allowedNames == ["node1", "node2"])
        #expect(outcome.failure == nil)
    }

    @Test("upstream case \"Pod with two conflicting mach field requirements\"")
    func conflictingNames() {
        let outcome = run(affinity: required([([], [nameIn("node1"), nameIn("node2")])]), labels: [("foo", "bar")], on: "node2")
        // Within a term the names intersect, and the intersection is empty.
        #expect(outcome.preFilter.rejection?.code == .unschedulableAndUnresolvable)
        #expect(outcome.preFilter.rejection?.message == "pod affinity terms conflict")
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    private let addedNode2 = required([([], [nameIn("node2")])])

    @Test("added affinity — upstream case \"Matches added affinity and Pod's node affinity\"")
    func addedAndPodMatch() {
        let outcome = run(affinity: required([([expression("zone", .in, ["foo"])], [])]), labels: [("zone", "foo")], on: "node2",
                          added: addedNode2)
        #expect(outcome.failure == nil)
    }

    @Test("added affinity — upstream case \"Matches added affinity but not Pod's node affinity\"")
    func addedMatchesPodDoesNot() {
        let outcome = run(affinity: required([([expression("zone", .in, ["bar"])], [])]), labels: [("zone", "foo")], on: "node2",
                          added: addedNode2)
        #expect(outcome.failure == .nodeAffinityMismatch)
    }

    @Test("added affinity — upstream case \"Doesn't match added affinity\"")
    func addedDoesNotMatch() {
        let outcome = run(labels: [("zone", "foo")], on: "node2", added: required([([expression("zone", .in, ["bar"])], [])]))
        // A pod without node constraints still runs the Filter when the profile adds affinity.
        #expect(outcome.preFilter.isProceed)
        #expect(outcome.failure == .enforcedNodeAffinityMismatch)
    }

    @Test("upstream cases \"Matches node selector correctly even if PreFilter is not called\" and \"Matches node affinity correctly even if PreFilter is not called\"")
    func filterWithoutPreFilter() {
        var fixture = ClusterFixture()
        fixture.bareNode("node1", labels: [("foo", "bar"), ("baz", "blah"), ("GPU", "NVIDIA-GRID-K1")])
        let selectorPod = fixture.addPod(PodSpec(containers: [], nodeSelector: Labels([("foo", "bar")])))
        let affinityPod = fixture.addPod(PodSpec(containers: [], nodeAffinity: required([([expression("GPU", .exists),
                                                                                            expression("GPU", .notIn, ["AMD", "INTER"])], [])])))
        let plugin = NodeAffinityPlugin(symbols: fixture.cluster.symbols)
        #expect(fixture.filter(plugin, for: selectorPod).feasible == [0])
        #expect(fixture.filter(plugin, for: affinityPod).feasible == [0])
    }

    // MARK: TestNodeAffinityPriority

    private static let label1 = [("foo", "bar")]
    private static let label2 = [("key", "value")]
    private static let label3 = [("az", "az1")]
    private static let label4 = [("abc", "az11"), ("def", "az22")]
    private static let label5 = [("foo", "bar"), ("key", "value"), ("az", "az1")]

    private static func preference(_ weight: Int32, _ requirements: [SelectorRequirement]) -> PreferredSchedulingTerm {
        PreferredSchedulingTerm(weight: weight, preference: NodeSelectorTerm(matchExpressions: requirements))
    }

    private static let affinity1 = NodeAffinity(preferred: [preference(2, [expression("foo", .in, ["bar"])])])
    private static let affinity2 = NodeAffinity(preferred: [
        preference(2, [expression("foo", .in, ["bar"])]),
        preference(4, [expression("key", .in, ["value"])]),
        preference(5, [expression("foo", .in, ["bar"]), expression("key", .in, ["value"]), expression("az", .in, ["az1"])]),
    ])

    /// Adds nodes with the given labels and returns a pod with `affinity`.
    private func scoringPod(_ fixture: inout ClusterFixture, _ labels: [[(String, String)]], affinity: NodeAffinity?) -> PodID {
        for (index, nodeLabels) in labels.enumerated() { fixture.bareNode("node\(index + 1)", labels: nodeLabels) }
        return fixture.addPod(PodSpec(containers: [], nodeAffinity: affinity))
    }

    @Test("score — upstream cases \"all nodes are same priority as NodeAffinity is nil\" and \"Skip is returned in PreScore when NodeAffinity is nil\"")
    func noPreferences() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label1, Self.label2, Self.label3], affinity: nil)
        let plugin = NodeAffinityPlugin(symbols: fixture.cluster.symbols)
        #expect(!fixture.preScores(plugin, for: pod))
        #expect(fixture.scores(plugin, for: pod) == [0, 0, 0])
    }

    @Test("score — upstream case \"no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero\"")
    func noNodeMatches() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label4, Self.label2, Self.label3], affinity: Self.affinity1)
        let plugin = NodeAffinityPlugin(symbols: fixture.cluster.symbols)
        // Raw 0 everywhere; the default normalizer leaves all-zero scores at 0.
        #expect(fixture.scores(plugin, for: pod) == [0, 0, 0])
    }

    @Test("score — upstream case \"only node1 matches the preferred scheduling requirements of pod\"")
    func onlyNode1Matches() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label1, Self.label2, Self.label3], affinity: Self.affinity1)
        let plugin = NodeAffinityPlugin(symbols: fixture.cluster.symbols)
        // Raw 2, 0, 0; 100 × raw / 2 → 100, 0, 0.
        #expect(fixture.scores(plugin, for: pod) == [100, 0, 0])
    }

    @Test("score — upstream cases \"all nodes matches the preferred scheduling requirements of pod but with different priorities \" and \"calculate the priorities correctly even if PreScore is not called\"")
    func differentPriorities() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label1, Self.label5, Self.label2], affinity: Self.affinity2)
        let plugin = NodeAffinityPlugin(symbols: fixture.cluster.symbols)
        // Raw 2, 2 + 4 + 5 = 11, 4; 100 × raw / 11 → 18, 100, 36.
        #expect(fixture.scores(plugin, for: pod) == [18, 100, 36])
        #expect(fixture.scoresWithoutPreScore(plugin, for: pod) == [18, 100, 36])
    }

    @Test("score — upstream case \"added affinity\"")
    func addedPreference() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label1, Self.label2], affinity: nil)
        let plugin = NodeAffinityPlugin(addedAffinity: Self.affinity1, symbols: fixture.cluster.symbols)
        // The profile's preferred term: raw 2, 0 → 100, 0.
        #expect(fixture.scores(plugin, for: pod) == [100, 0])
    }

    @Test("score — upstream case \"added affinity and pod has default affinity\"")
    func addedAndPodPreferences() {
        var fixture = ClusterFixture()
        let pod = scoringPod(&fixture, [Self.label1, Self.label2, Self.label5], affinity: Self.affinity1)
        let added = NodeAffinity(preferred: [Self.preference(3, [expression("key", .in, ["value"])])])
        let plugin = NodeAffinityPlugin(addedAffinity: added, symbols: fixture.cluster.symbols)
        // Pod foo=bar weight 2, profile key=value weight 3: raw 2, 3, 5 → 100 × raw / 5 = 40, 60, 100.
        #expect(fixture.scores(plugin, for: pod) == [40, 60, 100])
    }
}
