/// A sample's mean with its 95 % confidence interval (Student's t, two-sided), as studies report
/// each metric over seeds.
public struct MeanInterval: Sendable, Hashable {
    public var n: Int
    public var mean: Double
    /// Nil for fewer than two values, where no interval can be given.
    public var low: Double?
    public var high: Double?

    /// The mean and interval of `values` (an empty sample has mean NaN).
    public init(_ values: [Double]) {
        n = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else { return }
        let mean = self.mean
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let halfWidth = Self.t95(degreesOfFreedom: values.count - 1) * (variance / Double(values.count)).squareRoot()
        low = mean - halfWidth
        high = mean + halfWidth
    }

    /// Student's t quantile for a two-sided 95 % interval (0.975), from the standard table, with
    /// linear interpolation in 1/df between its rows beyond 30 and 1.96 in the limit.
    public static func t95(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110,
            2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        guard df > 0 else { return .nan }
        if df <= table.count { return table[df - 1] }
        let rows: [(df: Double, t: Double)] = [(30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980), (.infinity, 1.960)]
        let x = 1 / Double(df)
        for (upper, lower) in zip(rows, rows.dropFirst()) where Double(df) <= lower.df {
            let (x0, x1) = (1 / upper.df, lower.df.isInfinite ? 0 : 1 / lower.df)
            return upper.t + (lower.t - upper.t) * (x0 - x) / (x0 - x1)
        }
        return 1.960
    }
}
