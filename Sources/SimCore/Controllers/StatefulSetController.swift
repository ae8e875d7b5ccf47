/// The StatefulSet controller (upstream pkg/controller/statefulset, v1.32): pods with stable
/// names `<set>-<ordinal>`, created and deleted in ordinal order (OrderedReady) or all at once
/// (Parallel), and template changes rolled out from the highest ordinal down to `partition`, one
/// pod at a time.
///
/// With OrderedReady, pod N+1 is created only once pods 0…N are Running and Ready (and available
/// for `minReadySeconds`); scaling down deletes the highest ordinal first and waits for it to be
/// gone. A failed pod is deleted and created again under the same name.
final class StatefulSetController: Reconciler {
    typealias Timer = ReconcilerTimer<StatefulSetID>

    static let watches: ChangeKinds = ChangeKinds.pods.union(.workloadUpdated)
    static func event(_ timer: Timer) -> SimEvent { .statefulSets(timer) }

    /// The label upstream gives each pod its own name under, for per-pod Services.
    static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    /// The label holding the pod's ordinal.
    static let podIndexLabel = "apps.kubernetes.io/pod-index"

    var workQueue = WorkQueue<StatefulSetID>()
    /// The pod spec registered for each revision of each StatefulSet, and each spec's revision.
    private var revisionSpecs: [StatefulSetID: [Int64: PodSpecID]] = [:]
    private var specRevisions: [PodSpecID: Int64] = [:]

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<StatefulSetID> {
        switch change {
        case .podAdded, .podBound, .podUpdated, .podDeleting, .podRemoved:
            guard case .statefulSet(let id)? = change.podOwner(in: cluster) else { return .none }
            return .one(id)
        case .workloadUpdated(.statefulSet(let id)):
            return .one(id)
        default:
            return .none
        }
    }

    /// The parent's name and the ordinal of a pod named `<parent>-<ordinal>`, as upstream's
    /// `getParentNameAndOrdinal` reads it (the regular expression `(.*)-([0-9]+)$`): nil for a
    /// name that does not end in a dash and digits.
    static func parentAndOrdinal(of name: String) -> (parent: String, ordinal: Int32)? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let digits = name[name.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let ordinal = Int32(digits) else { return nil }
        return (String(name[..<dash]), ordinal)
    }

    /// The ordinal of a pod of the StatefulSet `set`; nil for a pod whose name is not its.
    static func ordinal(of name: String, in set: String) -> Int32? {
        guard let (parent, ordinal) = parentAndOrdinal(of: name), parent == set else { return nil }
        return ordinal
    }

    // MARK: Sync

    func sync(_ id: StatefulSetID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.statefulSets[id].deletedAt == nil else { return }
        let set = cluster.statefulSets[id]
        let updateRevision = set.revision
        _ = spec(of: id, revision: updateRevision, in: cluster)
        var status = set.status
        if status.updateRevision == 0 {
            status.currentRevision = updateRevision
        }
        status.updateRevision = updateRevision
        let start = set.spec.ordinalStart
        let end = Int32(clamping: Int64(start) + Int64(set.spec.replicas))
        var replicas: [Int32: PodID] = [:]
        var condemned: [(ordinal: Int32, pod: PodID)] = []
        for pod in set.pods {
            guard let ordinal = Self.ordinal(of: cluster.pods[pod].name, in: set.name) else { continue }
            if ordinal >= start && ordinal < end { replicas[ordinal] = pod } else { condemned.append((ordinal, pod)) }
        }
        condemned.sort { $0.ordinal > $1.ordinal }
        let ordered = set.spec.podManagementPolicy == .orderedReady
        defer { updateStatus(of: id, status: status, in: context) }
        func healthy(_ pod: PodID) -> Bool {
            let record = cluster.pods[pod]
            guard record.phase == .running, record.deletedAt == nil,
                let since = PodAvailability.since(record, minReadySeconds: set.spec.minReadySeconds)
            else { return false }
            if since > context.now {
                requeue(id, at: since, in: context)
                return false
            }
            return true
        }
        // Create and replace, lowest ordinal first.
        for ordinal in start..<max(start, end) {
            guard let pod = replicas[ordinal] else {
                createPod(of: id, ordinal: ordinal, revision: revisionForNewPod(set, status: status, ordinal: ordinal), in: context)
                if ordered { return }
                continue
            }
            let record = cluster.pods[pod]
            if record.phase == .failed || record.phase == .succeeded, record.deletedAt == nil {
                delete(pod, of: id, in: context)
                if ordered { return }
                continue
            }
            if ordered && !healthy(pod) { return }
        }
        // Scale down, highest ordinal first.
        for (_, pod) in condemned {
            if cluster.pods[pod].deletedAt != nil {
                if ordered { return }
                continue
            }
            delete(pod, of: id, in: context)
            if ordered { return }
        }
        // Roll out the new revision, highest ordinal first, down to the partition.
        guard case .rollingUpdate(let partition) = set.spec.updateStrategy else { return }
        // The partition counts replicas from the start ordinal, as upstream's `updateMin`.
        for ordinal in stride(from: end - 1, through: Int32(clamping: Int64(start) + Int64(partition)), by: -1) {
            guard let pod = replicas[ordinal] else { return }
            if specRevisions[cluster.pods[pod].spec] != updateRevision && cluster.pods[pod].deletedAt == nil {
                delete(pod, of: id, in: context)
                return
            }
            if !healthy(pod) { return }
        }
    }

    /// The revision a new pod gets (upstream's `newVersionedStatefulSetPod`): under a rolling
    /// update, ordinals below the partition keep the current revision.
    private func revisionForNewPod(_ set: StatefulSet, status: StatefulSetStatus, ordinal: Int32) -> Int64 {
        if case .rollingUpdate(let partition) = set.spec.updateStrategy, Int64(ordinal) < Int64(set.spec.ordinalStart) + Int64(partition) {
            return status.currentRevision
        }
        return set.revision
    }

    // MARK: Pods

    /// The pod spec of one revision, registered when the revision is first seen.
    private func spec(of id: StatefulSetID, revision: Int64, in cluster: ClusterState) -> PodSpecID {
        if let spec = revisionSpecs[id]?[revision] { return spec }
        let set = cluster.statefulSets[id]
        let spec = cluster.registerPodSpec(set.spec.template, namespace: cluster.symbols[set.namespace])
        revisionSpecs[id, default: [:]][revision] = spec
        specRevisions[spec] = revision
        return spec
    }

    private func createPod(of id: StatefulSetID, ordinal: Int32, revision: Int64, in context: ControllerContext) {
        let cluster = context.cluster
        let set = cluster.statefulSets[id]
        let name = "\(set.name)-\(ordinal)"
        var labels = set.spec.template.labels
        labels[Self.podNameLabel] = name
        labels[Self.podIndexLabel] = String(ordinal)
        let spec = revisionSpecs[id]?[revision] ?? self.spec(of: id, revision: set.revision, in: cluster)
        guard admits(name, spec: spec, for: id, owner: cluster.reference(statefulSet: id), in: context) else { return }
        // The claims first, as upstream's `createPersistentVolumeClaims`; they outlive the pod.
        let namespace = cluster.symbols[set.namespace]
        var claimKeys: [String] = []
        for template in set.spec.volumeClaimTemplates {
            var claim = template
            claim.meta = ObjectMeta(name: "\(template.meta.name)-\(name)", namespace: namespace, labels: set.spec.template.labels)
            if cluster.claim(namespace: namespace, name: claim.meta.name) == nil {
                if let refusal = cluster.admitObject(cluster.quotaClaim(claim), name: claim.meta.name, namespace: namespace) {
                    // Upstream's `createPersistentVolumeClaims` error, and no pod without its claim.
                    context.record(
                        .warning, PodAdmission.failedCreateReason, cluster.reference(statefulSet: id),
                        "create Claim \(claim.meta.name) for Pod \(name) in StatefulSet \(set.name) failed error: \(refusal)")
                    requeue(id, at: context.now + workQueue.rateLimitedDelay(id), in: context)
                    return
                }
                cluster.createClaim(claim, at: context.now)
            }
            claimKeys.append(namespace + "/" + claim.meta.name)
        }
        guard
            let pod = cluster.createPod(
                name: name, namespace: namespace, labels: LabelSet(labels, symbols: cluster.symbols), spec: spec,
                owner: .statefulSet(id), at: context.now)
        else {
            // The name is still held by a pod terminating under another owner: try again then.
            return
        }
        if !claimKeys.isEmpty { cluster.setClaims(claimKeys, of: pod) }
        context.record(.normal, "SuccessfulCreate", cluster.reference(statefulSet: id), "create Pod \(name) in StatefulSet \(set.name) successful")
    }

    private func delete(_ pod: PodID, of id: StatefulSetID, in context: ControllerContext) {
        let cluster = context.cluster
        let name = cluster.pods[pod].name
        cluster.beginDeletion(pod, at: context.now)
        context.record(
            .normal, "SuccessfulDelete", cluster.reference(statefulSet: id),
            "delete Pod \(name) in StatefulSet \(cluster.statefulSets[id].name) successful")
    }

    // MARK: Status

    /// Counts the pods; once every replica is at the update revision, that revision becomes the
    /// current one (upstream's `completeRollingUpdate`).
    private func updateStatus(of id: StatefulSetID, status previous: StatefulSetStatus, in context: ControllerContext) {
        let cluster = context.cluster
        let set = cluster.statefulSets[id]
        var status = previous
        status.replicas = 0
        status.readyReplicas = 0
        status.availableReplicas = 0
        status.currentReplicas = 0
        status.updatedReplicas = 0
        for pod in set.pods where cluster.pods[pod].isActive {
            let record = cluster.pods[pod]
            status.replicas += 1
            let revision = specRevisions[record.spec]
            if revision == status.currentRevision { status.currentReplicas += 1 }
            if revision == status.updateRevision { status.updatedReplicas += 1 }
            guard record.isReady, record.phase == .running else { continue }
            status.readyReplicas += 1
            if let since = PodAvailability.since(record, minReadySeconds: set.spec.minReadySeconds), since <= context.now {
                status.availableReplicas += 1
            }
        }
        if status.updatedReplicas == set.spec.replicas && status.readyReplicas == set.spec.replicas && status.replicas == set.spec.replicas {
            status.currentRevision = status.updateRevision
            status.currentReplicas = status.updatedReplicas
        }
        cluster.setStatus(status, of: id)
    }
}
