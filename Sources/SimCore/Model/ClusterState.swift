/// The cluster's objects: nodes, pods, pod specs, ReplicaSets and Deployments.
///
/// It is the simulated API server and scheduler cache in one: every mutation goes through a method
/// here that keeps the derived columns (node requested resources, per-node and per-owner pod lists)
/// consistent and appends a `ClusterChange` for the watchers.
///
/// A class, though it holds only data: it is passed to every plugin and controller, and a struct
/// of this many arrays read through the simulation's property would be copied (a retain and a
/// release per array) at each such call. Its state is changed in place, never snapshotted.
public final class ClusterState {
    public internal(set) var symbols: SymbolTable
    public internal(set) var nodes = NodeTable()
    public internal(set) var pods = PodTable()
    public internal(set) var podSpecs: [PodSpecInfo] = []
    public internal(set) var replicaSets = IDTable<ReplicaSetID, ReplicaSet>()
    public internal(set) var deployments = IDTable<DeploymentID, Deployment>()
    public internal(set) var daemonSets = IDTable<DaemonSetID, DaemonSet>()
    public internal(set) var statefulSets = IDTable<StatefulSetID, StatefulSet>()
    public internal(set) var jobs = IDTable<JobID, Job>()
    public internal(set) var cronJobs = IDTable<CronJobID, CronJob>()
    /// Active pods not yet bound to a node (waiting for the scheduler).
    public private(set) var unboundPodCount = 0
    /// Pods in phase Running.
    public private(set) var runningPodCount = 0
    /// Pods ever created, and ever removed: what exists is the difference (`invariantViolations`).
    public private(set) var podsAdded = 0
    public private(set) var podsRemoved = 0
    /// Namespaces that exist; the "default" namespace always does.
    public internal(set) var namespaces: [String] = []
    var namespaceLabelSets: [Symbol: LabelSet] = [:]
    public internal(set) var services: [Service] = []
    public internal(set) var priorityClasses: [PriorityClassSpec] = []
    public internal(set) var disruptionBudgets: [PodDisruptionBudget] = []
    /// Image sizes in bytes, by normalized image name; `defaultImageSize` for the others.
    var imageSizes: [Symbol: Int64] = [:]
    public internal(set) var defaultImageSize: Int64 = 0
    /// How many nodes hold each image (ImageLocality's spread factor).
    var imageNodeCounts: [Symbol: Int] = [:]

    var nodeTree = NodeTree()
    /// Pods per node by (namespace, selector), for PodTopologySpread.
    var selectorCounts = SelectorPodCounts()
    /// Pods by (namespace, selector) for traffic targets and HPA scale targets: an informer index
    /// the simulation keeps as it delivers pod changes (`Simulation.deliverChanges`).
    public internal(set) var podGroups = PodGroups()
    var nodeIndex: [String: NodeID] = [:]
    var podIndex: [String: PodID] = [:]
    var replicaSetIndex: [String: ReplicaSetID] = [:]
    var deploymentIndex: [String: DeploymentID] = [:]
    /// Storage: classes, volumes and claims, and claims and volumes by name.
    public internal(set) var storageClasses: [StorageClassSpec] = []
    public internal(set) var claims = IDTable<ClaimID, PersistentVolumeClaim>()
    public internal(set) var volumes = IDTable<VolumeID, PersistentVolume>()
    var claimIndex: [String: ClaimID] = [:]
    var volumeIndex: [String: VolumeID] = [:]
    /// Each namespace's LimitRanges (as stored, defaulted) and ResourceQuotas with their usage.
    var limitRanges: [String: [LimitRangeSpec]] = [:]
    public internal(set) var resourceQuotas: [String: [ResourceQuota]] = [:]
    /// Why the LimitRanger refuses pods of a spec, for the specs it refuses.
    var specRefusals: [PodSpecID: String] = [:]
    /// DaemonSets, StatefulSets, Jobs and CronJobs by `Kind/namespace/name`.
    var workloadIndex: [String: WorkloadRef] = [:]
    private var nextUID: Int64 = 1
    /// Changes not yet delivered to watchers.
    var changes: [ClusterChange] = []

    /// Symbols every simulation needs, interned up front.
    public let wellKnown: WellKnownSymbols

    public init() {
        let symbols = SymbolTable()
        wellKnown = WellKnownSymbols(symbols: symbols)
        self.symbols = symbols
        addNamespace("default")
    }

    /// Existing nodes in the scheduler's walking order (zones interleaved).
    public var schedulingOrder: [NodeID] { nodeTree.order }

    /// Takes the pending changes.
    func drainChanges() -> [ClusterChange] {
        defer { changes.removeAll(keepingCapacity: true) }
        return changes
    }

    func takeUID() -> Int64 {
        defer { nextUID += 1 }
        return nextUID
    }

    static func key(_ namespace: String, _ name: String) -> String { namespace + "/" + name }

    // MARK: Lookups

    /// The node called `name`, if it exists.
    public func node(named name: String) -> NodeID? { nodeIndex[name] }
    /// The pod `namespace/name`, if it exists.
    public func pod(namespace: String, name: String) -> PodID? { podIndex[Self.key(namespace, name)] }
    /// The Deployment `namespace/name`, if it exists.
    public func deployment(namespace: String, name: String) -> DeploymentID? { deploymentIndex[Self.key(namespace, name)] }
    /// The ReplicaSet `namespace/name`, if it exists.
    public func replicaSet(namespace: String, name: String) -> ReplicaSetID? { replicaSetIndex[Self.key(namespace, name)] }

    /// The spec shared by `pod` and its siblings.
    public func spec(of pod: PodID) -> PodSpecInfo { podSpecs[Int(pods[pod].spec)] }

    /// The handle for counting pods in `namespace` that `selector` picks, node by node.
    func podCounts(namespace: Symbol, selector: CompiledSelector) -> SelectorPodCounts.Handle {
        selectorCounts.handle(namespace: namespace, selector: selector, in: self)
    }

    /// Per node, the pods bound and not being deleted that the handle's selector picks.
    func matchingPodCounts(_ handle: SelectorPodCounts.Handle) -> [Int32] {
        selectorCounts.counts(handle)
    }

    /// Pods bound to `node` and not being deleted that the handle's selector picks.
    func matchingPodCount(_ handle: SelectorPodCounts.Handle, on node: Int) -> Int {
        selectorCounts.count(handle, on: node)
    }

    /// The pod group of `selector` in `namespace`, created (and filled from the pods that exist)
    /// on first use.
    func podGroup(namespace: Symbol, selector: CompiledSelector) -> Int {
        podGroups.group(namespace: namespace, selector: selector, in: self)
    }

    /// "namespace/name" of a pod.
    public func qualifiedName(of pod: PodID) -> String {
        let record = pods[pod]
        return symbols[record.namespace] + "/" + record.name
    }

    // MARK: Namespaces and specs

    /// Compiles a pod template once for pods in `namespace`; pods created from it share the
    /// result. Admission runs first: the priority (`admittedPriority`; an unknown class counts as
    /// 0) and the default not-ready and unreachable tolerations (`withDefaultTolerations`).
    func registerPodSpec(_ template: PodTemplate, namespace: String) -> PodSpecID {
        let admitted = admittedPriority(template.spec) ?? (0, .preemptLowerPriority)
        var template = template
        let refusal = applyLimitRanges(to: &template, namespace: namespace)
        template.spec.tolerations = Self.withDefaultTolerations(template.spec.tolerations)
        podSpecs.append(
            PodSpecInfo(
                template: template, namespace: namespace, priority: admitted.priority,
                preemptionPolicy: admitted.policy, symbols: symbols))
        if let refusal { specRefusals[PodSpecID(podSpecs.count - 1)] = refusal }
        return PodSpecID(podSpecs.count - 1)
    }

    /// Sets the image sizes ImageLocality reads and the kubelet records.
    func setImageSizes(_ sizes: [(image: String, bytes: Int64)], defaultSize: Int64) {
        for (image, bytes) in sizes { imageSizes[symbols.intern(PodSpecInfo.normalizedImage(image))] = bytes }
        defaultImageSize = defaultSize
    }

    /// The size of an image in bytes.
    public func imageSize(_ image: Symbol) -> Int64 { imageSizes[image] ?? defaultImageSize }

    /// The number of nodes holding an image.
    public func nodesHolding(_ image: Symbol) -> Int { imageNodeCounts[image] ?? 0 }

    /// A node has pulled `images` (the kubelet keeps them).
    func recordImages(_ images: [Symbol], on node: NodeID) {
        for image in images where !nodes.images[Int(node)].contains(image) {
            nodes.images[Int(node)].append(image)
            imageNodeCounts[image, default: 0] += 1
        }
    }

    // MARK: Nodes

    /// Adds a node; returns nil if a node of that name exists.
    func addNode(_ spec: NodeSpec, at time: SimTime) -> NodeID? {
        addNodes([spec], at: time).first ?? nil
    }

    /// Adds nodes, rebuilding the scheduler's walking order once; a nil entry for each name that
    /// already exists.
    func addNodes(_ specs: [NodeSpec], at time: SimTime) -> [NodeID?] {
        var added: [(node: NodeID, zoneKey: String)] = []
        let ids = specs.map { spec -> NodeID? in
            guard nodeIndex[spec.name] == nil else { return nil }
            let id = nodes.append(spec, symbols: symbols, at: time)
            nodeIndex[spec.name] = id
            added.append((id, NodeTree.zoneKey(region: spec.labels[NodeLabel.region], zone: spec.labels[NodeLabel.zone])))
            changes.append(.nodeAdded(id))
            return id
        }
        nodeTree.add(added)
        selectorCounts.nodesAdded(total: nodes.count)
        return ids
    }

    // MARK: Pods

    /// Creates a pending, unbound pod; returns nil if the name is taken in the namespace.
    func createPod(name: String, namespace: String, labels: LabelSet, spec: PodSpecID, owner: PodOwner?, at time: SimTime) -> PodID? {
        let key = Self.key(namespace, name)
        guard podIndex[key] == nil else { return nil }
        let pod = Pod(name: name, namespace: symbols.intern(namespace), uid: takeUID(), labels: labels, spec: spec, owner: owner, createdAt: time)
        let id = pods.insert(pod)
        podIndex[key] = id
        podsAdded += 1
        unboundPodCount += 1
        if let owner { addOwnedPod(id, to: owner) }
        chargeQuotas(for: id)
        changes.append(.podAdded(id))
        return id
    }

    /// Binds a pending pod to a node: the node's requested resources include it from now on, as
    /// upstream's scheduler cache "assumes" a pod the moment it picks a node.
    func bind(_ pod: PodID, to node: NodeID, at time: SimTime) {
        precondition(pods[pod].node == nil, "pod bound twice")
        if pods[pod].isActive { unboundPodCount -= 1 }
        nominate(pod, to: nil)
        pods[pod].node = node
        pods[pod].scheduledAt = time
        attach(pod, to: node)
        changes.append(.podBound(pod))
    }

    /// Counts `pod` on `node`: requests, pod list, host ports, affinity index.
    func attach(_ pod: PodID, to node: NodeID) {
        let spec = podSpecs[Int(pods[pod].spec)]
        let n = Int(node)
        pods[pod].nodeSlot = Int32(nodes.pods[n].count)
        nodes.pods[n].append(pod)
        nodes.requested[n].add(spec.requests)
        nodes.requested[n].pods += 1
        nodes.nonZeroCPU[n] += spec.nonZeroCPU
        nodes.nonZeroMemory[n] += spec.nonZeroMemory
        if !spec.hostPorts.isEmpty { nodes.usedPorts[n] += spec.hostPorts }
        if spec.hasPodAffinity {
            nodes.affinityPods[n].append(pod)
            nodes.affinityPodCount += 1
        }
        if pods[pod].deletedAt == nil {
            selectorCounts.update(labels: pods[pod].labels, namespace: pods[pod].namespace, node: n, delta: 1, symbols: symbols)
        }
    }

    /// Stops counting `pod` on `node`.
    func detach(_ pod: PodID, from node: NodeID) {
        let spec = podSpecs[Int(pods[pod].spec)]
        let n = Int(node)
        let slot = pods[pod].nodeSlot
        if let moved = Self.detach(pod, slot: slot, from: &nodes.pods[n]) { pods[moved].nodeSlot = slot }
        pods[pod].nodeSlot = -1
        if pods[pod].deletedAt == nil {
            selectorCounts.update(labels: pods[pod].labels, namespace: pods[pod].namespace, node: n, delta: -1, symbols: symbols)
        }
        nodes.requested[n].subtract(spec.requests)
        nodes.requested[n].pods -= 1
        nodes.nonZeroCPU[n] -= spec.nonZeroCPU
        nodes.nonZeroMemory[n] -= spec.nonZeroMemory
        for port in spec.hostPorts {
            if let index = nodes.usedPorts[n].firstIndex(of: port) { nodes.usedPorts[n].remove(at: index) }
        }
        if spec.hasPodAffinity, let index = nodes.affinityPods[n].firstIndex(of: pod) {
            nodes.affinityPods[n].remove(at: index)
            nodes.affinityPodCount -= 1
        }
    }

    /// Sets or clears a pending pod's `status.nominatedNodeName`.
    func nominate(_ pod: PodID, to node: NodeID?) {
        if let previous = pods[pod].nominatedNode, let index = nodes.nominatedPods[Int(previous)].firstIndex(of: pod) {
            nodes.nominatedPods[Int(previous)].remove(at: index)
            nodes.nominatedPodCount -= 1
        }
        pods[pod].nominatedNode = node
        if let node {
            nodes.nominatedPods[Int(node)].append(pod)
            nodes.nominatedPodCount += 1
        }
    }

    /// Marks why a pod is being deleted (its DisruptionTarget condition).
    func markDisrupted(_ pod: PodID, _ disruption: Disruption) {
        pods[pod].disruption = disruption
    }

    /// Counts a container restart of `pod`.
    func recordRestart(_ pod: PodID) {
        pods[pod].restartCount += 1
    }

    /// Counts a scheduling attempt for `pod`.
    func recordSchedulingAttempt(_ pod: PodID) {
        pods[pod].schedulingAttempts += 1
    }

    /// The kubelet accepted the pod: `status.startTime`.
    func markStarted(_ pod: PodID, at time: SimTime) {
        pods[pod].startedAt = time
    }

    /// The kubelet refused the pod (not enough resources on the node it names): phase Failed.
    func markFailed(_ pod: PodID) {
        finish(pod, .failed, at: nil)
    }

    /// The pod's containers have ended for good: phase Succeeded or Failed. A finished pod stays in
    /// the API (its Job counts it) with its node name, but no longer counts on the node: its
    /// resources are free, as the scheduler and the kubelet ignore terminal pods.
    func finish(_ pod: PodID, _ phase: PodPhase, at time: SimTime?) {
        precondition(phase == .succeeded || phase == .failed, "a pod finishes Succeeded or Failed")
        guard pods[pod].isActive else { return }
        if pods[pod].node == nil { unboundPodCount -= 1 }
        if pods[pod].phase == .running { runningPodCount -= 1 }
        if let node = pods[pod].node, pods[pod].nodeSlot >= 0 { detach(pod, from: node) }
        releaseQuotas(for: pod, finished: true)
        pods[pod].phase = phase
        pods[pod].finishedAt = time
        if pods[pod].isReady, let time {
            pods[pod].isReady = false
            pods[pod].readyTransition = time
        }
        changes.append(.podUpdated(pod))
    }

    /// The containers run: phase Running.
    func markRunning(_ pod: PodID) {
        guard pods[pod].phase != .running else { return }
        pods[pod].phase = .running
        runningPodCount += 1
        changes.append(.podUpdated(pod))
    }

    /// Sets the Ready condition.
    func setReady(_ pod: PodID, _ ready: Bool, at time: SimTime) {
        guard pods[pod].isReady != ready else { return }
        pods[pod].isReady = ready
        pods[pod].readyTransition = time
        changes.append(.podUpdated(pod))
    }

    /// Starts deleting a pod. An unbound pod is removed at once; a bound one gets its deletion
    /// timestamp, turns not-Ready and stays on its node until the kubelet finishes terminating it,
    /// after `gracePeriod` when the deletion names one, else its spec's grace period.
    /// Returns true when the pod was removed at once.
    @discardableResult
    func beginDeletion(_ pod: PodID, at time: SimTime, gracePeriod: SimTime? = nil) -> Bool {
        guard pods[pod].deletedAt == nil else { return false }
        // An unbound pod, or a finished one (its containers have ended), has nothing to stop.
        guard let node = pods[pod].node, pods[pod].nodeSlot >= 0 else {
            remove(pod)
            return true
        }
        selectorCounts.update(labels: pods[pod].labels, namespace: pods[pod].namespace, node: Int(node), delta: -1, symbols: symbols)
        pods[pod].deletedAt = time
        pods[pod].deletionGracePeriod = gracePeriod
        if pods[pod].isReady {
            pods[pod].isReady = false
            pods[pod].readyTransition = time
        }
        changes.append(.podDeleting(pod))
        return false
    }

    /// Removes a pod from the API and from its node and owner.
    func remove(_ pod: PodID) {
        nominate(pod, to: nil)
        let record = pods[pod]
        if record.node == nil && record.isActive { unboundPodCount -= 1 }
        if record.phase == .running { runningPodCount -= 1 }
        if let node = record.node, record.nodeSlot >= 0 { detach(pod, from: node) }
        if let owner = record.owner { removeOwnedPod(pod, slot: record.ownerSlot, from: owner) }
        releaseQuotas(for: pod, finished: false)
        podIndex[symbols[record.namespace] + "/" + record.name] = nil
        pods.remove(pod)
        podsRemoved += 1
        changes.append(
            .podRemoved(
                RemovedPod(
                    id: pod, owner: record.owner, node: record.node, namespace: record.namespace,
                    finished: record.phase == .succeeded || record.phase == .failed)))
    }

    /// Swap-removes `pod` from `list` at `slot`; returns the pod moved into that slot, if any.
    static func detach(_ pod: PodID, slot: Int32, from list: inout [PodID]) -> PodID? {
        let index = Int(slot)
        precondition(index < list.count && list[index] == pod, "pod list out of sync")
        let last = list.removeLast()
        guard index < list.count else { return nil }
        list[index] = last
        return last
    }

    // MARK: Workloads

    /// Creates a ReplicaSet; returns nil if the name is taken in the namespace.
    func createReplicaSet(_ spec: ReplicaSetSpec, owner: DeploymentID?, revision: Int64, at time: SimTime) -> ReplicaSetID? {
        let key = Self.key(spec.meta.namespace, spec.meta.name)
        guard replicaSetIndex[key] == nil else { return nil }
        let templateSpec = registerPodSpec(spec.template, namespace: spec.meta.namespace)
        let replicaSet = ReplicaSet(
            name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(), createdAt: time,
            labels: spec.meta.labels, selector: CompiledSelector(spec.selector, symbols: symbols), template: spec.template,
            templateSpec: templateSpec, templateLabels: LabelSet(spec.template.labels, symbols: symbols), owner: owner,
            replicas: spec.replicas, minReadySeconds: spec.minReadySeconds, revision: revision)
        let id = replicaSets.append(replicaSet)
        replicaSetIndex[key] = id
        if let owner { deployments[owner].replicaSets.append(id) }
        changes.append(.replicaSetUpdated(id))
        return id
    }

    /// Sets a ReplicaSet's desired replicas and, when a Deployment scales it, the
    /// desired-replicas and max-replicas annotations.
    func scaleReplicaSet(_ id: ReplicaSetID, to replicas: Int32, annotations: (desired: Int32, max: Int32)? = nil) {
        var changed = replicaSets[id].replicas != replicas
        replicaSets[id].replicas = replicas
        if let annotations {
            changed =
                changed || replicaSets[id].desiredReplicasAnnotation != annotations.desired
                || replicaSets[id].maxReplicasAnnotation != annotations.max
            replicaSets[id].desiredReplicasAnnotation = annotations.desired
            replicaSets[id].maxReplicasAnnotation = annotations.max
        }
        if changed { changes.append(.replicaSetUpdated(id)) }
    }

    /// Sets the revision annotation and `minReadySeconds` a Deployment keeps on its new ReplicaSet.
    func updateRevision(_ id: ReplicaSetID, revision: Int64, minReadySeconds: Int32) {
        guard replicaSets[id].revision != revision || replicaSets[id].minReadySeconds != minReadySeconds else { return }
        replicaSets[id].revision = revision
        replicaSets[id].minReadySeconds = minReadySeconds
        changes.append(.replicaSetUpdated(id))
    }

    /// Records a ReplicaSet name collision for a Deployment.
    func bumpCollisionCount(_ id: DeploymentID) {
        deployments[id].collisionCount += 1
    }

    /// Stores a ReplicaSet's observed status; a change notifies its Deployment.
    func setStatus(_ status: ReplicaSetStatus, of id: ReplicaSetID) {
        guard replicaSets[id].status != status else { return }
        replicaSets[id].status = status
        changes.append(.replicaSetStatusUpdated(id))
    }

    /// Creates a Deployment; returns nil if the name is taken in the namespace.
    func createDeployment(_ spec: DeploymentSpec, at time: SimTime) -> DeploymentID? {
        let key = Self.key(spec.meta.namespace, spec.meta.name)
        guard deploymentIndex[key] == nil else { return nil }
        let id = deployments.append(
            Deployment(
                name: spec.meta.name, namespace: symbols.intern(spec.meta.namespace), uid: takeUID(),
                createdAt: time, spec: spec, selector: CompiledSelector(spec.selector, symbols: symbols)))
        deploymentIndex[key] = id
        changes.append(.deploymentUpdated(id))
        return id
    }

    /// Changes a Deployment's spec (a rollout, a rollback, a scale); returns false when unchanged.
    @discardableResult
    func updateDeployment(_ id: DeploymentID, _ change: (inout DeploymentSpec) -> Void) -> Bool {
        var spec = deployments[id].spec
        change(&spec)
        guard spec != deployments[id].spec else { return false }
        deployments[id].spec = spec
        changes.append(.deploymentUpdated(id))
        return true
    }

    /// Records the start, completion or time-out of a Deployment's rollout.
    func recordRollout(_ id: DeploymentID, _ change: (inout [RolloutRecord]) -> Void) {
        change(&deployments[id].rollouts)
    }

    /// Deletes a ReplicaSet the Deployment no longer keeps (history cleanup); its name is free again.
    func deleteReplicaSet(_ id: ReplicaSetID, at time: SimTime) {
        let replicaSet = replicaSets[id]
        guard replicaSet.deletedAt == nil else { return }
        replicaSets[id].deletedAt = time
        replicaSetIndex[symbols[replicaSet.namespace] + "/" + replicaSet.name] = nil
        changes.append(.replicaSetUpdated(id))
    }

    /// Stores a Deployment's observed status.
    func setStatus(_ status: DeploymentStatus, of id: DeploymentID) {
        guard deployments[id].status != status else { return }
        deployments[id].status = status
        changes.append(.deploymentStatusUpdated(id))
    }
}
