/// The resource, custom and external metrics APIs as the HPA reads them, served from the traffic
/// model the way metrics-server serves kubelet figures.
///
/// Every `resolution` (metrics-server's `--metric-resolution`, 15 s by default) it scrapes the
/// pods HPAs select: a pod's CPU is its average over the interval since the previous scrape — so a
/// pod needs two scrapes while running before it has a sample, and every sample lags the traffic
/// by up to one interval — its memory is the working set at the scrape, and its request rate (the
/// Pods metric of a traffic source's `metricName`) is averaged like CPU. A traffic source's total
/// rate (the External metric) is averaged over the same interval.
struct MetricsServer {
    /// One pod's sample, in milli-units as the HPA reads quantities (`MilliValue()`).
    struct PodSample {
        var timestamp: SimTime
        var window: SimTime
        var cpu: Int64
        var memory: Int64
        /// Per traffic metric name (the traffic model's metric index).
        var requests: [Int64]
    }

    let resolution: SimTime
    /// Pod groups whose pods are scraped, in order of registration.
    private(set) var groups: [Int] = []
    private var lastScrape: SimTime?
    private var samples: [PodSample?] = []
    private var samplePod: [PodID?] = []
    private var baselinePod: [PodID?] = []
    private var baselineTime: [SimTime] = []
    private var baselineCPU: [Double] = []
    private var baselineRequests: [[Double]] = []
    private var scrapedMark: [UInt32] = []
    private var epoch: UInt32 = 0
    /// Per traffic source: its average offered rate over the last interval, requests per second.
    private(set) var sourceRates: [Double] = []
    private var offeredAtLastScrape: [Double] = []

    init(resolution: SimTime) {
        self.resolution = resolution
    }

    /// Scrapes the pods of `group` from now on.
    mutating func watch(group: Int) {
        if !groups.contains(group) { groups.append(group) }
    }

    /// The latest sample of `pod`, if metrics-server has one.
    func sample(of pod: PodID) -> PodSample? {
        let slot = Int(pod.slot)
        guard slot < samples.count, samplePod[slot] == pod else { return nil }
        return samples[slot]
    }

    /// Forgets a removed pod.
    mutating func podRemoved(_ pod: PodID) {
        let slot = Int(pod.slot)
        guard slot < samples.count else { return }
        if samplePod[slot] == pod { clearSample(slot) }
        if baselinePod[slot] == pod { baselinePod[slot] = nil }
    }

    /// One scrape at `time` (the traffic model integrated up to `time`).
    mutating func scrape(at time: SimTime, cluster: ClusterState, podGroups: PodGroups, traffic: TrafficModel) {
        let interval = lastScrape.map { time - $0 } ?? 0
        lastScrape = time
        let metricCount = traffic.metricNames.count
        epoch &+= 1
        for group in groups {
            for pod in podGroups.members[group] {
                let slot = Int(pod.slot)
                grow(to: slot + 1, metrics: metricCount)
                guard scrapedMark[slot] != epoch else { continue }
                scrapedMark[slot] = epoch
                guard cluster.pods[pod].phase == .running else {
                    clearSample(slot)
                    baselinePod[slot] = nil
                    continue
                }
                let cpu = traffic.cpuUsed(by: pod)
                let requests = (0..<metricCount).map { traffic.requestsReceived(by: pod, metric: $0) }
                if baselinePod[slot] == pod, time > baselineTime[slot] {
                    let window = time - baselineTime[slot]
                    let seconds = Double(window) / 1_000
                    samples[slot] = PodSample(
                        timestamp: time, window: window,
                        cpu: Self.milli((cpu - baselineCPU[slot]) / Double(window) / 1_000),
                        memory: Self.milli(traffic.memoryInUse(by: pod).rounded()),
                        requests: (0..<metricCount).map { Self.milli((requests[$0] - baselineRequests[slot][$0]) / seconds) })
                    samplePod[slot] = pod
                }
                baselinePod[slot] = pod
                baselineTime[slot] = time
                baselineCPU[slot] = cpu
                baselineRequests[slot] = requests
            }
        }
        if sourceRates.count < traffic.sources.count {
            sourceRates.append(contentsOf: repeatElement(0, count: traffic.sources.count - sourceRates.count))
            offeredAtLastScrape.append(contentsOf: repeatElement(0, count: traffic.sources.count - offeredAtLastScrape.count))
        }
        for (index, source) in traffic.sources.enumerated() {
            sourceRates[index] = interval > 0 ? (source.totals.offered - offeredAtLastScrape[index]) / (Double(interval) / 1_000) : source.offered
            offeredAtLastScrape[index] = source.totals.offered
        }
    }

    /// A value in milli-units, rounded up as `Quantity.MilliValue()` rounds (after a nudge down,
    /// so that 2.9999999 from floating-point sums reads as 3).
    static func milli(_ value: Double) -> Int64 {
        Int64((value * 1_000 - 1e-6).rounded(.up))
    }

    private mutating func clearSample(_ slot: Int) {
        samples[slot] = nil
        samplePod[slot] = nil
    }

    private mutating func grow(to count: Int, metrics: Int) {
        guard count > samples.count else { return }
        let extra = max(count, samples.count * 2) - samples.count
        samples.append(contentsOf: repeatElement(nil, count: extra))
        samplePod.append(contentsOf: repeatElement(nil, count: extra))
        baselinePod.append(contentsOf: repeatElement(nil, count: extra))
        baselineTime.append(contentsOf: repeatElement(0, count: extra))
        baselineCPU.append(contentsOf: repeatElement(0, count: extra))
        baselineRequests.append(contentsOf: repeatElement(Array(repeating: 0, count: metrics), count: extra))
        scrapedMark.append(contentsOf: repeatElement(0, count: extra))
    }
}
