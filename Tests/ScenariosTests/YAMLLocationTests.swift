import Scenarios
import Testing

/// The positions the reader records on nodes.
@Suite("YAML node locations")
struct YAMLLocationTests {
    static let yaml = """
        apiVersion: v1
        kind: List
        items:
          - name: first
            value: "x"
          - second
          -
        empty:
        ---
          second: doc
        """

    @Test("keys, values and mappings are located at their first character")
    func mappingPositions() throws {
        let documents = try YAMLTest.parse(Self.yaml)
        let root = documents[0]
        #expect(root.position == "1:1")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map(\.key.position) == ["1:1", "2:1", "3:1", "8:1"])
        #expect(root["apiVersion"]?.position == "1:13")
        #expect(root["kind"]?.position == "2:7")
    }

    @Test("sequence items are located at their content, the sequence at its first '-'")
    func sequencePositions() throws {
        let items = try #require(try YAMLTest.parse(Self.yaml)[0]["items"])
        #expect(items.position == "4:3")
        #expect(items[0]?.position == "4:5")
        #expect(items[0]?["name"]?.position == "4:11")
        #expect(items[0]?["value"]?.position == "5:12")
        #expect(items[1]?.position == "6:5")
    }

    @Test("empty values are located just after their ':' or '-'")
    func emptyPositions() throws {
        let root = try YAMLTest.parse(Self.yaml)[0]
        #expect(root["items"]?[2]?.position == "7:4")
        #expect(root["empty"]?.position == "8:7")
        #expect(try YAMLTest.parseOne("{a: , b}")["a"]?.position == "1:4")
    }

    @Test("the second document's nodes have their own lines")
    func secondDocument() throws {
        let second = try YAMLTest.parse(Self.yaml)[1]
        #expect(second.position == "10:3")
        #expect(second["second"]?.position == "10:11")
        #expect(second["second"]?.location.file == YAMLTest.file)
    }

    @Test("columns count Unicode scalars, not bytes")
    func unicodeColumns() throws {
        let node = try YAMLTest.parseOne("名前: 値\n\"😀\": x\nk: [é, ü]\n")
        #expect(node["名前"]?.position == "1:5")
        #expect(node["😀"]?.position == "2:6")
        #expect(node["k"]?[1]?.position == "3:8")
    }

    @Test("flow nodes, block scalars and tagged nodes")
    func otherPositions() throws {
        let node = try YAMLTest.parseOne("a: [x, {b: c}]\nd: |\n  text\ne: !!str 12\nf: 'q'\n")
        #expect(node["a"]?.position == "1:4")
        #expect(node["a"]?[0]?.position == "1:5")
        #expect(node["a"]?[1]?.position == "1:8")
        #expect(node["a"]?[1]?["b"]?.position == "1:12")
        #expect(node["d"]?.position == "2:4")
        #expect(node["e"]?.position == "4:10")
        #expect(node["f"]?.position == "5:4")
    }

    @Test("a location prints as file:line:col")
    func description() throws {
        let node = try YAMLTest.parseOne("a: b\n")
        #expect(node["a"]?.location.description == "test.yaml:1:4")
        #expect(Scenarios.SourceLocation(file: "x.yaml", line: 3, column: 7).description == "x.yaml:3:7")
    }
}
