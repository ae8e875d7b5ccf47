/// The API server's defaulting of a pod's container resources, applied when the pod is decoded — before any
/// admission plugin, the LimitRanger included (upstream's `SetDefaults_Pod` in `pkg/apis/core/v1/defaults.go`).
public enum PodDefaults {
    /// For every container and init container, a resource with a limit and no request requests its limit. Runs
    /// before the LimitRanger, so a LimitRange's `defaultRequest` never replaces a request defaulted from the
    /// container's own limit, while a limit the LimitRanger adds later is not copied into the requests.
    public static func apply(to spec: inout PodSpec) {
        for index in spec.containers.indices { requestLimits(&spec.containers[index].resources) }
        for index in spec.initContainers.indices { requestLimits(&spec.initContainers[index].resources) }
    }

    private static func requestLimits(_ resources: inout ContainerResources) {
        for limit in resources.limits.entries where resources.requests[limit.name] == nil {
            resources.requests[limit.name] = limit.amount
        }
    }
}
