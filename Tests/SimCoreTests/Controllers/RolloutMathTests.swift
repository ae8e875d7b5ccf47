import SimCore
import TestSupport
import Testing

/// Expected values from upstream's `deployment/util` tests and worked by hand from reference §4.
@Suite("Deployment arithmetic")
struct RolloutMathTests {
    @Test(
        "25 %/25 % fenceposts: surge rounds up, unavailable rounds down",
        arguments: [
            (1, 1, 0), (3, 1, 0), (4, 1, 1), (10, 3, 2), (100, 25, 25),
        ] as [(Int32, Int32, Int32)])
    func defaultFenceposts(replicas: Int32, surge: Int32, unavailable: Int32) {
        let resolved = RolloutMath.resolveFenceposts(maxSurge: .percent(25), maxUnavailable: .percent(25), desired: replicas)
        #expect(resolved.surge == surge)
        #expect(resolved.unavailable == unavailable)
    }

    @Test("both fenceposts resolving to zero make unavailable 1")
    func bothZero() {
        // maxUnavailable 10 % of 3 = floor(0.3) = 0 and maxSurge 0: unavailable becomes 1.
        let resolved = RolloutMath.resolveFenceposts(maxSurge: .int(0), maxUnavailable: .percent(10), desired: 3)
        #expect(resolved.surge == 0)
        #expect(resolved.unavailable == 1)
    }

    @Test("MaxUnavailable is capped at replicas and is 0 for Recreate or zero replicas")
    func maxUnavailable() {
        let template = PodTemplate(spec: PodSpec(containers: []))
        var spec = DeploymentSpec(
            meta: ObjectMeta(name: "d"), replicas: 2, selector: LabelSelector(), template: template,
            strategy: .rollingUpdate(maxSurge: .int(1), maxUnavailable: .int(5)))
        #expect(RolloutMath.maxUnavailable(spec) == 2)
        spec.replicas = 0
        #expect(RolloutMath.maxUnavailable(spec) == 0)
        spec.strategy = .recreate
        spec.replicas = 4
        #expect(RolloutMath.maxUnavailable(spec) == 0)
        #expect(RolloutMath.maxSurge(spec) == 0)
    }

    @Test("NewRSNewReplicas stays within replicas + maxSurge")
    func newReplicaSetReplicas() {
        let template = PodTemplate(spec: PodSpec(containers: []))
        let spec = DeploymentSpec(
            meta: ObjectMeta(name: "d"), replicas: 10, selector: LabelSelector(), template: template,
            strategy: .rollingUpdate(maxSurge: .int(1), maxUnavailable: .int(0)))
        // Fresh: 0 pods, max total 11; min(11 − 0, 10 − 0) = 10.
        #expect(RolloutMath.newReplicaSetReplicas(spec, totalReplicas: 0, newReplicas: 0) == 10)
        // Mid-rollout: old 10 + new 0 = 10 < 11; min(1, 10) = 1 → 1.
        #expect(RolloutMath.newReplicaSetReplicas(spec, totalReplicas: 10, newReplicas: 0) == 1)
        // At the surge limit: 11 ≥ 11, stays at 1.
        #expect(RolloutMath.newReplicaSetReplicas(spec, totalReplicas: 11, newReplicas: 1) == 1)
    }

    @Test("proportional scaling keeps each ReplicaSet's share")
    func proportions() {
        let template = PodTemplate(spec: PodSpec(containers: []))
        let spec = DeploymentSpec(
            meta: ObjectMeta(name: "d"), replicas: 20, selector: LabelSelector(), template: template,
            strategy: .rollingUpdate(maxSurge: .int(3), maxUnavailable: .int(2)))
        // Scaling from max 13 (10 + 3) to 23 (20 + 3): an RS of 5 becomes round(5 × 23 / 13) = round(8.85) = 9, +4.
        #expect(RolloutMath.replicaSetFraction(replicas: 5, spec: spec, maxReplicasBefore: 13) == 4)
        #expect(RolloutMath.proportion(replicas: 5, fraction: 4, toAdd: 10, added: 8) == 2)
        #expect(RolloutMath.proportion(replicas: 5, fraction: -4, toAdd: -3, added: 0) == -3)
    }

    @Test("pod-template-hash is stable, changes with the template and the collision count, and uses the safe alphabet")
    func templateHash() {
        let template = PodTemplate(labels: Labels([("app", "web")]), spec: PodSpec(containers: [Container(name: "web", image: "web:1")]))
        var changed = template
        changed.spec.containers[0].image = "web:2"
        let hash = RolloutMath.podTemplateHash(template, collisionCount: 0)
        #expect(hash == RolloutMath.podTemplateHash(template, collisionCount: 0))
        #expect(hash != RolloutMath.podTemplateHash(changed, collisionCount: 0))
        #expect(hash != RolloutMath.podTemplateHash(template, collisionCount: 1))
        #expect(hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
    }
}

@Suite("ReplicaSet deletion order")
struct PodDeletionOrderTests {
    let now: SimTime = 3_600_000

    func pod(
        assigned: Bool = true, phase: PodPhase = .running, ready: Bool = true, cost: Int32 = 0, rank: Int = 1,
        readySince: SimTime? = 0, restarts: Int32 = 0, created: SimTime = 0, uid: UInt64 = 1
    ) -> PodDeletionFacts {
        PodDeletionFacts(
            isAssigned: assigned, phase: phase, isReady: ready, deletionCost: cost, rank: rank,
            readySince: ready ? readySince : nil, restartCount: restarts, createdAt: created, uid: uid)
    }

    @Test("each rule decides only when the earlier ones tie")
    func rules() {
        #expect(deletesBefore(pod(assigned: false, phase: .pending, ready: false), pod(), now: now))
        #expect(deletesBefore(pod(phase: .pending, ready: false), pod(phase: .running, ready: false), now: now))
        #expect(deletesBefore(pod(ready: false), pod(ready: true), now: now))
        #expect(deletesBefore(pod(cost: -5), pod(cost: 0), now: now))
        #expect(deletesBefore(pod(rank: 3), pod(rank: 1), now: now))
        #expect(deletesBefore(pod(restarts: 4), pod(restarts: 1), now: now))
        #expect(!deletesBefore(pod(), pod(), now: now))
    }

    @Test("ready for less time goes first, compared in log2 buckets of age")
    func readyTimeBuckets() {
        // Ready 10 s ago (1e10 ns, bucket 33) against an hour ago (3.6e12 ns, bucket 41): the recent one goes first.
        #expect(deletesBefore(pod(readySince: now - 10_000), pod(readySince: 0), now: now))
        // 1000 s and 1100 s ago share bucket 39 (2^39 ns ≈ 550 s, 2^40 ≈ 1100 s): the smaller UID goes first.
        #expect(deletesBefore(pod(readySince: now - 1_000_000, uid: 1), pod(readySince: now - 1_050_000, uid: 2), now: now))
        #expect(!deletesBefore(pod(readySince: now - 1_000_000, uid: 2), pod(readySince: now - 1_050_000, uid: 1), now: now))
    }

    @Test("with everything else equal, the newer pod goes first")
    func newerFirst() {
        #expect(deletesBefore(pod(created: now - 5_000), pod(created: 0), now: now))
    }
}
