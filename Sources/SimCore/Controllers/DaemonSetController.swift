/// The DaemonSet controller (upstream pkg/controller/daemon): one pod per eligible node, following
/// nodes as they appear, change and go; template changes rolled out node by node.
///
/// Each pod is created unbound with a required node affinity to its node (`metadata.name` In
/// [node], upstream's `ReplaceDaemonSetPodNodeNameNodeAffinity`) and the daemon tolerations, and
/// goes through the scheduler like any pod: it may wait for room or preempt. A node that should
/// run the pod gets one when it has none that is not being deleted; a node that should no longer
/// run it (a NoExecute taint it does not tolerate, a label change) loses it; a failed daemon pod
/// is deleted and replaced.
///
/// It syncs a DaemonSet when the DaemonSet changes, when one of its pods changes, and when any
/// node is added, changed or removed.
final class DaemonSetController: Reconciler {
    typealias Timer = ReconcilerTimer<DaemonSetID>

    /// Upstream's `BurstReplicas`: pods created or deleted per sync at most.
    static let burstReplicas = 250

    static let watches: ChangeKinds = ChangeKinds.pods.union([.nodeAdded, .nodeUpdated, .nodeRemoved, .workloadUpdated])
    static func event(_ timer: Timer) -> SimEvent { .daemonSets(timer) }

    var workQueue = WorkQueue<DaemonSetID>()
    private var names: GeneratedNames

    /// A DaemonSet's template at one revision, compiled: what decides a node's eligibility, and
    /// the pod spec registered for each node its pods have gone to.
    private struct Revision {
        var number: Int64
        var template: PodTemplate
        var affinity: RequiredNodeAffinity
        var tolerations: [CompiledToleration]
        var nodeSpecs: [NodeID: PodSpecID] = [:]
    }

    private var revisions: [DaemonSetID: Revision] = [:]
    /// The node each daemon pod spec targets, and the revision it was made from.
    private var specTargets: [PodSpecID: (node: NodeID, revision: Int64)] = [:]

    init(seed: UInt64) {
        names = GeneratedNames(seed: seed, stream: "daemonset-pod-names")
    }

    func keys(for change: ClusterChange, in cluster: ClusterState) -> AffectedKeys<DaemonSetID> {
        switch change {
        case .nodeAdded, .nodeUpdated, .nodeRemoved:
            return cluster.daemonSets.isEmpty ? .none : .all(cluster.daemonSets.indices.filter { cluster.daemonSets[$0].deletedAt == nil })
        case .podAdded, .podBound, .podUpdated, .podDeleting, .podRemoved:
            guard case .daemonSet(let id)? = change.podOwner(in: cluster) else { return .none }
            return .one(id)
        case .workloadUpdated(.daemonSet(let id)):
            return .one(id)
        default:
            return .none
        }
    }

    // MARK: Sync

    /// What one node holds of the DaemonSet: its pods that are not being deleted, and whether it
    /// should run one.
    private struct NodeState {
        var pods: [PodID] = []
        var verdict = DaemonSetEligibility.Verdict(shouldRun: false, shouldContinueRunning: false)
    }

    func sync(_ id: DaemonSetID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.daemonSets[id].deletedAt == nil else { return }
        let revision = currentRevision(of: id, in: cluster)
        var nodes: [NodeID: NodeState] = [:]
        var failed: [PodID] = []
        for pod in cluster.daemonSets[id].pods {
            let record = cluster.pods[pod]
            guard record.deletedAt == nil, record.phase != .succeeded else { continue }
            if record.phase == .failed {
                failed.append(pod)
                continue
            }
            guard let target = specTargets[record.spec]?.node else { continue }
            nodes[target, default: NodeState()].pods.append(pod)
        }
        var budget = Self.burstReplicas
        for pod in failed where budget > 0 {
            budget -= 1
            let node = cluster.nodeName(of: pod)
            context.record(
                .warning, "FailedDaemonPod", cluster.reference(daemonSet: id),
                "Found failed daemon pod \(cluster.qualifiedName(of: pod)) on node \(node), will try to kill it")
            delete(pod, of: id, in: context)
        }
        var needing: [NodeID] = []
        for n in 0..<cluster.nodes.count {
            let node = NodeID(n)
            guard cluster.nodes.exists[n] else {
                // Pods whose node is gone are deleted (the pod garbage collector's job upstream).
                for pod in nodes[node]?.pods ?? [] where budget > 0 {
                    budget -= 1
                    delete(pod, of: id, in: context)
                }
                nodes[node] = nil
                continue
            }
            let verdict = DaemonSetEligibility.verdict(
                nodeName: revision.template.spec.nodeName, affinity: revision.affinity, tolerations: revision.tolerations, node: node,
                in: cluster.nodes, symbols: cluster.symbols)
            nodes[node, default: NodeState()].verdict = verdict
            let here = nodes[node]?.pods ?? []
            if verdict.shouldRun {
                if here.isEmpty {
                    needing.append(node)
                } else if here.count > 1 {
                    // Upstream keeps the oldest and deletes the others.
                    for pod in here.sorted(by: { cluster.pods[$0].createdAt < cluster.pods[$1].createdAt }).dropFirst() where budget > 0 {
                        budget -= 1
                        delete(pod, of: id, in: context)
                    }
                }
            } else if !verdict.shouldContinueRunning {
                for pod in here where budget > 0 {
                    budget -= 1
                    delete(pod, of: id, in: context)
                }
            }
        }
        // A pod admission refuses stops this round; the key is retried after the rate limiter's delay.
        for node in needing.prefix(budget) {
            guard createPod(of: id, on: node, in: context) else { break }
        }
        let more = needing.count > budget
        if case .rollingUpdate(let maxUnavailable, let maxSurge) = cluster.daemonSets[id].spec.updateStrategy, !more {
            rollOut(id, nodes: nodes, maxUnavailable: maxUnavailable, maxSurge: maxSurge, in: context)
        }
        updateStatus(of: id, nodes: nodes, in: context)
        if more { requeue(id, at: context.now, in: context) }
    }

    // MARK: Rolling update

    /// Upstream's `rollingUpdate`: without surge, old pods are deleted while fewer than
    /// `maxUnavailable` desired nodes lack an available pod (an old pod that is not available is
    /// replaced at once); with surge, a new pod starts beside the old one on up to `maxSurge` nodes
    /// and the old one goes once the new one is available. Nodes are taken in node order.
    private func rollOut(
        _ id: DaemonSetID, nodes: [NodeID: NodeState], maxUnavailable: IntOrPercent, maxSurge: IntOrPercent, in context: ControllerContext
    ) {
        let cluster = context.cluster
        let daemonSet = cluster.daemonSets[id]
        let desired = nodes.values.filter(\.verdict.shouldRun).count
        let surge = RolloutMath.scaled(maxSurge, of: Int32(desired), roundUp: true)
        let unavailableAllowed = max(
            RolloutMath.scaled(maxUnavailable, of: Int32(desired), roundUp: true), surge == 0 ? 1 : 0)
        func isAvailable(_ pod: PodID) -> Bool {
            guard let since = PodAvailability.since(cluster.pods[pod], minReadySeconds: daemonSet.spec.minReadySeconds) else { return false }
            return since <= context.now
        }
        func isNew(_ pod: PodID) -> Bool { specTargets[cluster.pods[pod].spec]?.revision == daemonSet.revision }
        var unavailable = 0
        var candidates: [PodID] = []
        var surging = 0
        var surgeCandidates: [NodeID] = []
        for node in nodes.keys.sorted() {
            guard let state = nodes[node], state.verdict.shouldRun else { continue }
            // Pods this sync already deleted (a node's extra pods) are out of the count.
            let live = state.pods.filter { cluster.pods.contains($0) && cluster.pods[$0].deletedAt == nil }
            let old = live.filter { !isNew($0) }
            let new = live.filter(isNew)
            if surge == 0 {
                guard let pod = old.first else {
                    if !new.contains(where: isAvailable) { unavailable += 1 }
                    continue
                }
                if isAvailable(pod) {
                    candidates.append(pod)
                } else {
                    unavailable += 1
                    delete(pod, of: id, in: context)
                }
            } else {
                guard !old.isEmpty else { continue }
                if new.contains(where: isAvailable) {
                    for pod in old { delete(pod, of: id, in: context) }
                } else if !new.isEmpty {
                    surging += 1
                } else if !old.contains(where: isAvailable) {
                    createPod(of: id, on: node, in: context)
                } else {
                    surgeCandidates.append(node)
                }
            }
        }
        if surge == 0 {
            for pod in candidates where unavailable < Int(unavailableAllowed) {
                unavailable += 1
                delete(pod, of: id, in: context)
            }
        } else {
            for node in surgeCandidates where surging < Int(surge) {
                surging += 1
                createPod(of: id, on: node, in: context)
            }
        }
    }

    // MARK: Pods

    /// The template of the DaemonSet's current revision, compiled (again when the revision moved).
    private func currentRevision(of id: DaemonSetID, in cluster: ClusterState) -> Revision {
        let daemonSet = cluster.daemonSets[id]
        if let revision = revisions[id], revision.number == daemonSet.revision { return revision }
        var template = daemonSet.spec.template
        template.spec.tolerations = DaemonSetEligibility.tolerations(for: template.spec)
        let revision = Revision(
            number: daemonSet.revision, template: template,
            affinity: RequiredNodeAffinity(nodeSelector: template.spec.nodeSelector, affinity: template.spec.nodeAffinity, symbols: cluster.symbols),
            tolerations: template.spec.tolerations.map { CompiledToleration($0, symbols: cluster.symbols) })
        revisions[id] = revision
        return revision
    }

    /// The pod spec for the current revision on `node`: the template with its required node
    /// affinity replaced by the node's name, registered once per node.
    private func podSpec(of id: DaemonSetID, on node: NodeID, in cluster: ClusterState) -> PodSpecID {
        var revision = currentRevision(of: id, in: cluster)
        if let spec = revision.nodeSpecs[node] { return spec }
        var template = revision.template
        var affinity = template.spec.nodeAffinity ?? NodeAffinity()
        affinity.required = [
            NodeSelectorTerm(matchFields: [SelectorRequirement(key: "metadata.name", op: .in, values: [cluster.nodes.names[Int(node)]])])
        ]
        template.spec.nodeAffinity = affinity
        let spec = cluster.registerPodSpec(template, namespace: cluster.symbols[cluster.daemonSets[id].namespace])
        revision.nodeSpecs[node] = spec
        revisions[id] = revision
        specTargets[spec] = (node, revision.number)
        return spec
    }

    /// Returns false when admission refused the pod.
    @discardableResult
    private func createPod(of id: DaemonSetID, on node: NodeID, in context: ControllerContext) -> Bool {
        let cluster = context.cluster
        let daemonSet = cluster.daemonSets[id]
        let spec = podSpec(of: id, on: node, in: cluster)
        let labels = LabelSet(daemonSet.spec.template.labels, symbols: cluster.symbols)
        let namespace = cluster.symbols[daemonSet.namespace]
        while true {
            let name = names.next(daemonSet.name + "-")
            guard admits(name, spec: spec, for: id, owner: cluster.reference(daemonSet: id), in: context) else { return false }
            if cluster.createPod(name: name, namespace: namespace, labels: labels, spec: spec, owner: .daemonSet(id), at: context.now) != nil {
                context.record(.normal, "SuccessfulCreate", cluster.reference(daemonSet: id), "Created pod: \(name)")
                return true
            }
        }
    }

    private func delete(_ pod: PodID, of id: DaemonSetID, in context: ControllerContext) {
        let cluster = context.cluster
        guard cluster.pods.contains(pod), cluster.pods[pod].deletedAt == nil else { return }
        let name = cluster.pods[pod].name
        cluster.beginDeletion(pod, at: context.now)
        context.record(.normal, "SuccessfulDelete", cluster.reference(daemonSet: id), "Deleted pod: \(name)")
    }

    // MARK: Status

    /// Upstream's `updateDaemonSetStatus`, node by node; re-checks when a Ready pod will become
    /// available.
    private func updateStatus(of id: DaemonSetID, nodes: [NodeID: NodeState], in context: ControllerContext) {
        let cluster = context.cluster
        let daemonSet = cluster.daemonSets[id]
        var status = DaemonSetStatus()
        status.observedGeneration = daemonSet.revision
        var nextAvailable: SimTime?
        for state in nodes.values {
            let live = state.pods.filter { cluster.pods.contains($0) && cluster.pods[$0].deletedAt == nil }
            if state.verdict.shouldRun {
                status.desiredNumberScheduled += 1
                guard !live.isEmpty else { continue }
                status.currentNumberScheduled += 1
                let newest = live.max { cluster.pods[$0].createdAt < cluster.pods[$1].createdAt } ?? live[0]
                if specTargets[cluster.pods[newest].spec]?.revision == daemonSet.revision { status.updatedNumberScheduled += 1 }
                guard cluster.pods[newest].isReady else { continue }
                status.numberReady += 1
                if let since = PodAvailability.since(cluster.pods[newest], minReadySeconds: daemonSet.spec.minReadySeconds) {
                    if since <= context.now { status.numberAvailable += 1 } else { nextAvailable = min(nextAvailable ?? since, since) }
                }
            } else if !live.isEmpty {
                status.numberMisscheduled += 1
            }
        }
        cluster.setStatus(status, of: id)
        if let nextAvailable { requeue(id, at: nextAvailable, in: context) }
    }
}
