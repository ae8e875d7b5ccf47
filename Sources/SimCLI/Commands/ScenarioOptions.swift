import Scenarios
import SimCore

/// What `run` and `explain` share: the options that change a scenario without editing it, and
/// loading the scenario with them.
extension ParsedArguments {
    /// `--seed N`, or nil to keep the scenario's seed.
    func seed() throws(UsageError) -> UInt64? {
        guard let text = value("--seed") else { return nil }
        // At most 2^63 − 1, as a scenario's `seed`, so summary.json gives the seed as it was asked.
        guard let seed = UInt64(text), seed <= UInt64(Int64.max) else {
            throw UsageError(message: "--seed must be a whole number from 0 to 9223372036854775807, not '\(text)'")
        }
        return seed
    }

    /// `--max-memory SIZE` (a quantity such as 2Gi) in bytes, or nil for the machine's share.
    func memoryLimit() throws(UsageError) -> Int64? {
        guard let text = value("--max-memory") else { return nil }
        guard let quantity = try? Quantity(parsing: text), !quantity.isNegative,
            case let bytes = ResourceList.canonicalAmount(quantity, for: ResourceName.memory), bytes > 0
        else { throw UsageError(message: "--max-memory must be a size such as 2Gi or 500Mi, not '\(text)'") }
        return bytes
    }

    /// `--epoch TIME` (RFC 3339) in milliseconds since the Unix epoch, or nil when not given.
    func epoch() throws(UsageError) -> Int64? {
        guard let text = value("--epoch") else { return nil }
        switch StartTime.milliseconds(parsing: text) {
        case .success(let milliseconds): return milliseconds
        case .failure(.form): throw UsageError(message: "--epoch must be \(StartTime.form), not '\(text)'")
        case .failure(.notReal): throw UsageError(message: "--epoch '\(text)' is not a real date and time")
        case .failure(.tooFine): throw UsageError(message: "--epoch '\(text)' is finer than a millisecond")
        }
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
    /// its warnings (and notes, unless `quiet`) are reported on the way. With `--strict`, a
    /// warning is an error and the scenario is not loaded.
    func loadScenario(quiet: Bool) throws(UsageError) -> LoadedScenario? {
        let seed = try seed(), overrides = try overrides(), memoryLimit = try memoryLimit()
        do {
            let loaded = try ScenarioLoader.load(positionals[0], overrides: overrides, seed: seed, memoryLimit: memoryLimit)
            guard Console.report(loaded.diagnostics, quiet: quiet, strict: flag("--strict")) else { return nil }
            return loaded
        } catch {
            Console.error(error.description)
            return nil
        }
    }
}
