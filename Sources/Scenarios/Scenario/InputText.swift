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
            guard bytes.count <= maximumBytes else { throw .error(at: place, "standard input holds more than 1 GiB; kubesim reads at most that") }
            return InputText(name: standardInputName, text: try decode(bytes, file: standardInputName), folder: "")
        }
        return try file(path, at: location)
    }

    /// The most an input may hold: far more than any scenario, manifest set or trace kubesim
    /// reads in full, and a bound on what `/dev/zero` or an endless pipe could make it read.
    public static let maximumBytes = 1 << 30

    /// The file at `path` (never standard input): a regular file (not a device or a pipe, which
    /// could be read for ever) of at most `maximumBytes`.
    static func file(_ path: String, at location: SourceLocation?) throws(Diagnostic) -> InputText {
        let place = location ?? SourceLocation(file: path, line: 1, column: 1)
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .error(at: place, errno == ENOENT || errno == ENOTDIR ? "\(path): no such file" : "\(path): cannot be read")
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw .error(at: place, "\(path) is a directory, not a file")
        case S_IFREG: break
        default:
            throw .error(
                at: place, "\(path) is not a regular file (a device, a pipe or a socket)",
                hint: "kubesim reads files; for a pipe, use - and standard input")
        }
        guard status.st_size <= maximumBytes else {
            throw .error(at: place, "\(path) holds \(status.st_size) bytes; kubesim reads files of at most 1 GiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .error(at: place, "\(path): cannot be read") }
        return InputText(name: path, text: try decode(data, file: path), folder: FilePath.parent(of: path))
    }

    /// The bytes of the regular file at `path` if it holds at most `limit` bytes; nil when there
    /// is no such file (missing, a folder or a device, too large, unreadable). For binary data
    /// whose absence the caller reports in its own words, such as a time zone file.
    static func bytes(ofFile path: String, limit: Int) -> [UInt8]? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= limit,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return [UInt8](data)
    }

    /// The names in the folder at `path`, sorted; empty when it cannot be listed.
    static func entries(ofFolder path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
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

    /// Everything on standard input (empty when nothing was piped in), stopping one byte past
    /// `maximumBytes` so that an endless stream is refused rather than read for ever.
    public static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count <= maximumBytes, let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
