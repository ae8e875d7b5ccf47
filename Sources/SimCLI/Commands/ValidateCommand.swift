import Scenarios

/// `kubesim validate FILE...`: checks scenarios (and manifest files) without running them.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", usage: "kubesim validate FILE... [--strict]",
        summary:
            "Check scenario files, and the manifests they use, without running them: everything run builds is built. A file that is not a Scenario is checked as Kubernetes manifests; - reads standard input.",
        options: [
            OptionSpec(name: "--strict", value: nil, help: "Treat every warning as an error: anything kubesim would leave out fails the check."),
            OptionSpec(name: "--quiet", value: nil, help: "Print only errors and warnings."),
        ],
        details: "Exit codes: 0 every file is valid, 1 some file is not, 2 usage error.")

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard !arguments.positionals.isEmpty else { throw UsageError(message: "validate needs at least one file") }
        let quiet = arguments.flag("--quiet"), strict = arguments.flag("--strict")
        var result = ExitCode.success
        for path in arguments.positionals {
            do {
                let input = try InputText.read(path)
                if try ScenarioLoader.isScenario(input) {
                    let loaded = try ScenarioLoader.load(input)
                    guard Console.report(loaded.diagnostics, quiet: quiet, strict: strict) else {
                        result = .invalidInput
                        continue
                    }
                    // Build the simulation as run does, so that "ok" means run will start.
                    _ = try ScenarioRun.prepare(loaded)
                    let setup = loaded.setup
                    let nodes = setup.nodePools.reduce(setup.nodes.count) { $0 + $1.count }
                    if !quiet {
                        let workloads = [
                            (setup.daemonSets.count, "DaemonSet"), (setup.statefulSets.count, "StatefulSet"), (setup.jobs.count, "Job"),
                            (setup.cronJobs.count, "CronJob"),
                        ].filter { $0.0 > 0 }.map { counted($0.0, $0.1) }
                        let parts =
                            [
                                counted(nodes, "node") + " in " + counted(setup.nodePools.count, "pool"),
                                counted(setup.deployments.count, "Deployment"),
                                counted(setup.replicaSets.count, "ReplicaSet"),
                            ] + workloads + [
                                counted(setup.pods.count, "Pod"), counted(setup.autoscalers.count, "HorizontalPodAutoscaler"),
                                counted(setup.traffic.count, "traffic source"), counted(setup.timeline.count, "timeline event"),
                                counted(setup.faults.count, "fault"),
                            ]
                        Console.out("\(path): ok: scenario \(setup.name), " + parts.joined(separator: ", "))
                    }
                } else {
                    let (manifests, diagnostics) = try ScenarioLoader.validateManifests(input)
                    guard Console.report(diagnostics, quiet: quiet, strict: strict) else {
                        result = .invalidInput
                        continue
                    }
                    if !quiet {
                        let workloads = [
                            (manifests.daemonSets.count, "DaemonSet"), (manifests.statefulSets.count, "StatefulSet"), (manifests.jobs.count, "Job"),
                            (manifests.cronJobs.count, "CronJob"),
                        ].filter { $0.0 > 0 }.map { counted($0.0, $0.1) }
                        let parts =
                            [counted(manifests.deployments.count, "Deployment"), counted(manifests.replicaSets.count, "ReplicaSet")] + workloads + [
                                counted(manifests.pods.count, "Pod"), counted(manifests.nodes.count, "Node"),
                                counted(manifests.autoscalers.count, "HorizontalPodAutoscaler"),
                            ]
                        Console.out("\(path): ok: manifests, " + parts.joined(separator: ", "))
                    }
                }
            } catch {
                Console.error("\(error)")
                result = .invalidInput
            }
        }
        return result
    }

    /// "1 node", "3 nodes".
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
