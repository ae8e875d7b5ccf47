/// The part of the API server's pod validation that admission defaults can break (upstream's
/// `ValidateResourceRequirements` in `pkg/apis/core/validation`): a request above its limit, or an extended
/// resource or hugepages request different from its limit. It runs after the mutating admission plugins and before
/// the validating ones, so a LimitRange `default` below a container's request makes the pod invalid before the
/// LimitRanger or the quota checks it.
public enum PodResourceValidation {
    /// Every such error, containers then init containers, each container's resources by name (upstream follows Go's
    /// map order), as `field: Invalid value: "<request>": <reason>`.
    public static func errors(_ spec: PodSpec) -> [String] {
        var errors: [String] = []
        for (index, container) in spec.containers.enumerated() {
            errors += self.errors(container.resources, field: "spec.containers[\(index)].resources")
        }
        for (index, container) in spec.initContainers.enumerated() {
            errors += self.errors(container.resources, field: "spec.initContainers[\(index)].resources")
        }
        return errors
    }

    /// The API error's message (upstream's `apierrors.NewInvalid` for kind Pod): `Pod "<name>" is invalid: <error>`,
    /// several errors as `[first, second]`; nil when the pod is valid.
    public static func invalidMessage(_ spec: PodSpec, name: String) -> String? {
        let errors = errors(spec)
        guard !errors.isEmpty else { return nil }
        return "Pod \"\(name)\" is invalid: " + LimitRangeAdmission.aggregate(errors)
    }

    private static func errors(_ resources: ContainerResources, field: String) -> [String] {
        var errors: [String] = []
        for request in resources.requests.entries.sorted(by: { $0.name < $1.name }) {
            let name = request.name
            guard let limit = resources.limits[name] else { continue }
            let requested = QuantityText.format(request.amount, resource: name)
            let limited = QuantityText.format(limit, resource: name)
            if request.amount != limit && !QuotaResourceName.isOvercommitAllowed(name) {
                errors.append("\(field).requests: Invalid value: \"\(requested)\": must be equal to \(name) limit of \(limited)")
            } else if request.amount > limit {
                errors.append("\(field).requests: Invalid value: \"\(requested)\": must be less than or equal to \(name) limit of \(limited)")
            }
        }
        return errors
    }
}
