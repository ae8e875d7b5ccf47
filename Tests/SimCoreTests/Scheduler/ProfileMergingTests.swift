import TestSupport
import Testing

@testable import SimCore

/// Profiles merged as kube-scheduler v1.32 merges a configuration with its defaults
/// (`mergePluginSet`, then `expandMultiPointPlugins`), cases after upstream's
/// `TestSchedulerDefaults`/`TestMergePlugins` and the framework's multi-point tests.
@Suite("Scheduler profiles")
struct ProfileMergingTests {
    @Test("the default profile has upstream's filters and score weights in order")
    func defaultProfile() {
        let profile = SchedulerProfile.default
        #expect(
            profile.filter == [
                "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit",
                "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone", "PodTopologySpread", "InterPodAffinity",
            ])
        #expect(
            profile.preFilter == [
                "NodeAffinity", "NodePorts", "NodeResourcesFit", "VolumeRestrictions", "VolumeBinding", "VolumeZone", "PodTopologySpread",
                "InterPodAffinity",
            ])
        #expect(profile.postFilter == ["DefaultPreemption"])
        #expect(
            profile.score.map(\.name) == [
                "TaintToleration", "NodeAffinity", "NodeResourcesFit", "VolumeBinding", "PodTopologySpread",
                "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality",
            ])
        // VolumeBinding has no weight in upstream's multiPoint list, so it scores with 1 (its
        // PreScore skips it unless the StorageCapacityScoring gate is on). The others:
        // 3 + 2 + 1 + 2 + 2 + 1 + 1, a maximum total of 100 × 12 = 1200 (reference §2.2).
        #expect(profile.score.map(\.weight) == [3, 2, 1, 1, 2, 2, 1, 1])
    }

    @Test("disabling a plugin at one extension point keeps it at the others")
    func disableAtOnePoint() {
        let profile = SchedulerProfile(
            merging: ProfileConfig(points: [.score: PluginSetConfig(disabled: ["ImageLocality", "NodeResourcesBalancedAllocation"])]))
        #expect(!profile.score.contains { $0.name == "ImageLocality" })
        #expect(profile.score.count == 6)
        #expect(profile.filter.contains("NodeResourcesFit"))
    }

    @Test("disabling a plugin at multiPoint removes it everywhere")
    func disableAtMultiPoint() {
        let profile = SchedulerProfile(merging: ProfileConfig(multiPoint: PluginSetConfig(disabled: ["PodTopologySpread"])))
        #expect(!profile.filter.contains("PodTopologySpread"))
        #expect(!profile.preFilter.contains("PodTopologySpread"))
        #expect(!profile.score.contains { $0.name == "PodTopologySpread" })
    }

    @Test("\"*\" at Score disables every score plugin; an explicit one then is the only one")
    func disableAllScores() {
        let none = SchedulerProfile(merging: ProfileConfig(points: [.score: PluginSetConfig(disabled: ["*"])]))
        #expect(none.score.isEmpty)
        let only = SchedulerProfile(
            merging: ProfileConfig(points: [
                .score: PluginSetConfig(
                    enabled: [WeightedPlugin("NodeResourcesFit", weight: 5)],
                    disabled: ["*"])
            ]))
        #expect(only.score == [WeightedPlugin("NodeResourcesFit", weight: 5)])
    }

    @Test("a default plugin enabled again at Score keeps its place and takes the new weight")
    func reweight() {
        let profile = SchedulerProfile(
            merging: ProfileConfig(points: [.score: PluginSetConfig(enabled: [WeightedPlugin("InterPodAffinity", weight: 10)])]))
        // Explicitly enabled plugins come first at their point (upstream's override ordering).
        #expect(profile.score.first == WeightedPlugin("InterPodAffinity", weight: 10))
        #expect(profile.score.count == 8)
    }

    @Test("re-enabling a default at multiPoint with a weight replaces it in place")
    func multiPointWeight() {
        let profile = SchedulerProfile(merging: ProfileConfig(multiPoint: PluginSetConfig(enabled: [WeightedPlugin("NodeResourcesFit", weight: 4)])))
        #expect(profile.score.map(\.name)[2] == "NodeResourcesFit")
        #expect(profile.score[2].weight == 4)
    }

    @Test("presets change one thing each")
    func presets() throws {
        #expect(try #require(SchedulerConfiguration.preset(named: "binpack")).profiles[0].arguments[NodeResourcesFit.self].strategy == .mostAllocated)
        #expect(try #require(SchedulerConfiguration.preset(named: "first-fit")).profiles[0].score.isEmpty)
        #expect(
            try #require(SchedulerConfiguration.preset(named: "no-default-spread")).profiles[0].arguments[PodTopologySpread.self].defaultConstraints
                .isEmpty)
        #expect(SchedulerConfiguration.preset(named: "default")?.profiles == [SchedulerProfile.default])
        #expect(SchedulerConfiguration.preset(named: "best") == nil)
        #expect(SchedulerConfiguration.presets.allSatisfy { SchedulerConfiguration.preset(named: $0.name) != nil })
    }
}
