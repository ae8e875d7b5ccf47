import TestSupport
import Testing

@testable import SimCore

/// The pure parts of the StatefulSet and Job controllers, against upstream's unit-test tables.
@Suite("StatefulSet and Job arithmetic")
struct WorkloadArithmeticTests {
    // Upstream TestGetParentNameAndOrdinal and TestIdentityMatches (stateful_set_utils_test.go):
    // the parent is everything before the last dash followed only by digits.
    @Test(
        "a pod's parent and ordinal, as getParentNameAndOrdinal reads its name",
        arguments: [
            ("foo-1", "foo", Int32(1)), ("web-0", "web", 0), ("my-db-12", "my-db", 12), ("a-b-c-007", "a-b-c", 7),
        ])
    func parentAndOrdinal(name: String, parent: String, ordinal: Int32) throws {
        let parsed = try #require(StatefulSetController.parentAndOrdinal(of: name))
        #expect(parsed.parent == parent && parsed.ordinal == ordinal)
    }

    @Test("names that are not <parent>-<ordinal> have no ordinal", arguments: ["foo", "foo-", "foo-bar", "foo-1a"])
    func noOrdinal(name: String) {
        #expect(StatefulSetController.parentAndOrdinal(of: name) == nil)
    }

    @Test("a pod belongs to a set only when its parent is exactly the set's name")
    func belongs() {
        #expect(StatefulSetController.ordinal(of: "web-2", in: "web") == 2)
        // Upstream's IsMemberOf: "web-db-0" is not a member of "web".
        #expect(StatefulSetController.ordinal(of: "web-db-0", in: "web") == nil)
    }

    // Upstream TestControllerSyncJob (job_controller_test.go), the pods each case expects to be
    // running after a sync: wanted = min(parallelism, completions − succeeded), or for a work
    // queue parallelism until a pod succeeds, then no new ones.
    @Test(
        "pods a Job wants running, after upstream's TestControllerSyncJob",
        arguments: [
            // "job start": parallelism 2, completions 5 → 2.
            (Int32?(5), Int32(2), Int32(0), Int32(0), Int32(0), 2),
            // "correct # of pods": 2 active, 0 succeeded → 2 (nothing to create).
            (5, 2, 0, 0, 2, 2),
            // "too few active pods": 1 active, 1 succeeded → min(2, 5 − 1) = 2.
            (5, 2, 1, 1, 1, 2),
            // "too many active pods": 3 active with parallelism 2 → 2 (one deleted).
            (5, 2, 0, 0, 3, 2),
            // "only one completion left": 4 of 5 succeeded → min(2, 1) = 1.
            (5, 2, 4, 4, 2, 1),
            // "job finish": 5 of 5 succeeded → 0.
            (5, 2, 5, 5, 0, 0),
            // "WQ job start": no completions → parallelism 2.
            (nil, 2, 0, 0, 0, 2),
            // "WQ job finishing": one succeeded, 1 active left → no new pods, the active one stays.
            (nil, 2, 1, 1, 1, 1),
            // "WQ job all finished": one succeeded, none active → 0.
            (nil, 2, 1, 1, 0, 0),
        ] as [(Int32?, Int32, Int32, Int32, Int32, Int)])
    func wantedActive(completions: Int32?, parallelism: Int32, completed: Int32, succeeded: Int32, active: Int32, wanted: Int) {
        #expect(
            JobController.wantedActive(completions: completions, parallelism: parallelism, completed: completed, succeeded: succeeded, active: active)
                == wanted)
    }
}
