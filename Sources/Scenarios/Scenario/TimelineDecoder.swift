import SimCore

/// One `events` entry of a scenario, before it is resolved against the manifests.
public struct ScenarioEvent: Sendable {
    public enum Action: Sendable {
        /// A new image (for `container`, or the only container) and template fields to set, as
        /// `--set`-style paths relative to the Deployment manifest.
        case rollout(image: (container: String?, image: String)?, set: [(path: String, value: YAMLNode)])
        case rollback(revision: Int64?)
        case scale(replicas: Int32)
        /// `kubectl apply -f`: the manifests (a file, folder or glob, relative to the scenario)
        /// are created, or replace the objects of the same names.
        case apply(manifests: String, namespace: String)
        /// `kubectl delete`: the target goes, with its pods.
        case delete
    }

    public var at: SimTime
    public var action: Action
    /// "Kind/namespace/name" ("" for `apply`).
    public var target: String
    public var location: SourceLocation
    public var targetLocation: SourceLocation
}

/// Decodes the scenario's `events` section.
enum TimelineDecoder {
    static let types = ["rollout", "rollback", "scale", "apply", "delete"]

    static func decode(_ spec: Fields) throws(Diagnostic) -> [ScenarioEvent] {
        var events: [ScenarioEvent] = []
        for item in try spec["events"]?.items("events") ?? [] {
            let entry = try Fields(item, "event")
            let typeNode = try entry.required("type", hint: "one of rollout, rollback, scale, apply, delete")
            let type = try typeNode.string("type")
            let at = try entry.required("at", hint: "a duration from the start, for example at: 2h").duration("at")
            if type == "apply" {
                try entry.rejectUnknown(["at", "type", "manifests", "namespace"])
                let manifests = try entry.required("manifests", hint: "a file, folder or glob of manifests, e.g. manifests: v2/").string("manifests")
                let namespace = try entry["namespace"].map { node throws(Diagnostic) in try ObjectNames.namespace(node) } ?? "default"
                events.append(
                    ScenarioEvent(
                        at: at, action: .apply(manifests: manifests, namespace: namespace), target: "", location: item.location,
                        targetLocation: entry["manifests"]?.location ?? item.location))
                continue
            }
            let targetNode = try entry.required("target", hint: "for example target: Deployment/shop/frontend")
            let target = try ScenarioDecoder.workloadPath(targetNode)
            let kind = String(target.prefix { $0 != "/" })
            let action: ScenarioEvent.Action
            switch type {
            case "rollout":
                try entry.rejectUnknown(["at", "type", "target", "image", "container", "set"])
                guard kind == "Deployment" else { throw .error(at: targetNode.location, "a rollout changes a Deployment, not a \(kind)") }
                let image = try entry["image"]?.string("image")
                let container = try entry["container"]?.string("container")
                var changes: [(path: String, value: YAMLNode)] = []
                for pair in try entry["set"]?.pairs("set") ?? [] {
                    let path = try pair.key.string("set")
                    guard path.hasPrefix("spec.template.") else {
                        throw .error(
                            at: pair.key.location, "a rollout changes the pod template (paths under spec.template.), not \(path)",
                            hint: path.hasPrefix("spec.replicas") ? "use an event of type scale" : nil)
                    }
                    changes.append((path, pair.value))
                }
                guard image != nil || !changes.isEmpty else {
                    throw .error(
                        at: item.location, "a rollout needs an image or template fields to set",
                        hint: "for example image: web:v2, or under set: a line spec.template.spec.containers[web].resources.requests.cpu: 500m")
                }
                if container != nil && image == nil {
                    throw .error(at: item.location, "container names the container whose image changes; add image")
                }
                action = .rollout(image: image.map { (container, $0) }, set: changes)
            case "rollback":
                try entry.rejectUnknown(["at", "type", "target", "revision"])
                guard kind == "Deployment" else { throw .error(at: targetNode.location, "a rollback undoes a Deployment's rollout, not a \(kind)'s") }
                let revision = try entry["revision"].map { node throws(Diagnostic) -> Int64 in
                    let value = try node.int("revision")
                    guard value > 0 else { throw .error(at: node.location, "\"revision\" must be positive") }
                    return value
                }
                action = .rollback(revision: revision)
            case "scale":
                try entry.rejectUnknown(["at", "type", "target", "replicas"])
                guard WorkloadKind(name: kind)?.isScalable == true else {
                    throw .error(
                        at: targetNode.location,
                        "scale changes a workload with replicas (\(WorkloadKind.scalableNames.joined(separator: ", "))), not a \(kind)")
                }
                let replicasNode = try entry.required("replicas")
                let replicas = try replicasNode.int("replicas")
                guard replicas >= 0, replicas <= Int64(Limits.maxPods) else {
                    throw .error(at: replicasNode.location, "\"replicas\" must be between 0 and \(Limits.maxPods)")
                }
                action = .scale(replicas: Int32(replicas))
            case "delete":
                try entry.rejectUnknown(["at", "type", "target"])
                guard kind == "Pod" || WorkloadKind(name: kind) != nil else {
                    throw .error(
                        at: targetNode.location, "delete removes a workload or a Pod, not a \(kind)",
                        hint: "one of " + (WorkloadKind.allCases.map(\.name) + ["Pod"]).joined(separator: ", "))
                }
                action = .delete
            default:
                throw .error(
                    at: typeNode.location, "unknown event type \(Diagnostic.quote(type))",
                    hint: Suggestions.hint(for: type, in: types) ?? "one of rollout, rollback, scale, apply, delete")
            }
            events.append(ScenarioEvent(at: at, action: action, target: target, location: item.location, targetLocation: targetNode.location))
        }
        return events
    }
}
