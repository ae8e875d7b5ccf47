/// The kubelet's part of the run loop: starting bound pods, admitting pods that name their node,
/// and terminating deleted pods after their grace period.
///
/// Timings: a bound pod's containers run after its startup delay (the template's
/// `kubesim.io/startup-delay`, else its node pool's `podStartupDelay`, else 2 s); the pod is Ready
/// when its containers' probes first pass (`Container.readinessDelay`), at once without probes. A deleted pod keeps its node's resources
/// for its whole `terminationGracePeriodSeconds` — the longest upstream allows, which is the
/// conservative choice for capacity (see docs/fidelity.md).
extension Simulation {
    /// The kubelet accepted a bound pod: `status.startTime` now, containers after the startup
    /// delay. A node whose machine is down or cut off has no kubelet to do so: its pods wait until
    /// it comes back.
    func acceptBoundPod(_ id: PodID) {
        guard kubeletRuns(for: id) else { return }
        cluster.markStarted(id, at: now)
        queue.schedule(.podStartup(id), at: now + startupDelay(of: id), phase: .kubelet)
    }

    /// The node's kubelet starts the pod's containers again (its machine came back): a pod it
    /// had not started is accepted now; a running one restarts its containers, not Ready until
    /// they are up and its probes pass.
    func restartContainers(_ id: PodID) {
        guard cluster.pods[id].startedAt != nil else {
            acceptBoundPod(id)
            return
        }
        cluster.setReady(id, false, at: now)
        cluster.recordRestart(id)
        queue.schedule(.podStartup(id), at: now + startupDelay(of: id), phase: .kubelet)
    }

    /// True when the pod's node has a running kubelet.
    private func kubeletRuns(for id: PodID) -> Bool {
        guard let node = cluster.pods[id].node else { return false }
        return cluster.nodes.health[Int(node)].isUp
    }

    private func startupDelay(of id: PodID) -> SimTime {
        if let delay = cluster.spec(of: id).template.startupDelay { return delay }
        if let node = cluster.pods[id].node, let pool = cluster.nodes.pools[Int(node)] {
            return setup.nodePools[pool].podStartupDelay
        }
        return NodePool.defaultPodStartupDelay
    }

    /// The containers are running: phase Running, a `Started` event per container, and Ready now
    /// or when the probes first pass.
    func startContainers(_ id: PodID) {
        guard cluster.pods.contains(id), cluster.pods[id].isActive, kubeletRuns(for: id), let node = cluster.pods[id].node else { return }
        let spec = cluster.spec(of: id)
        cluster.recordImages(spec.images, on: node)
        cluster.markRunning(id)
        if spec.readinessDelay == 0 {
            cluster.setReady(id, true, at: now)
        } else {
            queue.schedule(.podReady(id), at: now + spec.readinessDelay, phase: .kubelet)
        }
        let nodeName = cluster.nodes.names[Int(node)]
        for container in cluster.spec(of: id).template.spec.containers {
            record(.normal, "Started", reference(pod: id), node: nodeName, "Started container \(container.name)")
        }
    }

    /// The readiness probes passed.
    func markReady(_ id: PodID) {
        guard cluster.pods.contains(id), cluster.pods[id].isActive, cluster.pods[id].phase == .running, kubeletRuns(for: id) else { return }
        cluster.setReady(id, true, at: now)
    }

    /// A bound pod is being deleted: `Killing` events, removal when its grace period ends. On a
    /// node without a running kubelet the pod stays Terminating until the node comes back or is
    /// deleted.
    func beginTermination(_ id: PodID) {
        guard kubeletRuns(for: id) else { return }
        let pod = cluster.pods[id]
        if pod.phase == .running, let node = pod.node {
            let nodeName = cluster.nodes.names[Int(node)]
            for container in cluster.spec(of: id).template.spec.containers {
                record(.normal, "Killing", reference(pod: id), node: nodeName, "Stopping container \(container.name)")
            }
        }
        let grace = faults.gracePeriods.removeValue(forKey: id) ?? cluster.spec(of: id).gracePeriod
        queue.schedule(.podTermination(id), at: now + grace, phase: .kubelet)
    }

    /// The grace period is over: the pod is gone and its resources are free.
    func finishTermination(_ id: PodID) {
        guard cluster.pods.contains(id), kubeletRuns(for: id) else { return }
        cluster.remove(id)
    }

    /// A pod created with `spec.nodeName` bypasses the scheduler: the named node's kubelet admits it
    /// if its resources fit (binding it), or rejects it with phase Failed and an `OutOf<resource>`
    /// event, as kubelet admission does. A pod naming a node that does not exist stays pending.
    func admitPodNamingNode(_ id: PodID, nodeName: String) {
        guard let node = cluster.node(named: nodeName) else { return }
        let shortfalls = NodeResourcesFit.shortfalls(of: cluster.spec(of: id).requests, on: node, in: cluster.nodes)
        guard let first = shortfalls.first else {
            cluster.bind(id, to: node, at: now)
            return
        }
        let resource: String
        switch first {
        case .tooManyPods: resource = ResourceName.pods
        case .insufficient(let name): resource = name
        default: resource = ""
        }
        cluster.markFailed(id)
        record(.warning, "OutOf\(resource)", reference(pod: id), node: nodeName,
               "Pod was rejected: Node didn't have enough resource: \(resource)")
    }
}
