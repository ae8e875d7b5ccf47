import Testing

@testable import Scenarios

/// The bisection of `kubesim capacity`, against a scan of every value.
@Suite("Capacity search")
struct CapacitySearchTests {
    /// The search over `low...high` for a threshold test (passing from `threshold` up), with the
    /// values it tested in order.
    static func search(_ low: Int64, _ high: Int64, threshold: Int64) -> (CapacitySearch.Outcome, [Int64]) {
        var tested: [Int64] = []
        let outcome = CapacitySearch.smallestPassing(in: low, high) { value in
            tested.append(value)
            return value >= threshold
        }
        return (outcome, tested)
    }

    @Test("for every threshold in and around 0...40, the answer is the first passing value a scan finds")
    func equalsScan() {
        for (low, high) in [(Int64(0), Int64(0)), (0, 1), (1, 10), (3, 40), (7, 8)] {
            for threshold in (low - 1)...(high + 1) {
                let scan = (low...high).first { $0 >= threshold }
                let (outcome, tested) = Self.search(low, high, threshold: threshold)
                #expect(outcome == (scan.map(CapacitySearch.Outcome.found) ?? .noneInRange), "\(low)..\(high), passing from \(threshold)")
                // Every value tested lies in the range; the answer and the value below it are among them.
                #expect(tested.allSatisfy { (low...high).contains($0) })
                if let scan {
                    #expect(tested.contains(scan))
                    if scan > low { #expect(tested.contains(scan - 1)) }
                }
            }
        }
    }

    @Test("1..10 passing from 3: the top first, then 5, 2, 3 by bisection; then the answer and 2 again")
    func order() {
        // failing 0, passing 10 → middle 5 (passes) → middle 2 (fails) → middle 3 (passes); 3 − 2 = 1.
        let (outcome, tested) = Self.search(1, 10, threshold: 3)
        #expect(outcome == .found(3))
        #expect(tested == [10, 5, 2, 3, 3, 2])
    }

    @Test("a test that cannot answer stops the search where it happens")
    func stops() {
        var tested: [Int64] = []
        // 0...100: the top, then −1 + (100 − (−1)) ÷ 2 = 49, which cannot be answered.
        let outcome = CapacitySearch.smallestPassing(in: 0, 100) { value in
            tested.append(value)
            return value == 49 ? nil : value > 20
        }
        #expect(outcome == .stopped)
        #expect(tested == [100, 49])
    }

    @Test("the widest range allowed bisects without overflow in 54 steps or so")
    func widest() {
        let (outcome, tested) = Self.search(0, CapacitySearch.maximumValue, threshold: 123_456_789)
        #expect(outcome == .found(123_456_789))
        #expect(tested.count <= 57)
    }
}
