import Foundation
import TestSupport
import Testing

/// Every scenario in `scenarios/` runs in the test suite, and so do the larger regression
/// scenarios in Tests/SimCLITests/Regression (generated to exercise every controller, fault and
/// scheduler feature at once). Each run's summary (wall time aside) is compared with its golden
/// file in Tests/SimCLITests/Golden, and its three CSV files with their recorded sizes and
/// digests, so that a restructuring that changes any output byte fails here. Re-record with
/// KUBESIM_RECORD_GOLDEN=1 when a change of results is intended.
@Suite("Example scenarios")
struct ExampleScenarioTests {
    static let scenarios: [String] = {
        let folder = repositoryRoot + "/scenarios"
        let examples = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return examples.map { "scenarios/" + $0 } + regressionScenarios
    }()

    static let regressionScenarios: [String] = {
        let folder = repositoryRoot + "/Tests/SimCLITests/Regression"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.map { "Tests/SimCLITests/Regression/\($0)/scenario.yaml" }
    }()

    @Test("scenario outputs match their golden files", arguments: scenarios)
    func example(file: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run(["run", file, "--quiet", "--check-invariants", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let name = Self.goldenName(file)
        let summary = withoutWallSeconds(try String(contentsOfFile: folder.path + "/summary.json", encoding: .utf8))
        let golden = repositoryRoot + "/Tests/SimCLITests/Golden/" + name + ".summary.json"
        #expect(summary == (try Golden.expected(at: golden, actual: summary)))

        var digests = ""
        for csv in ["events.csv", "timeseries.csv", "placements.csv"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + csv))
            digests += "\(csv) \(data.count) bytes, FNV-1a \(Self.fnv1a(data))\n"
        }
        let digestFile = repositoryRoot + "/Tests/SimCLITests/Golden/" + name + ".outputs.txt"
        #expect(digests == (try Golden.expected(at: digestFile, actual: digests)))
    }

    /// `quickstart` for scenarios/quickstart.yaml, `regression-platform` for
    /// Tests/SimCLITests/Regression/platform/scenario.yaml.
    static func goldenName(_ file: String) -> String {
        let parts = file.split(separator: "/")
        if file.hasPrefix("scenarios/") { return String(parts[parts.count - 1].dropLast(".yaml".count)) }
        return "regression-" + parts[parts.count - 2]
    }

    /// The 64-bit FNV-1a hash of `data`, in hexadecimal: a fingerprint of a whole output file.
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
