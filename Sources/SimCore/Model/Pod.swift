/// A handle to a pod: a slot in the pod table and the generation of the pod in that slot.
///
/// Slots are reused after a pod is gone; the generation tells a stale handle (held by a timer
/// scheduled for a pod that has since been deleted) from the slot's current pod.
public struct PodID: Hashable, Sendable, Comparable {
    public let slot: Int32
    public let generation: UInt32

    public init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    public static func < (lhs: PodID, rhs: PodID) -> Bool {
        (lhs.slot, lhs.generation) < (rhs.slot, rhs.generation)
    }
}

/// `status.phase`.
public enum PodPhase: String, Sendable, Hashable {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case unknown = "Unknown"
}

/// The controller that owns a pod (its `ownerReferences` entry with `controller: true`).
public enum PodOwner: Sendable, Hashable {
    case replicaSet(ReplicaSetID)
    case daemonSet(DaemonSetID)
    case statefulSet(StatefulSetID)
    case job(JobID)
}

/// Why a pod was disrupted, as the reason of its `DisruptionTarget` condition.
public enum Disruption: String, Sendable, Hashable {
    /// `PreemptionByScheduler`.
    case preemption = "PreemptionByScheduler"
    /// `DeletionByTaintManager`.
    case taintEviction = "DeletionByTaintManager"
    /// `EvictionByEvictionAPI`.
    case eviction = "EvictionByEvictionAPI"
}

/// A pod in the cluster: identity, labels, its shared spec and its status.
public struct Pod: Sendable {
    public let name: String
    public let namespace: Symbol
    /// Creation sequence number: unique, increasing, stands in for the UID.
    public let uid: Int64
    public var labels: LabelSet
    public let spec: PodSpecID
    public let owner: PodOwner?
    public let createdAt: SimTime

    /// The node the pod is bound to, nil while pending scheduling.
    public internal(set) var node: NodeID?
    public internal(set) var phase: PodPhase = .pending
    /// The Ready condition.
    public internal(set) var isReady = false
    /// When the Ready condition last changed; nil if it was never set.
    public internal(set) var readyTransition: SimTime?
    public internal(set) var scheduledAt: SimTime?
    /// `status.startTime`: when the kubelet accepted the pod.
    public internal(set) var startedAt: SimTime?
    /// `metadata.deletionTimestamp`: set when deletion begins; the pod keeps its node's resources
    /// until its grace period ends.
    public internal(set) var deletedAt: SimTime?
    /// When the pod finished (Succeeded or Failed: its containers' last termination); nil while
    /// it runs, or when the kubelet refused it.
    public internal(set) var finishedAt: SimTime?
    /// `metadata.deletionGracePeriodSeconds` when the deletion asked for its own grace period
    /// (a fault's pod kill); nil for the spec's `terminationGracePeriodSeconds`.
    public internal(set) var deletionGracePeriod: SimTime?
    /// `status.nominatedNodeName`: set when the pod preempted others to make room there.
    public internal(set) var nominatedNode: NodeID?
    /// Why the pod is being deleted (its DisruptionTarget condition), when a disruption did it.
    public internal(set) var disruption: Disruption?
    /// Claims (`namespace/name`) this pod mounts beyond those its spec names: a StatefulSet pod's
    /// claims from `volumeClaimTemplates`.
    public internal(set) var claims: [String] = []
    public internal(set) var schedulingAttempts: Int32 = 0
    public internal(set) var restartCount: Int32 = 0

    /// Position in the node's pod list, for O(1) removal; -1 while the pod does not count on a
    /// node (unbound, or finished: a Succeeded or Failed pod keeps its node name but frees its
    /// resources).
    var nodeSlot: Int32 = -1
    /// Position in the owner's pod list, for O(1) removal.
    var ownerSlot: Int32 = -1

    /// True while the pod counts for its controller: not terminal and not being deleted.
    public var isActive: Bool { deletedAt == nil && phase != .succeeded && phase != .failed }
}

/// All pods, in reusable slots.
public struct PodTable: Sendable {
    /// The pod in each slot; a vacant slot keeps its last pod until reused.
    private var records: [Pod] = []
    private var occupied: [Bool] = []
    private var generations: [UInt32] = []
    private var freeSlots: [Int32] = []
    /// Number of live pods.
    public private(set) var count = 0
    /// Number of slots, live or vacant: what the table holds in memory.
    public var slotCount: Int { records.count }

    /// Stores `pod` and returns its handle.
    mutating func insert(_ pod: Pod) -> PodID {
        count += 1
        if let slot = freeSlots.popLast() {
            records[Int(slot)] = pod
            occupied[Int(slot)] = true
            return PodID(slot: slot, generation: generations[Int(slot)])
        }
        records.append(pod)
        occupied.append(true)
        generations.append(0)
        return PodID(slot: Int32(records.count - 1), generation: 0)
    }

    /// Removes the pod; its handle becomes stale.
    mutating func remove(_ id: PodID) {
        guard contains(id) else { return }
        occupied[Int(id.slot)] = false
        generations[Int(id.slot)] &+= 1
        freeSlots.append(id.slot)
        count -= 1
    }

    /// True when `id` names a pod that still exists.
    public func contains(_ id: PodID) -> Bool {
        id.slot >= 0 && Int(id.slot) < records.count && occupied[Int(id.slot)] && generations[Int(id.slot)] == id.generation
    }

    /// The pod behind a live handle, borrowed rather than copied (reading one field of it copies
    /// only that field). Using a stale handle is a programming error.
    public subscript(id: PodID) -> Pod {
        _read {
            precondition(contains(id), "stale pod handle \(id)")
            yield records[Int(id.slot)]
        }
        _modify {
            precondition(contains(id), "stale pod handle \(id)")
            yield &records[Int(id.slot)]
        }
    }

    /// Live pods in slot order (stable for a given history of creations and deletions).
    public var ids: [PodID] {
        records.indices.compactMap { slot in
            occupied[slot] ? PodID(slot: Int32(slot), generation: generations[slot]) : nil
        }
    }
}
