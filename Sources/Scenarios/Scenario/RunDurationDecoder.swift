import SimCore

/// Decodes the scenario's `runDurations`: how long the pods of a workload run before they exit,
/// as a distribution, where the `kubesim.io/run-duration` annotation gives one fixed time.
///
/// ```yaml
///   runDurations:
///   - target: CronJob/batch/nightly-report
///     distribution: {shape: lognormal, median: 20m, sigma: 0.4}
/// ```
enum RunDurationDecoder {
    static let shapes = ["constant", "uniform", "exponential", "normal", "lognormal"]

    static func decode(_ spec: Fields) throws(Diagnostic) -> [(target: String, duration: RunDuration, location: SourceLocation)] {
        var entries: [(target: String, duration: RunDuration, location: SourceLocation)] = []
        for item in try spec["runDurations"]?.items("runDurations") ?? [] {
            let entry = try Fields(item, "runDurations entry")
            try entry.rejectUnknown(["target", "distribution"])
            let targetNode = try entry.required("target", hint: "the workload whose pods run this long, e.g. target: Job/batch/reindex")
            let target = try ScenarioDecoder.workloadPath(targetNode)
            let node = try entry.required("distribution", hint: "for example distribution: {shape: uniform, min: 5m, max: 15m}")
            entries.append((target, try distribution(node), targetNode.location))
        }
        return entries
    }

    private static func distribution(_ node: YAMLNode) throws(Diagnostic) -> RunDuration {
        let fields = try Fields(node, "distribution")
        let shapeNode = try fields.required("shape", hint: "one of " + shapes.joined(separator: ", "))
        let shape = try shapeNode.string("shape")
        func positive(_ field: String) throws(Diagnostic) -> SimTime {
            let valueNode = try fields.required(field)
            let value = try valueNode.duration(field)
            guard value > 0, value <= RunDuration.longest else {
                throw .error(at: valueNode.location, "\"\(field)\" must be positive and at most \(Limits.maxTimeSecondsText)")
            }
            return value
        }
        switch shape {
        case "constant":
            try fields.rejectUnknown(["shape", "value"])
            return .fixed(try positive("value"))
        case "uniform":
            try fields.rejectUnknown(["shape", "min", "max"])
            let low = try positive("min"), high = try positive("max")
            guard low <= high else { throw .error(at: node.location, "\"min\" must not be more than \"max\"") }
            return .uniform(min: low, max: high)
        case "exponential":
            try fields.rejectUnknown(["shape", "mean"])
            return .exponential(mean: try positive("mean"))
        case "normal":
            try fields.rejectUnknown(["shape", "mean", "stddev"])
            return .normal(mean: try positive("mean"), standardDeviation: try positive("stddev"))
        case "lognormal":
            try fields.rejectUnknown(["shape", "median", "sigma"])
            let sigmaNode = try fields.required("sigma")
            let sigma = try sigmaNode.number("sigma")
            guard sigma > 0, sigma <= 5 else { throw .error(at: sigmaNode.location, "\"sigma\" must be more than 0 and at most 5") }
            return .logNormal(median: try positive("median"), sigma: sigma)
        default:
            throw .error(
                at: shapeNode.location, "unknown distribution shape \(Diagnostic.quote(shape))",
                hint: Suggestions.hint(for: shape, in: shapes) ?? "one of " + shapes.joined(separator: ", "))
        }
    }
}
