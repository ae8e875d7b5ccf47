/// Every scheduler plugin kubesim knows, by upstream name: kube-scheduler v1.32's in-tree registry
/// as far as kubesim simulates it. A profile can name these and no others; adding a plugin is its
/// own file plus one line here.
public enum PluginRegistry {
    // Metatypes of classes whose instances are not Sendable are not Sendable either, though this
    // constant list of them is never mutated and safe to read from any thread.
    nonisolated(unsafe) public static let plugins: [any SchedulerPlugin.Type] = [
        SchedulingGates.self,
        PrioritySort.self,
        NodeUnschedulable.self,
        NodeName.self,
        TaintToleration.self,
        NodeAffinityPlugin.self,
        NodePorts.self,
        NodeResourcesFit.self,
        PodTopologySpread.self,
        InterPodAffinity.self,
        DefaultPreemption.self,
        BalancedAllocation.self,
        ImageLocality.self,
        DefaultBinder.self,
        VolumeRestrictions.self,
        NodeVolumeLimits.self,
        VolumeBinding.self,
        VolumeZone.self,
    ]

    /// The plugin called `name`, if kubesim knows it.
    public static func plugin(named name: String) -> (any SchedulerPlugin.Type)? {
        plugins.first { $0.name == name }
    }

    /// Every plugin name, sorted.
    public static var names: [String] { plugins.map { $0.name }.sorted() }

    /// The extension points the plugin called `name` implements (none for an unknown name).
    public static func extensionPoints(of name: String) -> Set<ExtensionPoint> {
        plugin(named: name)?.extensionPoints ?? []
    }
}
