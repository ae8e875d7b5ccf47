import Scenarios
import Testing

/// Quoted and block scalars.
@Suite("YAML scalars")
struct YAMLScalarTests {
    @Test("single-quoted: '' is a quote, nothing else is escaped")
    func singleQuoted() throws {
        let node = try YAMLTest.parseOne(#"a: 'it''s \n # not a comment'"#)
        #expect(node["a"]?.text == #"it's \n # not a comment"#)
        #expect(node["a"]?.style == .singleQuoted)
    }

    @Test("quoted scalars fold line breaks")
    func quotedFolding() throws {
        let yaml = """
            a: 'one
              two   

              three'
            b: "x  
               y


               z"
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["a"]?.text == "one two\nthree")
        #expect(node["b"]?.text == "x y\n\nz")
    }

    @Test("double-quoted: every YAML escape")
    func doubleQuotedEscapes() throws {
        let yaml = "a: \"\\0\\a\\b\\t\\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P|\\x41\\u263A\\U0001F600\""
        let node = try YAMLTest.parseOne(yaml)
        let expected = "\0\u{07}\u{08}\t\t\n\u{0B}\u{0C}\r\u{1B} \"/\\\u{85}\u{A0}\u{2028}\u{2029}|A\u{263A}\u{1F600}"
        #expect(node["a"]?.text == expected)
        #expect(node["a"]?.style == .doubleQuoted)
    }

    @Test("double-quoted: an escaped line break joins lines without a space")
    func escapedLineBreak() throws {
        let yaml = """
            a: "abc\\
                def \\
                ghi\\

                jkl"
            """
        #expect(try YAMLTest.parseOne(yaml)["a"]?.text == "abcdef ghi\njkl")
    }

    @Test("quoted scalars keep leading and trailing spaces and may be empty")
    func quotedSpaces() throws {
        let node = try YAMLTest.parseOne("a: '  x  '\nb: \"\"\nc: ''\n")
        #expect(node["a"]?.text == "  x  ")
        #expect(node["b"]?.text == "")
        #expect(node["c"]?.text == "")
    }

    @Test("literal block scalars keep line breaks")
    func literal() throws {
        let yaml = """
            script: |
              #!/bin/sh
              echo "a: b"

                indented
              done
            next: 1
            """
        let node = try YAMLTest.parseOne(yaml)
        #expect(node["script"]?.text == "#!/bin/sh\necho \"a: b\"\n\n  indented\ndone\n")
        #expect(node["script"]?.style == .literal)
        #expect(node["next"]?.text == "1")
    }

    @Test("folded block scalars fold lines, keep more-indented ones and paragraphs")
    func folded() throws {
        let yaml = """
            text: >
              one
              two

              three
                code line
                code line 2
              four


              five
            """
        let node = try YAMLTest.parseOne(yaml + "\n")
        #expect(node["text"]?.text == "one two\nthree\n  code line\n  code line 2\nfour\n\nfive\n")
        #expect(node["text"]?.style == .folded)
    }

    @Test(
        "chomping indicators",
        arguments: [
            ("|", "a\n\nb\n"), ("|-", "a\n\nb"), ("|+", "a\n\nb\n\n\n"),
            (">", "a\nb\n"), (">-", "a\nb"), (">+", "a\nb\n\n\n"),
        ])
    func chomping(header: String, expected: String) throws {
        let node = try YAMLTest.parseOne("v: \(header)\n  a\n\n  b\n\n\nw: 1\n")
        #expect(node["v"]?.text == expected)
        #expect(node["w"]?.text == "1")
    }

    @Test("explicit indentation indicators, in either order with chomping")
    func indentationIndicator() throws {
        let node = try YAMLTest.parseOne("a: |2\n    x\n  y\nb: >-1\n  p\n  q\nc: |+2 # comment\n   z\n\n")
        #expect(node["a"]?.text == "  x\ny\n")
        #expect(node["b"]?.text == " p\n q")
        #expect(node["c"]?.text == " z\n\n")
    }

    @Test("block scalars in sequences and at the end of the input")
    func blockScalarPlacement() throws {
        #expect(try YAMLTest.rendered("- |\n  a\n- >\n  b\n  c") == #"["a\n", "b c"]"#)
        #expect(try YAMLTest.rendered("k: |\n") == #"{k: ""}"#)
        #expect(try YAMLTest.rendered("k: |\nn: 1\n") == #"{k: "", n: 1}"#)
        #expect(try YAMLTest.rendered("k: |+\n\n\nn: 1\n") == #"{k: "\n\n", n: 1}"#)
    }

    @Test("leading empty lines of a block scalar are kept")
    func blockScalarLeadingEmptyLines() throws {
        #expect(try YAMLTest.rendered("k: |\n\n  \n  a\n") == #"{k: "\n\na\n"}"#)
        #expect(try YAMLTest.rendered("k: >\n\n  a\n  b\n") == #"{k: "\na b\n"}"#)
    }

    @Test("a block scalar ends at a document marker")
    func blockScalarAtTopLevel() throws {
        let documents = try YAMLTest.parse("--- |\nline\n---\nnext\n")
        #expect(documents.map(YAMLTest.render) == [#""line\n""#, "next"])
    }
}
