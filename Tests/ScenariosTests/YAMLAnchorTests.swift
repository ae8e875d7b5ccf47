import Scenarios
import Testing

/// Anchors, aliases, merge keys and tags.
@Suite("YAML anchors, aliases, merge keys and tags")
struct YAMLAnchorTests {
    @Test("an alias copies the anchored node and is located at the alias")
    func alias() throws {
        let yaml = """
            base: &b
              cpu: 100m
              memory: 64Mi
            copy: *b
            list: [&s scalar, *s]
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(YAMLTest.render(node) == "{base: {cpu: 100m, memory: 64Mi}, copy: {cpu: 100m, memory: 64Mi}, list: [scalar, scalar]}")
        #expect(node["copy"]?.position == "4:7")
        #expect(node["base"]?.position == "2:3")
        #expect(node["copy"]?["cpu"]?.position == "2:8")
    }

    @Test("an anchor on a sequence item and on a key")
    func anchorPlacement() throws {
        let yaml = """
            - &item
              name: a
            - *item
            - &k key: value
            - *k : again
            """
        #expect(try YAMLTest.rendered(yaml) == "[{name: a}, {name: a}, {key: value}, {key: again}]")
    }

    @Test("a later anchor with the same name replaces the earlier one")
    func redefinedAnchor() throws {
        #expect(try YAMLTest.rendered("- &a 1\n- *a\n- &a 2\n- *a\n") == "[1, 1, 2, 2]")
    }

    @Test("anchors do not carry over to the next document")
    func anchorsPerDocument() throws {
        let error = YAMLTest.error("a: &x 1\n---\nb: *x\n")
        #expect(error?.message == "unknown anchor \"x\"")
        #expect(error?.location.line == 3)
    }

    @Test("a merge key merges a mapping; explicit keys win wherever they are")
    func mergeKey() throws {
        let yaml = """
            defaults: &defaults
              image: nginx
              replicas: 1
              port: 80
            web:
              replicas: 3
              <<: *defaults
              port: 8080
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["web"].map(YAMLTest.render) == "{replicas: 3, image: nginx, port: 8080}")
        #expect(node["web"]?["image"]?.position == "2:10")
    }

    @Test("a merge key merges a list of mappings; the earlier one wins")
    func mergeList() throws {
        let yaml = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
              w: 0
            d:
              <<: {inline: yes}
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["c"].map(YAMLTest.render) == "{x: 1, y: 1, z: 2, w: 0}")
        #expect(node["d"].map(YAMLTest.render) == "{inline: yes}")
    }

    @Test("merges nest through anchors and work in flow mappings")
    func nestedMerge() throws {
        let yaml = """
            a: &a {x: 1}
            b: &b {<<: *a, y: 2}
            c: {<<: *b, z: 3}
            """
        #expect(try YAMLTest.parseOne(yaml)["c"].map(YAMLTest.render) == "{x: 1, y: 2, z: 3}")
    }

    @Test("a quoted '<<' is an ordinary key")
    func quotedMergeKey() throws {
        #expect(try YAMLTest.rendered("\"<<\": 1\n") == "{\"<<\": 1}")
    }

    @Test("tags are recorded as written")
    func tags() throws {
        let yaml = """
            a: !!str 123
            b: !custom
              x: 1
            c: !<tag:yaml.org,2002:int> 7
            d: !e!local value
            e: !!binary |
              aGVsbG8=
            f: &anchor !!int 5
            g: !!null
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["a"]?.tag == "!!str")
        #expect(node["a"]?.text == "123")
        #expect(node["b"]?.tag == "!custom")
        #expect(node["b"]?["x"]?.tag == nil)
        #expect(node["c"]?.tag == "!<tag:yaml.org,2002:int>")
        #expect(node["d"]?.tag == "!e!local")
        #expect(node["e"]?.tag == "!!binary")
        #expect(node["e"]?.text == "aGVsbG8=\n")
        #expect(node["f"]?.tag == "!!int")
        #expect(node["g"]?.tag == "!!null")
        #expect(node["g"]?.text == "")
    }

    @Test("a tag on a sequence at its key's indentation")
    func taggedIndentlessSequence() throws {
        let node = try YAMLTest.parseOne("list: !!seq\n- a\nnext: !!map\n  k: v\n")
        #expect(node["list"]?.tag == "!!seq")
        #expect(node["list"]?.count == 1)
        #expect(node["next"]?.tag == "!!map")
    }

    @Test("properties may sit on their own line before the node")
    func propertiesOnOwnLine() throws {
        let node = try YAMLTest.parseOne("a:\n  &x\n  !t\n  k: v\nb: *x\n")
        #expect(node["a"]?.tag == "!t")
        #expect(node["b"].map(YAMLTest.render) == "!t {k: v}")
    }
}
