/// The traffic model and metrics-server in the run loop: ticks, recomputation when endpoints
/// change, and the HPAs' start.
extension Simulation {
    /// Resolves each traffic source's target to a pod group and schedules the first tick and
    /// the rate shapes' corners. Returns the problems found.
    func startTraffic() -> [String] {
        var problems: [String] = []
        for (index, spec) in setup.traffic.enumerated() {
            guard let group = podGroup(of: spec.target) else {
                problems.append("traffic target \(spec.target.path) does not exist or selects no pods")
                continue
            }
            traffic.add(spec, group: group, seed: setup.seed, index: index)
            for corner in spec.corners(after: 0) where corner <= setup.duration {
                queue.schedule(.trafficCorner(traffic.sources.count - 1), at: corner, phase: .traffic)
            }
        }
        return problems
    }

    /// Registers each HPA with the pod group of its scale target and schedules the first sync.
    func startAutoscalers() -> [String] {
        var problems: [String] = []
        for spec in setup.autoscalers {
            guard let target = scaleTarget(of: spec) else {
                problems.append("HorizontalPodAutoscaler \(spec.meta.namespace)/\(spec.meta.name): scale target \(spec.targetPath) does not exist")
                continue
            }
            let (namespace, selector) = selection(of: target)
            let group = podGroups.group(namespace: namespace, selector: selector, in: cluster)
            metricsServer.watch(group: group)
            autoscalers.append(HorizontalPodAutoscaler(spec: spec, scale: (target, group)))
        }
        if !traffic.isEmpty || !autoscalers.isEmpty { queue.schedule(.trafficTick, at: 0, phase: .traffic) }
        if !autoscalers.isEmpty { queue.schedule(.autoscalerSync, at: 0, phase: .controllers) }
        return problems
    }

    private func podGroup(of target: TrafficTarget) -> Int? {
        switch target {
        case .deployment(let namespace, let name):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return nil }
            let deployment = cluster.deployments[id]
            return podGroups.group(namespace: deployment.namespace, selector: deployment.selector, in: cluster)
        case .service(let namespace, let name):
            guard let service = cluster.services.first(where: { $0.spec.meta.namespace == namespace && $0.spec.meta.name == name }),
                  let selector = service.selector else { return nil }
            return podGroups.group(namespace: service.namespace, selector: selector, in: cluster)
        }
    }

    /// Every resolution: integrate, scrape, draw new noise, recompute.
    func trafficTick() {
        traffic.integrate(until: now)
        if !metricsServer.groups.isEmpty { metricsServer.scrape(at: now, cluster: cluster, podGroups: podGroups, traffic: traffic) }
        traffic.drawNoise()
        traffic.recompute(at: now, cluster: cluster, groups: podGroups)
        let next = now + metricsServer.resolution
        if next <= setup.duration { queue.schedule(.trafficTick, at: next, phase: .traffic) }
    }

    /// Recomputes the rates that the changes noted at this instant touch.
    func updateTraffic() {
        trafficUpdatePending = false
        guard !traffic.isEmpty else { return }
        traffic.integrate(until: now)
        traffic.update(at: now, cluster: cluster, groups: podGroups)
    }

    /// A source's rate shape turns a corner: take its rate afresh at this instant.
    func trafficMayHaveChanged(source: Int) {
        traffic.sourceChanged(source)
        scheduleTrafficUpdate()
    }

    /// An endpoint may have appeared or gone: recompute what it touches once at this instant.
    func trafficMayHaveChanged(for pod: PodID) {
        guard !traffic.isEmpty else { return }
        for index in 0..<podGroups.membershipCount(of: pod) { traffic.groupChanged(podGroups.group(of: pod, at: index)) }
        scheduleTrafficUpdate()
    }

    /// A node went down or came back: share its CPU out again once at this instant.
    func trafficMayHaveChanged(on node: NodeID) {
        guard !traffic.isEmpty else { return }
        traffic.nodeChanged(node)
        scheduleTrafficUpdate()
    }

    private func scheduleTrafficUpdate() {
        guard !trafficUpdatePending else { return }
        trafficUpdatePending = true
        queue.schedule(.trafficUpdate, at: now, phase: .traffic)
    }
}
