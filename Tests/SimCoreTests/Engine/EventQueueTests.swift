import TestSupport
import Testing

@testable import SimCore

@Suite("Event queue order")
struct EventQueueTests {
    struct Reference: Equatable {
        var time: SimTime
        var phase: EventPhase
        var sequence: Int
    }

    /// The documented total order: time, then phase, then insertion sequence.
    static func sortedReference(_ events: [Reference]) -> [Reference] {
        events.sorted { ($0.time, $0.phase.rawValue, $0.sequence) < ($1.time, $1.phase.rawValue, $1.sequence) }
    }

    @Test("pops in (time, phase, sequence) order, matching a sorted reference", arguments: 0..<20)
    func randomisedAgainstSortedReference(seed: UInt64) {
        var random = RandomStream(seed: seed, name: "event-queue-test")
        var queue = EventQueue<Int>()
        var reference: [Reference] = []
        for sequence in 0..<500 {
            // Few distinct times and phases, so ties are common.
            let time = SimTime(random.nextInt(below: 20))
            let phase = EventPhase.allCases[random.nextInt(below: EventPhase.allCases.count)]
            queue.schedule(sequence, at: time, phase: phase)
            reference.append(Reference(time: time, phase: phase, sequence: sequence))
        }
        var popped: [Reference] = []
        while let event = queue.popNext() {
            popped.append(Reference(time: event.time, phase: event.phase, sequence: event.payload))
        }
        #expect(popped == Self.sortedReference(reference))
    }

    @Test("pushes interleaved with pops as time advances keep the order of a simple reference", arguments: 0..<20)
    func interleavedAgainstReference(seed: UInt64) {
        var random = RandomStream(seed: seed, name: "event-queue-interleaved")
        var queue = EventQueue<Int>()
        var pending: [Reference] = []
        var now: SimTime = 0
        var sequence = 0
        for _ in 0..<2_000 {
            if pending.isEmpty || random.nextInt(below: 5) < 3 {
                // Same instant, near future or far future, as a simulation schedules.
                let delay: SimTime = [0, 1, SimTime(random.nextInt(below: 100)), SimTime(random.nextInt(below: 1 << 20))][random.nextInt(below: 4)]
                let phase = EventPhase.allCases[random.nextInt(below: EventPhase.allCases.count)]
                queue.schedule(sequence, at: now + delay, phase: phase)
                pending.append(Reference(time: now + delay, phase: phase, sequence: sequence))
                sequence += 1
            } else {
                guard let expected = pending.min(by: { ($0.time, $0.phase.rawValue, $0.sequence) < ($1.time, $1.phase.rawValue, $1.sequence) }) else {
                    break
                }
                pending.removeAll { $0 == expected }
                let event = queue.popNext()
                #expect(event.map { Reference(time: $0.time, phase: $0.phase, sequence: $0.payload) } == expected)
                now = expected.time
            }
        }
        #expect(queue.count == pending.count)
    }

    @Test("cancelled timers never pop; the rest keep their order", arguments: 0..<10)
    func cancellation(seed: UInt64) {
        var random = RandomStream(seed: seed, name: "event-queue-cancel")
        var queue = EventQueue<Int>()
        var reference: [Reference] = []
        var timers: [(TimerID, Int)] = []
        for sequence in 0..<300 {
            let time = SimTime(random.nextInt(below: 50))
            let timer = queue.scheduleTimer(sequence, at: time, phase: .controllers)
            timers.append((timer, sequence))
            reference.append(Reference(time: time, phase: .controllers, sequence: sequence))
        }
        var cancelled: Set<Int> = []
        for (timer, sequence) in timers where random.nextInt(below: 3) == 0 {
            queue.cancel(timer)
            cancelled.insert(sequence)
        }
        #expect(queue.count == 300 - cancelled.count)
        var popped: [Int] = []
        while let event = queue.popNext() { popped.append(event.payload) }
        #expect(popped == Self.sortedReference(reference).map(\.sequence).filter { !cancelled.contains($0) })
        #expect(queue.isEmpty)
    }

    @Test("cancelling a timer that already fired changes nothing")
    func cancelAfterFiring() {
        var queue = EventQueue<Int>()
        let timer = queue.scheduleTimer(1, at: 5, phase: .kubelet)
        #expect(queue.popNext()?.payload == 1)
        queue.cancel(timer)
        queue.schedule(2, at: 6, phase: .kubelet)
        #expect(queue.count == 1)
        #expect(queue.popNext()?.payload == 2)
    }

    @Test("events scheduled while popping keep the order: same instant, earlier phase first")
    func interleavedScheduling() {
        var queue = EventQueue<String>()
        queue.schedule("metrics", at: 10, phase: .metrics)
        queue.schedule("scheduler", at: 10, phase: .scheduler)
        #expect(queue.popNext()?.payload == "scheduler")
        // A controller reacting at the same instant runs before the metrics sample.
        queue.schedule("controller", at: 10, phase: .controllers)
        #expect(queue.popNext()?.payload == "controller")
        #expect(queue.popNext()?.payload == "metrics")
        #expect(queue.popNext() == nil)
    }
}
