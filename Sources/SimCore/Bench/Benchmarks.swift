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
            queue.schedule(.sampleMetrics, at: SimTime(random.nextInt(below: 10_000)), phase: .kubelet)
        }
        var checksum: UInt64 = 0
        for _ in 0..<operations {
            guard let event = queue.popNext() else { break }
            checksum &+= UInt64(bitPattern: event.time)
            queue.schedule(.sampleMetrics, at: event.time + SimTime(random.nextInt(below: 10_000)), phase: .kubelet)
        }
        return checksum
    }

    /// Scheduler, upstream scheduler_perf's "basic" shape: `nodes` nodes of 16 CPU / 64Gi / 110
    /// pods and `pods` pending pods requesting 100m–400m CPU and 128Mi–384Mi memory, default
    /// profile. Build the simulation with this setup, then time `run(until: 0)`, which schedules
    /// every pod.
    public static func schedulerBasicSetup(nodes: Int, pods: Int) -> SimulationSetup {
        let pool = NodePool(name: "node", count: nodes, zones: ["zone-a", "zone-b", "zone-c"],
                            capacity: Resources(cpu: 16_000, memory: 64 << 30, pods: 110))
        var random = RandomStream(seed: 42, name: "bench-scheduler")
        let mebibyte: Int64 = 1 << 20
        let manifests = (0..<pods).map { index in
            let requests = ResourceList([
                ResourceAmount(ResourceName.cpu, 100 + Int64(random.nextInt(below: 301))),
                ResourceAmount(ResourceName.memory, (128 + Int64(random.nextInt(below: 257))) * mebibyte),
            ])
            let container = Container(name: "app", image: "app:1", resources: ContainerResources(requests: requests))
            return PodManifest(meta: ObjectMeta(name: "pod-\(index)", labels: Labels([("app", "bench")])), spec: PodSpec(containers: [container]))
        }
        return SimulationSetup(name: "bench-scheduler", seed: 42, duration: Millis.minute, metricsInterval: Millis.minute,
                               nodePools: [pool], pods: manifests)
    }
}
