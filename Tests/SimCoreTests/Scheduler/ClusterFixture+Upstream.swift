import TestSupport

@testable import SimCore

/// Builders and runners for the ports of upstream's plugin test tables: nodes that carry exactly
/// the labels a table gives, pods with labels, namespaces and whole pod specs, PreFilter + Filter
/// over every node, Score over the candidate nodes only, and a full scheduling cycle.
///
/// Upstream's test pods without a namespace live in "", which these ports write as "default".
extension ClusterFixture {
    /// Pod slots of a node from upstream's `st.MakeNode().Capacity(...)`.
    static let upstreamPodSlots: Int64 = 32

    /// A node with exactly `labels` (no hostname label is added, unlike `node`).
    @discardableResult
    mutating func bareNode(
        _ name: String, labels: [(String, String)] = [], taints: [Taint] = [],
        capacity: Resources = Resources(pods: ClusterFixture.upstreamPodSlots)
    ) -> NodeID {
        let spec = NodeSpec(name: name, labels: Labels(labels), taints: taints, capacity: capacity)
        guard let id = cluster.addNode(spec, at: 0) else { preconditionFailure("duplicate node \(name)") }
        return id
    }

    /// Creates a pod of `spec` with `labels` in `namespace`, bound to `node` when given. The
    /// template carries the labels too, as `matchLabelKeys` reads them from there.
    @discardableResult
    mutating func addPod(
        _ spec: PodSpec = PodSpec(containers: []), labels: [(String, String)] = [], namespace: String = "default",
        owner: PodOwner? = nil, on node: NodeID? = nil
    ) -> PodID {
        let specID = cluster.registerPodSpec(PodTemplate(labels: Labels(labels), spec: spec), namespace: namespace)
        let labelSet = LabelSet(Labels(labels), symbols: cluster.symbols)
        guard
            let id = cluster.createPod(
                name: "upstream-\(cluster.pods.count)", namespace: namespace, labels: labelSet,
                spec: specID, owner: owner, at: 0)
        else {
            preconditionFailure("pod name taken")
        }
        if let node { cluster.bind(id, to: node, at: 0) }
        return id
    }

    /// Creates a ReplicaSet `name` in "default" with `selector` and an empty template.
    @discardableResult
    mutating func replicaSet(_ name: String, selector: LabelSelector) -> ReplicaSetID {
        let spec = ReplicaSetSpec(meta: ObjectMeta(name: name), selector: selector, template: PodTemplate(spec: PodSpec(containers: [])))
        guard let id = cluster.createReplicaSet(spec, owner: nil, revision: 1, at: 0) else { preconditionFailure("duplicate ReplicaSet \(name)") }
        return id
    }

    /// Adds a PodDisruptionBudget `name` in "default" over the pods with `labels`, with a number
    /// `minAvailable` (its allowed disruptions are the Ready matching pods beyond that).
    mutating func addBudget(_ name: String, matching labels: [(String, String)], minAvailable: Int32) {
        cluster.addDisruptionBudget(
            PodDisruptionBudgetSpec(
                meta: ObjectMeta(name: name), selector: LabelSelector(matchLabels: Labels(labels)),
                minAvailable: .int(minAvailable)))
    }

    /// A container requesting `cpu` millicores and `memory` bytes, as upstream's `Req`.
    static func container(cpu: Int64, memory: Int64) -> Container {
        container(requests: [(ResourceName.cpu, cpu), (ResourceName.memory, memory)])
    }

    /// A container requesting the given amounts.
    static func container(requests: [(String, Int64)]) -> Container {
        var list = ResourceList()
        for (name, amount) in requests { list[name] = amount }
        return Container(name: "c", resources: ContainerResources(requests: list))
    }

    /// Runs the plugin's PreFilter, then its Filter over every node: the failure of each node in
    /// node order, nil where the node passed (every node passes when PreFilter skips the Filter).
    func filterOutcome(_ plugin: some PreFilterPlugin & FilterPlugin, for pod: PodID) -> [FilterFailure?] {
        let nodes = cluster.nodes.ids
        if plugin.preFilter(schedulingPod(pod), cluster: cluster).isSkip { return nodes.map { _ in nil } }
        let failures = filter(plugin, for: pod).failures
        return nodes.map { node in failures.first { $0.node == node } }
    }

    /// The failure code of each node after PreFilter and Filter, nil where it passed.
    func filterCodes(_ plugin: some PreFilterPlugin & FilterPlugin, for pod: PodID) -> [FilterCode?] {
        filterOutcome(plugin, for: pod).map { $0?.code }
    }

    /// Runs PreScore, Score and NormalizeScore over `nodes` only (upstream's filtered nodes);
    /// the other nodes still count where the plugin looks at the whole cluster.
    func scores(_ plugin: some PreScorePlugin & ScorePlugin, for pod: PodID, on nodes: [NodeID]) -> [Int64] {
        var scores = Array(repeating: Int64(0), count: nodes.count)
        guard plugin.preScore(schedulingPod(pod), cluster: cluster, nodes: nodes) else { return scores }
        plugin.score(schedulingPod(pod), cluster: cluster, nodes: nodes, scores: &scores)
        plugin.normalize(&scores)
        return scores
    }

    /// Runs Score and NormalizeScore over every node without PreScore (for plugins that have none,
    /// or to check, as upstream does, that a plugin does not depend on it).
    func scoresWithoutPreScore(_ plugin: some ScorePlugin, for pod: PodID) -> [Int64] {
        let nodes = cluster.nodes.ids
        var scores = Array(repeating: Int64(0), count: nodes.count)
        plugin.score(schedulingPod(pod), cluster: cluster, nodes: nodes, scores: &scores)
        plugin.normalize(&scores)
        return scores
    }

    /// Whether PreScore over every node lets the plugin score (false is upstream's Skip).
    func preScores(_ plugin: some PreScorePlugin, for pod: PodID) -> Bool {
        plugin.preScore(schedulingPod(pod), cluster: cluster, nodes: cluster.nodes.ids)
    }

    /// Runs one scheduling cycle for `pod`; nil when it binds, otherwise the `FailedScheduling`
    /// message and the preemption DefaultPreemption chose, if any.
    mutating func unschedulable(_ pod: PodID, configuration: SchedulerConfiguration = SchedulerConfiguration())
        -> (message: String, preemption: Preemption?)?
    {
        let decision = scheduler(configuration: configuration).schedule(pod, cluster: cluster)
        guard case .unschedulable(let message, _, let preemption) = decision else { return nil }
        return (message, preemption)
    }
}

extension PreFilterResult {
    /// True for upstream's Skip status.
    var isSkip: Bool {
        if case .skip = self { return true }
        return false
    }

    /// True when the plugin's Filter runs for every node.
    var isProceed: Bool {
        if case .proceed = self { return true }
        return false
    }

    /// The nodes a restricting result allows, nil for any other result.
    var allowedNodes: Set<NodeID>? {
        if case .restrict(let nodes) = self { return nodes }
        return nil
    }

    /// The code and message of a rejection, nil for any other result.
    var rejection: (code: FilterCode, message: String)? {
        if case .reject(let code, let message) = self { return (code, message) }
        return nil
    }
}
