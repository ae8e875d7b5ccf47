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
            OptionSpec(
                name: "--set", value: "PATH=VALUE", help: "Override a scenario field, e.g. spec.cluster.nodePools[general].count=40.",
                repeatable: true),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details: "Exit codes: 0 success, 1 invalid scenario, 2 usage error, 3 an expectation failed.")

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "run takes exactly one scenario file") }
        let quiet = arguments.flag("--quiet")
        guard let loaded = try arguments.loadScenario(quiet: quiet) else { return .invalidInput }
        var progress = ProgressBar(quiet: quiet)
        let result: RunResult
        do {
            result = try ScenarioRun.run(loaded) { simulated in
                let fraction = loaded.setup.duration > 0 ? Double(simulated) / Double(loaded.setup.duration) : 1
                progress.update(fraction: fraction, simulated: GoDuration.format(simulated))
            }
        } catch {
            Console.error(error.description)
            return .invalidInput
        }
        progress.finish()

        let directory = arguments.value("--out") ?? "reports/\(loaded.scenario.name)"
        do {
            try OutputDirectory.write(RunFiles.contents(of: result), to: directory)
        } catch {
            Console.error("kubesim: error: \(error)")
            return .invalidInput
        }
        if !quiet { Console.out(SummaryText.render(result.summary, directory: directory)) }
        guard result.summary.expectationsPassed else {
            Console.error(SummaryText.failedExpectations(result.summary))
            return .checkFailed
        }
        return .success
    }
}
