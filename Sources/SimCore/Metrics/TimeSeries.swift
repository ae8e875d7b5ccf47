/// The long-format time series: one row per (time, metric, object) sample. Metrics and objects are
/// kept once each, as descriptors and label sets, and rows point at them.
public struct TimeSeries: Sendable, Equatable {
    /// The metrics, in order of first use.
    public private(set) var descriptors: [MetricDescriptor] = []
    /// The objects, in order of first use.
    public private(set) var objects: [SeriesObject] = []
    private var descriptorIDs: [String: Int32] = [:]
    private var objectIDs: [SeriesObject: Int32] = [:]
    public private(set) var times: [SimTime] = []
    /// Per row, an index into `descriptors`.
    public private(set) var metricIndices: [Int32] = []
    /// Per row, an index into `objects`.
    public private(set) var objectIndices: [Int32] = []
    public private(set) var values: [Double] = []

    /// An empty series.
    public init() {}

    /// The index of `object`, added on first use: samples of several metrics of one object look
    /// it up once.
    public mutating func index(of object: SeriesObject) -> Int32 {
        if let id = objectIDs[object] { return id }
        let id = Int32(objects.count)
        objects.append(object)
        objectIDs[object] = id
        return id
    }

    /// Appends one sample of `metric` for the object at `object` (an `index(of:)`).
    public mutating func record(_ time: SimTime, _ metric: MetricDescriptor, _ object: Int32, _ value: Double) {
        times.append(time)
        metricIndices.append(index(of: metric))
        objectIndices.append(object)
        values.append(value)
    }

    /// Appends one sample of `metric` for `object`.
    public mutating func record(_ time: SimTime, _ metric: MetricDescriptor, _ object: SeriesObject, _ value: Double) {
        record(time, metric, index(of: object), value)
    }

    private mutating func index(of metric: MetricDescriptor) -> Int32 {
        if let id = descriptorIDs[metric.name] { return id }
        let id = Int32(descriptors.count)
        descriptors.append(metric)
        descriptorIDs[metric.name] = id
        return id
    }

    /// Number of rows.
    public var count: Int { times.count }

    /// The values of the metric named `metric` for the object whose `object` column is `object`,
    /// in time order.
    public func series(_ metric: String, object: String) -> [(time: SimTime, value: Double)] {
        guard let metricID = descriptorIDs[metric], let objectID = objects.firstIndex(where: { $0.column == object }) else { return [] }
        return times.indices.compactMap { index in
            metricIndices[index] == metricID && objectIndices[index] == Int32(objectID) ? (times[index], values[index]) : nil
        }
    }
}
