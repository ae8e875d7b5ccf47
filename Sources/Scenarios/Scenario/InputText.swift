import Foundation

/// The text of one input: a file, or standard input for `-`, read as UTF-8 with every failure a
/// positioned error — the line and column of the first byte that is not UTF-8, and for a file that
/// is missing or a folder the place that names it (or the file itself, from the command line).
public struct InputText: Sendable {
    /// The name errors and outputs use for standard input.
    public static let standardInputName = "<stdin>"

    /// The name positions are printed with: the path as given, or `<stdin>`.
    public var name: String
    public var text: String
    /// The folder that relative paths inside this input resolve against ("" for the current one).
    public var folder: String

    public var isStandardInput: Bool { name == Self.standardInputName }

    /// Reads `path`, or standard input when it is `-`. `location` is where an input file names it
    /// (nil for a file named on the command line).
    public static func read(
        _ path: String, at location: SourceLocation? = nil, standardInput: () -> [UInt8] = InputText.readStandardInput
    ) throws(Diagnostic) -> InputText {
        guard path != "-" else {
            let bytes = standardInput()
            let place = location ?? SourceLocation(file: standardInputName, line: 1, column: 1)
            guard !bytes.isEmpty else {
                throw .error(at: place, "standard input is empty", hint: "pipe the text in, for example: cat manifests.yaml | kubesim …")
            }
            return InputText(name: standardInputName, text: try decode(bytes, file: standardInputName), folder: "")
        }
        return InputText(name: path, text: try file(path, at: location), folder: (path as NSString).deletingLastPathComponent)
    }

    /// The text of the file at `path`.
    static func file(_ path: String, at location: SourceLocation?) throws(Diagnostic) -> String {
        let place = location ?? SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .error(at: place, "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw .error(at: place, "\(path) is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .error(at: place, "\(path): cannot be read") }
        return try decode(data, file: path)
    }

    /// `bytes` as text, or an error at the first byte that is not part of a UTF-8 character.
    static func decode(_ bytes: some Collection<UInt8>, file: String) throws(Diagnostic) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                let byte = bytes.dropFirst(offset).first ?? 0
                throw .error(
                    at: SourceLocation(file: file, line: line, column: column),
                    "not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) here starts no UTF-8 character",
                    hint: "kubesim reads YAML and CSV as UTF-8; convert the file, for example with iconv")
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// Everything on standard input (empty when nothing was piped in).
    public static func readStandardInput() -> [UInt8] {
        [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
}
