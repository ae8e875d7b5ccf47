/// When a claim of a storage class gets its volume (`volumeBindingMode`).
public enum VolumeBindingMode: String, Sendable, Hashable {
    /// At once, wherever the provisioner puts it; the pod must then go where the volume is.
    case immediate = "Immediate"
    /// When the first pod using the claim is scheduled, in a place that pod can run.
    case waitForFirstConsumer = "WaitForFirstConsumer"
}

/// A `storage.k8s.io/v1` StorageClass: how claims of it get volumes.
public struct StorageClassSpec: Sendable, Hashable {
    public var name: String
    public var provisioner: String
    public var volumeBindingMode: VolumeBindingMode
    /// `allowedTopologies`: where its volumes may be provisioned (terms ORed); empty for anywhere.
    public var allowedTopologies: [NodeSelectorTerm]
    /// `storageclass.kubernetes.io/is-default-class: "true"`: claims naming no class get this one.
    public var isDefault: Bool

    public init(
        name: String, provisioner: String = "kubesim.io/provisioner", volumeBindingMode: VolumeBindingMode = .immediate,
        allowedTopologies: [NodeSelectorTerm] = [], isDefault: Bool = false
    ) {
        self.name = name
        self.provisioner = provisioner
        self.volumeBindingMode = volumeBindingMode
        self.allowedTopologies = allowedTopologies
        self.isDefault = isDefault
    }

    /// `kubernetes.io/no-provisioner`: a class of statically created volumes only.
    public var provisions: Bool { provisioner != "kubernetes.io/no-provisioner" }

    /// The class kubesim assumes when a scenario's claims need one and its manifests define none,
    /// as managed clusters ship one: dynamic, bound when the first pod is scheduled.
    public static let assumedDefault = StorageClassSpec(
        name: "standard", volumeBindingMode: .waitForFirstConsumer, isDefault: true)
}
