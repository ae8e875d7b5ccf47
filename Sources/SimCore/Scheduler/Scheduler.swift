/// What one scheduling cycle decided.
public enum SchedulingDecision: Sendable {
    /// Bind the pod to `node`.
    case bind(node: NodeID)
    /// No node fits: the `FailedScheduling` message, the plugin kinds that rejected the pod, and
    /// the preemption to carry out when DefaultPreemption found one.
    case unschedulable(message: String, rejectedBy: ClusterEvents, preemption: Preemption?)
}

/// A preemption chosen by DefaultPreemption: the node the preemptor is nominated to, the victims
/// to delete (most important first) and the lower-priority pods whose nomination to that node
/// must be cleared.
public struct Preemption: Sendable {
    public let node: NodeID
    public let victims: [PodID]
    public let clearedNominations: [PodID]
}

/// kube-scheduler's scheduling cycle (reference §2.1) over the cluster state: PreFilter; the
/// nominated node first if the pod has one; Filter over nodes in the node tree's order from a
/// rotating start until enough feasible nodes are found, counting higher-priority nominated pods
/// on their nodes; PostFilter (preemption) when nothing fits; PreScore, Score with normalization
/// and weights; and a seeded uniform choice among the best.
///
/// Upstream filters in parallel and picks among tied nodes at random; kubesim walks the same
/// rotated order sequentially and draws ties from its own seeded stream (see docs/fidelity.md).
/// Preemption and nominated pods are evaluated by changing the cluster state for one node and
/// restoring it, with plugins updating their per-cycle state through AddPod/RemovePod.
public final class Scheduler {
    public let configuration: SchedulerConfiguration
    let runtimes: [ProfileRuntime]
    var random: RandomStream
    /// Upstream's `nextStartNodeIndex`: where the next cycle starts walking the node list.
    private(set) var nextStartNodeIndex = 0
    var queue: SchedulingQueue

    /// When set, cycles for the pod with this namespace and name record a `SchedulingExplanation`.
    public var explainedPod: (namespace: Symbol, name: String)?
    /// The explanations recorded for `explainedPod`, one per cycle.
    public private(set) var explanations: [SchedulingExplanation] = []

    private var batch: [NodeID] = []
    private var nominatedBatch: [NodeID] = []
    private(set) var feasible: [NodeID] = []
    private(set) var failures = FilterFailures()
    private var scores: [Int64] = []
    private var totals: [Int64] = []
    private(set) var skippedFilters: [Bool] = []
    private var explanation: SchedulingExplanation?

    /// A scheduler running `configuration`'s profiles, with plugins taken from `registry` (the
    /// in-tree plugins unless a caller brings its own, as an out-of-tree scheduler build would).
    public init(
        configuration: SchedulerConfiguration, random: RandomStream, symbols: SymbolTable,
        registry: [any SchedulerPlugin.Type] = PluginRegistry.plugins
    ) {
        self.configuration = configuration
        self.runtimes = configuration.profiles.map { ProfileRuntime($0, symbols: symbols, registry: registry) }
        self.random = random
        self.queue = SchedulingQueue(initialBackoff: configuration.podInitialBackoff, maxBackoff: configuration.podMaxBackoff)
    }

    /// True when some profile schedules pods that ask for `schedulerName`.
    public func handles(schedulerName: String) -> Bool {
        runtimes.contains { $0.profile.schedulerName == schedulerName }
    }

    /// Why a pod may not enter the active queue yet (PreEnqueue), or nil.
    func preEnqueueBlock(_ spec: PodSpecInfo) -> String? {
        guard let runtime = runtimes.first(where: { $0.profile.schedulerName == spec.schedulerName }) else { return nil }
        for plugin in runtime.preEnqueue { if let reason = plugin.preEnqueue(spec) { return reason } }
        return nil
    }

    /// Runs one scheduling cycle for `pod`. The cluster state is changed only transiently (for
    /// preemption and nominated pods) and is as it was when this returns.
    public func schedule(_ pod: PodID, cluster: ClusterState, at time: SimTime = 0) -> SchedulingDecision {
        let schedulingPod = SchedulingPod(id: pod, pod: cluster.pods[pod], spec: cluster.spec(of: pod))
        guard let runtime = runtimes.first(where: { $0.profile.schedulerName == schedulingPod.spec.schedulerName }) else {
            return .unschedulable(message: "no profile for scheduler \(schedulingPod.spec.schedulerName)", rejectedBy: [], preemption: nil)
        }
        if let target = explainedPod, target.namespace == schedulingPod.pod.namespace, target.name == schedulingPod.pod.name {
            explanation = SchedulingExplanation(pod: pod, time: time)
        }
        defer { finishExplanation(schedulingPod, runtime: runtime, cluster: cluster) }
        let decision = decide(schedulingPod, runtime: runtime, cluster: cluster)
        if explanation != nil {
            switch decision {
            case .bind(let node): explanation?.selected = node
            case .unschedulable(let message, _, let preemption):
                explanation?.message = message
                explanation?.nominatedNode = preemption?.node
                explanation?.victims = preemption?.victims.map { cluster.qualifiedName(of: $0) } ?? []
            }
        }
        return decision
    }

    /// The end of the cycle for a pod assigned `node`: the Reserve plugins in order (Unreserve of
    /// those that reserved, in reverse, when one fails), then the Bind plugins until one binds.
    /// Returns nil once the pod is bound; otherwise why not, and the events that may help, and the
    /// pod stays pending.
    func reserveAndBind(_ pod: PodID, to node: NodeID, cluster: ClusterState, at time: SimTime) -> (message: String, rejectedBy: ClusterEvents)? {
        let schedulingPod = SchedulingPod(id: pod, pod: cluster.pods[pod], spec: cluster.spec(of: pod))
        guard let runtime = runtimes.first(where: { $0.profile.schedulerName == schedulingPod.spec.schedulerName }) else {
            return ("no profile for scheduler \(schedulingPod.spec.schedulerName)", [])
        }
        for (index, plugin) in runtime.reservers.enumerated() {
            guard case .failure(let message) = plugin.reserve(schedulingPod, on: node, cluster: cluster) else { continue }
            for reserved in runtime.reservers[..<index].reversed() { reserved.unreserve(schedulingPod, on: node, cluster: cluster) }
            return ("running Reserve plugin \"\(plugin.name)\": \(message)", .capacityChanges)
        }
        for plugin in runtime.binders where plugin.bind(schedulingPod, to: node, cluster: cluster, at: time) == .bound { return nil }
        for reserved in runtime.reservers.reversed() { reserved.unreserve(schedulingPod, on: node, cluster: cluster) }
        return ("no Bind plugin bound the pod", .nodeChanges)
    }

    private func decide(_ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState) -> SchedulingDecision {
        let allNodes = cluster.schedulingOrder
        failures.removeAll()
        feasible.removeAll(keepingCapacity: true)
        guard !allNodes.isEmpty else {
            return .unschedulable(
                message: fitErrorMessage(nodeCount: 0, preFilterMessage: nil, reasons: []),
                rejectedBy: .capacityChanges, preemption: nil)
        }

        // PreFilter: a plugin may skip its own Filter, restrict the candidates or reject the pod.
        skippedFilters = Array(repeating: false, count: runtime.filters.count)
        var restriction: Set<NodeID>?
        var restrictingPlugins: [String] = []
        for plugin in runtime.preFilters {
            switch plugin.preFilter(pod, cluster: cluster) {
            case .proceed: break
            case .restrict(let nodes):
                restriction = restriction.map { $0.intersection(nodes) } ?? nodes
                restrictingPlugins.append(plugin.name)
            case .skip:
                for (index, filter) in runtime.filters.enumerated() where filter === plugin { skippedFilters[index] = true }
            case .reject(let code, let message):
                let interest = type(of: plugin).eventsToRegister
                var preemption: PreemptionResult?
                if code == .unschedulable, let postFilter = runtime.preemption {
                    preemption = preempt(
                        pod, with: postFilter, runtime: runtime, cluster: cluster,
                        statuses: Array(repeating: .unschedulable, count: cluster.nodes.count))
                }
                var text = fitErrorMessage(nodeCount: allNodes.count, preFilterMessage: message, reasons: [])
                if let postFilter = preemption?.message { text += " \(postFilter)." }
                return .unschedulable(message: text, rejectedBy: interest, preemption: preemption?.chosen)
            }
        }
        let candidates = restriction.map { allowed in allNodes.filter { allowed.contains($0) } } ?? allNodes

        // A pod nominated by an earlier preemption tries its node first.
        if let nominated = pod.pod.nominatedNode, candidates.contains(nominated) {
            var nominatedFailures = FilterFailures()
            if filterWithNominatedPods(pod, runtime: runtime, node: nominated, cluster: cluster, failures: &nominatedFailures) {
                return .bind(node: nominated)
            }
        }

        findFeasibleNodes(pod, runtime: runtime, cluster: cluster, candidates: candidates, allNodeCount: allNodes.count)
        if feasible.isEmpty {
            var interest: ClusterEvents = []
            var statuses = Array(repeating: FilterCode?.none, count: cluster.nodes.count)
            for failure in failures.records {
                interest.formUnion(type(of: runtime.filters[failure.plugin]).eventsToRegister)
                statuses[Int(failure.node)] = failure.code
            }
            var reasons = failures.records.map { $0.reason.text(cluster.symbols) }
            if restriction != nil {
                let absent = "node(s) didn't satisfy plugin(s) [\(restrictingPlugins.joined(separator: " "))]"
                reasons += Array(repeating: absent, count: allNodes.count - candidates.count)
            }
            var message = fitErrorMessage(nodeCount: allNodes.count, preFilterMessage: nil, reasons: reasons)
            var preemption: PreemptionResult?
            if let postFilter = runtime.preemption {
                preemption = preempt(pod, with: postFilter, runtime: runtime, cluster: cluster, statuses: statuses)
                if let postFilter = preemption?.message { message += " \(postFilter)." }
            }
            return .unschedulable(message: message, rejectedBy: interest, preemption: preemption?.chosen)
        }
        if feasible.count == 1 { return .bind(node: feasible[0]) }
        prioritize(pod, runtime: runtime, cluster: cluster)
        return .bind(node: selectHost())
    }

    /// Filters candidates from `nextStartNodeIndex` in batches sized to the number of feasible
    /// nodes still wanted, so the walk stops exactly where upstream's sequential semantics would.
    /// Nodes with higher-priority nominated pods are filtered one by one with those pods counted.
    ///
    /// The buffers are moved into locals for the walk (as in `prioritize`) and moved back after.
    private func findFeasibleNodes(
        _ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState, candidates: [NodeID],
        allNodeCount: Int
    ) {
        var feasible: [NodeID] = [], batch: [NodeID] = [], nominatedBatch: [NodeID] = [], failures = FilterFailures()
        swap(&feasible, &self.feasible)
        swap(&batch, &self.batch)
        swap(&nominatedBatch, &self.nominatedBatch)
        swap(&failures, &self.failures)
        defer {
            swap(&feasible, &self.feasible)
            swap(&batch, &self.batch)
            swap(&nominatedBatch, &self.nominatedBatch)
            swap(&failures, &self.failures)
        }
        let count = candidates.count
        var wanted = numFeasibleNodesToFind(
            nodeCount: count,
            percentage: runtime.profile.percentageOfNodesToScore ?? configuration.percentageOfNodesToScore)
        if runtime.scores.isEmpty { wanted = 1 }
        let start = count == 0 ? 0 : nextStartNodeIndex % count
        let anyNominated = cluster.nodes.nominatedPodCount > 0
        var examined = 0
        while examined < count && feasible.count < wanted {
            let size = min(wanted - feasible.count, count - examined)
            batch.removeAll(keepingCapacity: true)
            nominatedBatch.removeAll(keepingCapacity: true)
            var position = (start + examined) % count
            for _ in 0..<size {
                let node = candidates[position]
                position += 1
                if position == count { position = 0 }
                if anyNominated && hasRelevantNominatedPods(pod, node: node, cluster: cluster) {
                    nominatedBatch.append(node)
                } else {
                    batch.append(node)
                }
            }
            examined += size
            if nominatedBatch.isEmpty {
                runFilters(pod, runtime: runtime, cluster: cluster, nodes: &batch, failures: &failures)
                feasible.append(contentsOf: batch)
            } else {
                // Keep the walking order: filter the plain nodes as a batch, the others one by one.
                let order = (examined - size..<examined).map { candidates[(start + $0) % count] }
                runFilters(pod, runtime: runtime, cluster: cluster, nodes: &batch, failures: &failures)
                var passed = Set(batch)
                for node in nominatedBatch where filterWithNominatedPods(pod, runtime: runtime, node: node, cluster: cluster, failures: &failures) {
                    passed.insert(node)
                }
                feasible.append(contentsOf: order.filter { passed.contains($0) })
            }
        }
        nextStartNodeIndex = (nextStartNodeIndex + examined) % allNodeCount
    }

    /// Runs the filter plugins not skipped in PreFilter over `nodes`, removing those that fail.
    func runFilters(_ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState, nodes: inout [NodeID], failures: inout FilterFailures) {
        for (index, plugin) in runtime.filters.enumerated() where !skippedFilters[index] {
            guard !nodes.isEmpty else { return }
            failures.currentPlugin = index
            plugin.filter(pod, cluster: cluster, nodes: &nodes, failures: &failures)
        }
    }

    /// Pending pods nominated to `node` that the pod must make room for: priority at least its
    /// own, and not the pod itself.
    private func relevantNominatedPods(_ pod: SchedulingPod, node: NodeID, cluster: ClusterState) -> [PodID] {
        cluster.nodes.nominatedPods[Int(node)].filter { $0 != pod.id && cluster.spec(of: $0).priority >= pod.spec.priority }
    }

    @inline(__always)
    private func hasRelevantNominatedPods(_ pod: SchedulingPod, node: NodeID, cluster: ClusterState) -> Bool {
        let nominated = cluster.nodes.nominatedPods[Int(node)]
        return !nominated.isEmpty && !relevantNominatedPods(pod, node: node, cluster: cluster).isEmpty
    }

    /// upstream's `RunFilterPluginsWithNominatedPods` for one node: with higher-priority nominated
    /// pods counted (they must fit too), then, if that passes, without them (affinity to a pod
    /// that may never arrive must not count). Returns whether the node passed.
    func filterWithNominatedPods(
        _ pod: SchedulingPod, runtime: ProfileRuntime, node: NodeID, cluster: ClusterState,
        failures: inout FilterFailures
    ) -> Bool {
        let nominated = relevantNominatedPods(pod, node: node, cluster: cluster)
        if !nominated.isEmpty {
            for other in nominated { add(other, to: node, for: pod, runtime: runtime, cluster: cluster) }
            var single = [node]
            runFilters(pod, runtime: runtime, cluster: cluster, nodes: &single, failures: &failures)
            for other in nominated.reversed() { remove(other, from: node, for: pod, runtime: runtime, cluster: cluster) }
            if single.isEmpty { return false }
        }
        var single = [node]
        runFilters(pod, runtime: runtime, cluster: cluster, nodes: &single, failures: &failures)
        return !single.isEmpty
    }

    /// Counts `other` on `node` for this cycle only (upstream's AddPod).
    func add(_ other: PodID, to node: NodeID, for pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState) {
        cluster.attach(other, to: node)
        for plugin in runtime.preFilters { plugin.addPod(other, on: node, for: pod, cluster: cluster) }
    }

    /// Stops counting `other` on `node` for this cycle only (upstream's RemovePod).
    func remove(_ other: PodID, from node: NodeID, for pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState) {
        for plugin in runtime.preFilters { plugin.removePod(other, on: node, for: pod, cluster: cluster) }
        cluster.detach(other, from: node)
    }

    /// Runs PreScore and Score, normalizes and sums the weighted scores into `totals`. The buffers
    /// are moved into locals for the loops (class properties would be checked for exclusive
    /// access on every element) and moved back afterwards, so nothing is reallocated.
    private func prioritize(_ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState) {
        var totals: [Int64] = [], scores: [Int64] = []
        swap(&totals, &self.totals)
        swap(&scores, &self.scores)
        defer {
            swap(&totals, &self.totals)
            swap(&scores, &self.scores)
        }
        let feasible = self.feasible
        totals.removeAll(keepingCapacity: true)
        totals.append(contentsOf: repeatElement(0, count: feasible.count))
        var skipped: [ObjectIdentifier] = []
        for plugin in runtime.preScores where !plugin.preScore(pod, cluster: cluster, nodes: feasible) {
            skipped.append(ObjectIdentifier(plugin))
        }
        for (plugin, weight) in runtime.scores where !skipped.contains(ObjectIdentifier(plugin)) {
            scores.removeAll(keepingCapacity: true)
            scores.append(contentsOf: repeatElement(0, count: feasible.count))
            plugin.score(pod, cluster: cluster, nodes: feasible, scores: &scores)
            let raw = explanation == nil ? [] : scores
            plugin.normalize(&scores)
            for index in totals.indices { totals[index] += scores[index] * weight }
            if explanation != nil { explanation?.record(plugin: plugin.name, nodes: feasible, raw: raw, normalized: scores, weight: weight) }
        }
        if explanation != nil { explanation?.recordTotals(nodes: feasible, totals: totals) }
    }

    /// Upstream's `selectHost`: a uniform choice among the nodes with the highest total. Upstream
    /// samples a reservoir over the tied nodes (one draw per tie); kubesim counts the ties and
    /// draws once from its seeded stream — the same distribution with one draw per cycle.
    private func selectHost() -> NodeID {
        let best = totals.max() ?? 0
        var ties = 0
        for total in totals where total == best { ties += 1 }
        var wanted = ties > 1 ? random.nextInt(below: ties) : 0
        for index in totals.indices where totals[index] == best {
            if wanted == 0 { return feasible[index] }
            wanted -= 1
        }
        return feasible[0]
    }

    /// Completes an explanation with every node's verdict: the examined ones from this cycle's
    /// failures and feasible list, the others by running the filters once more (which changes no
    /// scheduling state).
    private func finishExplanation(_ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState) {
        guard var result = explanation else { return }
        explanation = nil
        var reasons: [NodeID: [String]] = [:]
        for failure in failures.records { reasons[failure.node, default: []].append(failure.reason.text(cluster.symbols)) }
        let feasibleSet = Set(feasible)
        for node in cluster.schedulingOrder {
            if let found = reasons[node] {
                result.verdicts.append(NodeVerdict(node: node, examined: true, reasons: found))
            } else if feasibleSet.contains(node) {
                result.verdicts.append(NodeVerdict(node: node, examined: true, reasons: []))
            } else {
                var extra = FilterFailures()
                _ = filterWithNominatedPods(pod, runtime: runtime, node: node, cluster: cluster, failures: &extra)
                result.verdicts.append(NodeVerdict(node: node, examined: false, reasons: extra.records.map { $0.reason.text(cluster.symbols) }))
            }
        }
        explanations.append(result)
    }
}
