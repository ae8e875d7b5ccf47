import Testing
@testable import SimCore
import TestSupport

// Shared vocabulary of upstream's PodTopologySpread tables.
private let fooSelector = LabelSelector(matchExpressions: [SelectorRequirement(key: "foo", op: .exists)])
private let barSelector = LabelSelector(matchExpressions: [SelectorRequirement(key: "bar", op: .exists)])
private let foo = [("foo", "")]
private let bar = [("bar", "")]
private let fooBar = [("foo", ""), ("bar", "")]
private let unschedulableTaint = Taint(key: WellKnownTaint.unschedulable, effect: .noSchedule)
private let pass: FilterCode? = nil
private let fail = FilterCode.unschedulable
private let unresolvable = FilterCode.unschedulableAndUnresolvable

/// A spread constraint as upstream's `SpreadConstraint(maxSkew, key, action, selector, minDomains, …)`.
private func spread(_ maxSkew: Int32, _ key: String, _ selector: LabelSelector?, _ action: UnsatisfiableAction = .doNotSchedule,
                    minDomains: Int32? = nil, affinityPolicy: NodeInclusionPolicy? = nil, taintsPolicy: NodeInclusionPolicy? = nil,
                    matchLabelKeys: [String] = []) -> TopologySpreadConstraint {
    TopologySpreadConstraint(maxSkew: maxSkew, topologyKey: key, whenUnsatisfiable: action, labelSelector: selector,
                             matchLabelKeys: matchLabelKeys, minDomains: minDomains, nodeAffinityPolicy: affinityPolicy,
                             nodeTaintsPolicy: taintsPolicy)
}

/// The plugin as upstream's Filter tests build it: `defaultingType: List` without default constraints.
private func listDefaulted() -> PodTopologySpread {
    PodTopologySpread(defaultConstraints: [], systemDefaulted: false)
}

extension ClusterFixture {
    /// A node labelled `zone=<zone>` and `node=<name>` plus `extra`, as upstream's `MakeNode()` chains.
    @discardableResult
    fileprivate mutating func zoned(_ name: String, _ zone: String, extra: [(String, String)] = [], taints: [Taint] = []) -> NodeID {
        bareNode(name, labels: [("zone", zone), ("node", name)] + extra, taints: taints)
    }

    /// Upstream's usual four nodes: node-a and node-b in zone1, node-x and node-y in zone2.
    fileprivate mutating func fourZonedNodes() -> (a: NodeID, b: NodeID, x: NodeID, y: NodeID) {
        (zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"))
    }

    /// `count` pods with `labels` bound to `node`.
    fileprivate mutating func pods(_ count: Int, on node: NodeID, labels: [(String, String)] = foo, namespace: String = "default") {
        for _ in 0..<count { addPod(labels: labels, namespace: namespace, on: node) }
    }

    /// The incoming pod: `labels`, the constraints, and optionally a node selector, node affinity and tolerations.
    fileprivate mutating func incoming(_ labels: [(String, String)], _ constraints: [TopologySpreadConstraint],
                                       nodeSelector: [(String, String)] = [], affinity: NodeAffinity? = nil,
                                       tolerations: [Toleration] = []) -> PodID {
        addPod(PodSpec(containers: [], nodeSelector: Labels(nodeSelector), nodeAffinity: affinity, topologySpreadConstraints: constraints,
                       tolerations: tolerations), labels: labels)
    }
}

/// A required node affinity with one term of one requirement, as upstream's `NodeAffinityIn/NotIn`.
private func affinity(_ key: String, _ op: SelectorOperator, _ values: [String]) -> NodeAffinity {
    NodeAffinity(required: [NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: key, op: op, values: values)])])
}

/// Ports `TestSingleConstraint`, `TestMultipleConstraints` and the observable parts of
/// `TestPreFilterState` from upstream's `pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go`.
/// Each node passes when `count(domain) + self − min ≤ maxSkew`; the arithmetic is above each
/// expectation as "counts …; min …; self …" then each node's skew.
@Suite("Upstream PodTopologySpread Filter")
struct UpstreamPodTopologySpreadFilterTests {
    @Test("one constraint — upstream case \"no existing pods\"")
    func noExistingPods() {
        var fixture = ClusterFixture()
        _ = fixture.fourZonedNodes()
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector)])
        // Counts 0/0; min 0; self 1: skew 1 everywhere.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    @Test("one constraint — upstream case \"no existing pods, incoming pod doesn't match itself\"")
    func noExistingPodsNoSelfMatch() {
        var fixture = ClusterFixture()
        _ = fixture.fourZonedNodes()
        let pod = fixture.incoming(foo, [spread(1, "zone", barSelector)])
        // Counts 0/0; min 0; self 0: skew 0 everywhere.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    @Test("one constraint — upstream case \"existing pods in a different namespace do not count\"")
    func otherNamespaces() {
        var fixture = ClusterFixture()
        let (a, _, x, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, namespace: "ns1")
        fixture.pods(1, on: a, namespace: "ns2")
        fixture.pods(1, on: x)
        fixture.pods(1, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector)])
        // Counts zone1 0, zone2 2; min 0; self 1: zone1 1, zone2 3 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, fail, fail])
    }

    @Test("one constraint — upstream case \"existing pods do not match null selector\"")
    func nullSelector() {
        var fixture = ClusterFixture()
        let (_, _, x, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: x)
        fixture.pods(1, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", nil)])
        // A nil selector matches nothing: counts 0/0, self 0.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    @Test("one constraint — upstream case \"pods spread across zones as 3/3, all nodes fit\"")
    func evenZones() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector)])
        // Counts 3/3; min 3; self 1: skew 3 + 1 − 3 = 1 everywhere.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    @Test("one constraint — upstream case \"pods spread across zones as 1/2 due to absence of label 'zone' on node-b\"")
    func missingZoneLabel() {
        var fixture = ClusterFixture()
        let a = fixture.zoned("node-a", "zone1")
        let b = fixture.bareNode("node-b", labels: [("zon", "zone1"), ("node", "node-b")])
        let x = fixture.zoned("node-x", "zone2")
        let y = fixture.zoned("node-y", "zone2")
        for node in [a, b, x, y] { fixture.pods(1, on: node) }
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector)])
        // node-b lacks "zone" and is not counted: counts zone1 1, zone2 2; min 1; self 1:
        // node-a 1 + 1 − 1 = 1; node-b has no domain (unresolvable); zone2 2 + 1 − 1 = 2 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, unresolvable, fail, fail])
    }

    @Test("one constraint — upstream case \"pod cannot be scheduled as all nodes don't have label 'rack'\"")
    func noNodeHasKey() {
        var fixture = ClusterFixture()
        fixture.zoned("node-a", "zone1")
        fixture.zoned("node-x", "zone2")
        let pod = fixture.incoming(foo, [spread(1, "rack", fooSelector)])
        let outcome = fixture.filterOutcome(listDefaulted(), for: pod)
        #expect(outcome.map { $0?.code } == [unresolvable, unresolvable])
        #expect(outcome.map { $0?.reason } == [.spreadConstraintLabelMissing, .spreadConstraintLabelMissing])
    }

    @Test("one constraint — upstream case \"pods spread across nodes as 2/1/0/3, only node-x fits\"")
    func nodesOnlyX() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)])
        // Counts 2/1/0/3; min 0; self 1: 3, 2, 1, 4 against maxSkew 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("one constraint — upstream case \"pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit\"")
    func nodesMaxSkewTwo() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(2, "node", fooSelector)])
        // Counts 2/1/0/3; min 0; self 1: 3, 2, 1, 4 against maxSkew 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, pass, pass, fail])
    }

    @Test("one constraint — upstream case \"pods spread across nodes as 2/1/0/3, but pod doesn't match itself\"")
    func nodesNoSelfMatch() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(bar, [spread(1, "node", fooSelector)])
        // Counts 2/1/0/3; min 0; self 0: 2, 1, 0, 3 against maxSkew 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, pass, pass, fail])
    }

    @Test("one constraint — upstream case \"incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits\"")
    func nodeAffinityNarrowsCounting() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)], affinity: affinity("node", .in, ["node-a", "node-y"]))
        // Only node-a and node-y match the affinity: counts a 2, y 3; min 2; self 1:
        // node-a 2 + 1 − 2 = 1; node-b and node-x have no count: 0 + 1 − 2 < 1 (NodeAffinity
        // would reject them in a real cycle); node-y 3 + 1 − 2 = 2 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, fail])
    }

    @Test("one constraint — upstream case \"terminating Pods should be excluded\"")
    func terminatingExcluded() {
        var fixture = ClusterFixture()
        let a = fixture.bareNode("node-a", labels: [("node", "node-a")])
        let b = fixture.bareNode("node-b", labels: [("node", "node-b")])
        let terminating = fixture.addPod(labels: foo, on: a)
        fixture.cluster.beginDeletion(terminating, at: 0)
        fixture.pods(1, on: b)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)])
        // The terminating pod does not count: counts a 0, b 1; min 0; self 1: a 1, b 2 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, fail])
    }

    @Test("one constraint — upstream case \"incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits\"")
    func nodeAffinityExcludesNodeB() {
        var fixture = ClusterFixture()
        let (_, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: b)
        fixture.pods(1, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector)], affinity: affinity("node", .notIn, ["node-b"]))
        // node-b does not match the affinity and is not counted: zone1 0, zone2 1; min 0; self 1:
        // zone1 1; zone2 2 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, fail, fail])
    }

    /// Three nodes labelled only `node=<name>` holding 2/2/1 matching pods.
    private func twoTwoOne(_ fixture: inout ClusterFixture) {
        for (name, count) in [("node-a", 2), ("node-b", 2), ("node-c", 1)] {
            let node = fixture.bareNode(name, labels: [("node", name)])
            fixture.pods(count, on: node)
        }
    }

    @Test("minDomains — upstream case \"pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits\"")
    func fewerDomainsThanMinDomains() {
        var fixture = ClusterFixture()
        twoTwoOne(&fixture)
        let pod = fixture.incoming(foo, [spread(2, "node", fooSelector, minDomains: 4)])
        // 3 domains < minDomains 4, so min counts as 0; self 1: 3, 3, 2 against maxSkew 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass])
    }

    @Test("minDomains — upstream case \"pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit\"")
    func moreDomainsThanMinDomains() {
        var fixture = ClusterFixture()
        twoTwoOne(&fixture)
        let pod = fixture.incoming(foo, [spread(2, "node", fooSelector, minDomains: 2)])
        // 3 domains ≥ minDomains 2: min 1; self 1: 2, 2, 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass])
    }

    @Test("minDomains — upstream case \"pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit\"")
    func fewerZonesThanMinDomains() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        for node in [a, b, y] { fixture.pods(1, on: node) }
        let pod = fixture.incoming(foo, [spread(2, "zone", fooSelector, minDomains: 3)])
        // 2 zones < minDomains 3, so min counts as 0; self 1: zone1 3 > 2, zone2 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("minDomains — upstream case \"pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit\"")
    func moreZonesThanMinDomains() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        for node in [a, b, y] { fixture.pods(1, on: node) }
        let pod = fixture.incoming(foo, [spread(2, "zone", fooSelector, minDomains: 1)])
        // min 1; self 1: zone1 2, zone2 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    /// node-a, node-b and node-x labelled `foo`, node-y not (tainted when `taintY`), with one matching
    /// pod on node-a, node-b and node-y.
    private func inclusionCluster(_ fixture: inout ClusterFixture, taintY: Bool) {
        var nodes: [NodeID] = []
        for name in ["node-a", "node-b", "node-x"] { nodes.append(fixture.bareNode(name, labels: [("node", name), ("foo", "")])) }
        nodes.append(taintY ? fixture.bareNode("node-y", labels: [("node", "node-y")], taints: [unschedulableTaint])
                            : fixture.bareNode("node-y", labels: [("node", "node-y")]))
        for index in [0, 1, 3] { fixture.pods(1, on: nodes[index]) }
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy honored with labelSelectors\"")
    func affinityPolicyHonoredSelector() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)], nodeSelector: foo)
        // node-y fails the node selector and is not counted: counts a 1, b 1, x 0; min 0; self 1:
        // a 2, b 2, x 1, y 0 + 1 = 1 (NodeAffinity would reject node-y in a real cycle).
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy ignored with labelSelectors\" (node selector)")
    func affinityPolicyIgnoredSelector() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, affinityPolicy: .ignore)], nodeSelector: foo)
        // node-y counts: 1/1/0/1; min 0; self 1: 2, 2, 1, 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy honored with nodeAffinity\"")
    func affinityPolicyHonoredAffinity() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)], affinity: affinity("foo", .in, [""]))
        // As with the node selector: node-y is not counted; a 2, b 2, x 1, y 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy ignored with labelSelectors\" (node affinity)")
    func affinityPolicyIgnoredAffinity() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, affinityPolicy: .ignore)], affinity: affinity("foo", .in, [""]))
        // node-y counts: a 2, b 2, x 1, y 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("inclusion policies — upstream case \"NodeTaintsPolicy honored\"")
    func taintsPolicyHonored() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: true)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, taintsPolicy: .honor)])
        // node-y's taint is not tolerated, so it is not counted: a 2, b 2, x 1, y 0 + 1 = 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("inclusion policies — upstream case \"NodeTaintsPolicy ignored\"")
    func taintsPolicyIgnored() {
        var fixture = ClusterFixture()
        inclusionCluster(&fixture, taintY: true)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector)])
        // Taints are ignored by default: node-y counts; a 2, b 2, x 1, y 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("inclusion policies — upstream TestPreFilterState case \"NodeTaintsPolicy honored with tolerated taints\"")
    func taintsPolicyHonoredTolerated() {
        var fixture = ClusterFixture()
        let a = fixture.bareNode("node-a", labels: [("node", "node-a")])
        let b = fixture.bareNode("node-b", labels: [("node", "node-b")])
        let c = fixture.bareNode("node-c", labels: [("node", "node-c"), ("bar", "")], taints: [unschedulableTaint])
        fixture.pods(1, on: a, labels: bar)
        fixture.pods(2, on: b, labels: bar)
        fixture.addPod(on: c)
        let toleration = Toleration(key: WellKnownTaint.unschedulable, op: .exists, effect: .noSchedule)
        let pod = fixture.incoming(foo, [spread(1, "node", barSelector, taintsPolicy: .honor)], tolerations: [toleration])
        // The taint is tolerated, so node-c counts with 0: counts 1/2/0 (upstream's
        // TpValueToMatchNum); min 0; self 0: a 1, b 2 > 1, c 0.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, fail, pass])
    }

    // MARK: matchLabelKeys (TestPreFilterState, observed through Filter)

    @Test("matchLabelKeys — upstream TestPreFilterState case \"matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty\"")
    func matchLabelKeysWithSelector() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a)
        fixture.pods(1, on: a, labels: [("foo", ""), ("bar", "a")])
        fixture.pods(1, on: b)
        fixture.pods(1, on: y, labels: [("foo", ""), ("bar", "a")])
        fixture.pods(1, on: y, labels: bar)
        let pod = fixture.incoming([("foo", ""), ("bar", "a")], [spread(1, "zone", fooSelector, matchLabelKeys: ["bar"])])
        // The selector becomes "foo exists, bar=a": counts zone1 1, zone2 1 (upstream's
        // TpValueToMatchNum); min 1; self 1: skew 1 everywhere. Without bar=a zone1 would count 3.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    /// Five pods labelled `foo=a`: three in zone1, two in zone2.
    private func fooAPods(_ fixture: inout ClusterFixture) {
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a, labels: [("foo", "a")])
        fixture.pods(1, on: b, labels: [("foo", "a")])
        fixture.pods(2, on: y, labels: [("foo", "a")])
    }

    @Test("matchLabelKeys — upstream TestPreFilterState case \"matchLabelKeys ANDed with LabelSelector when LabelSelector is empty\"")
    func matchLabelKeysEmptySelector() {
        var fixture = ClusterFixture()
        fooAPods(&fixture)
        let pod = fixture.incoming([("foo", "a")], [spread(1, "zone", LabelSelector(), matchLabelKeys: ["foo"])])
        // The selector becomes foo=a: counts 3/2; min 2; self 1: zone1 2 > 1, zone2 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("matchLabelKeys — upstream TestPreFilterState case \"key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled\"")
    func matchLabelKeysNilSelector() {
        var fixture = ClusterFixture()
        fooAPods(&fixture)
        let pod = fixture.incoming(foo, [spread(1, "zone", nil, matchLabelKeys: ["bar"])])
        // The pod has no "bar" label, so the nil selector stays: it matches nothing, counts 0/0, self 0.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, pass, pass])
    }

    @Test("matchLabelKeys — upstream TestPreFilterState case \"key in matchLabelKeys is ignored when it isn't exist in pod.labels\"")
    func matchLabelKeysMissingKey() {
        var fixture = ClusterFixture()
        fooAPods(&fixture)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector, matchLabelKeys: ["bar"])])
        // The selector stays "foo exists": counts 3/2; min 2; self 1: zone1 2 > 1, zone2 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("two constraints — upstream TestPreFilterState case \"two spreadConstraints with the same topologyKey\"")
    func sameKeyTwice() {
        var fixture = ClusterFixture()
        let (a, b, x, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: fooBar)
        fixture.pods(1, on: b, labels: foo)
        fixture.pods(1, on: x, labels: bar)
        fixture.pods(1, on: y, labels: fooBar)
        fixture.pods(1, on: y, labels: bar)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "zone", barSelector)])
        // foo: zone1 2, zone2 1, min 1: zone1 2 > 1. bar: zone1 1, zone2 3, min 1: zone2 3 > 1.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, fail, fail])
    }

    // MARK: Default constraints (TestPreFilterState)

    @Test("default constraints — upstream TestPreFilterState case \"default constraints and a service\"")
    func defaultConstraintsFromService() {
        var fixture = ClusterFixture()
        fixture.cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels([("foo", "bar")])))
        let pod = fixture.addPod(labels: [("foo", "bar"), ("baz", "kar")])
        let plugin = PodTopologySpread(defaultConstraints: [
            spread(3, "node", nil), spread(2, "node", nil, .scheduleAnyway), spread(5, "rack", nil),
        ], systemDefaulted: false)
        // The two DoNotSchedule defaults apply with the Service's selector foo=bar, though no node
        // (there is none) carries "node" or "rack".
        #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isProceed)
    }

    @Test("default constraints — upstream TestPreFilterState case \"default constraints and a service that doesn't match\"")
    func defaultConstraintsServiceMismatch() {
        var fixture = ClusterFixture()
        fixture.cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels([("baz", "kep")])))
        let pod = fixture.addPod(labels: [("foo", "bar")])
        let plugin = PodTopologySpread(defaultConstraints: [spread(3, "node", nil)], systemDefaulted: false)
        // Nothing selects the pod: no selector, no constraint, Skip.
        #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
    }

    @Test("default constraints — upstream TestPreFilterState case \"default constraints and a service, but pod has constraints\"")
    func ownConstraintsWin() {
        var fixture = ClusterFixture()
        fixture.cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels([("foo", "bar")])))
        let tar = LabelSelector(matchLabels: Labels([("baz", "tar")]))
        let rok = LabelSelector(matchLabels: Labels([("fot", "rok")]))
        let pod = fixture.incoming([("foo", "bar"), ("baz", "tar")], [spread(1, "zone", tar), spread(2, "planet", rok, .scheduleAnyway)])
        let plugin = PodTopologySpread(defaultConstraints: [spread(2, "node", nil)], systemDefaulted: false)
        // The pod's own DoNotSchedule constraint (zone, baz=tar) applies instead of the default.
        #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isProceed)
    }

    @Test("default constraints — upstream TestPreFilterState case \"default soft constraints and a service\"")
    func softDefaultsDoNotFilter() {
        var fixture = ClusterFixture()
        fixture.cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels([("foo", "bar")])))
        let pod = fixture.addPod(labels: [("foo", "bar")])
        let plugin = PodTopologySpread(defaultConstraints: [spread(2, "node", nil, .scheduleAnyway)], systemDefaulted: false)
        #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
    }

    @Test("default constraints — upstream TestPreFilterState case \"skip if not specified\"")
    func skipWithoutConstraints() {
        var fixture = ClusterFixture()
        fixture.zoned("node-a", "zone1")
        let pod = fixture.addPod(labels: foo)
        #expect(listDefaulted().preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
    }

    // MARK: TestMultipleConstraints

    @Test("two constraints — upstream case \"two Constraints on zone and node, spreads = [3/3, 2/1/0/3]\"")
    func zoneAndNodeEven() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)])
        // zone 3/3, min 3: 1 everywhere. node 2/1/0/3, min 0: 3, 2, 1, 4. Only node-x passes both.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("two constraints — upstream case \"two Constraints on zone and node, spreads = [3/4, 2/1/0/4]\"")
    func zoneAndNodeNoIntersection() {
        var fixture = ClusterFixture()
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(2, on: a)
        fixture.pods(1, on: b)
        fixture.pods(4, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)])
        // zone 3/4, min 3: zone1 1, zone2 2. node 2/1/0/4, min 0: only node-x; it is in zone2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, fail, fail])
    }

    @Test("two constraints — upstream case \"Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]\"")
    func differentSelectorsX() {
        var fixture = ClusterFixture()
        let (a, _, _, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: y, labels: bar)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)])
        // zone (foo) 1/0, min 0: zone1 2, zone2 1. node (bar) 0/0/0/1, min 0: 1, 1, 1, 2. Only node-x.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("two constraints — upstream case \"Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]\"")
    func differentSelectorsNone() {
        var fixture = ClusterFixture()
        let (a, _, x, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: x, labels: bar)
        fixture.pods(1, on: y, labels: bar)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)])
        // zone (foo) allows zone2 only; node (bar) 0/0/1/1 allows node-a and node-b only.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, fail, fail])
    }

    @Test("two constraints — upstream case \"Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]\"")
    func differentSelectorsB() {
        var fixture = ClusterFixture()
        let (a, _, _, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: a, labels: fooBar)
        fixture.pods(1, on: y, labels: foo)
        fixture.pods(1, on: y, labels: fooBar)
        fixture.pods(1, on: y, labels: foo)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)])
        // zone (foo) 2/3, min 2: zone1 1, zone2 2. node (bar) 1/0/0/1, min 0: 2, 1, 1, 2. Only node-b.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, pass, fail, fail])
    }

    @Test("two constraints — upstream case \"Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint\"")
    func differentSelectorsNoSelfMatch() {
        var fixture = ClusterFixture()
        let (a, _, x, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: x, labels: bar)
        fixture.pods(1, on: y, labels: bar)
        let pod = fixture.incoming(bar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)])
        // zone (foo) 1/0, min 0, self 0: 1 and 0, any zone. node (bar) 0/0/1/1, min 0, self 1: 1, 1, 2, 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [pass, pass, fail, fail])
    }

    @Test("two constraints — upstream case \"two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]\"")
    func nodeLabelMissingOnX() {
        var fixture = ClusterFixture()
        let a = fixture.zoned("node-a", "zone1")
        fixture.zoned("node-b", "zone1")
        fixture.bareNode("node-x", labels: [("zone", "zone2")])
        let y = fixture.zoned("node-y", "zone2")
        fixture.pods(1, on: a)
        fixture.pods(1, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)])
        // node-x lacks "node" and is counted for neither constraint: zone 1/1, min 1: 1 everywhere;
        // node a 1, b 0, y 1, min 0: a 2, b 1, y 2; node-x has no "node" domain (unresolvable).
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, pass, unresolvable, fail])
    }

    /// node-a, node-b and node-x labelled `foo`; node-y not; one matching pod on node-a, node-b, node-y.
    private func mixedInclusionCluster(_ fixture: inout ClusterFixture, fooOnB: Bool, taintY: Bool, fooOnY: Bool) {
        let a = fixture.zoned("node-a", "zone1", extra: foo)
        let b = fixture.zoned("node-b", "zone1", extra: fooOnB ? foo : [])
        fixture.zoned("node-x", "zone2", extra: foo)
        let y = fixture.zoned("node-y", "zone2", extra: fooOnY ? foo : [], taints: taintY ? [unschedulableTaint] : [])
        for node in [a, b, y] { fixture.pods(1, on: node) }
    }

    @Test("two constraints — upstream case \"two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore\"")
    func inclusionZoneHonorNodeIgnore() {
        var fixture = ClusterFixture()
        mixedInclusionCluster(&fixture, fooOnB: true, taintY: false, fooOnY: false)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector, affinityPolicy: .ignore)],
                                   nodeSelector: foo)
        // zone honors the selector (node-y not counted): 2/0, min 0: zone1 3, zone2 1.
        // node ignores it: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("two constraints — upstream case \"two node inclusion Constraints, zone: honor/honor, node: honor/ignore\"")
    func inclusionZoneTaintsHonored() {
        var fixture = ClusterFixture()
        mixedInclusionCluster(&fixture, fooOnB: true, taintY: true, fooOnY: false)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector, taintsPolicy: .honor), spread(1, "node", fooSelector)])
        // zone skips the tainted node-y: 2/0, min 0: zone1 3, zone2 1.
        // node counts node-y: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    @Test("two constraints — upstream case \"two node inclusion Constraints, zone: honor/ignore, node: honor/ignore\"")
    func inclusionBothHonorAffinity() {
        var fixture = ClusterFixture()
        mixedInclusionCluster(&fixture, fooOnB: false, taintY: true, fooOnY: true)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)], nodeSelector: foo)
        // node-b fails the selector and counts for neither. zone: a 1 | x 0 + y 1 → 1/1, min 1: 1 everywhere.
        // node: a 1, x 0, y 1, min 0: a 2, b 0 + 1 = 1, x 1, y 2.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, pass, pass, fail])
    }

    @Test("two constraints — upstream case \"two node inclusion Constraints, zone: honor/honor, node: ignore/ignore\"")
    func inclusionZoneHonorsAllNodeIgnoresAll() {
        var fixture = ClusterFixture()
        mixedInclusionCluster(&fixture, fooOnB: false, taintY: true, fooOnY: true)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector, taintsPolicy: .honor),
                                         spread(1, "node", fooSelector, affinityPolicy: .ignore)], nodeSelector: foo)
        // zone counts node-a and node-x only: 1/0, min 0: zone1 2, zone2 1.
        // node counts every node: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, fail])
    }

    /// Pods for the two-zone-constraint cases: foo+bar on node-a and node-b, foo on node-a,
    /// foo/foo+bar/foo on node-y, and `extraY` more foo pods on node-y.
    private func twoZoneConstraintPods(_ fixture: inout ClusterFixture, extraY: Int) {
        let (a, b, _, y) = fixture.fourZonedNodes()
        fixture.pods(1, on: a, labels: fooBar)
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: b, labels: fooBar)
        fixture.pods(1, on: y, labels: foo)
        fixture.pods(1, on: y, labels: fooBar)
        fixture.pods(1 + extraY, on: y, labels: foo)
    }

    @Test("two constraints — upstream case \"two Constraints on zone, spreads = [3/3, 2/1]\"")
    func twoZoneConstraints() {
        var fixture = ClusterFixture()
        twoZoneConstraintPods(&fixture, extraY: 0)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", barSelector), spread(1, "zone", fooSelector)])
        // bar 2/1, min 1: zone1 2, zone2 1. foo 3/3, min 3: 1 everywhere. zone2 passes.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, pass, pass])
    }

    @Test("two constraints — upstream case \"two Constraints on zone, spreads = [3/4, 2/1]\"")
    func twoZoneConstraintsNoIntersection() {
        var fixture = ClusterFixture()
        twoZoneConstraintPods(&fixture, extraY: 1)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", barSelector), spread(1, "zone", fooSelector)])
        // bar allows zone2 only; foo 3/4, min 3: zone1 1, zone2 2 allows zone1 only.
        #expect(fixture.filterCodes(listDefaulted(), for: pod) == [fail, fail, fail, fail])
    }
}

/// Ports `TestPodTopologySpreadScore` and `TestPreScoreSkip` (and, through scores, a case of
/// `TestPreScoreStateEmptyNodes`) from upstream's
/// `pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go`, with system defaulting as
/// upstream's Score test. Raw score per node: `round(Σ count × ln(domains + 2) + maxSkew − 1)`,
/// normalized to `100 × (max + min − raw) / max`. Legend of the names: X/~Y~ means Y's node is not a
/// candidate; ?Y? means it is a candidate lacking a topology key.
@Suite("Upstream PodTopologySpread Score")
struct UpstreamPodTopologySpreadScoreTests {
    /// Nodes labelled only with their hostname, holding `counts` matching pods each.
    private func hostnameNodes(_ fixture: inout ClusterFixture, _ counts: [(String, Int)]) -> [NodeID] {
        counts.map { name, count in
            let node = fixture.bareNode(name, labels: [(NodeLabel.hostname, name)])
            fixture.pods(count, on: node)
            return node
        }
    }

    private func hostnamePod(_ fixture: inout ClusterFixture, maxSkew: Int32 = 1, selector: LabelSelector? = fooSelector) -> PodID {
        fixture.incoming(foo, [spread(maxSkew, NodeLabel.hostname, selector, .scheduleAnyway)])
    }

    @Test("hostname — upstream case \"one constraint on node, no existing pods\"")
    func noExistingPods() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 0), ("node-b", 0)])
        let pod = hostnamePod(&fixture)
        // Raw 0 everywhere; max 0, so every node gets 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 100])
    }

    @Test("hostname — upstream case \"one constraint on node, only one node is candidate\"")
    func singleCandidate() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 2), ("node-b", 1)])
        let pod = hostnamePod(&fixture)
        // One candidate: weight ln(1 + 2); raw round(2 × 1.0986) = 2; 100 × (2 + 2 − 2) / 2 = 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: [nodes[0]]) == [100])
    }

    @Test("hostname — upstream case \"one constraint on node, all nodes have the same number of matching pods\"")
    func sameCounts() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 1), ("node-b", 1)])
        let pod = hostnamePod(&fixture)
        // Weight ln 4 = 1.386; raw round(1.386) = 1 each; 100 × (1 + 1 − 1) / 1 = 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 100])
    }

    @Test("hostname — upstream case \"one constraint on node, all 4 nodes are candidates\"")
    func fourCandidates() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 2), ("node-b", 1), ("node-c", 0), ("node-d", 3)])
        let pod = hostnamePod(&fixture)
        // Weight ln 6 = 1.792; raw round(3.58) = 4, round(1.79) = 2, 0, round(5.38) = 5;
        // max 5, min 0: 100 × (5 − 4) / 5 = 20, 100 × 3 / 5 = 60, 100, 0.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [20, 60, 100, 0])
    }

    @Test("hostname — upstream case \"one constraint on node, null selector\"")
    func nullSelector() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 2), ("node-b", 1), ("node-c", 0), ("node-d", 3)])
        let pod = hostnamePod(&fixture, selector: nil)
        // Nothing matches: raw 0 everywhere, all 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 100, 100, 100])
    }

    @Test("hostname — upstream case \"one constraint on node, all 4 nodes are candidates, maxSkew=2\"")
    func maxSkewTwo() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 2), ("node-b", 1), ("node-c", 0), ("node-d", 3)])
        let pod = hostnamePod(&fixture, maxSkew: 2)
        // Raw count × 1.792 + 1: round(4.58) = 5, round(2.79) = 3, 1, round(6.38) = 6;
        // max 6, min 1: 100 × 2 / 6 = 33, 100 × 4 / 6 = 66, 100, 100 × 1 / 6 = 16.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [33, 66, 100, 16])
    }

    @Test("hostname — upstream case \"one constraint on node, all 4 nodes are candidates, maxSkew=3\"")
    func maxSkewThree() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 4), ("node-b", 3), ("node-c", 2), ("node-d", 1)])
        let pod = hostnamePod(&fixture, maxSkew: 3)
        // Raw count × 1.792 + 2: round(9.17) = 9, round(7.38) = 7, round(5.58) = 6, round(3.79) = 4;
        // max 9, min 4: 100 × 4 / 9 = 44, 100 × 6 / 9 = 66, 100 × 7 / 9 = 77, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [44, 66, 77, 100])
    }

    @Test("system defaults — upstream case \"system defaulting, nodes don't have zone, pods match service\"")
    func systemDefaultsFromService() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 4), ("node-b", 3), ("node-c", 2), ("node-d", 1)])
        fixture.cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels(foo)))
        let pod = fixture.addPod(labels: foo)
        // Defaults hostname maxSkew 3 and zone maxSkew 5 with the Service's selector; no node has a
        // zone, so only the hostname term scores: the same as one hostname constraint with maxSkew 3.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [44, 66, 77, 100])
    }

    @Test("hostname — upstream case \"one constraint on node, 3 out of 4 nodes are candidates\"")
    func threeOfFourCandidates() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 4), ("node-b", 2), ("node-x", 1), ("node-y", 3)])
        let pod = hostnamePod(&fixture)
        // Spread 4/2/1/~3~: 3 candidates, weight ln 5 = 1.609; raw round(6.44) = 6, round(3.22) = 3,
        // round(1.61) = 2; max 6, min 2: 100 × 2 / 6 = 33, 100 × 5 / 6 = 83, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: Array(nodes.prefix(3))) == [33, 83, 100])
    }

    @Test("hostname — upstream case \"one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key\"")
    func candidateWithoutKey() {
        var fixture = ClusterFixture()
        let a = fixture.bareNode("node-a", labels: [(NodeLabel.hostname, "node-a")])
        let b = fixture.bareNode("node-b", labels: [("n", "node-b")])
        let x = fixture.bareNode("node-x", labels: [(NodeLabel.hostname, "node-x")])
        let y = fixture.bareNode("node-y", labels: [(NodeLabel.hostname, "node-y")])
        fixture.pods(4, on: a)
        fixture.pods(2, on: b)
        fixture.pods(1, on: x)
        fixture.pods(3, on: y)
        let pod = hostnamePod(&fixture)
        // Spread 4/?2?/1/~3~: node-b is ignored (score 0); 3 − 1 = 2 hostname domains, weight ln 4 =
        // 1.386; raw round(5.55) = 6, round(1.39) = 1; max 6, min 1: 100 × 1 / 6 = 16, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: [a, b, x]) == [16, 0, 100])
    }

    @Test("zone — upstream case \"one constraint on zone, 3 out of 4 nodes are candidates\"")
    func zoneThreeOfFour() {
        var fixture = ClusterFixture()
        let (a, b, x, y) = fixture.fourZonedNodes()
        fixture.pods(4, on: a)
        fixture.pods(2, on: b)
        fixture.pods(1, on: x)
        fixture.pods(3, on: y)
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector, .scheduleAnyway)])
        // Candidates span 2 zones, weight ln 4 = 1.386; counts over all nodes zone1 6, zone2 4;
        // raw round(8.32) = 8, 8, round(5.55) = 6; max 8, min 6: 100 × 6 / 8 = 75, 75, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: [a, b, x]) == [75, 75, 100])
    }

    /// Nodes labelled with zone and hostname.
    private func zoneHostNode(_ fixture: inout ClusterFixture, _ name: String, _ zone: String) -> NodeID {
        fixture.bareNode(name, labels: [("zone", zone), (NodeLabel.hostname, name)])
    }

    @Test("zone and hostname — upstream case \"two Constraints on zone and node, 2 out of 4 nodes are candidates\"")
    func zoneAndHostnameTwoCandidates() {
        var fixture = ClusterFixture()
        let a = zoneHostNode(&fixture, "node-a", "zone1")
        let x = zoneHostNode(&fixture, "node-x", "zone2")
        let b = zoneHostNode(&fixture, "node-b", "zone1")
        let y = zoneHostNode(&fixture, "node-y", "zone2")
        for (node, count) in [(a, 2), (b, 1), (x, 2), (y, 4)] { fixture.pods(count, on: node) }
        let pod = fixture.incoming(foo, [spread(1, "zone", fooSelector, .scheduleAnyway),
                                         spread(1, NodeLabel.hostname, fooSelector, .scheduleAnyway)])
        // Spread 2/~1~/2/~4~; both weights ln 4 = 1.386 (2 zones, 2 candidates); zone1 3, zone2 6;
        // node-a round(3 × 1.386 + 2 × 1.386) = 7, node-x round(6 × 1.386 + 2 × 1.386) = 11;
        // max 11, min 7: 100 × 11 / 11 = 100, 100 × 7 / 11 = 63.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: [a, x]) == [100, 63])
    }

    @Test("zone — upstream case \"two Constraints on zone, 2 out of 4 nodes are candidates\"")
    func twoZoneConstraints() {
        var fixture = ClusterFixture()
        let a = fixture.bareNode("node-a", labels: [("zone", "zone1")])
        let x = fixture.bareNode("node-x", labels: [("zone", "zone2")])
        let b = fixture.bareNode("node-b", labels: [("zone", "zone1")])
        let y = fixture.bareNode("node-y", labels: [("zone", "zone2")])
        fixture.pods(1, on: a, labels: fooBar)
        fixture.pods(1, on: a, labels: foo)
        fixture.pods(1, on: b, labels: fooBar)
        fixture.pods(1, on: y, labels: foo)
        fixture.pods(1, on: y, labels: fooBar)
        fixture.pods(1, on: y, labels: foo)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", fooSelector, .scheduleAnyway), spread(1, "zone", barSelector, .scheduleAnyway)])
        // Weights ln 4 = 1.386; foo 3/3, bar 2/1: node-a round(5 × 1.386) = 7, node-x round(4 × 1.386) = 6;
        // max 7, min 6: 100 × 6 / 7 = 85, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: [a, x]) == [85, 100])
    }

    /// node-a, node-b in zone1 and node-x, node-y in zone2, each with its hostname.
    private func fourZoneHostNodes(_ fixture: inout ClusterFixture) -> [NodeID] {
        [zoneHostNode(&fixture, "node-a", "zone1"), zoneHostNode(&fixture, "node-b", "zone1"),
         zoneHostNode(&fixture, "node-x", "zone2"), zoneHostNode(&fixture, "node-y", "zone2")]
    }

    private func zoneFooHostnameBar() -> [TopologySpreadConstraint] {
        [spread(1, "zone", fooSelector, .scheduleAnyway), spread(1, NodeLabel.hostname, barSelector, .scheduleAnyway)]
    }

    @Test("zone and hostname — upstream case \"two Constraints on zone and node, with different labelSelectors\"")
    func differentSelectors() {
        var fixture = ClusterFixture()
        let nodes = fourZoneHostNodes(&fixture)
        fixture.pods(1, on: nodes[0], labels: foo)
        fixture.pods(1, on: nodes[1], labels: fooBar)
        fixture.pods(1, on: nodes[3], labels: foo)
        fixture.pods(1, on: nodes[3], labels: bar)
        let pod = fixture.incoming(fooBar, zoneFooHostnameBar())
        // zone (foo) 2/1 at weight ln 4 = 1.386; hostname (bar) 0/1/0/1 at ln 6 = 1.792:
        // raw round(2.77) = 3, round(2.77 + 1.79) = 5, round(1.39) = 1, round(1.39 + 1.79) = 3;
        // max 5, min 1: 100 × 3 / 5 = 60, 100 × 1 / 5 = 20, 100, 60.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [60, 20, 100, 60])
    }

    @Test("zone and hostname — upstream case \"two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods\"")
    func differentSelectorsEmptyNodes() {
        var fixture = ClusterFixture()
        let nodes = fourZoneHostNodes(&fixture)
        fixture.pods(1, on: nodes[1], labels: bar)
        fixture.pods(1, on: nodes[2], labels: foo)
        fixture.pods(1, on: nodes[3], labels: fooBar)
        let pod = fixture.incoming(fooBar, zoneFooHostnameBar())
        // zone (foo) 0/2; hostname (bar) 0/1/0/1: raw 0, round(1.79) = 2, round(2.77) = 3, round(2.77 + 1.79) = 5;
        // max 5, min 0: 100, 100 × 3 / 5 = 60, 100 × 2 / 5 = 40, 0.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 60, 40, 0])
    }

    @Test("zone and hostname — upstream case \"two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates\"")
    func differentSelectorsThreeCandidates() {
        var fixture = ClusterFixture()
        let nodes = fourZoneHostNodes(&fixture)
        fixture.pods(1, on: nodes[0], labels: foo)
        fixture.pods(1, on: nodes[1], labels: fooBar)
        fixture.pods(1, on: nodes[3], labels: foo)
        fixture.pods(1, on: nodes[3], labels: bar)
        let pod = fixture.incoming(fooBar, zoneFooHostnameBar())
        // zone (foo) 2/1 at ln 4 = 1.386 (node-y still counts); hostname (bar) at ln 5 = 1.609 over
        // 3 candidates: raw round(2.77) = 3, round(2.77 + 1.61) = 4, round(1.39) = 1;
        // max 4, min 1: 100 × 2 / 4 = 50, 100 × 1 / 4 = 25, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: Array(nodes.prefix(3))) == [50, 25, 100])
    }

    @Test("hostname — upstream case \"existing pods in a different namespace do not count\"")
    func otherNamespaces() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 1), ("node-b", 2)])
        fixture.pods(1, on: nodes[0], namespace: "ns1")
        let pod = hostnamePod(&fixture)
        // Counts 1/2 at ln 4 = 1.386: raw 1, round(2.77) = 3; max 3, min 1: 100 × 3 / 3 = 100, 100 × 1 / 3 = 33.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 33])
    }

    @Test("hostname — upstream case \"terminating Pods should be excluded\"")
    func terminatingExcluded() {
        var fixture = ClusterFixture()
        let nodes = hostnameNodes(&fixture, [("node-a", 0), ("node-b", 1)])
        let terminating = fixture.addPod(labels: foo, on: nodes[0])
        fixture.cluster.beginDeletion(terminating, at: 0)
        let pod = hostnamePod(&fixture)
        // Counts 0/1: raw 0, round(1.386) = 1; max 1, min 0: 100, 0.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [100, 0])
    }

    /// Three nodes labelled `node=<name>` (node-a and node-b also `foo`, node-c tainted when
    /// `taintC`) with 2/1/1 matching pods.
    private func inclusionNodes(_ fixture: inout ClusterFixture, fooOnAB: Bool, taintC: Bool) -> [NodeID] {
        let extra = fooOnAB ? foo : []
        let nodes = [fixture.bareNode("node-a", labels: [("node", "node-a")] + extra),
                     fixture.bareNode("node-b", labels: [("node", "node-b")] + extra),
                     fixture.bareNode("node-c", labels: [("node", "node-c")], taints: taintC ? [unschedulableTaint] : [])]
        for (node, count) in zip(nodes, [2, 1, 1]) { fixture.pods(count, on: node) }
        return nodes
    }

    @Test("minDomains — upstream case \"minDomains has no effect when ScheduleAnyway\"")
    func minDomainsIgnored() {
        var fixture = ClusterFixture()
        let nodes = [fixture.bareNode("node-a", labels: [("node", "node-a")]), fixture.bareNode("node-b", labels: [("node", "node-b")]),
                     fixture.bareNode("node-c", labels: [("node", "node-c")])]
        for (node, count) in zip(nodes, [2, 2, 1]) { fixture.pods(count, on: node) }
        let pod = fixture.incoming(foo, [spread(2, "node", fooSelector, .scheduleAnyway, minDomains: 10)])
        // "node" is not the hostname key: 3 domains, weight ln 5 = 1.609; raw count × 1.609 + 1:
        // round(4.22) = 4, 4, round(2.61) = 3; max 4, min 3: 100 × 3 / 4 = 75, 75, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [75, 75, 100])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy honoed with labelSelectors\"")
    func affinityPolicyHonoredSelector() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: true, taintC: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)], nodeSelector: foo)
        // 3 domains, ln 5 = 1.609; node-c fails the selector and its pod is not counted:
        // raw round(3.22) = 3, round(1.61) = 2, 0; max 3, min 0: 0, 100 × 1 / 3 = 33, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [0, 33, 100])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy ignored with labelSelectors\"")
    func affinityPolicyIgnoredSelector() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: true, taintC: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway, affinityPolicy: .ignore)], nodeSelector: foo)
        // node-c counts: raw 3, 2, 2; max 3, min 2: 100 × 2 / 3 = 66, 100, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [66, 100, 100])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy honoed with nodeAffinity\"")
    func affinityPolicyHonoredAffinity() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: true, taintC: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)], affinity: affinity("foo", .in, [""]))
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [0, 33, 100])
    }

    @Test("inclusion policies — upstream case \"NodeAffinityPolicy ignored with nodeAffinity\"")
    func affinityPolicyIgnoredAffinity() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: true, taintC: false)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway, affinityPolicy: .ignore)],
                                   affinity: affinity("foo", .in, [""]))
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [66, 100, 100])
    }

    @Test("inclusion policies — upstream case \"NodeTaintsPolicy honored\"")
    func taintsPolicyHonored() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: false, taintC: true)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway, taintsPolicy: .honor)])
        // node-c's taint is not tolerated and its pod is not counted: as above, 0, 33, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [0, 33, 100])
    }

    @Test("inclusion policies — upstream case \"NodeTaintsPolicy ignored\"")
    func taintsPolicyIgnored() {
        var fixture = ClusterFixture()
        let nodes = inclusionNodes(&fixture, fooOnAB: false, taintC: true)
        let pod = fixture.incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)])
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [66, 100, 100])
    }

    /// Four zoned nodes with hostnames (node-a … node-d) and the pods of the matchLabelKeys cases.
    private func matchLabelKeysCluster(_ fixture: inout ClusterFixture, podsOnC: [[(String, String)]],
                                       onB: [(String, String)]) -> [NodeID] {
        let nodes = [zoneHostNode(&fixture, "node-a", "zone1"), zoneHostNode(&fixture, "node-b", "zone1"),
                     zoneHostNode(&fixture, "node-c", "zone2"), zoneHostNode(&fixture, "node-d", "zone2")]
        fixture.pods(1, on: nodes[0], labels: foo)
        fixture.pods(1, on: nodes[1], labels: onB)
        for labels in podsOnC { fixture.pods(1, on: nodes[2], labels: labels) }
        return nodes
    }

    @Test("matchLabelKeys — upstream case \"matchLabelKeys ANDed with LabelSelector when LabelSelector is empty\"")
    func matchLabelKeysEmptySelectors() {
        var fixture = ClusterFixture()
        let nodes = matchLabelKeysCluster(&fixture, podsOnC: [foo, bar], onB: fooBar)
        let pod = fixture.incoming(fooBar, [spread(1, "zone", LabelSelector(), .scheduleAnyway, matchLabelKeys: ["foo"]),
                                            spread(1, NodeLabel.hostname, LabelSelector(), .scheduleAnyway, matchLabelKeys: ["bar"])])
        // Selectors become foo="" and bar="": zone 2/1 at ln 4, hostname 0/1/1/0 at ln 6:
        // raw round(2.77) = 3, round(2.77 + 1.79) = 5, round(1.39 + 1.79) = 3, round(1.39) = 1;
        // max 5, min 1: 60, 20, 60, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [60, 20, 60, 100])
    }

    @Test("matchLabelKeys — upstream case \"matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty\"")
    func matchLabelKeysWithSelectors() {
        var fixture = ClusterFixture()
        let baz = [("baz", "")]
        let nodes = matchLabelKeysCluster(&fixture, podsOnC: [foo, bar, bar + baz], onB: fooBar + baz)
        let pod = fixture.incoming(fooBar + baz, [spread(1, "zone", fooSelector, .scheduleAnyway),
                                                  spread(1, NodeLabel.hostname, barSelector, .scheduleAnyway, matchLabelKeys: ["baz"])])
        // hostname selector "bar exists, baz=''": 0/1/1/0; zone (foo) 2/1: the same raw 3, 5, 3, 1 → 60, 20, 60, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [60, 20, 60, 100])
    }

    // MARK: TestPreScoreSkip and system defaults from a ReplicaSet

    @Test("PreScore — upstream TestPreScoreSkip case \"the pod doesn't have soft topology spread Constraints\"")
    func skipWithoutSoftConstraints() {
        var fixture = ClusterFixture()
        fixture.bareNode("node-a", labels: [(NodeLabel.hostname, "node-a")])
        fixture.bareNode("node-b", labels: [(NodeLabel.hostname, "node-b")])
        let pod = fixture.addPod()
        #expect(!fixture.preScores(listDefaulted(), for: pod))
    }

    @Test("PreScore — upstream TestPreScoreSkip case \"default constraints and a replicaset that doesn't match\"")
    func skipWhenNoReplicaSetOwns() {
        var fixture = ClusterFixture()
        fixture.bareNode("node-a", labels: [("planet", "mars")])
        fixture.replicaSet("rs1", selector: LabelSelector(matchExpressions: [SelectorRequirement(key: "tar", op: .exists)]))
        // Upstream's pod names a ReplicaSet rs2 that does not exist; kubesim's owner must exist, so
        // the pod has none: either way no selector comes from a workload.
        let pod = fixture.addPod(labels: [("foo", "bar"), ("baz", "sup")])
        let plugin = PodTopologySpread(defaultConstraints: [spread(2, "planet", nil, .scheduleAnyway)], systemDefaulted: false)
        #expect(!fixture.preScores(plugin, for: pod))
    }

    @Test("system defaults — upstream TestPreScoreStateEmptyNodes case \"system default constraints and a replicaset\"")
    func systemDefaultsNodesWithoutZone() {
        var fixture = ClusterFixture()
        let nodes = [fixture.bareNode("node-a", labels: [(NodeLabel.hostname, "node-a"), (NodeLabel.zone, "mars")]),
                     fixture.bareNode("node-b", labels: [(NodeLabel.hostname, "node-b"), (NodeLabel.zone, "mars")]),
                     fixture.bareNode("node-c", labels: [(NodeLabel.hostname, "node-c")]),
                     fixture.bareNode("node-d", labels: [(NodeLabel.hostname, "node-d")])]
        let owner = fixture.replicaSet("rs1", selector: fooSelector)
        // Upstream asserts the normalizing weights: ln(4 + 2) for hostname and ln(2 + 2) for zone,
        // whose domains are "mars" and "" (nodes without a zone form a domain of their own). Three
        // matching pods on node-b make the weights visible in the scores.
        fixture.pods(3, on: nodes[1], labels: [("foo", "tar")])
        let pod = fixture.addPod(labels: [("foo", "tar"), ("baz", "sup")], owner: .replicaSet(owner))
        // hostname (maxSkew 3) at ln 6 = 1.792: a 2, b 3 × 1.792 + 2 = 7.38, c 2, d 2.
        // zone (maxSkew 5) at ln 4 = 1.386, mars 3: a and b 3 × 1.386 + 4 = 8.16; c and d have no zone term.
        // Raw round(10.16) = 10, round(15.53) = 16, 2, 2; max 16, min 2:
        // 100 × (18 − 10) / 16 = 50, 100 × 2 / 16 = 12, 100, 100.
        #expect(fixture.scores(PodTopologySpread(), for: pod, on: nodes) == [50, 12, 100, 100])
    }
}
