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

    /// How many notes of one group are printed before the rest are counted.
    static let notesShownPerGroup = 3

    /// Prints diagnostics to standard error, errors and warnings always, notes unless quiet.
    /// Of a group of alike notes (a real application's many ServiceAccounts) the first few are
    /// printed and the rest counted in one more note, at the first one left out: a run's
    /// summary lists every one. With `strict`, warnings are printed as errors; returns false when
    /// there were any.
    @discardableResult
    static func report(_ diagnostics: [Diagnostic], quiet: Bool = false, strict: Bool = false) -> Bool {
        let refused = strict ? Diagnostic.strictErrors(diagnostics) : []
        var printed: [String: Int] = [:]
        var leftOut: [(first: Diagnostic, group: String, count: Int)] = []
        for diagnostic in diagnostics where !(quiet && diagnostic.severity == .note) && !(strict && diagnostic.severity == .warning) {
            if let group = diagnostic.group {
                guard printed[group, default: 0] >= notesShownPerGroup else {
                    printed[group, default: 0] += 1
                    error(diagnostic.description)
                    continue
                }
                if let index = leftOut.firstIndex(where: { $0.group == group }) {
                    leftOut[index].count += 1
                } else {
                    leftOut.append((diagnostic, group, 1))
                }
                continue
            }
            error(diagnostic.description)
        }
        for (first, group, count) in leftOut {
            error(Diagnostic(.note, at: first.location, "\(count) more \(group); ignored (a run lists every one in summary.json)").description)
        }
        for diagnostic in refused { error(diagnostic.description) }
        return refused.isEmpty
    }
}
