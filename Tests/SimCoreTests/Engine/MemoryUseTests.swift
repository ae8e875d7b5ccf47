import TestSupport
import Testing

@testable import SimCore

/// The per-item costs of `MemoryUse` against what a run's logs really hold, and the guard that
/// stops a run growing past its limit.
@Suite("Memory use")
struct MemoryUseTests {
    /// Heap bytes of a Swift string: none for up to 15 UTF-8 bytes (stored inline), else its
    /// bytes plus the 32-byte storage header, rounded up to malloc's 16-byte granules. Strings
    /// shared between records are counted each time, so this over-counts.
    static func heapBytes(_ text: String) -> Int {
        let count = text.utf8.count
        return count <= 15 ? 0 : (count + 32 + 15) / 16 * 16
    }

    /// Bytes an array of `count` elements of `stride` takes when it has grown by doubling.
    static func arrayBytes(count: Int, stride: Int) -> Int {
        var capacity = 1
        while capacity < count { capacity *= 2 }
        return capacity * stride
    }

    /// Two pools too small for a Deployment of 64-core pods (retried every 5 minutes for a
    /// day, an event each time), one that fits, and a minute's metrics.
    static func growingRun() throws -> Simulation {
        let setup = SimulationSetup(
            name: "growth", duration: 24 * Millis.hour, metricsInterval: Millis.minute,
            nodePools: [Build.pool("general", count: 3, cpu: 4_000)],
            deployments: [Build.deployment("too-big", replicas: 20, cpu: 64_000), Build.deployment("web", replicas: 4, cpu: 500)])
        let simulation = try Simulation(setup)
        simulation.run(until: setup.duration)
        return simulation
    }

    @Test("an event, a placement and a time-series row cost no more than MemoryUse counts for them")
    func perItemCosts() throws {
        let simulation = try Self.growingRun()
        let use = simulation.memoryUse
        // 20 pods retried by the 30-second flush once unschedulable for 5 minutes, so every
        // 5.5 minutes at most, for 24 h: at least 20 × ⌊86,400 / 330⌋ = 20 × 261 = 5,220 events.
        #expect(use.events >= 5_220)
        #expect(use.placements == 4)

        let events = simulation.eventLog
        let eventBytes =
            Self.arrayBytes(count: events.count, stride: MemoryLayout<EventRecord>.stride)
            + events.reduce(0) { total, event in
                total + Self.heapBytes(event.reason) + Self.heapBytes(event.object.kind) + Self.heapBytes(event.object.namespace)
                    + Self.heapBytes(event.object.name) + Self.heapBytes(event.node) + Self.heapBytes(event.message)
            }
        #expect(Int64(eventBytes) <= use.events * MemoryUse.bytesPerEvent)
        // Not wildly above either: within 2.5 times what the events hold.
        #expect(use.events * MemoryUse.bytesPerEvent <= Int64(eventBytes) * 5 / 2)

        let placements = simulation.placements
        let placementBytes =
            Self.arrayBytes(count: placements.count, stride: MemoryLayout<PlacementRecord>.stride)
            + placements.reduce(0) { $0 + Self.heapBytes($1.pod) + Self.heapBytes($1.node) + Self.heapBytes($1.workload) }
        #expect(Int64(placementBytes) <= use.placements * MemoryUse.bytesPerPlacement)

        // Four flat columns: time (8), metric (4), object (4), value (8).
        let rows = simulation.timeSeries.count
        let rowBytes = [8, 4, 4, 8].reduce(0) { $0 + Self.arrayBytes(count: rows, stride: $1) }
        #expect(use.seriesRows == Int64(rows))
        #expect(Int64(rowBytes) <= use.seriesRows * MemoryUse.bytesPerSeriesRow)
    }

    @Test("a run that grows past its memory limit stops, says what it held, and runs no further")
    func guardStops() throws {
        let unlimited = try Self.growingRun()
        var setup = unlimited.setup
        // A limit a third of what the whole day holds: the run stops before its end.
        setup.memoryLimit = unlimited.memoryUse.bytes / 3
        let limited = try Simulation(setup)
        limited.run(until: setup.duration)
        let stopped = try #require(limited.stoppedForMemory)
        #expect(stopped.bytes > setup.memoryLimit ?? 0)
        // Checked every 1,024 events: it stops within that many events of the limit.
        #expect(stopped.events * MemoryUse.bytesPerEvent <= (setup.memoryLimit ?? 0) + 1_024 * 4 * MemoryUse.bytesPerEvent)
        #expect(limited.now < setup.duration)
        let processed = limited.eventsProcessed
        limited.run(until: setup.duration)
        #expect(limited.eventsProcessed == processed)
    }

    @Test("the byte total saturates instead of overflowing")
    func saturates() {
        #expect(MemoryUse(events: Int64.max / 2).bytes == Int64.max)
        // 3 nodes × 4,096 + 10 pods × 2,048 + 100 events × 512 = 12,288 + 20,480 + 51,200.
        #expect(MemoryUse(nodes: 3, pods: 10, events: 100).bytes == 83_968)
    }
}
