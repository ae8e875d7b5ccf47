import Foundation
import TestSupport

@testable import Scenarios

/// Helpers shared by the scenario and manifest tests.
enum ScenarioTest {
    /// The diagnostic `body` throws, as `LINE:COL: message` — preceded by the file's last path
    /// component when `withFile`, followed by ` [hint]` when `withHint` — or "no error".
    static func failure(withFile: Bool = false, withHint: Bool = false, _ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let diagnostic as Diagnostic {
            let place = diagnostic.location.map { location in
                (withFile ? "\((location.file as NSString).lastPathComponent):" : "") + "\(location.line):\(location.column): "
            }
            let hint = withHint ? diagnostic.hint.map { " [\($0)]" } ?? "" : ""
            return (place ?? "") + diagnostic.message + hint
        } catch {
            return "unexpected \(error)"
        }
    }

    /// `text` written as a manifests file and checked as `kubesim validate` does.
    static func decodeManifests(_ text: String) throws -> (ManifestSet, [Diagnostic]) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try ScenarioLoader.validateManifests(try folder.write("manifests.yaml", text))
    }
}
