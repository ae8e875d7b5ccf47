import Foundation
import Scenarios
import SimCore

/// `kubesim run SCENARIO [--seed N] [--out DIR] [--set PATH=VALUE]... [--format openmetrics [--epoch TIME]] [--max-memory SIZE] [--check-invariants] [--strict] [--quiet]`
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        usage:
            "kubesim run SCENARIO [--seed N] [--out DIR] [--set PATH=VALUE]... [--format openmetrics [--epoch TIME]] [--max-memory SIZE] [--check-invariants] [--strict] [--quiet]",
        summary:
            "Simulate a scenario and write summary.json, events.csv, timeseries.csv and placements.csv (and metrics.om with --format openmetrics).",
        options: [
            OptionSpec(name: "--seed", value: "N", help: "Override the scenario's seed."),
            OptionSpec(name: "--out", value: "DIR", help: "Output folder (default: reports/<scenario name>)."),
            OptionSpec(
                name: "--set", value: "PATH=VALUE",
                help:
                    "Override a scenario field, e.g. spec.cluster.nodePools[general].count=40, or a manifest's: manifests[Deployment/shop/web].spec.replicas=5.",
                repeatable: true),
            OptionSpec(
                name: "--format", value: "FORMAT",
                help: "With openmetrics, also write metrics.om: the time series as OpenMetrics text, for promtool and Prometheus."),
            OptionSpec(
                name: "--epoch", value: "TIME",
                help: "The wall-clock time of simulated time 0 in metrics.om, RFC 3339 (default: the scenario's spec.startTime)."),
            OptionSpec(
                name: "--max-memory", value: "SIZE",
                help: "Refuse, or stop, a run that needs more memory than SIZE (e.g. 2Gi; default 60% of this machine's)."),
            OptionSpec(
                name: "--check-invariants", value: nil,
                help: "Check the cluster's invariants after every event (capacity, one binding per pod, pods conserved); slow."),
            OptionSpec(
                name: "--strict", value: nil,
                help:
                    "Refuse the scenario (exit 1) when its manifests hold anything kubesim would leave out: a kind it does not simulate, an unknown field."
            ),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details:
            "Exit codes: 0 success, 1 invalid scenario (or a run too big for this machine), 2 usage error, 3 an expectation failed, 4 the outputs could not be written (the previous ones are left as they were), 70 an internal error (--check-invariants found a broken invariant), 130/143 stopped by SIGINT/SIGTERM (nothing written)."
    )

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "run takes exactly one scenario file") }
        let quiet = arguments.flag("--quiet")
        let openMetrics = try openMetricsOptions(arguments)
        Interruption.install()
        guard let loaded = try arguments.loadScenario(quiet: quiet) else { return .invalidInput }
        // The output folder is checked, and its staging folder made, before anything is simulated.
        let directory = arguments.value("--out") ?? "reports/\(loaded.scenario.name)"
        let output: OutputSet
        do {
            output = try OutputSet(directory: directory, names: RunFiles.names(openMetrics: openMetrics.write))
        } catch {
            Console.error("kubesim: error: \(error)")
            return .outputFailed
        }
        var progress = ProgressBar(quiet: quiet)
        let result: RunResult
        do {
            result = try ScenarioRun.run(loaded, checkInvariants: arguments.flag("--check-invariants")) { simulated in
                let fraction = loaded.setup.duration > 0 ? Double(simulated) / Double(loaded.setup.duration) : 1
                progress.update(fraction: fraction, simulated: GoDuration.format(simulated))
            }
        } catch {
            progress.finish()
            output.abandon()
            Console.error(error.description)
            return error.kind == .invariantsBroken ? .internalError : .invalidInput
        }
        progress.finish()

        do {
            try RunFiles.write(result, into: output, openMetricsEpoch: openMetrics.write ? openMetrics.epoch ?? loaded.setup.startTime : nil)
            try output.commit()
        } catch {
            output.abandon()
            Console.error("kubesim: error: \(error); the previous outputs in \(directory), if any, are as they were")
            return .outputFailed
        }
        if !quiet { Console.out(SummaryText.render(result.summary, directory: directory)) }
        guard result.summary.expectationsPassed else {
            Console.error(SummaryText.failedExpectations(result.summary))
            return .checkFailed
        }
        return .success
    }

    /// `--format openmetrics` and `--epoch TIME`: whether to write metrics.om, and the epoch it
    /// was given (nil for the scenario's start time).
    static func openMetricsOptions(_ arguments: ParsedArguments) throws(UsageError) -> (write: Bool, epoch: Int64?) {
        let format = arguments.value("--format")
        if let format, format != "openmetrics" {
            throw UsageError(message: "--format must be openmetrics (the CSV files are always written), not '\(format)'")
        }
        let epoch = try arguments.epoch()
        if epoch != nil && format == nil { throw UsageError(message: "--epoch is for metrics.om: give --format openmetrics too") }
        return (format != nil, epoch)
    }
}
