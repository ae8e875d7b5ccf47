import Scenarios
import Testing

/// Block mappings and sequences, plain scalars, comments and documents.
@Suite("YAML block structure")
struct YAMLBlockTests {
    @Test("a block mapping keeps its keys in document order")
    func blockMapping() throws {
        #expect(try YAMLTest.rendered("b: 1\na: two\nc: three words\n") == #"{b: 1, a: two, c: "three words"}"#)
    }

    @Test("nested mappings with explicit indentation of any width")
    func nestedMappings() throws {
        let yaml = """
            a:
              b:
                  c: 1
                  d: 2
              e: 3
            f: 4
            """
        #expect(try YAMLTest.rendered(yaml) == "{a: {b: {c: 1, d: 2}, e: 3}, f: 4}")
    }

    @Test("a sequence may sit at its key's indentation or deeper")
    func sequencesUnderKeys() throws {
        let yaml = """
            containers:
            - name: a
            - name: b
            volumes:
                - x
                - y
            other: 1
            """
        #expect(try YAMLTest.rendered(yaml) == "{containers: [{name: a}, {name: b}], volumes: [x, y], other: 1}")
    }

    @Test("compact mappings in sequence items")
    func compactMappings() throws {
        let yaml = """
            - name: web
              image: nginx:1.25
              ports:
              - containerPort: 80
            - name: sidecar
            """
        #expect(try YAMLTest.rendered(yaml) == "[{name: web, image: nginx:1.25, ports: [{containerPort: 80}]}, {name: sidecar}]")
    }

    @Test("a sequence at its key's indentation inside a compact mapping")
    func indentlessSequenceInCompactMapping() throws {
        let yaml = """
            - key:
              - a
              - b
              other: 1
            - last
            """
        #expect(try YAMLTest.rendered(yaml) == "[{key: [a, b], other: 1}, last]")
    }

    @Test("nested sequences, compact and on their own lines")
    func nestedSequences() throws {
        #expect(try YAMLTest.rendered("- - a\n  - b\n- - - c\n-\n  - d\n") == "[[a, b], [[c]], [d]]")
    }

    @Test("empty values are empty plain scalars")
    func emptyValues() throws {
        let node = try YAMLTest.parseOne("a:\nb: # comment\nc:\n  - \n  -\nd: ''\n")
        #expect(YAMLTest.render(node) == #"{a: "", b: "", c: ["", ""], d: ""}"#)
        #expect(node["a"]?.style == .plain)
        #expect(node["d"]?.style == .singleQuoted)
    }

    @Test("plain scalars may contain ':' and '#' when not followed or preceded by a space")
    func plainScalarCharacters() throws {
        let yaml = """
            image: gcr.io/project/app:v1.2
            url: http://example.com:8080/path?q=1#frag
            note: a#b
            colon: trail:x
            time: 12:30:00
            dash: -1
            ques: ?x
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["image"]?.text == "gcr.io/project/app:v1.2")
        #expect(node["url"]?.text == "http://example.com:8080/path?q=1#frag")
        #expect(node["note"]?.text == "a#b")
        #expect(node["colon"]?.text == "trail:x")
        #expect(node["time"]?.text == "12:30:00")
        #expect(node["dash"]?.text == "-1")
        #expect(node["ques"]?.text == "?x")
    }

    @Test("scalars are not type-resolved")
    func noTypeResolution() throws {
        let node = try YAMLTest.parseOne("a: 1\nb: true\nc: ~\nd: 0.5\ne: null\nf: \"true\"\n")
        #expect(node["a"]?.text == "1")
        #expect(node["b"]?.text == "true")
        #expect(node["c"]?.text == "~")
        #expect(node["d"]?.text == "0.5")
        #expect(node["e"]?.text == "null")
        #expect(node["f"]?.text == "true")
        #expect(node["b"]?.style == .plain)
        #expect(node["f"]?.style == .doubleQuoted)
    }

    @Test("multi-line plain scalars fold on more-indented lines")
    func multiLinePlain() throws {
        let yaml = """
            description: this is
              a long
                text

              with a paragraph
            next: x
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["description"]?.text == "this is a long text\nwith a paragraph")
        #expect(node["next"]?.text == "x")
        #expect(try YAMLTest.rendered("- first\n  second\n- third\n") == #"["first second", third]"#)
        #expect(try YAMLTest.rendered("key:\n  value\n  continued\n") == #"{key: "value continued"}"#)
    }

    @Test("comments are ignored everywhere")
    func comments() throws {
        let yaml = """
            # leading
            a: 1 # after a value
            # between
            b:   # after a key
              # inside
              - x   # after an item
            # before the end
              # indented oddly, still a comment
            c: "#not a comment" # but this is
            """
        #expect(try YAMLTest.rendered(yaml) == ##"{a: 1, b: [x], c: "#not a comment"}"##)
    }

    @Test("blank lines and trailing spaces do not matter")
    func blankLines() throws {
        #expect(try YAMLTest.rendered("\n\na: 1   \n\n\nb:\n\n  - x\n\n") == "{a: 1, b: [x]}")
    }

    @Test("tabs may separate tokens and fill blank lines")
    func tabsAsSeparators() throws {
        #expect(try YAMLTest.rendered("a:\t1\nb:\t[x,\ty]\n\t\nc: 2\t# tab before comment\n") == "{a: 1, b: [x, y], c: 2}")
    }

    @Test("documents are split at '---' and empty ones dropped")
    func multipleDocuments() throws {
        let yaml = """
            # only a comment: no document
            ---
            a: 1
            --- # a comment after the marker
            b: 2
            ---
            ---
            # nothing but a comment
            ...
            --- plain
            --- !tagged
            c: 3
            """
        let documents = try YAMLTest.parse(yaml)
        #expect(documents.map(YAMLTest.render) == ["{a: 1}", "{b: 2}", "plain", "!tagged {c: 3}"])
        #expect(try YAMLTest.parse("--- !only-a-tag\n").map(YAMLTest.render) == [#"!only-a-tag """#])
    }

    @Test("'...' ends a document and a bare document may follow")
    func documentEnd() throws {
        let documents = try YAMLTest.parse("a: 1\n...\nb: 2\n... # end\n")
        #expect(documents.map(YAMLTest.render) == ["{a: 1}", "{b: 2}"])
    }

    @Test("a document marker needs a blank after it")
    func markerLikeText() throws {
        #expect(try YAMLTest.rendered("---a\n") == "---a")
        #expect(try YAMLTest.rendered("- ---\n- ...x\n") == "[---, ...x]")
    }

    @Test("an empty stream has no documents")
    func emptyStream() throws {
        #expect(try YAMLTest.parse("").isEmpty)
        #expect(try YAMLTest.parse("\n# c\n\n---\n...\n").isEmpty)
    }

    @Test("directives are skipped")
    func directives() throws {
        let documents = try YAMLTest.parse("%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\na: 1\n")
        #expect(documents.map(YAMLTest.render) == ["{a: 1}"])
    }

    @Test("a byte-order mark and CRLF line endings are accepted")
    func byteOrderMarkAndCRLF() throws {
        let node = try YAMLTest.parseOne("\u{FEFF}a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"p\r\n  q\"\r\n")
        #expect(YAMLTest.render(node) == #"{a: 1, b: "x\ny\n", c: "p q"}"#)
        #expect(node["b"]?.position == "2:4")
        #expect(node.position == "1:1")
        #expect(try YAMLTest.rendered("a: 1\rb: 2\r") == "{a: 1, b: 2}")
    }

    @Test("a byte-order mark at the start of a later document is dropped too")
    func byteOrderMarkPerDocument() throws {
        let documents = try YAMLTest.parse("\u{FEFF}a: 1\n---\n\u{FEFF}b: 2\n")
        #expect(documents.map(YAMLTest.render) == ["{a: 1}", "{b: 2}"])
        #expect(documents[1]["b"]?.position == "3:4")
    }

    @Test("a document may be a lone scalar, sequence or indented mapping")
    func rootKinds() throws {
        #expect(try YAMLTest.rendered("hello world\n") == #""hello world""#)
        #expect(try YAMLTest.rendered("- a\n- b\n") == "[a, b]")
        #expect(try YAMLTest.rendered("   a: 1\n   b: 2\n") == "{a: 1, b: 2}")
        #expect(try YAMLTest.rendered("--- |\n  text\n") == #""text\n""#)
    }

    @Test("keys may be quoted and contain spaces")
    func quotedKeys() throws {
        let node = try YAMLTest.parseOne("\"a b\": 1\n'c: d': 2\ne f: 3\n\"\": 4\n")
        #expect(node.keys == ["a b", "c: d", "e f", ""])
        #expect(node["a b"]?.text == "1")
    }

    @Test("non-ASCII text is kept")
    func unicode() throws {
        let node = try YAMLTest.parseOne("имя: значение\n名前: [値, 😀]\n")
        #expect(node["имя"]?.text == "значение")
        #expect(node["名前"]?[1]?.text == "😀")
    }
}
