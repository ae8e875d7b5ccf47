/// A position in a source file: 1-based line and column.
///
/// The column counts Unicode scalars, not bytes, so it matches what editors show on lines that hold
/// non-ASCII text.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the reader; used only in messages.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars from the start of the line.
    public var column: Int

    /// A location from its parts.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the form compilers print, so editors and terminals can jump to it.
    public var description: String { "\(file):\(line):\(column)" }
}
