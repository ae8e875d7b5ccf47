import Scenarios

/// The options `run` and `explain` share to change a scenario without editing it.
extension ParsedArguments {
    /// `--seed N`, or nil to keep the scenario's seed.
    func seed() throws(UsageError) -> UInt64? {
        guard let text = value("--seed") else { return nil }
        guard let seed = UInt64(text) else { throw UsageError(message: "--seed must be a non-negative integer, not '\(text)'") }
        return seed
    }

    /// Every `--set PATH=VALUE`, in order.
    func overrides() throws(UsageError) -> [Override] {
        var overrides: [Override] = []
        for text in values("--set") {
            guard let override = Override(text) else { throw UsageError(message: "--set needs PATH=VALUE, not '\(text)'") }
            overrides.append(override)
        }
        return overrides
    }
}
