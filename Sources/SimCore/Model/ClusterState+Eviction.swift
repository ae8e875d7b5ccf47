/// The eviction subresource (`POST pods/<name>/eviction`), as the API server serves it: a pod is
/// deleted unless that would take a PodDisruptionBudget below its minimum.
extension ClusterState {
    /// Why the eviction subresource refused a pod.
    public enum EvictionRefusal: Sendable {
        /// A budget has no disruption to spare.
        case budget
        /// More than one budget covers the pod.
        case multipleBudgets

        /// The refusal as upstream's API server words it.
        public var message: String {
            switch self {
            case .budget: "Cannot evict pod as it would violate the pod's disruption budget."
            case .multipleBudgets: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
            }
        }
    }

    /// Evicts `pod` as upstream's eviction subresource does: a pod that is Pending, Succeeded or
    /// Failed, or already terminating, goes without looking at budgets; a pod covered by more than
    /// one budget is refused; else the pod goes unless its budget has no disruption to spare. A pod
    /// that is not Ready may go while the budget is met (upstream's default `IfHealthyBudget`
    /// policy). Returns the refusal, or nil once the pod is being deleted (with its DisruptionTarget
    /// condition).
    func evict(_ pod: PodID, at time: SimTime) -> EvictionRefusal? {
        let phase = pods[pod].phase
        if phase != .pending && phase != .succeeded && phase != .failed && pods[pod].deletedAt == nil {
            let budgets = disruptionBudgets.filter { budget($0, covers: pod) }
            if budgets.count > 1 { return .multipleBudgets }
            if let budget = budgets.first {
                let health = budgetHealth(budget)
                let spareUnhealthy = !pods[pod].isReady && health.current >= health.desired && health.desired > 0
                if !spareUnhealthy && health.disruptionsAllowed <= 0 { return .budget }
            }
        }
        markDisrupted(pod, .eviction)
        beginDeletion(pod, at: time)
        return nil
    }
}
