/// An object other than a pod, as the quota evaluators for it see it.
public enum QuotaObject: Sendable, Hashable {
    /// Any object counted by kind (upstream's `objectCountEvaluator`): `count/<resource>[.<group>]`, plus the legacy
    /// name for `configmaps`, `secrets`, `replicationcontrollers` and `resourcequotas` of the core group.
    case counted(resource: String, group: String)
    /// A Service (upstream's `serviceEvaluator`): `services` and `count/services`; a NodePort service also charges
    /// `services.nodeports` per port, a LoadBalancer service `services.loadbalancers` = 1 and `services.nodeports`
    /// per port (only ports with an explicit `nodePort` when `allocateLoadBalancerNodePorts` is false).
    case service(type: ServiceType, ports: Int, explicitNodePorts: Int = 0, allocateLoadBalancerNodePorts: Bool = true)
    /// A PersistentVolumeClaim (upstream's `pvcEvaluator`): `persistentvolumeclaims` and
    /// `count/persistentvolumeclaims`, `requests.storage` for its storage request, and the same two per storage
    /// class (`<class>.storageclass.storage.k8s.io/requests.storage`, `…/persistentvolumeclaims`).
    case persistentVolumeClaim(storageRequest: Int64?, storageClass: String?)

    /// A Service's `spec.type`.
    public enum ServiceType: String, Sendable, Hashable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
        case externalName = "ExternalName"
    }
}

/// The quota evaluators for objects other than pods. None of them has scopes, so a quota with any scope or scope
/// selector never applies to these objects.
public enum ObjectQuotaEvaluator {
    /// The resource (lowercase plural) and API group quota errors name the object by.
    public static func groupResource(_ object: QuotaObject) -> (resource: String, group: String) {
        switch object {
        case .counted(let resource, let group): return (resource, group)
        case .service: return ("services", "")
        case .persistentVolumeClaim: return (QuotaResourceName.persistentVolumeClaims, "")
        }
    }

    /// What the object charges (the evaluator's `Usage`).
    public static func usage(of object: QuotaObject) -> ResourceList {
        switch object {
        case .counted(let resource, let group):
            return ResourceList(resourceNames(resource: resource, group: group).map { ResourceAmount($0, 1) })
        case .service(let type, let ports, let explicitNodePorts, let allocate):
            var usage = ResourceList([
                ResourceAmount(QuotaResourceName.objectCount(resource: "services"), 1), ResourceAmount(QuotaResourceName.services, 1),
                ResourceAmount(QuotaResourceName.servicesLoadBalancers, 0), ResourceAmount(QuotaResourceName.servicesNodePorts, 0),
            ])
            switch type {
            case .nodePort:
                usage[QuotaResourceName.servicesNodePorts] = Int64(ports)
            case .loadBalancer:
                usage[QuotaResourceName.servicesNodePorts] = Int64(allocate ? ports : explicitNodePorts)
                usage[QuotaResourceName.servicesLoadBalancers] = 1
            case .clusterIP, .externalName:
                break
            }
            return usage
        case .persistentVolumeClaim(let storage, let storageClass):
            let claims = QuotaResourceName.persistentVolumeClaims
            var usage = ResourceList([ResourceAmount(claims, 1), ResourceAmount(QuotaResourceName.objectCount(resource: claims), 1)])
            let byClass = storageClass.flatMap { $0.isEmpty ? nil : $0 + QuotaResourceName.storageClassSuffix }
            if let byClass { usage[byClass + claims] = 1 }
            if let storage {
                usage[QuotaResourceName.requestsStorage] = storage
                if let byClass { usage[byClass + QuotaResourceName.requestsStorage] = storage }
            }
            return usage
        }
    }

    /// The names in `names` the object's evaluator tracks (its `MatchingResources`).
    public static func matchingResources(_ names: [String], for object: QuotaObject) -> [String] {
        switch object {
        case .counted(let resource, let group):
            let tracked = Set(resourceNames(resource: resource, group: group))
            return Array(Set(names.filter { tracked.contains($0) })).sorted()
        case .service:
            let tracked: Set<String> = [
                QuotaResourceName.objectCount(resource: "services"), QuotaResourceName.services, QuotaResourceName.servicesNodePorts,
                QuotaResourceName.servicesLoadBalancers,
            ]
            return Array(Set(names.filter { tracked.contains($0) })).sorted()
        case .persistentVolumeClaim:
            let claims = QuotaResourceName.persistentVolumeClaims
            let exact: Set<String> = [QuotaResourceName.objectCount(resource: claims), claims, QuotaResourceName.requestsStorage]
            let byClass = [claims, QuotaResourceName.requestsStorage].map { QuotaResourceName.storageClassSuffix + $0 }
            return names.filter { name in exact.contains(name) || byClass.contains { name.hasSuffix($0) } }
        }
    }

    /// The legacy names counted objects also charge (upstream's `legacyObjectCountAliases`).
    private static let legacyAliases: [String: String] = [
        "configmaps": "configmaps", "resourcequotas": "resourcequotas", "replicationcontrollers": "replicationcontrollers", "secrets": "secrets",
    ]

    private static func resourceNames(resource: String, group: String) -> [String] {
        let count = QuotaResourceName.objectCount(resource: resource, group: group)
        guard group.isEmpty, let alias = legacyAliases[resource] else { return [count] }
        return [count, alias]
    }
}
