import SimCore

/// A `faults` entry, decoded, with where its target is written (checked against the cluster
/// later).
public struct FaultEntry: Sendable {
    public var spec: FaultSpec
    public var targetLocation: SourceLocation
}

/// Decodes the scenario's `faults` section.
enum FaultDecoder {
    static let types = [
        "nodeCrash", "zoneOutage", "randomNodeFailures", "spotInterruption", "podKill", "nodeDrain", "networkPartition",
        "containerCrashes",
    ]

    static func decode(_ spec: Fields) throws(Diagnostic) -> [FaultEntry] {
        var entries: [FaultEntry] = []
        for item in try spec["faults"]?.items("faults") ?? [] {
            let entry = try Fields(item, "fault")
            let typeNode = try entry.required("type", hint: "one of \(types.joined(separator: ", "))")
            let type = try typeNode.string("type")
            func duration(_ key: String) throws(Diagnostic) -> SimTime? {
                guard let node = entry[key] else { return nil }
                let value = try node.duration(key)
                guard value > 0 else { throw .error(at: node.location, "\"\(key)\" must be positive") }
                return value
            }
            func at(required: Bool) throws(Diagnostic) -> SimTime {
                guard
                    let node = required
                        ? try entry.required("at", hint: "when the fault happens, as a duration from the start, for example at: 2h") : entry["at"]
                else { return 0 }
                let value = try node.duration("at")
                guard value >= 0 else {
                    throw .error(at: node.location, "\"at\" must not be negative", hint: "a duration from the start of the run, for example at: 2h")
                }
                return value
            }
            /// `until`, which must not come before `at`.
            func until() throws(Diagnostic) -> SimTime? {
                guard let node = entry["until"] else { return nil }
                let value = try node.duration("until")
                guard value >= (try at(required: false)) else { throw .error(at: node.location, "\"until\" comes before \"at\"") }
                return value
            }
            func name(_ key: String) throws(Diagnostic) -> (String, SourceLocation) {
                let node = try entry.required(key)
                return (try node.string(key), node.location)
            }
            func workload() throws(Diagnostic) -> (WorkloadReference, SourceLocation) {
                let node = try entry.required("target", hint: "for example target: Deployment/shop/frontend")
                let parts = try ScenarioDecoder.workloadPath(node).split(separator: "/").map(String.init)
                guard let kind = WorkloadKind(name: parts[0]) else {
                    throw .error(at: node.location, "\(type) aims at a Deployment or a ReplicaSet, not a \(parts[0])")
                }
                return (WorkloadReference(kind: kind, namespace: parts[1], name: parts[2]), node.location)
            }
            let action: FaultAction
            let location: SourceLocation
            switch type {
            case "nodeCrash", "networkPartition":
                try entry.rejectUnknown(["type", "at", "node", "duration"])
                let (node, where_) = try name("node")
                location = where_
                action =
                    type == "nodeCrash"
                    ? .nodeCrash(node: node, duration: try duration("duration"))
                    : .networkPartition(node: node, duration: try duration("duration"))
                entries.append(FaultEntry(spec: FaultSpec(at: try at(required: true), action: action), targetLocation: location))
                continue
            case "zoneOutage":
                try entry.rejectUnknown(["type", "at", "zone", "duration"])
                let (zone, where_) = try name("zone")
                (action, location) = (.zoneOutage(zone: zone, duration: try duration("duration")), where_)
            case "randomNodeFailures":
                try entry.rejectUnknown(["type", "at", "pool", "mtbf", "mttr", "until"])
                let (pool, where_) = try name("pool")
                guard let mtbf = try duration("mtbf") else {
                    throw .error(
                        at: item.location, "randomNodeFailures needs mtbf", hint: "the mean time between failures of one node, for example mtbf: 720h"
                    )
                }
                guard let mttr = try duration("mttr") else {
                    throw .error(at: item.location, "randomNodeFailures needs mttr", hint: "the mean time to repair a node, for example mttr: 2h")
                }
                (action, location) = (.randomNodeFailures(pool: pool, mtbf: mtbf, mttr: mttr, until: try until()), where_)
                entries.append(FaultEntry(spec: FaultSpec(at: try at(required: false), action: action), targetLocation: location))
                continue
            case "spotInterruption":
                try entry.rejectUnknown(["type", "at", "node", "pool", "count", "notice"])
                let notice = try duration("notice") ?? 2 * Millis.minute
                switch (entry["node"], entry["pool"]) {
                case (let node?, nil):
                    if let count = entry["count"] { throw .error(at: count.location, "count goes with pool, not with node") }
                    (action, location) = (.spotInterruption(nodes: .node(try node.string("node")), notice: notice), node.location)
                case (nil, let pool?):
                    let countNode = try entry.required("count", hint: "how many nodes of the pool are reclaimed")
                    let count = try countNode.int("count")
                    guard count > 0 else { throw .error(at: countNode.location, "\"count\" must be positive") }
                    (action, location) = (.spotInterruption(nodes: .pool(try pool.string("pool"), count: Int(count)), notice: notice), pool.location)
                default:
                    throw .error(at: item.location, "spotInterruption takes either node or pool (with count)")
                }
            case "podKill":
                try entry.rejectUnknown(["type", "at", "target", "count", "fraction", "gracePeriod"])
                let (target, where_) = try workload()
                let amount: PodKillAmount
                switch (entry["count"], entry["fraction"]) {
                case (let countNode?, nil):
                    let count = try countNode.int("count")
                    guard count > 0 else { throw .error(at: countNode.location, "\"count\" must be positive") }
                    amount = .count(Int(count))
                case (nil, let fractionNode?):
                    let fraction = try fractionNode.number("fraction")
                    guard fraction > 0, fraction <= 1 else { throw .error(at: fractionNode.location, "\"fraction\" must be above 0 and at most 1") }
                    amount = .fraction(fraction)
                default:
                    throw .error(at: item.location, "podKill takes either count or fraction", hint: "for example count: 2, or fraction: 0.5")
                }
                let graceNode = entry["gracePeriod"]
                let grace = try graceNode?.duration("gracePeriod")
                if let grace, let graceNode, grace < 0 { throw .error(at: graceNode.location, "\"gracePeriod\" must not be negative") }
                (action, location) = (.podKill(target: target, amount: amount, gracePeriod: grace), where_)
            case "nodeDrain":
                try entry.rejectUnknown(["type", "at", "node", "force", "uncordonAfter"])
                let (node, where_) = try name("node")
                (action, location) = (
                    .nodeDrain(node: node, force: try entry["force"]?.bool("force") ?? false, uncordonAfter: try duration("uncordonAfter")), where_
                )
            case "containerCrashes":
                try entry.rejectUnknown(["type", "at", "target", "mtbf", "until"])
                let (target, where_) = try workload()
                guard let mtbf = try duration("mtbf") else {
                    throw .error(
                        at: item.location, "containerCrashes needs mtbf",
                        hint: "the mean time between crashes of one pod's container, for example mtbf: 6h")
                }
                (action, location) = (.containerCrashes(target: target, mtbf: mtbf, until: try until()), where_)
                entries.append(FaultEntry(spec: FaultSpec(at: try at(required: false), action: action), targetLocation: location))
                continue
            default:
                throw .error(
                    at: typeNode.location, "unknown fault type \(Diagnostic.quote(type))",
                    hint: Suggestions.hint(for: type, in: types) ?? "one of \(types.joined(separator: ", "))")
            }
            entries.append(FaultEntry(spec: FaultSpec(at: try at(required: true), action: action), targetLocation: location))
        }
        return entries
    }
}
