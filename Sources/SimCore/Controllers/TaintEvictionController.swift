/// The taint eviction controller (reference §6.5, upstream's NoExecuteTaintManager): pods on a
/// node with NoExecute taints are deleted at once if they do not tolerate one, after the shortest
/// `tolerationSeconds` of the tolerations that matched if they do, and never if those tolerate
/// for ever. The clock of a scheduled eviction does not restart when the taints are looked at
/// again, and removing the taints cancels it.
final class TaintEvictionController: Controller {
    enum Timer {
        /// The toleration of this pod ran out.
        case evict(PodID)
    }

    static let watches: ChangeKinds = [.nodeUpdated, .podBound, .podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .taintEviction(timer) }

    /// A scheduled eviction: when it was first scheduled and its timer.
    struct ScheduledEviction {
        var createdAt: SimTime
        var timer: TimerID
    }

    /// Pods this controller will delete, by pod.
    private(set) var scheduledEvictions: [PodID: ScheduledEviction] = [:]

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        switch change {
        case .nodeUpdated(let node):
            reconcile(node: node, in: context)
        case .podBound(let pod):
            reconcile(pod: pod, in: context)
        case .podRemoved(let removed):
            if !scheduledEvictions.isEmpty { cancelEviction(of: removed.id, quietly: true, in: context) }
        default:
            break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .evict(let pod): evict(pod, in: context)
        }
    }

    /// The node's taints changed (or it was updated): look at each of its pods again.
    private func reconcile(node: NodeID, in context: ControllerContext) {
        let taints = noExecuteTaints(of: node, in: context.cluster)
        guard !taints.isEmpty || !scheduledEvictions.isEmpty else { return }
        for pod in context.cluster.nodes.pods[Int(node)] { processPod(pod, taints: taints, in: context) }
    }

    /// A pod was bound: a node already tainted NoExecute may evict it.
    private func reconcile(pod: PodID, in context: ControllerContext) {
        guard let node = context.cluster.pods[pod].node else { return }
        let taints = noExecuteTaints(of: node, in: context.cluster)
        if !taints.isEmpty { processPod(pod, taints: taints, in: context) }
    }

    private func noExecuteTaints(of node: NodeID, in cluster: ClusterState) -> [CompiledTaint] {
        guard cluster.nodes.taintKinds[Int(node)].contains(.hard) else { return [] }
        return cluster.nodes.taints[Int(node)].filter { $0.effect == .noExecute }
    }

    /// `processPodOnNode`.
    private func processPod(_ pod: PodID, taints: [CompiledTaint], in context: ControllerContext) {
        let now = context.now
        guard context.cluster.pods[pod].deletedAt == nil else { return }
        guard !taints.isEmpty else {
            cancelEviction(of: pod, in: context)
            return
        }
        let tolerations = context.cluster.spec(of: pod).tolerations
        var used: [CompiledToleration] = []
        for taint in taints {
            // upstream's GetMatchingTolerations: the first toleration that tolerates each taint.
            guard let toleration = tolerations.first(where: { $0.tolerates(taint) }) else {
                cancelEviction(of: pod, in: context)
                scheduleEviction(of: pod, createdAt: now, at: now, in: context)
                return
            }
            used.append(toleration)
        }
        guard let seconds = Self.minimumTolerationSeconds(used) else {
            cancelEviction(of: pod, in: context)
            return
        }
        var createdAt = now
        if let scheduled = scheduledEvictions[pod] {
            createdAt = scheduled.createdAt
            if createdAt + Millis.seconds(seconds) < now + Millis.seconds(seconds) { return }
            cancelEviction(of: pod, quietly: true, in: context)
        }
        scheduleEviction(of: pod, createdAt: createdAt, at: createdAt + Millis.seconds(seconds), in: context)
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

    private func scheduleEviction(of pod: PodID, createdAt: SimTime, at time: SimTime, in context: ControllerContext) {
        let timer = scheduleCancellable(.evict(pod), at: max(time, context.now), phase: .controllers, in: context)
        scheduledEvictions[pod] = ScheduledEviction(createdAt: createdAt, timer: timer)
    }

    /// `cancelWorkWithEvent`: drops a scheduled eviction, with the `TaintManagerEviction` event
    /// upstream records when there was one.
    private func cancelEviction(of pod: PodID, quietly: Bool = false, in context: ControllerContext) {
        guard let scheduled = scheduledEvictions.removeValue(forKey: pod) else { return }
        context.cancel(scheduled.timer)
        let cluster = context.cluster
        guard !quietly, cluster.pods.contains(pod) else { return }
        context.record(
            .normal, "TaintManagerEviction", cluster.reference(pod: pod), node: cluster.nodeName(of: pod),
            "Cancelling deletion of Pod \(cluster.qualifiedName(of: pod))")
    }

    /// The eviction is due: the pod is deleted with its DisruptionTarget condition and its
    /// normal grace period.
    private func evict(_ pod: PodID, in context: ControllerContext) {
        scheduledEvictions[pod] = nil
        let cluster = context.cluster
        guard cluster.pods.contains(pod), cluster.pods[pod].deletedAt == nil else { return }
        context.record(
            .normal, "TaintManagerEviction", cluster.reference(pod: pod), node: cluster.nodeName(of: pod),
            "Marking for deletion Pod \(cluster.qualifiedName(of: pod))")
        context.log.podsEvicted += 1
        cluster.markDisrupted(pod, .taintEviction)
        cluster.beginDeletion(pod, at: context.now)
    }
}
