/// A container port; only ports with a `hostPort` matter for scheduling (NodePorts).
public struct ContainerPort: Sendable, Hashable {
    public var containerPort: Int32
    /// 0 when the port is not exposed on the host.
    public var hostPort: Int32
    /// Empty means every address (0.0.0.0).
    public var hostIP: String
    /// TCP, UDP or SCTP; TCP by default.
    public var `protocol`: String

    public init(containerPort: Int32, hostPort: Int32 = 0, hostIP: String = "", protocol: String = "TCP") {
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.hostIP = hostIP
        self.protocol = `protocol`
    }
}

/// The timing of a readiness or startup probe (what it checks is not simulated).
public struct Probe: Sendable, Hashable {
    public var initialDelaySeconds: Int32
    public var periodSeconds: Int32
    public var successThreshold: Int32

    public init(initialDelaySeconds: Int32 = 0, periodSeconds: Int32 = 10, successThreshold: Int32 = 1) {
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
    }

    /// When, after the container starts, this probe has succeeded `successThreshold` times in a
    /// row: probes run at `initialDelay + k × period`; only those at or after `earliest` (the
    /// application answering, or the startup probe having passed) succeed.
    func successTime(notBefore earliest: SimTime) -> SimTime {
        let delay = Millis.seconds(Int64(initialDelaySeconds))
        let period = Millis.seconds(Int64(max(periodSeconds, 1)))
        var first = delay
        if earliest > delay { first = delay + (earliest - delay + period - 1) / period * period }
        return first + Int64(max(successThreshold, 1) - 1) * period
    }
}

/// A container as kubesim models it: name, image, resources, host ports and probe timings; other
/// fields are not simulated.
public struct Container: Sendable, Hashable {
    public var name: String
    public var image: String
    public var resources: ContainerResources
    public var ports: [ContainerPort]
    public var readinessProbe: Probe?
    public var startupProbe: Probe?

    public init(
        name: String, image: String = "", resources: ContainerResources = ContainerResources(), ports: [ContainerPort] = [],
        readinessProbe: Probe? = nil, startupProbe: Probe? = nil
    ) {
        self.name = name
        self.image = image
        self.resources = resources
        self.ports = ports
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
    }

    /// How long after it starts the container is ready: when its readiness probe first passes
    /// after the startup probe (and the application's `warmup`); at once without probes.
    public func readinessDelay(warmup: SimTime) -> SimTime {
        let started = startupProbe.map { $0.successTime(notBefore: warmup) } ?? 0
        guard let readinessProbe else { return started }
        return readinessProbe.successTime(notBefore: max(started, warmup))
    }
}

/// Whether a pod may preempt lower-priority pods.
public enum PreemptionPolicy: String, Sendable, Hashable {
    case preemptLowerPriority = "PreemptLowerPriority"
    case never = "Never"
}

/// The parts of a `v1.PodSpec` that decide placement and lifecycle.
public struct PodSpec: Sendable, Hashable {
    /// `restartPolicy`: Always (the default), OnFailure or Never; Jobs use the last two.
    public var restartPolicy: RestartPolicy = .always
    /// `hostNetwork`: the DaemonSet controller then tolerates `network-unavailable`.
    public var hostNetwork = false
    /// The claims of its `persistentVolumeClaim` volumes, by name in the pod's namespace.
    public var persistentVolumeClaims: [String] = []
    public var containers: [Container]
    public var initContainers: [Container]
    public var overhead: ResourceList
    /// `spec.nodeName`: a pod created already bound to a node (NodeName filter).
    public var nodeName: String?
    public var nodeSelector: Labels
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinityRules?
    public var podAntiAffinity: PodAffinityRules?
    public var topologySpreadConstraints: [TopologySpreadConstraint]
    public var tolerations: [Toleration]
    /// `spec.priority` as given; admission fills it from `priorityClassName` otherwise.
    public var priority: Int32?
    public var priorityClassName: String?
    /// Nil takes the priority class's policy (PreemptLowerPriority by default).
    public var preemptionPolicy: PreemptionPolicy?
    public var schedulerName: String
    /// `spec.schedulingGates`: while any remains, the pod is not scheduled.
    public var schedulingGates: [String]
    /// `terminationGracePeriodSeconds`, 30 by default as upstream.
    public var terminationGracePeriodSeconds: Int64

    /// The default scheduler's name.
    public static let defaultSchedulerName = "default-scheduler"

    public init(
        containers: [Container], initContainers: [Container] = [], overhead: ResourceList = ResourceList(),
        nodeName: String? = nil, nodeSelector: Labels = Labels(), nodeAffinity: NodeAffinity? = nil,
        podAffinity: PodAffinityRules? = nil, podAntiAffinity: PodAffinityRules? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint] = [], tolerations: [Toleration] = [],
        priority: Int32? = nil, priorityClassName: String? = nil, preemptionPolicy: PreemptionPolicy? = nil,
        schedulerName: String = PodSpec.defaultSchedulerName, schedulingGates: [String] = [],
        terminationGracePeriodSeconds: Int64 = 30
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.overhead = overhead
        self.nodeName = nodeName
        self.nodeSelector = nodeSelector
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
        self.topologySpreadConstraints = topologySpreadConstraints
        self.tolerations = tolerations
        self.priority = priority
        self.priorityClassName = priorityClassName
        self.preemptionPolicy = preemptionPolicy
        self.schedulerName = schedulerName
        self.schedulingGates = schedulingGates
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// `spec.restartPolicy`.
public enum RestartPolicy: String, Sendable, Hashable {
    case always = "Always"
    case onFailure = "OnFailure"
    case never = "Never"
}

/// A pod template: labels, annotations and spec, plus kubesim's own timing hints.
public struct PodTemplate: Sendable, Hashable {
    public var labels: Labels
    public var annotations: Labels
    public var spec: PodSpec
    /// How long from binding until the containers run; nil uses the node pool's default.
    /// Set by the `kubesim.io/startup-delay` annotation or a scenario's `workloads[].startupDelay`.
    public var startupDelay: SimTime?
    /// How long after starting the application answers its probes (`kubesim.io/warmup`); 0 by default.
    public var warmup: SimTime
    /// How long the containers run before they exit (`kubesim.io/run-duration`, or the
    /// scenario's `runDurations`): a Job's pods then succeed; nil for a server that runs until it
    /// is stopped.
    public var runDuration: RunDuration?
    /// The chance that a run ends in failure rather than success (`kubesim.io/failure-probability`),
    /// drawn per run from the scenario's seed.
    public var failureProbability: Double = 0

    public init(labels: Labels = Labels(), annotations: Labels = Labels(), spec: PodSpec, startupDelay: SimTime? = nil, warmup: SimTime = 0) {
        self.labels = labels
        self.annotations = annotations
        self.spec = spec
        self.startupDelay = startupDelay
        self.warmup = warmup
    }
}

/// A host port a pod claims on its node: (IP, protocol, port), as NodePorts compares them.
public struct HostPort: Sendable, Hashable {
    public var ip: String
    public var `protocol`: String
    public var port: Int32

    /// Whether two claims collide: same protocol and port, and the same IP or either is a
    /// wildcard (empty or 0.0.0.0), as upstream's `HostPortInfo`.
    public func conflicts(with other: HostPort) -> Bool {
        guard port == other.port, `protocol` == other.protocol else { return false }
        let wildcard = { (ip: String) in ip.isEmpty || ip == "0.0.0.0" }
        return ip == other.ip || wildcard(ip) || wildcard(other.ip)
    }
}

/// Everything the simulation needs about a pod spec, computed once and shared by every pod of the
/// same template (as upstream's `framework.PodInfo` precomputes affinity terms and requests).
///
/// Immutable and shared, so a class: the scheduler reads it for every pod on every node it
/// looks at, and passing a reference costs one retain where a struct of this many arrays would
/// cost one per array.
public final class PodSpecInfo: Sendable {
    /// The template as written.
    public let template: PodTemplate
    /// The namespace of the pods using this spec (affinity terms default to it).
    public let namespace: Symbol
    /// Effective requests (reference §1.1).
    public let requests: Resources
    /// Non-zero CPU and memory requests for scoring (reference §1.2).
    public let nonZeroCPU: Int64
    public let nonZeroMemory: Int64
    public let tolerations: [CompiledToleration]
    public let requiredNodeAffinity: RequiredNodeAffinity
    /// Preferred node affinity terms with a non-zero weight.
    public let preferredNodeAffinity: [WeightedNodeSelectorTerm]
    public let requiredAffinityTerms: [CompiledAffinityTerm]
    public let requiredAntiAffinityTerms: [CompiledAffinityTerm]
    public let preferredAffinityTerms: [CompiledAffinityTerm]
    public let preferredAntiAffinityTerms: [CompiledAffinityTerm]
    /// `DoNotSchedule` and `ScheduleAnyway` constraints written in the spec.
    public let hardSpreadConstraints: [CompiledSpreadConstraint]
    public let softSpreadConstraints: [CompiledSpreadConstraint]
    /// Host ports of the regular containers (v1.32 ignores init containers' ports, sidecars included).
    public let hostPorts: [HostPort]
    /// Container images (init and regular), normalized with `:latest` when untagged.
    public let images: [Symbol]
    public let priority: Int32
    public let preemptionPolicy: PreemptionPolicy
    public let gracePeriod: SimTime
    /// From the containers starting to the pod being Ready (the slowest container's probes).
    public let readinessDelay: SimTime
    /// `controller.kubernetes.io/pod-deletion-cost`, 0 when absent or not an int32.
    public let deletionCost: Int32
    /// The pod's CPU ceiling in millicores: the sum of its containers' (and sidecars') limits when
    /// every one sets a limit; nil when any may use a whole node.
    public let cpuLimit: Int64?
    /// CPU and memory requests as the HPA divides usage by them.
    public let autoscalingCPURequest: AutoscalingRequest
    public let autoscalingMemoryRequest: AutoscalingRequest

    public init(template: PodTemplate, namespace: String, priority: Int32, preemptionPolicy: PreemptionPolicy, symbols: SymbolTable) {
        self.template = template
        let spec = template.spec
        let ownNamespace = symbols.intern(namespace)
        self.namespace = ownNamespace
        let containers = spec.containers.map(\.resources)
        let initContainers = spec.initContainers.map(\.resources)
        requests = PodResources.effectiveRequests(containers: containers, initContainers: initContainers, overhead: spec.overhead)
        (nonZeroCPU, nonZeroMemory) = PodResources.nonZeroRequests(containers: containers, initContainers: initContainers, overhead: spec.overhead)
        tolerations = spec.tolerations.map { CompiledToleration($0, symbols: symbols) }
        requiredNodeAffinity = RequiredNodeAffinity(nodeSelector: spec.nodeSelector, affinity: spec.nodeAffinity, symbols: symbols)
        preferredNodeAffinity = (spec.nodeAffinity?.preferred ?? []).filter { $0.weight != 0 }.map {
            WeightedNodeSelectorTerm(weight: $0.weight, term: CompiledNodeSelectorTerm($0.preference, symbols: symbols))
        }
        func compile(_ terms: [PodAffinityTerm]) -> [CompiledAffinityTerm] {
            terms.map { CompiledAffinityTerm($0, ownNamespace: ownNamespace, symbols: symbols) }
        }
        func compile(_ terms: [WeightedPodAffinityTerm]) -> [CompiledAffinityTerm] {
            terms.filter { $0.weight != 0 }.map { CompiledAffinityTerm($0.term, weight: $0.weight, ownNamespace: ownNamespace, symbols: symbols) }
        }
        requiredAffinityTerms = compile(spec.podAffinity?.required ?? [])
        requiredAntiAffinityTerms = compile(spec.podAntiAffinity?.required ?? [])
        preferredAffinityTerms = compile(spec.podAffinity?.preferred ?? [])
        preferredAntiAffinityTerms = compile(spec.podAntiAffinity?.preferred ?? [])
        hardSpreadConstraints = spec.topologySpreadConstraints.filter { $0.whenUnsatisfiable == .doNotSchedule }
            .map { CompiledSpreadConstraint($0, podLabels: template.labels, symbols: symbols) }
        softSpreadConstraints = spec.topologySpreadConstraints.filter { $0.whenUnsatisfiable == .scheduleAnyway }
            .map { CompiledSpreadConstraint($0, podLabels: template.labels, symbols: symbols) }
        hostPorts = spec.containers.flatMap(\.ports).filter { $0.hostPort > 0 }
            .map { HostPort(ip: $0.hostIP, protocol: $0.protocol.isEmpty ? "TCP" : $0.protocol, port: $0.hostPort) }
        images = (spec.initContainers + spec.containers).map(\.image).filter { !$0.isEmpty }.map { symbols.intern(Self.normalizedImage($0)) }
        self.priority = priority
        self.preemptionPolicy = preemptionPolicy
        gracePeriod = Millis.seconds(max(spec.terminationGracePeriodSeconds, 0))
        readinessDelay = spec.containers.map { $0.readinessDelay(warmup: template.warmup) }.max() ?? 0
        deletionCost = template.annotations["controller.kubernetes.io/pod-deletion-cost"].flatMap { Int32($0) } ?? 0
        let running = spec.containers + spec.initContainers.filter(\.resources.isSidecar)
        let limits = running.map { $0.resources.limits[ResourceName.cpu] }
        cpuLimit = limits.contains(nil) || limits.isEmpty ? nil : limits.reduce(0) { $0 + ($1 ?? 0) }
        autoscalingCPURequest = AutoscalingRequest(running, resource: ResourceName.cpu)
        autoscalingMemoryRequest = AutoscalingRequest(running, resource: ResourceName.memory)
    }

    public var schedulerName: String { template.spec.schedulerName }
    public var nodeName: String? { template.spec.nodeName }
    /// True when the pod has any pod affinity or anti-affinity term (upstream's PodsWithAffinity).
    public var hasPodAffinity: Bool {
        !(requiredAffinityTerms.isEmpty && requiredAntiAffinityTerms.isEmpty && preferredAffinityTerms.isEmpty && preferredAntiAffinityTerms.isEmpty)
    }

    /// An image name as the node's image list has it: `:latest` added when there is no tag or
    /// digest, as ImageLocality normalizes.
    public static func normalizedImage(_ image: String) -> String {
        let lastComponent = image.split(separator: "/").last ?? Substring(image)
        return lastComponent.contains(":") || image.contains("@") ? image : image + ":latest"
    }
}

/// A pod's request of one resource as the HPA sums it (upstream's `calculatePodRequests`): in
/// milli-units over its containers and sidecars, or the first container that names none (which
/// makes the HPA's resource metrics fail for the whole workload).
public enum AutoscalingRequest: Sendable, Hashable {
    case total(Int64)
    case missing(container: String)

    init(_ containers: [Container], resource: String) {
        var total: Int64 = 0
        for container in containers {
            guard let request = container.resources.requests[resource] else {
                self = .missing(container: container.name)
                return
            }
            total += resource == ResourceName.cpu ? request : request * 1_000
        }
        self = .total(total)
    }
}
