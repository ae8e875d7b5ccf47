import Scenarios

/// What `run` and `explain` share: the options that change a scenario without editing it, and
/// loading the scenario with them.
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

    /// The scenario named by the one positional argument, loaded with `--seed` and `--set`. A
    /// scenario that cannot be loaded is reported on standard error and comes back nil (exit 1);
    /// its warnings (and notes, unless `quiet`) are reported on the way.
    func loadScenario(quiet: Bool) throws(UsageError) -> LoadedScenario? {
        let seed = try seed(), overrides = try overrides()
        do {
            let loaded = try ScenarioLoader.load(positionals[0], overrides: overrides, seed: seed)
            Console.report(loaded.diagnostics, quiet: quiet)
            return loaded
        } catch {
            Console.error(error.description)
            return nil
        }
    }
}
