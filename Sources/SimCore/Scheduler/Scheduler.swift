/// What one scheduling cycle decided.
public enum SchedulingDecision: Sendable {
    /// Bind the pod to `node`.
    case bind(node: NodeID)
    /// No node fits: the `FailedScheduling` message and the plugin kinds that rejected the pod.
    case unschedulable(message: String, rejectedBy: QueueingInterest)
}

/// kube-scheduler's scheduling cycle (reference §2.1) over the cluster state: PreFilter, Filter
/// over nodes in the node tree's order from a rotating start until enough feasible nodes are found,
/// PreScore, Score with normalization and weights, and a seeded uniform choice among the best.
///
/// Upstream filters in parallel and picks among tied nodes at random; kubesim walks the same
/// rotated order sequentially and draws ties from its own seeded stream (see docs/fidelity.md).
public final class Scheduler {
    public let configuration: SchedulerConfiguration
    private let runtimes: [ProfileRuntime]
    private var random: RandomStream
    /// Upstream's `nextStartNodeIndex`: where the next cycle starts walking the node list.
    private(set) var nextStartNodeIndex = 0
    var queue: SchedulingQueue

    private var batch: [NodeID] = []
    private var feasible: [NodeID] = []
    private var failures = FilterFailures()
    private var scores: [Int64] = []
    private var totals: [Int64] = []
    private var skippedFilters: [Bool] = []

    public init(configuration: SchedulerConfiguration, random: RandomStream) {
        self.configuration = configuration
        self.runtimes = configuration.profiles.map(ProfileRuntime.init)
        self.random = random
        self.queue = SchedulingQueue(initialBackoff: configuration.podInitialBackoff, maxBackoff: configuration.podMaxBackoff)
    }

    /// True when some profile schedules pods that ask for `schedulerName`.
    public func handles(schedulerName: String) -> Bool {
        runtimes.contains { $0.profile.schedulerName == schedulerName }
    }

    /// Runs one scheduling cycle for `pod` against the current cluster state.
    public func schedule(_ pod: PodID, cluster: ClusterState) -> SchedulingDecision {
        let schedulingPod = SchedulingPod(id: pod, pod: cluster.pods[pod], spec: cluster.spec(of: pod))
        guard let runtime = runtimes.first(where: { $0.profile.schedulerName == schedulingPod.spec.schedulerName }) else {
            return .unschedulable(message: "no profile for scheduler \(schedulingPod.spec.schedulerName)", rejectedBy: [])
        }
        let allNodes = cluster.schedulingOrder
        guard !allNodes.isEmpty else {
            return .unschedulable(message: fitErrorMessage(nodeCount: 0, preFilterMessage: nil, reasons: []),
                                  rejectedBy: [.nodeProperties, .resources])
        }

        // PreFilter: a plugin may skip its own Filter or reject the pod outright.
        skippedFilters = Array(repeating: false, count: runtime.filters.count)
        for plugin in runtime.preFilters {
            switch plugin.preFilter(schedulingPod, cluster: cluster) {
            case .proceed: break
            case .skip:
                for (index, filter) in runtime.filters.enumerated() where filter === plugin { skippedFilters[index] = true }
            case .reject(_, let message):
                return .unschedulable(message: fitErrorMessage(nodeCount: allNodes.count, preFilterMessage: message, reasons: []),
                                      rejectedBy: .of(plugin: plugin.name))
            }
        }

        findFeasibleNodes(schedulingPod, runtime: runtime, cluster: cluster, allNodes: allNodes)
        if feasible.isEmpty {
            var interest: QueueingInterest = []
            for failure in failures.records { interest.formUnion(.of(plugin: runtime.filters[failure.plugin].name)) }
            let reasons = failures.records.map { $0.reason.text(cluster.symbols) }
            return .unschedulable(message: fitErrorMessage(nodeCount: allNodes.count, preFilterMessage: nil, reasons: reasons),
                                  rejectedBy: interest)
        }
        if feasible.count == 1 { return .bind(node: feasible[0]) }
        prioritize(schedulingPod, runtime: runtime, cluster: cluster)
        return .bind(node: selectHost())
    }

    /// Filters nodes from `nextStartNodeIndex` in batches sized to the number of feasible nodes
    /// still wanted, so the walk stops exactly where upstream's sequential semantics would.
    private func findFeasibleNodes(_ pod: SchedulingPod, runtime: ProfileRuntime, cluster: ClusterState, allNodes: [NodeID]) {
        feasible.removeAll(keepingCapacity: true)
        failures.removeAll()
        let count = allNodes.count
        var wanted = numFeasibleNodesToFind(nodeCount: count,
                                            percentage: runtime.profile.percentageOfNodesToScore ?? configuration.percentageOfNodesToScore)
        if runtime.scores.isEmpty { wanted = 1 }
        let start = nextStartNodeIndex % count
        var examined = 0
        while examined < count && feasible.count < wanted {
            let size = min(wanted - feasible.count, count - examined)
            batch.removeAll(keepingCapacity: true)
            for offset in examined..<(examined + size) { batch.append(allNodes[(start + offset) % count]) }
            examined += size
            for (index, plugin) in runtime.filters.enumerated() where !skippedFilters[index] {
                failures.currentPlugin = index
                plugin.filter(pod, cluster: cluster, nodes: &batch, failures: &failures)
                if batch.isEmpty { break }
            }
            feasible.append(contentsOf: batch)
        }
        nextStartNodeIndex = (start + examined) % count
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
            plugin.normalize(&scores)
            for index in totals.indices { totals[index] += scores[index] * weight }
        }
    }

    /// Upstream's `selectHost`: a uniform choice among the nodes with the highest total, by
    /// reservoir sampling over the tied nodes in walking order (the k-th tied node replaces the
    /// choice with probability 1/k), drawing from the scheduler's seeded stream.
    private func selectHost() -> NodeID {
        let best = totals.max() ?? 0
        var chosen = -1
        var ties = 0
        for index in totals.indices where totals[index] == best {
            ties += 1
            if ties == 1 || random.nextInt(below: ties) == 0 { chosen = index }
        }
        return feasible[chosen]
    }
}
