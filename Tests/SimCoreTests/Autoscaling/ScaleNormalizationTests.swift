import TestSupport
import Testing

@testable import SimCore

/// Stabilization and rate limits (reference §3.5–3.6), worked by hand from upstream's formulas.
@Suite("HPA normalization")
struct ScaleNormalizationTests {
    let now: SimTime = 1_000_000

    @Test("default scale-up: from 2, max(+4, ×2) per 15 s allows 6; from 10 it allows 20")
    func defaultScaleUp() {
        let history = ScaleNormalization()
        let behavior = HPABehavior()
        let fromTwo = history.rateLimited(40, current: 2, minReplicas: 1, maxReplicas: 100, behavior: behavior, at: now)
        #expect(
            fromTwo
                == ScaleNormalization.Limited(
                    replicas: 6, reason: "ScaleUpLimit",
                    message: "the desired replica count is increasing faster than the maximum scale rate"))
        #expect(history.rateLimited(40, current: 10, minReplicas: 1, maxReplicas: 100, behavior: behavior, at: now).replicas == 20)
        #expect(history.rateLimited(40, current: 10, minReplicas: 1, maxReplicas: 15, behavior: behavior, at: now).reason == "TooManyReplicas")
    }

    @Test("scale events within the period count against the limit: after 2 → 6, nothing more for 15 s")
    func eventsWithinPeriod() {
        var history = ScaleNormalization()
        let behavior = HPABehavior()
        history.storeScaleEvent(behavior: behavior, from: 2, to: 6, at: now)
        // 10 s later the period started at 6 − 4 = 2: max(2 + 4, 2 × 2) = 6, no growth.
        #expect(history.rateLimited(40, current: 6, minReplicas: 1, maxReplicas: 100, behavior: behavior, at: now + 10_000).replicas == 6)
        // 15 s later the event is no longer newer than the cutoff: max(6 + 4, 12) = 12.
        #expect(history.rateLimited(40, current: 6, minReplicas: 1, maxReplicas: 100, behavior: behavior, at: now + 15_000).replicas == 12)
    }

    @Test("scale-down policies: 100 % allows minReplicas at once; 1 pod per minute allows one; Disabled none")
    func scaleDownPolicies() {
        let history = ScaleNormalization()
        #expect(history.rateLimited(2, current: 10, minReplicas: 1, maxReplicas: 100, behavior: HPABehavior(), at: now).replicas == 2)
        let onePod = HPABehavior(
            scaleDown: HPAScalingRules(stabilizationWindowSeconds: 0, policies: [HPAScalingPolicy(.pods, value: 1, periodSeconds: 60)]))
        #expect(
            history.rateLimited(2, current: 10, minReplicas: 1, maxReplicas: 100, behavior: onePod, at: now)
                == ScaleNormalization.Limited(
                    replicas: 9, reason: "ScaleDownLimit",
                    message: "the desired replica count is decreasing faster than the maximum scale rate"))
        let disabled = HPABehavior(scaleDown: HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .disabled, policies: []))
        #expect(history.rateLimited(2, current: 10, minReplicas: 1, maxReplicas: 100, behavior: disabled, at: now).replicas == 10)
        // Percent rounds down: 10 × (1 − 0.15) = 8.5 → 8.
        let fifteen = HPABehavior(
            scaleDown: HPAScalingRules(stabilizationWindowSeconds: 0, policies: [HPAScalingPolicy(.percent, value: 15, periodSeconds: 60)]))
        #expect(history.rateLimited(2, current: 10, minReplicas: 1, maxReplicas: 100, behavior: fifteen, at: now).replicas == 8)
    }

    @Test("selectPolicy Min takes the smaller scale-up: min(+4, ×2) from 10 is 14")
    func selectMin() {
        let rules = HPAScalingRules(stabilizationWindowSeconds: 0, selectPolicy: .min, policies: HPAScalingRules.defaultScaleUp.policies)
        let limited = ScaleNormalization().rateLimited(
            40, current: 10, minReplicas: 1, maxReplicas: 100, behavior: HPABehavior(scaleUp: rules), at: now)
        #expect(limited.replicas == 14)
    }

    @Test("the scale-down window keeps the highest recommendation of the last 300 s")
    func downStabilization() {
        var history = ScaleNormalization()
        history.seed(current: 10, at: now - 100_000)
        _ = history.stabilize(8, current: 10, behavior: HPABehavior(), at: now - 50_000)
        let result = history.stabilize(5, current: 10, behavior: HPABehavior(), at: now)
        #expect(result.replicas == 10)
        #expect(result.reason == "ScaleDownStabilized")
        // 301 s after the seed and 251 s after the 8: only the 8 and the 5 are in the window.
        #expect(history.stabilize(5, current: 10, behavior: HPABehavior(), at: now + 201_000).replicas == 8)
    }

    @Test("a scale-up window keeps the lowest recommendation; a recommendation exactly at the cutoff is out")
    func upStabilization() {
        let behavior = HPABehavior(scaleUp: HPAScalingRules(stabilizationWindowSeconds: 60, policies: HPAScalingRules.defaultScaleUp.policies))
        var history = ScaleNormalization()
        history.seed(current: 3, at: now - 60_000)
        _ = history.stabilize(5, current: 3, behavior: behavior, at: now - 30_000)
        // The seed is exactly 60 s old: excluded; the 5 and the new 9 are in: min is 5.
        #expect(history.stabilize(9, current: 3, behavior: behavior, at: now).replicas == 5)
    }

    @Test("without behavior: the highest recommendation within 5 minutes, and max(2 × current, 4)")
    func legacy() {
        var history = ScaleNormalization()
        history.seed(current: 7, at: now - 400_000)
        _ = history.stabilizeLegacy(5, at: now - 100_000)
        #expect(history.stabilizeLegacy(3, at: now) == 5)
        // The stale 7 was overwritten by the 3: two entries remain.
        #expect(history.recommendations.map(\.replicas) == [3, 5])
        #expect(ScaleNormalization.legacyLimits(current: 3, desired: 10, minReplicas: 1, maxReplicas: 20).replicas == 6)
        #expect(ScaleNormalization.legacyLimits(current: 1, desired: 10, minReplicas: 1, maxReplicas: 20).replicas == 4)
        #expect(ScaleNormalization.legacyLimits(current: 3, desired: 10, minReplicas: 1, maxReplicas: 5).reason == "TooManyReplicas")
        #expect(
            ScaleNormalization.legacyLimits(current: 3, desired: 0, minReplicas: 1, maxReplicas: 5)
                == ScaleNormalization.Limited(
                    replicas: 1, reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count"))
    }
}
