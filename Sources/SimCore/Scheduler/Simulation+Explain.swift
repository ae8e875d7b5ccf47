/// `kubesim explain`: one pod's scheduling attempt, node by node.
extension Simulation {
    /// Runs until the pod `namespace/name` has gone through a scheduling cycle at or after `time`
    /// and returns that cycle's explanation; if it has none by the end of the run, the last one
    /// before `time`; nil if the pod was never scheduled by kubesim's scheduler.
    public func explain(namespace: String, name: String, at time: SimTime = 0) -> SchedulingExplanation? {
        controllers.scheduler.scheduler.explainedPod = (cluster.symbols.intern(namespace), name)
        let step = max(setup.metricsInterval, Millis.second)
        while now < setup.duration, !controllers.scheduler.scheduler.explanations.contains(where: { $0.time >= time }) {
            run(until: min(now + step, setup.duration))
        }
        return controllers.scheduler.scheduler.explanations.first { $0.time >= time } ?? controllers.scheduler.scheduler.explanations.last
    }

    /// The explanation as the CLI contract's JSON: `{"pod", "time", "nodes": [{"name", "feasible",
    /// "reasons", "scores": {"<Plugin>": {"raw", "normalized", "weighted"}}, "total"}], "selected"}`,
    /// plus whether each node was examined and, when no node fitted, the message and preemption.
    public func json(_ explanation: SchedulingExplanation, pod: String) -> JSONValue {
        let names = cluster.nodes.names
        let nodes: [JSONValue] = explanation.nodes.map { verdict in
            .object([
                ("name", .string(names[Int(verdict.node)])),
                ("feasible", .bool(verdict.feasible)),
                ("examined", .bool(verdict.examined)),
                ("reasons", .array(verdict.reasons.map(JSONValue.string))),
                ("scores", .object(verdict.scores.map { score in
                    (score.plugin, .object([("raw", .int(score.raw)), ("normalized", .int(score.normalized)), ("weighted", .int(score.weighted))]))
                })),
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
            members.append(("preemption", .object([
                ("nominatedNode", .string(names[Int(node)])), ("victims", .array(explanation.victims.map(JSONValue.string))),
            ])))
        }
        return .object(members)
    }
}
