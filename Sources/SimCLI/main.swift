import Foundation
import SimCore

/// The `kubesim` command: dispatches to a subcommand and turns its outcome into an exit code.
enum Kubesim {
    static let specs = [
        RunCommand.spec, ValidateCommand.spec, ExplainCommand.spec, ExportCommand.spec, ReportCommand.spec, CompareCommand.spec, SweepCommand.spec,
        MergeCommand.spec, CapacityCommand.spec, BenchCommand.spec,
    ]

    static let overview = """
        kubesim \(KubesimVersion.current): a discrete-event simulator of a Kubernetes cluster for capacity planning.

        Usage: kubesim <command> [options]

        Commands:
          run SCENARIO        Simulate a scenario and write its metrics
          validate FILE...    Check scenarios and manifests without running them
          explain SCENARIO    Show why the scheduler placed one pod where it did
          export DIR          Write metrics.om (OpenMetrics) from an output folder's timeseries.csv
          compare SCENARIO    Run variants of a scenario side by side on the same seeds
          sweep SCENARIO      Run a scenario over a grid of values and seeds
          merge DIR...        Join the folders of a sharded sweep
          capacity SCENARIO   Find the smallest value of a field for which every expectation passes
          report DIR          Draw a run, comparison, sweep or capacity folder as charts in DIR/report.html
          bench               Measure simulation speed
          version             Print the version

        Run 'kubesim <command> --help' for a command's options.
        """

    static func main(_ arguments: [String]) -> ExitCode {
        guard let name = arguments.first else {
            Console.error(overview)
            return .usage
        }
        switch name {
        case "--help", "-h", "help":
            Console.out(overview)
            return .success
        case "version", "--version":
            Console.out("kubesim \(KubesimVersion.current) (Kubernetes \(KubesimVersion.kubernetes) algorithms)")
            return .success
        default:
            break
        }
        guard let spec = specs.first(where: { $0.name == name }) else {
            Console.error("kubesim: error: unknown command '\(name)'\n\n\(overview)")
            return .usage
        }
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: spec)
            if parsed.helpRequested {
                Console.out(spec.help)
                return .success
            }
            switch name {
            case "run": return try RunCommand.run(parsed)
            case "validate": return try ValidateCommand.run(parsed)
            case "explain": return try ExplainCommand.run(parsed)
            case "export": return try ExportCommand.run(parsed)
            case "compare": return try CompareCommand.run(parsed)
            case "sweep": return try SweepCommand.run(parsed)
            case "capacity": return try CapacityCommand.run(parsed)
            case "merge": return try MergeCommand.run(parsed)
            case "report": return try ReportCommand.run(parsed)
            default: return try BenchCommand.run(parsed)
            }
        } catch {
            Console.error("kubesim \(name): error: \(error.message)\nUsage: \(spec.usage)\nRun 'kubesim \(name) --help' for more.")
            return .usage
        }
    }
}

exit(Kubesim.main(Array(CommandLine.arguments.dropFirst())).rawValue)
