/// What the ReplicaSet controller's deletion ranking looks at for one pod.
public struct PodDeletionFacts: Sendable, Hashable {
    public var isAssigned: Bool
    public var phase: PodPhase
    public var isReady: Bool
    public var deletionCost: Int32
    /// Active pods of the same controller (all ReplicaSets of a Deployment) on this pod's node.
    public var rank: Int
    /// The Ready condition's last transition, when Ready.
    public var readySince: SimTime?
    public var restartCount: Int32
    public var createdAt: SimTime
    /// Stands in for the pod UID in the final tie-break.
    public var uid: UInt64

    public init(
        isAssigned: Bool, phase: PodPhase, isReady: Bool, deletionCost: Int32 = 0, rank: Int = 0,
        readySince: SimTime? = nil, restartCount: Int32 = 0, createdAt: SimTime, uid: UInt64
    ) {
        self.isAssigned = isAssigned
        self.phase = phase
        self.isReady = isReady
        self.deletionCost = deletionCost
        self.rank = rank
        self.readySince = readySince
        self.restartCount = restartCount
        self.createdAt = createdAt
        self.uid = uid
    }
}

/// Upstream's `ActivePodsWithRanks.Less` (reference §5): true when `a` should be deleted before `b`.
///
/// In order: unassigned first; Pending < Unknown < Running; not Ready first; lower
/// pod-deletion-cost first; more pods of the same controller on the node first; Ready for less
/// time first; more restarts first; newer first. With LogarithmicScaleDown (on by default) the two
/// time comparisons use `floor(log2(age in ns))` buckets and break equal buckets by UID.
/// API timestamps have whole-second precision, so times are truncated to seconds first.
public func deletesBefore(_ a: PodDeletionFacts, _ b: PodDeletionFacts, now: SimTime) -> Bool {
    if a.isAssigned != b.isAssigned { return !a.isAssigned }
    let ordinal: (PodPhase) -> Int = { phase in
        switch phase {
        case .pending: return 0
        case .unknown: return 1
        case .running: return 2
        case .succeeded, .failed: return 3
        }
    }
    if ordinal(a.phase) != ordinal(b.phase) { return ordinal(a.phase) < ordinal(b.phase) }
    if a.isReady != b.isReady { return !a.isReady }
    if a.deletionCost != b.deletionCost { return a.deletionCost < b.deletionCost }
    if a.rank != b.rank { return a.rank > b.rank }
    if a.isReady && b.isReady, let readyA = a.readySince, let readyB = b.readySince,
        wholeSeconds(readyA) != wholeSeconds(readyB)
    {
        let difference = logarithmicRankDifference(readyA, readyB, now: now)
        return difference == 0 ? a.uid < b.uid : difference < 0
    }
    if a.restartCount != b.restartCount { return a.restartCount > b.restartCount }
    if wholeSeconds(a.createdAt) != wholeSeconds(b.createdAt) {
        let difference = logarithmicRankDifference(a.createdAt, b.createdAt, now: now)
        return difference == 0 ? a.uid < b.uid : difference < 0
    }
    return false
}

private func wholeSeconds(_ time: SimTime) -> SimTime { time / 1_000 * 1_000 }

/// `floor(log2(now − t₁)) − floor(log2(now − t₂))` with ages in nanoseconds, −1 for an age ≤ 0,
/// as upstream's `logarithmicRankDiff`.
private func logarithmicRankDifference(_ first: SimTime, _ second: SimTime, now: SimTime) -> Int {
    func bucket(_ time: SimTime) -> Int {
        let age = (now - wholeSeconds(time)) * 1_000_000
        guard age > 0 else { return -1 }
        return Int.bitWidth - 1 - age.leadingZeroBitCount
    }
    return bucket(first) - bucket(second)
}
