import SimCore

/// Short builders for the objects tests need, with the units tests think in.
public enum Build {
    public static let mebibyte: Int64 = 1 << 20
    public static let gibibyte: Int64 = 1 << 30

    /// A node pool of `count` nodes with `cpu` millicores and `memory` bytes each.
    public static func pool(
        _ name: String, count: Int, cpu: Int64 = 4_000, memory: Int64 = 16 * gibibyte, pods: Int64 = 110,
        zones: [String] = [], labels: [(String, String)] = [], taints: [Taint] = [],
        podStartupDelay: SimTime = NodePool.defaultPodStartupDelay
    ) -> NodePool {
        NodePool(
            name: name, count: count, zones: zones, capacity: Resources(cpu: cpu, memory: memory, pods: pods),
            labels: Labels(labels), taints: taints, podStartupDelay: podStartupDelay)
    }

    /// A container requesting `cpu` millicores and `memory` bytes (nil leaves the key out).
    public static func container(_ name: String = "app", cpu: Int64? = nil, memory: Int64? = nil) -> Container {
        var requests = ResourceList()
        if let cpu { requests[ResourceName.cpu] = cpu }
        if let memory { requests[ResourceName.memory] = memory }
        return Container(name: name, image: "\(name):1", resources: ContainerResources(requests: requests))
    }

    /// A pod template labelled `app: <app>` with one container.
    public static func template(
        app: String, cpu: Int64? = 100, memory: Int64? = 128 * mebibyte, nodeSelector: [(String, String)] = [],
        tolerations: [Toleration] = [], gracePeriodSeconds: Int64 = 30
    ) -> PodTemplate {
        PodTemplate(
            labels: Labels([("app", app)]),
            spec: PodSpec(
                containers: [container(cpu: cpu, memory: memory)], nodeSelector: Labels(nodeSelector), tolerations: tolerations,
                terminationGracePeriodSeconds: gracePeriodSeconds))
    }

    /// A Deployment of `replicas` pods from `template(app: name, …)`.
    public static func deployment(
        _ name: String, replicas: Int32, cpu: Int64? = 100, memory: Int64? = 128 * mebibyte,
        nodeSelector: [(String, String)] = [], tolerations: [Toleration] = [], namespace: String = "default",
        strategy: DeploymentStrategy = .default, minReadySeconds: Int32 = 0
    ) -> DeploymentSpec {
        DeploymentSpec(
            meta: ObjectMeta(name: name, namespace: namespace), replicas: replicas,
            selector: LabelSelector(matchLabels: Labels([("app", name)])),
            template: template(app: name, cpu: cpu, memory: memory, nodeSelector: nodeSelector, tolerations: tolerations),
            strategy: strategy, minReadySeconds: minReadySeconds)
    }

    /// A bare pod.
    public static func pod(
        _ name: String, cpu: Int64? = 100, memory: Int64? = 128 * mebibyte, nodeName: String? = nil,
        tolerations: [Toleration] = []
    ) -> PodManifest {
        PodManifest(
            meta: ObjectMeta(name: name, labels: Labels([("app", name)])),
            spec: PodSpec(containers: [container(cpu: cpu, memory: memory)], nodeName: nodeName, tolerations: tolerations))
    }

    /// A simulation of `setup` with invariant checking on.
    public static func simulation(_ setup: SimulationSetup) throws -> Simulation {
        let simulation = try Simulation(setup)
        simulation.checksInvariants = true
        return simulation
    }
}
