/// The traffic model: request rates as a fluid, piecewise constant between recomputations.
///
/// Each source's requests are shared equally among its Ready endpoints, as kube-proxy's random
/// choice among endpoints does on average. A pod's CPU demand is its idle baseline plus
/// `cpuPerRequest` for each request per second it receives; on each node, pods get their demand
/// up to their CPU limit, and when together they want more than the node has left after the other
/// pods' requests, CFS shares it out in proportion to requests (`CPUSharing`). Requests a pod has
/// no CPU for are dropped, as are all requests while a target has no Ready endpoint.
///
/// Rates are recomputed at every tick (each metrics-server resolution, when noise is drawn
/// again), at the corners of the rate shapes, and whenever an endpoint appears or goes; between
/// those instants the model integrates the rates exactly.
struct TrafficModel {
    /// One entry of the scenario's traffic section with its running state.
    struct Source {
        let spec: TrafficSpec
        /// The pod group of the target's selector.
        let group: Int
        /// Index of `spec.metricName` in `metricNames`.
        let metric: Int
        var random: RandomStream
        var noise = 1.0
        /// Requests per second now.
        var offered = 0.0
        var served = 0.0
        var endpoints = 0
        /// Since the start of the run.
        var totals = RequestTotals()
        /// Since the last metrics sample.
        var sinceSample = RequestTotals()
    }

    private(set) var sources: [Source] = []
    /// Distinct metric names of the sources, in order of first use.
    private(set) var metricNames: [String] = []
    /// When the rates were last integrated.
    private(set) var integratedUntil: SimTime = 0

    /// Per pod slot: the pod the slot's figures belong to.
    private var slotPod: [PodID?] = []
    /// Per metric, per slot: requests per second reaching the pod.
    private var arriving: [[Double]] = []
    /// Per slot: millicores wanted by requests, by the idle baseline, and granted.
    private var work: [Double] = []
    private var idle: [Double] = []
    private var cpu: [Double] = []
    /// Per slot: bytes of memory in use.
    private var memory: [Double] = []
    /// Per slot: the fraction of arriving requests the pod has CPU for.
    private var servedFraction: [Double] = []
    /// Per slot: ∫ cpu dt in millicore-milliseconds, and per metric ∫ arriving dt in requests.
    private var cumulativeCPU: [Double] = []
    private var cumulativeRequests: [[Double]] = []
    /// Running pods that get traffic or an idle baseline, sorted by node then slot.
    private var loaded: [PodID] = []
    private var loadedMark: [UInt32] = []
    private var epoch: UInt32 = 0
    private var demandScratch: [Double] = []
    private var weightScratch: [Double] = []
    private var allocationScratch: [Double] = []
    private var orderScratch: [Int] = []

    init() {}

    /// Adds a source whose target's pods form `group`.
    mutating func add(_ spec: TrafficSpec, group: Int, seed: UInt64, index: Int) {
        var metric = metricNames.firstIndex(of: spec.metricName)
        if metric == nil {
            metricNames.append(spec.metricName)
            arriving.append(Array(repeating: 0, count: slotPod.count))
            cumulativeRequests.append(Array(repeating: 0, count: slotPod.count))
            metric = metricNames.count - 1
        }
        let random = RandomStream(seed: seed, name: "traffic/\(index)/\(spec.target.path)")
        sources.append(Source(spec: spec, group: group, metric: metric!, random: random))
    }

    var isEmpty: Bool { sources.isEmpty }

    /// Integrates the current rates up to `time`.
    mutating func integrate(until time: SimTime) {
        guard time > integratedUntil else { return }
        let milliseconds = Double(time - integratedUntil)
        let seconds = milliseconds / 1_000
        for index in sources.indices {
            let source = sources[index]
            let span = RequestTotals(offered: source.offered * seconds, served: source.served * seconds,
                                     dropped: (source.offered - source.served) * seconds)
            sources[index].totals += span
            sources[index].sinceSample += span
        }
        for pod in loaded {
            let slot = Int(pod.slot)
            cumulativeCPU[slot] += cpu[slot] * milliseconds
            for metric in metricNames.indices where arriving[metric][slot] > 0 {
                cumulativeRequests[metric][slot] += arriving[metric][slot] * seconds
            }
        }
        integratedUntil = time
    }

    /// Draws each source's noise factor for the next tick.
    mutating func drawNoise() {
        for index in sources.indices where sources[index].spec.noise > 0 {
            let z = Self.standardNormal(&sources[index].random)
            sources[index].noise = max(0, 1 + sources[index].spec.noise * z)
        }
    }

    /// Returns and resets the totals since the last metrics sample, per source.
    mutating func takeSampleTotals() -> [RequestTotals] {
        defer { for index in sources.indices { sources[index].sinceSample = RequestTotals() } }
        return sources.map(\.sinceSample)
    }

    /// Forgets a removed pod's figures, so the slot starts clean for the next pod.
    mutating func podRemoved(_ pod: PodID) {
        let slot = Int(pod.slot)
        guard slot < slotPod.count, slotPod[slot] == pod else { return }
        reset(slot)
        cumulativeCPU[slot] = 0
        for metric in metricNames.indices { cumulativeRequests[metric][slot] = 0 }
        slotPod[slot] = nil
    }

    /// Requests of `metric` that reached `pod` so far.
    func requestsReceived(by pod: PodID, metric: Int) -> Double {
        owns(pod) ? cumulativeRequests[metric][Int(pod.slot)] : 0
    }

    /// CPU `pod` used so far, in millicore-milliseconds.
    func cpuUsed(by pod: PodID) -> Double {
        owns(pod) ? cumulativeCPU[Int(pod.slot)] : 0
    }

    /// Memory `pod` uses now, in bytes.
    func memoryInUse(by pod: PodID) -> Double {
        owns(pod) ? memory[Int(pod.slot)] : 0
    }

    /// CPU `pod` uses now, in millicores.
    func cpuInUse(by pod: PodID) -> Double {
        owns(pod) ? cpu[Int(pod.slot)] : 0
    }

    private func owns(_ pod: PodID) -> Bool {
        Int(pod.slot) < slotPod.count && slotPod[Int(pod.slot)] == pod
    }

    // MARK: Recomputing the rates

    /// Recomputes every rate for the cluster as it is at `time` (integrate up to `time` first).
    mutating func recompute(at time: SimTime, cluster: ClusterState, groups: PodGroups) {
        for pod in loaded { reset(Int(pod.slot)) }
        loaded.removeAll(keepingCapacity: true)
        epoch &+= 1
        for index in sources.indices {
            for pod in groups.members[sources[index].group] where cluster.pods[pod].phase == .running {
                load(pod)
                let slot = Int(pod.slot)
                idle[slot] = max(idle[slot], sources[index].spec.idleCPU)
                memory[slot] = max(memory[slot], sources[index].spec.idleMemory)
            }
        }
        for index in sources.indices { route(index, at: time, cluster: cluster, groups: groups) }
        loaded.sort { a, b in
            let left = cluster.pods[a].node ?? -1, right = cluster.pods[b].node ?? -1
            return left != right ? left < right : a.slot < b.slot
        }
        shareCPU(cluster: cluster)
        for index in sources.indices { countServed(index, cluster: cluster, groups: groups) }
    }

    /// Shares a source's current rate among its Ready endpoints.
    private mutating func route(_ index: Int, at time: SimTime, cluster: ClusterState, groups: PodGroups) {
        let source = sources[index]
        let offered = source.spec.rate(at: time) * source.noise
        var endpoints = 0
        for pod in groups.members[source.group] where Self.isEndpoint(pod, cluster: cluster) { endpoints += 1 }
        sources[index].offered = offered
        sources[index].endpoints = endpoints
        guard endpoints > 0 else { return }
        let share = offered / Double(endpoints)
        for pod in groups.members[source.group] where Self.isEndpoint(pod, cluster: cluster) {
            let slot = Int(pod.slot)
            arriving[source.metric][slot] += share
            work[slot] += share * source.spec.cpuPerRequest
            memory[slot] += share * source.spec.memoryPerRequest
        }
    }

    /// Gives each loaded pod its CPU, node by node.
    private mutating func shareCPU(cluster: ClusterState) {
        var start = 0
        while start < loaded.count {
            let node = cluster.pods[loaded[start]].node
            var end = start
            while end < loaded.count && cluster.pods[loaded[end]].node == node { end += 1 }
            demandScratch.removeAll(keepingCapacity: true)
            weightScratch.removeAll(keepingCapacity: true)
            var loadedRequests: Int64 = 0
            for pod in loaded[start..<end] {
                let slot = Int(pod.slot)
                let spec = cluster.spec(of: pod)
                let wanted = idle[slot] + work[slot]
                demandScratch.append(spec.cpuLimit.map { min(wanted, Double($0)) } ?? wanted)
                weightScratch.append(max(Double(spec.requests.cpu), CPUSharing.minimumWeight))
                loadedRequests += spec.requests.cpu
            }
            var available = Double.infinity
            if let node {
                let others = cluster.nodes.requested[Int(node)].cpu - loadedRequests
                available = Double(max(0, cluster.nodes.allocatable[Int(node)].cpu - others))
            }
            CPUSharing.share(available, demand: demandScratch, weight: weightScratch, allocation: &allocationScratch, order: &orderScratch)
            for (offset, pod) in loaded[start..<end].enumerated() {
                let slot = Int(pod.slot)
                cpu[slot] = allocationScratch[offset]
                let forRequests = max(0, cpu[slot] - idle[slot])
                servedFraction[slot] = work[slot] > 0 ? min(1, forRequests / work[slot]) : 1
            }
            start = end
        }
    }

    private mutating func countServed(_ index: Int, cluster: ClusterState, groups: PodGroups) {
        let source = sources[index]
        guard source.endpoints > 0 else {
            sources[index].served = 0
            return
        }
        let share = source.offered / Double(source.endpoints)
        var served = 0.0
        for pod in groups.members[source.group] where Self.isEndpoint(pod, cluster: cluster) {
            served += share * servedFraction[Int(pod.slot)]
        }
        sources[index].served = min(served, source.offered)
    }

    /// A Ready pod that is not terminating, on a Ready node: what an EndpointSlice lists as ready.
    static func isEndpoint(_ pod: PodID, cluster: ClusterState) -> Bool {
        let record = cluster.pods[pod]
        guard record.isReady, record.deletedAt == nil, let node = record.node else { return false }
        return cluster.nodes.ready[Int(node)]
    }

    private mutating func load(_ pod: PodID) {
        let slot = Int(pod.slot)
        grow(to: slot + 1)
        if slotPod[slot] != pod {
            reset(slot)
            cumulativeCPU[slot] = 0
            for metric in metricNames.indices { cumulativeRequests[metric][slot] = 0 }
            slotPod[slot] = pod
        }
        guard loadedMark[slot] != epoch else { return }
        loadedMark[slot] = epoch
        loaded.append(pod)
    }

    private mutating func reset(_ slot: Int) {
        for metric in metricNames.indices { arriving[metric][slot] = 0 }
        work[slot] = 0
        idle[slot] = 0
        cpu[slot] = 0
        memory[slot] = 0
        servedFraction[slot] = 1
    }

    private mutating func grow(to count: Int) {
        guard count > slotPod.count else { return }
        let extra = max(count, slotPod.count * 2) - slotPod.count
        slotPod.append(contentsOf: repeatElement(nil, count: extra))
        for metric in metricNames.indices {
            arriving[metric].append(contentsOf: repeatElement(0, count: extra))
            cumulativeRequests[metric].append(contentsOf: repeatElement(0, count: extra))
        }
        work.append(contentsOf: repeatElement(0, count: extra))
        idle.append(contentsOf: repeatElement(0, count: extra))
        cpu.append(contentsOf: repeatElement(0, count: extra))
        memory.append(contentsOf: repeatElement(0, count: extra))
        servedFraction.append(contentsOf: repeatElement(1, count: extra))
        cumulativeCPU.append(contentsOf: repeatElement(0, count: extra))
        loadedMark.append(contentsOf: repeatElement(0, count: extra))
    }

    /// A standard normal variate by the Box–Muller transform.
    private static func standardNormal(_ random: inout RandomStream) -> Double {
        let u1 = max(random.nextDouble(), Double.leastNonzeroMagnitude)
        let u2 = random.nextDouble()
        return (-2 * naturalLog(u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }
}
