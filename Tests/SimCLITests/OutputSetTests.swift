import Foundation
import TestSupport
import Testing

@testable import SimCLI

/// The output set is written whole or not at all, and touches nothing else in its folder.
@Suite("Output set")
struct OutputSetTests {
    /// Writes `files` (name → contents) through a new output set for `directory` and commits it.
    static func write(_ files: [(String, String)], to directory: String) throws {
        let output = try OutputSet(directory: directory, names: files.map(\.0))
        for (name, contents) in files {
            try output.write(name) { file throws(OutputSet.WriteError) in try file.write(contents) }
        }
        try output.commit()
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test("a new output folder appears with every file at once, and no staging folder is left beside it")
    func newFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write([("a.csv", "new a\n"), ("b.csv", "new b\n")], to: folder.path + "/reports/run")
        #expect(folder.files(in: "reports") == ["run"])
        #expect(folder.files(in: "reports/run") == ["a.csv", "b.csv"])
        #expect(Self.read(folder.path + "/reports/run/b.csv") == "new b\n")
    }

    @Test("in an existing folder the set's files are replaced and every other file is left alone")
    func existingFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("out/a.csv", "old a\n")
        try folder.write("out/notes.txt", "mine\n")
        try Self.write([("a.csv", "new a\n"), ("b.csv", "new b\n")], to: folder.path + "/out/")
        #expect(folder.files(in: "out") == ["a.csv", "b.csv", "notes.txt"])
        #expect(Self.read(folder.path + "/out/a.csv") == "new a\n")
        #expect(Self.read(folder.path + "/out/notes.txt") == "mine\n")
        #expect(folder.files() == ["out"])
    }

    @Test("when one file cannot be moved into place, the whole previous set is put back")
    func rollback() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("out/a.csv", "old a\n")
        try folder.write("out/b.csv", "old b\n")
        let output = try OutputSet(directory: folder.path + "/out", names: ["a.csv", "b.csv", "c.csv"])
        for name in output.names {
            try output.write(name) { file throws(OutputSet.WriteError) in try file.write("new \(name)\n") }
        }
        // After the checks, something makes c.csv impossible to replace: a folder with a file in it.
        try folder.write("out/c.csv/blocker", "x")
        #expect(throws: OutputSet.WriteError.self) { try output.commit() }
        #expect(Self.read(folder.path + "/out/a.csv") == "old a\n")
        #expect(Self.read(folder.path + "/out/b.csv") == "old b\n")
        #expect(folder.files(in: "out") == ["a.csv", "b.csv", "c.csv"])
        #expect(folder.files() == ["out"], "the staging folder is removed")
    }

    @Test("an output folder that cannot be written is found before anything is written; an abandoned set leaves nothing")
    func refusedEarly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("plain-file", "x")
        #expect(throws: OutputSet.WriteError.self) { _ = try OutputSet(directory: file, names: ["a.csv"]) }
        #expect(throws: OutputSet.WriteError.self) { _ = try OutputSet(directory: file + "/out", names: ["a.csv"]) }
        try folder.write("out/a.csv/inside", "x")
        #expect(throws: OutputSet.WriteError.self) { _ = try OutputSet(directory: folder.path + "/out", names: ["a.csv"]) }
        let abandoned = try OutputSet(directory: folder.path + "/fresh", names: ["a.csv"])
        try abandoned.write("a.csv") { file throws(OutputSet.WriteError) in try file.write("half") }
        abandoned.abandon()
        #expect(folder.files() == ["out", "plain-file"])
    }
}
