/// A message about an input file: an error that stops the run, a warning about something that
/// will not behave as a real cluster would, or a note about something kubesim ignores.
///
/// Printed as `FILE:LINE:COL: error: message`, with an optional `hint:` line, the way compilers
/// report, so editors and CI logs can jump to the spot.
public struct Diagnostic: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public var severity: Severity
    /// Where the problem is; nil for problems with no place in a file (a missing file).
    public var location: SourceLocation?
    public var message: String
    /// A suggestion for fixing it.
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// An error at `location`.
    public static func error(at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public var description: String {
        let place = location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        var text = "\(place)\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// A YAML syntax error as a diagnostic.
    init(_ error: YAMLError) {
        self.init(.error, at: error.location, error.message)
    }
}

/// Warnings and notes collected while loading; errors are thrown instead.
public struct DiagnosticLog: Sendable {
    public private(set) var entries: [Diagnostic] = []

    public init() {}

    mutating func warn(at location: SourceLocation?, _ message: String, hint: String? = nil) {
        entries.append(Diagnostic(.warning, at: location, message, hint: hint))
    }

    mutating func note(at location: SourceLocation?, _ message: String) {
        entries.append(Diagnostic(.note, at: location, message))
    }
}
