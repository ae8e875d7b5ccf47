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
    /// Per slot: the pod's CPU request and limit in millicores (a limit of +∞ when it has none),
    /// read once when the pod is first loaded.
    private var requestedCPU: [Int64] = []
    private var cpuLimit: [Double] = []
    /// Per slot: the fraction of arriving requests the pod has CPU for.
    private var servedFraction: [Double] = []
    /// Per slot: ∫ cpu dt in millicore-milliseconds, and per metric ∫ arriving dt in requests.
    private var cumulativeCPU: [Double] = []
    private var cumulativeRequests: [[Double]] = []
    /// Running pods that get traffic or an idle baseline, in the order they were found.
    private var loaded: [PodID] = []
    private var loadedMark: [UInt32] = []
    private var epoch: UInt32 = 0
    /// The nodes of the loaded pods in the order first met, and per node a list of its loaded
    /// pods' slots threaded through `nextOnNode` (-1 ends it): grouping without sorting.
    private var loadedNodes: [NodeID] = []
    private var nodeHead: [Int32] = []
    private var nodeMark: [UInt32] = []
    private var nextOnNode: [Int32] = []
    /// Distinct targets in order of first use, and each source's index among them.
    private(set) var targetPaths: [String] = []
    private(set) var targetOfSource: [Int] = []
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
        if let target = targetPaths.firstIndex(of: spec.target.path) {
            targetOfSource.append(target)
        } else {
            targetPaths.append(spec.target.path)
            targetOfSource.append(targetPaths.count - 1)
        }
    }

    var isEmpty: Bool { sources.isEmpty }

    /// Integrates the current rates up to `time`.
    mutating func integrate(until time: SimTime) {
        guard time > integratedUntil else { return }
        let milliseconds = Double(time - integratedUntil)
        let seconds = milliseconds / 1_000
        for index in sources.indices {
            let offered = sources[index].offered, served = sources[index].served
            let span = RequestTotals(offered: offered * seconds, served: served * seconds, dropped: (offered - served) * seconds)
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
        loadedNodes.removeAll(keepingCapacity: true)
        epoch &+= 1
        for index in sources.indices {
            let idleCPU = sources[index].spec.idleCPU, idleMemory = sources[index].spec.idleMemory
            for pod in groups.members[sources[index].group] {
                guard cluster.pods[pod].phase == .running, let node = cluster.pods[pod].node else { continue }
                if !owns(pod) { adopt(pod, spec: cluster.spec(of: pod)) }
                load(pod, on: node)
                let slot = Int(pod.slot)
                idle[slot] = max(idle[slot], idleCPU)
                memory[slot] = max(memory[slot], idleMemory)
            }
        }
        for index in sources.indices { route(index, at: time, cluster: cluster, groups: groups) }
        for node in loadedNodes { shareCPU(on: node, cluster: cluster) }
        for index in sources.indices { countServed(index, cluster: cluster, groups: groups) }
    }

    /// Shares a source's current rate among its Ready endpoints.
    private mutating func route(_ index: Int, at time: SimTime, cluster: ClusterState, groups: PodGroups) {
        let offered = sources[index].spec.rate(at: time) * sources[index].noise
        let group = sources[index].group, metric = sources[index].metric
        let cpuPerRequest = sources[index].spec.cpuPerRequest, memoryPerRequest = sources[index].spec.memoryPerRequest
        var endpoints = 0
        for pod in groups.members[group] where Self.isEndpoint(pod, cluster: cluster) { endpoints += 1 }
        sources[index].offered = offered
        sources[index].endpoints = endpoints
        guard endpoints > 0 else { return }
        let share = offered / Double(endpoints)
        for pod in groups.members[group] where Self.isEndpoint(pod, cluster: cluster) {
            let slot = Int(pod.slot)
            arriving[metric][slot] += share
            work[slot] += share * cpuPerRequest
            memory[slot] += share * memoryPerRequest
        }
    }

    /// Gives the loaded pods on `node` their CPU.
    private mutating func shareCPU(on node: NodeID, cluster: ClusterState) {
        demandScratch.removeAll(keepingCapacity: true)
        weightScratch.removeAll(keepingCapacity: true)
        var loadedRequests: Int64 = 0
        var slot = nodeHead[Int(node)]
        while slot >= 0 {
            let index = Int(slot)
            demandScratch.append(min(idle[index] + work[index], cpuLimit[index]))
            weightScratch.append(max(Double(requestedCPU[index]), CPUSharing.minimumWeight))
            loadedRequests += requestedCPU[index]
            slot = nextOnNode[index]
        }
        let others = cluster.nodes.requested[Int(node)].cpu - loadedRequests
        // A machine that is down or cut off serves nothing (and its CPU cannot be measured),
        // whatever the API still shows.
        let available = cluster.nodes.health[Int(node)].isUp ? Double(max(0, cluster.nodes.allocatable[Int(node)].cpu - others)) : 0
        CPUSharing.share(available, demand: demandScratch, weight: weightScratch, allocation: &allocationScratch, order: &orderScratch)
        var offset = 0
        slot = nodeHead[Int(node)]
        while slot >= 0 {
            let index = Int(slot)
            cpu[index] = allocationScratch[offset]
            let forRequests = max(0, cpu[index] - idle[index])
            servedFraction[index] = work[index] > 0 ? min(1, forRequests / work[index]) : (available > 0 ? 1 : 0)
            offset += 1
            slot = nextOnNode[index]
        }
    }

    private mutating func countServed(_ index: Int, cluster: ClusterState, groups: PodGroups) {
        let endpoints = sources[index].endpoints, offered = sources[index].offered
        guard endpoints > 0 else {
            sources[index].served = 0
            return
        }
        let share = offered / Double(endpoints)
        var served = 0.0
        for pod in groups.members[sources[index].group] where Self.isEndpoint(pod, cluster: cluster) {
            served += share * servedFraction[Int(pod.slot)]
        }
        sources[index].served = min(served, offered)
    }

    /// A Ready pod that is not terminating: what an EndpointSlice lists as ready, and so where
    /// kube-proxy sends requests — even to a pod whose node has died, until the node lifecycle
    /// controller marks it not Ready.
    static func isEndpoint(_ pod: PodID, cluster: ClusterState) -> Bool {
        cluster.pods[pod].isReady && cluster.pods[pod].deletedAt == nil && cluster.pods[pod].node != nil
    }

    /// Gives the pod its slot's figures, starting from zero.
    private mutating func adopt(_ pod: PodID, spec: PodSpecInfo) {
        let slot = Int(pod.slot)
        grow(to: slot + 1)
        reset(slot)
        cumulativeCPU[slot] = 0
        for metric in metricNames.indices { cumulativeRequests[metric][slot] = 0 }
        slotPod[slot] = pod
        requestedCPU[slot] = spec.requests.cpu
        cpuLimit[slot] = spec.cpuLimit.map(Double.init) ?? .infinity
    }

    /// Marks an adopted pod as loaded on `node` in this recomputation.
    private mutating func load(_ pod: PodID, on node: NodeID) {
        let slot = Int(pod.slot)
        guard loadedMark[slot] != epoch else { return }
        loadedMark[slot] = epoch
        loaded.append(pod)
        let n = Int(node)
        if n >= nodeHead.count {
            nodeHead.append(contentsOf: repeatElement(-1, count: n + 1 - nodeHead.count))
            nodeMark.append(contentsOf: repeatElement(0, count: n + 1 - nodeMark.count))
        }
        if nodeMark[n] != epoch {
            nodeMark[n] = epoch
            nodeHead[n] = -1
            loadedNodes.append(node)
        }
        nextOnNode[slot] = nodeHead[n]
        nodeHead[n] = Int32(slot)
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
        requestedCPU.append(contentsOf: repeatElement(0, count: extra))
        cpuLimit.append(contentsOf: repeatElement(.infinity, count: extra))
        cumulativeCPU.append(contentsOf: repeatElement(0, count: extra))
        loadedMark.append(contentsOf: repeatElement(0, count: extra))
        nextOnNode.append(contentsOf: repeatElement(-1, count: extra))
    }

    /// A standard normal variate by the Box–Muller transform.
    private static func standardNormal(_ random: inout RandomStream) -> Double {
        let u1 = max(random.nextDouble(), Double.leastNonzeroMagnitude)
        let u2 = random.nextDouble()
        return (-2 * naturalLog(u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }
}
