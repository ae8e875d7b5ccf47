/// The search of `kubesim capacity`: the smallest whole value in a range for which a test passes,
/// assuming more is never worse (passing at a value means passing at every value above it), as
/// for a pool's node count or a Deployment's replicas.
///
/// It tests the top of the range first (when that fails, nothing in the range passes), then
/// bisects between a failing value and a passing one, and ends by testing the answer and the
/// value below it once more through `passes`, so the evidence always holds both sides of the
/// boundary. A caller caches `passes` per value, so no value is ever run twice.
public enum CapacitySearch {
    public enum Outcome: Sendable, Equatable {
        /// The smallest passing value.
        case found(Int64)
        /// Not even the top of the range passes.
        case noneInRange
        /// `passes` gave nil (a run failed); the search stopped there.
        case stopped
    }

    /// The largest value a range may reach, far above any count a scenario can hold, so the
    /// bisection's arithmetic never overflows.
    public static let maximumValue: Int64 = 1 << 53

    /// Searches `low...high` (both within 0...`maximumValue`).
    public static func smallestPassing(in low: Int64, _ high: Int64, passes: (Int64) -> Bool?) -> Outcome {
        precondition(0 <= low && low <= high && high <= maximumValue, "the caller checks the range")
        guard let top = passes(high) else { return .stopped }
        guard top else { return .noneInRange }
        // `failing` is below the range until a value fails; `passing` always passed.
        var failing = low - 1, passing = high
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            guard let result = passes(middle) else { return .stopped }
            if result { passing = middle } else { failing = middle }
        }
        guard passes(passing) == true else { return .stopped }
        if passing > low, passes(passing - 1) == nil { return .stopped }
        return .found(passing)
    }
}
