import TestSupport
import Testing

@testable import SimCore

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

/// Required node affinity with one term of match expressions per entry.
private func requiredExpressions(_ terms: [[SelectorRequirement]]) -> NodeAffinity {
    required(terms.map { ($0, []) })
}

private func preference(_ weight: Int32, _ requirements: [SelectorRequirement]) -> PreferredSchedulingTerm {
    PreferredSchedulingTerm(weight: weight, preference: NodeSelectorTerm(matchExpressions: requirements))
}

/// Ports `TestNodeAffinity` and `TestNodeAffinityPriority` from upstream's
/// `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go`. Each Filter case runs on
/// a cluster of node1 and node2; the node under test (node1 unless the case names node2) carries
/// the case's labels.
@Suite("Upstream NodeAffinity")
struct UpstreamNodeAffinityTests {
    // MARK: TestNodeAffinity

    /// What a Filter row expects of PreFilter.
    enum PreFilterExpectation: Sendable {
        /// The plugin's Filter runs for every node.
        case proceed
        /// Upstream's Skip.
        case skip
        /// PreFilter restricts the nodes to those named.
        case allows(Set<String>)
        /// PreFilter rejects the pod with this code and message.
        case rejects(FilterCode, String)
    }

    /// A row of upstream's `TestNodeAffinity`: the pod's node selector and node affinity, the
    /// labels of the node under test (`node`), the profile's added affinity, and the expected
    /// PreFilter result (not checked when nil) and failure of the tested node (nil: it passes).
    struct FilterCase: CustomTestStringConvertible, Sendable {
        let name: String
        var nodeSelector: [(String, String)] = []
        var affinity: NodeAffinity? = nil
        var labels: [(String, String)] = []
        var node: String = "node1"
        var added: NodeAffinity? = nil
        var preFilter: PreFilterExpectation? = nil
        let failure: FilterReason?
        var testDescription: String { name }
    }

    private static let addedNode2 = required([([], [nameIn("node2")])])

    static let filterCases: [FilterCase] = [
        FilterCase(
            name: "missing labels", nodeSelector: [("foo", "bar")], labels: [], preFilter: .proceed,
            failure: .nodeAffinityMismatch),
        FilterCase(name: "same labels", nodeSelector: [("foo", "bar")], labels: [("foo", "bar")], preFilter: .proceed, failure: nil),
        FilterCase(
            name: "node labels are superset", nodeSelector: [("foo", "bar")], labels: [("foo", "bar"), ("baz", "blah")],
            preFilter: .proceed, failure: nil),
        FilterCase(
            name: "node labels are subset", nodeSelector: [("foo", "bar"), ("baz", "blah")], labels: [("foo", "bar")],
            preFilter: .proceed, failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Pod with matchExpressions using In operator that matches the existing node",
            affinity: requiredExpressions([[expression("foo", .in, ["bar", "value2"])]]), labels: [("foo", "bar")],
            preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with matchExpressions using Gt operator that matches the existing node",
            affinity: requiredExpressions([[expression("kernel-version", .gt, ["0204"])]]), labels: [("kernel-version", "0206")],
            preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with matchExpressions using NotIn operator that matches the existing node",
            affinity: requiredExpressions([[expression("mem-type", .notIn, ["DDR", "DDR2"])]]), labels: [("mem-type", "DDR3")],
            preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with matchExpressions using Exists operator that matches the existing node",
            affinity: requiredExpressions([[expression("GPU", .exists)]]), labels: [("GPU", "NVIDIA-GRID-K1")],
            preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with affinity that don't match node's labels won't schedule onto the node",
            affinity: requiredExpressions([[expression("foo", .in, ["value1", "value2"])]]), labels: [("foo", "bar")],
            preFilter: .proceed, failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
            affinity: requiredExpressions([[]]), labels: [("foo", "bar")],
            preFilter: .proceed, failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Pod with multiple matchExpressions ANDed that matches the existing node",
            affinity: requiredExpressions([[expression("GPU", .exists), expression("GPU", .notIn, ["AMD", "INTER"])]]),
            labels: [("GPU", "NVIDIA-GRID-K1")], preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
            affinity: requiredExpressions([[expression("GPU", .exists), expression("GPU", .in, ["AMD", "INTER"])]]),
            labels: [("GPU", "NVIDIA-GRID-K1")], preFilter: .proceed, failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
            affinity: requiredExpressions([[expression("foo", .in, ["bar", "value2"])], [expression("diffkey", .in, ["wrong", "value2"])]]),
            labels: [("foo", "bar")], preFilter: .proceed, failure: nil),
        FilterCase(name: "Pod with no Affinity will schedule onto a node", labels: [("foo", "bar")], preFilter: .skip, failure: nil),
        FilterCase(
            name: "Pod with Affinity but nil NodeSelector will schedule onto a node",
            affinity: NodeAffinity(required: nil), labels: [("foo", "bar")], preFilter: .skip, failure: nil),
        FilterCase(
            name:
                "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
            nodeSelector: [("foo", "bar")], affinity: required([([expression("foo", .exists)], [])]), labels: [("foo", "bar")],
            failure: nil),
        FilterCase(
            name:
                "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
            nodeSelector: [("foo", "bar")], affinity: required([([expression("foo", .exists)], [])]), labels: [("foo", "barrrrrr")],
            failure: .nodeAffinityMismatch),
        // Upstream's "Pod with an invalid value in Affinity term won't be scheduled onto the node" is
        // skipped: kubesim does not validate label values, so there is no parse error to fail the term.
        FilterCase(
            name: "Pod with matchFields using In operator that matches the existing node",
            affinity: required([([], [nameIn("node1")])]), preFilter: .allows(["node1"]), failure: nil),
        FilterCase(
            name: "Pod with matchFields using In operator that does not match the existing node",
            affinity: required([([], [nameIn("node1")])]), node: "node2", preFilter: .allows(["node1"]),
            failure: .nodeAffinityMismatch),
        // The second term has no node name, so PreFilter does not restrict the nodes.
        FilterCase(
            name: "Pod with two terms: matchFields does not match, but matchExpressions matches",
            affinity: required([([], [nameIn("node1"), nameIn("node2")]), ([expression("foo", .in, ["bar"])], [])]),
            labels: [("foo", "bar")], node: "node2", preFilter: .proceed, failure: nil),
        FilterCase(
            name: "Pod with one term: matchFields does not match, but matchExpressions matches",
            affinity: required([([expression("foo", .in, ["bar"])], [nameIn("node1")])]), labels: [("foo", "bar")], node: "node2",
            preFilter: .allows(["node1"]), failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Pod with one term: both matchFields and matchExpressions match",
            affinity: required([([expression("foo", .in, ["bar"])], [nameIn("node1")])]), labels: [("foo", "bar")],
            preFilter: .allows(["node1"]), failure: nil),
        FilterCase(
            name: "Pod with two terms: both matchFields and matchExpressions do not match",
            affinity: required([([], [nameIn("node1")]), ([expression("foo", .in, ["not-match-to-bar"])], [])]),
            labels: [("foo", "bar")], node: "node2", preFilter: .proceed, failure: .nodeAffinityMismatch),
        // Terms are ORed: the union of their names.
        FilterCase(
            name: "Pod with two terms of node.Name affinity",
            affinity: required([([], [nameIn("node1")]), ([], [nameIn("node2")])]), node: "node2",
            preFilter: .allows(["node1", "node2"]), failure: nil),
        // Within a term the names intersect, and the intersection is empty.
        FilterCase(
            name: "Pod with two conflicting mach field requirements",
            affinity: required([([], [nameIn("node1"), nameIn("node2")])]), labels: [("foo", "bar")], node: "node2",
            preFilter: .rejects(.unschedulableAndUnresolvable, "pod affinity terms conflict"), failure: .nodeAffinityMismatch),
        FilterCase(
            name: "Matches added affinity and Pod's node affinity",
            affinity: required([([expression("zone", .in, ["foo"])], [])]), labels: [("zone", "foo")], node: "node2",
            added: addedNode2, failure: nil),
        FilterCase(
            name: "Matches added affinity but not Pod's node affinity",
            affinity: required([([expression("zone", .in, ["bar"])], [])]), labels: [("zone", "foo")], node: "node2",
            added: addedNode2, failure: .nodeAffinityMismatch),
        // A pod without node constraints still runs the Filter when the profile adds affinity.
        FilterCase(
            name: "Doesn't match added affinity",
            labels: [("zone", "foo")], node: "node2", added: required([([expression("zone", .in, ["bar"])], [])]),
            preFilter: .proceed, failure: .enforcedNodeAffinityMismatch),
    ]

    @Test("TestNodeAffinity", arguments: filterCases)
    func filter(_ testCase: FilterCase) {
        var fixture = ClusterFixture()
        for name in ["node1", "node2"] { fixture.bareNode(name, labels: name == testCase.node ? testCase.labels : []) }
        let pod = fixture.addPod(PodSpec(containers: [], nodeSelector: Labels(testCase.nodeSelector), nodeAffinity: testCase.affinity))
        let plugin = NodeAffinityPlugin(addedAffinity: testCase.added, symbols: fixture.cluster.symbols)
        let preFilter = plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster)
        let tested = fixture.cluster.node(named: testCase.node)
        let failure = fixture.filter(plugin, for: pod).failures.first { $0.node == tested }
        switch testCase.preFilter {
        case nil: break
        case .proceed: #expect(preFilter.isProceed)
        case .skip: #expect(preFilter.isSkip)
        case .allows(let names):
            #expect(preFilter.allowedNodes.map { Set($0.map { fixture.cluster.nodes.names[Int($0)] }) } == names)
        case .rejects(let code, let message):
            #expect(preFilter.rejection?.code == code)
            #expect(preFilter.rejection?.message == message)
        }
        #expect(failure?.reason == testCase.failure)
    }

    /// The Filter without PreFilter on one node, for two pods: this test keeps its own setup (one
    /// node holding every label both cases need, two pods) rather than a row of the table above.
    @Test(
        "upstream cases \"Matches node selector correctly even if PreFilter is not called\" and \"Matches node affinity correctly even if PreFilter is not called\""
    )
    func filterWithoutPreFilter() {
        var fixture = ClusterFixture()
        fixture.bareNode("node1", labels: [("foo", "bar"), ("baz", "blah"), ("GPU", "NVIDIA-GRID-K1")])
        let selectorPod = fixture.addPod(PodSpec(containers: [], nodeSelector: Labels([("foo", "bar")])))
        let affinityPod = fixture.addPod(
            PodSpec(
                containers: [],
                nodeAffinity: required([
                    (
                        [
                            expression("GPU", .exists),
                            expression("GPU", .notIn, ["AMD", "INTER"]),
                        ], []
                    )
                ])))
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

    private static let affinity1 = NodeAffinity(preferred: [preference(2, [expression("foo", .in, ["bar"])])])
    private static let affinity2 = NodeAffinity(preferred: [
        preference(2, [expression("foo", .in, ["bar"])]),
        preference(4, [expression("key", .in, ["value"])]),
        preference(5, [expression("foo", .in, ["bar"]), expression("key", .in, ["value"]), expression("az", .in, ["az1"])]),
    ])

    /// A row of upstream's `TestNodeAffinityPriority` (or two rows on the same input, named in
    /// `alsoCovers`): node1, node2, … with the given labels; the pod's and the profile's affinity;
    /// the scores after PreScore, and where given the scores without PreScore and whether PreScore
    /// lets the plugin score (false is Skip).
    struct ScoreCase: CustomTestStringConvertible, Sendable {
        let name: String
        var alsoCovers: String? = nil
        let nodes: [[(String, String)]]
        let affinity: NodeAffinity?
        var added: NodeAffinity? = nil
        var preScores: Bool? = nil
        let expected: [Int64]
        var expectedWithoutPreScore: [Int64]? = nil
        var testDescription: String { alsoCovers.map { "\(name) / \($0)" } ?? name }
    }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(
            name: "all nodes are same priority as NodeAffinity is nil",
            alsoCovers: "Skip is returned in PreScore when NodeAffinity is nil",
            nodes: [label1, label2, label3], affinity: nil, preScores: false, expected: [0, 0, 0]),
        // Raw 0 everywhere; the default normalizer leaves all-zero scores at 0.
        ScoreCase(
            name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
            nodes: [label4, label2, label3], affinity: affinity1, expected: [0, 0, 0]),
        // Raw 2, 0, 0; 100 × raw / 2 → 100, 0, 0.
        ScoreCase(
            name: "only node1 matches the preferred scheduling requirements of pod",
            nodes: [label1, label2, label3], affinity: affinity1, expected: [100, 0, 0]),
        // Raw 2, 2 + 4 + 5 = 11, 4; 100 × raw / 11 → 18, 100, 36.
        ScoreCase(
            name: "all nodes matches the preferred scheduling requirements of pod but with different priorities ",
            alsoCovers: "calculate the priorities correctly even if PreScore is not called",
            nodes: [label1, label5, label2], affinity: affinity2, expected: [18, 100, 36], expectedWithoutPreScore: [18, 100, 36]),
        // The profile's preferred term: raw 2, 0 → 100, 0.
        ScoreCase(name: "added affinity", nodes: [label1, label2], affinity: nil, added: affinity1, expected: [100, 0]),
        // Pod foo=bar weight 2, profile key=value weight 3: raw 2, 3, 5 → 100 × raw / 5 = 40, 60, 100.
        ScoreCase(
            name: "added affinity and pod has default affinity", nodes: [label1, label2, label5], affinity: affinity1,
            added: NodeAffinity(preferred: [preference(3, [expression("key", .in, ["value"])])]), expected: [40, 60, 100]),
    ]

    @Test("TestNodeAffinityPriority", arguments: scoreCases)
    func score(_ testCase: ScoreCase) {
        var fixture = ClusterFixture()
        for (index, nodeLabels) in testCase.nodes.enumerated() { fixture.bareNode("node\(index + 1)", labels: nodeLabels) }
        let pod = fixture.addPod(PodSpec(containers: [], nodeAffinity: testCase.affinity))
        let plugin = NodeAffinityPlugin(addedAffinity: testCase.added, symbols: fixture.cluster.symbols)
        if let preScores = testCase.preScores { #expect(fixture.preScores(plugin, for: pod) == preScores) }
        #expect(fixture.scores(plugin, for: pod) == testCase.expected)
        if let expected = testCase.expectedWithoutPreScore { #expect(fixture.scoresWithoutPreScore(plugin, for: pod) == expected) }
    }
}
