/// A `v1` PersistentVolume as a manifest gives it.
public struct PersistentVolumeSpec: Sendable, Hashable {
    public var name: String
    /// `capacity.storage`, bytes.
    public var capacity: Int64
    public var storageClassName: String
    /// `nodeAffinity.required.nodeSelectorTerms`: where the volume can be reached; nil for anywhere.
    public var nodeAffinity: [NodeSelectorTerm]?
    /// The legacy zone label (`topology.kubernetes.io/zone`), which VolumeZone checks.
    public var zoneLabel: String?
    /// `claimRef`: the claim (`namespace/name`) it is reserved for.
    public var claimRef: String?

    public init(
        name: String, capacity: Int64, storageClassName: String = "", nodeAffinity: [NodeSelectorTerm]? = nil, zoneLabel: String? = nil,
        claimRef: String? = nil
    ) {
        self.name = name
        self.capacity = capacity
        self.storageClassName = storageClassName
        self.nodeAffinity = nodeAffinity
        self.zoneLabel = zoneLabel
        self.claimRef = claimRef
    }
}

/// A `v1` PersistentVolumeClaim as a manifest (or a StatefulSet's `volumeClaimTemplates`) gives it.
public struct PersistentVolumeClaimSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    /// `storageClassName`: nil for the default class, "" for none.
    public var storageClassName: String?
    /// `resources.requests.storage`, bytes.
    public var request: Int64
    /// `volumeName`: a volume asked for by name.
    public var volumeName: String?

    public init(meta: ObjectMeta, storageClassName: String? = nil, request: Int64, volumeName: String? = nil) {
        self.meta = meta
        self.storageClassName = storageClassName
        self.request = request
        self.volumeName = volumeName
    }
}

/// A PersistentVolume in the cluster.
public struct PersistentVolume: Sendable {
    public let spec: PersistentVolumeSpec
    /// The compiled node affinity; nil when the volume can be reached from anywhere.
    public let affinity: RequiredNodeAffinity?
    /// The claim it is bound to.
    public internal(set) var claim: ClaimID?
    /// True for a volume a provisioner created for a claim.
    public let provisioned: Bool
}

/// A PersistentVolumeClaim in the cluster.
public struct PersistentVolumeClaim: Sendable {
    public let spec: PersistentVolumeClaimSpec
    /// The class it resolved to ("" for none).
    public let storageClass: String
    public internal(set) var volume: VolumeID?
    public let createdAt: SimTime

    /// `namespace/name`.
    public var key: String { spec.meta.namespace + "/" + spec.meta.name }
}
