/// The HPA controller's memory of one HPA — recent recommendations and scale events — and the
/// normalization of a raw proposal against it (reference §3.5–3.6): stabilization windows, then
/// min/max and the scale-rate limits, each with the condition reason and message upstream sets.
public struct ScaleNormalization: Sendable {
    /// A proposal and when it was made.
    struct Recommendation: Sendable {
        var replicas: Int32
        var time: SimTime
    }

    /// A rescale by `change` replicas (always positive) at `time`.
    struct ScaleEvent: Sendable {
        var change: Int32
        var time: SimTime
        var outdated = false
    }

    /// The outcome of normalizing: the replica count and the `ScalingLimited` reason and message.
    public struct Limited: Sendable, Equatable {
        public var replicas: Int32
        public var reason: String
        public var message: String
    }

    /// `--horizontal-pod-autoscaler-downscale-stabilization`.
    public static let defaultDownscaleWindow: SimTime = 5 * Millis.minute
    /// The legacy path's scale-up bound: `max(2 × current, 4)`.
    static let scaleUpLimitFactor = 2.0
    static let scaleUpLimitMinimum = 4.0

    private(set) var recommendations: [Recommendation] = []
    private var scaleUpEvents: [ScaleEvent] = []
    private var scaleDownEvents: [ScaleEvent] = []
    private var seeded = false

    public init() {}

    /// `recordInitialRecommendation`: the first time the controller sees the HPA, the current
    /// size counts as a recommendation (so it cannot scale below it for one window).
    public mutating func seed(current: Int32, at time: SimTime) {
        guard !seeded else { return }
        seeded = true
        recommendations = [Recommendation(replicas: current, time: time)]
    }

    // MARK: Without behavior (legacy)

    /// `stabilizeRecommendation`: the highest recommendation within the downscale window,
    /// recording `proposal` in the last stale slot (or a new one).
    public mutating func stabilizeLegacy(_ proposal: Int32, at time: SimTime, window: SimTime = defaultDownscaleWindow) -> Int32 {
        var highest = proposal
        var staleSlot: Int?
        let cutoff = time - window
        for (index, recommendation) in recommendations.enumerated() {
            if recommendation.time < cutoff {
                staleSlot = index
            } else if recommendation.replicas > highest {
                highest = recommendation.replicas
            }
        }
        record(proposal, at: time, replacing: staleSlot)
        return highest
    }

    /// `convertDesiredReplicasWithRules`: clamps to minReplicas and to the smaller of maxReplicas
    /// and `max(2 × current, 4)`.
    public static func legacyLimits(current: Int32, desired: Int32, minReplicas: Int32, maxReplicas: Int32) -> Limited {
        let scaleUpLimit = Int32(max(scaleUpLimitFactor * Double(current), scaleUpLimitMinimum))
        let maximum: Int32, reason: String, message: String
        if maxReplicas > scaleUpLimit {
            (maximum, reason, message) = (scaleUpLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
        } else {
            (maximum, reason, message) = (maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count")
        }
        if desired < minReplicas {
            return Limited(
                replicas: minReplicas, reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count")
        }
        if desired > maximum { return Limited(replicas: maximum, reason: reason, message: message) }
        return Limited(replicas: desired, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range")
    }

    // MARK: With behavior

    /// `stabilizeRecommendationWithBehaviors`: keeps the current size unless every recommendation
    /// in the scale-up window is above it (then the lowest of them) or every one in the scale-down
    /// window is below it (then the highest). Returns the stabilized count and the `AbleToScale`
    /// reason and message for when it differs from the proposal.
    public mutating func stabilize(_ proposal: Int32, current: Int32, behavior: HPABehavior, at time: SimTime)
        -> (replicas: Int32, reason: String, message: String)
    {
        let upWindow = Millis.seconds(Int64(behavior.scaleUp.stabilizationWindowSeconds ?? 0))
        let downWindow = behavior.scaleDown.stabilizationWindowSeconds.map { Millis.seconds(Int64($0)) } ?? Self.defaultDownscaleWindow
        let upCutoff = time - upWindow, downCutoff = time - downWindow
        var upRecommendation = proposal, downRecommendation = proposal
        var staleSlot: Int?
        for (index, recommendation) in recommendations.enumerated() {
            if recommendation.time > upCutoff { upRecommendation = min(upRecommendation, recommendation.replicas) }
            if recommendation.time > downCutoff { downRecommendation = max(downRecommendation, recommendation.replicas) }
            if recommendation.time < upCutoff && recommendation.time < downCutoff { staleSlot = index }
        }
        var stabilized = current
        if stabilized < upRecommendation { stabilized = upRecommendation }
        if stabilized > downRecommendation { stabilized = downRecommendation }
        record(proposal, at: time, replacing: staleSlot)
        if proposal >= current {
            return (stabilized, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
        }
        return (stabilized, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
    }

    /// `convertDesiredReplicasWithBehaviorRate`: bounds `desired` by the scaling policies over
    /// the recent scale events, and by min/max replicas.
    public func rateLimited(
        _ desired: Int32, current: Int32, minReplicas: Int32, maxReplicas: Int32, behavior: HPABehavior,
        at time: SimTime
    ) -> Limited {
        if desired > current {
            let limit = max(scaleUpLimit(current: current, rules: behavior.scaleUp, at: time), current)
            let maximum: Int32, reason: String, message: String
            if maxReplicas > limit {
                (maximum, reason, message) = (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            } else {
                (maximum, reason, message) = (maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count")
            }
            if desired > maximum { return Limited(replicas: maximum, reason: reason, message: message) }
        } else if desired < current {
            let limit = min(scaleDownLimit(current: current, rules: behavior.scaleDown, at: time), current)
            let minimum: Int32, reason: String, message: String
            if minReplicas < limit {
                (minimum, reason, message) = (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
            } else {
                (minimum, reason, message) = (minReplicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            }
            if desired < minimum { return Limited(replicas: minimum, reason: reason, message: message) }
        }
        return Limited(replicas: desired, reason: "DesiredWithinRange", message: "the desired count is within the acceptable range")
    }

    /// `calculateScaleUpLimitWithScalingRules`.
    func scaleUpLimit(current: Int32, rules: HPAScalingRules, at time: SimTime) -> Int32 {
        if rules.selectPolicy == .disabled { return current }
        var result = rules.selectPolicy == .min ? Int32.max : Int32.min
        for policy in rules.policies {
            let start = periodStart(current: current, periodSeconds: policy.periodSeconds, at: time)
            let proposed: Int32
            switch policy.kind {
            case .pods: proposed = start &+ policy.value
            case .percent: proposed = ReplicaCalculator.ceil(Double(start) * (1 + Double(policy.value) / 100))
            }
            result = rules.selectPolicy == .min ? min(result, proposed) : max(result, proposed)
        }
        return result
    }

    /// `calculateScaleDownLimitWithBehaviors`.
    func scaleDownLimit(current: Int32, rules: HPAScalingRules, at time: SimTime) -> Int32 {
        if rules.selectPolicy == .disabled { return current }
        var result = rules.selectPolicy == .min ? Int32.min : Int32.max
        for policy in rules.policies {
            let start = periodStart(current: current, periodSeconds: policy.periodSeconds, at: time)
            let proposed: Int32
            switch policy.kind {
            case .pods: proposed = start &- policy.value
            // int32(float64(start) × (1 − value/100)), held within Int32 for a percentage above 100.
            case .percent: proposed = ReplicaCalculator.truncated(Double(start) * (1 - Double(policy.value) / 100))
            }
            result = rules.selectPolicy == .min ? max(result, proposed) : min(result, proposed)
        }
        return result
    }

    /// The size at the start of a policy period: current, less what was added and plus what was
    /// removed within it.
    private func periodStart(current: Int32, periodSeconds: Int32, at time: SimTime) -> Int32 {
        let cutoff = time - Millis.seconds(Int64(periodSeconds))
        let added = scaleUpEvents.reduce(Int32(0)) { $1.time > cutoff ? $0 + $1.change : $0 }
        let removed = scaleDownEvents.reduce(Int32(0)) { $1.time > cutoff ? $0 + $1.change : $0 }
        return current - added + removed
    }

    /// `storeScaleEvent`: remembers a rescale (only with a behavior), reusing the last slot older
    /// than the direction's longest policy period.
    public mutating func storeScaleEvent(behavior: HPABehavior?, from previous: Int32, to new: Int32, at time: SimTime) {
        guard let behavior else { return }
        if new > previous {
            Self.store(ScaleEvent(change: new - previous, time: time), in: &scaleUpEvents, rules: behavior.scaleUp)
        } else {
            Self.store(ScaleEvent(change: previous - new, time: time), in: &scaleDownEvents, rules: behavior.scaleDown)
        }
    }

    private static func store(_ event: ScaleEvent, in events: inout [ScaleEvent], rules: HPAScalingRules) {
        let longest = rules.policies.map(\.periodSeconds).max() ?? 0
        let cutoff = event.time - Millis.seconds(Int64(longest))
        var outdatedSlot: Int?
        for index in events.indices {
            if events[index].time < cutoff { events[index].outdated = true }
            if events[index].outdated { outdatedSlot = index }
        }
        if let outdatedSlot { events[outdatedSlot] = event } else { events.append(event) }
    }

    private mutating func record(_ proposal: Int32, at time: SimTime, replacing slot: Int?) {
        let recommendation = Recommendation(replicas: proposal, time: time)
        if let slot { recommendations[slot] = recommendation } else { recommendations.append(recommendation) }
    }
}
