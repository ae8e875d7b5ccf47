/// Persistent storage: StorageClasses, PersistentVolumes and PersistentVolumeClaims, and the
/// binding of claims to volumes as upstream's PV controller and the scheduler's VolumeBinding
/// plugin do it.
///
/// A claim of an `Immediate` class is bound when it is created: to a matching volume if one is
/// free, else to one its provisioner creates in the first zone (in the scheduler's node order)
/// the class allows. A claim of a `WaitForFirstConsumer` class waits for its first pod: the
/// scheduler's filters keep that pod to nodes where a volume can be had, and binding (Reserve)
/// takes a matching volume there or provisions one in the node's zone. From then on the volume's
/// node affinity holds every pod of the claim to that zone — the effect a zone outage shows.
extension ClusterState {
    // MARK: Objects

    func addStorageClass(_ spec: StorageClassSpec) {
        storageClasses.append(spec)
    }

    /// The class claims naming none get: the last one marked default, as upstream picks the
    /// newest of several.
    public var defaultStorageClass: StorageClassSpec? { storageClasses.last(where: \.isDefault) }

    public func storageClass(named name: String) -> StorageClassSpec? { storageClasses.first { $0.name == name } }

    /// Adds a PersistentVolume; nil if the name is taken.
    @discardableResult
    func addPersistentVolume(_ spec: PersistentVolumeSpec, provisioned: Bool = false) -> VolumeID? {
        guard volumeIndex[spec.name] == nil else { return nil }
        let affinity = spec.nodeAffinity.map { RequiredNodeAffinity(nodeSelector: Labels(), affinity: NodeAffinity(required: $0), symbols: symbols) }
        let id = volumes.append(PersistentVolume(spec: spec, affinity: affinity, claim: nil, provisioned: provisioned))
        volumeIndex[spec.name] = id
        if let key = spec.claimRef, let claim = claimIndex[key], claims[claim].volume == nil { bind(claim, to: id) }
        return id
    }

    /// Creates a PersistentVolumeClaim and, for an `Immediate` class, binds it; nil if the name
    /// is taken in the namespace.
    @discardableResult
    func createClaim(_ spec: PersistentVolumeClaimSpec, at time: SimTime) -> ClaimID? {
        let key = Self.key(spec.meta.namespace, spec.meta.name)
        guard claimIndex[key] == nil else { return nil }
        let className = spec.storageClassName ?? defaultStorageClass?.name ?? ""
        let id = claims.append(PersistentVolumeClaim(spec: spec, storageClass: className, volume: nil, createdAt: time))
        claimIndex[key] = id
        if let name = spec.volumeName, let volume = volumeIndex[name], volumes[volume].claim == nil {
            bind(id, to: volume)
        } else if let volume = volumes.indices.first(where: { volumes[$0].spec.claimRef == key && volumes[$0].claim == nil }) {
            bind(id, to: volume)
        } else if bindingMode(of: id) == .immediate {
            if let volume = matchingVolume(for: id, reachableFrom: nil) {
                bind(id, to: volume)
            } else if let storageClass = storageClass(named: className), storageClass.provisions,
                let node = schedulingOrder.first(where: { storageClass.allowedTopologies.isEmpty || topologyAllows(storageClass, node: $0) })
            {
                provision(id, near: node)
            }
        }
        return id
    }

    /// The claim `namespace/name`, if it exists.
    public func claim(namespace: String, name: String) -> ClaimID? { claimIndex[Self.key(namespace, name)] }

    /// True when the pod mounts any claim (the volume plugins' fast path: no allocation).
    public func hasClaims(_ pod: PodID) -> Bool {
        !pods[pod].claims.isEmpty || !podSpecs[Int(pods[pod].spec)].template.spec.persistentVolumeClaims.isEmpty
    }

    /// Every claim a pod mounts, as `namespace/name`: those its spec names and its own.
    public func claimKeys(of pod: PodID) -> [String] {
        let namespace = symbols[pods[pod].namespace]
        return podSpecs[Int(pods[pod].spec)].template.spec.persistentVolumeClaims.map { Self.key(namespace, $0) } + pods[pod].claims
    }

    /// Gives a pod the claims of its own (a StatefulSet pod's).
    func setClaims(_ keys: [String], of pod: PodID) {
        pods[pod].claims = keys
    }

    // MARK: Binding

    public func bindingMode(of claim: ClaimID) -> VolumeBindingMode {
        storageClass(named: claims[claim].storageClass)?.volumeBindingMode ?? .immediate
    }

    /// Why `node` cannot serve the claim, if it cannot: its volume is out of reach, or no volume
    /// can be bound or provisioned there for it.
    func volumeConflict(_ claim: ClaimID, on node: NodeID) -> FilterReason? {
        if let volume = claims[claim].volume {
            guard let affinity = volumes[volume].affinity else { return nil }
            return affinity.matches(labels: nodes.labels[Int(node)], name: nodes.names[Int(node)], symbols: symbols)
                ? nil : .volumeNodeAffinityConflict
        }
        if matchingVolume(for: claim, reachableFrom: node) != nil { return nil }
        if let storageClass = storageClass(named: claims[claim].storageClass), storageClass.provisions, topologyAllows(storageClass, node: node) {
            return nil
        }
        return .volumeBindConflict
    }

    /// Binds the pod's unbound claims for `node`: a free matching volume there, else a new one in
    /// the node's zone (upstream's `AssumePodVolumes`, then the PV controller's provisioning).
    func bindClaims(of pod: PodID, on node: NodeID) {
        for key in claimKeys(of: pod) {
            guard let claim = claimIndex[key], claims[claim].volume == nil else { continue }
            if let volume = matchingVolume(for: claim, reachableFrom: node) {
                bind(claim, to: volume)
            } else {
                provision(claim, near: node)
            }
        }
    }

    /// The smallest free volume of the claim's class big enough for it (upstream's
    /// `FindMatchingVolume`), reachable from `node` when one is given.
    private func matchingVolume(for claim: ClaimID, reachableFrom node: NodeID?) -> VolumeID? {
        let record = claims[claim]
        var best: VolumeID?
        for id in volumes.indices where volumes[id].claim == nil && volumes[id].spec.claimRef == nil {
            let volume = volumes[id]
            guard volume.spec.storageClassName == record.storageClass, volume.spec.capacity >= record.spec.request else { continue }
            if let node, let affinity = volume.affinity,
                !affinity.matches(labels: nodes.labels[Int(node)], name: nodes.names[Int(node)], symbols: symbols)
            {
                continue
            }
            if best.map({ volume.spec.capacity < volumes[$0].spec.capacity }) ?? true { best = id }
        }
        return best
    }

    private func topologyAllows(_ storageClass: StorageClassSpec, node: NodeID) -> Bool {
        guard !storageClass.allowedTopologies.isEmpty else { return true }
        let terms = storageClass.allowedTopologies.map { CompiledNodeSelectorTerm($0, symbols: symbols) }
        return terms.contains { $0.matches(labels: nodes.labels[Int(node)], name: nodes.names[Int(node)], symbols: symbols) }
    }

    /// A provisioner creates a volume for the claim where `node` is: in its zone, or on the node
    /// itself when it has no zone.
    private func provision(_ claim: ClaimID, near node: NodeID) {
        let record = claims[claim]
        let n = Int(node)
        let zone = nodes.labels[n].value(for: wellKnown.zoneLabel).map { symbols[$0] }
        let term =
            zone.map { NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: NodeLabel.zone, op: .in, values: [$0])]) }
            ?? NodeSelectorTerm(matchExpressions: [SelectorRequirement(key: NodeLabel.hostname, op: .in, values: [nodes.names[n]])])
        let spec = PersistentVolumeSpec(
            name: "pvc-\(record.spec.meta.namespace)-\(record.spec.meta.name)", capacity: record.spec.request, storageClassName: record.storageClass,
            nodeAffinity: [term])
        if let volume = addPersistentVolume(spec, provisioned: true) { bind(claim, to: volume) }
    }

    private func bind(_ claim: ClaimID, to volume: VolumeID) {
        claims[claim].volume = volume
        volumes[volume].claim = claim
    }
}
