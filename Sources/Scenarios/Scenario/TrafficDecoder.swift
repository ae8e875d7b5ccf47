import SimCore

/// A `traffic` entry, decoded, with where its target is written (checked against the manifests
/// later).
public struct TrafficEntry: Sendable {
    public var spec: TrafficSpec
    public var targetLocation: SourceLocation
}

/// Decodes the scenario's `traffic` section: targets, rate shapes (with trace files read through
/// `readFile`), noise and per-request costs.
struct TrafficDecoder {
    /// Reads a file named in the scenario (relative to its folder); errors point at `location`.
    let readFile: (_ path: String, _ location: SourceLocation) throws(Diagnostic) -> (path: String, text: String)

    static let entryFields = ["target", "rate", "start", "noise", "cpuPerRequest", "idleCPU", "memoryPerRequest", "idleMemory", "metricName"]
    static let shapes = ["constant", "step", "ramp", "diurnal", "spike", "points", "trace", "sum"]

    func decode(_ spec: Fields) throws(Diagnostic) -> [TrafficEntry] {
        var entries: [TrafficEntry] = []
        for item in try spec["traffic"]?.items("traffic") ?? [] {
            let entry = try Fields(item, "traffic entry")
            try entry.rejectUnknown(Self.entryFields)
            let targetNode = try entry.required("target", hint: "for example target: Deployment/shop/frontend or Service/shop/frontend")
            let path = try ScenarioDecoder.workloadPath(targetNode)
            let parts = path.split(separator: "/").map(String.init)
            let target: TrafficTarget
            switch parts[0] {
            case "Deployment": target = .deployment(namespace: parts[1], name: parts[2])
            case "Service": target = .service(namespace: parts[1], name: parts[2])
            default:
                throw .error(
                    at: targetNode.location, "traffic goes to a Deployment or a Service, not a \(parts[0])",
                    hint: Suggestions.hint(for: parts[0], in: ["Deployment", "Service"]))
            }
            let rate = try shape(try entry.required("rate", hint: "for example rate: {shape: constant, value: 100}"))
            var noise = 0.0
            if let node = entry["noise"] {
                noise = try node.number("noise")
                guard noise >= 0, noise <= 1 else { throw .error(at: node.location, "\"noise\" is a fraction between 0 and 1, for example 0.05") }
            }
            let cpu =
                try entry["cpuPerRequest"].map { node throws(Diagnostic) in try amount(node, "cpuPerRequest", resource: ResourceName.cpu) * 1_000 }
                ?? 0
            let idleCPU = try entry["idleCPU"].map { node throws(Diagnostic) in try amount(node, "idleCPU", resource: ResourceName.cpu) * 1_000 } ?? 0
            let memory =
                try entry["memoryPerRequest"].map { node throws(Diagnostic) in try amount(node, "memoryPerRequest", resource: ResourceName.memory) }
                ?? 0
            let idleMemory =
                try entry["idleMemory"].map { node throws(Diagnostic) in try amount(node, "idleMemory", resource: ResourceName.memory) } ?? 0
            let metricName = try entry["metricName"]?.string("metricName") ?? TrafficSpec.defaultMetricName
            let start = try entry["start"]?.duration("start") ?? 0
            entries.append(
                TrafficEntry(
                    spec: TrafficSpec(
                        target: target, rate: rate, noise: noise, cpuPerRequest: cpu, idleCPU: idleCPU,
                        memoryPerRequest: memory, idleMemory: idleMemory, start: start, metricName: metricName),
                    targetLocation: targetNode.location))
        }
        return entries
    }

    /// A non-negative quantity as a floating-point number of units ("4m" is 0.004), at most what
    /// one place may hold of `resource` (`Limits.maximumAmount`).
    private func amount(_ node: YAMLNode, _ field: String, resource: String) throws(Diagnostic) -> Double {
        let text = try node.string(field)
        do {
            let quantity = try Quantity(parsing: text)
            guard !quantity.isNegative else { throw Diagnostic.error(at: node.location, "\"\(field)\" must not be negative") }
            let unitsPerAmount = resource == ResourceName.cpu ? 1_000.0 : 1.0
            guard quantity.doubleValue * unitsPerAmount <= Double(Limits.maximumAmount(for: resource)) else {
                throw Limits.amountTooLarge(field, text, of: resource, at: node.location)
            }
            return quantity.doubleValue
        } catch let error as Quantity.ParseError {
            throw .error(at: node.location, "\"\(field)\": \(error.description)")
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw .error(at: node.location, "\"\(field)\": invalid quantity \(Diagnostic.quote(text))")
        }
    }

    /// A rate in requests per second: a number from 0 to `Limits.maxRequestRate`.
    private static func requestRate(_ node: YAMLNode, _ key: String) throws(Diagnostic) -> Double {
        let value = try node.number(key)
        guard value >= 0 else { throw .error(at: node.location, "\"\(key)\" is a rate in requests per second and must not be negative") }
        guard value <= Limits.maxRequestRate else {
            throw .error(at: node.location, "\"\(key)\" is \(value) requests per second; kubesim takes at most \(Limits.maxRequestRateText)")
        }
        return value
    }

    // MARK: Shapes

    func shape(_ node: YAMLNode) throws(Diagnostic) -> RateShape {
        let fields = try Fields(node, "rate")
        let shapeNode = try fields.required("shape", hint: "one of \(Self.shapes.joined(separator: ", "))")
        let name = try shapeNode.string("shape")
        func rate(_ key: String) throws(Diagnostic) -> Double { try Self.requestRate(try fields.required(key), key) }
        func time(_ key: String) throws(Diagnostic) -> SimTime {
            try fields.required(key, hint: "a duration from the start, for example 2h").duration(key)
        }
        switch name {
        case "constant":
            try fields.rejectUnknown(["shape", "value"])
            return .constant(try rate("value"))
        case "step":
            try fields.rejectUnknown(["shape", "from", "to", "at"])
            return .step(from: try rate("from"), to: try rate("to"), at: try time("at"))
        case "ramp":
            try fields.rejectUnknown(["shape", "from", "to", "start", "end"])
            let start = try time("start"), end = try time("end")
            guard end > start else { throw .error(at: node.location, "a ramp's end must come after its start") }
            return .ramp(from: try rate("from"), to: try rate("to"), start: start, end: end)
        case "diurnal":
            try fields.rejectUnknown(["shape", "min", "max", "peakAt", "period"])
            let low = try rate("min"), high = try rate("max")
            guard high >= low else { throw .error(at: node.location, "a diurnal shape's max must be at least its min") }
            let period = try fields["period"]?.duration("period") ?? 24 * Millis.hour
            guard period > 0 else { throw .error(at: node.location, "a diurnal shape's period must be positive") }
            return .diurnal(min: low, max: high, peakAt: try time("peakAt"), period: period)
        case "spike":
            try fields.rejectUnknown(["shape", "base", "peak", "at", "duration"])
            let duration = try time("duration")
            guard duration > 0 else { throw .error(at: node.location, "a spike's duration must be positive") }
            return .spike(base: try rate("base"), peak: try rate("peak"), at: try time("at"), duration: duration)
        case "points":
            try fields.rejectUnknown(["shape", "points"])
            var points: [RatePoint] = []
            for item in try fields.required("points", hint: "for example points: [{at: 0s, value: 10}, {at: 1h, value: 50}]").items("points") {
                let point = try Fields(item, "point")
                try point.rejectUnknown(["at", "value"])
                let at = try point.required("at").duration("at")
                if let last = points.last, at < last.at { throw .error(at: item.location, "points must be in time order") }
                points.append(RatePoint(at: at, value: try Self.requestRate(try point.required("value"), "value")))
            }
            guard !points.isEmpty else { throw .error(at: node.location, "a points shape needs at least one point") }
            return .points(points)
        case "trace":
            try fields.rejectUnknown(["shape", "file", "scale", "format", "bucket"])
            return try trace(fields)
        case "sum":
            try fields.rejectUnknown(["shape", "of"])
            var shapes: [RateShape] = []
            for item in try fields.required("of", hint: "a list of shapes").items("of") { shapes.append(try shape(item)) }
            guard !shapes.isEmpty else { throw .error(at: node.location, "a sum needs at least one shape") }
            return .sum(shapes)
        default:
            throw .error(
                at: shapeNode.location, "unknown rate shape \(Diagnostic.quote(name))",
                hint: Suggestions.hint(for: name, in: Self.shapes) ?? "one of \(Self.shapes.joined(separator: ", "))")
        }
    }

    /// `{shape: trace, file, scale, format, bucket}`: a CSV of `time,value` (seconds, requests per
    /// second; `format: rate`, the default), or a request log with one row per request whose first
    /// column is a timestamp (`format: requests`), counted into rates per `bucket` (60 s by default).
    private func trace(_ fields: Fields) throws(Diagnostic) -> RateShape {
        let fileNode = try fields.required("file", hint: "a CSV file, relative to the scenario")
        let (path, text) = try readFile(try fileNode.string("file"), fileNode.location)
        var scale = 1.0
        if let node = fields["scale"] {
            scale = try node.number("scale")
            guard scale >= 0 else { throw .error(at: node.location, "\"scale\" must not be negative") }
        }
        let format = try fields["format"]?.string("format") ?? "rate"
        let points: [(at: SimTime, value: Double)]
        switch format {
        case "rate":
            points = try TraceFile.ratePoints(text, file: path)
        case "requests":
            let bucket = try fields["bucket"]?.duration("bucket") ?? Millis.minute
            guard bucket >= Millis.second else {
                throw .error(at: fields["bucket"]?.location ?? fields.node.location, "\"bucket\" must be at least 1s")
            }
            points = try TraceFile.requestRates(text, file: path, bucket: bucket)
        default:
            throw .error(
                at: fields["format"]?.location ?? fields.node.location, "unknown trace format \(Diagnostic.quote(format))",
                hint: "rate (time,value rows) or requests (one row per request)")
        }
        if let peak = points.map(\.value).max(), peak * scale > Limits.maxRequestRate {
            throw .error(
                at: fields["scale"]?.location ?? fileNode.location,
                "the trace peaks at \(peak * scale) requests per second after scaling; kubesim takes at most \(Limits.maxRequestRateText)")
        }
        return .points(points.map { RatePoint(at: $0.at, value: $0.value * scale) })
    }
}
