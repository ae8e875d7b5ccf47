/// How long a pod's containers run before they exit (a Job's work): one fixed time, from the
/// `kubesim.io/run-duration` annotation, or a distribution from the scenario's `runDurations`,
/// drawn once per run from the scenario's seed.
public enum RunDuration: Sendable, Hashable {
    case fixed(SimTime)
    /// Every time between `min` and `max` equally likely.
    case uniform(min: SimTime, max: SimTime)
    /// Memoryless, with the given mean.
    case exponential(mean: SimTime)
    /// A bell curve; draws below a millisecond count as one.
    case normal(mean: SimTime, standardDeviation: SimTime)
    /// Skewed to the right, as task times usually are: the logarithm is normal, with the median's
    /// logarithm as its mean and `sigma` as its standard deviation.
    case logNormal(median: SimTime, sigma: Double)

    /// The longest a draw may be: 9e9 s, as every time in a scenario.
    public static let longest: SimTime = 9_000_000_000_000

    /// One run's duration, at least 1 ms and at most `longest`.
    public func draw(_ stream: inout RandomStream) -> SimTime {
        let value: Double
        switch self {
        case .fixed(let time): return time
        case .uniform(let low, let high): value = Double(low) + stream.nextDouble() * Double(high - low)
        case .exponential(let mean): value = -Double(mean) * naturalLog(1 - stream.nextDouble())
        case .normal(let mean, let deviation): value = Double(mean) + Double(deviation) * Self.standardNormal(&stream)
        case .logNormal(let median, let sigma): value = Double(median) * naturalExp(sigma * Self.standardNormal(&stream))
        }
        guard value.isFinite else { return value > 0 ? Self.longest : 1 }
        return SimTime(min(max(value.rounded(), 1), Double(Self.longest)))
    }

    /// A standard normal draw by the Box–Muller transform, from two uniform draws (our own, so
    /// that a run does not depend on the standard library's algorithms).
    private static func standardNormal(_ stream: inout RandomStream) -> Double {
        let u1 = 1 - stream.nextDouble()  // in (0, 1]: the logarithm is finite
        let u2 = stream.nextDouble()
        return (-2 * naturalLog(u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }
}
