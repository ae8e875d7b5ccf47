extension Int {
    /// A count read from a file the report draws (`"n": 3`, `"rescales": 12`): truncated toward
    /// zero and held within ±2^53, NaN as 0. The files are kubesim's, but a folder can hold any
    /// edit of them, and `Int(_: Double)` traps on what does not fit.
    init(saturating value: Double) {
        guard value.isFinite else {
            self = value.isNaN ? 0 : (value > 0 ? 1 << 53 : -(1 << 53))
            return
        }
        self = Int(Swift.max(Swift.min(value, 9_007_199_254_740_992), -9_007_199_254_740_992))
    }
}
