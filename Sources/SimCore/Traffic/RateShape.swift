/// A request rate over time, in requests per second: the scenario's `rate` shapes. Times are
/// simulated milliseconds from the start.
public indirect enum RateShape: Sendable, Hashable {
    /// `{shape: constant, value}`.
    case constant(Double)
    /// `{shape: step, from, to, at}`: `from` before `at`, `to` from `at` on.
    case step(from: Double, to: Double, at: SimTime)
    /// `{shape: ramp, from, to, start, end}`: linear between `start` and `end`, held outside.
    case ramp(from: Double, to: Double, start: SimTime, end: SimTime)
    /// `{shape: diurnal, min, max, peakAt, period}`: a cosine wave with its maximum at `peakAt`
    /// (and every `period` from it) and its minimum half a period away.
    case diurnal(min: Double, max: Double, peakAt: SimTime, period: SimTime)
    /// `{shape: spike, base, peak, at, duration}`: `peak` during [at, at + duration), `base` otherwise.
    case spike(base: Double, peak: Double, at: SimTime, duration: SimTime)
    /// `{shape: points}` and `{shape: trace}`: piecewise linear through the points (sorted by
    /// time), the first value held before the first point and the last after the last.
    case points([RatePoint])
    /// `{shape: sum, of: [...]}`.
    case sum([RateShape])

    /// The rate at `time`, never negative.
    public func rate(at time: SimTime) -> Double {
        max(0, value(at: time))
    }

    private func value(at time: SimTime) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .step(let from, let to, let at):
            return time < at ? from : to
        case .ramp(let from, let to, let start, let end):
            if time <= start { return from }
            if time >= end { return to }
            return from + (to - from) * Double(time - start) / Double(end - start)
        case .diurnal(let low, let high, let peakAt, let period):
            let phase = Double(time - peakAt) / Double(period)
            return low + (high - low) * (1 + cosine(2 * Double.pi * phase)) / 2
        case .spike(let base, let peak, let at, let duration):
            return time >= at && time < at + duration ? peak : base
        case .points(let points):
            return Self.interpolate(points, at: time)
        case .sum(let shapes):
            return shapes.reduce(0) { $0 + $1.value(at: time) }
        }
    }

    private static func interpolate(_ points: [RatePoint], at time: SimTime) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if time <= first.at { return first.value }
        if time >= last.at { return last.value }
        var low = 0, high = points.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if points[middle].at <= time { low = middle } else { high = middle }
        }
        let left = points[low], right = points[high]
        guard right.at > left.at else { return right.value }
        return left.value + (right.value - left.value) * Double(time - left.at) / Double(right.at - left.at)
    }

    /// Times after `start` where the rate jumps or changes slope, so the traffic model can
    /// recompute there instead of waiting for its next tick.
    public func corners(after start: SimTime) -> [SimTime] {
        let times: [SimTime]
        switch self {
        case .constant, .diurnal: times = []
        case .step(_, _, let at): times = [at]
        case .ramp(_, _, let begin, let end): times = [begin, end]
        case .spike(_, _, let at, let duration): times = [at, at + duration]
        case .points(let points): times = points.map(\.at)
        case .sum(let shapes): times = shapes.flatMap { $0.corners(after: start) }
        }
        return Array(Set(times.filter { $0 > start })).sorted()
    }
}

/// A point of a piecewise-linear rate.
public struct RatePoint: Sendable, Hashable {
    public var at: SimTime
    public var value: Double

    public init(at: SimTime, value: Double) {
        self.at = at
        self.value = value
    }
}
