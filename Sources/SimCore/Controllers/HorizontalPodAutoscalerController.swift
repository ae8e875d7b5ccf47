/// The HorizontalPodAutoscaler controller (reference §3): every 15 s each HPA reads its
/// target's scale and metrics, proposes a replica count per metric, takes the largest, normalizes
/// it (stabilization, min/max, scale-rate limits) and rescales the target, with upstream's
/// events, conditions and messages.
///
/// It reads metrics through the metrics-server it is given (the resource, custom and external
/// metrics APIs) and scales any workload with a `/scale` subresource (`ClusterState.scale(of:)`).
final class HorizontalPodAutoscalerController: Controller {
    enum Timer {
        /// Reconcile every HPA, then schedule the next round.
        case syncAll
    }

    /// `--horizontal-pod-autoscaler-sync-period`.
    static let syncPeriod: SimTime = 15 * Millis.second

    static func event(_ timer: Timer) -> SimEvent { .autoscalers(timer) }

    /// The HPAs, in scenario order (each round's `AutoscalerSync` updates them in place).
    fileprivate(set) var autoscalers: [HorizontalPodAutoscaler] = []
    let metricsServer: MetricsServer
    /// No sync is scheduled after this.
    private let end: SimTime

    init(metricsServer: MetricsServer, end: SimTime) {
        self.metricsServer = metricsServer
        self.end = end
    }

    /// Registers each HPA with the pod group of its scale target (which metrics-server then
    /// scrapes). Returns the problems found.
    func register(_ specs: [HorizontalPodAutoscalerSpec], in cluster: ClusterState) -> [String] {
        var problems: [String] = []
        for spec in specs {
            guard let target = cluster.workload(spec.target), let scale = cluster.scale(of: target) else {
                problems.append("HorizontalPodAutoscaler \(spec.meta.namespace)/\(spec.meta.name): scale target \(spec.targetPath) does not exist")
                continue
            }
            let group = cluster.podGroup(namespace: scale.namespace, selector: scale.selector)
            metricsServer.watch(group: group)
            autoscalers.append(HorizontalPodAutoscaler(spec: spec, scale: (target, group)))
        }
        return problems
    }

    /// Schedules the first sync, at the start, when there is an HPA.
    func start(in context: ControllerContext) {
        if !autoscalers.isEmpty { schedule(.syncAll, at: 0, phase: .controllers, in: context) }
    }

    func fire(_ timer: Timer, in context: ControllerContext) {
        switch timer {
        case .syncAll:
            let sync = AutoscalerSync(controller: self, context: context)
            for index in autoscalers.indices { sync.reconcile(index) }
            let next = context.now + Self.syncPeriod
            if next <= end { schedule(.syncAll, at: next, phase: .controllers, in: context) }
        }
    }
}

/// One round of the HPA controller over the HPAs: upstream's `reconcileAutoscaler` and the
/// replica calculation, reading and writing the cluster through the context it was handed.
struct AutoscalerSync {
    let controller: HorizontalPodAutoscalerController
    let context: ControllerContext
    var cluster: ClusterState { context.cluster }
    var now: SimTime { context.now }
    var metricsServer: MetricsServer { controller.metricsServer }
    var autoscalers: [HorizontalPodAutoscaler] {
        get { controller.autoscalers }
        nonmutating _modify { yield &controller.autoscalers }
    }

    func record(_ type: EventType, _ reason: String, _ object: ObjectReference, _ message: String) {
        context.record(type, reason, object, message)
    }

    private func autoscalerReference(_ index: Int) -> ObjectReference {
        let meta = autoscalers[index].spec.meta
        return ObjectReference(kind: "HorizontalPodAutoscaler", namespace: meta.namespace, name: meta.name)
    }

    // MARK: Reconcile

    /// `reconcileAutoscaler`.
    func reconcile(_ index: Int) {
        let spec = autoscalers[index].spec
        let object = autoscalerReference(index)
        guard let (target, group) = autoscalers[index].scale, cluster.exists(target), let scale = cluster.scale(of: target) else {
            let message = "\(spec.targetKind.resource) \"\(spec.targetName)\" not found"
            record(.warning, "FailedGetScale", object, message)
            autoscalers[index].status.set(
                .ableToScale, false, "FailedGetScale",
                "the HPA controller was unable to get the target's current scale: \(message)", at: now)
            return
        }
        autoscalers[index].status.set(
            .ableToScale, true, "SucceededGetScale", "the HPA controller was able to get the target's current scale", at: now)
        let (current, statusReplicas) = (scale.specReplicas, scale.statusReplicas)
        autoscalers[index].normalization.seed(current: current, at: now)
        var desired: Int32 = 0
        var reason = ""
        var rescale = true
        var metricValues = autoscalers[index].status.currentMetrics
        if current == 0 && spec.minReplicas != 0 {
            rescale = false
            autoscalers[index].status.set(
                .scalingActive, false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", at: now)
        } else if current > spec.maxReplicas {
            reason = "Current number of replicas above Spec.MaxReplicas"
            desired = spec.maxReplicas
        } else if current < spec.minReplicas {
            reason = "Current number of replicas below Spec.MinReplicas"
            desired = spec.minReplicas
        } else {
            let computed = computeReplicasForMetrics(index, current: current, statusReplicas: statusReplicas, group: group)
            metricValues = computed.values
            guard let proposal = computed.proposal else {
                autoscalers[index].status.currentReplicas = current
                autoscalers[index].status.currentMetrics = metricValues
                record(.warning, "FailedComputeMetricsReplicas", object, computed.error)
                return
            }
            desired = proposal.replicas
            if desired > current { reason = "\(proposal.metric) above target" }
            if desired < current { reason = "All metrics below target" }
            desired = normalize(index, current: current, proposal: desired)
            rescale = desired != current
        }
        if rescale {
            cluster.setScale(of: target, to: desired)
            autoscalers[index].status.set(
                .ableToScale, true, "SucceededRescale", "the HPA controller was able to update the target scale to \(desired)", at: now)
            record(.normal, "SuccessfulRescale", object, "New size: \(desired); reason: \(reason)")
            autoscalers[index].normalization.storeScaleEvent(behavior: spec.behavior, from: current, to: desired, at: now)
            autoscalers[index].status.lastScaleTime = now
            autoscalers[index].rescales += 1
        } else {
            desired = current
        }
        autoscalers[index].status.currentReplicas = current
        autoscalers[index].status.desiredReplicas = desired
        autoscalers[index].status.currentMetrics = metricValues
        autoscalers[index].settle(desired: desired, at: now)
    }

    /// `normalizeDesiredReplicas` (no behavior) or `normalizeDesiredReplicasWithBehaviors`.
    private func normalize(_ index: Int, current: Int32, proposal: Int32) -> Int32 {
        let spec = autoscalers[index].spec
        let stabilized: Int32
        if let behavior = spec.behavior {
            let result = autoscalers[index].normalization.stabilize(proposal, current: current, behavior: behavior, at: now)
            stabilized = result.replicas
            if stabilized != proposal {
                autoscalers[index].status.set(.ableToScale, true, result.reason, result.message, at: now)
            } else {
                autoscalers[index].status.set(.ableToScale, true, "ReadyForNewScale", "recommended size matches current size", at: now)
            }
        } else {
            stabilized = autoscalers[index].normalization.stabilizeLegacy(proposal, at: now)
            if stabilized != proposal {
                autoscalers[index].status.set(
                    .ableToScale, true, "ScaleDownStabilized",
                    "recent recommendations were higher than current one, applying the highest recent recommendation", at: now)
            } else {
                autoscalers[index].status.set(.ableToScale, true, "ReadyForNewScale", "recommended size matches current size", at: now)
            }
        }
        let limited =
            spec.behavior.map { behavior in
                autoscalers[index].normalization.rateLimited(
                    stabilized, current: current, minReplicas: spec.minReplicas,
                    maxReplicas: spec.maxReplicas, behavior: behavior, at: now)
            } ?? ScaleNormalization.legacyLimits(current: current, desired: stabilized, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas)
        autoscalers[index].status.set(.scalingLimited, limited.replicas != stabilized, limited.reason, limited.message, at: now)
        return limited.replicas
    }

    // MARK: Metrics

    /// `computeReplicasForMetrics`: the largest valid proposal, unless every metric failed or
    /// some failed and the largest proposal would scale down.
    private func computeReplicasForMetrics(_ index: Int, current: Int32, statusReplicas: Int32, group: Int)
        -> (proposal: (replicas: Int32, metric: String)?, values: [Double?], error: String)
    {
        let spec = autoscalers[index].spec
        let pods = cluster.podGroups.members[group]
        let states = pods.map(autoscalingState)
        var values: [Double?] = Array(repeating: nil, count: spec.metrics.count)
        var best: (replicas: Int32, metric: String)?
        var invalid = 0
        var firstFailure: MetricFailure?
        for (position, metric) in spec.metrics.enumerated() {
            switch computeReplicas(
                for: metric, namespace: spec.meta.namespace, current: current, statusReplicas: statusReplicas, pods: pods, states: states)
            {
            case .success(let result):
                values[position] = result.value
                if best.map({ result.replicas > $0.replicas }) ?? true { best = (result.replicas, result.name) }
            case .failure(let failure):
                record(.warning, failure.reason, autoscalerReference(index), failure.detail)
                if firstFailure == nil { firstFailure = failure }
                invalid += 1
            }
        }
        if let failure = firstFailure, invalid >= spec.metrics.count || (best?.replicas ?? 0) < current {
            autoscalers[index].status.set(
                .scalingActive, false, failure.reason, "the HPA was unable to compute the replica count: \(failure.detail)", at: now)
            return (nil, values, "invalid metrics (\(invalid) invalid out of \(spec.metrics.count)), first error is: \(failure.message)")
        }
        let name = best?.metric ?? ""
        autoscalers[index].status.set(
            .scalingActive, true, "ValidMetricFound", "the HPA was able to successfully calculate a replica count from \(name)", at: now)
        return (best, values, "")
    }

    /// A metric that could not be read: the event reason, the calculator's error (event and
    /// condition text) and the wrapped error (in `FailedComputeMetricsReplicas`).
    struct MetricFailure: Error {
        var reason: String
        var detail: String
        var message: String
    }

    /// One metric's proposal, its status value and the name `SuccessfulRescale` gives it.
    private func computeReplicas(
        for metric: HPAMetric, namespace: String, current: Int32, statusReplicas: Int32, pods: [PodID],
        states: [ReplicaCalculator.PodState]
    ) -> Result<(replicas: Int32, value: Double, name: String), MetricFailure> {
        let calculator = ReplicaCalculator()
        switch metric {
        case .resource(let resource, let target):
            let requests = pods.map { pod in
                resource == ResourceName.cpu ? cluster.spec(of: pod).autoscalingCPURequest : cluster.spec(of: pod).autoscalingMemoryRequest
            }
            let samples = pods.map { pod in
                metricsServer.sample(of: pod).map {
                    ReplicaCalculator.Sample(value: resource == ResourceName.cpu ? $0.cpu : $0.memory, timestamp: $0.timestamp, window: $0.window)
                }
            }
            // upstream wraps the calculator's error ("failed to get cpu utilization: …", or "usage"
            // for an average value) for the event and condition, and again for the summary error.
            let wrap = { (what: String, error: String) in
                let detail = "failed to get \(resource) \(what): \(error)"
                return MetricFailure(
                    reason: "FailedGetResourceMetric", detail: detail, message: "failed to get \(resource) resource metric value: \(detail)")
            }
            do throws(MetricError) {
                switch target {
                case .utilization(let utilization):
                    let result = try calculator.resourceReplicas(
                        current: current, targetUtilization: utilization, resource: resource,
                        pods: states, requests: requests, samples: samples, now: now
                    ) { cluster.pods[pods[$0]].name }
                    return .success((result.replicas, Double(result.utilization), "\(resource) resource utilization (percentage of request)"))
                case .averageValue(let average):
                    let result = try calculator.rawResourceReplicas(
                        current: current, targetAverage: average, resource: resource,
                        pods: states, samples: samples, now: now)
                    return .success((result.replicas, Double(result.average) / 1_000, "\(resource) resource"))
                case .value:
                    let detail = "invalid resource metric source: neither a utilization target nor a value target was set"
                    return .failure(
                        MetricFailure(
                            reason: "FailedGetResourceMetric", detail: detail, message: "failed to get \(resource) resource metric value: \(detail)"))
                }
            } catch {
                if case .averageValue = target { return .failure(wrap("usage", error.message)) }
                return .failure(wrap("utilization", error.message))
            }
        case .pods(let name, let target):
            let metricIndex = metricsServer.metricIndex(named: name)
            let samples = pods.map { pod in
                metricIndex.flatMap { metric in
                    metricsServer.sample(of: pod).flatMap { sample in
                        metricsServer.requestRate(of: pod, metric: metric).map {
                            ReplicaCalculator.Sample(value: $0, timestamp: sample.timestamp, window: sample.window)
                        }
                    }
                }
            }
            let average: Int64
            switch target {
            case .averageValue(let value), .value(let value): average = value
            case .utilization: average = 0
            }
            do throws(MetricError) {
                let result = try calculator.podsMetricReplicas(
                    current: current, targetAverage: average, metric: name, pods: states, samples: samples, now: now)
                return .success((result.replicas, Double(result.average) / 1_000, "pods metric \(name)"))
            } catch {
                return .failure(
                    MetricFailure(reason: "FailedGetPodsMetric", detail: error.message, message: "failed to get pods metric value: \(error.message)"))
            }
        case .object(let kind, let objectName, let name, let target):
            let object =
                kind == "Service"
                ? TrafficTarget.service(namespace: namespace, name: objectName) : .deployment(namespace: namespace, name: objectName)
            guard let rate = metricsServer.objectRate(metric: name, of: object) else {
                let detail =
                    "unable to get metric \(name): \(kind) on \(namespace) \(objectName)/\(name): no metrics returned from custom metrics API"
                let returned = target.isAverageValue ? "failed to get \(name) object metric: \(detail)" : detail
                return .failure(
                    MetricFailure(reason: "FailedGetObjectMetric", detail: detail, message: "failed to get object metric value: \(returned)"))
            }
            let usage = MetricsServer.milli(rate)
            return valueProposal(
                target: target, usage: usage, current: current, statusReplicas: statusReplicas, pods: pods,
                valueName: "\(kind) metric \(name)", averageName: "external metric \(name)(nil)",
                reason: "FailedGetObjectMetric", prefix: "failed to get object metric value: ")
        case .external(let name, let target):
            // External metrics are served per namespace: the sources aimed at the HPA's namespace.
            guard let rate = metricsServer.externalRate(metric: name, namespace: namespace) else {
                let detail = "unable to get external metric \(namespace)/\(name)/nil: no metrics returned from external metrics API"
                let returned =
                    target.isAverageValue ? "failed to get \(name) external metric: \(detail)" : "failed to get external metric \(name): \(detail)"
                return .failure(
                    MetricFailure(
                        reason: "FailedGetExternalMetric", detail: detail, message: "failed to get \(name) external metric value: \(returned)"))
            }
            let usage = MetricsServer.milli(rate)
            return valueProposal(
                target: target, usage: usage, current: current, statusReplicas: statusReplicas, pods: pods,
                valueName: "external metric \(name)(nil)", averageName: "external metric \(name)(nil)",
                reason: "FailedGetExternalMetric", prefix: "failed to get \(name) external metric value: ")
        }
    }

    /// An Object or External metric: a total against a value or a per-pod target.
    private func valueProposal(
        target: MetricTarget, usage: Int64, current: Int32, statusReplicas: Int32, pods: [PodID], valueName: String,
        averageName: String, reason: String, prefix: String
    ) -> Result<(replicas: Int32, value: Double, name: String), MetricFailure> {
        let calculator = ReplicaCalculator()
        switch target {
        case .value(let value):
            let ready = pods.filter { cluster.pods[$0].phase == .running && cluster.pods[$0].isReady }.count
            do throws(MetricError) {
                let replicas = try calculator.valueReplicas(current: current, usage: usage, target: value, readyPods: ready, selectedPods: pods.count)
                return .success((replicas, Double(usage) / 1_000, valueName))
            } catch {
                return .failure(MetricFailure(reason: reason, detail: error.message, message: prefix + error.message))
            }
        case .averageValue(let average):
            let result = calculator.perPodReplicas(statusReplicas: statusReplicas, usage: usage, targetAverage: average)
            return .success((result.replicas, Double(result.average) / 1_000, averageName))
        case .utilization:
            let detail = "invalid metric source: neither a value target nor an average value target was set"
            return .failure(MetricFailure(reason: reason, detail: detail, message: prefix + detail))
        }
    }

    /// A pod as the replica calculator sees it. The kubelet writes the Ready condition (False)
    /// as soon as it accepts the pod, so a pod has one from its start time on.
    private func autoscalingState(_ pod: PodID) -> ReplicaCalculator.PodState {
        let record = cluster.pods[pod]
        let ready = record.startedAt.map { start in (status: record.isReady, lastTransition: record.readyTransition ?? start) }
        return ReplicaCalculator.PodState(phase: record.phase, deleting: record.deletedAt != nil, ready: ready, startTime: record.startedAt)
    }
}
