import TestSupport
import Testing

@testable import SimCore

@Suite("Traffic shapes and CPU sharing")
struct TrafficShapeTests {
    @Test("each rate shape gives its value by hand")
    func shapes() {
        #expect(RateShape.constant(10).rate(at: 5_000) == 10)
        #expect(RateShape.step(from: 1, to: 9, at: 60_000).rate(at: 59_999) == 1)
        #expect(RateShape.step(from: 1, to: 9, at: 60_000).rate(at: 60_000) == 9)
        #expect(RateShape.ramp(from: 0, to: 100, start: 10_000, end: 20_000).rate(at: 15_000) == 50)
        let diurnal = RateShape.diurnal(min: 100, max: 300, peakAt: 20 * Millis.hour, period: 24 * Millis.hour)
        #expect(abs(diurnal.rate(at: 20 * Millis.hour) - 300) < 1e-9)
        #expect(abs(diurnal.rate(at: 8 * Millis.hour) - 100) < 1e-9)
        #expect(abs(diurnal.rate(at: 14 * Millis.hour) - 200) < 1e-9)
        #expect(RateShape.spike(base: 5, peak: 50, at: 1_000, duration: 1_000).rate(at: 1_500) == 50)
        #expect(RateShape.spike(base: 5, peak: 50, at: 1_000, duration: 1_000).rate(at: 2_000) == 5)
        let points = RateShape.points([RatePoint(at: 0, value: 0), RatePoint(at: 10_000, value: 100), RatePoint(at: 20_000, value: 50)])
        #expect(points.rate(at: 15_000) == 75)
        #expect(points.rate(at: 99_000) == 50)
        #expect(RateShape.sum([.constant(3), .step(from: 0, to: 4, at: 0)]).rate(at: 1) == 7)
        #expect(RateShape.constant(-5).rate(at: 0) == 0)
    }

    @Test("corners are where a recomputation must happen")
    func corners() {
        let shape = RateShape.sum([.spike(base: 1, peak: 2, at: 30_000, duration: 10_000), .step(from: 0, to: 1, at: 30_000)])
        #expect(shape.corners(after: 0) == [30_000, 40_000])
    }

    @Test("CPU under contention is shared by request weight; a pod wanting less than its share leaves the rest")
    func sharing() {
        var allocation: [Double] = [], order: [Int] = []
        // 1000m for two pods wanting 800m each, weights 100 and 300: 250m and 750m.
        CPUSharing.share(1_000, demand: [800, 800], weight: [100, 300], allocation: &allocation, order: &order)
        #expect(allocation == [250, 750])
        // One wants only 100m of its 500m share: the other gets the remaining 900m.
        CPUSharing.share(1_000, demand: [100, 2_000], weight: [500, 500], allocation: &allocation, order: &order)
        #expect(allocation == [100, 900])
        // Enough for everyone: each gets what it wants.
        CPUSharing.share(1_000, demand: [300, 400], weight: [1, 1], allocation: &allocation, order: &order)
        #expect(allocation == [300, 400])
    }
}
