import Foundation
import SimCore

/// The `kubesim` command: dispatches to a subcommand and turns its outcome into an exit code.
enum Kubesim {
    static let specs = [RunCommand.spec, ValidateCommand.spec, ExplainCommand.spec, ReportCommand.spec, BenchCommand.spec]

    static let overview = """
        kubesim \(KubesimVersion.current): a discrete-event simulator of a Kubernetes cluster for capacity planning.

        Usage: kubesim <command> [options]

        Commands:
          run SCENARIO        Simulate a scenario and write its metrics
          validate FILE...    Check scenarios and manifests without running them
          explain SCENARIO    Show why the scheduler placed one pod where it did
          report DIR          Draw a run's, comparison's or sweep's outputs as charts in DIR/report.html
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
