/// A pod as the quota system looks at it: its spec plus the few pod fields kubesim's `PodSpec` does not carry.
public struct QuotaPod: Sendable, Hashable {
    public var spec: PodSpec
    /// `spec.activeDeadlineSeconds`: a pod with one (≥ 0) is in the Terminating scope.
    public var activeDeadlineSeconds: Int64?
    /// Whether the pod's compute resources (and `pods`) are charged, as upstream's `QuotaV1Pod` decides: false once
    /// the pod is Succeeded or Failed, or once it was deleted and its deletion grace period has passed (a pod stuck
    /// terminating on a lost node). The caller decides, from the pod's phase and deletion time; `count/pods` is
    /// charged either way, for as long as the pod exists.
    public var chargesComputeResources: Bool

    public init(spec: PodSpec, activeDeadlineSeconds: Int64? = nil, chargesComputeResources: Bool = true) {
        self.spec = spec
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.chargesComputeResources = chargesComputeResources
    }

    /// Upstream's `isTerminating`: `activeDeadlineSeconds` is set and not negative.
    public var isTerminating: Bool { (activeDeadlineSeconds ?? -1) >= 0 }

    /// Whether the QoS class is BestEffort (upstream's `qos.GetPodQOS`): no container or init container, sidecars
    /// included, requests or limits a positive amount of cpu or memory. Other resources do not count.
    public var isBestEffort: Bool {
        let qosResources = [ResourceName.cpu, ResourceName.memory]
        return (spec.containers + spec.initContainers).allSatisfy { container in
            qosResources.allSatisfy { (container.resources.requests[$0] ?? 0) <= 0 && (container.resources.limits[$0] ?? 0) <= 0 }
        }
    }

    /// Whether any pod affinity or anti-affinity term, required or preferred, names namespaces or has a namespace
    /// selector (upstream's `usesCrossNamespacePodAffinity`).
    public var usesCrossNamespacePodAffinity: Bool {
        [spec.podAffinity, spec.podAntiAffinity].contains { rules in
            guard let rules else { return false }
            let terms = rules.required + rules.preferred.map(\.term)
            return terms.contains { !$0.namespaces.isEmpty || $0.namespaceSelector != nil }
        }
    }
}
