import Scenarios
import SimCore

/// `kubesim explain SCENARIO --pod NS/NAME [--at TIME] [--json]`: one pod's scheduling attempt,
/// every node's filter verdict and every score plugin's raw, normalized and weighted score.
enum ExplainCommand {
    static let spec = CommandSpec(
        name: "explain", usage: "kubesim explain SCENARIO --pod NS/NAME [--at TIME] [--json] [--seed N] [--set PATH=VALUE]...",
        summary: "Show why the scheduler placed (or could not place) one pod: each node's filter verdict and each plugin's scores.",
        options: [
            OptionSpec(name: "--pod", value: "NS/NAME", help: "The pod, as events.csv and placements.csv name it (namespace defaults to default)."),
            OptionSpec(name: "--at", value: "TIME", help: "Explain the first attempt at or after this time (a duration, default 0s)."),
            OptionSpec(name: "--json", value: nil, help: "Print JSON instead of text."),
            OptionSpec(name: "--seed", value: "N", help: "Override the scenario's seed."),
            OptionSpec(name: "--set", value: "PATH=VALUE", help: "Override a scenario field.", repeatable: true),
        ],
        details: """
            The scenario runs until the pod's first scheduling attempt at or after --at (or its last
            attempt before, if there is none after). Nodes the cycle did not reach, because it had
            found enough feasible nodes (percentageOfNodesToScore), are marked "not examined"; their
            verdicts are computed for information and took no part in the decision.
            """)

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1 else { throw UsageError(message: "explain takes exactly one scenario file") }
        guard let podArgument = arguments.value("--pod") else { throw UsageError(message: "explain needs --pod NAMESPACE/NAME") }
        let parts = podArgument.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw UsageError(message: "--pod takes NAMESPACE/NAME, not '\(podArgument)'")
        }
        let (namespace, name) = parts.count == 2 ? (parts[0], parts[1]) : ("default", parts[0])
        var at: SimTime = 0
        if let text = arguments.value("--at") {
            guard let value = try? GoDuration.milliseconds(text), value >= 0 else {
                throw UsageError(message: "--at takes a duration such as 90s or 1h, not '\(text)'")
            }
            at = value
        }
        guard let loaded = try arguments.loadScenario(quiet: true) else { return .invalidInput }
        let simulation: Simulation
        do {
            simulation = try Simulation(loaded.setup)
        } catch {
            Console.error("\(loaded.scenario.file): error: \(error)")
            return .invalidInput
        }
        guard let explanation = simulation.explain(namespace: namespace, name: name, at: at) else {
            Console.error(
                "kubesim: error: pod \(namespace)/\(name) never went through a scheduling cycle in this run"
                    + "\n  hint: take a pod name from placements.csv or events.csv of a run with the same seed")
            return .invalidInput
        }
        let podName = "\(namespace)/\(name)"
        if arguments.flag("--json") {
            Console.out(json(explanation, pod: podName, nodeNames: simulation.cluster.nodes.names).serialized(pretty: true))
        } else {
            Console.out(text(explanation, pod: podName, simulation: simulation))
        }
        return .success
    }

    static func text(_ explanation: SchedulingExplanation, pod: String, simulation: Simulation) -> String {
        let names = simulation.cluster.nodes.names
        var lines: [String] = []
        let when = GoDuration.format(explanation.time)
        if let selected = explanation.selected {
            lines.append("Pod \(pod), scheduling attempt at \(when): bound to \(names[Int(selected)])")
        } else {
            lines.append("Pod \(pod), scheduling attempt at \(when): unschedulable")
            if let message = explanation.message { lines.append("  \(message)") }
            if let node = explanation.nominatedNode {
                lines.append("  preemption: nominated to \(names[Int(node)]), evicting \(explanation.victims.joined(separator: ", "))")
            }
        }
        lines.append("")
        for verdict in explanation.nodes {
            let name = names[Int(verdict.node)]
            let marker = verdict.node == explanation.selected ? "   <- selected" : ""
            let examined = verdict.examined ? "" : " (not examined)"
            if verdict.feasible {
                let total = verdict.total.map { "total \($0)" } ?? "not scored"
                lines.append("\(name.padding(to: 24))feasible\(examined), \(total)\(marker)")
                for score in verdict.scores {
                    lines.append(
                        "    " + score.plugin.padding(to: 34)
                            + "raw \(String(score.raw).padding(to: 6))normalized \(String(score.normalized).padding(to: 5))weighted \(score.weighted)"
                    )
                }
            } else {
                lines.append("\(name.padding(to: 24))not feasible\(examined): \(verdict.reasons.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The explanation as the CLI contract's JSON: `{"pod", "time", "nodes": [{"name", "feasible",
    /// "reasons", "scores": {"<Plugin>": {"raw", "normalized", "weighted"}}, "total"}], "selected"}`,
    /// plus whether each node was examined and, when no node fitted, the message and preemption.
    static func json(_ explanation: SchedulingExplanation, pod: String, nodeNames names: [String]) -> JSONValue {
        let nodes: [JSONValue] = explanation.nodes.map { verdict in
            .object([
                ("name", .string(names[Int(verdict.node)])),
                ("feasible", .bool(verdict.feasible)),
                ("examined", .bool(verdict.examined)),
                ("reasons", .array(verdict.reasons.map(JSONValue.string))),
                (
                    "scores",
                    .object(
                        verdict.scores.map { score in
                            (
                                score.plugin,
                                .object([("raw", .int(score.raw)), ("normalized", .int(score.normalized)), ("weighted", .int(score.weighted))])
                            )
                        })
                ),
                ("total", verdict.total.map(JSONValue.int) ?? .null),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("pod", .string(pod)),
            ("time", .number(Double(explanation.time) / 1_000)),
            ("nodes", .array(nodes)),
            ("selected", explanation.selected.map { .string(names[Int($0)]) } ?? .null),
        ]
        if let message = explanation.message { members.append(("message", .string(message))) }
        if let node = explanation.nominatedNode {
            members.append(
                (
                    "preemption",
                    .object([
                        ("nominatedNode", .string(names[Int(node)])), ("victims", .array(explanation.victims.map(JSONValue.string))),
                    ])
                ))
        }
        return .object(members)
    }
}
