/// The workloads `kubesim bench` times. They live in SimCore so they exercise the same
/// specialized code a run does; the CLI only measures wall time around them.
public enum Benchmarks {
    /// Engine: a queue holding `pending` events; each operation pops the earliest and pushes a new
    /// one up to 10 s later, as a busy simulation does. Returns a checksum so the work is not
    /// optimized away.
    public static func engine(pending: Int, operations: Int) -> UInt64 {
        var queue = EventQueue<SimEvent>()
        queue.reserveCapacity(pending + 1)
        var random = RandomStream(seed: 42, name: "bench-engine")
        for _ in 0..<pending {
            queue.schedule(.metrics(.sample), at: SimTime(random.nextInt(below: 10_000)), phase: .kubelet)
        }
        var checksum: UInt64 = 0
        for _ in 0..<operations {
            guard let event = queue.popNext() else { break }
            checksum &+= UInt64(bitPattern: event.time)
            queue.schedule(.metrics(.sample), at: event.time + SimTime(random.nextInt(below: 10_000)), phase: .kubelet)
        }
        return checksum
    }

    /// Scheduler, upstream scheduler_perf's "basic" shape: `nodes` nodes of 16 CPU / 64Gi / 110
    /// pods and `pods` pending pods requesting 100m–400m CPU and 128Mi–384Mi memory, default
    /// profile. Build the simulation with this setup, then time `run(until: 0)`, which schedules
    /// every pod.
    public static func schedulerBasicSetup(nodes: Int, pods: Int) -> SimulationSetup {
        SimulationSetup(
            name: "bench-basic", seed: 42, duration: Millis.minute, metricsInterval: Millis.minute,
            nodePools: [benchPool(nodes)], pods: benchPods(pods, prefix: "pod") { _ in })
    }

    /// Scheduler, scheduler_perf's "TopologySpreading": nodes in three zones; every pod spreads
    /// with maxSkew 5 over hostnames and zones (DoNotSchedule), as upstream's
    /// pod-with-topology-spreading template.
    public static func topologySpreadingSetup(nodes: Int, pods: Int) -> SimulationSetup {
        let selector = LabelSelector(matchLabels: Labels([("color", "blue")]))
        let constraints = [NodeLabel.hostname, NodeLabel.zone].map {
            TopologySpreadConstraint(maxSkew: 5, topologyKey: $0, whenUnsatisfiable: .doNotSchedule, labelSelector: selector)
        }
        return SimulationSetup(
            name: "bench-spreading", seed: 42, duration: Millis.minute, metricsInterval: Millis.minute,
            nodePools: [benchPool(nodes)],
            pods: benchPods(pods, prefix: "spread", labels: [("color", "blue")]) {
                $0.topologySpreadConstraints = constraints
            })
    }

    /// Scheduler, scheduler_perf's "SchedulingPodAntiAffinity": every pod refuses to share a node
    /// with another (required anti-affinity on the hostname), as upstream's
    /// pod-with-pod-anti-affinity template.
    public static func podAntiAffinitySetup(nodes: Int, pods: Int) -> SimulationSetup {
        let term = PodAffinityTerm(labelSelector: LabelSelector(matchLabels: Labels([("color", "green")])), topologyKey: NodeLabel.hostname)
        return SimulationSetup(
            name: "bench-anti-affinity", seed: 42, duration: Millis.minute, metricsInterval: Millis.minute,
            nodePools: [benchPool(nodes)],
            pods: benchPods(pods, prefix: "anti", labels: [("color", "green")]) {
                $0.podAntiAffinity = PodAffinityRules(required: [term])
            })
    }

    /// Scheduler, scheduler_perf's "PreemptionBasic": `nodes` nodes of 4 CPU filled by four
    /// 900m low-priority pods each; `preemptors` pods of 3 CPU at a higher priority then each
    /// preempt three of them. Build, `prepare` (schedules the low-priority pods), then time
    /// `runPreemption`, which creates the preemptors and runs until they are all bound.
    public static func preemptionSetup(nodes: Int) -> SimulationSetup {
        let pool = NodePool(
            name: "node", count: nodes, zones: ["zone-a", "zone-b", "zone-c"], capacity: Resources(cpu: 4_000, memory: 32 << 30, pods: 110))
        let low = (0..<(nodes * 4)).map { index in
            PodManifest(
                meta: ObjectMeta(name: "low-\(index)"),
                spec: PodSpec(containers: [container(cpu: 900, memory: 500 << 20)], priorityClassName: "low"))
        }
        return SimulationSetup(
            name: "bench-preemption", seed: 42, duration: 10 * Millis.minute, metricsInterval: 10 * Millis.minute,
            nodePools: [pool], pods: low,
            priorityClasses: [PriorityClassSpec(name: "low", value: 0), PriorityClassSpec(name: "high", value: 10)])
    }

    /// Creates `count` high-priority preemptors and runs until every one is bound (victims leave
    /// after their grace period). Returns how many were bound.
    public static func runPreemption(_ simulation: Simulation, preemptors count: Int) -> Int {
        for index in 0..<count {
            simulation.create(
                PodManifest(
                    meta: ObjectMeta(name: "high-\(index)"),
                    spec: PodSpec(containers: [container(cpu: 3_000, memory: 500 << 20)], priorityClassName: "high")))
        }
        simulation.run(until: simulation.setup.duration)
        return simulation.placements.filter { $0.pod.hasPrefix("default/high-") }.count
    }

    /// A day in the life: `nodes` nodes of 16 CPU in three zones, `deployments` web Deployments
    /// (`replicas` replicas of 250m each to start), each with an HPA on CPU at 60 % (up to ten
    /// times the starting replicas) and its own diurnal traffic (a peak of `peakPerReplica`
    /// requests/s per starting replica, drawn per Deployment, at a seeded hour, 5 % noise), and
    /// random node failures (each node about once a month, two hours to repair), for `duration`.
    public static func dayInTheLifeSetup(
        nodes: Int, deployments: Int, replicas: Int32 = 3, peakPerReplica: ClosedRange<Int> = 100...500,
        duration: SimTime
    ) -> SimulationSetup {
        var random = RandomStream(seed: 42, name: "bench-day")
        var specs: [DeploymentSpec] = [], autoscalers: [HorizontalPodAutoscalerSpec] = [], traffic: [TrafficSpec] = []
        for index in 0..<deployments {
            let name = "web-\(index)"
            var app = container(cpu: 250, memory: 256 << 20)
            app.resources.limits[ResourceName.cpu] = 1_000
            let template = PodTemplate(labels: Labels([("app", name)]), spec: PodSpec(containers: [app]))
            specs.append(
                DeploymentSpec(
                    meta: ObjectMeta(name: name), replicas: replicas, selector: LabelSelector(matchLabels: Labels([("app", name)])),
                    template: template))
            autoscalers.append(
                HorizontalPodAutoscalerSpec(
                    meta: ObjectMeta(name: name), targetKind: .deployment, targetName: name, minReplicas: replicas,
                    maxReplicas: replicas * 10, metrics: [.resource(name: ResourceName.cpu, target: .utilization(60))]))
            let peak = Double(peakPerReplica.lowerBound + random.nextInt(below: peakPerReplica.count)) * Double(replicas)
            let rate = RateShape.diurnal(
                min: peak / 10, max: peak, peakAt: SimTime(random.nextInt(below: 24)) * Millis.hour, period: 24 * Millis.hour)
            traffic.append(
                TrafficSpec(
                    target: .deployment(namespace: "default", name: name), rate: rate, noise: 0.05, cpuPerRequest: 1, idleCPU: 10,
                    start: Millis.minute))
        }
        let pool = NodePool(
            name: "node", count: nodes, zones: ["zone-a", "zone-b", "zone-c"], capacity: Resources(cpu: 16_000, memory: 64 << 30, pods: 110))
        let failures = FaultSpec(at: 0, action: .randomNodeFailures(pool: "node", mtbf: 720 * Millis.hour, mttr: 2 * Millis.hour, until: nil))
        return SimulationSetup(
            name: "bench-day", seed: 42, duration: duration, metricsInterval: 5 * Millis.minute, nodePools: [pool],
            deployments: specs, autoscalers: autoscalers, traffic: traffic, faults: [failures])
    }

    private static func benchPool(_ nodes: Int) -> NodePool {
        NodePool(name: "node", count: nodes, zones: ["moon-1", "moon-2", "moon-3"], capacity: Resources(cpu: 16_000, memory: 64 << 30, pods: 110))
    }

    private static func container(cpu: Int64, memory: Int64) -> Container {
        Container(
            name: "app", image: "app:1",
            resources: ContainerResources(
                requests: ResourceList([
                    ResourceAmount(ResourceName.cpu, cpu), ResourceAmount(ResourceName.memory, memory),
                ])))
    }

    /// `count` pods requesting 100m–400m CPU and 128Mi–384Mi memory (seeded), changed by `edit`.
    private static func benchPods(
        _ count: Int, prefix: String, labels: [(String, String)] = [("app", "bench")],
        edit: (inout PodSpec) -> Void
    ) -> [PodManifest] {
        var random = RandomStream(seed: 42, name: "bench-\(prefix)")
        let mebibyte: Int64 = 1 << 20
        return (0..<count).map { index in
            var spec = PodSpec(containers: [
                container(
                    cpu: 100 + Int64(random.nextInt(below: 301)),
                    memory: (128 + Int64(random.nextInt(below: 257))) * mebibyte)
            ])
            edit(&spec)
            return PodManifest(meta: ObjectMeta(name: "\(prefix)-\(index)", labels: Labels(labels)), spec: spec)
        }
    }
}
