/// The LimitRanger admission plugin for pods (upstream `plugin/pkg/admission/limitranger`): its mutating half fills
/// in default requests and limits, its validating half enforces `min`, `max` and `maxLimitRequestRatio`.
///
/// Upstream runs the mutation on a pod already defaulted by the API server (`PodDefaults.apply`: requests copied
/// from limits); `PodAdmission.admit` runs the steps in that order.
public enum LimitRangeAdmission {
    /// The annotation the plugin records what it defaulted in.
    public static let annotationKey = "kubernetes.io/limit-ranger"

    /// The requests and limits one LimitRange gives a container that sets none (upstream's
    /// `defaultContainerResourceRequirements`): `defaultRequest` and `default` of its Container items, a later item
    /// overriding an earlier one for the same resource.
    public static func defaultRequirements(_ range: LimitRangeSpec) -> (requests: ResourceList, limits: ResourceList) {
        var requests = ResourceList()
        var limits = ResourceList()
        for item in range.items where item.type == .container {
            for entry in item.defaultRequest.entries { requests[entry.name] = entry.amount }
            for entry in item.defaultLimit.entries { limits[entry.name] = entry.amount }
        }
        return (requests, limits)
    }

    /// Applies every LimitRange's defaults to the pod's containers and init containers, in order (upstream's
    /// `PodMutateLimitFunc` per LimitRange, `mergePodResourceRequirements`/`mergeContainerResources`): a resource
    /// missing from a container's limits takes the default limit, one missing from its requests the default request.
    /// An earlier LimitRange's default wins, since a later one finds the resource already set.
    ///
    /// Returns the value of the `kubernetes.io/limit-ranger` annotation upstream leaves on the pod, e.g.
    /// `LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app`, or nil when
    /// nothing was set. Each LimitRange that sets something replaces the annotation, so the last one's list remains.
    @discardableResult
    public static func applyDefaults(_ ranges: [LimitRangeSpec], to spec: inout PodSpec) -> String? {
        var annotation: String?
        for range in ranges {
            let defaults = defaultRequirements(range)
            var notes: [String] = []
            for index in spec.containers.indices {
                let name = spec.containers[index].name
                notes += merge(defaults, into: &spec.containers[index].resources, describing: "container \(name)")
            }
            for index in spec.initContainers.indices {
                let name = spec.initContainers[index].name
                notes += merge(defaults, into: &spec.initContainers[index].resources, describing: "init container \(name)")
            }
            if !notes.isEmpty { annotation = "LimitRanger plugin set: " + notes.joined(separator: "; ") }
        }
        return annotation
    }

    /// Every constraint of one LimitRange the pod violates, in upstream's order (upstream's `PodValidateLimitFunc`):
    /// item by item; for a Container item each container then each init container, checking `min`, `max`, then
    /// `maxLimitRequestRatio`; for a Pod item the pod's totals (without overhead). Within one of those maps upstream
    /// follows Go's map order, which is random; kubesim goes by resource name.
    public static func violations(of range: LimitRangeSpec, in spec: PodSpec) -> [String] {
        var errors: [String] = []
        for item in range.items {
            switch item.type {
            case .container:
                for container in spec.containers + spec.initContainers {
                    errors += violations(of: item, requests: container.resources.requests, limits: container.resources.limits)
                }
            case .pod:
                let requests = PodResourceLists.requests(spec, includingOverhead: false)
                let limits = PodResourceLists.limits(spec, includingOverhead: false)
                errors += violations(of: item, requests: requests, limits: limits)
            case .persistentVolumeClaim:
                continue
            }
        }
        return errors
    }

    /// The LimitRanger's refusal, or nil when every LimitRange admits the pod: upstream stops at the first
    /// LimitRange with a violation and reports all of that one's violations as one aggregate error — the message
    /// alone when there is one, `[first, second]` when there are several (duplicates dropped).
    public static func denial(_ ranges: [LimitRangeSpec], for spec: PodSpec) -> String? {
        for range in ranges {
            let errors = violations(of: range, in: spec)
            if !errors.isEmpty { return aggregate(errors) }
        }
        return nil
    }

    /// apimachinery's `aggregate.Error()`: one message as is, several deduplicated in brackets.
    static func aggregate(_ messages: [String]) -> String {
        var seen: [String] = []
        for message in messages where !seen.contains(message) { seen.append(message) }
        return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
    }

    private static func merge(
        _ defaults: (requests: ResourceList, limits: ResourceList), into resources: inout ContainerResources, describing owner: String
    )
        -> [String]
    {
        var setLimits: [String] = []
        var setRequests: [String] = []
        for entry in defaults.limits.entries.sorted(by: { $0.name < $1.name }) where resources.limits[entry.name] == nil {
            resources.limits[entry.name] = entry.amount
            setLimits.append(entry.name)
        }
        for entry in defaults.requests.entries.sorted(by: { $0.name < $1.name }) where resources.requests[entry.name] == nil {
            resources.requests[entry.name] = entry.amount
            setRequests.append(entry.name)
        }
        var notes: [String] = []
        if !setRequests.isEmpty { notes.append(setRequests.joined(separator: ", ") + " request for \(owner)") }
        if !setLimits.isEmpty { notes.append(setLimits.joined(separator: ", ") + " limit for \(owner)") }
        return notes
    }

    private static func violations(of item: LimitRangeItem, requests: ResourceList, limits: ResourceList) -> [String] {
        let kind = item.type.rawValue
        var errors: [String] = []
        for bound in item.min.entries.sorted(by: { $0.name < $1.name }) {
            let name = bound.name
            let enforced = text(bound.amount, name)
            guard let request = requests[name] else {
                errors.append("minimum \(name) usage per \(kind) is \(enforced).  No request is specified")
                continue
            }
            if request < bound.amount {
                errors.append("minimum \(name) usage per \(kind) is \(enforced), but request is \(text(request, name))")
            } else if let limit = limits[name], limit < bound.amount {
                errors.append("minimum \(name) usage per \(kind) is \(enforced), but limit is \(text(limit, name))")
            }
        }
        for bound in item.max.entries.sorted(by: { $0.name < $1.name }) {
            let name = bound.name
            let enforced = text(bound.amount, name)
            guard let limit = limits[name] else {
                errors.append("maximum \(name) usage per \(kind) is \(enforced).  No limit is specified")
                continue
            }
            if limit > bound.amount {
                errors.append("maximum \(name) usage per \(kind) is \(enforced), but limit is \(text(limit, name))")
            } else if let request = requests[name], request > bound.amount {
                errors.append("maximum \(name) usage per \(kind) is \(enforced), but request is \(text(request, name))")
            }
        }
        for bound in item.maxLimitRequestRatio.entries.sorted(by: { $0.name < $1.name }) {
            let name = bound.name
            let enforced = QuantityText.canonical(bound.amount, milli: true, format: .decimalSI)
            guard let request = requests[name], request != 0 else {
                errors.append("\(name) max limit to request ratio per \(kind) is \(enforced), but no request is specified or request is 0")
                continue
            }
            guard let limit = limits[name], limit != 0 else {
                errors.append("\(name) max limit to request ratio per \(kind) is \(enforced), but no limit is specified or limit is 0")
                continue
            }
            // Upstream divides the two at a common precision and compares in thousandths; canonical amounts share a
            // unit, so their quotient is the same ratio.
            let ratio = Double(limit) / Double(request)
            if ratio * 1_000 > Double(bound.amount) {
                errors.append(
                    "\(name) max limit to request ratio per \(kind) is \(enforced), but provided ratio is \(QuantityText.sixDecimals(ratio))")
            }
        }
        return errors
    }

    private static func text(_ amount: Int64, _ name: String) -> String { QuantityText.format(amount, resource: name) }
}
