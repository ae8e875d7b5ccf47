/// What the report reads of a run's `summary.json` (docs/metrics-reference.md). Fields that are
/// missing read as zero or empty, so a summary written by an older kubesim still gives a report.
struct SummaryFile {
    struct Workload {
        var kind = "", namespace = "", name = ""
        var availability = 1.0
        var replicas: (min: Double, avg: Double, max: Double)?
        var scaleEvents: Int?
        var requests: (offered: Double, served: Double, dropped: Double)?
        var rollouts: [(revision: Int, startedAt: Double, completedAt: Double?)] = []
        var path: String { "\(kind)/\(namespace)/\(name)" }
    }

    struct Autoscaler {
        var namespace = "", name = "", target = ""
        var minReplicas = 0, maxReplicas = 0, rescales = 0
        var secondsAtMaxReplicas = 0.0
        var path: String { "HorizontalPodAutoscaler/\(namespace)/\(name)" }
    }

    struct Fault {
        var type = "", target = ""
        var at = 0.0
        var recoverySeconds: Double?
    }

    struct Expectation {
        var metric = "", target = "", op = ""
        var value = 0.0
        var actual: Double?
        var passed = false
    }

    var scenario = ""
    var seed: Int64 = 0
    var simulatedSeconds = 0.0
    var events = 0
    var nodes = (min: 0.0, avg: 0.0, max: 0.0)
    var nodeHours = 0.0, cost = 0.0
    var cpuRequested = (avg: 0.0, max: 0.0)
    var memoryRequested = (avg: 0.0, max: 0.0)
    var podsPendingMax = 0.0
    var schedulingLatency = (p50: 0.0, p95: 0.0, p99: 0.0)
    var pods = (created: 0.0, scheduled: 0.0, pendingAtEnd: 0.0, evicted: 0.0, preempted: 0.0)
    var workloads: [Workload] = []
    var autoscalers: [Autoscaler] = []
    var faults: [Fault] = []
    var expectations: [Expectation] = []

    init(_ json: JSONValue) {
        func number(_ value: JSONValue?, _ path: String...) -> Double {
            var current = value
            for key in path { current = current?[key] }
            return current?.doubleValue ?? 0
        }
        scenario = json["scenario"]?.stringValue ?? "run"
        if case .int(let value) = json["seed"] { seed = value }
        simulatedSeconds = number(json, "simulatedSeconds")
        events = Int(saturating: number(json, "events"))
        let cluster = json["cluster"]
        nodes = (number(cluster, "nodes", "min"), number(cluster, "nodes", "avg"), number(cluster, "nodes", "max"))
        nodeHours = number(cluster, "nodeHours")
        cost = number(cluster, "cost")
        cpuRequested = (number(cluster, "cpuRequestedRatio", "avg"), number(cluster, "cpuRequestedRatio", "max"))
        memoryRequested = (number(cluster, "memoryRequestedRatio", "avg"), number(cluster, "memoryRequestedRatio", "max"))
        podsPendingMax = number(cluster, "podsPendingMax")
        let latency = cluster?["schedulingLatencySeconds"]
        schedulingLatency = (number(latency, "p50"), number(latency, "p95"), number(latency, "p99"))
        let pods = json["pods"]
        self.pods = (
            number(pods, "created"), number(pods, "scheduled"), number(pods, "pendingAtEnd"), number(pods, "evicted"), number(pods, "preempted")
        )
        workloads = (json["workloads"]?.arrayValue ?? []).map { entry in
            var workload = Workload()
            workload.kind = entry["kind"]?.stringValue ?? ""
            workload.namespace = entry["namespace"]?.stringValue ?? ""
            workload.name = entry["name"]?.stringValue ?? ""
            workload.availability = entry["availability"]?.doubleValue ?? 1
            if let replicas = entry["replicas"] {
                workload.replicas = (number(replicas, "min"), number(replicas, "avg"), number(replicas, "max"))
            }
            workload.scaleEvents = entry["scaleEvents"]?.doubleValue.map { Int(saturating: $0) }
            if let requests = entry["requests"] {
                workload.requests = (number(requests, "offered"), number(requests, "served"), number(requests, "dropped"))
            }
            workload.rollouts = (entry["rollouts"]?.arrayValue ?? []).map { rollout in
                (Int(saturating: number(rollout, "revision")), number(rollout, "startedAt"), rollout["completedAt"]?.doubleValue)
            }
            return workload
        }
        autoscalers = (json["autoscalers"]?.arrayValue ?? []).map { entry in
            var autoscaler = Autoscaler()
            autoscaler.namespace = entry["namespace"]?.stringValue ?? ""
            autoscaler.name = entry["name"]?.stringValue ?? ""
            autoscaler.target = entry["target"]?.stringValue ?? ""
            autoscaler.minReplicas = Int(saturating: number(entry, "minReplicas"))
            autoscaler.maxReplicas = Int(saturating: number(entry, "maxReplicas"))
            autoscaler.rescales = Int(saturating: number(entry, "rescales"))
            autoscaler.secondsAtMaxReplicas = number(entry, "secondsAtMaxReplicas")
            return autoscaler
        }
        faults = (json["faults"]?.arrayValue ?? []).map { entry in
            Fault(
                type: entry["type"]?.stringValue ?? "", target: entry["target"]?.stringValue ?? "", at: number(entry, "at"),
                recoverySeconds: entry["recoverySeconds"]?.doubleValue)
        }
        expectations = (json["expectations"]?.arrayValue ?? []).map { entry in
            Expectation(
                metric: entry["metric"]?.stringValue ?? "", target: entry["target"]?.stringValue ?? "", op: entry["op"]?.stringValue ?? "",
                value: number(entry, "value"), actual: entry["actual"]?.doubleValue, passed: entry["passed"]?.boolValue ?? false)
        }
    }
}
