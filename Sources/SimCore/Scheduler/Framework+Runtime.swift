/// A profile made runnable: each plugin instantiated once (so PreScore state reaches Score) and
/// grouped by extension point in the profile's order.
final class ProfileRuntime {
    let profile: SchedulerProfile
    let preFilters: [PreFilterPlugin]
    let filters: [FilterPlugin]
    let preScores: [PreScorePlugin]
    let scores: [(plugin: ScorePlugin, weight: Int64)]

    init(_ profile: SchedulerProfile) {
        self.profile = profile
        var instances: [String: SchedulerPlugin] = [:]
        func instance(_ name: String) -> SchedulerPlugin? {
            if let existing = instances[name] { return existing }
            let created: SchedulerPlugin?
            switch name {
            case "NodeUnschedulable": created = NodeUnschedulable()
            case "NodeName": created = NodeName()
            case "TaintToleration": created = TaintToleration()
            case "NodeAffinity": created = NodeAffinityPlugin()
            case "NodeResourcesFit": created = NodeResourcesFit(strategy: profile.fitStrategy, resources: profile.fitResources)
            case "NodeResourcesBalancedAllocation": created = BalancedAllocation(resources: profile.balancedResources)
            default: created = nil
            }
            instances[name] = created
            return created
        }
        preFilters = profile.preFilter.compactMap { instance($0) as? PreFilterPlugin }
        filters = profile.filter.compactMap { instance($0) as? FilterPlugin }
        preScores = profile.preScore.compactMap { instance($0) as? PreScorePlugin }
        scores = profile.score.compactMap { entry in (instance(entry.name) as? ScorePlugin).map { ($0, entry.weight) } }
    }
}
