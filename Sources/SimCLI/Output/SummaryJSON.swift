import SimCore

/// `summary.json`: the typed summary, field by field in the order of the output contract.
extension RunSummary {
    var json: JSONValue {
        .object([
            ("scenario", .string(scenario)),
            ("seed", .int(Int64(bitPattern: seed))),
            ("simulatedSeconds", .number(simulatedSeconds)),
            ("wallSeconds", .number(wallSeconds)),
            ("events", .int(Int64(events))),
            (
                "cluster",
                .object([
                    (
                        "nodes",
                        .object([
                            ("min", .int(Int64(cluster.nodes.min))), ("avg", .number(cluster.nodes.avg)), ("max", .int(Int64(cluster.nodes.max))),
                        ])
                    ),
                    ("nodeHours", .number(cluster.nodeHours)),
                    ("cost", .number(cluster.cost)),
                    ("cpuRequestedRatio", cluster.cpuRequestedRatio.json),
                    ("memoryRequestedRatio", cluster.memoryRequestedRatio.json),
                    ("podsPendingMax", .int(Int64(cluster.podsPendingMax))),
                    (
                        "schedulingLatencySeconds",
                        .object([
                            ("p50", .number(cluster.schedulingLatencySeconds.p50)), ("p95", .number(cluster.schedulingLatencySeconds.p95)),
                            ("p99", .number(cluster.schedulingLatencySeconds.p99)), ("max", .number(cluster.schedulingLatencySeconds.max)),
                        ])
                    ),
                ])
            ),
            (
                "pods",
                .object([
                    ("created", .int(Int64(pods.created))), ("scheduled", .int(Int64(pods.scheduled))),
                    ("pendingAtEnd", .int(Int64(pods.pendingAtEnd))), ("evicted", .int(Int64(pods.evicted))),
                    ("preempted", .int(Int64(pods.preempted))),
                ])
            ),
            ("workloads", .array(workloads.map(\.json))),
            ("autoscalers", .array(autoscalers.map(\.json))),
            (
                "faults",
                .array(
                    faults.map { fault in
                        .object(
                            [
                                ("type", .string(fault.type)), ("at", .number(fault.at)), ("target", .string(fault.target)),
                                ("recoverySeconds", fault.recoverySeconds.map(JSONValue.number) ?? .null),
                            ] + (fault.drained.map { [("drained", JSONValue.bool($0))] } ?? []))
                    })
            ),
            (
                "expectations",
                .array(
                    expectations.map { result in
                        .object([
                            ("metric", .string(result.expectation.metric)),
                            ("target", result.expectation.target.map(JSONValue.string) ?? .null),
                            ("op", .string(result.expectation.op.rawValue)),
                            ("value", .number(result.expectation.value)),
                            ("actual", result.actual.map(JSONValue.number) ?? .null),
                            ("passed", .bool(result.passed)),
                        ])
                    })
            ),
            (
                "ignored",
                .array(
                    ignored.map { object in
                        .object([
                            ("kind", .string(object.kind)), ("namespace", .string(object.namespace)), ("name", .string(object.name)),
                            ("reason", .string(object.reason)), ("affectsCapacity", .bool(object.affectsCapacity)),
                        ])
                    })
            ),
        ])
    }
}

extension RunSummary.AverageAndMaximum {
    var json: JSONValue { .object([("avg", .number(avg)), ("max", .number(max))]) }
}

extension RunSummary.Workload {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(kind)), ("namespace", .string(namespace)), ("name", .string(name)), ("availability", .number(availability)),
        ]
        if let replicas {
            members.append(
                ("replicas", .object([("min", .int(Int64(replicas.min))), ("avg", .number(replicas.avg)), ("max", .int(Int64(replicas.max)))])))
        }
        if let scaleEvents { members.append(("scaleEvents", .int(Int64(scaleEvents)))) }
        if let degradedSeconds { members.append(("degradedSeconds", .number(degradedSeconds))) }
        if let rollouts {
            members.append(
                (
                    "rollouts",
                    .array(
                        rollouts.map { rollout in
                            .object([
                                ("revision", .int(rollout.revision)),
                                ("startedAt", .number(rollout.startedAt)),
                                ("completedAt", rollout.completedAt.map(JSONValue.number) ?? .null),
                                ("durationSeconds", rollout.durationSeconds.map(JSONValue.number) ?? .null),
                                ("timedOut", .bool(rollout.timedOut)),
                            ])
                        })
                ))
        }
        if let jobs {
            members.append(
                (
                    "jobs",
                    .object([
                        ("created", .int(Int64(jobs.created))), ("succeeded", .int(Int64(jobs.succeeded))),
                        ("failed", .int(Int64(jobs.failed))), ("replaced", .int(Int64(jobs.replaced))),
                    ])
                ))
        }
        if let completion {
            members.append(
                (
                    "completion",
                    .object([
                        ("succeeded", .int(Int64(completion.succeeded))), ("failed", .int(Int64(completion.failed))),
                        ("condition", completion.condition.map(JSONValue.string) ?? .null),
                        ("reason", completion.reason.map(JSONValue.string) ?? .null), ("at", completion.at.map(JSONValue.number) ?? .null),
                        ("durationSeconds", completion.durationSeconds.map(JSONValue.number) ?? .null),
                    ])
                ))
        }
        if let requests {
            members.append(
                (
                    "requests",
                    .object([
                        ("offered", .number(requests.offered)), ("served", .number(requests.served)),
                        ("dropped", .number(requests.dropped)),
                    ])
                ))
        }
        return .object(members)
    }
}

extension RunSummary.Autoscaler {
    var json: JSONValue {
        .object([
            ("namespace", .string(namespace)),
            ("name", .string(name)),
            ("target", .string(target)),
            ("minReplicas", .int(Int64(minReplicas))),
            ("maxReplicas", .int(Int64(maxReplicas))),
            ("rescales", .int(Int64(rescales))),
            ("secondsAtMaxReplicas", .number(secondsAtMaxReplicas)),
            (
                "conditions",
                .array(
                    conditions.map { condition in
                        .object([
                            ("type", .string(condition.type)), ("status", .string(condition.status ? "True" : "False")),
                            ("reason", .string(condition.reason)), ("message", .string(condition.message)),
                            ("lastTransitionTime", .number(condition.lastTransitionTime)),
                        ])
                    })
            ),
        ])
    }
}
