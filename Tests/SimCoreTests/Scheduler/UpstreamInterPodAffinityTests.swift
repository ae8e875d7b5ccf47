import TestSupport
import Testing

@testable import SimCore

/// A term whose selector has the given requirements, in `topologyKey`'s domain.
private func term(
    _ requirements: [SelectorRequirement], _ topologyKey: String, namespaces: [String] = [],
    namespaceSelector: LabelSelector? = nil
) -> PodAffinityTerm {
    PodAffinityTerm(
        labelSelector: LabelSelector(matchExpressions: requirements), namespaces: namespaces,
        namespaceSelector: namespaceSelector, topologyKey: topologyKey)
}

private func requirement(_ key: String, _ op: SelectorOperator, _ values: [String] = []) -> SelectorRequirement {
    SelectorRequirement(key: key, op: op, values: values)
}

/// A pod spec with required pod affinity and anti-affinity terms.
private func required(affinity: [PodAffinityTerm] = [], anti: [PodAffinityTerm] = []) -> PodSpec {
    PodSpec(
        containers: [], podAffinity: affinity.isEmpty ? nil : PodAffinityRules(required: affinity),
        podAntiAffinity: anti.isEmpty ? nil : PodAffinityRules(required: anti))
}

/// A pod spec with preferred pod affinity and anti-affinity terms.
private func preferred(affinity: [WeightedPodAffinityTerm] = [], anti: [WeightedPodAffinityTerm] = []) -> PodSpec {
    PodSpec(
        containers: [], podAffinity: affinity.isEmpty ? nil : PodAffinityRules(preferred: affinity),
        podAntiAffinity: anti.isEmpty ? nil : PodAffinityRules(preferred: anti))
}

private let team1 = LabelSelector(matchExpressions: [requirement("team", .in, ["team1"])])

extension ClusterFixture {
    /// Upstream's namespaces: subteam1.team1 and subteam2.team1 labelled team=team1,
    /// subteam1.team2 and subteam2.team2 labelled team=team2.
    fileprivate mutating func addTeamNamespaces() {
        for (name, team) in [("subteam1.team1", "team1"), ("subteam2.team1", "team1"), ("subteam1.team2", "team2"), ("subteam2.team2", "team2")] {
            cluster.addNamespace(name, labels: Labels([("team", team)]))
        }
    }

    /// PreFilter and Filter of InterPodAffinity for `pod` over every node.
    fileprivate func affinityStatuses(for pod: PodID) -> [UpstreamInterPodAffinityFilterTests.Status?] {
        filterOutcome(InterPodAffinity(), for: pod).map { failure in failure.map { .init(code: $0.code, reason: $0.reason) } }
    }

    fileprivate func affinityPreFilter(for pod: PodID) -> PreFilterResult {
        InterPodAffinity().preFilter(schedulingPod(pod), cluster: cluster)
    }
}

// Shared vocabulary of upstream's TestRequiredAffinitySingleNode and TestRequiredAffinityMultipleNodes.
private let securityscan = [("service", "securityscan")]
private let s1 = [("security", "S1")]
private let china = [("region", "China")]
private let chinaAz1 = [("region", "China"), ("az", "az1")]
private let india = [("region", "India")]

/// The two terms of the "different label operators" cases; the second's value is `value`.
private func operatorTerms(_ value: String) -> [PodAffinityTerm] {
    [
        term([requirement("service", .exists), requirement("wrongkey", .doesNotExist)], "region"),
        term([requirement("service", .in, [value]), requirement("service", .notIn, ["WrongValue"])], "region"),
    ]
}

private let regionAffinity = term([requirement("service", .in, ["securityscan", "value2"])], "region")
private let antivirusAntiAffinity = term([requirement("service", .in, ["antivirusscan", "value2"])], "node")
private let zoneAnti = term([requirement("service", .in, ["securityscan", "value2"])], "zone")
private let abcDefTerms = [term([requirement("abc", .exists)], "zone"), term([requirement("def", .exists)], "zone")]
private let selfAffineTerms = [term([requirement("foo", .in, ["bar"])], "zone"), term([requirement("service", .in, ["securityscan"])], "zone")]
private let fooRegionBarZone = [term([requirement("foo", .exists)], "region"), term([requirement("bar", .exists)], "zone")]
private let fooRegionBarZoneAffinity = [term([requirement("foo", .exists)], "region"), term([requirement("bar", .exists)], "zone")]

/// node1 (region r1, zone z11), the node of upstream's TestRequiredAffinitySingleNode.
private let singleNodeRow = [NodeRow("node1", [("region", "r1"), ("zone", "z11")])]

/// nodeA, nodeB (and nodeC when `zones` has three entries) in region r1 with those zones.
private func regionNodes(zones: [String]) -> [NodeRow] {
    let names = ["nodeA", "nodeB", "nodeC"]
    return zones.enumerated().map { index, zone in NodeRow(names[index], [("region", "r1"), ("zone", zone), ("hostname", names[index])]) }
}

/// Ports `TestRequiredAffinitySingleNode` and `TestRequiredAffinityMultipleNodes` from upstream's
/// `pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go`. Filter checks, first
/// failure wins: the pod's required affinity (UnschedulableAndUnresolvable), its required
/// anti-affinity, then existing pods' required anti-affinity (both Unschedulable).
@Suite("Upstream InterPodAffinity Filter")
struct UpstreamInterPodAffinityFilterTests {
    /// A filter status as upstream's InterPodAffinity tables give it: the code and the reason.
    struct Status: Equatable, Sendable {
        let code: FilterCode
        let reason: FilterReason

        static let affinityRulesNotMatch = Status(code: .unschedulableAndUnresolvable, reason: .podAffinityRulesNotMatch)
        static let antiAffinityRulesNotMatch = Status(code: .unschedulable, reason: .podAntiAffinityRulesNotMatch)
        static let existingAntiAffinityRulesNotMatch = Status(code: .unschedulable, reason: .existingPodsAntiAffinityRulesNotMatch)
    }

    /// A row of upstream's `TestRequiredAffinitySingleNode` or `TestRequiredAffinityMultipleNodes`:
    /// the nodes, whether the team namespaces exist, the existing pods, the incoming pod, and
    /// either each node's status after PreFilter and Filter or PreFilter's Skip.
    struct FilterCase: CustomTestStringConvertible, Sendable {
        enum Expected: Sendable {
            case statuses([Status?])
            case preFilterSkip
        }

        let name: String
        let nodes: [NodeRow]
        var teamNamespaces = false
        var existing: [PodRow] = []
        let pod: PodRow
        let expected: Expected
        var testDescription: String { name }

        /// A row of `TestRequiredAffinitySingleNode` on node1 (region r1, zone z11) with the team
        /// namespaces and, on node1, a pod of `existing` with `labels` in `namespace`.
        static func singleNode(
            _ name: String, existing spec: PodSpec = PodSpec(containers: []), labels: [(String, String)] = securityscan,
            namespace: String = "default", pod: PodRow, _ expected: Status?
        ) -> FilterCase {
            FilterCase(
                name: name, nodes: singleNodeRow, teamNamespaces: true, existing: [PodRow(spec, labels: labels, namespace: namespace, on: 0)],
                pod: pod, expected: .statuses([expected]))
        }
    }

    // MARK: TestRequiredAffinitySingleNode

    static let singleNodeCases: [FilterCase] = [
        FilterCase(
            name: "A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
            nodes: singleNodeRow, pod: PodRow(), expected: .preFilterSkip),
        // The existing pod matches, region r1 counts 1.
        .singleNode(
            "satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
            pod: PodRow(required(affinity: [term([requirement("service", .in, ["securityscan", "value2"])], "region")]), labels: s1),
            nil),
        .singleNode(
            "satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
            pod: PodRow(required(affinity: [term([requirement("service", .notIn, ["securityscan3", "value3"])], "region")]), labels: s1),
            nil),
        // The only matching pod is in "ns", not "DiffNameSpace" (and no node has the empty key).
        .singleNode(
            "Does not satisfy the PodAffinity with labelSelector because of diff Namespace", namespace: "ns",
            pod: PodRow(
                required(affinity: [
                    term(
                        [requirement("service", .in, ["securityscan", "value2"])], "",
                        namespaces: ["DiffNameSpace"])
                ]), labels: s1),
            .affinityRulesNotMatch),
        .singleNode(
            "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
            pod: PodRow(required(affinity: [term([requirement("service", .in, ["antivirusscan", "value2"])], "")]), labels: securityscan),
            .affinityRulesNotMatch),
        .singleNode(
            "satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ",
            pod: PodRow(required(affinity: operatorTerms("securityscan")), labels: s1), nil),
        // The existing pod fails the second term, so it matches not all terms and counts nowhere.
        .singleNode(
            "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
            pod: PodRow(required(affinity: operatorTerms("securityscan2")), labels: s1), .affinityRulesNotMatch),
        .singleNode(
            "satisfies the PodAffinity and PodAntiAffinity with the existing pod",
            pod: PodRow(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: s1), nil),
        .singleNode(
            "satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
            existing: required(anti: [antivirusAntiAffinity]),
            pod: PodRow(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: s1), nil),
        // The existing pod matches the anti-affinity term in zone z11.
        .singleNode(
            "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
            pod: PodRow(required(affinity: [regionAffinity], anti: [zoneAnti]), labels: s1), .antiAffinityRulesNotMatch),
        // The existing pod's anti-affinity matches the incoming pod: zone z11 is forbidden.
        .singleNode(
            "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
            existing: required(anti: [zoneAnti]),
            pod: PodRow(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: securityscan),
            .existingAntiAffinityRulesNotMatch),
        // Upstream binds the existing pod to node2, which is not in the snapshot: it counts nowhere.
        // No pod counts and the pod does not match its own term, so the first-pod exception does not apply.
        FilterCase(
            name: "pod matches its own Label in PodAffinity and that matches the existing pod Labels",
            nodes: singleNodeRow, existing: [PodRow(labels: securityscan)],
            pod: PodRow(
                required(affinity: [term([requirement("service", .notIn, ["securityscan", "value2"])], "region")]),
                labels: securityscan),
            expected: .statuses([.affinityRulesNotMatch])),
        .singleNode(
            "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
            existing: required(anti: [term([requirement("service", .in, ["securityscan", "value2"])], "zone")]),
            pod: PodRow(labels: securityscan), .existingAntiAffinityRulesNotMatch),
        // Nothing forbids anything and the pod has no terms of its own: Skip.
        FilterCase(
            name:
                "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
            nodes: singleNodeRow, teamNamespaces: true,
            existing: [
                PodRow(
                    required(anti: [term([requirement("service", .notIn, ["securityscan", "value2"])], "zone")]),
                    labels: securityscan, on: 0)
            ],
            pod: PodRow(labels: securityscan), expected: .preFilterSkip),
        // The pod's own anti-affinity (security exists, region r1) fails before the symmetry check.
        .singleNode(
            "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
            existing: required(anti: [term([requirement("security", .exists)], "zone")]), labels: s1,
            pod: PodRow(
                required(anti: [
                    term([requirement("service", .exists)], "region"),
                    term([requirement("security", .exists)], "region"),
                ]),
                labels: securityscan),
            .antiAffinityRulesNotMatch),
        .singleNode(
            "PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
            existing: required(anti: [term([requirement("security", .exists)], "zone")]), labels: s1,
            pod: PodRow(
                required(anti: [term([requirement("service", .exists)], "zone"), term([requirement("security", .exists)], "zone")]),
                labels: securityscan),
            .antiAffinityRulesNotMatch),
        // The pod's term (security) misses the existing pod; the existing pod's security term matches the pod.
        .singleNode(
            "PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
            existing: required(anti: [term([requirement("service", .exists)], "zone"), term([requirement("security", .exists)], "zone")]),
            pod: PodRow(required(anti: [term([requirement("security", .exists)], "zone")]), labels: s1),
            .existingAntiAffinityRulesNotMatch),
        .singleNode(
            "PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
            existing: required(anti: abcDefTerms), labels: [("def", ""), ("xyz", "")],
            pod: PodRow(required(anti: abcDefTerms), labels: [("abc", ""), ("xyz", "")]), .antiAffinityRulesNotMatch),
        .singleNode(
            "PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
            existing: required(anti: abcDefTerms), labels: [("abc", ""), ("xyz", "")],
            pod: PodRow(required(anti: abcDefTerms), labels: [("def", ""), ("xyz", "")]), .antiAffinityRulesNotMatch),
        .singleNode(
            "affinity with NamespaceSelector", namespace: "subteam1.team1",
            pod: PodRow(
                required(affinity: [
                    term(
                        [requirement("service", .in, ["securityscan", "value2"])], "region",
                        namespaceSelector: team1)
                ]), labels: s1),
            nil),
        .singleNode(
            "affinity with non-matching NamespaceSelector", namespace: "subteam1.team2",
            pod: PodRow(
                required(affinity: [
                    term(
                        [requirement("service", .in, ["securityscan", "value2"])], "region",
                        namespaceSelector: team1)
                ]), labels: s1),
            .affinityRulesNotMatch),
        .singleNode(
            "anti-affinity with matching NamespaceSelector", namespace: "subteam2.team1",
            pod: PodRow(
                required(anti: [term([requirement("service", .in, ["securityscan", "value2"])], "zone", namespaceSelector: team1)]),
                labels: s1, namespace: "subteam1.team1"),
            .antiAffinityRulesNotMatch),
        .singleNode(
            "anti-affinity with matching all NamespaceSelector", namespace: "subteam2.team1",
            pod: PodRow(
                required(anti: [
                    term(
                        [requirement("service", .in, ["securityscan", "value2"])], "zone",
                        namespaceSelector: LabelSelector())
                ]),
                labels: s1, namespace: "subteam1.team1"),
            .antiAffinityRulesNotMatch),
        .singleNode(
            "anti-affinity with non-matching NamespaceSelector", namespace: "subteam1.team2",
            pod: PodRow(
                required(anti: [term([requirement("service", .in, ["securityscan", "value2"])], "zone", namespaceSelector: team1)]),
                labels: s1, namespace: "subteam1.team1"),
            nil),
    ]

    // MARK: TestRequiredAffinityMultipleNodes

    static let multipleNodesCases: [FilterCase] = [
        // Region China counts 1; node3 is in India.
        FilterCase(
            name:
                "A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
            nodes: [NodeRow("node1", china), NodeRow("node2", chinaAz1), NodeRow("node3", india)],
            existing: [PodRow(labels: [("foo", "bar")], on: 0)],
            pod: PodRow(required(affinity: [term([requirement("foo", .in, ["bar"])], "region")])),
            expected: .statuses([nil, nil, .affinityRulesNotMatch])),
        // The existing pod matches only the first term, so nothing counts; the pod matches both of
        // its own terms and every node has "zone": the first pod of the group may go anywhere.
        FilterCase(
            name:
                "The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
            nodes: [NodeRow("nodeA", [("zone", "az1"), ("hostname", "h1")]), NodeRow("nodeB", [("zone", "az2"), ("hostname", "h2")])],
            existing: [PodRow(labels: [("foo", "bar")], on: 0)],
            pod: PodRow(required(affinity: selfAffineTerms), labels: [("foo", "bar"), ("service", "securityscan")]),
            expected: .statuses([nil, nil])),
        FilterCase(
            name: "The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
            nodes: [
                NodeRow("nodeA", [("zoneLabel", "az1"), ("hostname", "h1")]),
                NodeRow("nodeB", [("zoneLabel", "az2"), ("hostname", "h2")]),
            ],
            existing: [PodRow(labels: [("foo", "bar")], on: 0)],
            pod: PodRow(required(affinity: selfAffineTerms), labels: [("foo", "bar"), ("service", "securityscan")]),
            expected: .statuses([.affinityRulesNotMatch, .affinityRulesNotMatch])),
        FilterCase(
            name:
                "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
            nodes: [NodeRow("nodeA", [("region", "r1"), ("hostname", "nodeA")]), NodeRow("nodeB", [("region", "r1"), ("hostname", "nodeB")])],
            existing: [PodRow(labels: [("foo", "abc")], on: 0)],
            pod: PodRow(required(anti: [term([requirement("foo", .in, ["abc"])], "region")])),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])),
        FilterCase(
            name: "This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(labels: [("foo", "abc"), ("service", "securityscan")], on: 0)],
            pod: PodRow(
                required(anti: [
                    term([requirement("foo", .in, ["abc"])], "region"),
                    term([requirement("service", .in, ["securityscan"])], "zone"),
                ])),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])),
        FilterCase(
            name:
                "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
            nodes: [NodeRow("nodeA", china), NodeRow("nodeB", chinaAz1), NodeRow("nodeC", india)],
            existing: [PodRow(labels: [("foo", "abc")], on: 0)],
            pod: PodRow(required(anti: [term([requirement("foo", .in, ["abc"])], "region")])),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch, nil])),
        // nodeC's pod is in NS2 and its term selects NS2 only, so it does not forbid the NS1 pod.
        FilterCase(
            name:
                "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
            nodes: [NodeRow("nodeA", china), NodeRow("nodeB", chinaAz1), NodeRow("nodeC", india)],
            existing: [
                PodRow(labels: [("foo", "bar")], namespace: "NS1", on: 0),
                PodRow(required(anti: [term([requirement("foo", .in, ["123"])], "region")]), namespace: "NS2", on: 2),
            ],
            pod: PodRow(required(anti: [term([requirement("foo", .in, ["bar"])], "region")]), labels: [("foo", "123")], namespace: "NS1"),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch, nil])),
        // The term matches the pod but no node has the key: nothing is forbidden, Skip.
        FilterCase(
            name:
                "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
            nodes: regionNodes(zones: ["z1", "z1"]),
            existing: [PodRow(required(anti: [term([requirement("foo", .exists)], "invalid-node-label")]), on: 0)],
            pod: PodRow(labels: [("foo", "")]),
            expected: .preFilterSkip),
        FilterCase(
            name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
            nodes: regionNodes(zones: ["z1", "z1"]),
            existing: [PodRow(labels: [("foo", "")], on: 0)],
            pod: PodRow(required(anti: [term([requirement("foo", .exists)], "invalid-node-label")])),
            expected: .statuses([nil, nil])),
        // Forbidden: zone z1 (nodeA) and region r1 (both nodes).
        FilterCase(
            name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [
                PodRow(required(anti: [term([requirement("foo", .exists)], "zone")]), on: 0),
                PodRow(required(anti: [term([requirement("bar", .exists)], "region")]), on: 0),
            ],
            pod: PodRow(labels: [("foo", ""), ("bar", "")]),
            expected: .statuses([.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch])),
        FilterCase(
            name:
                "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(labels: [("foo", "")], on: 0), PodRow(labels: [("bar", "")], on: 1)],
            pod: PodRow(required(anti: [term([requirement("foo", .exists)], "zone"), term([requirement("bar", .exists)], "region")])),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])),
        // Only zone z1 is forbidden.
        FilterCase(
            name:
                "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [
                PodRow(
                    required(anti: [
                        term([requirement("foo", .exists)], "invalid-node-label"),
                        term([requirement("bar", .exists)], "zone"),
                    ]), on: 0)
            ],
            pod: PodRow(labels: [("foo", ""), ("bar", "")]),
            expected: .statuses([.existingAntiAffinityRulesNotMatch, nil])),
        FilterCase(
            name:
                "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(labels: [("foo", ""), ("bar", "")], on: 0)],
            pod: PodRow(
                required(anti: [
                    term([requirement("foo", .exists)], "invalid-node-label"),
                    term([requirement("bar", .exists)], "zone"),
                ])),
            expected: .statuses([.antiAffinityRulesNotMatch, nil])),
        // Forbidden: region r1 (both nodes) and zone z1.
        FilterCase(
            name:
                "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(required(anti: fooRegionBarZone), on: 0)],
            pod: PodRow(labels: [("foo", ""), ("bar", "")]),
            expected: .statuses([.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch])),
        FilterCase(
            name:
                "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(labels: [("foo", ""), ("bar", "")], on: 0)],
            pod: PodRow(required(anti: fooRegionBarZone)),
            expected: .statuses([.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])),
        FilterCase(
            name:
                "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
            nodes: regionNodes(zones: ["z1", "z2", "z3"]),
            existing: [
                PodRow(
                    required(anti: [term([requirement("foo", .exists)], "zone"), term([requirement("labelA", .exists)], "zone")]),
                    on: 0),
                PodRow(
                    required(anti: [term([requirement("bar", .exists)], "zone"), term([requirement("labelB", .exists)], "zone")]),
                    on: 1),
            ],
            pod: PodRow(labels: [("foo", ""), ("bar", "")]),
            expected: .statuses([.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch, nil])),
        // The pod on nodeA matches both terms: region r1 and zone z1 count 1, both nodes share them.
        FilterCase(
            name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
            nodes: regionNodes(zones: ["z1", "z1"]),
            existing: [PodRow(labels: [("foo", ""), ("bar", "")], on: 0)],
            pod: PodRow(required(affinity: fooRegionBarZoneAffinity)),
            expected: .statuses([nil, nil])),
        // No single pod matches both terms, nothing counts, and the unlabelled pod is not self-affine.
        FilterCase(
            name:
                "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
            nodes: regionNodes(zones: ["z1", "z2"]),
            existing: [PodRow(labels: [("foo", "")], on: 0), PodRow(labels: [("bar", "")], on: 1)],
            pod: PodRow(required(affinity: fooRegionBarZoneAffinity)),
            expected: .statuses([.affinityRulesNotMatch, .affinityRulesNotMatch])),
    ]

    private func run(_ testCase: FilterCase) {
        var fixture = ClusterFixture()
        let nodes = fixture.add(testCase.nodes)
        if testCase.teamNamespaces { fixture.addTeamNamespaces() }
        fixture.add(testCase.existing, on: nodes)
        let pod = fixture.add(testCase.pod, on: nodes)[0]
        switch testCase.expected {
        case .statuses(let statuses): #expect(fixture.affinityStatuses(for: pod) == statuses)
        case .preFilterSkip: #expect(fixture.affinityPreFilter(for: pod).isSkip)
        }
    }

    @Test("TestRequiredAffinitySingleNode", arguments: singleNodeCases)
    func singleNode(_ testCase: FilterCase) { run(testCase) }

    @Test("TestRequiredAffinityMultipleNodes", arguments: multipleNodesCases)
    func multipleNodes(_ testCase: FilterCase) { run(testCase) }
}

/// The preferred terms of upstream's `TestPreferredAffinity`.
private enum Preferred {
    static func security(
        _ op: SelectorOperator, _ values: [String], _ topologyKey: String, weight: Int32,
        namespaces: [String] = [], namespaceSelector: LabelSelector? = nil
    ) -> WeightedPodAffinityTerm {
        WeightedPodAffinityTerm(
            weight: weight,
            term: term(
                [requirement("security", op, values)], topologyKey,
                namespaces: namespaces, namespaceSelector: namespaceSelector))
    }

    static let stayWithS1InRegion = preferred(affinity: [security(.in, ["S1"], "region", weight: 5)])
    static let stayWithS2InRegion = preferred(affinity: [security(.in, ["S2"], "region", weight: 6)])
    static let affinity3 = preferred(affinity: [
        WeightedPodAffinityTerm(weight: 8, term: term([requirement("security", .notIn, ["S1"]), requirement("security", .in, ["S2"])], "region")),
        WeightedPodAffinityTerm(weight: 2, term: term([requirement("security", .exists), requirement("wrongkey", .doesNotExist)], "region")),
    ])
    static let hardAffinity = required(affinity: [
        term([requirement("security", .in, ["S1", "value2"])], "region"),
        term([requirement("security", .exists), requirement("wrongkey", .doesNotExist)], "region"),
    ])
    static let awayFromS1InAz = preferred(anti: [security(.in, ["S1"], "az", weight: 5)])
    static let awayFromS2InAz = preferred(anti: [security(.in, ["S2"], "az", weight: 5)])
    static let stayWithS1InRegionAwayFromS2InAz = preferred(
        affinity: [security(.in, ["S1"], "region", weight: 8)],
        anti: [security(.in, ["S2"], "az", weight: 5)])
    static let affinityNamespaceSelector = preferred(affinity: [
        security(
            .in, ["S1"], "region", weight: 5, namespaces: ["subteam2.team2"],
            namespaceSelector: team1)
    ])
    static let antiAffinityNamespaceSelector = preferred(anti: [
        security(
            .in, ["S1"], "region", weight: 5, namespaces: ["subteam2.team2"],
            namespaceSelector: team1)
    ])
}

// Labels of upstream's TestPreferredAffinity.
private let s2 = [("security", "S2")]
private let az1 = [("az", "az1")]
private let az2 = [("az", "az2")]

/// Ports `TestPreferredAffinity` and `TestPreferredAffinityWithHardPodAffinitySymmetricWeight` from
/// upstream's `pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go`. Each (key, value)
/// pair collects ± weights from matching pods in its domain; a node scores the sum over its labels,
/// then `int(100 × (raw − min) / (max − min))`.
@Suite("Upstream InterPodAffinity Score")
struct UpstreamInterPodAffinityScoreTests {
    /// A row of upstream's `TestPreferredAffinity`: the team namespaces (unless told) and nodes
    /// node1, node2, … with the given labels, the existing pods, the incoming pod, the plugin's
    /// `ignorePreferredTermsOfExistingPods`, and either the scores or PreScore's Skip (nil).
    /// `variant` tells apart rows upstream names alike.
    struct ScoreCase: CustomTestStringConvertible, Sendable {
        let name: String
        var variant: String? = nil
        var teamNamespaces = true
        let nodes: [[(String, String)]]
        var existing: [PodRow] = []
        let pod: PodRow
        var ignorePreferredTermsOfExistingPods = false
        let expected: [Int64]?
        var testDescription: String { variant.map { "\(name) (\($0))" } ?? name }
    }

    static let scoreCases: [ScoreCase] = [
        ScoreCase(
            name: "all nodes are same priority as Affinity is nil",
            nodes: [china, india, az1], pod: PodRow(labels: s1), expected: nil),
        // region China +5 (node3's S1 pod has no region); raw 5, 0, 0 → 100, 0, 0.
        ScoreCase(
            name:
                "Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
            nodes: [china, india, az1],
            existing: [PodRow(labels: s1, on: 0), PodRow(labels: s2, on: 1), PodRow(labels: s1, on: 2)],
            pod: PodRow(Preferred.stayWithS1InRegion, labels: s1), expected: [100, 0, 0]),
        // region China +5: raw 5, 5, 0 → 100, 100, 0.
        ScoreCase(
            name:
                "All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
            nodes: [china, chinaAz1, india], existing: [PodRow(labels: s1, on: 0)],
            pod: PodRow(Preferred.stayWithS1InRegion), expected: [100, 100, 0]),
        // China holds 4 S2 pods (4 × 6 = 24), India 2 (12): min 12, max 24 → China 100, India 0.
        ScoreCase(
            name:
                "Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score",
            nodes: [china, india, china, china, india],
            existing: [0, 0, 1, 2, 3, 4].map { PodRow(labels: s2, on: $0) },
            pod: PodRow(Preferred.stayWithS2InRegion, labels: s1), expected: [100, 0, 100, 100, 0]),
        // China: S1 matches only the weight-2 term (+2). India: S2 matches both (+8 + 2 = 10).
        // Raw 2, 10, 0; min 0, max 10 → 20, 100, 0.
        ScoreCase(
            name: "Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ",
            nodes: [china, india, az1],
            existing: [PodRow(labels: s1, on: 0), PodRow(labels: s2, on: 1), PodRow(labels: s1, on: 2)],
            pod: PodRow(Preferred.affinity3, labels: s1), expected: [20, 100, 0]),
        // The S2 pod matches node2's pod's preferred term: India +6 → 0, 100, 0.
        ScoreCase(
            name: "Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
            nodes: [china, india, az1],
            existing: [PodRow(Preferred.stayWithS1InRegion, labels: s1, on: 0), PodRow(Preferred.stayWithS2InRegion, labels: s2, on: 1)],
            pod: PodRow(labels: s2), expected: [0, 100, 0]),
        // subteam1.team1 has team=team1: China +5 → 100, 0, 0.
        ScoreCase(
            name: "Affinity symmetry with namespace selector",
            nodes: [china, india, az1],
            existing: [
                PodRow(Preferred.affinityNamespaceSelector, labels: s1, on: 0),
                PodRow(Preferred.stayWithS2InRegion, labels: s2, on: 1),
            ],
            pod: PodRow(labels: s1, namespace: "subteam1.team1"), expected: [100, 0, 0]),
        // China −5: raw −5, 0, 0; min −5, max 0 → 0, 100, 100.
        ScoreCase(
            name: "AntiAffinity symmetry with namespace selector",
            nodes: [china, india, az1],
            existing: [
                PodRow(Preferred.antiAffinityNamespaceSelector, labels: s1, on: 0),
                PodRow(Preferred.stayWithS2InRegion, labels: s2, on: 1),
            ],
            pod: PodRow(labels: s1, namespace: "subteam1.team1"), expected: [0, 100, 100]),
        // The S1 pod matches both required terms of each existing pod, hardPodAffinityWeight 1 each:
        // China +2, India +2 → raw 2, 2, 0 → 100, 100, 0.
        ScoreCase(
            name: "Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
            nodes: [china, india, az1],
            existing: [PodRow(Preferred.hardAffinity, labels: s1, on: 0), PodRow(Preferred.hardAffinity, labels: s2, on: 1)],
            pod: PodRow(labels: s1), expected: [100, 100, 0]),
        // az1 −5: raw −5, 0 → 0, 100.
        ScoreCase(
            name: "Anti Affinity: pod that does not match existing pods in node will get high score ",
            nodes: [az1, china], existing: [PodRow(labels: s1, on: 0), PodRow(labels: s2, on: 1)],
            pod: PodRow(Preferred.awayFromS1InAz, labels: s1), expected: [0, 100]),
        // node2 has no az label: only az1 −5 → 0, 100.
        ScoreCase(
            name: "Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ",
            nodes: [az1, china], existing: [PodRow(labels: s1, on: 0), PodRow(labels: s1, on: 1)],
            pod: PodRow(Preferred.awayFromS1InAz, labels: s1), expected: [0, 100]),
        // az1 −10: raw −10, 0 → 0, 100.
        ScoreCase(
            name: "Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score",
            nodes: [az1, india], existing: [PodRow(labels: s1, on: 0), PodRow(labels: s1, on: 0), PodRow(labels: s2, on: 1)],
            pod: PodRow(Preferred.awayFromS1InAz, labels: s1), expected: [0, 100]),
        // The S2 pod matches node1's pod's anti term: az1 −5 → 0, 100.
        ScoreCase(
            name: "Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score",
            nodes: [az1, az2],
            existing: [PodRow(Preferred.awayFromS2InAz, labels: s1, on: 0), PodRow(Preferred.awayFromS1InAz, labels: s2, on: 1)],
            pod: PodRow(labels: s2), expected: [0, 100]),
        // China +8; no S2 pod anywhere: raw 8, 0 → 100, 0.
        ScoreCase(
            name: "Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity",
            nodes: [china, az1], existing: [PodRow(labels: s1, on: 0), PodRow(labels: s1, on: 1)],
            pod: PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: s1), expected: [100, 0]),
        // China holds 5 S1 pods (40), India 2 (16); no S2 pods: min 16, max 40 → China 100, India 0.
        ScoreCase(
            name:
                "Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels",
            nodes: [chinaAz1, india, china, china, india],
            existing: [0, 0, 1, 2, 2, 3, 4].map { PodRow(labels: s1, on: $0) },
            pod: PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: s1), expected: [100, 0, 100, 100, 0]),
        // Affinity: China +8. Anti-affinity: az1 −5. Symmetry: node3's pod prefers S1 (India +8),
        // node4's pod avoids S1 (az2 −5). Raw 8, −5, 8, −5 → 100, 0, 100, 0.
        ScoreCase(
            name:
                "Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry",
            nodes: [china, az1, india, az2],
            existing: [
                PodRow(labels: s1, on: 0), PodRow(labels: s2, on: 1),
                PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, on: 2), PodRow(Preferred.awayFromS1InAz, on: 3),
            ],
            pod: PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: s1), expected: [100, 0, 100, 0]),
        // node2's pod prefers S1 in its region: China +8 for both nodes; max = min → 0, 0.
        ScoreCase(
            name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
            nodes: [china, china],
            existing: [PodRow(labels: s1, on: 0), PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, on: 1)],
            pod: PodRow(labels: s1), expected: [0, 0]),
        // team1 namespaces only: China 2 × 5 = 10, India 5 → 100, 0.
        ScoreCase(
            name: "Affinity with pods matching NamespaceSelector",
            nodes: [china, india],
            existing: [
                PodRow(labels: s1, namespace: "subteam1.team1", on: 0), PodRow(labels: s1, namespace: "subteam1.team1", on: 0),
                PodRow(labels: s1, namespace: "subteam1.team2", on: 0), PodRow(labels: s1, namespace: "subteam2.team1", on: 1),
            ],
            pod: PodRow(Preferred.affinityNamespaceSelector, labels: s1, namespace: "subteam1.team1"), expected: [100, 0]),
        // team1 namespaces plus the listed subteam2.team2: China 15, India 5 → 100, 0.
        ScoreCase(
            name: "Affinity with pods matching both NamespaceSelector and Namespaces fields",
            nodes: [china, india],
            existing: [
                PodRow(labels: s1, namespace: "subteam1.team1", on: 0), PodRow(labels: s1, namespace: "subteam1.team1", on: 0),
                PodRow(labels: s1, namespace: "subteam2.team2", on: 0), PodRow(labels: s1, namespace: "subteam2.team1", on: 1),
            ],
            pod: PodRow(Preferred.affinityNamespaceSelector, labels: s1, namespace: "subteam1.team1"), expected: [100, 0]),
        // China −10, India −5: min −10, max −5 → 0, 100.
        ScoreCase(
            name: "Affinity with pods matching NamespaceSelector", variant: "anti-affinity",
            nodes: [china, india],
            existing: [
                PodRow(labels: s1, namespace: "subteam1.team1", on: 0), PodRow(labels: s1, namespace: "subteam1.team1", on: 0),
                PodRow(labels: s1, namespace: "subteam1.team2", on: 0), PodRow(labels: s1, namespace: "subteam2.team1", on: 1),
            ],
            pod: PodRow(Preferred.antiAffinityNamespaceSelector, labels: s1, namespace: "subteam1.team1"), expected: [0, 100]),
        // China −15, India −5 → 0, 100.
        ScoreCase(
            name: "Affinity with pods matching both NamespaceSelector and Namespaces fields", variant: "anti-affinity",
            nodes: [china, india],
            existing: [
                PodRow(labels: s1, namespace: "subteam1.team1", on: 0), PodRow(labels: s1, namespace: "subteam1.team1", on: 0),
                PodRow(labels: s1, namespace: "subteam2.team2", on: 0), PodRow(labels: s1, namespace: "subteam2.team1", on: 1),
            ],
            pod: PodRow(Preferred.antiAffinityNamespaceSelector, labels: s1, namespace: "subteam1.team1"), expected: [0, 100]),
        // node1 (China) and node2 (India) hold a pod with `stayWithS1InRegionAwayFromS2InAz` and
        // `stayWithS2InRegion`.
        ScoreCase(
            name: "Ignore preferred terms of existing pods",
            nodes: [china, india],
            existing: [
                PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: s1, on: 0),
                PodRow(Preferred.stayWithS2InRegion, labels: s2, on: 1),
            ],
            pod: PodRow(labels: s2), ignorePreferredTermsOfExistingPods: true, expected: nil),
        // node2's pod prefers S2 in its region: India +6 (node1's pod avoids S2 in az, which China lacks) → 0, 100.
        ScoreCase(
            name: "Do not ignore preferred terms of existing pods",
            nodes: [china, india],
            existing: [
                PodRow(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: s1, on: 0),
                PodRow(Preferred.stayWithS2InRegion, labels: s2, on: 1),
            ],
            pod: PodRow(labels: s2), expected: [0, 100]),
        ScoreCase(name: "No nodes to score", teamNamespaces: false, nodes: [], pod: PodRow(labels: s2), expected: nil),
    ]

    @Test("TestPreferredAffinity", arguments: scoreCases)
    func preferredAffinity(_ testCase: ScoreCase) {
        var fixture = ClusterFixture()
        if testCase.teamNamespaces { fixture.addTeamNamespaces() }
        let nodes = fixture.add(testCase.nodes.enumerated().map { index, labels in NodeRow("node\(index + 1)", labels) })
        fixture.add(testCase.existing, on: nodes)
        let pod = fixture.add(testCase.pod, on: nodes)[0]
        let plugin = InterPodAffinity(ignorePreferredTermsOfExistingPods: testCase.ignorePreferredTermsOfExistingPods)
        if let expected = testCase.expected {
            #expect(fixture.scores(plugin, for: pod) == expected)
        } else {
            #expect(!fixture.preScores(plugin, for: pod))
        }
    }

    // MARK: TestPreferredAffinityWithHardPodAffinitySymmetricWeight

    /// A row of upstream's `TestPreferredAffinityWithHardPodAffinitySymmetricWeight`: two nodes
    /// (China, India) holding a pod whose required affinity selects service=S1 in region, in the
    /// namespaces "default" (upstream's "") and subteam2.team2 or those labelled team=team1; a third
    /// node in az1; the incoming pod labelled service=S1 in `namespace`. The scores with
    /// `hardPodAffinityWeight`, or PreScore's Skip (nil).
    struct HardWeightCase: CustomTestStringConvertible, Sendable {
        let name: String
        let namespace: String
        let hardPodAffinityWeight: Int64
        let expected: [Int64]?
        var testDescription: String { name }
    }

    static let hardWeightCases: [HardWeightCase] = [
        // China +1, India +1: raw 1, 1, 0 → 100, 100, 0.
        HardWeightCase(name: "with default weight", namespace: "default", hardPodAffinityWeight: 1, expected: [100, 100, 0]),
        HardWeightCase(name: "with zero weight", namespace: "default", hardPodAffinityWeight: 0, expected: nil),
        HardWeightCase(name: "with no matching namespace", namespace: "subteam1.team2", hardPodAffinityWeight: 1, expected: nil),
        HardWeightCase(name: "with matching NamespaceSelector", namespace: "subteam1.team1", hardPodAffinityWeight: 1, expected: [100, 100, 0]),
        HardWeightCase(name: "with matching Namespaces", namespace: "subteam2.team2", hardPodAffinityWeight: 1, expected: [100, 100, 0]),
    ]

    @Test("TestPreferredAffinityWithHardPodAffinitySymmetricWeight", arguments: hardWeightCases)
    func hardPodAffinityWeight(_ testCase: HardWeightCase) {
        var fixture = ClusterFixture()
        fixture.addTeamNamespaces()
        let nodes = fixture.add([NodeRow("node1", china), NodeRow("node2", india), NodeRow("node3", az1)])
        let hard = required(affinity: [
            term(
                [requirement("service", .in, ["S1"])], "region", namespaces: ["default", "subteam2.team2"],
                namespaceSelector: team1)
        ])
        fixture.addPod(hard, on: nodes[0])
        fixture.addPod(hard, on: nodes[1])
        let pod = fixture.addPod(labels: [("service", "S1")], namespace: testCase.namespace)
        let plugin = InterPodAffinity(hardPodAffinityWeight: testCase.hardPodAffinityWeight)
        if let expected = testCase.expected {
            #expect(fixture.scores(plugin, for: pod) == expected)
        } else {
            #expect(!fixture.preScores(plugin, for: pod))
        }
    }
}
