/// Node changes after creation: the machine failing or coming back, the Ready condition, taints,
/// cordoning and deletion. Each API change is a `nodeUpdated` or `nodeRemoved` watch event; a change
/// of the machine alone is `nodeHealthChanged`, which only the kubelet and traffic see.
extension ClusterState {
    /// The machine fails, is cut off, or comes back; the API does not know yet.
    func setHealth(_ health: NodeHealth, of node: NodeID) {
        let previous = nodes.health[Int(node)]
        guard previous != health else { return }
        nodes.health[Int(node)] = health
        changes.append(.nodeHealthChanged(node, previous: previous))
    }

    /// Sets the node's Ready condition.
    func setReady(_ ready: Bool, of node: NodeID, at time: SimTime) {
        guard nodes.ready[Int(node)] != ready else { return }
        nodes.ready[Int(node)] = ready
        nodes.readyTransition[Int(node)] = time
        changes.append(.nodeUpdated(node))
    }

    /// Adds a taint unless one with the same key and effect is there.
    func addTaint(_ taint: CompiledTaint, to node: NodeID) {
        var taints = nodes.taints[Int(node)]
        guard !taints.contains(where: { $0.key == taint.key && $0.effect == taint.effect }) else { return }
        taints.append(taint)
        nodes.setTaints(taints, of: node)
        changes.append(.nodeUpdated(node))
    }

    /// Removes the taint with this key and effect, if present.
    func removeTaint(key: Symbol, effect: TaintEffect, from node: NodeID) {
        var taints = nodes.taints[Int(node)]
        guard let index = taints.firstIndex(where: { $0.key == key && $0.effect == effect }) else { return }
        taints.remove(at: index)
        nodes.setTaints(taints, of: node)
        changes.append(.nodeUpdated(node))
    }

    /// True when the node carries a taint with this key and effect.
    public func hasTaint(key: Symbol, effect: TaintEffect, on node: NodeID) -> Bool {
        nodes.taints[Int(node)].contains { $0.key == key && $0.effect == effect }
    }

    /// Cordons or uncordons a node (`spec.unschedulable`), with the
    /// `node.kubernetes.io/unschedulable:NoSchedule` taint the node lifecycle controller keeps in step.
    func setUnschedulable(_ unschedulable: Bool, of node: NodeID) {
        guard nodes.unschedulable[Int(node)] != unschedulable else { return }
        nodes.unschedulable[Int(node)] = unschedulable
        changes.append(.nodeUpdated(node))
        if unschedulable {
            addTaint(CompiledTaint(key: wellKnown.unschedulableTaint, value: wellKnown.empty, effect: .noSchedule), to: node)
        } else {
            removeTaint(key: wellKnown.unschedulableTaint, effect: .noSchedule, from: node)
        }
    }

    /// Deletes a node object (its pods must be gone): the scheduler no longer sees it, and its
    /// name is free again.
    func deleteNode(_ node: NodeID, at time: SimTime) {
        let n = Int(node)
        guard nodes.exists[n] else { return }
        precondition(nodes.pods[n].isEmpty, "a node is deleted only after its pods")
        nodes.exists[n] = false
        nodes.deletedAt[n] = time
        nodes.ready[n] = false
        nodeIndex[nodes.names[n]] = nil
        let labels = nodes.labels[n]
        nodeTree.remove(
            node,
            zoneKey: NodeTree.zoneKey(
                region: labels.value(for: wellKnown.regionLabel).map { symbols[$0] },
                zone: labels.value(for: wellKnown.zoneLabel).map { symbols[$0] }))
        changes.append(.nodeRemoved(node))
    }

    /// The zone key of a node, as upstream's `nodetopology.GetZoneKey`: region and zone joined, ""
    /// without either label.
    public func zoneKey(of node: NodeID) -> String {
        let labels = nodes.labels[Int(node)]
        return NodeTree.zoneKey(
            region: labels.value(for: wellKnown.regionLabel).map { symbols[$0] },
            zone: labels.value(for: wellKnown.zoneLabel).map { symbols[$0] })
    }
}
