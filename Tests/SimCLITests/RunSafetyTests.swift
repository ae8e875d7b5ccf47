import Foundation
import TestSupport
import Testing

/// `kubesim run` as a hostile world treats it: signals mid-run, an output folder it cannot
/// write, input on standard input.
@Suite("Run safety")
struct RunSafetyTests {
    @Test(
        "SIGINT and SIGTERM stop a run with 130 and 143, one line, and the previous outputs untouched",
        arguments: [(SIGINT, Int32(130), "interrupted (SIGINT)"), (SIGTERM, Int32(143), "terminated (SIGTERM)")])
    func signals(signal: Int32, status: Int32, words: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.path + "/out"
        #expect(try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", out]).status == 0)
        let before = try folder.files(in: "out").map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        // Ten days of a diurnal scenario: far longer than the second it is given in a debug build.
        let result = try KubesimBinary.run(
            ["run", "scenarios/diurnal-hpa.yaml", "--quiet", "--out", out, "--set", "spec.duration=240h"],
            interrupt: (signal, .seconds(1)))
        #expect(result.status == status)
        #expect(result.standardError == "kubesim: \(words); the run was stopped and no output was written\n")
        let after = try folder.files(in: "out").map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }
        #expect(after.count == 4 && after == before, "the previous outputs changed")
        #expect(folder.files() == ["out"], "no staging folder is left")
    }

    @Test("an output folder that cannot be written exits 4 before simulating, and creates nothing")
    func unwritableOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("taken", "x")
        let result = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--out", file + "/out"])
        #expect(result.status == 4)
        #expect(result.standardError.hasPrefix("kubesim: error: cannot create the folder \(file) for the outputs"))
        #expect(folder.files() == ["taken"])
    }

    @Test("validate - and run - read the scenario from standard input; empty input is an error")
    func standardInputScenario() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/scenarios/quickstart.yaml", encoding: .utf8)
        let valid = try KubesimBinary.run(["validate", "-"], in: repositoryRoot + "/scenarios", input: text)
        #expect(valid.status == 0)
        #expect(valid.standardOutput.hasPrefix("-: ok: scenario quickstart, 9 nodes in 2 pools"))
        let empty = try KubesimBinary.run(["validate", "-"], input: "")
        #expect(empty.status == 1)
        #expect(empty.standardError.hasPrefix("<stdin>:1:1: error: standard input is empty"))
    }
}
