import Foundation
import Scenarios
import SimCore

/// `kubesim run SCENARIO [--seed N] [--out DIR] [--set PATH=VALUE]... [--quiet]`
enum RunCommand {
    static let spec = CommandSpec(
        name: "run", usage: "kubesim run SCENARIO [--seed N] [--out DIR] [--set PATH=VALUE]... [--quiet]",
        summary: "Simulate a scenario and write summary.json, events.csv, timeseries.csv and placements.csv.",
        options: [
            OptionSpec(name: "--seed", value: "N", help: "Override the scenario's seed."),
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>)."),
            OptionSpec(name: "--set", value: "PATH=VALUE", help: "Override a scenario field, e.g. spec.cluster.nodePools[general].count=40.",
                       repeatable: true),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details: "Exit codes: 0 success, 1 invalid scenario, 2 usage error, 3 an expectation failed.")

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "run takes exactly one scenario file") }
        let quiet = arguments.flag("--quiet")
        let seed = try arguments.seed(), overrides = try arguments.overrides()
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(arguments.positionals[0], overrides: overrides, seed: seed)
        } catch {
            Console.error(error.description)
            return .invalidInput
        }
        Console.report(loaded.diagnostics, quiet: quiet)
        let simulation: Simulation
        do {
            simulation = try Simulation(loaded.setup)
        } catch {
            Console.error("\(loaded.scenario.file): error: \(error)")
            return .invalidInput
        }

        let clock = ContinuousClock()
        let started = clock.now
        var progress = ProgressBar(quiet: quiet)
        let duration = loaded.setup.duration
        let steps: Int64 = 100
        for step in 1...steps {
            let until = step == steps ? duration : duration / steps * step
            simulation.run(until: until)
            progress.update(fraction: Double(step) / Double(steps), simulated: GoDuration.format(until))
        }
        progress.finish()
        let elapsed = clock.now - started
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        let summary = simulation.summary(wallSeconds: (wallSeconds * 1_000).rounded() / 1_000)
        let directory = arguments.value("--out") ?? "reports/\(loaded.scenario.name)"
        do {
            try OutputDirectory.write([
                ("summary.json", summary.serialized(pretty: true) + "\n"),
                ("events.csv", simulation.eventsCSV()),
                ("timeseries.csv", simulation.timeSeriesCSV()),
                ("placements.csv", simulation.placementsCSV()),
            ], to: directory)
        } catch {
            Console.error("kubesim: error: \(error)")
            return .invalidInput
        }
        if !quiet { Console.out(SummaryText.render(summary, directory: directory)) }
        guard simulation.expectationsPassed(in: summary) else {
            Console.error(SummaryText.failedExpectations(summary))
            return .checkFailed
        }
        return .success
    }
}
