import SimCore

/// The short summary `kubesim run` prints, read from the summary JSON so that it shows exactly
/// the numbers the file holds.
enum SummaryText {
    static func render(_ summary: JSONValue, directory: String) -> String {
        func number(_ path: String) -> Double {
            var node: JSONValue? = summary
            for key in path.split(separator: ".") { node = node?[String(key)] }
            return node?.doubleValue ?? 0
        }
        func percent(_ value: Double) -> String { format(value * 100, decimals: 1) + " %" }
        let name: String
        if case .string(let text)? = summary["scenario"] { name = text } else { name = "" }
        var lines = [
            "kubesim: \(name): simulated \(GoDuration.format(SimTime(number("simulatedSeconds") * 1_000))) in \(format(number("wallSeconds"), decimals: 2)) s (\(Int(number("events"))) events)",
            "  nodes       \(Int(number("cluster.nodes.min")))–\(Int(number("cluster.nodes.max"))), \(format(number("cluster.nodeHours"), decimals: 1)) node-hours, cost \(format(number("cluster.cost"), decimals: 2))",
            "  pods        \(Int(number("pods.created"))) created, \(Int(number("pods.scheduled"))) scheduled, \(Int(number("pods.pendingAtEnd"))) pending at end (max \(Int(number("cluster.podsPendingMax"))) pending)",
            "  requested   cpu \(percent(number("cluster.cpuRequestedRatio.avg"))) avg, \(percent(number("cluster.cpuRequestedRatio.max"))) max; memory \(percent(number("cluster.memoryRequestedRatio.avg"))) avg, \(percent(number("cluster.memoryRequestedRatio.max"))) max",
            "  scheduling  wait p50 \(format(number("cluster.schedulingLatencySeconds.p50"), decimals: 1)) s, p99 \(format(number("cluster.schedulingLatencySeconds.p99"), decimals: 1)) s",
        ]
        if case .array(let workloads)? = summary["workloads"], !workloads.isEmpty {
            let worst = workloads.min { ($0["availability"]?.doubleValue ?? 1) < ($1["availability"]?.doubleValue ?? 1) }
            if let worst, case .string(let worstName)? = worst["name"] {
                lines.append("  workloads   \(workloads.count), lowest availability \(format((worst["availability"]?.doubleValue ?? 0) * 100, decimals: 2)) % (\(worstName))")
            }
        }
        if case .array(let workloads)? = summary["workloads"] {
            let requests = workloads.compactMap { $0["requests"] }
            if !requests.isEmpty {
                let offered = requests.reduce(0) { $0 + ($1["offered"]?.doubleValue ?? 0) }
                let served = requests.reduce(0) { $0 + ($1["served"]?.doubleValue ?? 0) }
                let dropped = requests.reduce(0) { $0 + ($1["dropped"]?.doubleValue ?? 0) }
                let share = offered > 0 ? served / offered : 1
                lines.append("  requests    \(count(offered)) offered, \(format(share * 100, decimals: 2)) % served, \(count(dropped)) dropped")
            }
        }
        if case .array(let autoscalers)? = summary["autoscalers"], !autoscalers.isEmpty {
            let rescales = autoscalers.reduce(0) { $0 + Int($1["rescales"]?.doubleValue ?? 0) }
            let atMax = autoscalers.filter { ($0["secondsAtMaxReplicas"]?.doubleValue ?? 0) > 0 }.count
            lines.append("  autoscaling \(autoscalers.count) HPA\(autoscalers.count == 1 ? "" : "s"), \(rescales) rescales, \(atMax) reached maxReplicas")
        }
        if case .array(let expectations)? = summary["expectations"], !expectations.isEmpty {
            let passed = expectations.filter { $0["passed"] == .bool(true) }.count
            lines.append("  expect      \(passed)/\(expectations.count) passed")
        }
        lines.append("  outputs     \(directory)/")
        return lines.joined(separator: "\n")
    }

    /// One line per failed expectation, for standard error.
    static func failedExpectations(_ summary: JSONValue) -> String {
        guard case .array(let expectations)? = summary["expectations"] else { return "" }
        return expectations.filter { $0["passed"] != .bool(true) }.map { result in
            var target = ""
            if case .string(let text)? = result["target"] { target = " of \(text)" }
            var metric = ""
            if case .string(let text)? = result["metric"] { metric = text }
            var op = ""
            if case .string(let text)? = result["op"] { op = text }
            let actual = result["actual"]?.doubleValue.map { NumberFormat.decimal($0) } ?? "missing"
            return "kubesim: expectation failed: \(metric)\(target) \(op) \(NumberFormat.decimal(result["value"]?.doubleValue ?? 0)), actual \(actual)"
        }.joined(separator: "\n")
    }

    /// A count of requests, whole, with a k/M/G suffix past ten thousand.
    static func count(_ value: Double) -> String {
        switch value {
        case 1e9...: return format(value / 1e9, decimals: 2) + "G"
        case 1e6...: return format(value / 1e6, decimals: 2) + "M"
        case 1e4...: return format(value / 1e3, decimals: 1) + "k"
        default: return format(value, decimals: 0)
        }
    }

    static func format(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = NumberFormat.decimal(rounded)
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
            text += String(repeating: "0", count: max(0, decimals - fraction))
        }
        return text
    }
}
