import SimCore

/// ResourceQuotas and LimitRanges: what a namespace admits, with the API server's validation.
extension ManifestDecoder {
    func decodeResourceQuota(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "ResourceQuota", log: &log)
        let spec = try Fields(try fields.required("spec"), "ResourceQuota \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.resourceQuotaSpec, log: &log)
        var hard = ResourceList()
        for pair in try spec["hard"]?.pairs("hard") ?? [] {
            let name = try pair.key.string("hard")
            hard[name] = try quotaAmount(pair.value, name: name, field: "hard.\(name)")
        }
        var scopes: [QuotaScope] = []
        for item in try spec["scopes"]?.items("scopes") ?? [] {
            scopes.append(try scope(item, field: "scopes"))
        }
        var selector: [ScopedResourceSelectorRequirement] = []
        if let node = spec["scopeSelector"] {
            let selectorFields = try Fields(node, "scopeSelector")
            selectorFields.warnUnknown(KubernetesFields.scopeSelector, log: &log)
            for item in try selectorFields["matchExpressions"]?.items("matchExpressions") ?? [] {
                let requirement = try Fields(item, "scopeSelector expression")
                requirement.warnUnknown(KubernetesFields.scopedRequirement, log: &log)
                let operatorNode = try requirement.required("operator")
                let text = try operatorNode.string("operator")
                guard let op = ScopeSelectorOperator(rawValue: text) else {
                    throw .error(
                        at: operatorNode.location, "unknown scope selector operator \(Diagnostic.quote(text))",
                        hint: "expected In, NotIn, Exists or DoesNotExist")
                }
                let values = try requirement["values"]?.items("values").map { node throws(Diagnostic) in try node.string("values") } ?? []
                selector.append(
                    ScopedResourceSelectorRequirement(try scope(try requirement.required("scopeName"), field: "scopeName"), op, values: values))
            }
        }
        let quota = ResourceQuotaSpec(meta: meta, hard: hard, scopes: scopes, scopeSelector: selector)
        if let problem = quota.validationErrors().first {
            throw .error(at: fields.node.location, "ResourceQuota \(meta.name) is invalid: \(problem)")
        }
        // kubesim charges pods, Jobs and claims to quotas; counts of other objects (Services,
        // Deployments, …) are not enforced, which a plan must know.
        let enforced: (String) -> Bool = { name in
            !PodQuotaEvaluator.matchingResources([name]).isEmpty
                || !ObjectQuotaEvaluator.matchingResources([name], for: ClusterState.quotaJob).isEmpty
                || !ObjectQuotaEvaluator.matchingResources([name], for: .persistentVolumeClaim(storageRequest: 0, storageClass: nil)).isEmpty
                || name.hasSuffix(".storageclass.storage.k8s.io/requests.storage")
                || name.hasSuffix(".storageclass.storage.k8s.io/persistentvolumeclaims")
        }
        for name in hard.names where !enforced(name) {
            log.ignore(
                at: fields.node.location,
                "ResourceQuota \(meta.name): \(Diagnostic.quote(name)) is not enforced by kubesim, which charges pods, Jobs and claims to quotas",
                reason: "quota on \(name) not enforced")
        }
        try set.define("ResourceQuota", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.resourceQuotas.append(quota)
    }

    func decodeLimitRange(_ fields: Fields, into set: inout ManifestSet, log: inout DiagnosticLog) throws(Diagnostic) {
        fields.warnUnknown(KubernetesFields.object, log: &log)
        let meta = try objectMeta(fields, kind: "LimitRange", log: &log)
        let spec = try Fields(try fields.required("spec"), "LimitRange \(meta.name) spec")
        spec.warnUnknown(KubernetesFields.limitRangeSpec, log: &log)
        var items: [LimitRangeItem] = []
        for node in try spec.required("limits").items("limits") {
            let item = try Fields(node, "LimitRange \(meta.name) limit")
            item.warnUnknown(KubernetesFields.limitRangeItem, log: &log)
            let typeNode = try item.required("type")
            let text = try typeNode.string("type")
            guard let type = LimitType(rawValue: text) else {
                throw .error(
                    at: typeNode.location, "unknown LimitRange type \(Diagnostic.quote(text))",
                    hint: "expected Container, Pod or PersistentVolumeClaim")
            }
            func list(_ field: String, ratio: Bool = false) throws(Diagnostic) -> ResourceList {
                var result = ResourceList()
                for pair in try item[field]?.pairs(field) ?? [] {
                    let name = try pair.key.string(field)
                    result[name] =
                        ratio ? try ratioAmount(pair.value, field: "\(field).\(name)") : try pair.value.quantity("\(field).\(name)", resource: name)
                }
                return result
            }
            items.append(
                LimitRangeItem(
                    type: type, max: try list("max"), min: try list("min"), defaultLimit: try list("default"),
                    defaultRequest: try list("defaultRequest"), maxLimitRequestRatio: try list("maxLimitRequestRatio", ratio: true)))
        }
        try set.define("LimitRange", namespace: meta.namespace, name: meta.name, at: fields.node.location)
        set.limitRanges.append(LimitRangeSpec(meta: meta, items: items))
    }

    /// A quota amount: thousandths for the CPU names, whole units otherwise, within the bounds of
    /// the resource it counts.
    private func quotaAmount(_ node: YAMLNode, name: String, field: String) throws(Diagnostic) -> Int64 {
        let quantity = try node.parsedQuantity(field)
        guard !quantity.isNegative else { throw .error(at: node.location, "\"\(field)\" must not be negative") }
        let amount = QuantityText.amount(quantity, resource: name)
        var base = name
        for prefix in ["requests.", "limits."] where base.hasPrefix(prefix) { base = String(base.dropFirst(prefix.count)) }
        if base.hasPrefix("count/") || base == "services" || base == "persistentvolumeclaims" { base = ResourceName.pods }
        guard amount <= Limits.maximumAmount(for: base) else {
            throw Limits.amountTooLarge(field, try node.string(field), of: base, at: node.location)
        }
        return amount
    }

    /// A `maxLimitRequestRatio` entry, in thousandths.
    private func ratioAmount(_ node: YAMLNode, field: String) throws(Diagnostic) -> Int64 {
        let text = try node.string(field)
        guard let quantity = try? Quantity(parsing: text), !quantity.isNegative, quantity.milliValue <= 1_000_000_000 else {
            throw .error(at: node.location, "\"\(field)\" must be a ratio such as 2 or 1.5, not \(Diagnostic.quote(text))")
        }
        return quantity.milliValue
    }

    private func scope(_ node: YAMLNode, field: String) throws(Diagnostic) -> QuotaScope {
        let text = try node.string(field)
        guard let scope = QuotaScope(rawValue: text) else {
            throw .error(
                at: node.location, "unknown quota scope \(Diagnostic.quote(text))",
                hint: Suggestions.hint(for: text, in: QuotaScope.allCases.map(\.rawValue)))
        }
        return scope
    }
}
