import Testing

@testable import SimCore

/// The text a pod template is hashed over: what it holds, not how its types are laid out.
@Suite("Canonical text")
struct CanonicalTextTests {
    struct Before {
        var name: String
        var replicas: Int32
    }

    /// `Before` after a release added fields that this value leaves unset.
    struct After {
        var name: String
        var replicas: Int32
        var priority: Int32? = nil
        var tolerations: [String] = []
        var hostNetwork = false
        var failureProbability = 0.0
        var nested = Nested()
    }

    struct Nested {
        var zone = ""
        var count = 0
    }

    enum Strategy {
        case recreate
        case rolling(surge: Int)
    }

    @Test("fields at their zero value are left out, so a field added later leaves the text of a value that does not set it")
    func zeroFieldsLeftOut() {
        // name "web" quoted, replicas 3; every field of After beyond them is nil, empty, false, 0 or all-zero.
        #expect(CanonicalText.of(Before(name: "web", replicas: 3)) == "{name:\"web\";replicas:3;}")
        #expect(CanonicalText.of(After(name: "web", replicas: 3)) == "{name:\"web\";replicas:3;}")
        var set = After(name: "web", replicas: 3)
        set.priority = 0
        set.nested.zone = "a"
        #expect(CanonicalText.of(set) == "{name:\"web\";replicas:3;priority:0;nested:{zone:\"a\";};}")
    }

    @Test("dictionary entries are sorted, so the text does not depend on the per-process hash seed")
    func dictionariesSorted() {
        var first: [String: Int] = [:]
        first["b"] = 2
        first["a"] = 1
        let second: [String: Int] = ["a": 1, "b": 2]
        #expect(CanonicalText.of(first) == "[(key:\"a\",value:1,),(key:\"b\",value:2,)]")
        #expect(CanonicalText.of(second) == CanonicalText.of(first))
    }

    @Test("enum cases by name, with their payloads; lists in order")
    func enumsAndLists() {
        #expect(CanonicalText.of(Strategy.recreate) == "recreate")
        #expect(CanonicalText.of(Strategy.rolling(surge: 2)) == "rolling((surge:2,))")
        #expect(CanonicalText.of(["b", "a"]) == "[\"b\",\"a\",]")
    }
}
