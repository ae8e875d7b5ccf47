/// Names as the API server makes them from a `generateName` prefix: the prefix and five random
/// characters from upstream's `utilrand` alphabet (no vowels, no confusable digits), drawn from a
/// named stream of the scenario's seed so that a run names its pods the same every time.
struct GeneratedNames {
    private var stream: RandomStream
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Names drawn from the stream `name` of `seed` (each controller has its own).
    init(seed: UInt64, stream name: String) {
        stream = RandomStream(seed: seed, name: name)
    }

    /// `prefix` and five random characters.
    mutating func next(_ prefix: String) -> String {
        prefix + String((0..<5).map { _ in Self.alphabet[stream.nextInt(below: Self.alphabet.count)] })
    }
}

/// When a Ready pod counts as available, shared by the ReplicaSet, DaemonSet and StatefulSet
/// controllers: upstream requires `readyTransition + minReadySeconds` to be strictly before now,
/// on second-precision timestamps; the first such millisecond is one past that sum.
enum PodAvailability {
    static func since(_ pod: Pod, minReadySeconds: Int32) -> SimTime? {
        guard pod.isReady, let transition = pod.readyTransition else { return nil }
        let minReady = Millis.seconds(Int64(minReadySeconds))
        if minReady == 0 { return transition }
        return transition / 1_000 * 1_000 + minReady + 1
    }
}
