/// A container's part in the pod's resource arithmetic.
public struct ContainerResources: Sendable, Hashable {
    /// `resources.requests`, after API defaulting (requests default to limits when absent).
    public var requests: ResourceList
    /// `resources.limits`.
    public var limits: ResourceList
    /// True for an init container with `restartPolicy: Always` (a sidecar).
    public var isSidecar: Bool

    public init(requests: ResourceList = ResourceList(), limits: ResourceList = ResourceList(), isSidecar: Bool = false) {
        self.requests = requests
        self.limits = limits
        self.isSidecar = isSidecar
    }
}

/// The pod-level resource arithmetic shared by the scheduler, the kubelet and the autoscalers,
/// as upstream's `resourcehelper.PodRequests`.
public enum PodResources {
    /// The scheduler's default CPU request for a container that names none: 100m.
    public static let defaultMilliCPURequest: Int64 = 100
    /// The scheduler's default memory request for a container that names none: 200 MiB.
    public static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

    /// The effective request (reference §1.1): the sum over regular containers, raised to the
    /// largest init-time footprint (an init container plus the sidecars started before it; sidecars
    /// also add to the running sum), plus the pod overhead.
    public static func effectiveRequests(containers: [ContainerResources], initContainers: [ContainerResources], overhead: ResourceList) -> Resources
    {
        requests(containers: containers, initContainers: initContainers, overhead: overhead) { Resources($0.requests) }
    }

    /// The "non-zero" CPU and memory requests used only for scoring (reference §1.2): a container
    /// that does not name `cpu` counts as 100m, one that does not name `memory` as 200 MiB; a key
    /// present with zero stays zero.
    public static func nonZeroRequests(containers: [ContainerResources], initContainers: [ContainerResources], overhead: ResourceList) -> (
        cpu: Int64, memory: Int64
    ) {
        let totals = requests(containers: containers, initContainers: initContainers, overhead: overhead) { container in
            var resources = Resources(container.requests)
            if container.requests[ResourceName.cpu] == nil { resources.cpu = defaultMilliCPURequest }
            if container.requests[ResourceName.memory] == nil { resources.memory = defaultMemoryRequest }
            return resources
        }
        return (totals.cpu, totals.memory)
    }

    private static func requests(
        containers: [ContainerResources], initContainers: [ContainerResources], overhead: ResourceList,
        perContainer: (ContainerResources) -> Resources
    ) -> Resources {
        var sum = Resources()
        for container in containers { sum.addSaturating(perContainer(container)) }
        var sidecars = Resources()
        var initMaximum = Resources()
        for container in initContainers {
            let own = perContainer(container)
            if container.isSidecar {
                sum.addSaturating(own)
                sidecars.addSaturating(own)
                initMaximum = initMaximum.maximum(sidecars)
            } else {
                var footprint = own
                footprint.addSaturating(sidecars)
                initMaximum = initMaximum.maximum(footprint)
            }
        }
        var effective = sum.maximum(initMaximum)
        effective.addSaturating(Resources(overhead))
        return effective
    }
}
