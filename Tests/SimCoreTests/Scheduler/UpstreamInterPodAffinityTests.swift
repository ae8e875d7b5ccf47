import Testing
@testable import SimCore
import TestSupport

/// A filter status as upstream's InterPodAffinity tables give it: the code and the reason.
private struct Status: Equatable {
    let code: FilterCode
    let reason: FilterReason

    static let affinityRulesNotMatch = Status(code: .unschedulableAndUnresolvable, reason: .podAffinityRulesNotMatch)
    static let antiAffinityRulesNotMatch = Status(code: .unschedulable, reason: .podAntiAffinityRulesNotMatch)
    static let existingAntiAffinityRulesNotMatch = Status(code: .unschedulable, reason: .existingPodsAntiAffinityRulesNotMatch)
}

/// A term whose selector has the given requirements, in `topologyKey`'s domain.
private func term(_ requirements: [SelectorRequirement], _ topologyKey: String, namespaces: [String] = [],
                  namespaceSelector: LabelSelector? = nil) -> PodAffinityTerm {
    PodAffinityTerm(labelSelector: LabelSelector(matchExpressions: requirements), namespaces: namespaces,
                    namespaceSelector: namespaceSelector, topologyKey: topologyKey)
}

private func requirement(_ key: String, _ op: SelectorOperator, _ values: [String] = []) -> SelectorRequirement {
    SelectorRequirement(key: key, op: op, values: values)
}

/// A pod spec with required pod affinity and anti-affinity terms.
private func required(affinity: [PodAffinityTerm] = [], anti: [PodAffinityTerm] = []) -> PodSpec {
    PodSpec(containers: [], podAffinity: affinity.isEmpty ? nil : PodAffinityRules(required: affinity),
            podAntiAffinity: anti.isEmpty ? nil : PodAffinityRules(required: anti))
}

/// A pod spec with preferred pod affinity and anti-affinity terms.
private func preferred(affinity: [WeightedPodAffinityTerm] = [], anti: [WeightedPodAffinityTerm] = []) -> PodSpec {
    PodSpec(containers: [], podAffinity: affinity.isEmpty ? nil : PodAffinityRules(preferred: affinity),
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
    fileprivate func affinityStatuses(for pod: PodID) -> [Status?] {
        filterOutcome(InterPodAffinity(), for: pod).map { failure in failure.map { Status(code: $0.code, reason: $0.reason) } }
    }

    /// The team namespaces and nodes named node1, node2, … with the given labels.
    @discardableResult
    fileprivate mutating func scoringNodes(_ labels: [[(String, String)]]) -> [NodeID] {
        addTeamNamespaces()
        return labels.enumerated().map { index, labels in bareNode("node\(index + 1)", labels: labels) }
    }

    fileprivate func affinityPreFilter(for pod: PodID) -> PreFilterResult {
        InterPodAffinity().preFilter(schedulingPod(pod), cluster: cluster)
    }
}

/// Ports `TestRequiredAffinitySingleNode` and `TestRequiredAffinityMultipleNodes` from upstream's
/// `pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go`. Filter checks, first
/// failure wins: the pod's required affinity (UnschedulableAndUnresolvable), its required
/// anti-affinity, then existing pods' required anti-affinity (both Unschedulable).
@Suite("Upstream InterPodAffinity Filter")
struct UpstreamInterPodAffinityFilterTests {
    private static let securityscan = [("service", "securityscan")]
    private static let s1 = [("security", "S1")]

    /// node1 (region r1, zone z11) with the pod labelled service=securityscan on it.
    private func singleNode(existing spec: PodSpec = PodSpec(containers: []), labels: [(String, String)] = securityscan,
                            namespace: String = "default") -> ClusterFixture {
        var fixture = ClusterFixture()
        let node = fixture.bareNode("node1", labels: [("region", "r1"), ("zone", "z11")])
        fixture.addTeamNamespaces()
        fixture.addPod(spec, labels: labels, namespace: namespace, on: node)
        return fixture
    }

    @Test("single node — upstream case \"A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods\"")
    func noRules() {
        var fixture = ClusterFixture()
        fixture.bareNode("node1", labels: [("region", "r1"), ("zone", "z11")])
        let pod = fixture.addPod()
        #expect(fixture.affinityPreFilter(for: pod).isSkip)
    }

    @Test("single node — upstream case \"satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod\"")
    func affinityIn() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: [term([requirement("service", .in, ["securityscan", "value2"])], "region")]), labels: Self.s1)
        // The existing pod matches, region r1 counts 1.
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("single node — upstream case \"satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod\"")
    func affinityNotIn() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: [term([requirement("service", .notIn, ["securityscan3", "value3"])], "region")]), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("single node — upstream case \"Does not satisfy the PodAffinity with labelSelector because of diff Namespace\"")
    func affinityOtherNamespace() {
        var fixture = singleNode(namespace: "ns")
        let pod = fixture.addPod(required(affinity: [term([requirement("service", .in, ["securityscan", "value2"])], "",
                                                          namespaces: ["DiffNameSpace"])]), labels: Self.s1)
        // The only matching pod is in "ns", not "DiffNameSpace" (and no node has the empty key).
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch])
    }

    @Test("single node — upstream case \"Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod\"")
    func affinityUnmatchedSelector() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: [term([requirement("service", .in, ["antivirusscan", "value2"])], "")]),
                                 labels: Self.securityscan)
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch])
    }

    /// The two terms of the "different label operators" cases; the second's value is `value`.
    private func operatorTerms(_ value: String) -> [PodAffinityTerm] {
        [term([requirement("service", .exists), requirement("wrongkey", .doesNotExist)], "region"),
         term([requirement("service", .in, [value]), requirement("service", .notIn, ["WrongValue"])], "region")]
    }

    @Test("single node — upstream case \"satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution \"")
    func affinityOperators() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: operatorTerms("securityscan")), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("single node — upstream case \"The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.\"")
    func affinityOperatorsAnded() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: operatorTerms("securityscan2")), labels: Self.s1)
        // The existing pod fails the second term, so it matches not all terms and counts nowhere.
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch])
    }

    private let regionAffinity = term([requirement("service", .in, ["securityscan", "value2"])], "region")
    private let antivirusAntiAffinity = term([requirement("service", .in, ["antivirusscan", "value2"])], "node")

    @Test("single node — upstream case \"satisfies the PodAffinity and PodAntiAffinity with the existing pod\"")
    func affinityAndAntiAffinity() {
        var fixture = singleNode()
        let pod = fixture.addPod(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("single node — upstream case \"satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod\"")
    func affinityAntiAffinityAndSymmetry() {
        var fixture = singleNode(existing: required(anti: [antivirusAntiAffinity]))
        let pod = fixture.addPod(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("single node — upstream case \"satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod\"")
    func antiAffinityViolated() {
        var fixture = singleNode()
        let zoneAnti = term([requirement("service", .in, ["securityscan", "value2"])], "zone")
        let pod = fixture.addPod(required(affinity: [regionAffinity], anti: [zoneAnti]), labels: Self.s1)
        // The existing pod matches the anti-affinity term in zone z11.
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod\"")
    func symmetryViolated() {
        let zoneAnti = term([requirement("service", .in, ["securityscan", "value2"])], "zone")
        var fixture = singleNode(existing: required(anti: [zoneAnti]))
        let pod = fixture.addPod(required(affinity: [regionAffinity], anti: [antivirusAntiAffinity]), labels: Self.securityscan)
        // The existing pod's anti-affinity matches the incoming pod: zone z11 is forbidden.
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"pod matches its own Label in PodAffinity and that matches the existing pod Labels\"")
    func notSelfAffine() {
        var fixture = ClusterFixture()
        fixture.bareNode("node1", labels: [("region", "r1"), ("zone", "z11")])
        // Upstream binds this pod to node2, which is not in the snapshot: it counts nowhere.
        fixture.addPod(labels: Self.securityscan)
        let pod = fixture.addPod(required(affinity: [term([requirement("service", .notIn, ["securityscan", "value2"])], "region")]),
                                 labels: Self.securityscan)
        // No pod counts and the pod does not match its own term, so the first-pod exception does not apply.
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch])
    }

    @Test("single node — upstream case \"verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod\"")
    func existingAntiAffinityRespected() {
        var fixture = singleNode(existing: required(anti: [term([requirement("service", .in, ["securityscan", "value2"])], "zone")]))
        let pod = fixture.addPod(labels: Self.securityscan)
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod\"")
    func existingAntiAffinityNotMatching() {
        var fixture = singleNode(existing: required(anti: [term([requirement("service", .notIn, ["securityscan", "value2"])], "zone")]))
        let pod = fixture.addPod(labels: Self.securityscan)
        // Nothing forbids anything and the pod has no terms of its own: Skip.
        #expect(fixture.affinityPreFilter(for: pod).isSkip)
    }

    @Test("single node — upstream case \"satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod\"")
    func incomingAntiAffinityFirst() {
        var fixture = singleNode(existing: required(anti: [term([requirement("security", .exists)], "zone")]), labels: Self.s1)
        let pod = fixture.addPod(required(anti: [term([requirement("service", .exists)], "region"), term([requirement("security", .exists)], "region")]),
                                 labels: Self.securityscan)
        // The pod's own anti-affinity (security exists, region r1) fails before the symmetry check.
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms\"")
    func symmetryA1() {
        var fixture = singleNode(existing: required(anti: [term([requirement("security", .exists)], "zone")]), labels: Self.s1)
        let pod = fixture.addPod(required(anti: [term([requirement("service", .exists)], "zone"), term([requirement("security", .exists)], "zone")]),
                                 labels: Self.securityscan)
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms\"")
    func symmetryA2() {
        var fixture = singleNode(existing: required(anti: [term([requirement("service", .exists)], "zone"), term([requirement("security", .exists)], "zone")]))
        let pod = fixture.addPod(required(anti: [term([requirement("security", .exists)], "zone")]), labels: Self.s1)
        // The pod's term (security) misses the existing pod; the existing pod's security term matches the pod.
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch])
    }

    private let abcDefTerms = [term([requirement("abc", .exists)], "zone"), term([requirement("def", .exists)], "zone")]

    @Test("single node — upstream case \"PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms\"")
    func symmetryB1() {
        var fixture = singleNode(existing: required(anti: abcDefTerms), labels: [("def", ""), ("xyz", "")])
        let pod = fixture.addPod(required(anti: abcDefTerms), labels: [("abc", ""), ("xyz", "")])
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("single node — upstream case \"PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms\"")
    func symmetryB2() {
        var fixture = singleNode(existing: required(anti: abcDefTerms), labels: [("abc", ""), ("xyz", "")])
        let pod = fixture.addPod(required(anti: abcDefTerms), labels: [("def", ""), ("xyz", "")])
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("namespaces — upstream case \"affinity with NamespaceSelector\"")
    func affinityNamespaceSelector() {
        var fixture = singleNode(namespace: "subteam1.team1")
        let selectorTerm = term([requirement("service", .in, ["securityscan", "value2"])], "region", namespaceSelector: team1)
        let pod = fixture.addPod(required(affinity: [selectorTerm]), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    @Test("namespaces — upstream case \"affinity with non-matching NamespaceSelector\"")
    func affinityNamespaceSelectorMismatch() {
        var fixture = singleNode(namespace: "subteam1.team2")
        let selectorTerm = term([requirement("service", .in, ["securityscan", "value2"])], "region", namespaceSelector: team1)
        let pod = fixture.addPod(required(affinity: [selectorTerm]), labels: Self.s1)
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch])
    }

    @Test("namespaces — upstream case \"anti-affinity with matching NamespaceSelector\"")
    func antiAffinityNamespaceSelector() {
        var fixture = singleNode(namespace: "subteam2.team1")
        let selectorTerm = term([requirement("service", .in, ["securityscan", "value2"])], "zone", namespaceSelector: team1)
        let pod = fixture.addPod(required(anti: [selectorTerm]), labels: Self.s1, namespace: "subteam1.team1")
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("namespaces — upstream case \"anti-affinity with matching all NamespaceSelector\"")
    func antiAffinityAllNamespaces() {
        var fixture = singleNode(namespace: "subteam2.team1")
        let selectorTerm = term([requirement("service", .in, ["securityscan", "value2"])], "zone", namespaceSelector: LabelSelector())
        let pod = fixture.addPod(required(anti: [selectorTerm]), labels: Self.s1, namespace: "subteam1.team1")
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch])
    }

    @Test("namespaces — upstream case \"anti-affinity with non-matching NamespaceSelector\"")
    func antiAffinityNamespaceSelectorMismatch() {
        var fixture = singleNode(namespace: "subteam1.team2")
        let selectorTerm = term([requirement("service", .in, ["securityscan", "value2"])], "zone", namespaceSelector: team1)
        let pod = fixture.addPod(required(anti: [selectorTerm]), labels: Self.s1, namespace: "subteam1.team1")
        #expect(fixture.affinityStatuses(for: pod) == [nil])
    }

    // MARK: TestRequiredAffinityMultipleNodes

    private static let china = [("region", "China")]
    private static let chinaAz1 = [("region", "China"), ("az", "az1")]
    private static let india = [("region", "India")]

    /// Nodes named `names` with `labels` each.
    private func nodes(_ fixture: inout ClusterFixture, _ specs: [(String, [(String, String)])]) -> [NodeID] {
        specs.map { name, labels in fixture.bareNode(name, labels: labels) }
    }

    /// nodeA, nodeB (and nodeC when `zones` has three entries) in region r1 with those zones.
    private func regionNodes(_ fixture: inout ClusterFixture, zones: [String]) -> [NodeID] {
        let names = ["nodeA", "nodeB", "nodeC"]
        return nodes(&fixture, zones.enumerated().map { index, zone in
            (names[index], [("region", "r1"), ("zone", zone), ("hostname", names[index])])
        })
    }

    @Test("multiple nodes — upstream case \"A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules\"")
    func sameRegionAllowed() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("node1", Self.china), ("node2", Self.chinaAz1), ("node3", Self.india)])
        fixture.addPod(labels: [("foo", "bar")], on: ids[0])
        let pod = fixture.addPod(required(affinity: [term([requirement("foo", .in, ["bar"])], "region")]))
        // Region China counts 1; node3 is in India.
        #expect(fixture.affinityStatuses(for: pod) == [nil, nil, .affinityRulesNotMatch])
    }

    private let selfAffineTerms = [term([requirement("foo", .in, ["bar"])], "zone"), term([requirement("service", .in, ["securityscan"])], "zone")]

    @Test("multiple nodes — upstream case \"The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.\"")
    func firstPodOfGroup() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("nodeA", [("zone", "az1"), ("hostname", "h1")]), ("nodeB", [("zone", "az2"), ("hostname", "h2")])])
        fixture.addPod(labels: [("foo", "bar")], on: ids[0])
        let pod = fixture.addPod(required(affinity: selfAffineTerms), labels: [("foo", "bar"), ("service", "securityscan")])
        // The existing pod matches only the first term, so nothing counts; the pod matches both of
        // its own terms and every node has "zone": the first pod of the group may go anywhere.
        #expect(fixture.affinityStatuses(for: pod) == [nil, nil])
    }

    @Test("multiple nodes — upstream case \"The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys\"")
    func firstPodNeedsKeys() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("nodeA", [("zoneLabel", "az1"), ("hostname", "h1")]), ("nodeB", [("zoneLabel", "az2"), ("hostname", "h2")])])
        fixture.addPod(labels: [("foo", "bar")], on: ids[0])
        let pod = fixture.addPod(required(affinity: selfAffineTerms), labels: [("foo", "bar"), ("service", "securityscan")])
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch, .affinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.\"")
    func antiAffinitySameRegion() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("nodeA", [("region", "r1"), ("hostname", "nodeA")]), ("nodeB", [("region", "r1"), ("hostname", "nodeB")])])
        fixture.addPod(labels: [("foo", "abc")], on: ids[0])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .in, ["abc"])], "region")]))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.\"")
    func antiAffinityAnyTerm() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(labels: [("foo", "abc"), ("service", "securityscan")], on: ids[0])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .in, ["abc"])], "region"),
                                                 term([requirement("service", .in, ["securityscan"])], "zone")]))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC\"")
    func antiAffinityOtherRegionAllowed() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("nodeA", Self.china), ("nodeB", Self.chinaAz1), ("nodeC", Self.india)])
        fixture.addPod(labels: [("foo", "abc")], on: ids[0])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .in, ["abc"])], "region")]))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch, nil])
    }

    @Test("multiple nodes — upstream case \"NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)\"")
    func antiAffinityNamespaces() {
        var fixture = ClusterFixture()
        let ids = nodes(&fixture, [("nodeA", Self.china), ("nodeB", Self.chinaAz1), ("nodeC", Self.india)])
        fixture.addPod(labels: [("foo", "bar")], namespace: "NS1", on: ids[0])
        fixture.addPod(required(anti: [term([requirement("foo", .in, ["123"])], "region")]), namespace: "NS2", on: ids[2])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .in, ["bar"])], "region")]), labels: [("foo", "123")], namespace: "NS1")
        // nodeC's pod is in NS2 and its term selects NS2 only, so it does not forbid the NS1 pod.
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch, nil])
    }

    @Test("multiple nodes — upstream case \"Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked\"")
    func existingTermWithoutKey() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z1"])
        fixture.addPod(required(anti: [term([requirement("foo", .exists)], "invalid-node-label")]), on: ids[0])
        let pod = fixture.addPod(labels: [("foo", "")])
        // The term matches the pod but no node has the key: nothing is forbidden, Skip.
        #expect(fixture.affinityPreFilter(for: pod).isSkip)
    }

    @Test("multiple nodes — upstream case \"Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches\"")
    func incomingTermWithoutKey() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z1"])
        fixture.addPod(labels: [("foo", "")], on: ids[0])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .exists)], "invalid-node-label")]))
        #expect(fixture.affinityStatuses(for: pod) == [nil, nil])
    }

    @Test("multiple nodes — upstream case \"Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes\"")
    func existingTermsOnAllNodes() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(required(anti: [term([requirement("foo", .exists)], "zone")]), on: ids[0])
        fixture.addPod(required(anti: [term([requirement("bar", .exists)], "region")]), on: ids[0])
        let pod = fixture.addPod(labels: [("foo", ""), ("bar", "")])
        // Forbidden: zone z1 (nodeA) and region r1 (both nodes).
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod\"")
    func incomingTermsOnAllNodes() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(labels: [("foo", "")], on: ids[0])
        fixture.addPod(labels: [("bar", "")], on: ids[1])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .exists)], "zone"), term([requirement("bar", .exists)], "region")]))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey\"")
    func existingOneTermWithoutKey() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(required(anti: [term([requirement("foo", .exists)], "invalid-node-label"), term([requirement("bar", .exists)], "zone")]),
                       on: ids[0])
        let pod = fixture.addPod(labels: [("foo", ""), ("bar", "")])
        // Only zone z1 is forbidden.
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch, nil])
    }

    @Test("multiple nodes — upstream case \"Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey\"")
    func incomingOneTermWithoutKey() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(labels: [("foo", ""), ("bar", "")], on: ids[0])
        let pod = fixture.addPod(required(anti: [term([requirement("foo", .exists)], "invalid-node-label"), term([requirement("bar", .exists)], "zone")]))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, nil])
    }

    private let fooRegionBarZone = [term([requirement("foo", .exists)], "region"), term([requirement("bar", .exists)], "zone")]

    @Test("multiple nodes — upstream case \"Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey\"")
    func existingTermsAllKeys() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(required(anti: fooRegionBarZone), on: ids[0])
        let pod = fixture.addPod(labels: [("foo", ""), ("bar", "")])
        // Forbidden: region r1 (both nodes) and zone z1.
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey\"")
    func incomingTermsAllKeys() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(labels: [("foo", ""), ("bar", "")], on: ids[0])
        let pod = fixture.addPod(required(anti: fooRegionBarZone))
        #expect(fixture.affinityStatuses(for: pod) == [.antiAffinityRulesNotMatch, .antiAffinityRulesNotMatch])
    }

    @Test("multiple nodes — upstream case \"Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC\"")
    func existingTermsTwoNodes() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2", "z3"])
        fixture.addPod(required(anti: [term([requirement("foo", .exists)], "zone"), term([requirement("labelA", .exists)], "zone")]), on: ids[0])
        fixture.addPod(required(anti: [term([requirement("bar", .exists)], "zone"), term([requirement("labelB", .exists)], "zone")]), on: ids[1])
        let pod = fixture.addPod(labels: [("foo", ""), ("bar", "")])
        #expect(fixture.affinityStatuses(for: pod) == [.existingAntiAffinityRulesNotMatch, .existingAntiAffinityRulesNotMatch, nil])
    }

    private let fooRegionBarZoneAffinity = [term([requirement("foo", .exists)], "region"), term([requirement("bar", .exists)], "zone")]

    @Test("multiple nodes — upstream case \"Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match\"")
    func affinityAllTermsOnePod() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z1"])
        fixture.addPod(labels: [("foo", ""), ("bar", "")], on: ids[0])
        let pod = fixture.addPod(required(affinity: fooRegionBarZoneAffinity))
        // The pod on nodeA matches both terms: region r1 and zone z1 count 1, both nodes share them.
        #expect(fixture.affinityStatuses(for: pod) == [nil, nil])
    }

    @Test("multiple nodes — upstream case \"Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod\"")
    func affinityAllTermsSamePod() {
        var fixture = ClusterFixture()
        let ids = regionNodes(&fixture, zones: ["z1", "z2"])
        fixture.addPod(labels: [("foo", "")], on: ids[0])
        fixture.addPod(labels: [("bar", "")], on: ids[1])
        let pod = fixture.addPod(required(affinity: fooRegionBarZoneAffinity))
        // No single pod matches both terms, nothing counts, and the unlabelled pod is not self-affine.
        #expect(fixture.affinityStatuses(for: pod) == [.affinityRulesNotMatch, .affinityRulesNotMatch])
    }
}

/// The preferred terms of upstream's `TestPreferredAffinity`.
private enum Preferred {
    static func security(_ op: SelectorOperator, _ values: [String], _ topologyKey: String, weight: Int32,
                         namespaces: [String] = [], namespaceSelector: LabelSelector? = nil) -> WeightedPodAffinityTerm {
        WeightedPodAffinityTerm(weight: weight, term: term([requirement("security", op, values)], topologyKey,
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
    static let stayWithS1InRegionAwayFromS2InAz = preferred(affinity: [security(.in, ["S1"], "region", weight: 8)],
                                                            anti: [security(.in, ["S2"], "az", weight: 5)])
    static let affinityNamespaceSelector = preferred(affinity: [security(.in, ["S1"], "region", weight: 5, namespaces: ["subteam2.team2"],
                                                                         namespaceSelector: team1)])
    static let antiAffinityNamespaceSelector = preferred(anti: [security(.in, ["S1"], "region", weight: 5, namespaces: ["subteam2.team2"],
                                                                         namespaceSelector: team1)])
}

/// Ports `TestPreferredAffinity` and `TestPreferredAffinityWithHardPodAffinitySymmetricWeight` from
/// upstream's `pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go`. Each (key, value)
/// pair collects ± weights from matching pods in its domain; a node scores the sum over its labels,
/// then `int(100 × (raw − min) / (max − min))`.
@Suite("Upstream InterPodAffinity Score")
struct UpstreamInterPodAffinityScoreTests {
    private static let s1 = [("security", "S1")]
    private static let s2 = [("security", "S2")]
    private static let china = [("region", "China")]
    private static let india = [("region", "India")]
    private static let az1 = [("az", "az1")]
    private static let az2 = [("az", "az2")]
    private static let chinaAz1 = [("region", "China"), ("az", "az1")]


    @Test("preferred — upstream case \"all nodes are same priority as Affinity is nil\"")
    func noAffinity() {
        var fixture = ClusterFixture()
        fixture.scoringNodes([Self.china, Self.india, Self.az1])
        let pod = fixture.addPod(labels: Self.s1)
        #expect(!fixture.preScores(InterPodAffinity(), for: pod))
    }

    @Test("preferred — upstream case \"Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key\"")
    func affinityMatches() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s2, on: nodes[1])
        fixture.addPod(labels: Self.s1, on: nodes[2])
        let pod = fixture.addPod(Preferred.stayWithS1InRegion, labels: Self.s1)
        // region China +5 (node3's S1 pod has no region); raw 5, 0, 0 → 100, 0, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0, 0])
    }

    @Test("preferred — upstream case \"All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score\"")
    func sameRegionSameScore() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.chinaAz1, Self.india])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        let pod = fixture.addPod(Preferred.stayWithS1InRegion)
        // region China +5: raw 5, 5, 0 → 100, 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 100, 0])
    }

    @Test("preferred — upstream case \"Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score\"")
    func moreMatchesInRegion() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.china, Self.china, Self.india])
        for node in [nodes[0], nodes[0], nodes[1], nodes[2], nodes[3], nodes[4]] { fixture.addPod(labels: Self.s2, on: node) }
        let pod = fixture.addPod(Preferred.stayWithS2InRegion, labels: Self.s1)
        // China holds 4 S2 pods (4 × 6 = 24), India 2 (12): min 12, max 24 → China 100, India 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0, 100, 100, 0])
    }

    @Test("preferred — upstream case \"Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures \"")
    func operators() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s2, on: nodes[1])
        fixture.addPod(labels: Self.s1, on: nodes[2])
        let pod = fixture.addPod(Preferred.affinity3, labels: Self.s1)
        // China: S1 matches only the weight-2 term (+2). India: S2 matches both (+8 + 2 = 10).
        // Raw 2, 10, 0; min 0, max 10 → 20, 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [20, 100, 0])
    }

    @Test("symmetry — upstream case \"Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry\"")
    func preferredSymmetry() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(Preferred.stayWithS1InRegion, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.stayWithS2InRegion, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s2)
        // The S2 pod matches node2's pod's preferred term: India +6 → 0, 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100, 0])
    }

    @Test("symmetry — upstream case \"Affinity symmetry with namespace selector\"")
    func symmetryNamespaceSelector() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(Preferred.affinityNamespaceSelector, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.stayWithS2InRegion, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s1, namespace: "subteam1.team1")
        // subteam1.team1 has team=team1: China +5 → 100, 0, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0, 0])
    }

    @Test("symmetry — upstream case \"AntiAffinity symmetry with namespace selector\"")
    func antiSymmetryNamespaceSelector() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(Preferred.antiAffinityNamespaceSelector, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.stayWithS2InRegion, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s1, namespace: "subteam1.team1")
        // China −5: raw −5, 0, 0; min −5, max 0 → 0, 100, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100, 100])
    }

    @Test("symmetry — upstream case \"Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry\"")
    func requiredSymmetry() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        fixture.addPod(Preferred.hardAffinity, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.hardAffinity, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s1)
        // The S1 pod matches both required terms of each existing pod, hardPodAffinityWeight 1 each:
        // China +2, India +2 → raw 2, 2, 0 → 100, 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 100, 0])
    }

    @Test("anti-affinity — upstream case \"Anti Affinity: pod that does not match existing pods in node will get high score \"")
    func antiAffinityMatch() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.az1, Self.china])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(Preferred.awayFromS1InAz, labels: Self.s1)
        // az1 −5: raw −5, 0 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("anti-affinity — upstream case \"Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others \"")
    func antiAffinityTopologyKey() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.az1, Self.china])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s1, on: nodes[1])
        let pod = fixture.addPod(Preferred.awayFromS1InAz, labels: Self.s1)
        // node2 has no az label: only az1 −5 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("anti-affinity — upstream case \"Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score\"")
    func antiAffinityMoreMatches() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.az1, Self.india])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(Preferred.awayFromS1InAz, labels: Self.s1)
        // az1 −10: raw −10, 0 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("symmetry — upstream case \"Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score\"")
    func antiAffinitySymmetry() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.az1, Self.az2])
        fixture.addPod(Preferred.awayFromS2InAz, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.awayFromS1InAz, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s2)
        // The S2 pod matches node1's pod's anti term: az1 −5 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("both — upstream case \"Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity\"")
    func affinityAndAntiAffinity() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.az1])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s1, on: nodes[1])
        let pod = fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: Self.s1)
        // China +8; no S2 pod anywhere: raw 8, 0 → 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0])
    }

    @Test("both — upstream case \"Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels\"")
    func sameLabels() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.chinaAz1, Self.india, Self.china, Self.china, Self.india])
        for node in [nodes[0], nodes[0], nodes[1], nodes[2], nodes[2], nodes[3], nodes[4]] { fixture.addPod(labels: Self.s1, on: node) }
        let pod = fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: Self.s1)
        // China holds 5 S1 pods (40), India 2 (16); no S2 pods: min 16, max 40 → China 100, India 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0, 100, 100, 0])
    }

    @Test("both — upstream case \"Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry\"")
    func affinityAntiAffinityAndSymmetry() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.az1, Self.india, Self.az2])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(labels: Self.s2, on: nodes[1])
        fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, on: nodes[2])
        fixture.addPod(Preferred.awayFromS1InAz, on: nodes[3])
        let pod = fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: Self.s1)
        // Affinity: China +8. Anti-affinity: az1 −5. Symmetry: node3's pod prefers S1 (India +8),
        // node4's pod avoids S1 (az2 −5). Raw 8, −5, 8, −5 → 100, 0, 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0, 100, 0])
    }

    @Test("symmetry — upstream case \"Avoid panic when partial nodes in a topology don't have pods with affinity\"")
    func partialTopology() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.china])
        fixture.addPod(labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s1)
        // node2's pod prefers S1 in its region: China +8 for both nodes; max = min → 0, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 0])
    }

    @Test("namespaces — upstream case \"Affinity with pods matching NamespaceSelector\"")
    func affinityNamespaceSelector() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team2", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team1", on: nodes[1])
        let pod = fixture.addPod(Preferred.affinityNamespaceSelector, labels: Self.s1, namespace: "subteam1.team1")
        // team1 namespaces only: China 2 × 5 = 10, India 5 → 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0])
    }

    @Test("namespaces — upstream case \"Affinity with pods matching both NamespaceSelector and Namespaces fields\"")
    func affinityNamespaceSelectorAndList() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team2", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team1", on: nodes[1])
        let pod = fixture.addPod(Preferred.affinityNamespaceSelector, labels: Self.s1, namespace: "subteam1.team1")
        // team1 namespaces plus the listed subteam2.team2: China 15, India 5 → 100, 0.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [100, 0])
    }

    @Test("namespaces — upstream case \"Affinity with pods matching NamespaceSelector\" (anti-affinity)")
    func antiAffinityNamespaceSelector() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team2", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team1", on: nodes[1])
        let pod = fixture.addPod(Preferred.antiAffinityNamespaceSelector, labels: Self.s1, namespace: "subteam1.team1")
        // China −10, India −5: min −10, max −5 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("namespaces — upstream case \"Affinity with pods matching both NamespaceSelector and Namespaces fields\" (anti-affinity)")
    func antiAffinityNamespaceSelectorAndList() {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam1.team1", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team2", on: nodes[0])
        fixture.addPod(labels: Self.s1, namespace: "subteam2.team1", on: nodes[1])
        let pod = fixture.addPod(Preferred.antiAffinityNamespaceSelector, labels: Self.s1, namespace: "subteam1.team1")
        // China −15, India −5 → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    /// node1 (China) and node2 (India) holding a pod with `stayWithS1InRegionAwayFromS2InAz` and
    /// `stayWithS2InRegion`.
    private func existingPreferredTerms() -> (ClusterFixture, PodID) {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india])
        fixture.addPod(Preferred.stayWithS1InRegionAwayFromS2InAz, labels: Self.s1, on: nodes[0])
        fixture.addPod(Preferred.stayWithS2InRegion, labels: Self.s2, on: nodes[1])
        let pod = fixture.addPod(labels: Self.s2)
        return (fixture, pod)
    }

    @Test("existing pods' terms — upstream case \"Ignore preferred terms of existing pods\"")
    func ignoreExistingPreferredTerms() {
        let (fixture, pod) = existingPreferredTerms()
        #expect(!fixture.preScores(InterPodAffinity(ignorePreferredTermsOfExistingPods: true), for: pod))
    }

    @Test("existing pods' terms — upstream case \"Do not ignore preferred terms of existing pods\"")
    func useExistingPreferredTerms() {
        let (fixture, pod) = existingPreferredTerms()
        // node2's pod prefers S2 in its region: India +6 (node1's pod avoids S2 in az, which China lacks) → 0, 100.
        #expect(fixture.scores(InterPodAffinity(), for: pod) == [0, 100])
    }

    @Test("PreScore — upstream case \"No nodes to score\"")
    func noNodes() {
        var fixture = ClusterFixture()
        let pod = fixture.addPod(labels: Self.s2)
        #expect(!fixture.preScores(InterPodAffinity(), for: pod))
    }

    // MARK: TestPreferredAffinityWithHardPodAffinitySymmetricWeight

    /// Two nodes holding a pod whose required affinity selects service=S1 in region, in the
    /// namespaces "default" (upstream's "") and subteam2.team2 or those labelled team=team1; a third
    /// node in az1; the incoming pod labelled service=S1 in `namespace`.
    private func hardAffinityCluster(namespace: String) -> (ClusterFixture, PodID) {
        var fixture = ClusterFixture()
        let nodes = fixture.scoringNodes([Self.china, Self.india, Self.az1])
        let hard = required(affinity: [term([requirement("service", .in, ["S1"])], "region", namespaces: ["default", "subteam2.team2"],
                                            namespaceSelector: team1)])
        fixture.addPod(hard, on: nodes[0])
        fixture.addPod(hard, on: nodes[1])
        let pod = fixture.addPod(labels: [("service", "S1")], namespace: namespace)
        return (fixture, pod)
    }

    @Test("hardPodAffinityWeight — upstream case \"with default weight\"")
    func hardWeightDefault() {
        let (fixture, pod) = hardAffinityCluster(namespace: "default")
        // China +1, India +1: raw 1, 1, 0 → 100, 100, 0.
        #expect(fixture.scores(InterPodAffinity(hardPodAffinityWeight: 1), for: pod) == [100, 100, 0])
    }

    @Test("hardPodAffinityWeight — upstream case \"with zero weight\"")
    func hardWeightZero() {
        let (fixture, pod) = hardAffinityCluster(namespace: "default")
        #expect(!fixture.preScores(InterPodAffinity(hardPodAffinityWeight: 0), for: pod))
    }

    @Test("hardPodAffinityWeight — upstream case \"with no matching namespace\"")
    func hardWeightNoNamespace() {
        let (fixture, pod) = hardAffinityCluster(namespace: "subteam1.team2")
        #expect(!fixture.preScores(InterPodAffinity(hardPodAffinityWeight: 1), for: pod))
    }

    @Test("hardPodAffinityWeight — upstream case \"with matching NamespaceSelector\"")
    func hardWeightNamespaceSelector() {
        let (fixture, pod) = hardAffinityCluster(namespace: "subteam1.team1")
        #expect(fixture.scores(InterPodAffinity(hardPodAffinityWeight: 1), for: pod) == [100, 100, 0])
    }

    @Test("hardPodAffinityWeight — upstream case \"with matching Namespaces\"")
    func hardWeightNamespaces() {
        let (fixture, pod) = hardAffinityCluster(namespace: "subteam2.team2")
        #expect(fixture.scores(InterPodAffinity(hardPodAffinityWeight: 1), for: pod) == [100, 100, 0])
    }
}
