import SimCore

/// The short summary `kubesim run` prints, from the same typed summary `summary.json` is written
/// from, so it shows exactly the numbers the file holds.
enum SummaryText {
    static func render(_ summary: RunSummary, directory: String) -> String {
        func percent(_ value: Double) -> String { format(value * 100, decimals: 1) + " %" }
        let cluster = summary.cluster, pods = summary.pods
        var lines = [
            "kubesim: \(summary.scenario): simulated \(duration(summary.simulatedSeconds)) in \(format(summary.wallSeconds, decimals: 2)) s (\(summary.events) events)",
            "  nodes       \(cluster.nodes.min)–\(cluster.nodes.max), \(format(cluster.nodeHours, decimals: 1)) node-hours, cost \(format(cluster.cost, decimals: 2))",
            "  pods        \(pods.created) created, \(pods.scheduled) scheduled, \(pods.pendingAtEnd) pending at end (max \(cluster.podsPendingMax) pending)",
            "  requested   cpu \(percent(cluster.cpuRequestedRatio.avg)) avg, \(percent(cluster.cpuRequestedRatio.max)) max; memory \(percent(cluster.memoryRequestedRatio.avg)) avg, \(percent(cluster.memoryRequestedRatio.max)) max",
            "  scheduling  wait p50 \(duration(cluster.schedulingLatencySeconds.p50)), p99 \(duration(cluster.schedulingLatencySeconds.p99)), longest \(duration(cluster.schedulingLatencySeconds.max))",
        ]
        // Batch workloads are measured by when they finish (the jobs lines), not by availability:
        // a Job's next pods starting is not a degradation.
        let serving = summary.workloads.filter { !batchKinds.contains($0.kind) }
        if let worst = serving.min(by: { $0.availability < $1.availability }) {
            lines.append(
                "  workloads   \(summary.workloads.count), lowest availability \(format(worst.availability * 100, decimals: 2)) % (\(worst.path))")
        } else if !summary.workloads.isEmpty {
            lines.append("  workloads   \(summary.workloads.count)")
        }
        // The workloads that spent longest short of their desired replicas (the first three).
        let degraded = serving.filter { ($0.degradedSeconds ?? 0) > 0 }.sorted { ($0.degradedSeconds ?? 0) > ($1.degradedSeconds ?? 0) }
        if !degraded.isEmpty {
            let named = degraded.prefix(3).map { "\($0.path) \(duration($0.degradedSeconds ?? 0))" }
            lines.append("  degraded    " + named.joined(separator: ", ") + (degraded.count > 3 ? " and \(degraded.count - 3) more" : ""))
        }
        let requests = summary.workloads.compactMap(\.requests)
        if !requests.isEmpty {
            let offered = requests.reduce(0) { $0 + $1.offered }
            let served = requests.reduce(0) { $0 + $1.served }
            let dropped = requests.reduce(0) { $0 + $1.dropped }
            let share = offered > 0 ? served / offered : 1
            lines.append("  requests    \(count(offered)) offered, \(format(share * 100, decimals: 2)) % served, \(count(dropped)) dropped")
        }
        for workload in summary.workloads {
            for rollout in workload.rollouts ?? [] where rollout.revision > 1 {
                let outcome =
                    rollout.durationSeconds.map { "took \(duration($0))" }
                    ?? (rollout.timedOut ? "passed its progress deadline" : "not complete by the end")
                lines.append(
                    "  rollout     \(workload.path) revision \(rollout.revision) at \(duration(rollout.startedAt)): \(outcome)"
                )
            }
        }
        if !summary.autoscalers.isEmpty {
            let rescales = summary.autoscalers.reduce(0) { $0 + $1.rescales }
            let atMax = summary.autoscalers.filter { $0.secondsAtMaxReplicas > 0 }.count
            lines.append(
                "  autoscaling \(summary.autoscalers.count) HPA\(summary.autoscalers.count == 1 ? "" : "s"), \(rescales) rescales, \(atMax) reached maxReplicas"
            )
            // Each HPA's peak: the most replicas its target was asked for (the first five).
            for autoscaler in summary.autoscalers.prefix(5) {
                guard let peak = summary.workloads.first(where: { $0.path == autoscaler.target })?.replicas?.max else { continue }
                lines.append(
                    "              \(autoscaler.namespace)/\(autoscaler.name): peak \(peak) of \(autoscaler.minReplicas)–\(autoscaler.maxReplicas) replicas"
                )
            }
        }
        lines += batchLines(summary.workloads)
        lines += faultLines(summary.faults)
        if !summary.expectations.isEmpty {
            let passed = summary.expectations.filter(\.passed).count
            lines.append("  expect      \(passed)/\(summary.expectations.count) passed")
        }
        if let line = ignoredLine(summary.ignored) { lines.append(line) }
        lines.append("  outputs     \(directory)/")
        return lines.joined(separator: "\n")
    }

    /// The kinds whose pods run to completion.
    static let batchKinds: Set<String> = ["Job", "CronJob"]

    /// "jobs 3 Jobs: 2 complete (longest …), 1 failed (…)" and "cronjobs 1 CronJob created 6 Jobs:
    /// …": when the batch work finished, which is what a batch scenario asks.
    static func batchLines(_ workloads: [RunSummary.Workload]) -> [String] {
        var lines: [String] = []
        let jobs = workloads.filter { $0.kind == "Job" }
        if !jobs.isEmpty {
            let complete = jobs.filter { $0.completion?.condition == "Complete" }
            let failed = jobs.filter { $0.completion?.condition == "Failed" }
            var parts = ["\(complete.count) complete"]
            if let longest = complete.max(by: { ($0.completion?.durationSeconds ?? 0) < ($1.completion?.durationSeconds ?? 0) }),
                let seconds = longest.completion?.durationSeconds
            {
                parts[0] += complete.count == 1 ? " in \(duration(seconds))" : " (longest \(longest.path) in \(duration(seconds)))"
            }
            if !failed.isEmpty {
                parts.append(
                    "\(failed.count) failed ("
                        + failed.prefix(3).map { "\($0.path): \($0.completion?.reason ?? "Failed")" }.joined(separator: ", ")
                        + (failed.count > 3 ? ", …" : "") + ")")
            }
            let running = jobs.count - complete.count - failed.count
            if running > 0 { parts.append("\(running) not finished by the end") }
            lines.append("  jobs        \(jobs.count) Job\(jobs.count == 1 ? "" : "s"): " + parts.joined(separator: ", "))
        }
        let runs = workloads.filter { $0.kind == "CronJob" }.compactMap(\.jobs)
        if !runs.isEmpty {
            let created = runs.reduce(0) { $0 + $1.created }, succeeded = runs.reduce(0) { $0 + $1.succeeded }
            let failed = runs.reduce(0) { $0 + $1.failed }, replaced = runs.reduce(0) { $0 + $1.replaced }
            lines.append(
                "  cronjobs    \(runs.count) CronJob\(runs.count == 1 ? "" : "s") created \(created) Job\(created == 1 ? "" : "s"): \(succeeded) succeeded, \(failed) failed"
                    + (replaced > 0 ? ", \(replaced) replaced" : ""))
        }
        return lines
    }

    /// Seconds as a Go duration, to the millisecond.
    private static func duration(_ seconds: Double) -> String { GoDuration.format(SimTime((seconds * 1_000).rounded())) }

    /// "ignored 3 objects: …": what the manifests hold that the run left out. Those that might
    /// change the answer come first, the first three named with why; the others are counted, with
    /// their kinds.
    static func ignoredLine(_ ignored: [IgnoredObject]) -> String? {
        guard !ignored.isEmpty else { return nil }
        let relevant = ignored.filter(\.affectsCapacity)
        let neutral = ignored.filter { !$0.affectsCapacity }
        var parts: [String] = []
        if !relevant.isEmpty {
            let named = relevant.prefix(3).map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")
            parts.append(named + (relevant.count > 3 ? " and \(relevant.count - 3) more" : ""))
        }
        if !neutral.isEmpty {
            var kinds: [String] = []
            for object in neutral where !kinds.contains(object.kind) { kinds.append(object.kind) }
            parts.append("\(neutral.count) that do\(neutral.count == 1 ? "es" : "") not affect capacity (\(kinds.joined(separator: ", ")))")
        }
        let noun = "\(ignored.count) object\(ignored.count == 1 ? "" : "s")"
        return "  ignored     \(noun): " + parts.joined(separator: "; ") + "; summary.json lists them"
    }

    /// One line per fault (the first five): what, where and when, and how long until the
    /// workloads were whole again — or that they never were, or that a drain never finished.
    static func faultLines(_ faults: [RunSummary.Fault]) -> [String] {
        let shown = faults.prefix(5).map { fault in
            let when = duration(fault.at)
            let outcome: String
            if fault.drained == false {
                outcome = "the node was never drained"
            } else if let seconds = fault.recoverySeconds {
                outcome = seconds == 0 ? "nothing was hurt" : "recovered in \(duration(seconds))"
            } else if fault.type == "containerCrashes" {
                outcome = "ongoing"
            } else {
                outcome = "not recovered by the end"
            }
            return "\(fault.type) \(fault.target) at \(when): \(outcome)"
        }
        var lines = shown.enumerated().map { ($0.offset == 0 ? "  faults      " : "              ") + $0.element }
        if faults.count > 5 { lines.append("              … and \(faults.count - 5) more (summary.json lists them)") }
        return lines
    }

    /// One line per failed expectation, for standard error.
    static func failedExpectations(_ summary: RunSummary) -> String {
        summary.expectations.filter { !$0.passed }.map { result in
            let expectation = result.expectation
            let target = expectation.target.map { " of \($0)" } ?? ""
            let actual = result.actual.map { NumberFormat.decimal($0) } ?? "missing"
            return
                "kubesim: expectation failed: \(expectation.metric)\(target) \(expectation.op.rawValue) \(NumberFormat.decimal(expectation.value)), actual \(actual)"
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
