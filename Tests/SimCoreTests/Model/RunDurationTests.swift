import TestSupport
import Testing

@testable import SimCore

/// Run-duration distributions: each draw in range, and the sample moments near the parameters
/// over many draws from a fixed seed.
@Suite("Run durations")
struct RunDurationTests {
    static func draws(_ duration: RunDuration, count: Int = 20_000) -> [SimTime] {
        var stream = RandomStream(seed: 7, name: "run-durations")
        return (0..<count).map { _ in duration.draw(&stream) }
    }

    static func mean(_ values: [SimTime]) -> Double { Double(values.reduce(0, +)) / Double(values.count) }

    @Test("a fixed time is that time")
    func fixed() {
        #expect(Self.draws(.fixed(90_000), count: 3) == [90_000, 90_000, 90_000])
    }

    @Test("uniform draws stay between min and max, with the mean at the midpoint")
    func uniform() {
        let values = Self.draws(.uniform(min: 300_000, max: 900_000))
        #expect(values.allSatisfy { $0 >= 300_000 && $0 <= 900_000 })
        // Midpoint 600 s; the standard error of 20,000 draws is 600/√12/√20000 ≈ 1.2 s.
        #expect(abs(Self.mean(values) - 600_000) < 6_000)
    }

    @Test("exponential draws have the given mean")
    func exponential() {
        // Mean 10 min; standard error 600/√20000 ≈ 4.2 s.
        #expect(abs(Self.mean(Self.draws(.exponential(mean: 600_000))) - 600_000) < 20_000)
    }

    @Test("lognormal draws have the given median")
    func logNormal() {
        let values = Self.draws(.logNormal(median: 1_200_000, sigma: 0.4)).sorted()
        // The sample median of 20,000 draws is within a few percent of 20 min.
        #expect(abs(Double(values[values.count / 2]) - 1_200_000) < 30_000)
    }

    @Test("normal draws have the given mean, and none is below a millisecond")
    func normal() {
        let values = Self.draws(.normal(mean: 60_000, standardDeviation: 20_000))
        #expect(abs(Self.mean(values) - 60_000) < 1_000)
        #expect(Self.draws(.normal(mean: 1_000, standardDeviation: 100_000)).allSatisfy { $0 >= 1 })
    }

    @Test("the same seed gives the same draws")
    func deterministic() {
        #expect(Self.draws(.logNormal(median: 60_000, sigma: 1), count: 50) == Self.draws(.logNormal(median: 60_000, sigma: 1), count: 50))
    }
}
