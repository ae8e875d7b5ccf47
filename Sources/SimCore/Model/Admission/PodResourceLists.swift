/// A pod's total requests and limits as resource lists that keep which names were mentioned, as upstream's
/// `resourcehelper.PodRequests`/`PodLimits` (component-helpers/resource) and the LimitRanger's simplified copies
/// `podRequests`/`podLimits`: the sum over regular containers and sidecars, raised to the largest init-time
/// footprint (an init container plus the sidecars started before it).
///
/// `PodResources.effectiveRequests` computes the same requests as `Resources`, which drops names it does not track
/// and entries of zero; quota and the LimitRanger need to know a name was given at all ("must specify", "no request
/// is specified"), so these keep the lists.
public enum PodResourceLists {
    /// Upstream's `PodRequests`: with `overhead`, the pod overhead is added to every name, new names included. The
    /// LimitRanger's `podRequests` leaves the overhead out.
    public static func requests(_ spec: PodSpec, includingOverhead overhead: Bool) -> ResourceList {
        var total = aggregate(spec) { $0.requests }
        if overhead { total.add(spec.overhead) }
        return total
    }

    /// Upstream's `PodLimits`: with `overhead`, the pod overhead is added only to limits that are present and
    /// non-zero (an unlimited resource stays unlimited). The LimitRanger's `podLimits` leaves the overhead out.
    public static func limits(_ spec: PodSpec, includingOverhead overhead: Bool) -> ResourceList {
        var total = aggregate(spec) { $0.limits }
        if overhead {
            for entry in spec.overhead.entries {
                if let limit = total[entry.name], limit != 0 { total[entry.name] = Resources.saturatingSum(limit, entry.amount) }
            }
        }
        return total
    }

    /// Upstream's `aggregateContainerResourcesByFn` over the list `pick` chooses from each container.
    static func aggregate(_ spec: PodSpec, pick: (ContainerResources) -> ResourceList) -> ResourceList {
        var total = ResourceList()
        for container in spec.containers { total.add(pick(container.resources)) }
        var sidecars = ResourceList()
        var initFootprint = ResourceList()
        for container in spec.initContainers {
            let own = pick(container.resources)
            if container.resources.isSidecar {
                total.add(own)
                sidecars.add(own)
                initFootprint.raise(to: sidecars)
            } else {
                initFootprint.raise(to: own.adding(sidecars))
            }
        }
        total.raise(to: initFootprint)
        return total
    }
}
