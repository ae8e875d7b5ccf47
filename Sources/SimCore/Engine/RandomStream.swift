/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator used only to expand one seed into
/// well-mixed state for `RandomStream`, as the xoshiro authors recommend.
public struct SplitMix64: Sendable {
    /// The generator's whole state.
    public private(set) var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One named stream of random numbers: xoshiro256** (Blackman and Vigna 2018).
///
/// kubesim implements its own generator and its own bounded integers, doubles and shuffles instead
/// of the standard library's `random(in:using:)`, whose algorithms may change between Swift
/// releases: the same seed must give the same run on every toolchain.
public struct RandomStream: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A stream with explicit state (for known-answer tests); the state must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// A stream whose state is four outputs of SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        self.init(state: (mixer.next(), mixer.next(), mixer.next(), mixer.next()))
    }

    /// The stream called `name` under the scenario seed `seed`. Each concern (traffic noise, node
    /// failures, scheduler tie-breaks, …) draws from its own stream, so adding randomness in one
    /// place does not shift the numbers another place sees.
    public init(seed: UInt64, name: String) {
        self.init(seed: seed ^ Self.fnv1a64(name))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), by Lemire's multiply-shift with rejection,
    /// so every value is exactly equally likely.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `elements` in place (Fisher–Yates, drawing with `nextInt(below:)`).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, nextInt(below: index + 1))
        }
    }

    private func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// FNV-1a over the UTF-8 bytes of `text`: a fixed, documented hash for deriving stream seeds
    /// (Swift's `Hasher` is seeded per process and must never reach a decision).
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
