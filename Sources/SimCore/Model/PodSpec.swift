/// A container as kubesim models it: name, image and resources; other fields are not simulated.
public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String
    public var resources: ContainerResources

    public init(name: String, image: String = "", resources: ContainerResources = ContainerResources()) {
        self.name = name
        self.image = image
        self.resources = resources
    }
}

/// The parts of a `v1.PodSpec` that decide placement and lifecycle.
public struct PodSpec: Sendable, Hashable {
    public var containers: [Container]
    public var initContainers: [Container]
    public var overhead: ResourceList
    /// `spec.nodeName`: a pod created already bound to a node (NodeName filter).
    public var nodeName: String?
    public var nodeSelector: Labels
    public var nodeAffinity: NodeAffinity?
    public var tolerations: [Toleration]
    /// `spec.priority` as given; admission fills it from `priorityClassName` otherwise.
    public var priority: Int32?
    public var priorityClassName: String?
    public var schedulerName: String
    /// `terminationGracePeriodSeconds`, 30 by default as upstream.
    public var terminationGracePeriodSeconds: Int64

    /// The default scheduler's name.
    public static let defaultSchedulerName = "default-scheduler"

    public init(containers: [Container], initContainers: [Container] = [], overhead: ResourceList = ResourceList(),
                nodeName: String? = nil, nodeSelector: Labels = Labels(), nodeAffinity: NodeAffinity? = nil,
                tolerations: [Toleration] = [], priority: Int32? = nil, priorityClassName: String? = nil,
                schedulerName: String = PodSpec.defaultSchedulerName, terminationGracePeriodSeconds: Int64 = 30) {
        self.containers = containers
        self.initContainers = initContainers
        self.overhead = overhead
        self.nodeName = nodeName
        self.nodeSelector = nodeSelector
        self.nodeAffinity = nodeAffinity
        self.tolerations = tolerations
        self.priority = priority
        self.priorityClassName = priorityClassName
        self.schedulerName = schedulerName
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// A pod template: labels, annotations and spec, plus kubesim's own timing hints.
public struct PodTemplate: Sendable, Hashable {
    public var labels: Labels
    public var annotations: Labels
    public var spec: PodSpec
    /// How long from binding until the containers run; nil uses the node pool's default.
    /// Set by the `kubesim.io/startup-delay` annotation or a scenario's `workloads[].startupDelay`.
    public var startupDelay: SimTime?

    public init(labels: Labels = Labels(), annotations: Labels = Labels(), spec: PodSpec, startupDelay: SimTime? = nil) {
        self.labels = labels
        self.annotations = annotations
        self.spec = spec
        self.startupDelay = startupDelay
    }
}

/// Everything the simulation needs about a pod spec, computed once and shared by every pod of the
/// same template (as upstream's `framework.PodInfo` precomputes affinity terms and requests).
public struct PodSpecInfo: Sendable {
    /// The template as written.
    public let template: PodTemplate
    /// Effective requests (reference §1.1).
    public let requests: Resources
    /// Non-zero CPU and memory requests for scoring (reference §1.2).
    public let nonZeroCPU: Int64
    public let nonZeroMemory: Int64
    public let tolerations: [CompiledToleration]
    public let requiredNodeAffinity: RequiredNodeAffinity
    /// Preferred node affinity terms with a non-zero weight.
    public let preferredNodeAffinity: [WeightedNodeSelectorTerm]
    public let priority: Int32
    public let gracePeriod: SimTime
    /// `controller.kubernetes.io/pod-deletion-cost`, 0 when absent or not an int32.
    public let deletionCost: Int32

    public init(template: PodTemplate, priority: Int32, symbols: inout SymbolTable) {
        self.template = template
        let spec = template.spec
        let containers = spec.containers.map(\.resources)
        let initContainers = spec.initContainers.map(\.resources)
        requests = PodResources.effectiveRequests(containers: containers, initContainers: initContainers, overhead: spec.overhead)
        (nonZeroCPU, nonZeroMemory) = PodResources.nonZeroRequests(containers: containers, initContainers: initContainers, overhead: spec.overhead)
        tolerations = spec.tolerations.map { CompiledToleration($0, symbols: &symbols) }
        requiredNodeAffinity = RequiredNodeAffinity(nodeSelector: spec.nodeSelector, affinity: spec.nodeAffinity, symbols: &symbols)
        preferredNodeAffinity = (spec.nodeAffinity?.preferred ?? []).filter { $0.weight != 0 }.map {
            WeightedNodeSelectorTerm(weight: $0.weight, term: CompiledNodeSelectorTerm($0.preference, symbols: &symbols))
        }
        self.priority = priority
        gracePeriod = Millis.seconds(max(spec.terminationGracePeriodSeconds, 0))
        deletionCost = template.annotations["controller.kubernetes.io/pod-deletion-cost"].flatMap { Int32($0) } ?? 0
    }

    public var schedulerName: String { template.spec.schedulerName }
    public var nodeName: String? { template.spec.nodeName }
}
