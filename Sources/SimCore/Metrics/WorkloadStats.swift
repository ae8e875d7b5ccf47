/// Time-weighted statistics of one workload, integrated exactly at every change of its desired or
/// available replicas (not sampled), so a two-second gap counts as two seconds.
struct WorkloadStats: Sendable {
    private(set) var firstTime: SimTime
    private(set) var lastTime: SimTime
    private(set) var desired: Int32
    private(set) var available: Int32
    private(set) var desiredMin: Int32
    private(set) var desiredMax: Int32
    /// ∫ desired dt, in replica-milliseconds.
    private(set) var desiredIntegral: Double = 0
    /// ∫ min(1, available / desired) dt, in milliseconds (1 while desired is 0).
    private(set) var availabilityIntegral: Double = 0
    /// Changes of desired replicas after creation.
    private(set) var scaleEvents = 0
    /// Time with fewer replicas available than desired, in milliseconds, from the first moment
    /// the workload had them all (its start-up is not a degradation).
    private(set) var degradedTime: SimTime = 0
    /// The workload has had all its desired replicas available at some moment.
    private var wasWhole = false

    init(at time: SimTime, desired: Int32) {
        firstTime = time
        lastTime = time
        self.desired = desired
        available = 0
        desiredMin = desired
        desiredMax = desired
    }

    private var availabilityNow: Double {
        desired <= 0 ? 1 : min(1, Double(available) / Double(desired))
    }

    /// Integrates up to `time`, then takes the new values.
    mutating func observe(at time: SimTime, desired newDesired: Int32, available newAvailable: Int32) {
        advance(to: time)
        if newDesired != desired { scaleEvents += 1 }
        desired = newDesired
        available = newAvailable
        if newAvailable >= newDesired { wasWhole = true }
        desiredMin = min(desiredMin, newDesired)
        desiredMax = max(desiredMax, newDesired)
    }

    /// Integrates up to `time` without changing the values.
    mutating func advance(to time: SimTime) {
        guard time > lastTime else { return }
        let span = Double(time - lastTime)
        desiredIntegral += Double(desired) * span
        availabilityIntegral += availabilityNow * span
        if available < desired && wasWhole { degradedTime += time - lastTime }
        lastTime = time
    }

    /// Time-weighted mean of desired replicas since creation.
    var desiredAverage: Double {
        lastTime > firstTime ? desiredIntegral / Double(lastTime - firstTime) : Double(desired)
    }

    /// Time-weighted mean of min(1, available / desired) since creation.
    var availability: Double {
        lastTime > firstTime ? availabilityIntegral / Double(lastTime - firstTime) : availabilityNow
    }
}
