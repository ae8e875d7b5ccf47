/// The Deployment controller's arithmetic (reference §4), as pure functions over replica counts.
public enum RolloutMath {
    /// `intstr.GetScaledValueFromIntOrPercent`: an integer as is; a percentage of `total`, rounded
    /// up or down.
    public static func scaled(_ value: IntOrPercent, of total: Int32, roundUp: Bool) -> Int32 {
        switch value {
        case .int(let number): return number
        case .percent(let percent):
            let product = Int64(percent) * Int64(total)
            let quotient = product / 100
            let rounded = roundUp && product % 100 != 0 && product > 0 ? quotient + 1 : quotient
            return Int32(clamping: rounded)
        }
    }

    /// `ResolveFenceposts`: surge rounds up, unavailable rounds down, and if both come to zero
    /// unavailable becomes 1.
    public static func resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: Int32) -> (surge: Int32, unavailable: Int32) {
        let surge = scaled(maxSurge, of: desired, roundUp: true)
        var unavailable = scaled(maxUnavailable, of: desired, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `MaxUnavailable(d)`: 0 for Recreate or zero replicas, else the resolved value capped at replicas.
    public static func maxUnavailable(_ spec: DeploymentSpec) -> Int32 {
        guard case .rollingUpdate(let surge, let unavailable) = spec.strategy, spec.replicas != 0 else { return 0 }
        return min(resolveFenceposts(maxSurge: surge, maxUnavailable: unavailable, desired: spec.replicas).unavailable, spec.replicas)
    }

    /// `MaxSurge(d)`: 0 for Recreate, else the resolved surge.
    public static func maxSurge(_ spec: DeploymentSpec) -> Int32 {
        guard case .rollingUpdate(let surge, let unavailable) = spec.strategy else { return 0 }
        return resolveFenceposts(maxSurge: surge, maxUnavailable: unavailable, desired: spec.replicas).surge
    }

    /// `NewRSNewReplicas`: how far the new ReplicaSet may grow now. RollingUpdate stays within
    /// `replicas + maxSurge` pods over all ReplicaSets; Recreate goes straight to `replicas`.
    public static func newReplicaSetReplicas(_ spec: DeploymentSpec, totalReplicas: Int32, newReplicas: Int32) -> Int32 {
        guard case .rollingUpdate(let surge, _) = spec.strategy else { return spec.replicas }
        let maxTotal = spec.replicas + scaled(surge, of: spec.replicas, roundUp: true)
        guard totalReplicas < maxTotal else { return newReplicas }
        return newReplicas + min(maxTotal - totalReplicas, spec.replicas - newReplicas)
    }

    /// `getReplicaSetFraction`: the change that keeps this ReplicaSet's share of the Deployment
    /// when it resizes from `maxReplicasBefore` to `replicas + maxSurge` (Go's round half away
    /// from zero); all of it when scaling to zero.
    public static func replicaSetFraction(replicas: Int32, spec: DeploymentSpec, maxReplicasBefore: Int32) -> Int32 {
        guard spec.replicas != 0 else { return -replicas }
        guard maxReplicasBefore != 0 else { return 0 }
        let maxReplicas = spec.replicas + maxSurge(spec)
        let size = Double(replicas) * Double(maxReplicas) / Double(maxReplicasBefore)
        return Int32(clamping: Int64(size.rounded(.toNearestOrAwayFromZero))) - replicas
    }

    /// `GetProportion`: this ReplicaSet's fraction, bounded by what is left to add or remove.
    public static func proportion(replicas: Int32, fraction: Int32, toAdd: Int32, added: Int32) -> Int32 {
        guard replicas != 0, toAdd != 0, toAdd != added else { return 0 }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// The `pod-template-hash` value: FNV-1a (32-bit) over the template's canonical text and the
    /// collision count, spelled with upstream's `SafeEncodeString` alphabet. The canonical text is
    /// kubesim's own (`CanonicalText`: fields at their zero value left out, so new fields do not
    /// rename existing ReplicaSets), so the values differ from a real cluster's but behave alike.
    public static func podTemplateHash(_ template: PodTemplate, collisionCount: Int32) -> String {
        var hash: UInt32 = 0x811C_9DC5
        func mix(_ byte: UInt8) {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        for byte in CanonicalText.of(template).utf8 { mix(byte) }
        if collisionCount > 0 {
            for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: UInt32(bitPattern: collisionCount) >> shift)) }
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}
