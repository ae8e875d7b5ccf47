import Scenarios
import Testing

/// Flow collections and JSON input.
@Suite("YAML flow collections and JSON")
struct YAMLFlowTests {
    @Test("flow mappings and sequences nest")
    func nesting() throws {
        #expect(try YAMLTest.rendered("{a: 1, b: [x, y], c: {d: e}}") == "{a: 1, b: [x, y], c: {d: e}}")
        #expect(try YAMLTest.rendered("[ {a: 1}, 2 , [ ] ]") == "[{a: 1}, 2, []]")
    }

    @Test("empty flow collections")
    func empty() throws {
        let node = try YAMLTest.parseOne("a: {}\nb: []\nc: [ ]\nd: {  }\n")
        #expect(YAMLTest.render(node) == "{a: {}, b: [], c: [], d: {}}")
        #expect(node["a"]?.count == 0)
    }

    @Test("a trailing comma is allowed")
    func trailingComma() throws {
        #expect(try YAMLTest.rendered("[a, b,]") == "[a, b]")
        #expect(try YAMLTest.rendered("{a: 1, b: 2, }") == "{a: 1, b: 2}")
    }

    @Test("flow collections may span lines, with comments")
    func multiLine() throws {
        let yaml = """
            args: [
              "--port", 8080,   # the port
              --verbose,
              {
                key: value,
                other: x
              }
            ]
            next: 1
            """
        #expect(try YAMLTest.rendered(yaml) == "{args: [--port, 8080, --verbose, {key: value, other: x}], next: 1}")
    }

    @Test("a closing bracket may sit at the key's indentation")
    func closingBracketAtKeyIndentation() throws {
        #expect(try YAMLTest.rendered("a:\n  b: [\n    1,\n    2\n  ]\n  c: 3\n") == "{a: {b: [1, 2], c: 3}}")
    }

    @Test("plain scalars in flow context stop at flow indicators but keep ':' inside")
    func plainInFlow() throws {
        #expect(try YAMLTest.rendered("[http://a:80/x, a b, c:d]") == "[http://a:80/x, \"a b\", c:d]")
        #expect(try YAMLTest.rendered("{url: http://a/b?c=d, k:v}") == #"{url: "http://a/b?c=d", k:v: ""}"#)
        #expect(try YAMLTest.rendered("[a\n  b, c]") == #"["a b", c]"#)
        #expect(try YAMLTest.rendered("{a\n  b: c}") == #"{"a b": c}"#)
    }

    @Test("keys without values and values without keys")
    func missingParts() throws {
        #expect(try YAMLTest.rendered("{a, b: , c:}") == #"{a: "", b: "", c: ""}"#)
        #expect(try YAMLTest.rendered("[a: 1, b: , \"c\": 2]") == #"[{a: 1}, {b: ""}, {c: 2}]"#)
    }

    @Test("quoted scalars in flow collections")
    func quoted() throws {
        #expect(try YAMLTest.rendered(#"['a, b', "c]", 'it''s']"#) == #"["a, b", "c]", "it's"]"#)
    }

    @Test("properties and aliases in flow collections")
    func propertiesInFlow() throws {
        #expect(try YAMLTest.rendered("[&x a, *x, !!str 1, !!null , {k: !t v}]") == #"[a, a, !!str 1, !!null "", {k: !t v}]"#)
    }

    @Test("JSON parses, including a quoted key directly followed by ':'")
    func json() throws {
        let node = try YAMLTest.parseOne(#"{"a":1,"b":[true,null],"c":{"d":"e\u00e9"},"f":-1.5e3,"g":""}"#)
        #expect(YAMLTest.render(node) == #"{a: 1, b: [true, null], c: {d: "eé"}, f: -1.5e3, g: ""}"#)
        #expect(node["a"]?.style == .plain)
        #expect(node["c"]?["d"]?.style == .doubleQuoted)
    }

    @Test("pretty-printed JSON spanning lines")
    func prettyJSON() throws {
        let json = """
            {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": {
                "name": "config",
                "labels": {"app": "web"}
              },
              "data": {
                "key": "line1\\nline2",
                "list": [
                  1,
                  2
                ]
              }
            }
            """
        let node = try YAMLTest.parseOne(json)
        #expect(node.keys == ["apiVersion", "kind", "metadata", "data"])
        #expect(node["metadata"]?["labels"]?["app"]?.text == "web")
        #expect(node["data"]?["key"]?.text == "line1\nline2")
        #expect(node["data"]?["list"]?[1]?.position == "12:7")
        #expect(node["metadata"]?.position == "4:15")
    }

    @Test("a flow collection may be a block mapping's value or sequence item")
    func flowInBlock() throws {
        let yaml = """
            selector: {app: web}
            ports: [80, 443]
            items:
            - [a, b]
            - {c: d}
            """
        #expect(try YAMLTest.rendered(yaml) == "{selector: {app: web}, ports: [80, 443], items: [[a, b], {c: d}]}")
    }
}
