import Foundation
import Scenarios
import SimCore

/// `kubesim export DIR [--epoch TIME] [--quiet]`: writes `metrics.om` from the `timeseries.csv` of an
/// output folder, as `run --format openmetrics` would have.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export", usage: "kubesim export DIR [--epoch TIME] [--quiet]",
        summary:
            "Write metrics.om, the time series as OpenMetrics text, from the timeseries.csv of an output folder of kubesim run (as run --format openmetrics does).",
        options: [
            OptionSpec(
                name: "--epoch", value: "TIME",
                help:
                    "The wall-clock time of simulated time 0, RFC 3339 (default 2024-01-01T00:00:00Z; give the scenario's spec.startTime if it has one)."
            ),
            OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors."),
        ],
        details:
            "Exit codes: 0 success, 1 the folder holds no timeseries.csv kubesim can read, 2 usage error, 4 metrics.om could not be written (a previous one is left as it was)."
    )

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "export takes exactly one output folder") }
        let epoch = try arguments.epoch() ?? SimulationSetup.defaultStartTime
        let directory = arguments.positionals[0]
        let path = directory.hasSuffix("/") ? directory + "timeseries.csv" : directory + "/timeseries.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error(
                "kubesim export: error: \(directory) holds no timeseries.csv: export reads the output folder of kubesim run (reports/<scenario name> by default)"
            )
            return .invalidInput
        }
        let series: TimeSeries
        do {
            series = try TimeSeriesCSV.read(try InputText.read(path).text, file: path)
        } catch {
            Console.error(error.description)
            return .invalidInput
        }
        Interruption.install()
        do {
            let output = try OutputSet(directory: directory, names: [OpenMetrics.fileName])
            do {
                try output.write(OpenMetrics.fileName) { file throws(OutputSet.WriteError) in
                    try OpenMetrics.write(series, epoch: epoch, to: file.write)
                }
                try output.commit()
            } catch {
                output.abandon()
                throw error
            }
        } catch {
            Console.error("kubesim: error: \(error); a previous \(OpenMetrics.fileName) in \(directory), if any, is as it was")
            return .outputFailed
        }
        if !arguments.flag("--quiet") { Console.out("kubesim: wrote \(filePath(in: directory)) (\(series.count) samples)") }
        return .success
    }

    /// The path of `metrics.om` in `directory`, as printed.
    private static func filePath(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + OpenMetrics.fileName : directory + "/" + OpenMetrics.fileName
    }
}
