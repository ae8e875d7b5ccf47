/// The resource names a ResourceQuota or LimitRange can name, and how upstream classifies them
/// (`k8s.io/api/core/v1` constants, `pkg/apis/core/v1/helper`, `pkg/quota/v1/evaluator/core`).
public enum QuotaResourceName {
    public static let pods = "pods"
    /// `count/pods`: every pod in storage, terminal or not (`pods` counts only the non-terminal ones).
    public static let countPods = "count/pods"
    public static let requestsCPU = "requests.cpu"
    public static let requestsMemory = "requests.memory"
    public static let requestsEphemeralStorage = "requests.ephemeral-storage"
    public static let limitsCPU = "limits.cpu"
    public static let limitsMemory = "limits.memory"
    public static let limitsEphemeralStorage = "limits.ephemeral-storage"
    public static let services = "services"
    public static let servicesNodePorts = "services.nodeports"
    public static let servicesLoadBalancers = "services.loadbalancers"
    public static let persistentVolumeClaims = "persistentvolumeclaims"
    public static let requestsStorage = "requests.storage"
    public static let storage = "storage"
    /// The prefix quota puts before a resource to name its requests (`requests.nvidia.com/gpu`).
    public static let requestsPrefix = "requests."
    public static let hugePagesPrefix = "hugepages-"
    public static let requestsHugePagesPrefix = "requests.hugepages-"
    /// `<class>.storageclass.storage.k8s.io/<resource>`: PVC usage charged to one storage class.
    public static let storageClassSuffix = ".storageclass.storage.k8s.io/"

    /// The names held in thousandths: the three CPU names.
    public static func isMilli(_ name: String) -> Bool {
        name == ResourceName.cpu || name == requestsCPU || name == limitsCPU
    }

    /// Byte amounts (memory, ephemeral and persistent storage, hugepages), which upstream usually holds in binary SI.
    public static func isByteAmount(_ name: String) -> Bool {
        switch name {
        case ResourceName.memory, requestsMemory, limitsMemory, ResourceName.ephemeralStorage, requestsEphemeralStorage,
            limitsEphemeralStorage, storage, requestsStorage:
            return true
        default:
            return name.hasPrefix(hugePagesPrefix) || name.hasPrefix(requestsHugePagesPrefix)
                || name.hasSuffix(storageClassSuffix + requestsStorage)
        }
    }

    /// `count/<resource>` for the core group, `count/<resource>.<group>` otherwise, as upstream's
    /// `ObjectCountQuotaResourceNameFor` (`count/deployments.apps`, `count/jobs.batch`).
    public static func objectCount(resource: String, group: String = "") -> String {
        group.isEmpty ? "count/\(resource)" : "count/\(resource).\(group)"
    }

    /// True for names in the `kubernetes.io/` namespace, which unqualified names are implicitly in
    /// (upstream's `IsNativeResource`: no `/`, or containing `kubernetes.io/`).
    public static func isNative(_ name: String) -> Bool {
        !name.contains("/") || name.contains("kubernetes.io/")
    }

    /// Upstream's `IsExtendedResourceName`: not native, not already `requests.`-prefixed, and a qualified name once
    /// quota prefixes it with `requests.`.
    public static func isExtended(_ name: String) -> Bool {
        guard !isNative(name), !name.hasPrefix(requestsPrefix) else { return false }
        return isQualifiedName(requestsPrefix + name)
    }

    /// Upstream's `IsHugePageResourceName`.
    public static func isHugePages(_ name: String) -> Bool { name.hasPrefix(hugePagesPrefix) }

    /// Upstream's `IsOvercommitAllowed`: native resources other than hugepages; extended resources must request
    /// exactly their limit.
    public static func isOvercommitAllowed(_ name: String) -> Bool { isNative(name) && !isHugePages(name) }

    /// The resource names the quota system knows (upstream's `standardQuotaResources` plus the hugepages names);
    /// only these are checked against a quota's scopes.
    public static func isStandardQuotaName(_ name: String) -> Bool {
        standardQuotaNames.contains(name) || name.hasPrefix(hugePagesPrefix) || name.hasPrefix(requestsHugePagesPrefix)
    }

    private static let standardQuotaNames: Set<String> = [
        ResourceName.cpu, ResourceName.memory, ResourceName.ephemeralStorage, requestsCPU, requestsMemory, requestsStorage,
        requestsEphemeralStorage, limitsCPU, limitsMemory, limitsEphemeralStorage, pods, "resourcequotas", services,
        "replicationcontrollers", "secrets", persistentVolumeClaims, "configmaps", servicesNodePorts, servicesLoadBalancers,
    ]

    /// apimachinery's `IsQualifiedName`: an optional DNS-subdomain prefix and `/`, then a name of at most 63
    /// characters, alphanumeric at both ends with `-`, `_` and `.` inside.
    static func isQualifiedName(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.utf8.count <= 253, prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isLabel)
            else { return false }
        }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A DNS-1123 label: lowercase alphanumerics and `-`, alphanumeric at both ends, at most 63 characters.
    private static func isLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        let lower = { (byte: UInt8) in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return lower(first) && lower(last) && bytes.allSatisfy { lower($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
