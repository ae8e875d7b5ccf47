/// The taint eviction controller (reference §6.5, upstream's NoExecuteTaintManager): pods on a
/// node with NoExecute taints are deleted at once if they do not tolerate one, after the shortest
/// `tolerationSeconds` of the tolerations that matched if they do, and never if those tolerate
/// for ever. The clock of a scheduled eviction does not restart when the taints are looked at
/// again, and removing the taints cancels it.
extension Simulation {
    /// A scheduled eviction: when it was first scheduled and its timer.
    struct ScheduledEviction {
        var createdAt: SimTime
        var timer: TimerID
    }

    /// The node's taints changed (or it was updated): look at each of its pods again.
    func reconcileTaintEvictions(on node: NodeID) {
        let taints = noExecuteTaints(of: node)
        guard !taints.isEmpty || !scheduledEvictions.isEmpty else { return }
        for pod in cluster.nodes.pods[Int(node)] { processPod(pod, taints: taints) }
    }

    /// A pod was bound: a node already tainted NoExecute may evict it.
    func reconcileTaintEviction(of pod: PodID) {
        guard let node = cluster.pods[pod].node else { return }
        let taints = noExecuteTaints(of: node)
        if !taints.isEmpty { processPod(pod, taints: taints) }
    }

    private func noExecuteTaints(of node: NodeID) -> [CompiledTaint] {
        guard cluster.nodes.taintKinds[Int(node)].contains(.hard) else { return [] }
        return cluster.nodes.taints[Int(node)].filter { $0.effect == .noExecute }
    }

    /// `processPodOnNode`.
    private func processPod(_ pod: PodID, taints: [CompiledTaint]) {
        guard cluster.pods[pod].deletedAt == nil else { return }
        guard !taints.isEmpty else {
            cancelEviction(of: pod)
            return
        }
        let tolerations = cluster.spec(of: pod).tolerations
        var used: [CompiledToleration] = []
        for taint in taints {
            // upstream's GetMatchingTolerations: the first toleration that tolerates each taint.
            guard let toleration = tolerations.first(where: { $0.tolerates(taint) }) else {
                cancelEviction(of: pod)
                scheduleEviction(of: pod, createdAt: now, at: now)
                return
            }
            used.append(toleration)
        }
        guard let seconds = Self.minimumTolerationSeconds(used) else {
            cancelEviction(of: pod)
            return
        }
        var createdAt = now
        if let scheduled = scheduledEvictions[pod] {
            createdAt = scheduled.createdAt
            if createdAt + Millis.seconds(seconds) < now + Millis.seconds(seconds) { return }
            cancelEviction(of: pod, quietly: true)
        }
        scheduleEviction(of: pod, createdAt: createdAt, at: createdAt + Millis.seconds(seconds))
    }

    /// `getMinTolerationTime`: the shortest `tolerationSeconds` (0 for a value ≤ 0, and when no
    /// toleration was used); nil when none of them limits the time (tolerated for ever).
    static func minimumTolerationSeconds(_ tolerations: [CompiledToleration]) -> Int64? {
        guard !tolerations.isEmpty else { return 0 }
        var minimum: Int64?
        for toleration in tolerations {
            guard let seconds = toleration.tolerationSeconds else { continue }
            if seconds <= 0 { return 0 }
            minimum = min(minimum ?? seconds, seconds)
        }
        return minimum
    }

    private func scheduleEviction(of pod: PodID, createdAt: SimTime, at time: SimTime) {
        let timer = queue.scheduleTimer(.taintEviction(pod), at: max(time, now), phase: .controllers)
        scheduledEvictions[pod] = ScheduledEviction(createdAt: createdAt, timer: timer)
    }

    /// `cancelWorkWithEvent`: drops a scheduled eviction, with the `TaintManagerEviction` event
    /// upstream records when there was one.
    func cancelEviction(of pod: PodID, quietly: Bool = false) {
        guard let scheduled = scheduledEvictions.removeValue(forKey: pod) else { return }
        queue.cancel(scheduled.timer)
        guard !quietly, cluster.pods.contains(pod) else { return }
        record(.normal, "TaintManagerEviction", reference(pod: pod), node: nodeName(of: pod), "Cancelling deletion of Pod \(cluster.qualifiedName(of: pod))")
    }

    /// The eviction is due: the pod is deleted with its DisruptionTarget condition and its
    /// normal grace period.
    func evictForTaint(_ pod: PodID) {
        scheduledEvictions[pod] = nil
        guard cluster.pods.contains(pod), cluster.pods[pod].deletedAt == nil else { return }
        let node = nodeName(of: pod)
        record(.normal, "TaintManagerEviction", reference(pod: pod), node: node, "Marking for deletion Pod \(cluster.qualifiedName(of: pod))")
        recorder.podsEvicted += 1
        cluster.markDisrupted(pod, .taintEviction)
        cluster.beginDeletion(pod, at: now)
    }
}
