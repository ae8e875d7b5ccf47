/// An HPA condition (`AbleToScale`, `ScalingActive`, `ScalingLimited`) as upstream writes it.
public struct HPACondition: Sendable, Hashable {
    public var status: Bool
    public var reason: String
    public var message: String
    public var lastTransition: SimTime
}

/// `HorizontalPodAutoscalerStatus`.
public struct HPAStatus: Sendable, Hashable {
    public var currentReplicas: Int32 = 0
    public var desiredReplicas: Int32 = 0
    /// Each metric's current value, in spec order, in its target's units (percent for a
    /// utilization target, plain units otherwise); nil when it could not be read.
    public var currentMetrics: [Double?] = []
    public var lastScaleTime: SimTime?
    public var ableToScale: HPACondition?
    public var scalingActive: HPACondition?
    public var scalingLimited: HPACondition?
}

/// An HPA in the simulation: its spec, status and the controller's memory of it.
public struct HorizontalPodAutoscaler: Sendable {
    public let spec: HorizontalPodAutoscalerSpec
    public internal(set) var status = HPAStatus()
    /// The scale target and the pod group of its selector; nil when the target did not exist.
    let scale: (target: WorkloadRef, podGroup: Int)?
    var normalization = ScaleNormalization()
    /// Successful rescales so far.
    public internal(set) var rescales = 0
    /// Time spent with desired replicas at maxReplicas, up to `atMaxSince`.
    private var timeAtMax: SimTime = 0
    /// Since when desired replicas have been at maxReplicas, if they are.
    private var atMaxSince: SimTime?

    init(spec: HorizontalPodAutoscalerSpec, scale: (target: WorkloadRef, podGroup: Int)?) {
        self.spec = spec
        self.scale = scale
        status.currentMetrics = Array(repeating: nil, count: spec.metrics.count)
    }

    /// Records the desired replicas the controller settled on at `time`.
    mutating func settle(desired: Int32, at time: SimTime) {
        if desired >= spec.maxReplicas {
            if atMaxSince == nil { atMaxSince = time }
        } else if let since = atMaxSince {
            timeAtMax += time - since
            atMaxSince = nil
        }
    }

    /// How long desired replicas have been at maxReplicas, up to `time`.
    public func timeAtMaxReplicas(until time: SimTime) -> SimTime {
        timeAtMax + (atMaxSince.map { time - $0 } ?? 0)
    }

    /// `Kind/namespace/name`, as outputs name objects.
    public var path: String { "HorizontalPodAutoscaler/\(spec.meta.namespace)/\(spec.meta.name)" }
}

extension HPAStatus {
    enum ConditionType {
        case ableToScale, scalingActive, scalingLimited
    }

    /// `setCondition`: the transition time changes only when the status does.
    mutating func set(_ type: ConditionType, _ status: Bool, _ reason: String, _ message: String, at time: SimTime) {
        func updated(_ previous: HPACondition?) -> HPACondition {
            let transition = previous.map { $0.status == status ? $0.lastTransition : time } ?? time
            return HPACondition(status: status, reason: reason, message: message, lastTransition: transition)
        }
        switch type {
        case .ableToScale: ableToScale = updated(ableToScale)
        case .scalingActive: scalingActive = updated(scalingActive)
        case .scalingLimited: scalingLimited = updated(scalingLimited)
        }
    }
}
