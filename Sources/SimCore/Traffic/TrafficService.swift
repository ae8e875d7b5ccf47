/// The traffic model in the run loop: its tick (which is also metrics-server's scrape), the rate
/// shapes' corners, and recomputation when endpoints, pods or machines change.
///
/// Endpoints are the Ready pods of each source's pod group (`ClusterState.podGroups`); a pod
/// that changes phase or readiness, is deleted or goes, and a machine that fails or comes back,
/// mark what they touch, and the rates are recomputed once at the end of the instant.
final class TrafficService: Controller {
    enum Timer {
        /// Every resolution: integrate, scrape metrics, draw new noise, recompute every rate.
        case tick
        /// The rate shape of the source at this index has a corner (or the source starts).
        case corner(Int)
        /// Recompute the rates that the changes noted at this instant touch.
        case update
    }

    static let watches: ChangeKinds = [.nodeHealthChanged, .podUpdated, .podDeleting, .podRemoved]
    static func event(_ timer: Timer) -> SimEvent { .traffic(timer) }

    private(set) var model = TrafficModel()
    let metricsServer: MetricsServer
    /// No tick is scheduled after this.
    private let end: SimTime
    private(set) var updatePending = false

    init(metricsServer: MetricsServer, end: SimTime) {
        self.metricsServer = metricsServer
        self.end = end
    }

    /// Resolves each source's target to a pod group and schedules the rate shapes' corners.
    /// Returns the problems found.
    func start(_ specs: [TrafficSpec], seed: UInt64, in context: ControllerContext) -> [String] {
        let cluster = context.cluster
        var problems: [String] = []
        for (index, spec) in specs.enumerated() {
            guard let group = podGroup(of: spec.target, in: cluster) else {
                problems.append("traffic target \(spec.target.path) does not exist or selects no pods")
                continue
            }
            model.add(spec, group: group, seed: seed, index: index)
            metricsServer.register(spec)
            for corner in spec.corners(after: 0) where corner <= end {
                schedule(.corner(model.sources.count - 1), at: corner, phase: .traffic, in: context)
            }
        }
        return problems
    }

    /// Starts the ticks, when there is traffic or something (an HPA) reads metrics-server.
    func startTicking(metricsNeeded: Bool, in context: ControllerContext) {
        if !model.isEmpty || metricsNeeded { schedule(.tick, at: 0, phase: .traffic, in: context) }
    }

    private func podGroup(of target: TrafficTarget, in cluster: ClusterState) -> Int? {
        switch target {
        case .deployment(let namespace, let name):
            guard let id = cluster.deployment(namespace: namespace, name: name) else { return nil }
            let deployment = cluster.deployments[id]
            return cluster.podGroup(namespace: deployment.namespace, selector: deployment.selector)
        case .service(let namespace, let name):
            guard let service = cluster.services.first(where: { $0.spec.meta.namespace == namespace && $0.spec.meta.name == name }),
                let selector = service.selector
            else { return nil }
            return cluster.podGroup(namespace: service.namespace, selector: selector)
        }
    }

    func observe(_ change: ClusterChange, in context: ControllerContext) {
        let cluster = context.cluster
        switch change {
        case .nodeHealthChanged(let node, _):
            if !cluster.nodes.pods[Int(node)].isEmpty { mayHaveChanged(on: node, in: context) }
        case .podUpdated(let pod), .podDeleting(let pod):
            if cluster.podGroups.isMember(pod) { mayHaveChanged(for: pod, in: context) }
        case .podRemoved(let removed):
            if cluster.podGroups.isMember(removed.id) { mayHaveChanged(for: removed.id, in: context) }
            model.podRemoved(removed.id, from: removed.node)
            metricsServer.podRemoved(removed.id)
        default:
            break
        }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        let now = context.now
        switch timer {
        case .tick:
            model.integrate(until: now)
            if !metricsServer.groups.isEmpty {
                metricsServer.scrape(at: now, cluster: context.cluster, podGroups: context.cluster.podGroups, traffic: model)
            }
            model.drawNoise()
            model.recompute(at: now, cluster: context.cluster, groups: context.cluster.podGroups)
            let next = now + metricsServer.resolution
            if next <= end { schedule(.tick, at: next, phase: .traffic, in: context) }
        case .corner(let source):
            model.sourceChanged(source)
            scheduleUpdate(in: context)
        case .update:
            updatePending = false
            guard !model.isEmpty else { return }
            model.integrate(until: now)
            model.update(at: now, cluster: context.cluster, groups: context.cluster.podGroups)
        }
    }

    /// An endpoint may have appeared or gone: recompute what it touches once at this instant.
    private func mayHaveChanged(for pod: PodID, in context: ControllerContext) {
        guard !model.isEmpty else { return }
        let groups = context.cluster.podGroups
        for index in 0..<groups.membershipCount(of: pod) { model.groupChanged(groups.group(of: pod, at: index)) }
        scheduleUpdate(in: context)
    }

    /// A machine went down or came back: share its CPU out again once at this instant.
    private func mayHaveChanged(on node: NodeID, in context: ControllerContext) {
        guard !model.isEmpty else { return }
        model.nodeChanged(node)
        scheduleUpdate(in: context)
    }

    private func scheduleUpdate(in context: ControllerContext) {
        guard !updatePending else { return }
        updatePending = true
        schedule(.update, at: context.now, phase: .traffic, in: context)
    }

    /// Integrates the rates up to `time` (before reading totals).
    func integrate(until time: SimTime) {
        model.integrate(until: time)
    }

    /// Returns and resets the totals since the last metrics sample, per source.
    func takeSampleTotals() -> [RequestTotals] {
        model.takeSampleTotals()
    }
}
