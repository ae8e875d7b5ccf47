/// Pods picked by a namespace and a label selector, kept current as pods come and go: the
/// listings a Service's endpoints and an HPA's scale selector need (as upstream's informers index
/// them), without scanning every pod each time one is needed.
///
/// Pod labels do not change in kubesim, so membership is decided once, when a pod is added.
/// Members keep their order of arrival, except that a removed member's place goes to the last
/// one — deterministic for a given history.
public struct PodGroups: Sendable {
    private(set) var namespaces: [Symbol] = []
    private(set) var selectors: [CompiledSelector] = []
    /// Members of each group.
    private(set) var members: [[PodID]] = []
    /// Per pod slot, the groups the pod in that slot belongs to and its position in each.
    private var memberships: [[(group: Int32, position: Int32)]] = []

    var count: Int { members.count }

    /// The group for `selector` in `namespace`, created (and filled from the pods already in
    /// the cluster) on first use.
    mutating func group(namespace: Symbol, selector: CompiledSelector, in cluster: ClusterState) -> Int {
        if let existing = namespaces.indices.first(where: { namespaces[$0] == namespace && selectors[$0] == selector }) {
            return existing
        }
        namespaces.append(namespace)
        selectors.append(selector)
        members.append([])
        let group = members.count - 1
        for pod in cluster.pods.ids where matches(pod, group: group, in: cluster) { join(pod, group: group) }
        return group
    }

    /// Adds a new pod to every group whose selector picks it.
    mutating func podAdded(_ pod: PodID, in cluster: ClusterState) {
        for group in members.indices where matches(pod, group: group, in: cluster) { join(pod, group: group) }
    }

    /// Takes a removed pod out of its groups.
    mutating func podRemoved(_ pod: PodID) {
        let slot = Int(pod.slot)
        guard slot < memberships.count else { return }
        for (group, position) in memberships[slot] {
            let g = Int(group), p = Int(position)
            let last = members[g].removeLast()
            guard last != pod else { continue }
            members[g][p] = last
            let moved = Int(last.slot)
            if let index = memberships[moved].firstIndex(where: { $0.group == group }) { memberships[moved][index].position = position }
        }
        memberships[slot].removeAll(keepingCapacity: true)
    }

    /// How many groups `pod` belongs to; `group(of:at:)` reads them without copying the list,
    /// for the traffic model's inner loops.
    func membershipCount(of pod: PodID) -> Int {
        Int(pod.slot) < memberships.count ? memberships[Int(pod.slot)].count : 0
    }

    /// The `index`th group `pod` belongs to.
    func group(of pod: PodID, at index: Int) -> Int {
        Int(memberships[Int(pod.slot)][index].group)
    }

    /// True when the pod belongs to some group.
    func isMember(_ pod: PodID) -> Bool {
        Int(pod.slot) < memberships.count && !memberships[Int(pod.slot)].isEmpty
    }

    private func matches(_ pod: PodID, group: Int, in cluster: ClusterState) -> Bool {
        cluster.pods[pod].namespace == namespaces[group] && selectors[group].matches(cluster.pods[pod].labels, symbols: cluster.symbols)
    }

    private mutating func join(_ pod: PodID, group: Int) {
        let slot = Int(pod.slot)
        if slot >= memberships.count { memberships.append(contentsOf: repeatElement([], count: slot - memberships.count + 1)) }
        memberships[slot].append((Int32(group), Int32(members[group].count)))
        members[group].append(pod)
    }
}
