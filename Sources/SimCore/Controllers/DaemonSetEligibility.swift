/// Which nodes a DaemonSet's pod belongs on: upstream's `NodeShouldRunDaemonPod` (pkg/controller/
/// daemon), on the template as the controller creates pods from it — with the tolerations it adds
/// (`AddOrUpdateDaemonPodTolerations`).
public enum DaemonSetEligibility {
    /// The tolerations every daemon pod gets, so that a DaemonSet keeps running where an ordinary
    /// pod would be evicted or refused: not-ready and unreachable (NoExecute, for ever), disk,
    /// memory and PID pressure, unschedulable (a cordon) and, for host-network pods,
    /// network-unavailable (NoSchedule).
    public static func tolerations(for spec: PodSpec) -> [Toleration] {
        var result = spec.tolerations
        func add(_ key: String, _ effect: TaintEffect) {
            // Upstream's AddOrUpdateTolerationInPod replaces an equal-keyed toleration of the same
            // effect rather than adding a duplicate.
            let toleration = Toleration(key: key, op: .exists, effect: effect)
            if let index = result.firstIndex(where: { $0.key == key && $0.effect == effect }) {
                result[index] = toleration
            } else {
                result.append(toleration)
            }
        }
        add(WellKnownTaint.notReady, .noExecute)
        add(WellKnownTaint.unreachable, .noExecute)
        add(WellKnownTaint.diskPressure, .noSchedule)
        add(WellKnownTaint.memoryPressure, .noSchedule)
        add(WellKnownTaint.pidPressure, .noSchedule)
        add(WellKnownTaint.unschedulable, .noSchedule)
        if spec.hostNetwork { add(WellKnownTaint.networkUnavailable, .noSchedule) }
        return result
    }

    /// The verdict for one node.
    public struct Verdict: Sendable, Equatable {
        /// A daemon pod should be created there.
        public var shouldRun: Bool
        /// A daemon pod already there may stay (it tolerates the node's NoExecute taints).
        public var shouldContinueRunning: Bool
    }

    /// Upstream's `NodeShouldRunDaemonPod`: the template's `nodeName`, then its node selector and
    /// required node affinity, then the node's NoSchedule and NoExecute taints against the
    /// tolerations (`tolerations` already holds the daemon ones).
    public static func verdict(
        nodeName: String?, affinity: RequiredNodeAffinity, tolerations: [CompiledToleration], node: NodeID, in nodes: NodeTable,
        symbols: SymbolTable
    ) -> Verdict {
        let n = Int(node)
        let name = nodes.names[n]
        if let nodeName, !nodeName.isEmpty, nodeName != name { return Verdict(shouldRun: false, shouldContinueRunning: false) }
        guard affinity.matches(labels: nodes.labels[n], name: name, symbols: symbols) else {
            return Verdict(shouldRun: false, shouldContinueRunning: false)
        }
        let hard = nodes.taints[n].filter { $0.effect == .noSchedule || $0.effect == .noExecute }
        guard hard.contains(where: { !tolerations.tolerate($0) }) else { return Verdict(shouldRun: true, shouldContinueRunning: true) }
        // Scheduled daemon pods keep running unless a NoExecute taint is not tolerated.
        let evicting = hard.contains { $0.effect == .noExecute && !tolerations.tolerate($0) }
        return Verdict(shouldRun: false, shouldContinueRunning: !evicting)
    }
}
