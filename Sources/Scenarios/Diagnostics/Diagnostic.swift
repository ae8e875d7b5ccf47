import SimCore

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
    /// For notes of which a real application has many alike (its ServiceAccounts, RBAC,
    /// ServiceMonitors): what they are, in the plural (`ServiceAccount objects that do not affect
    /// capacity`), so that a console can print a few and count the rest.
    public var group: String?

    public init(_ severity: Severity, at location: SourceLocation?, _ message: String, hint: String? = nil, group: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.group = group
    }

    /// An error at `location`.
    public static func error(at location: SourceLocation?, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public var description: String {
        let place = location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        // Messages are one line of sane width whatever a decoder put in them (values quoted from
        // the input are cut where they are quoted; this is the backstop).
        var text = "\(place)\(severity.rawValue): \(Self.clip(message, width: 500))"
        if let hint { text += "\n  hint: \(Self.clip(hint, width: 500))" }
        return text
    }

    /// `text` as a message quotes what it found in the input: in double quotes, cut by `clip`, so
    /// an error about a file that is not what was expected (a password file named as a manifest)
    /// never echoes it.
    public static func quote(_ text: some StringProtocol, width: Int = 60) -> String {
        "\"" + clip(text, width: width, escaping: ["\"", "\\"]) + "\""
    }

    /// The first line of `text`, control characters (and `escaping`) escaped, cut to `width`
    /// characters with "…" where anything was left off.
    public static func clip(_ text: some StringProtocol, width: Int = 60, escaping: Set<Unicode.Scalar> = []) -> String {
        let line = text.prefix { !$0.isNewline }
        var result = ""
        var count = 0
        for scalar in line.unicodeScalars {
            guard count < width else { break }
            count += 1
            if scalar.properties.generalCategory == .control || escaping.contains(scalar) {
                result += scalar.escaped(asASCII: false)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if count < line.unicodeScalars.count || line.endIndex != text.endIndex { result += "…" }
        return result
    }

    /// The warnings among `diagnostics` as errors, for `--strict`: each is something kubesim
    /// leaves out that might make its answer differ from a real cluster's.
    public static func strictErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .warning }.map { warning in
            var error = warning
            error.severity = .error
            error.hint = (warning.hint.map { $0 + "; " } ?? "") + "--strict refuses what kubesim would leave out"
            return error
        }
    }

    /// A YAML syntax error as a diagnostic.
    init(_ error: YAMLError) {
        self.init(.error, at: error.location, error.message)
    }
}

/// Warnings and notes collected while loading; errors are thrown instead.
///
/// What the input holds that kubesim leaves out (a kind it does not simulate, a field it does not
/// know) is also kept as an `IgnoredObject`, attributed to the object being decoded (`subject`),
/// so that the run's summary lists it.
public struct DiagnosticLog: Sendable {
    public private(set) var entries: [Diagnostic] = []
    /// What was left out, in the order it was read.
    public private(set) var ignored: [IgnoredObject] = []
    /// The object whose manifest is being decoded: kind, namespace ("" if cluster-scoped), name.
    var subject: (kind: String, namespace: String, name: String)?

    public init() {}

    mutating func warn(at location: SourceLocation?, _ message: String, hint: String? = nil) {
        entries.append(Diagnostic(.warning, at: location, message, hint: hint))
    }

    mutating func note(at location: SourceLocation?, _ message: String, group: String? = nil) {
        entries.append(Diagnostic(.note, at: location, message, group: group))
    }

    /// Reports something of the current `subject` that kubesim leaves out: a warning when it might
    /// change the answer, else a note; either way it is listed with the run's results.
    mutating func ignore(at location: SourceLocation?, _ message: String, reason: String, affectsCapacity: Bool = true, hint: String? = nil) {
        let subject = subject ?? (kind: "", namespace: "", name: "")
        if affectsCapacity {
            warn(at: location, message, hint: hint)
        } else {
            note(at: location, message, group: "\(Diagnostic.clip(subject.kind)) objects that do not affect capacity")
        }
        let object = IgnoredObject(
            kind: subject.kind, namespace: subject.namespace, name: subject.name, reason: reason, affectsCapacity: affectsCapacity)
        if !ignored.contains(object) { ignored.append(object) }
    }

}
