import TestSupport
import Testing

@testable import SimCore

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
private func spread(
    _ maxSkew: Int32, _ key: String, _ selector: LabelSelector?, _ action: UnsatisfiableAction = .doNotSchedule,
    minDomains: Int32? = nil, affinityPolicy: NodeInclusionPolicy? = nil, taintsPolicy: NodeInclusionPolicy? = nil,
    matchLabelKeys: [String] = []
) -> TopologySpreadConstraint {
    TopologySpreadConstraint(
        maxSkew: maxSkew, topologyKey: key, whenUnsatisfiable: action, labelSelector: selector,
        matchLabelKeys: matchLabelKeys, minDomains: minDomains, nodeAffinityPolicy: affinityPolicy,
        nodeTaintsPolicy: taintsPolicy)
}

/// A node labelled `zone=<zone>` and `node=<name>` plus `extra`, as upstream's `MakeNode()` chains.
private func zoned(_ name: String, _ zone: String, extra: [(String, String)] = [], taints: [Taint] = []) -> NodeRow {
    NodeRow(name, [("zone", zone), ("node", name)] + extra, taints: taints)
}

/// Upstream's usual four nodes: node-a (0) and node-b (1) in zone1, node-x (2) and node-y (3) in zone2.
private let fourZonedNodes = [zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2")]

/// `count` pods with `labels` bound to the node at index `node`.
private func pods(_ count: Int, on node: Int, labels: [(String, String)] = foo, namespace: String = "default") -> PodRow {
    PodRow(labels: labels, namespace: namespace, count: count, on: node)
}

/// The incoming pod: `labels`, the constraints, and optionally a node selector, node affinity and tolerations.
private func incoming(
    _ labels: [(String, String)], _ constraints: [TopologySpreadConstraint], nodeSelector: [(String, String)] = [],
    affinity: NodeAffinity? = nil, tolerations: [Toleration] = []
) -> PodRow {
    PodRow(
        PodSpec(
            containers: [], nodeSelector: Labels(nodeSelector), nodeAffinity: affinity, topologySpreadConstraints: constraints,
            tolerations: tolerations), labels: labels)
}

/// A required node affinity with one term of one requirement, as upstream's `NodeAffinityIn/NotIn`.
private func affinity(_ key: String, _ op: SelectorOperator, _ values: [String]) -> NodeAffinity {
    NodeAffinity(required: [NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: key, op: op, values: values)])])
}

extension ClusterFixture {
    /// Adds a Service "svc" in "default" selecting `selector` for each entry.
    fileprivate mutating func addServices(_ selectors: [[(String, String)]]) {
        for selector in selectors { cluster.addService(ServiceSpec(meta: ObjectMeta(name: "svc"), selector: Labels(selector))) }
    }
}

// MARK: Filter setups

/// Three nodes labelled only `node=<name>` holding 2/2/1 matching pods.
private let twoTwoOneNodes = ["node-a", "node-b", "node-c"].map { NodeRow($0, [("node", $0)]) }
private let twoTwoOnePods = [pods(2, on: 0), pods(2, on: 1), pods(1, on: 2)]

/// node-a, node-b and node-x labelled `foo`, node-y not (tainted when `taintY`).
private func inclusionNodes(taintY: Bool) -> [NodeRow] {
    ["node-a", "node-b", "node-x"].map { NodeRow($0, [("node", $0), ("foo", "")]) }
        + [NodeRow("node-y", [("node", "node-y")], taints: taintY ? [unschedulableTaint] : [])]
}

/// One matching pod on node-a, node-b and node-y.
private let inclusionPods = [pods(1, on: 0), pods(1, on: 1), pods(1, on: 3)]

/// Five pods labelled `foo=a` on the four zoned nodes: three in zone1, two in zone2.
private let fooAPods = [pods(2, on: 0, labels: [("foo", "a")]), pods(1, on: 1, labels: [("foo", "a")]), pods(2, on: 3, labels: [("foo", "a")])]

/// node-a, node-b and node-x labelled `foo` (node-b only when `fooOnB`); node-y labelled `foo` when
/// `fooOnY` and tainted when `taintY`.
private func mixedInclusionNodes(fooOnB: Bool, taintY: Bool, fooOnY: Bool) -> [NodeRow] {
    [
        zoned("node-a", "zone1", extra: foo), zoned("node-b", "zone1", extra: fooOnB ? foo : []), zoned("node-x", "zone2", extra: foo),
        zoned("node-y", "zone2", extra: fooOnY ? foo : [], taints: taintY ? [unschedulableTaint] : []),
    ]
}

/// One matching pod on node-a, node-b and node-y.
private let mixedInclusionPods = [pods(1, on: 0), pods(1, on: 1), pods(1, on: 3)]

/// Pods for the two-zone-constraint cases on the four zoned nodes: foo+bar on node-a and node-b,
/// foo on node-a, foo/foo+bar/foo on node-y, and `extraY` more foo pods on node-y.
private func twoZoneConstraintPods(extraY: Int) -> [PodRow] {
    [
        pods(1, on: 0, labels: fooBar), pods(1, on: 0, labels: foo), pods(1, on: 1, labels: fooBar),
        pods(1, on: 3, labels: foo), pods(1, on: 3, labels: fooBar), pods(1 + extraY, on: 3, labels: foo),
    ]
}

/// Ports `TestSingleConstraint`, `TestMultipleConstraints` and the observable parts of
/// `TestPreFilterState` from upstream's `pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go`.
/// Each node passes when `count(domain) + self − min ≤ maxSkew`; the arithmetic is above each
/// expectation as "counts …; min …; self …" then each node's skew.
@Suite("Upstream PodTopologySpread Filter")
struct UpstreamPodTopologySpreadFilterTests {
    /// A row of upstream's `TestSingleConstraint`, `TestPreFilterState` or `TestMultipleConstraints`:
    /// the nodes, the pods on them, the Services (by selector), the incoming pod and the plugin's
    /// default constraints (`defaultingType: List`, none unless told), then what PreFilter and
    /// Filter give. `variant` tells apart rows upstream names alike.
    struct FilterCase: CustomTestStringConvertible, Sendable {
        enum Expected: Sendable {
            /// Each node's failure code after PreFilter and Filter, nil where it passes.
            case codes([FilterCode?])
            /// Each node's failure code and reason after PreFilter and Filter.
            case codesAndReasons([FilterCode?], [FilterReason?])
            /// PreFilter lets Filter run.
            case preFilterProceeds
            /// PreFilter returns Skip.
            case preFilterSkips
        }

        let name: String
        var variant: String? = nil
        var nodes: [NodeRow] = []
        var pods: [PodRow] = []
        var services: [[(String, String)]] = []
        let pod: PodRow
        var defaultConstraints: [TopologySpreadConstraint] = []
        let expected: Expected
        var testDescription: String { variant.map { "\(name) (\($0))" } ?? name }
    }

    // MARK: TestSingleConstraint

    static let singleConstraintCases: [FilterCase] = [
        // Counts 0/0; min 0; self 1: skew 1 everywhere.
        FilterCase(
            name: "no existing pods", nodes: fourZonedNodes,
            pod: incoming(foo, [spread(1, "zone", fooSelector)]), expected: .codes([pass, pass, pass, pass])),
        // Counts 0/0; min 0; self 0: skew 0 everywhere.
        FilterCase(
            name: "no existing pods, incoming pod doesn't match itself", nodes: fourZonedNodes,
            pod: incoming(foo, [spread(1, "zone", barSelector)]), expected: .codes([pass, pass, pass, pass])),
        // Counts zone1 0, zone2 2; min 0; self 1: zone1 1, zone2 3 > 1.
        FilterCase(
            name: "existing pods in a different namespace do not count", nodes: fourZonedNodes,
            pods: [pods(1, on: 0, namespace: "ns1"), pods(1, on: 0, namespace: "ns2"), pods(1, on: 2), pods(1, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector)]), expected: .codes([pass, pass, fail, fail])),
        // A nil selector matches nothing: counts 0/0, self 0.
        FilterCase(
            name: "existing pods do not match null selector", nodes: fourZonedNodes,
            pods: [pods(1, on: 2), pods(1, on: 3)],
            pod: incoming(foo, [spread(1, "zone", nil)]), expected: .codes([pass, pass, pass, pass])),
        // Counts 3/3; min 3; self 1: skew 3 + 1 − 3 = 1 everywhere.
        FilterCase(
            name: "pods spread across zones as 3/3, all nodes fit", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector)]), expected: .codes([pass, pass, pass, pass])),
        // node-b lacks "zone" and is not counted: counts zone1 1, zone2 2; min 1; self 1:
        // node-a 1 + 1 − 1 = 1; node-b has no domain (unresolvable); zone2 2 + 1 − 1 = 2 > 1.
        FilterCase(
            name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
            nodes: [
                zoned("node-a", "zone1"), NodeRow("node-b", [("zon", "zone1"), ("node", "node-b")]),
                zoned("node-x", "zone2"), zoned("node-y", "zone2"),
            ],
            pods: [pods(1, on: 0), pods(1, on: 1), pods(1, on: 2), pods(1, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector)]), expected: .codes([pass, unresolvable, fail, fail])),
        FilterCase(
            name: "pod cannot be scheduled as all nodes don't have label 'rack'",
            nodes: [zoned("node-a", "zone1"), zoned("node-x", "zone2")],
            pod: incoming(foo, [spread(1, "rack", fooSelector)]),
            expected: .codesAndReasons([unresolvable, unresolvable], [.spreadConstraintLabelMissing, .spreadConstraintLabelMissing])),
        // Counts 2/1/0/3; min 0; self 1: 3, 2, 1, 4 against maxSkew 1.
        FilterCase(
            name: "pods spread across nodes as 2/1/0/3, only node-x fits", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(foo, [spread(1, "node", fooSelector)]), expected: .codes([fail, fail, pass, fail])),
        // Counts 2/1/0/3; min 0; self 1: 3, 2, 1, 4 against maxSkew 2.
        FilterCase(
            name: "pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(foo, [spread(2, "node", fooSelector)]), expected: .codes([fail, pass, pass, fail])),
        // Counts 2/1/0/3; min 0; self 0: 2, 1, 0, 3 against maxSkew 1.
        FilterCase(
            name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(bar, [spread(1, "node", fooSelector)]), expected: .codes([fail, pass, pass, fail])),
        // Only node-a and node-y match the affinity: counts a 2, y 3; min 2; self 1:
        // node-a 2 + 1 − 2 = 1; node-b and node-x have no count: 0 + 1 − 2 < 1 (NodeAffinity
        // would reject them in a real cycle); node-y 3 + 1 − 2 = 2 > 1.
        FilterCase(
            name: "incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(foo, [spread(1, "node", fooSelector)], affinity: affinity("node", .in, ["node-a", "node-y"])),
            expected: .codes([pass, pass, pass, fail])),
        // The terminating pod does not count: counts a 0, b 1; min 0; self 1: a 1, b 2 > 1.
        FilterCase(
            name: "terminating Pods should be excluded",
            nodes: [NodeRow("node-a", [("node", "node-a")]), NodeRow("node-b", [("node", "node-b")])],
            pods: [PodRow(labels: foo, on: 0, terminating: true), pods(1, on: 1)],
            pod: incoming(foo, [spread(1, "node", fooSelector)]), expected: .codes([pass, fail])),
        // node-b does not match the affinity and is not counted: zone1 0, zone2 1; min 0; self 1:
        // zone1 1; zone2 2 > 1.
        FilterCase(
            name: "incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits", nodes: fourZonedNodes,
            pods: [pods(2, on: 1), pods(1, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector)], affinity: affinity("node", .notIn, ["node-b"])),
            expected: .codes([pass, pass, fail, fail])),
        // 3 domains < minDomains 4, so min counts as 0; self 1: 3, 3, 2 against maxSkew 2.
        FilterCase(
            name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits",
            nodes: twoTwoOneNodes, pods: twoTwoOnePods,
            pod: incoming(foo, [spread(2, "node", fooSelector, minDomains: 4)]), expected: .codes([fail, fail, pass])),
        // 3 domains ≥ minDomains 2: min 1; self 1: 2, 2, 1.
        FilterCase(
            name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit",
            nodes: twoTwoOneNodes, pods: twoTwoOnePods,
            pod: incoming(foo, [spread(2, "node", fooSelector, minDomains: 2)]), expected: .codes([pass, pass, pass])),
        // 2 zones < minDomains 3, so min counts as 0; self 1: zone1 3 > 2, zone2 2.
        FilterCase(
            name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit",
            nodes: fourZonedNodes, pods: [pods(1, on: 0), pods(1, on: 1), pods(1, on: 3)],
            pod: incoming(foo, [spread(2, "zone", fooSelector, minDomains: 3)]), expected: .codes([fail, fail, pass, pass])),
        // min 1; self 1: zone1 2, zone2 1.
        FilterCase(
            name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit",
            nodes: fourZonedNodes, pods: [pods(1, on: 0), pods(1, on: 1), pods(1, on: 3)],
            pod: incoming(foo, [spread(2, "zone", fooSelector, minDomains: 1)]), expected: .codes([pass, pass, pass, pass])),
        // node-y fails the node selector and is not counted: counts a 1, b 1, x 0; min 0; self 1:
        // a 2, b 2, x 1, y 0 + 1 = 1 (NodeAffinity would reject node-y in a real cycle).
        FilterCase(
            name: "NodeAffinityPolicy honored with labelSelectors", nodes: inclusionNodes(taintY: false), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector)], nodeSelector: foo), expected: .codes([fail, fail, pass, pass])),
        // node-y counts: 1/1/0/1; min 0; self 1: 2, 2, 1, 2.
        FilterCase(
            name: "NodeAffinityPolicy ignored with labelSelectors", variant: "node selector",
            nodes: inclusionNodes(taintY: false), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector, affinityPolicy: .ignore)], nodeSelector: foo),
            expected: .codes([fail, fail, pass, fail])),
        // As with the node selector: node-y is not counted; a 2, b 2, x 1, y 1.
        FilterCase(
            name: "NodeAffinityPolicy honored with nodeAffinity", nodes: inclusionNodes(taintY: false), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector)], affinity: affinity("foo", .in, [""])),
            expected: .codes([fail, fail, pass, pass])),
        // node-y counts: a 2, b 2, x 1, y 2.
        FilterCase(
            name: "NodeAffinityPolicy ignored with labelSelectors", variant: "node affinity",
            nodes: inclusionNodes(taintY: false), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector, affinityPolicy: .ignore)], affinity: affinity("foo", .in, [""])),
            expected: .codes([fail, fail, pass, fail])),
        // node-y's taint is not tolerated, so it is not counted: a 2, b 2, x 1, y 0 + 1 = 1.
        FilterCase(
            name: "NodeTaintsPolicy honored", nodes: inclusionNodes(taintY: true), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector, taintsPolicy: .honor)]), expected: .codes([fail, fail, pass, pass])),
        // Taints are ignored by default: node-y counts; a 2, b 2, x 1, y 2.
        FilterCase(
            name: "NodeTaintsPolicy ignored", nodes: inclusionNodes(taintY: true), pods: inclusionPods,
            pod: incoming(foo, [spread(1, "node", fooSelector)]), expected: .codes([fail, fail, pass, fail])),
    ]

    // MARK: TestPreFilterState (observed through PreFilter and Filter)

    static let preFilterStateCases: [FilterCase] = [
        // The taint is tolerated, so node-c counts with 0: counts 1/2/0 (upstream's
        // TpValueToMatchNum); min 0; self 0: a 1, b 2 > 1, c 0.
        FilterCase(
            name: "NodeTaintsPolicy honored with tolerated taints",
            nodes: [
                NodeRow("node-a", [("node", "node-a")]), NodeRow("node-b", [("node", "node-b")]),
                NodeRow("node-c", [("node", "node-c"), ("bar", "")], taints: [unschedulableTaint]),
            ],
            pods: [pods(1, on: 0, labels: bar), pods(2, on: 1, labels: bar), PodRow(on: 2)],
            pod: incoming(
                foo, [spread(1, "node", barSelector, taintsPolicy: .honor)],
                tolerations: [Toleration(key: WellKnownTaint.unschedulable, op: .exists, effect: .noSchedule)]),
            expected: .codes([pass, fail, pass])),
        // The selector becomes "foo exists, bar=a": counts zone1 1, zone2 1 (upstream's
        // TpValueToMatchNum); min 1; self 1: skew 1 everywhere. Without bar=a zone1 would count 3.
        FilterCase(
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty", nodes: fourZonedNodes,
            pods: [
                pods(1, on: 0), pods(1, on: 0, labels: [("foo", ""), ("bar", "a")]), pods(1, on: 1),
                pods(1, on: 3, labels: [("foo", ""), ("bar", "a")]), pods(1, on: 3, labels: bar),
            ],
            pod: incoming([("foo", ""), ("bar", "a")], [spread(1, "zone", fooSelector, matchLabelKeys: ["bar"])]),
            expected: .codes([pass, pass, pass, pass])),
        // The selector becomes foo=a: counts 3/2; min 2; self 1: zone1 2 > 1, zone2 1.
        FilterCase(
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector is empty", nodes: fourZonedNodes, pods: fooAPods,
            pod: incoming([("foo", "a")], [spread(1, "zone", LabelSelector(), matchLabelKeys: ["foo"])]),
            expected: .codes([fail, fail, pass, pass])),
        // The pod has no "bar" label, so the nil selector stays: it matches nothing, counts 0/0, self 0.
        FilterCase(
            name: "key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled", nodes: fourZonedNodes,
            pods: fooAPods, pod: incoming(foo, [spread(1, "zone", nil, matchLabelKeys: ["bar"])]),
            expected: .codes([pass, pass, pass, pass])),
        // The selector stays "foo exists": counts 3/2; min 2; self 1: zone1 2 > 1, zone2 1.
        FilterCase(
            name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels", nodes: fourZonedNodes,
            pods: fooAPods, pod: incoming(foo, [spread(1, "zone", fooSelector, matchLabelKeys: ["bar"])]),
            expected: .codes([fail, fail, pass, pass])),
        // foo: zone1 2, zone2 1, min 1: zone1 2 > 1. bar: zone1 1, zone2 3, min 1: zone2 3 > 1.
        FilterCase(
            name: "two spreadConstraints with the same topologyKey", nodes: fourZonedNodes,
            pods: [
                pods(1, on: 0, labels: fooBar), pods(1, on: 1, labels: foo), pods(1, on: 2, labels: bar),
                pods(1, on: 3, labels: fooBar), pods(1, on: 3, labels: bar),
            ],
            pod: incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "zone", barSelector)]),
            expected: .codes([fail, fail, fail, fail])),
        // The two DoNotSchedule defaults apply with the Service's selector foo=bar, though no node
        // (there is none) carries "node" or "rack".
        FilterCase(
            name: "default constraints and a service", services: [[("foo", "bar")]],
            pod: PodRow(labels: [("foo", "bar"), ("baz", "kar")]),
            defaultConstraints: [spread(3, "node", nil), spread(2, "node", nil, .scheduleAnyway), spread(5, "rack", nil)],
            expected: .preFilterProceeds),
        // Nothing selects the pod: no selector, no constraint, Skip.
        FilterCase(
            name: "default constraints and a service that doesn't match", services: [[("baz", "kep")]],
            pod: PodRow(labels: [("foo", "bar")]), defaultConstraints: [spread(3, "node", nil)], expected: .preFilterSkips),
        // The pod's own DoNotSchedule constraint (zone, baz=tar) applies instead of the default.
        FilterCase(
            name: "default constraints and a service, but pod has constraints", services: [[("foo", "bar")]],
            pod: incoming(
                [("foo", "bar"), ("baz", "tar")],
                [
                    spread(1, "zone", LabelSelector(matchLabels: Labels([("baz", "tar")]))),
                    spread(2, "planet", LabelSelector(matchLabels: Labels([("fot", "rok")])), .scheduleAnyway),
                ]),
            defaultConstraints: [spread(2, "node", nil)], expected: .preFilterProceeds),
        FilterCase(
            name: "default soft constraints and a service", services: [[("foo", "bar")]],
            pod: PodRow(labels: [("foo", "bar")]), defaultConstraints: [spread(2, "node", nil, .scheduleAnyway)],
            expected: .preFilterSkips),
        FilterCase(name: "skip if not specified", nodes: [zoned("node-a", "zone1")], pod: PodRow(labels: foo), expected: .preFilterSkips),
    ]

    // MARK: TestMultipleConstraints

    static let multipleConstraintsCases: [FilterCase] = [
        // zone 3/3, min 3: 1 everywhere. node 2/1/0/3, min 0: 3, 2, 1, 4. Only node-x passes both.
        FilterCase(
            name: "two Constraints on zone and node, spreads = [3/3, 2/1/0/3]", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(3, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)]),
            expected: .codes([fail, fail, pass, fail])),
        // zone 3/4, min 3: zone1 1, zone2 2. node 2/1/0/4, min 0: only node-x; it is in zone2.
        FilterCase(
            name: "two Constraints on zone and node, spreads = [3/4, 2/1/0/4]", nodes: fourZonedNodes,
            pods: [pods(2, on: 0), pods(1, on: 1), pods(4, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)]),
            expected: .codes([fail, fail, fail, fail])),
        // zone (foo) 1/0, min 0: zone1 2, zone2 1. node (bar) 0/0/0/1, min 0: 1, 1, 1, 2. Only node-x.
        FilterCase(
            name: "Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]", nodes: fourZonedNodes,
            pods: [pods(1, on: 0, labels: foo), pods(1, on: 3, labels: bar)],
            pod: incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)]),
            expected: .codes([fail, fail, pass, fail])),
        // zone (foo) allows zone2 only; node (bar) 0/0/1/1 allows node-a and node-b only.
        FilterCase(
            name: "Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]", nodes: fourZonedNodes,
            pods: [pods(1, on: 0, labels: foo), pods(1, on: 2, labels: bar), pods(1, on: 3, labels: bar)],
            pod: incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)]),
            expected: .codes([fail, fail, fail, fail])),
        // zone (foo) 2/3, min 2: zone1 1, zone2 2. node (bar) 1/0/0/1, min 0: 2, 1, 1, 2. Only node-b.
        FilterCase(
            name: "Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]", nodes: fourZonedNodes,
            pods: [
                pods(1, on: 0, labels: foo), pods(1, on: 0, labels: fooBar), pods(1, on: 3, labels: foo),
                pods(1, on: 3, labels: fooBar), pods(1, on: 3, labels: foo),
            ],
            pod: incoming(fooBar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)]),
            expected: .codes([fail, pass, fail, fail])),
        // zone (foo) 1/0, min 0, self 0: 1 and 0, any zone. node (bar) 0/0/1/1, min 0, self 1: 1, 1, 2, 2.
        FilterCase(
            name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint", nodes: fourZonedNodes,
            pods: [pods(1, on: 0, labels: foo), pods(1, on: 2, labels: bar), pods(1, on: 3, labels: bar)],
            pod: incoming(bar, [spread(1, "zone", fooSelector), spread(1, "node", barSelector)]),
            expected: .codes([pass, pass, fail, fail])),
        // node-x lacks "node" and is counted for neither constraint: zone 1/1, min 1: 1 everywhere;
        // node a 1, b 0, y 1, min 0: a 2, b 1, y 2; node-x has no "node" domain (unresolvable).
        FilterCase(
            name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
            nodes: [zoned("node-a", "zone1"), zoned("node-b", "zone1"), NodeRow("node-x", [("zone", "zone2")]), zoned("node-y", "zone2")],
            pods: [pods(1, on: 0), pods(1, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)]),
            expected: .codes([fail, pass, unresolvable, fail])),
        // zone honors the selector (node-y not counted): 2/0, min 0: zone1 3, zone2 1.
        // node ignores it: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        FilterCase(
            name: "two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
            nodes: mixedInclusionNodes(fooOnB: true, taintY: false, fooOnY: false), pods: mixedInclusionPods,
            pod: incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector, affinityPolicy: .ignore)], nodeSelector: foo),
            expected: .codes([fail, fail, pass, fail])),
        // zone skips the tainted node-y: 2/0, min 0: zone1 3, zone2 1.
        // node counts node-y: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        FilterCase(
            name: "two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
            nodes: mixedInclusionNodes(fooOnB: true, taintY: true, fooOnY: false), pods: mixedInclusionPods,
            pod: incoming(foo, [spread(1, "zone", fooSelector, taintsPolicy: .honor), spread(1, "node", fooSelector)]),
            expected: .codes([fail, fail, pass, fail])),
        // node-b fails the selector and counts for neither. zone: a 1 | x 0 + y 1 → 1/1, min 1: 1 everywhere.
        // node: a 1, x 0, y 1, min 0: a 2, b 0 + 1 = 1, x 1, y 2.
        FilterCase(
            name: "two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
            nodes: mixedInclusionNodes(fooOnB: false, taintY: true, fooOnY: true), pods: mixedInclusionPods,
            pod: incoming(foo, [spread(1, "zone", fooSelector), spread(1, "node", fooSelector)], nodeSelector: foo),
            expected: .codes([fail, pass, pass, fail])),
        // zone counts node-a and node-x only: 1/0, min 0: zone1 2, zone2 1.
        // node counts every node: 1/1/0/1, min 0: 2, 2, 1, 2. Only node-x.
        FilterCase(
            name: "two node inclusion Constraints, zone: honor/honor, node: ignore/ignore",
            nodes: mixedInclusionNodes(fooOnB: false, taintY: true, fooOnY: true), pods: mixedInclusionPods,
            pod: incoming(
                foo,
                [
                    spread(1, "zone", fooSelector, taintsPolicy: .honor),
                    spread(1, "node", fooSelector, affinityPolicy: .ignore),
                ], nodeSelector: foo),
            expected: .codes([fail, fail, pass, fail])),
        // bar 2/1, min 1: zone1 2, zone2 1. foo 3/3, min 3: 1 everywhere. zone2 passes.
        FilterCase(
            name: "two Constraints on zone, spreads = [3/3, 2/1]", nodes: fourZonedNodes, pods: twoZoneConstraintPods(extraY: 0),
            pod: incoming(fooBar, [spread(1, "zone", barSelector), spread(1, "zone", fooSelector)]),
            expected: .codes([fail, fail, pass, pass])),
        // bar allows zone2 only; foo 3/4, min 3: zone1 1, zone2 2 allows zone1 only.
        FilterCase(
            name: "two Constraints on zone, spreads = [3/4, 2/1]", nodes: fourZonedNodes, pods: twoZoneConstraintPods(extraY: 1),
            pod: incoming(fooBar, [spread(1, "zone", barSelector), spread(1, "zone", fooSelector)]),
            expected: .codes([fail, fail, fail, fail])),
    ]

    private func run(_ testCase: FilterCase) {
        var fixture = ClusterFixture()
        let nodes = fixture.add(testCase.nodes)
        fixture.add(testCase.pods, on: nodes)
        fixture.addServices(testCase.services)
        let pod = fixture.add(testCase.pod, on: nodes)[0]
        let plugin = PodTopologySpread(defaultConstraints: testCase.defaultConstraints, systemDefaulted: false)
        switch testCase.expected {
        case .codes(let codes):
            #expect(fixture.filterCodes(plugin, for: pod) == codes)
        case .codesAndReasons(let codes, let reasons):
            let outcome = fixture.filterOutcome(plugin, for: pod)
            #expect(outcome.map { $0?.code } == codes)
            #expect(outcome.map { $0?.reason } == reasons)
        case .preFilterProceeds:
            #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isProceed)
        case .preFilterSkips:
            #expect(plugin.preFilter(fixture.schedulingPod(pod), cluster: fixture.cluster).isSkip)
        }
    }

    @Test("TestSingleConstraint", arguments: singleConstraintCases)
    func singleConstraint(_ testCase: FilterCase) { run(testCase) }

    @Test("TestPreFilterState", arguments: preFilterStateCases)
    func preFilterState(_ testCase: FilterCase) { run(testCase) }

    @Test("TestMultipleConstraints", arguments: multipleConstraintsCases)
    func multipleConstraints(_ testCase: FilterCase) { run(testCase) }
}

// MARK: Score setups

/// Nodes labelled only with their hostname.
private func hostnameNodes(_ names: [String]) -> [NodeRow] {
    names.map { NodeRow($0, [(NodeLabel.hostname, $0)]) }
}

/// `counts[i]` matching pods on node i.
private func podsPerNode(_ counts: [Int]) -> [PodRow] {
    counts.enumerated().map { pods($0.element, on: $0.offset) }
}

private func hostnamePod(maxSkew: Int32 = 1, selector: LabelSelector? = fooSelector) -> PodRow {
    incoming(foo, [spread(maxSkew, NodeLabel.hostname, selector, .scheduleAnyway)])
}

/// A node labelled with zone and hostname.
private func zoneHostNode(_ name: String, _ zone: String) -> NodeRow {
    NodeRow(name, [("zone", zone), (NodeLabel.hostname, name)])
}

/// node-a, node-b in zone1 and node-x, node-y in zone2, each with its hostname.
private let fourZoneHostNodes = [
    zoneHostNode("node-a", "zone1"), zoneHostNode("node-b", "zone1"),
    zoneHostNode("node-x", "zone2"), zoneHostNode("node-y", "zone2"),
]

private let zoneFooHostnameBar = [spread(1, "zone", fooSelector, .scheduleAnyway), spread(1, NodeLabel.hostname, barSelector, .scheduleAnyway)]

/// Three nodes labelled `node=<name>` (node-a and node-b also `foo`, node-c tainted when `taintC`).
private func inclusionScoreNodes(fooOnAB: Bool, taintC: Bool) -> [NodeRow] {
    let extra = fooOnAB ? foo : []
    return [
        NodeRow("node-a", [("node", "node-a")] + extra), NodeRow("node-b", [("node", "node-b")] + extra),
        NodeRow("node-c", [("node", "node-c")], taints: taintC ? [unschedulableTaint] : []),
    ]
}

/// 2/1/1 matching pods on the three inclusion nodes.
private let inclusionScorePods = podsPerNode([2, 1, 1])

/// Four zoned nodes with hostnames (node-a … node-d).
private let matchLabelKeysNodes = [
    zoneHostNode("node-a", "zone1"), zoneHostNode("node-b", "zone1"),
    zoneHostNode("node-c", "zone2"), zoneHostNode("node-d", "zone2"),
]

/// The pods of the matchLabelKeys cases: foo on node-a, `onB` on node-b, `podsOnC` on node-c.
private func matchLabelKeysPods(podsOnC: [[(String, String)]], onB: [(String, String)]) -> [PodRow] {
    [pods(1, on: 0, labels: foo), pods(1, on: 1, labels: onB)] + podsOnC.map { pods(1, on: 2, labels: $0) }
}

/// Ports `TestPodTopologySpreadScore` and `TestPreScoreSkip` (and, through scores, a case of
/// `TestPreScoreStateEmptyNodes`) from upstream's
/// `pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go`, with system defaulting as
/// upstream's Score test. Raw score per node: `round(Σ count × ln(domains + 2) + maxSkew − 1)`,
/// normalized to `100 × (max + min − raw) / max`. Legend of the names: X/~Y~ means Y's node is not a
/// candidate; ?Y? means it is a candidate lacking a topology key.
@Suite("Upstream PodTopologySpread Score")
struct UpstreamPodTopologySpreadScoreTests {
    /// A row of upstream's `TestPodTopologySpreadScore`, `TestPreScoreSkip` or
    /// `TestPreScoreStateEmptyNodes`: the nodes, a ReplicaSet "rs1" with `replicaSet`'s selector
    /// (owning the incoming pod when `ownedByReplicaSet`), the pods on the nodes, the Services (by
    /// selector), the incoming pod, the plugin's default constraints (system defaulting when nil,
    /// otherwise `defaultingType: List` with these), the candidate nodes (all when nil), and the
    /// scores of the candidates or PreScore's Skip (nil).
    struct ScoreCase: CustomTestStringConvertible, Sendable {
        let name: String
        let nodes: [NodeRow]
        var replicaSet: LabelSelector? = nil
        var pods: [PodRow] = []
        var services: [[(String, String)]] = []
        let pod: PodRow
        var ownedByReplicaSet = false
        var defaultConstraints: [TopologySpreadConstraint]? = nil
        var candidates: [Int]? = nil
        let expected: [Int64]?
        var testDescription: String { name }
    }

    // MARK: TestPodTopologySpreadScore

    static let scoreCases: [ScoreCase] = [
        // Raw 0 everywhere; max 0, so every node gets 100.
        ScoreCase(
            name: "one constraint on node, no existing pods", nodes: hostnameNodes(["node-a", "node-b"]),
            pod: hostnamePod(), expected: [100, 100]),
        // One candidate: weight ln(1 + 2); raw round(2 × 1.0986) = 2; 100 × (2 + 2 − 2) / 2 = 100.
        ScoreCase(
            name: "one constraint on node, only one node is candidate", nodes: hostnameNodes(["node-a", "node-b"]),
            pods: podsPerNode([2, 1]), pod: hostnamePod(), candidates: [0], expected: [100]),
        // Weight ln 4 = 1.386; raw round(1.386) = 1 each; 100 × (1 + 1 − 1) / 1 = 100.
        ScoreCase(
            name: "one constraint on node, all nodes have the same number of matching pods", nodes: hostnameNodes(["node-a", "node-b"]),
            pods: podsPerNode([1, 1]), pod: hostnamePod(), expected: [100, 100]),
        // Weight ln 6 = 1.792; raw round(3.58) = 4, round(1.79) = 2, 0, round(5.38) = 5;
        // max 5, min 0: 100 × (5 − 4) / 5 = 20, 100 × 3 / 5 = 60, 100, 0.
        ScoreCase(
            name: "one constraint on node, all 4 nodes are candidates", nodes: hostnameNodes(["node-a", "node-b", "node-c", "node-d"]),
            pods: podsPerNode([2, 1, 0, 3]), pod: hostnamePod(), expected: [20, 60, 100, 0]),
        // Nothing matches: raw 0 everywhere, all 100.
        ScoreCase(
            name: "one constraint on node, null selector", nodes: hostnameNodes(["node-a", "node-b", "node-c", "node-d"]),
            pods: podsPerNode([2, 1, 0, 3]), pod: hostnamePod(selector: nil), expected: [100, 100, 100, 100]),
        // Raw count × 1.792 + 1: round(4.58) = 5, round(2.79) = 3, 1, round(6.38) = 6;
        // max 6, min 1: 100 × 2 / 6 = 33, 100 × 4 / 6 = 66, 100, 100 × 1 / 6 = 16.
        ScoreCase(
            name: "one constraint on node, all 4 nodes are candidates, maxSkew=2", nodes: hostnameNodes(["node-a", "node-b", "node-c", "node-d"]),
            pods: podsPerNode([2, 1, 0, 3]), pod: hostnamePod(maxSkew: 2), expected: [33, 66, 100, 16]),
        // Raw count × 1.792 + 2: round(9.17) = 9, round(7.38) = 7, round(5.58) = 6, round(3.79) = 4;
        // max 9, min 4: 100 × 4 / 9 = 44, 100 × 6 / 9 = 66, 100 × 7 / 9 = 77, 100.
        ScoreCase(
            name: "one constraint on node, all 4 nodes are candidates, maxSkew=3", nodes: hostnameNodes(["node-a", "node-b", "node-c", "node-d"]),
            pods: podsPerNode([4, 3, 2, 1]), pod: hostnamePod(maxSkew: 3), expected: [44, 66, 77, 100]),
        // Defaults hostname maxSkew 3 and zone maxSkew 5 with the Service's selector; no node has a
        // zone, so only the hostname term scores: the same as one hostname constraint with maxSkew 3.
        ScoreCase(
            name: "system defaulting, nodes don't have zone, pods match service", nodes: hostnameNodes(["node-a", "node-b", "node-c", "node-d"]),
            pods: podsPerNode([4, 3, 2, 1]), services: [foo], pod: PodRow(labels: foo), expected: [44, 66, 77, 100]),
        // Spread 4/2/1/~3~: 3 candidates, weight ln 5 = 1.609; raw round(6.44) = 6, round(3.22) = 3,
        // round(1.61) = 2; max 6, min 2: 100 × 2 / 6 = 33, 100 × 5 / 6 = 83, 100.
        ScoreCase(
            name: "one constraint on node, 3 out of 4 nodes are candidates", nodes: hostnameNodes(["node-a", "node-b", "node-x", "node-y"]),
            pods: podsPerNode([4, 2, 1, 3]), pod: hostnamePod(), candidates: [0, 1, 2], expected: [33, 83, 100]),
        // Spread 4/?2?/1/~3~: node-b is ignored (score 0); 3 − 1 = 2 hostname domains, weight ln 4 =
        // 1.386; raw round(5.55) = 6, round(1.39) = 1; max 6, min 1: 100 × 1 / 6 = 16, 100.
        ScoreCase(
            name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
            nodes: [
                NodeRow("node-a", [(NodeLabel.hostname, "node-a")]), NodeRow("node-b", [("n", "node-b")]),
                NodeRow("node-x", [(NodeLabel.hostname, "node-x")]), NodeRow("node-y", [(NodeLabel.hostname, "node-y")]),
            ],
            pods: podsPerNode([4, 2, 1, 3]), pod: hostnamePod(), candidates: [0, 1, 2], expected: [16, 0, 100]),
        // Candidates span 2 zones, weight ln 4 = 1.386; counts over all nodes zone1 6, zone2 4;
        // raw round(8.32) = 8, 8, round(5.55) = 6; max 8, min 6: 100 × 6 / 8 = 75, 75, 100.
        ScoreCase(
            name: "one constraint on zone, 3 out of 4 nodes are candidates", nodes: fourZonedNodes,
            pods: podsPerNode([4, 2, 1, 3]), pod: incoming(foo, [spread(1, "zone", fooSelector, .scheduleAnyway)]),
            candidates: [0, 1, 2], expected: [75, 75, 100]),
        // Nodes in the order node-a, node-x, node-b, node-y.
        // Spread 2/~1~/2/~4~; both weights ln 4 = 1.386 (2 zones, 2 candidates); zone1 3, zone2 6;
        // node-a round(3 × 1.386 + 2 × 1.386) = 7, node-x round(6 × 1.386 + 2 × 1.386) = 11;
        // max 11, min 7: 100 × 11 / 11 = 100, 100 × 7 / 11 = 63.
        ScoreCase(
            name: "two Constraints on zone and node, 2 out of 4 nodes are candidates",
            nodes: [
                zoneHostNode("node-a", "zone1"), zoneHostNode("node-x", "zone2"), zoneHostNode("node-b", "zone1"),
                zoneHostNode("node-y", "zone2"),
            ],
            pods: [pods(2, on: 0), pods(1, on: 2), pods(2, on: 1), pods(4, on: 3)],
            pod: incoming(foo, [spread(1, "zone", fooSelector, .scheduleAnyway), spread(1, NodeLabel.hostname, fooSelector, .scheduleAnyway)]),
            candidates: [0, 1], expected: [100, 63]),
        // Nodes in the order node-a, node-x, node-b, node-y.
        // Weights ln 4 = 1.386; foo 3/3, bar 2/1: node-a round(5 × 1.386) = 7, node-x round(4 × 1.386) = 6;
        // max 7, min 6: 100 × 6 / 7 = 85, 100.
        ScoreCase(
            name: "two Constraints on zone, 2 out of 4 nodes are candidates",
            nodes: [
                NodeRow("node-a", [("zone", "zone1")]), NodeRow("node-x", [("zone", "zone2")]), NodeRow("node-b", [("zone", "zone1")]),
                NodeRow("node-y", [("zone", "zone2")]),
            ],
            pods: [
                pods(1, on: 0, labels: fooBar), pods(1, on: 0, labels: foo), pods(1, on: 2, labels: fooBar),
                pods(1, on: 3, labels: foo), pods(1, on: 3, labels: fooBar), pods(1, on: 3, labels: foo),
            ],
            pod: incoming(fooBar, [spread(1, "zone", fooSelector, .scheduleAnyway), spread(1, "zone", barSelector, .scheduleAnyway)]),
            candidates: [0, 1], expected: [85, 100]),
        // zone (foo) 2/1 at weight ln 4 = 1.386; hostname (bar) 0/1/0/1 at ln 6 = 1.792:
        // raw round(2.77) = 3, round(2.77 + 1.79) = 5, round(1.39) = 1, round(1.39 + 1.79) = 3;
        // max 5, min 1: 100 × 3 / 5 = 60, 100 × 1 / 5 = 20, 100, 60.
        ScoreCase(
            name: "two Constraints on zone and node, with different labelSelectors", nodes: fourZoneHostNodes,
            pods: [pods(1, on: 0, labels: foo), pods(1, on: 1, labels: fooBar), pods(1, on: 3, labels: foo), pods(1, on: 3, labels: bar)],
            pod: incoming(fooBar, zoneFooHostnameBar), expected: [60, 20, 100, 60]),
        // zone (foo) 0/2; hostname (bar) 0/1/0/1: raw 0, round(1.79) = 2, round(2.77) = 3, round(2.77 + 1.79) = 5;
        // max 5, min 0: 100, 100 × 3 / 5 = 60, 100 × 2 / 5 = 40, 0.
        ScoreCase(
            name: "two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods", nodes: fourZoneHostNodes,
            pods: [pods(1, on: 1, labels: bar), pods(1, on: 2, labels: foo), pods(1, on: 3, labels: fooBar)],
            pod: incoming(fooBar, zoneFooHostnameBar), expected: [100, 60, 40, 0]),
        // zone (foo) 2/1 at ln 4 = 1.386 (node-y still counts); hostname (bar) at ln 5 = 1.609 over
        // 3 candidates: raw round(2.77) = 3, round(2.77 + 1.61) = 4, round(1.39) = 1;
        // max 4, min 1: 100 × 2 / 4 = 50, 100 × 1 / 4 = 25, 100.
        ScoreCase(
            name: "two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates", nodes: fourZoneHostNodes,
            pods: [pods(1, on: 0, labels: foo), pods(1, on: 1, labels: fooBar), pods(1, on: 3, labels: foo), pods(1, on: 3, labels: bar)],
            pod: incoming(fooBar, zoneFooHostnameBar), candidates: [0, 1, 2], expected: [50, 25, 100]),
        // Counts 1/2 at ln 4 = 1.386: raw 1, round(2.77) = 3; max 3, min 1: 100 × 3 / 3 = 100, 100 × 1 / 3 = 33.
        ScoreCase(
            name: "existing pods in a different namespace do not count", nodes: hostnameNodes(["node-a", "node-b"]),
            pods: podsPerNode([1, 2]) + [pods(1, on: 0, namespace: "ns1")], pod: hostnamePod(), expected: [100, 33]),
        // Counts 0/1: raw 0, round(1.386) = 1; max 1, min 0: 100, 0.
        ScoreCase(
            name: "terminating Pods should be excluded", nodes: hostnameNodes(["node-a", "node-b"]),
            pods: [pods(1, on: 1), PodRow(labels: foo, on: 0, terminating: true)], pod: hostnamePod(), expected: [100, 0]),
        // "node" is not the hostname key: 3 domains, weight ln 5 = 1.609; raw count × 1.609 + 1:
        // round(4.22) = 4, 4, round(2.61) = 3; max 4, min 3: 100 × 3 / 4 = 75, 75, 100.
        ScoreCase(
            name: "minDomains has no effect when ScheduleAnyway", nodes: ["node-a", "node-b", "node-c"].map { NodeRow($0, [("node", $0)]) },
            pods: podsPerNode([2, 2, 1]), pod: incoming(foo, [spread(2, "node", fooSelector, .scheduleAnyway, minDomains: 10)]),
            expected: [75, 75, 100]),
        // 3 domains, ln 5 = 1.609; node-c fails the selector and its pod is not counted:
        // raw round(3.22) = 3, round(1.61) = 2, 0; max 3, min 0: 0, 100 × 1 / 3 = 33, 100.
        ScoreCase(
            name: "NodeAffinityPolicy honoed with labelSelectors", nodes: inclusionScoreNodes(fooOnAB: true, taintC: false),
            pods: inclusionScorePods, pod: incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)], nodeSelector: foo),
            expected: [0, 33, 100]),
        // node-c counts: raw 3, 2, 2; max 3, min 2: 100 × 2 / 3 = 66, 100, 100.
        ScoreCase(
            name: "NodeAffinityPolicy ignored with labelSelectors", nodes: inclusionScoreNodes(fooOnAB: true, taintC: false),
            pods: inclusionScorePods,
            pod: incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway, affinityPolicy: .ignore)], nodeSelector: foo),
            expected: [66, 100, 100]),
        ScoreCase(
            name: "NodeAffinityPolicy honoed with nodeAffinity", nodes: inclusionScoreNodes(fooOnAB: true, taintC: false),
            pods: inclusionScorePods,
            pod: incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)], affinity: affinity("foo", .in, [""])),
            expected: [0, 33, 100]),
        ScoreCase(
            name: "NodeAffinityPolicy ignored with nodeAffinity", nodes: inclusionScoreNodes(fooOnAB: true, taintC: false),
            pods: inclusionScorePods,
            pod: incoming(
                foo, [spread(1, "node", fooSelector, .scheduleAnyway, affinityPolicy: .ignore)],
                affinity: affinity("foo", .in, [""])),
            expected: [66, 100, 100]),
        // node-c's taint is not tolerated and its pod is not counted: as above, 0, 33, 100.
        ScoreCase(
            name: "NodeTaintsPolicy honored", nodes: inclusionScoreNodes(fooOnAB: false, taintC: true),
            pods: inclusionScorePods, pod: incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway, taintsPolicy: .honor)]),
            expected: [0, 33, 100]),
        ScoreCase(
            name: "NodeTaintsPolicy ignored", nodes: inclusionScoreNodes(fooOnAB: false, taintC: true),
            pods: inclusionScorePods, pod: incoming(foo, [spread(1, "node", fooSelector, .scheduleAnyway)]),
            expected: [66, 100, 100]),
        // Selectors become foo="" and bar="": zone 2/1 at ln 4, hostname 0/1/1/0 at ln 6:
        // raw round(2.77) = 3, round(2.77 + 1.79) = 5, round(1.39 + 1.79) = 3, round(1.39) = 1;
        // max 5, min 1: 60, 20, 60, 100.
        ScoreCase(
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector is empty", nodes: matchLabelKeysNodes,
            pods: matchLabelKeysPods(podsOnC: [foo, bar], onB: fooBar),
            pod: incoming(
                fooBar,
                [
                    spread(1, "zone", LabelSelector(), .scheduleAnyway, matchLabelKeys: ["foo"]),
                    spread(1, NodeLabel.hostname, LabelSelector(), .scheduleAnyway, matchLabelKeys: ["bar"]),
                ]),
            expected: [60, 20, 60, 100]),
        // hostname selector "bar exists, baz=''": 0/1/1/0; zone (foo) 2/1: the same raw 3, 5, 3, 1 → 60, 20, 60, 100.
        ScoreCase(
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty", nodes: matchLabelKeysNodes,
            pods: matchLabelKeysPods(podsOnC: [foo, bar, bar + [("baz", "")]], onB: fooBar + [("baz", "")]),
            pod: incoming(
                fooBar + [("baz", "")],
                [
                    spread(1, "zone", fooSelector, .scheduleAnyway),
                    spread(1, NodeLabel.hostname, barSelector, .scheduleAnyway, matchLabelKeys: ["baz"]),
                ]),
            expected: [60, 20, 60, 100]),
    ]

    // MARK: TestPreScoreSkip

    static let preScoreSkipCases: [ScoreCase] = [
        ScoreCase(
            name: "the pod doesn't have soft topology spread Constraints",
            nodes: [NodeRow("node-a", [(NodeLabel.hostname, "node-a")]), NodeRow("node-b", [(NodeLabel.hostname, "node-b")])],
            pod: PodRow(), defaultConstraints: [], expected: nil),
        // Upstream's pod names a ReplicaSet rs2 that does not exist; kubesim's owner must exist, so
        // the pod has none: either way no selector comes from a workload.
        ScoreCase(
            name: "default constraints and a replicaset that doesn't match", nodes: [NodeRow("node-a", [("planet", "mars")])],
            replicaSet: LabelSelector(matchExpressions: [SelectorRequirement(key: "tar", op: .exists)]),
            pod: PodRow(labels: [("foo", "bar"), ("baz", "sup")]), defaultConstraints: [spread(2, "planet", nil, .scheduleAnyway)],
            expected: nil),
    ]

    // MARK: TestPreScoreStateEmptyNodes

    static let preScoreStateEmptyNodesCases: [ScoreCase] = [
        // Upstream asserts the normalizing weights: ln(4 + 2) for hostname and ln(2 + 2) for zone,
        // whose domains are "mars" and "" (nodes without a zone form a domain of their own). Three
        // matching pods on node-b make the weights visible in the scores.
        // hostname (maxSkew 3) at ln 6 = 1.792: a 2, b 3 × 1.792 + 2 = 7.38, c 2, d 2.
        // zone (maxSkew 5) at ln 4 = 1.386, mars 3: a and b 3 × 1.386 + 4 = 8.16; c and d have no zone term.
        // Raw round(10.16) = 10, round(15.53) = 16, 2, 2; max 16, min 2:
        // 100 × (18 − 10) / 16 = 50, 100 × 2 / 16 = 12, 100, 100.
        ScoreCase(
            name: "system default constraints and a replicaset",
            nodes: [
                NodeRow("node-a", [(NodeLabel.hostname, "node-a"), (NodeLabel.zone, "mars")]),
                NodeRow("node-b", [(NodeLabel.hostname, "node-b"), (NodeLabel.zone, "mars")]),
                NodeRow("node-c", [(NodeLabel.hostname, "node-c")]), NodeRow("node-d", [(NodeLabel.hostname, "node-d")]),
            ],
            replicaSet: fooSelector, pods: [pods(3, on: 1, labels: [("foo", "tar")])],
            pod: PodRow(labels: [("foo", "tar"), ("baz", "sup")]), ownedByReplicaSet: true, expected: [50, 12, 100, 100])
    ]

    private func run(_ testCase: ScoreCase) {
        var fixture = ClusterFixture()
        let nodes = fixture.add(testCase.nodes)
        let replicaSet = testCase.replicaSet.map { fixture.replicaSet("rs1", selector: $0) }
        fixture.add(testCase.pods, on: nodes)
        fixture.addServices(testCase.services)
        let row = testCase.pod
        let pod =
            testCase.ownedByReplicaSet
            ? fixture.addPod(row.spec, labels: row.labels, namespace: row.namespace, owner: replicaSet.map { .replicaSet($0) })
            : fixture.add(row, on: nodes)[0]
        let plugin = testCase.defaultConstraints.map { PodTopologySpread(defaultConstraints: $0, systemDefaulted: false) } ?? PodTopologySpread()
        if let expected = testCase.expected {
            #expect(fixture.scores(plugin, for: pod, on: testCase.candidates.map { $0.map { nodes[$0] } } ?? nodes) == expected)
        } else {
            #expect(!fixture.preScores(plugin, for: pod))
        }
    }

    @Test("TestPodTopologySpreadScore", arguments: scoreCases)
    func score(_ testCase: ScoreCase) { run(testCase) }

    @Test("TestPreScoreSkip", arguments: preScoreSkipCases)
    func preScoreSkip(_ testCase: ScoreCase) { run(testCase) }

    @Test("TestPreScoreStateEmptyNodes", arguments: preScoreStateEmptyNodesCases)
    func preScoreStateEmptyNodes(_ testCase: ScoreCase) { run(testCase) }
}
