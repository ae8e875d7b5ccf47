import Foundation
import TestSupport
import Testing

/// Every example of README.md and docs/ that shows what kubesim prints or writes is run here and
/// compared, so the documentation cannot drift from the program.
///
/// An example is a fenced block right after a comment naming where its text comes from:
///
///     <!-- example: kubesim run scenarios/quickstart.yaml -->          what the command prints
///     <!-- example: kubesim run scenarios/x.yaml -> events.csv -->     a file of its output folder
///     <!-- example: usage -->                                          each line a command's usage
///
/// A block may show an excerpt: its lines must appear in the output in the same order, and a line
/// `…` stands for lines left out. JSON (summary.json, `--json`) is compared without the layout's
/// whitespace, `…` standing for anything left out. A block whose first line is `$ kubesim …` shows
/// the command, which must be the one named. `run` writes into a temporary folder; the wall-clock
/// time a run prints is the one thing not compared.
@Suite("Documentation examples")
struct DocumentationExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let file: String
        let line: Int
        /// `kubesim` arguments, or ["usage"].
        let arguments: [String]
        /// The output file, or nil for what the command prints.
        let outputFile: String?
        let text: [String]
        var testDescription: String { "\(file):\(line)" }
    }

    static let documents: [String] = {
        let docs = ((try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/docs")) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + docs
    }()

    static let examples: [Example] = documents.flatMap { examples(in: $0) }

    /// The examples of one Markdown file, and an `Issue` for a `$ kubesim` block without a comment.
    static func examples(in file: String) -> [Example] {
        guard let text = try? String(contentsOfFile: repositoryRoot + "/" + file, encoding: .utf8) else { return [] }
        let lines = text.components(separatedBy: "\n")
        var found: [Example] = []
        var pending: (arguments: [String], outputFile: String?)?
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("<!-- example:"), line.hasSuffix("-->") {
                let body = line.dropFirst("<!-- example:".count).dropLast("-->".count).trimmingCharacters(in: .whitespaces)
                let parts = body.components(separatedBy: " -> ")
                let words = Self.words(parts[0])
                pending = (words.first == "kubesim" ? Array(words.dropFirst()) : words, parts.count > 1 ? parts[1] : nil)
            } else if line.hasPrefix("```") {
                let indent = lines[index].prefix { $0 == " " }.count
                var block: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    block.append(String(lines[index].dropFirst(min(indent, lines[index].prefix { $0 == " " }.count))))
                    index += 1
                }
                if let example = pending {
                    found.append(
                        Example(file: file, line: index - block.count, arguments: example.arguments, outputFile: example.outputFile, text: block))
                } else if block.first?.hasPrefix("$ kubesim") == true {
                    found.append(Example(file: file, line: index - block.count, arguments: ["undeclared"], outputFile: nil, text: block))
                }
                pending = nil
            } else if !line.isEmpty {
                pending = nil
            }
            index += 1
        }
        return found
    }

    /// A command line split into words as a shell would: at spaces, except inside single quotes.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, started = false
        for character in line {
            if character == "'" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    @Test("the documentation's examples are what kubesim prints and writes", arguments: examples)
    func example(_ example: Example) throws {
        guard example.arguments != ["undeclared"] else {
            Issue.record("\(example.file):\(example.line): a `$ kubesim` block without an `<!-- example: … -->` comment is never checked")
            return
        }
        if example.arguments == ["usage"] {
            try checkUsage(example)
            return
        }
        var expected = example.text
        if let first = expected.first, first.hasPrefix("$ ") {
            #expect(
                Self.words(first) == ["$", "kubesim"] + example.arguments, "\(example.file):\(example.line): the command shown is not the one run")
            expected.removeFirst()
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var arguments = example.arguments
        let writesFolder = ["run", "compare", "sweep", "capacity"].contains(arguments.first ?? "")
        if writesFolder, !arguments.contains("--out") { arguments += ["--out", folder.path] }
        let result = try KubesimBinary.run(arguments)
        // A run whose expectations fail (exit 3) still writes its outputs, as a user sees them.
        #expect(
            result.status == 0 || (arguments.first == "run" && result.status == 3),
            "\(example.file):\(example.line): exit \(result.status): \(result.standardError)")
        var actual = result.standardOutput
        if let name = actual.components(separatedBy: ": ").dropFirst().first, actual.hasPrefix("kubesim: ") {
            // What a run without --out prints: its default folder.
            actual = actual.replacingOccurrences(of: folder.path, with: "reports/\(name)")
        }
        if let file = example.outputFile { actual = try String(contentsOfFile: folder.path + "/" + file, encoding: .utf8) }
        let isJSON = example.outputFile?.hasSuffix(".json") == true || example.arguments.contains("--json")
        let missing = isJSON ? Self.missingJSON(expected, in: actual) : Self.missingLines(expected, in: Self.withoutWallTime(actual))
        #expect(missing == nil, "\(example.file):\(example.line): not in the output: \(missing ?? "")")
    }

    /// Each line of a usage block is the `Usage:` line of its command's `--help`, and every command
    /// `kubesim --help` lists has its line.
    private func checkUsage(_ example: Example) throws {
        let overview = try KubesimBinary.run(["--help"]).standardOutput.components(separatedBy: "\n")
        let commands = overview.drop { $0 != "Commands:" }.dropFirst().prefix { !$0.isEmpty }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!commands.isEmpty)
        for command in commands {
            #expect(example.text.contains { $0.hasPrefix("kubesim \(command)") }, "\(example.file): no usage line for kubesim \(command)")
        }
        for line in example.text where !line.isEmpty {
            let words = line.split(separator: " ").map(String.init)
            if words == ["kubesim", "version"] {
                #expect(try KubesimBinary.run(["version"]).status == 0)
                continue
            }
            let help = try KubesimBinary.run([words[1], "--help"])
            #expect(help.standardOutput.contains("Usage: " + line), "\(example.file): \(line) is not `kubesim \(words[1]) --help`'s usage")
        }
    }

    /// The first expected line (other than `…`) not found, in order, among the actual lines.
    static func missingLines(_ expected: [String], in actual: String) -> String? {
        let lines = actual.components(separatedBy: "\n")
        var position = 0
        for line in expected where line != "…" {
            guard let found = lines[position...].firstIndex(of: line) else { return line }
            position = found + 1
        }
        return nil
    }

    /// The first fragment of the expected JSON (split at `…`) not found, in order, in the actual
    /// JSON, both without whitespace outside strings.
    static func missingJSON(_ expected: [String], in actual: String) -> String? {
        let compact = withoutWhitespace(actual)
        var position = compact.startIndex
        for fragment in expected.joined(separator: "\n").components(separatedBy: "…").map(withoutWhitespace) where !fragment.isEmpty {
            guard let found = compact.range(of: fragment, range: position..<compact.endIndex) else { return fragment }
            position = found.upperBound
        }
        return nil
    }

    /// JSON text without the whitespace between tokens.
    static func withoutWhitespace(_ json: String) -> String {
        var output = "", inString = false, escaped = false
        for character in json {
            if inString {
                output.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
                output.append(character)
            } else if !character.isWhitespace {
                output.append(character)
            }
        }
        return output
    }

    /// `kubesim run`'s summary line with its wall-clock time written as 0.00 s, as the examples show it.
    static func withoutWallTime(_ text: String) -> String {
        text.replacingOccurrences(of: #" in [0-9]+\.[0-9]+ s \("#, with: " in 0.00 s (", options: .regularExpression)
    }

    @Test("an excerpt matches lines in order, `…` skipping; JSON matches without layout")
    func matching() {
        let text = "a\nb\nc\nd"
        #expect(Self.missingLines(["a", "…", "c"], in: text) == nil)
        #expect(Self.missingLines(["b", "a"], in: text) == "a")
        #expect(Self.missingLines(["a", "x"], in: text) == "x")
        let json = "{\n  \"a\": 1,\n  \"b\": [\n    \"x y\"\n  ],\n  \"c\": 2\n}"
        #expect(Self.missingJSON(["{\"a\": 1, …", "\"c\": 2}"], in: json) == nil)
        #expect(Self.missingJSON(["\"b\": [\"xy\"]"], in: json) == "\"b\":[\"xy\"]")
        #expect(Self.words("kubesim run x.yaml --set 'a=[b, c]'") == ["kubesim", "run", "x.yaml", "--set", "a=[b, c]"])
    }

    @Test("every source file docs/architecture.md names exists (a new one is written `a new …`)")
    func architecturePaths() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/architecture.md", encoding: .utf8)
        let files = (FileManager.default.enumerator(atPath: repositoryRoot)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix(".build") }
        let named = try NSRegularExpression(pattern: #"(new )?`([A-Za-z0-9_/+*]+\.swift)`"#)
        let range = NSRange(text.startIndex..., in: text)
        var checked = 0
        for match in named.matches(in: text, range: range) where match.range(at: 1).location == NSNotFound {
            guard let pathRange = Range(match.range(at: 2), in: text) else { continue }
            let path = String(text[pathRange])
            let pattern = "(^|/)" + NSRegularExpression.escapedPattern(for: path).replacingOccurrences(of: "\\*", with: "[^/]*") + "$"
            #expect(
                files.contains { $0.range(of: pattern, options: .regularExpression) != nil },
                "docs/architecture.md names \(path), which does not exist")
            checked += 1
        }
        #expect(checked > 40)
    }
}
