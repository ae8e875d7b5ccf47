import TestSupport
import Testing

@testable import SimCore

@Suite("Keys a change concerns")
struct AffectedKeysTests {
    @Test("none, one (or none for nil), and several in their order")
    func iteration() {
        #expect(Array(AffectedKeys<ReplicaSetID>.none).isEmpty)
        #expect(Array(AffectedKeys<ReplicaSetID>.one(nil)).isEmpty)
        #expect(Array(AffectedKeys<ReplicaSetID>.one(3)) == [3])
        // A change that concerns many objects (a node added, for every DaemonSet) lists them all.
        #expect(Array(AffectedKeys<ReplicaSetID>.all([4, 1, 7])) == [4, 1, 7])
    }
}
