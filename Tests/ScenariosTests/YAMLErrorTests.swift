import Scenarios
import Testing

/// One malformed input and the error it must produce.
struct YAMLErrorCase: Sendable, CustomTestStringConvertible {
    let yaml: String
    let line: Int
    let column: Int
    let message: String

    init(_ yaml: String, _ line: Int, _ column: Int, _ message: String) {
        self.yaml = yaml
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { message }
}

/// Malformed input: every error has the position of the offending character and a clear message.
@Suite("YAML errors")
struct YAMLErrorTests {
    static let indentation: [YAMLErrorCase] = [
        .init("a:\n\tb: 1\n", 2, 1, "tabs are not allowed for indentation; use spaces"),
        .init("a:\n  \tb: 1\n", 2, 3, "tabs are not allowed for indentation; use spaces"),
        .init("a:\n  b: 1\n   c: 2\n", 3, 4, "bad indentation; keys of this mapping start at column 3"),
        .init("a:\n    b: 1\n  c: 2\n", 3, 3, "bad indentation; keys of this mapping start at column 1"),
        .init("a: 1\n  b: 2\n", 2, 3, "bad indentation; keys of this mapping start at column 1"),
        .init("- [a]\n  - b\n", 2, 3, "bad indentation; entries of this sequence start at column 1"),
        .init("a: 1\n- b\n", 2, 1, "expected a mapping key, found a sequence entry"),
        .init("- a\nb: c\n", 2, 1, "expected a sequence entry ('- ') at this indentation"),
        .init("a:\n  - x\n  b: y\n", 3, 3, "expected a sequence entry ('- ') at this indentation"),
        .init(
            "  a: 1\nb: 2\n", 2, 1,
            "unexpected content after the document's root node; expected '---' or the end of the file"),
    ]

    static let keysAndValues: [YAMLErrorCase] = [
        .init("metadata:\n  labels: {}\n  name: a\n  name: b\n", 4, 3, "duplicate key \"name\" (first at line 3)"),
        .init("{a: 1, b: 2, a: 3}", 1, 14, "duplicate key \"a\" (first at line 1)"),
        .init("1: a\n\"1\": b\n", 2, 1, "duplicate key \"1\" (first at line 1)"),
        .init("a: b: c\n", 1, 5, "mapping values are not allowed here; quote the value if it contains \": \""),
        .init("- a: b: c\n", 1, 7, "mapping values are not allowed here; quote the value if it contains \": \""),
        .init("--- a: b\n", 1, 6, "mapping values are not allowed here; quote the value if it contains \": \""),
        .init("a: 1\nb\nc: 2\n", 2, 2, "expected ':' after \"b\""),
        .init("description\nname: x\n", 1, 12, "expected ':' after \"description\""),
        .init("a: 1\nreplicas:3\n", 2, 9, "expected a space after ':'"),
        .init("a: \"x\" y\n", 1, 8, "unexpected 'y' after the value; expected the end of the line"),
        .init("a: [x] y\n", 1, 8, "unexpected 'y' after the value; expected the end of the line"),
        .init("a: 'x'#c\n", 1, 7, "unexpected '#' after the value; expected the end of the line"),
        .init("key: - a\n", 1, 6, "block sequence entries are not allowed here; start the sequence on a new line"),
        .init("a: 1\n: b\n", 2, 1, "missing mapping key before ':'"),
        .init("? a\n: b\n", 1, 1, "complex mapping keys are not supported"),
        .init("[a]: b\n", 1, 1, "complex mapping keys are not supported"),
        .init("{[a]: b}", 1, 2, "complex mapping keys are not supported"),
        .init("[{a: 1}: b]", 1, 2, "complex mapping keys are not supported"),
        .init("\"a\n b\": 1\n", 1, 1, "a mapping key must be on a single line"),
        .init("a: &x [1]\n*x : 2\n", 2, 1, "complex mapping keys are not supported"),
        .init("key:\n  value\n  other: 1\n", 2, 8, "expected ':' after \"value\""),
        .init("--- - a\n", 1, 5, "block sequence entries are not allowed here; start the sequence on a new line"),
    ]

    static let scalars: [YAMLErrorCase] = [
        .init("a: \"abc\n", 1, 4, "unterminated double-quoted string"),
        .init("a: 'abc", 1, 4, "unterminated single-quoted string"),
        .init("a: \"abc\nb: c\n", 1, 4, "unterminated double-quoted string"),
        .init("a: 'x\n---\n", 1, 4, "unterminated single-quoted string"),
        .init("a: \"x\\", 1, 4, "unterminated double-quoted string"),
        .init("a: \"x\\qy\"\n", 1, 6, "unknown escape sequence \"\\q\""),
        .init("a: \"\\x4\"\n", 1, 5, "invalid escape sequence; \\x needs 2 hexadecimal digits"),
        .init("a: \"\\uD800\"\n", 1, 5, "invalid escape sequence; U+D800 is not a Unicode character"),
        .init("a: \"\\U00110000\"\n", 1, 5, "invalid escape sequence; U+110000 is not a Unicode character"),
        .init("a: |x\n", 1, 5, "invalid block scalar header; expected '-', '+', an indentation digit or a comment"),
        .init("a: |0\n", 1, 5, "the indentation indicator of a block scalar must be 1 to 9"),
        .init("a: >-#c\n  x\n", 1, 6, "invalid block scalar header; expected '-', '+', an indentation digit or a comment"),
        .init("a: @x\n", 1, 4, "'@' cannot start a plain value; quote the value"),
        .init("a: `x`\n", 1, 4, "'`' cannot start a plain value; quote the value"),
        .init("a: %x\n", 1, 4, "'%' cannot start a plain value; quote the value"),
        .init("a: ]\n", 1, 4, "expected a value, found ']'"),
    ]

    static let flow: [YAMLErrorCase] = [
        .init("a: [1, 2\n", 1, 4, "unclosed '['; expected ']'"),
        .init("a: [1, 2\nb: c\n", 1, 4, "unclosed '['; expected ']' before line 2"),
        .init("{a: 1", 1, 1, "unclosed '{'; expected '}'"),
        .init("x: {a: [1}\n", 1, 10, "expected ',' or ']' in the flow sequence, found '}'"),
        .init("[a, [b, c]\n---\n", 1, 1, "unclosed '['; expected ']'"),
        .init("[a, , b]", 1, 5, "expected a value, found ','"),
        .init("[,]", 1, 2, "expected a value, found ','"),
        .init("{a: 1]", 1, 6, "expected ',' or '}' in the flow mapping, found ']'"),
        .init("[a,#b]", 1, 4, "expected a value, found '#'; a comment needs a space before it"),
        .init("[|]", 1, 2, "block scalars are not allowed inside flow collections"),
        .init("[- a]", 1, 2, "block sequence entries are not allowed inside flow collections"),
    ]

    static let anchorsAndTags: [YAMLErrorCase] = [
        .init("a: *x\n", 1, 4, "unknown anchor \"x\""),
        .init("a: &a [*a]\n", 1, 8, "unknown anchor \"a\""),
        .init("a: *\n", 1, 4, "expected an anchor name after '*'"),
        .init("a: &\n", 1, 4, "expected an anchor name after '&'"),
        .init("a: &x &y b\n", 1, 7, "a node can have only one anchor"),
        .init("a: !x !y b\n", 1, 7, "a node can have only one tag"),
        .init("a: &x *y\n", 1, 4, "an alias cannot have a tag or an anchor"),
        .init("a: !<x b\n", 1, 4, "unterminated verbatim tag; expected '>'"),
        .init("a: !x[b]\n", 1, 6, "expected a space after the tag"),
        .init("<<: 1\n", 1, 5, "the value of a merge key ('<<') must be a mapping or a list of mappings"),
        .init("a: &a 1\nb:\n  <<: [*a]\n", 3, 8, "the value of a merge key ('<<') must be a mapping or a list of mappings"),
        .init("a: {}\n<<: {}\n<<: {}\n", 3, 1, "duplicate key \"<<\" (first at line 2)"),
    ]

    static let characters: [YAMLErrorCase] = [
        .init("a: \u{07}\n", 1, 4, "invalid character U+0007; write it as an escape in a double-quoted string"),
        .init("a: b\u{0}", 1, 5, "invalid character U+0000; write it as an escape in a double-quoted string"),
        .init("é: \"\u{9B}\"", 1, 5, "invalid character U+009B; write it as an escape in a double-quoted string"),
        .init("a: \u{FFFE}", 1, 4, "invalid character U+FFFE; write it as an escape in a double-quoted string"),
        .init("%YAML 1.2\na: 1\n", 2, 1, "expected '---' after the directives"),
    ]

    @Test("indentation errors", arguments: indentation)
    func indentationErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("key and value errors", arguments: keysAndValues)
    func keyAndValueErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("scalar errors", arguments: scalars)
    func scalarErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("flow collection errors", arguments: flow)
    func flowErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("anchor, alias and tag errors", arguments: anchorsAndTags)
    func anchorErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("invalid characters and directives", arguments: characters)
    func characterErrors(_ testCase: YAMLErrorCase) { check(testCase) }

    @Test("an error prints as file:line:col: error: message")
    func description() throws {
        let error = try #require(YAMLTest.error("a: *x\n"))
        #expect(error.description == "test.yaml:1:4: error: unknown anchor \"x\"")
    }

    @Test("nesting deeper than 512 levels is rejected, 512 levels are fine")
    func nestingLimit() throws {
        let deepFlow = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try YAMLTest.parse(deepFlow).count == 1)
        let tooDeepFlow = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        check(.init(tooDeepFlow, 1, 513, "nesting is too deep (more than 512 levels)"))

        func blockMappings(_ depth: Int) -> String {
            (0..<depth).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        }
        #expect(try YAMLTest.parse(blockMappings(512)).count == 1)
        check(.init(blockMappings(513), 513, 513, "nesting is too deep (more than 512 levels)"))
        check(.init(String(repeating: "- ", count: 600) + "x", 1, 1025, "nesting is too deep (more than 512 levels)"))
    }

    @Test("aliases that expand to too many nodes are rejected (billion laughs)")
    func aliasExpansionLimit() {
        let yaml = """
            a: &a ["x","x","x","x","x","x","x","x","x","x"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        check(.init(yaml, 6, 29, "aliases expand to more than 1000000 nodes"))
    }

    private func check(_ testCase: YAMLErrorCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = YAMLTest.error(testCase.yaml) else {
            Issue.record("expected an error for \(testCase.yaml.debugDescription)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.message == testCase.message, sourceLocation: sourceLocation)
        #expect(error.location.line == testCase.line, sourceLocation: sourceLocation)
        #expect(error.location.column == testCase.column, sourceLocation: sourceLocation)
        #expect(error.location.file == YAMLTest.file, sourceLocation: sourceLocation)
    }
}
