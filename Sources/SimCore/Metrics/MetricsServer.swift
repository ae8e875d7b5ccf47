/// The resource, custom and external metrics APIs as the HPA reads them, served from the traffic
/// model the way metrics-server serves kubelet figures.
///
/// Every `resolution` (metrics-server's `--metric-resolution`, 15 s by default) it scrapes the
/// pods HPAs select: a pod's CPU is its average over the interval since the previous scrape — so a
/// pod needs two scrapes while running before it has a sample, and every sample lags the traffic
/// by up to one interval — its memory is the working set at the scrape, and its request rate (the
/// Pods metric of a traffic source's `metricName`) is averaged like CPU. A traffic source's total
/// rate (the External metric) is averaged over the same interval.
///
/// The traffic service triggers its scrapes on the traffic model's tick (the two share the
/// resolution); the HPA controller reads it. A class, shared by reference between the two.
final class MetricsServer {
    /// One pod's sample, in milli-units as the HPA reads quantities (`MilliValue()`).
    struct PodSample {
        var timestamp: SimTime
        var window: SimTime
        var cpu: Int64
        var memory: Int64
    }

    let resolution: SimTime
    /// Pod groups whose pods are scraped, in order of registration.
    private(set) var groups: [Int] = []
    private var lastScrape: SimTime?
    /// Traffic metric names served as Pods metrics (fixed once traffic has started).
    private var metricCount = 0
    private var samples: [PodSample?] = []
    private var samplePod: [PodID?] = []
    /// Per slot and metric (`slot × metricCount + metric`): the request rate in milli-units.
    private var sampleRequests: [Int64] = []
    private var baselinePod: [PodID?] = []
    private var baselineTime: [SimTime] = []
    private var baselineCPU: [Double] = []
    private var baselineRequests: [Double] = []
    private var scrapedMark: [UInt32] = []
    private var epoch: UInt32 = 0
    /// Per traffic source: its average offered rate over the last interval, requests per second.
    private(set) var sourceRates: [Double] = []
    private var offeredAtLastScrape: [Double] = []

    /// The traffic sources, as the custom and external metrics APIs list them: each one's metric
    /// name and target, in the traffic model's order.
    private var sources: [(metricName: String, target: TrafficTarget)] = []
    /// Distinct metric names of the sources, in order of first use (the traffic model's indices).
    private var metricNames: [String] = []

    init(resolution: SimTime) {
        self.resolution = resolution
    }

    /// Serves the metrics of a traffic source from now on (the traffic model adds its sources in
    /// the same order).
    func register(_ source: TrafficSpec) {
        sources.append((source.metricName, source.target))
        if !metricNames.contains(source.metricName) { metricNames.append(source.metricName) }
    }

    /// The index of a Pods metric served from traffic, by name.
    func metricIndex(named name: String) -> Int? {
        metricNames.firstIndex(of: name)
    }

    /// An Object metric: the average offered rate over the last interval of the sources with this
    /// metric name aimed at `object`, summed; nil when there are none.
    func objectRate(metric name: String, of object: TrafficTarget) -> Double? {
        rate { $0.metricName == name && $0.target == object }
    }

    /// An External metric: the rate of the sources with this metric name aimed at the namespace
    /// (external metrics are served per namespace); nil when there are none.
    func externalRate(metric name: String, namespace: String) -> Double? {
        rate { $0.metricName == name && $0.target.namespace == namespace }
    }

    private func rate(of matching: ((metricName: String, target: TrafficTarget)) -> Bool) -> Double? {
        let picked = sources.indices.filter { matching(sources[$0]) }
        guard !picked.isEmpty else { return nil }
        return picked.reduce(0) { $0 + sourceRates[$1] }
    }

    /// Scrapes the pods of `group` from now on.
    func watch(group: Int) {
        if !groups.contains(group) { groups.append(group) }
    }

    /// The latest sample of `pod`, if metrics-server has one.
    func sample(of pod: PodID) -> PodSample? {
        let slot = Int(pod.slot)
        guard slot < samples.count, samplePod[slot] == pod else { return nil }
        return samples[slot]
    }

    /// The latest request rate of traffic metric `metric` for `pod`, in milli-requests per second.
    func requestRate(of pod: PodID, metric: Int) -> Int64? {
        let slot = Int(pod.slot)
        guard slot < samples.count, samplePod[slot] == pod, samples[slot] != nil, metric < metricCount else { return nil }
        return sampleRequests[slot * metricCount + metric]
    }

    /// Forgets a removed pod.
    func podRemoved(_ pod: PodID) {
        let slot = Int(pod.slot)
        guard slot < samples.count else { return }
        if samplePod[slot] == pod { clearSample(slot) }
        if baselinePod[slot] == pod { baselinePod[slot] = nil }
    }

    /// One scrape at `time` (the traffic model integrated up to `time`).
    func scrape(at time: SimTime, cluster: ClusterState, podGroups: PodGroups, traffic: TrafficModel) {
        let interval = lastScrape.map { time - $0 } ?? 0
        lastScrape = time
        if metricCount != traffic.metricNames.count {
            metricCount = traffic.metricNames.count
            sampleRequests = Array(repeating: 0, count: samples.count * metricCount)
            baselineRequests = Array(repeating: 0, count: samples.count * metricCount)
        }
        epoch &+= 1
        for group in groups {
            for pod in podGroups.members[group] {
                let slot = Int(pod.slot)
                grow(to: slot + 1)
                guard scrapedMark[slot] != epoch else { continue }
                scrapedMark[slot] = epoch
                // A pod whose node is down or cut off has no kubelet to report it.
                guard cluster.pods[pod].phase == .running, let node = cluster.pods[pod].node, cluster.nodes.health[Int(node)].isUp else {
                    clearSample(slot)
                    baselinePod[slot] = nil
                    continue
                }
                let cpu = traffic.cpuUsed(by: pod)
                let base = slot * metricCount
                if baselinePod[slot] == pod, time > baselineTime[slot] {
                    let window = time - baselineTime[slot]
                    let seconds = Double(window) / 1_000
                    samples[slot] = PodSample(
                        timestamp: time, window: window,
                        cpu: Self.milli((cpu - baselineCPU[slot]) / Double(window) / 1_000),
                        memory: Self.milli(traffic.memoryInUse(by: pod).rounded()))
                    samplePod[slot] = pod
                    for metric in 0..<metricCount {
                        let received = traffic.requestsReceived(by: pod, metric: metric)
                        sampleRequests[base + metric] = Self.milli((received - baselineRequests[base + metric]) / seconds)
                    }
                }
                baselinePod[slot] = pod
                baselineTime[slot] = time
                baselineCPU[slot] = cpu
                for metric in 0..<metricCount { baselineRequests[base + metric] = traffic.requestsReceived(by: pod, metric: metric) }
            }
        }
        if sourceRates.count < traffic.sources.count {
            sourceRates.append(contentsOf: repeatElement(0, count: traffic.sources.count - sourceRates.count))
            offeredAtLastScrape.append(contentsOf: repeatElement(0, count: traffic.sources.count - offeredAtLastScrape.count))
        }
        for index in traffic.sources.indices {
            let offered = traffic.sources[index].totals.offered
            sourceRates[index] = interval > 0 ? (offered - offeredAtLastScrape[index]) / (Double(interval) / 1_000) : traffic.sources[index].offered
            offeredAtLastScrape[index] = offered
        }
    }

    /// A value in milli-units, rounded up as `Quantity.MilliValue()` rounds (after a nudge down,
    /// so that 2.9999999 from floating-point sums reads as 3).
    static func milli(_ value: Double) -> Int64 {
        let milli = (value * 1_000 - 1e-6).rounded(.up)
        guard milli.isFinite else { return milli > 0 ? Int64.max : 0 }
        // Held within Int64 (9.2e18 milli-units; the decoders' limits keep real values far below).
        return milli >= 9.2e18 ? Int64.max : Int64(max(milli, -9.2e18))
    }

    private func clearSample(_ slot: Int) {
        samples[slot] = nil
        samplePod[slot] = nil
    }

    private func grow(to count: Int) {
        guard count > samples.count else { return }
        let extra = max(count, samples.count * 2) - samples.count
        samples.append(contentsOf: repeatElement(nil, count: extra))
        samplePod.append(contentsOf: repeatElement(nil, count: extra))
        sampleRequests.append(contentsOf: repeatElement(0, count: extra * metricCount))
        baselinePod.append(contentsOf: repeatElement(nil, count: extra))
        baselineTime.append(contentsOf: repeatElement(0, count: extra))
        baselineCPU.append(contentsOf: repeatElement(0, count: extra))
        baselineRequests.append(contentsOf: repeatElement(0, count: extra * metricCount))
        scrapedMark.append(contentsOf: repeatElement(0, count: extra))
    }
}
