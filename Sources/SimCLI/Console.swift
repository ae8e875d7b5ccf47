import Foundation
import Scenarios

/// Exit codes of the `kubesim` command, as the CLI contract fixes them.
enum ExitCode: Int32 {
    case success = 0
    /// Invalid scenario or input.
    case invalidInput = 1
    case usage = 2
    /// The run finished but an expectation (or a benchmark check) failed.
    case checkFailed = 3
    /// The outputs could not be written (the folder is not writable, the disk is full); the
    /// previous outputs are left as they were.
    case outputFailed = 4
    /// kubesim found its own state inconsistent (`--check-invariants`): a bug (EX_SOFTWARE).
    case internalError = 70
}

enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints diagnostics to standard error, errors and warnings always, notes unless quiet.
    /// With `strict`, warnings are printed as errors; returns false when there were any.
    @discardableResult
    static func report(_ diagnostics: [Diagnostic], quiet: Bool = false, strict: Bool = false) -> Bool {
        let refused = strict ? Diagnostic.strictErrors(diagnostics) : []
        for diagnostic in diagnostics where !(quiet && diagnostic.severity == .note) && !(strict && diagnostic.severity == .warning) {
            error(diagnostic.description)
        }
        for diagnostic in refused { error(diagnostic.description) }
        return refused.isEmpty
    }
}
