/// The traffic model: request rates as a fluid, piecewise constant between recomputations.
///
/// Each source's requests are shared equally among its Ready endpoints, as kube-proxy's random
/// choice among endpoints does on average. A pod's CPU demand is its idle baseline plus
/// `cpuPerRequest` for each request per second it receives; on each node, pods get their demand
/// up to their CPU limit, and when together they want more than the node has left after the other
/// pods' requests, CFS shares it out in proportion to requests (`CPUSharing`). Requests a pod has
/// no CPU for are dropped, as are all requests while a target has no Ready endpoint.
///
/// Rates are recomputed in full at every tick (each metrics-server resolution, when noise is
/// drawn again). When a rate shape turns a corner, an endpoint appears or goes, or a node's
/// health changes, only what that touches is recomputed: the sources whose rate or pods changed,
/// the pods they route to, the nodes those pods run on, and the sources with pods on those
/// nodes. Between those instants the model integrates the rates exactly.
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
    /// Per slot: whether the pod is running on a node in some source's group, and so has a load.
    private var isLoaded: [Bool] = []
    /// Slots that have had a load since the last full recomputation, each once: what `integrate`
    /// walks. A slot whose pod stopped or left keeps zero figures until the list is rebuilt.
    private var loadedSlots: [Int32] = []
    private var listed: [Bool] = []
    /// Per pod group, the sources aimed at it: `groupSources[groupSourceStart[g]..<groupSourceStart[g + 1]]`
    /// (flat, so the inner loops copy no arrays).
    private var groupSourceStart: [Int32] = [0]
    private var groupSources: [Int32] = []
    /// What changed since the last recomputation.
    private var dirtySource: [Bool] = []
    private var dirtyNodes: [NodeID] = []
    private var nodeDirty: [Bool] = []
    /// Scratch of a recomputation: the pods to reload and the sources to count again.
    private var affectedPods: [PodID] = []
    private var podAffected: [Bool] = []
    private var recount: [Bool] = []
    /// Set during a full recomputation, which counts every source again anyway.
    private var recountingAll = false
    /// Distinct targets in order of first use, and each source's index among them.
    private(set) var targets: [TrafficTarget] = []
    private(set) var targetOfSource: [Int] = []
    private var demandScratch: [Double] = []
    private var weightScratch: [Double] = []
    private var allocationScratch: [Double] = []
    private var orderScratch: [Int] = []

    init() {}

    /// Adds a source whose target's pods form `group`.
    mutating func add(_ spec: TrafficSpec, group: Int, seed: UInt64, index: Int) {
        let metric: Int
        if let known = metricNames.firstIndex(of: spec.metricName) {
            metric = known
        } else {
            metricNames.append(spec.metricName)
            arriving.append(Array(repeating: 0, count: slotPod.count))
            cumulativeRequests.append(Array(repeating: 0, count: slotPod.count))
            metric = metricNames.count - 1
        }
        let random = RandomStream(seed: seed, name: "traffic/\(index)/\(spec.target.path)")
        sources.append(Source(spec: spec, group: group, metric: metric, random: random))
        indexSourcesByGroup()
        dirtySource.append(false)
        recount.append(false)
        if let target = targets.firstIndex(of: spec.target) {
            targetOfSource.append(target)
        } else {
            targets.append(spec.target)
            targetOfSource.append(targets.count - 1)
        }
    }

    var isEmpty: Bool { sources.isEmpty }

    /// Rebuilds `groupSources` (sources are added only while the run starts).
    private mutating func indexSourcesByGroup() {
        let groupCount = (sources.map(\.group).max() ?? -1) + 1
        groupSourceStart = [0]
        groupSources = []
        for group in 0..<groupCount {
            for index in sources.indices where sources[index].group == group { groupSources.append(Int32(index)) }
            groupSourceStart.append(Int32(groupSources.count))
        }
    }

    /// The sources aimed at `group`, as a range of `groupSources`.
    private func sourceRange(of group: Int) -> Range<Int> {
        guard group + 1 < groupSourceStart.count else { return 0..<0 }
        return Int(groupSourceStart[group])..<Int(groupSourceStart[group + 1])
    }

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
        for loadedSlot in loadedSlots {
            let slot = Int(loadedSlot)
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

    /// Forgets a removed pod's figures, so the slot starts clean for the next pod, and marks the
    /// node it ran on for sharing out again.
    mutating func podRemoved(_ pod: PodID, from node: NodeID?) {
        let slot = Int(pod.slot)
        guard slot < slotPod.count, slotPod[slot] == pod else { return }
        if isLoaded[slot], let node { nodeChanged(node) }
        reset(slot)
        isLoaded[slot] = false
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

    /// Notes that a pod of `group` may have become or stopped being an endpoint.
    mutating func groupChanged(_ group: Int) {
        for entry in sourceRange(of: group) { dirtySource[Int(groupSources[entry])] = true }
    }

    /// Notes that a source's rate may have changed.
    mutating func sourceChanged(_ index: Int) {
        dirtySource[index] = true
    }

    /// Notes that the CPU of `node`'s pods must be shared out again: its health changed, or a
    /// loaded pod on it came, went or changed its load.
    mutating func nodeChanged(_ node: NodeID) {
        let n = Int(node)
        if n >= nodeDirty.count { nodeDirty.append(contentsOf: repeatElement(false, count: n + 1 - nodeDirty.count)) }
        guard !nodeDirty[n] else { return }
        nodeDirty[n] = true
        dirtyNodes.append(node)
    }

    /// Recomputes every rate for the cluster as it is at `time` (integrate up to `time` first).
    mutating func recompute(at time: SimTime, cluster: ClusterState, groups: PodGroups) {
        for slot in loadedSlots { listed[Int(slot)] = false }
        loadedSlots.removeAll(keepingCapacity: true)
        for index in sources.indices { dirtySource[index] = true }
        recountingAll = true
        update(at: time, cluster: cluster, groups: groups)
        recountingAll = false
    }

    /// Recomputes what the changes noted since the last recomputation touch (integrate up to
    /// `time` first). Sources aimed at a changed group take their rate at `time` afresh.
    mutating func update(at time: SimTime, cluster: ClusterState, groups: PodGroups) {
        for index in sources.indices where dirtySource[index] {
            sources[index].offered = sources[index].spec.rate(at: time) * sources[index].noise
            var endpoints = 0
            for pod in groups.members[sources[index].group] where Self.isEndpoint(pod, cluster: cluster) { endpoints += 1 }
            sources[index].endpoints = endpoints
            recount[index] = true
            for pod in groups.members[sources[index].group] {
                let slot = Int(pod.slot)
                if slot >= podAffected.count { podAffected.append(contentsOf: repeatElement(false, count: slot + 1 - podAffected.count)) }
                guard !podAffected[slot] else { continue }
                podAffected[slot] = true
                affectedPods.append(pod)
            }
            dirtySource[index] = false
        }
        for pod in affectedPods {
            podAffected[Int(pod.slot)] = false
            reload(pod, cluster: cluster, groups: groups)
        }
        affectedPods.removeAll(keepingCapacity: true)
        for node in dirtyNodes {
            nodeDirty[Int(node)] = false
            shareCPU(on: node, cluster: cluster, groups: groups)
        }
        dirtyNodes.removeAll(keepingCapacity: true)
        for index in sources.indices where recount[index] {
            countServed(index, cluster: cluster, groups: groups)
            recount[index] = false
        }
    }

    /// Works out one pod's load from scratch: the idle baseline of every source aimed at it,
    /// and, when it is an endpoint, its share of each one's requests.
    private mutating func reload(_ pod: PodID, cluster: ClusterState, groups: PodGroups) {
        let slot = Int(pod.slot)
        let node = cluster.pods[pod].node
        if owns(pod) {
            if isLoaded[slot], let node { nodeChanged(node) }
            reset(slot)
            isLoaded[slot] = false
        }
        guard cluster.pods[pod].phase == .running, let node else { return }
        if !owns(pod) { adopt(pod, spec: cluster.spec(of: pod)) }
        isLoaded[slot] = true
        if !listed[slot] {
            listed[slot] = true
            loadedSlots.append(Int32(slot))
        }
        nodeChanged(node)
        let membershipCount = groups.membershipCount(of: pod)
        for membership in 0..<membershipCount {
            for entry in sourceRange(of: groups.group(of: pod, at: membership)) {
                let index = Int(groupSources[entry])
                idle[slot] = max(idle[slot], sources[index].spec.idleCPU)
                memory[slot] = max(memory[slot], sources[index].spec.idleMemory)
            }
        }
        guard Self.isEndpoint(pod, cluster: cluster) else { return }
        for membership in 0..<membershipCount {
            for entry in sourceRange(of: groups.group(of: pod, at: membership)) {
                let index = Int(groupSources[entry])
                guard sources[index].endpoints > 0 else { continue }
                let share = sources[index].offered / Double(sources[index].endpoints)
                arriving[sources[index].metric][slot] += share
                work[slot] += share * sources[index].spec.cpuPerRequest
                memory[slot] += share * sources[index].spec.memoryPerRequest
            }
        }
    }

    /// Gives the loaded pods on `node` their CPU, and marks their sources to be counted again.
    private mutating func shareCPU(on node: NodeID, cluster: ClusterState, groups: PodGroups) {
        demandScratch.removeAll(keepingCapacity: true)
        weightScratch.removeAll(keepingCapacity: true)
        var loadedRequests: Int64 = 0
        for pod in cluster.nodes.pods[Int(node)] where owns(pod) && isLoaded[Int(pod.slot)] {
            let index = Int(pod.slot)
            demandScratch.append(min(idle[index] + work[index], cpuLimit[index]))
            weightScratch.append(max(Double(requestedCPU[index]), CPUSharing.minimumWeight))
            loadedRequests += requestedCPU[index]
        }
        guard !demandScratch.isEmpty else { return }
        let others = cluster.nodes.requested[Int(node)].cpu - loadedRequests
        // A machine that is down or cut off serves nothing (and its CPU cannot be measured),
        // whatever the API still shows.
        let available = cluster.nodes.health[Int(node)].isUp ? Double(max(0, cluster.nodes.allocatable[Int(node)].cpu - others)) : 0
        CPUSharing.share(available, demand: demandScratch, weight: weightScratch, allocation: &allocationScratch, order: &orderScratch)
        var offset = 0
        for pod in cluster.nodes.pods[Int(node)] where owns(pod) && isLoaded[Int(pod.slot)] {
            let index = Int(pod.slot)
            cpu[index] = allocationScratch[offset]
            let forRequests = max(0, cpu[index] - idle[index])
            servedFraction[index] = work[index] > 0 ? min(1, forRequests / work[index]) : (available > 0 ? 1 : 0)
            offset += 1
            guard !recountingAll else { continue }
            for membership in 0..<groups.membershipCount(of: pod) {
                for entry in sourceRange(of: groups.group(of: pod, at: membership)) { recount[Int(groupSources[entry])] = true }
            }
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
        isLoaded.append(contentsOf: repeatElement(false, count: extra))
        listed.append(contentsOf: repeatElement(false, count: extra))
    }

    /// A standard normal variate by the Box–Muller transform.
    private static func standardNormal(_ random: inout RandomStream) -> Double {
        let u1 = max(random.nextDouble(), Double.leastNonzeroMagnitude)
        let u2 = random.nextDouble()
        return (-2 * naturalLog(u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }
}
