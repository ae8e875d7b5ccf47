import TestSupport
import Testing

@testable import SimCore

/// Known answers from the authors' reference C implementations of SplitMix64 and xoshiro256**,
/// compiled and run independently of this code.
@Suite("Random streams")
struct RandomStreamTests {
    @Test("SplitMix64 from seed 0 gives the reference sequence")
    func splitMixKnownAnswers() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("xoshiro256** from state (1, 2, 3, 4) gives the reference sequence")
    func xoshiroKnownAnswers() {
        var stream = RandomStream(state: (1, 2, 3, 4))
        #expect(stream.next() == 11_520)
        #expect(stream.next() == 0)
        #expect(stream.next() == 1_509_978_240)
        #expect(stream.next() == 1_215_971_899_390_074_240)
    }

    @Test("a seed expands through SplitMix64 into xoshiro256** state")
    func seededKnownAnswers() {
        var stream = RandomStream(seed: 42)
        #expect(stream.next() == 0x1578_0B2E_0C2E_C716)
        #expect(stream.next() == 0x6104_D986_6D11_3A7E)
        #expect(stream.next() == 0xAE17_5332_39E4_99A1)
    }

    @Test("named streams of one seed are independent, and the same name repeats")
    func namedStreams() {
        var traffic = RandomStream(seed: 7, name: "traffic")
        var again = RandomStream(seed: 7, name: "traffic")
        var faults = RandomStream(seed: 7, name: "faults")
        let first = (0..<4).map { _ in traffic.next() }
        #expect(first == (0..<4).map { _ in again.next() })
        #expect(first != (0..<4).map { _ in faults.next() })
    }

    @Test("bounded integers stay in range and cover it evenly")
    func boundedIntegers() {
        var stream = RandomStream(seed: 1)
        var counts = Array(repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[stream.nextInt(below: 6)] += 1 }
        // Each face expects 10,000; ±500 is about 5.5 standard deviations.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        #expect((0..<1_000).allSatisfy { _ in stream.nextInt(below: 1) == 0 })
    }

    @Test("doubles lie in [0, 1) and a shuffle is a permutation")
    func doublesAndShuffles() {
        var stream = RandomStream(seed: 3)
        #expect((0..<10_000).allSatisfy { _ in (0..<1).contains(stream.nextDouble()) })
        var values = Array(0..<100)
        stream.shuffle(&values)
        #expect(values.sorted() == Array(0..<100))
        #expect(values != Array(0..<100))
    }
}
