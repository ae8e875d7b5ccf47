/// A malformed YAML input, with the position of the offending character.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, lower-case and short, saying what was expected where that helps.
    public var message: String

    /// An error at `location`.
    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:col: error: message`, the form compilers print.
    public var description: String { "\(location): error: \(message)" }
}
