/// What DefaultPreemption concluded: the preemption to carry out, or the PostFilter message
/// ("preemption: …") explaining why there is none.
struct PreemptionResult {
    let chosen: Preemption?
    let message: String?
}

/// A node where preemption would let the pod fit, with the victims it takes.
private struct PreemptionCandidate {
    let node: NodeID
    let victims: [PodID]
    let pdbViolations: Int
}

/// DefaultPreemption (reference §2.9), as upstream's preemption Evaluator: eligibility, candidate
/// nodes (those rejected as Unschedulable, not UnschedulableAndUnresolvable), a dry run from a
/// seeded random offset that removes lower-priority pods and reprieves as many as still let the
/// pod fit (PDB-violating ones first), and the choice of node by fewest PDB violations, lowest
/// highest victim priority, smallest priority sum, fewest victims and latest start time.
extension Scheduler {
    func preempt(
        _ pod: SchedulingPod, with plugin: PostFilterPlugin, runtime: ProfileRuntime, cluster: ClusterState,
        statuses: [FilterCode?]
    ) -> PreemptionResult {
        if let reason = ineligibility(pod, cluster: cluster, statuses: statuses) {
            return PreemptionResult(chosen: nil, message: "preemption: \(reason)")
        }
        let allNodes = cluster.schedulingOrder
        let potential = allNodes.filter { statuses[Int($0)] == .unschedulable }
        var nodeReasons: [(node: NodeID, reasons: [String])] = []
        var nonViolating: [PreemptionCandidate] = [], violating: [PreemptionCandidate] = []
        if !potential.isEmpty {
            let budgets = cluster.disruptionBudgets.map { (budget: $0, allowed: cluster.disruptionsAllowed($0)) }
            let count = Int32(potential.count)
            let wanted = min(max(count * plugin.candidateNodes.percentage / 100, plugin.candidateNodes.absolute), count)
            let offset = random.nextInt(below: potential.count)
            for index in 0..<potential.count {
                let node = potential[(offset + index) % potential.count]
                switch selectVictims(pod, runtime: runtime, node: node, budgets: budgets, cluster: cluster) {
                case .success(let candidate):
                    if candidate.pdbViolations == 0 { nonViolating.append(candidate) } else { violating.append(candidate) }
                case .failure(let reasons):
                    nodeReasons.append((node, reasons))
                }
                if !nonViolating.isEmpty && nonViolating.count + violating.count >= Int(wanted) { break }
            }
        }
        let candidates = nonViolating + violating
        guard let best = pickOneNode(candidates, cluster: cluster) else {
            let absent = allNodes.count - nodeReasons.count
            let reasons =
                nodeReasons.flatMap(\.reasons)
                + Array(repeating: FilterReason.preemptionNotHelpful.text(cluster.symbols), count: absent)
            return PreemptionResult(
                chosen: nil, message: "preemption: " + fitErrorMessage(nodeCount: allNodes.count, preFilterMessage: nil, reasons: reasons))
        }
        let cleared = cluster.nodes.nominatedPods[Int(best.node)].filter { cluster.spec(of: $0).priority < pod.spec.priority }
        return PreemptionResult(chosen: Preemption(node: best.node, victims: best.victims, clearedNominations: cleared), message: nil)
    }

    /// upstream's `PodEligibleToPreemptOthers`.
    private func ineligibility(_ pod: SchedulingPod, cluster: ClusterState, statuses: [FilterCode?]) -> String? {
        if pod.spec.preemptionPolicy == .never { return "not eligible due to preemptionPolicy=Never." }
        guard let nominated = pod.pod.nominatedNode, statuses[Int(nominated)] != .unschedulableAndUnresolvable else { return nil }
        for other in cluster.nodes.pods[Int(nominated)] {
            if cluster.spec(of: other).priority < pod.spec.priority, cluster.pods[other].deletedAt != nil,
                cluster.pods[other].disruption == .preemption
            {
                return "not eligible due to a terminating pod on the nominated node."
            }
        }
        return nil
    }

    private enum VictimSelection {
        case success(PreemptionCandidate)
        case failure([String])
    }

    /// upstream's `SelectVictimsOnNode`: remove every lower-priority pod, check the pod fits, then
    /// add back the most important first (PDB-violating ones before the others) while it still
    /// fits; those that cannot come back are the victims. The cluster is restored afterwards.
    private func selectVictims(
        _ pod: SchedulingPod, runtime: ProfileRuntime, node: NodeID,
        budgets: [(budget: PodDisruptionBudget, allowed: Int32)], cluster: ClusterState
    ) -> VictimSelection {
        var potential = cluster.nodes.pods[Int(node)].filter { cluster.spec(of: $0).priority < pod.spec.priority }
        guard !potential.isEmpty else { return .failure([FilterReason.noPreemptionVictims.text(cluster.symbols)]) }
        for victim in potential { remove(victim, from: node, for: pod, runtime: runtime, cluster: cluster) }
        var check = FilterFailures()
        guard filterWithNominatedPods(pod, runtime: runtime, node: node, cluster: cluster, failures: &check) else {
            for victim in potential { add(victim, to: node, for: pod, runtime: runtime, cluster: cluster) }
            return .failure(check.records.map { $0.reason.text(cluster.symbols) })
        }
        potential.sort { moreImportant($0, $1, cluster: cluster) }
        let (violatingPods, otherPods) = splitByBudgetViolation(potential, budgets: budgets, cluster: cluster)
        var victims: [PodID] = []
        var violations = 0
        for (group, isViolating) in [(violatingPods, true), (otherPods, false)] {
            for candidate in group {
                add(candidate, to: node, for: pod, runtime: runtime, cluster: cluster)
                var reprieve = FilterFailures()
                if !filterWithNominatedPods(pod, runtime: runtime, node: node, cluster: cluster, failures: &reprieve) {
                    remove(candidate, from: node, for: pod, runtime: runtime, cluster: cluster)
                    victims.append(candidate)
                    if isViolating { violations += 1 }
                }
            }
        }
        for victim in victims { add(victim, to: node, for: pod, runtime: runtime, cluster: cluster) }
        if !violatingPods.isEmpty && !otherPods.isEmpty { victims.sort { moreImportant($0, $1, cluster: cluster) } }
        return .success(PreemptionCandidate(node: node, victims: victims, pdbViolations: violations))
    }

    /// upstream's `MoreImportantPod`: higher priority, then the earlier start (none counts as now).
    private func moreImportant(_ a: PodID, _ b: PodID, cluster: ClusterState) -> Bool {
        let priorityA = cluster.spec(of: a).priority, priorityB = cluster.spec(of: b).priority
        if priorityA != priorityB { return priorityA > priorityB }
        return startTime(a, cluster: cluster) < startTime(b, cluster: cluster)
    }

    /// `status.startTime` with the API's second precision; a pod not started counts as now.
    private func startTime(_ pod: PodID, cluster: ClusterState) -> SimTime {
        (cluster.pods[pod].startedAt ?? SimTime.max / 2) / 1_000 * 1_000
    }

    /// upstream's `filterPodsWithPDBViolation`: walking the pods in order, each matching budget
    /// loses one allowed disruption; a pod that takes a budget below zero is violating.
    private func splitByBudgetViolation(
        _ pods: [PodID], budgets: [(budget: PodDisruptionBudget, allowed: Int32)],
        cluster: ClusterState
    ) -> (violating: [PodID], other: [PodID]) {
        var allowed = budgets.map(\.allowed)
        var violating: [PodID] = [], other: [PodID] = []
        for pod in pods {
            var violated = false
            for (index, entry) in budgets.enumerated()
            where entry.budget.namespace == cluster.pods[pod].namespace && !entry.budget.selector.isEmpty
                && entry.budget.selector.matches(cluster.pods[pod].labels, symbols: cluster.symbols)
            {
                allowed[index] -= 1
                if allowed[index] < 0 { violated = true }
            }
            if violated { violating.append(pod) } else { other.append(pod) }
        }
        return (violating, other)
    }

    /// upstream's `pickOneNodeForPreemption`: keep the candidates with the best value of each
    /// criterion in turn; the first left wins.
    private func pickOneNode(_ candidates: [PreemptionCandidate], cluster: ClusterState) -> PreemptionCandidate? {
        guard candidates.count > 1 else { return candidates.first }
        let criteria: [(PreemptionCandidate) -> Int64] = [
            { -Int64($0.pdbViolations) },
            { candidate in -Int64(candidate.victims.first.map { cluster.spec(of: $0).priority } ?? 0) },
            { candidate in -candidate.victims.reduce(Int64(0)) { $0 + Int64(cluster.spec(of: $1).priority) + Int64(Int32.max) + 1 } },
            { -Int64($0.victims.count) },
            { candidate in self.earliestStartOfHighestPriority(candidate.victims, cluster: cluster) },
        ]
        var remaining = candidates
        for criterion in criteria where remaining.count > 1 {
            let values = remaining.map(criterion)
            let best = values.max() ?? 0
            remaining = zip(remaining, values).filter { $0.1 == best }.map(\.0)
        }
        return remaining.first
    }

    /// upstream's `GetEarliestPodStartTime`: the earliest start among the highest-priority victims.
    private func earliestStartOfHighestPriority(_ victims: [PodID], cluster: ClusterState) -> Int64 {
        guard let first = victims.first else { return Int64.min }
        var highest = cluster.spec(of: first).priority
        var earliest = startTime(first, cluster: cluster)
        for victim in victims {
            let priority = cluster.spec(of: victim).priority
            if priority == highest {
                earliest = min(earliest, startTime(victim, cluster: cluster))
            } else if priority > highest {
                highest = priority
                earliest = startTime(victim, cluster: cluster)
            }
        }
        return earliest
    }
}
