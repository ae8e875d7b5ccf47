import SimCore

/// Decodes `pluginConfig[].args` for the plugins kubesim simulates, with upstream's v1 defaults
/// and validation (`ValidateNodeResourcesFitArgs`, `ValidatePodTopologySpreadArgs`, …).
enum PluginArgumentsDecoder {
    static func decode(_ node: YAMLNode, plugin: String, into arguments: inout PluginArguments) throws(Diagnostic) {
        let fields = try Fields(node, "\(plugin) args")
        switch plugin {
        case "NodeResourcesFit":
            try fields.rejectUnknown(["scoringStrategy", "ignoredResources", "ignoredResourceGroups"])
            arguments[NodeResourcesFit.self].ignoredResources = try strings(fields["ignoredResources"], "ignoredResources")
            arguments[NodeResourcesFit.self].ignoredResourceGroups = try strings(fields["ignoredResourceGroups"], "ignoredResourceGroups")
            if let strategyNode = fields["scoringStrategy"] {
                let strategy = try Fields(strategyNode, "scoringStrategy")
                try strategy.rejectUnknown(["type", "resources", "requestedToCapacityRatio"])
                if let resources = strategy["resources"] { arguments[NodeResourcesFit.self].resources = try resourceWeights(resources) }
                let typeNode = strategy["type"]
                switch try typeNode?.string("type") ?? "LeastAllocated" {
                case "LeastAllocated": arguments[NodeResourcesFit.self].strategy = .leastAllocated
                case "MostAllocated": arguments[NodeResourcesFit.self].strategy = .mostAllocated
                case "RequestedToCapacityRatio":
                    let ratioNode = try strategy.required(
                        "requestedToCapacityRatio", hint: "give a shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]")
                    arguments[NodeResourcesFit.self].strategy = .requestedToCapacityRatio(shape: try shape(ratioNode))
                case let other:
                    throw .error(
                        at: typeNode?.location ?? strategyNode.location, "unknown scoring strategy \(Diagnostic.quote(other))",
                        hint: "expected LeastAllocated, MostAllocated or RequestedToCapacityRatio")
                }
            }
        case "NodeResourcesBalancedAllocation":
            try fields.rejectUnknown(["resources"])
            if let resources = fields["resources"] { arguments[BalancedAllocation.self].resources = try resourceWeights(resources) }
        case "PodTopologySpread":
            try fields.rejectUnknown(["defaultConstraints", "defaultingType"])
            let typeNode = fields["defaultingType"]
            let defaulting = try typeNode?.string("defaultingType") ?? "System"
            guard defaulting == "System" || defaulting == "List" else {
                throw .error(at: typeNode?.location ?? node.location, "defaultingType must be System or List")
            }
            var constraints: [TopologySpreadConstraint] = []
            for item in try fields["defaultConstraints"]?.items("defaultConstraints") ?? [] { constraints.append(try defaultConstraint(item)) }
            if defaulting == "System" {
                if let given = fields["defaultConstraints"], !constraints.isEmpty {
                    throw .error(at: given.location, "defaultConstraints must be empty when defaultingType is System")
                }
                arguments[PodTopologySpread.self].defaultConstraints = PodTopologySpread.systemDefaultConstraints
                arguments[PodTopologySpread.self].systemDefaulted = true
            } else {
                arguments[PodTopologySpread.self].defaultConstraints = constraints
                arguments[PodTopologySpread.self].systemDefaulted = false
            }
        case "InterPodAffinity":
            try fields.rejectUnknown(["hardPodAffinityWeight", "ignorePreferredTermsOfExistingPods"])
            if let weightNode = fields["hardPodAffinityWeight"] {
                let weight = try weightNode.int("hardPodAffinityWeight")
                guard (0...100).contains(weight) else { throw .error(at: weightNode.location, "hardPodAffinityWeight must be between 0 and 100") }
                arguments[InterPodAffinity.self].hardPodAffinityWeight = weight
            }
            arguments[InterPodAffinity.self].ignorePreferredTermsOfExistingPods =
                try fields["ignorePreferredTermsOfExistingPods"]?.bool("ignorePreferredTermsOfExistingPods") ?? false
        case "NodeAffinity":
            try fields.rejectUnknown(["addedAffinity"])
            if let affinityNode = fields["addedAffinity"] {
                var log = DiagnosticLog()
                let decoder = ManifestDecoder(defaultNamespace: "default", startupDelay: nil)
                arguments[NodeAffinityPlugin.self].addedAffinity = try decoder.nodeAffinity(affinityNode, log: &log)
            }
        case "DefaultPreemption":
            try fields.rejectUnknown(["minCandidateNodesPercentage", "minCandidateNodesAbsolute"])
            if let percentNode = fields["minCandidateNodesPercentage"] {
                let value = try percentNode.int("minCandidateNodesPercentage")
                guard (0...100).contains(value) else {
                    throw .error(at: percentNode.location, "minCandidateNodesPercentage must be between 0 and 100")
                }
                arguments[DefaultPreemption.self].minCandidateNodesPercentage = Int32(value)
            }
            if let absoluteNode = fields["minCandidateNodesAbsolute"] {
                let value = try absoluteNode.int("minCandidateNodesAbsolute")
                guard value >= 0, value <= Int64(Int32.max) else {
                    throw .error(at: absoluteNode.location, "minCandidateNodesAbsolute must not be negative")
                }
                arguments[DefaultPreemption.self].minCandidateNodesAbsolute = Int32(value)
            }
            if arguments[DefaultPreemption.self].minCandidateNodesPercentage == 0 && arguments[DefaultPreemption.self].minCandidateNodesAbsolute == 0
            {
                throw .error(at: node.location, "minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be zero")
            }
        default:
            guard fields.pairs.isEmpty else { throw .error(at: node.location, "plugin \(plugin) takes no arguments in kubesim") }
        }
    }

    private static func strings(_ node: YAMLNode?, _ field: String) throws(Diagnostic) -> [String] {
        var result: [String] = []
        for item in try node?.items(field) ?? [] { result.append(try item.string(field)) }
        return result
    }

    /// `[{name, weight}]`; a weight of 0 becomes 1, others must be 1–100.
    private static func resourceWeights(_ node: YAMLNode) throws(Diagnostic) -> [ResourceWeight] {
        var result: [ResourceWeight] = []
        for item in try node.items("resources") {
            let entry = try Fields(item, "resource")
            try entry.rejectUnknown(["name", "weight"])
            var weight = try entry["weight"]?.int("weight") ?? 1
            if weight == 0 { weight = 1 }
            guard (1...100).contains(weight) else {
                throw .error(at: entry["weight"]?.location ?? item.location, "resource weight must be between 1 and 100")
            }
            result.append(ResourceWeight(try entry.required("name").string("name"), weight: weight))
        }
        return result
    }

    /// `{shape: [{utilization, score}]}`: utilization 0–100 strictly increasing, score 0–10.
    private static func shape(_ node: YAMLNode) throws(Diagnostic) -> [UtilizationShapePoint] {
        let fields = try Fields(node, "requestedToCapacityRatio")
        try fields.rejectUnknown(["shape"])
        var points: [UtilizationShapePoint] = []
        for item in try fields.required("shape").items("shape") {
            let entry = try Fields(item, "shape point")
            try entry.rejectUnknown(["utilization", "score"])
            let utilization = try entry.required("utilization").int("utilization")
            let score = try entry.required("score").int("score")
            guard (0...100).contains(utilization), (0...10).contains(score) else {
                throw .error(at: item.location, "utilization must be 0–100 and score 0–10")
            }
            if let last = points.last, utilization <= last.utilization {
                throw .error(at: item.location, "shape utilizations must be strictly increasing")
            }
            points.append(UtilizationShapePoint(utilization: utilization, score: score))
        }
        guard !points.isEmpty else { throw .error(at: node.location, "the shape needs at least one point") }
        return points
    }

    /// A default constraint: no label selector allowed (the plugin supplies it).
    private static func defaultConstraint(_ node: YAMLNode) throws(Diagnostic) -> TopologySpreadConstraint {
        let fields = try Fields(node, "default constraint")
        try fields.rejectUnknown(["maxSkew", "topologyKey", "whenUnsatisfiable", "nodeAffinityPolicy", "nodeTaintsPolicy"])
        let skew = try fields.required("maxSkew").int("maxSkew")
        guard skew >= 1, let maxSkew = Int32(exactly: skew) else { throw .error(at: node.location, "maxSkew must be at least 1") }
        let whenNode = try fields.required("whenUnsatisfiable")
        guard let when = UnsatisfiableAction(rawValue: try whenNode.string("whenUnsatisfiable")) else {
            throw .error(at: whenNode.location, "whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway")
        }
        return TopologySpreadConstraint(
            maxSkew: maxSkew, topologyKey: try fields.required("topologyKey").string("topologyKey"),
            whenUnsatisfiable: when, labelSelector: nil)
    }
}
