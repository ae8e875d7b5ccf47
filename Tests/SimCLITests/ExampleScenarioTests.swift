import Foundation
import Testing
import TestSupport

/// Every scenario in `scenarios/` runs in the test suite and its summary (wall time aside) is
/// compared with the golden file in Tests/SimCLITests/Golden (re-record with
/// KUBESIM_RECORD_GOLDEN=1 when a change of results is intended).
@Suite("Example scenarios")
struct ExampleScenarioTests {
    static let scenarios: [String] = {
        let folder = repositoryRoot + "/scenarios"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("example scenario matches its golden summary", arguments: scenarios)
    func example(file: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run(["run", "scenarios/\(file)", "--quiet", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let summary = withoutWallSeconds(try String(contentsOfFile: folder.path + "/summary.json", encoding: .utf8))
        let golden = repositoryRoot + "/Tests/SimCLITests/Golden/" + file.replacingOccurrences(of: ".yaml", with: ".summary.json")
        #expect(summary == (try Golden.expected(at: golden, actual: summary)))
    }
}
