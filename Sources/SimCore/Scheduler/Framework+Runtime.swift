/// A profile made runnable: each plugin instantiated once (so PreFilter and PreScore state reach
/// Filter and Score) and grouped by extension point in the profile's order. Plugin names kubesim
/// does not simulate (the volume plugins) are accepted and do nothing, as they would for pods
/// without volumes.
final class ProfileRuntime {
    let profile: SchedulerProfile
    let preEnqueue: [PreEnqueuePlugin]
    let preFilters: [PreFilterPlugin]
    let filters: [FilterPlugin]
    let preScores: [PreScorePlugin]
    let scores: [(plugin: ScorePlugin, weight: Int64)]
    /// DefaultPreemption is enabled at PostFilter.
    let preempts: Bool

    init(_ profile: SchedulerProfile, symbols: SymbolTable) {
        self.profile = profile
        let arguments = profile.arguments
        var instances: [String: SchedulerPlugin] = [:]
        func instance(_ name: String) -> SchedulerPlugin? {
            if let existing = instances[name] { return existing }
            let created: SchedulerPlugin?
            switch name {
            case "SchedulingGates": created = SchedulingGates()
            case "NodeUnschedulable": created = NodeUnschedulable()
            case "NodeName": created = NodeName()
            case "TaintToleration": created = TaintToleration()
            case "NodeAffinity": created = NodeAffinityPlugin(addedAffinity: arguments.addedAffinity, symbols: symbols)
            case "NodePorts": created = NodePorts()
            case "NodeResourcesFit":
                created = NodeResourcesFit(strategy: arguments.fitStrategy, resources: arguments.fitResources,
                                           ignoredResources: arguments.fitIgnoredResources, ignoredResourceGroups: arguments.fitIgnoredResourceGroups)
            case "NodeResourcesBalancedAllocation": created = BalancedAllocation(resources: arguments.balancedResources)
            case "PodTopologySpread":
                created = PodTopologySpread(defaultConstraints: arguments.spreadDefaultConstraints, systemDefaulted: arguments.spreadSystemDefaulted)
            case "InterPodAffinity":
                created = InterPodAffinity(hardPodAffinityWeight: arguments.hardPodAffinityWeight,
                                           ignorePreferredTermsOfExistingPods: arguments.ignorePreferredTermsOfExistingPods)
            case "ImageLocality": created = ImageLocality()
            default: created = nil
            }
            instances[name] = created
            return created
        }
        preEnqueue = profile.preEnqueue.compactMap { instance($0) as? PreEnqueuePlugin }
        preFilters = profile.preFilter.compactMap { instance($0) as? PreFilterPlugin }
        filters = profile.filter.compactMap { instance($0) as? FilterPlugin }
        preScores = profile.preScore.compactMap { instance($0) as? PreScorePlugin }
        scores = profile.score.compactMap { entry in (instance(entry.name) as? ScorePlugin).map { ($0, entry.weight) } }
        preempts = profile.postFilter.contains("DefaultPreemption")
    }
}
