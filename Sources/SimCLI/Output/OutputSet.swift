import Foundation
import Scenarios

/// A run's output files, written whole or not at all.
///
/// Every file is written into a staging folder beside the output folder, made before the
/// simulation starts (so an output folder that cannot be written is found at once). When all
/// are written and flushed to disk, they go into place with SIGINT and SIGTERM held back: by one
/// rename of the staging folder when the output folder does not exist yet (or is empty), else
/// file by file, each previous file kept as a hard link until the last rename succeeds, so a
/// failure puts the whole previous set back. Other files in the output folder are never touched.
final class OutputSet {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    let directory: String
    let names: [String]
    private let staging: String
    private var finished = false

    /// Checks that `directory` can take files named `names` and makes the staging folder beside
    /// it (creating the folders above it as `mkdir -p` would).
    init(directory: String, names: [String]) throws(WriteError) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        // Foundation's path functions trap on a path that ends in "." or "..": such a folder is
        // named by its absolute path instead.
        if trimmed == "." || trimmed == ".." || trimmed.hasSuffix("/.") || trimmed.hasSuffix("/..") {
            trimmed = URL(fileURLWithPath: trimmed).standardizedFileURL.path
        }
        self.directory = trimmed
        self.names = names
        let parent = FilePath.parent(of: trimmed)
        let manager = FileManager.default
        if !parent.isEmpty {
            do {
                try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw WriteError(description: "cannot create the folder \(parent) for the outputs: \(Self.reason(error))")
            }
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: trimmed, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(description: "the output folder \(trimmed) is a file") }
            guard access(trimmed, W_OK | X_OK) == 0 else { throw WriteError(description: "cannot write in \(trimmed): \(Self.errnoText())") }
            for name in names {
                let path = (trimmed as NSString).appendingPathComponent(name)
                if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    throw WriteError(description: "\(path) is a folder; kubesim writes a file of that name")
                }
            }
        }
        let stagingName = ".\(FilePath.name(of: trimmed)).kubesim-\(getpid())"
        staging = parent.isEmpty ? stagingName : (parent as NSString).appendingPathComponent(stagingName)
        try? manager.removeItem(atPath: staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw WriteError(description: "cannot write in \(parent.isEmpty ? "the current folder" : parent): \(Self.errnoText())")
        }
        Interruption.register(removing: stagedPaths + [staging])
    }

    /// Writes file `name` into the staging folder through `body`.
    func write(_ name: String, _ body: (BufferedFile) throws(WriteError) -> Void) throws(WriteError) {
        let file = try BufferedFile(creating: stagedPath(name))
        do {
            try body(file)
            try file.close()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Moves the written set into place, or leaves the previous one as it was and throws.
    func commit() throws(WriteError) {
        try Interruption.holdingSignals { () throws(WriteError) in
            try moveIntoPlace()
            finished = true
            Interruption.outputsWritten()
        }
    }

    /// Removes the staging folder and what is in it (a run that failed or was refused).
    func abandon() {
        guard !finished else { return }
        Interruption.holdingSignals {
            removeStaging()
            finished = true
            Interruption.register(removing: [])
        }
    }

    private func moveIntoPlace() throws(WriteError) {
        // A new or empty output folder: the staging folder becomes it in one rename.
        if rename(staging, directory) == 0 { return }
        let (kept, keepError) = keepPrevious()
        if let keepError {
            removeStaging()
            throw keepError
        }
        var moved: [String] = []
        for name in names {
            guard rename(stagedPath(name), targetPath(name)) == 0 else {
                let failure = WriteError(description: "cannot move \(name) into \(directory): \(Self.errnoText())")
                for done in moved.reversed() {
                    if kept.contains(done) { rename(previousPath(done), targetPath(done)) } else { unlink(targetPath(done)) }
                }
                removeStaging()
                throw failure
            }
            moved.append(name)
        }
        removeStaging()
    }

    /// Hard links to the output folder's current files in the staging folder, to put back if a
    /// rename fails; the names linked, or an error (with nothing in the output folder changed).
    private func keepPrevious() -> (kept: Set<String>, error: WriteError?) {
        var kept = Set<String>()
        for name in names where access(targetPath(name), F_OK) == 0 {
            guard link(targetPath(name), previousPath(name)) == 0 else {
                return (kept, WriteError(description: "cannot keep the previous \(targetPath(name)) while replacing it: \(Self.errnoText())"))
            }
            kept.insert(name)
        }
        return (kept, nil)
    }

    private func removeStaging() {
        for path in stagedPaths { unlink(path) }
        rmdir(staging)
    }

    /// Every path the staging folder may hold: the new files and the links to the previous ones.
    private var stagedPaths: [String] { names.flatMap { [stagedPath($0), previousPath($0)] } }
    private func stagedPath(_ name: String) -> String { (staging as NSString).appendingPathComponent(name) }
    private func previousPath(_ name: String) -> String { (staging as NSString).appendingPathComponent(".previous-" + name) }
    private func targetPath(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// A file being written in large pieces, so an output of gigabytes never sits in memory whole;
/// every failure (a full disk included) is an error, found at latest when it is flushed to disk.
final class BufferedFile {
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    private static let pieceSize = 1 << 20

    init(creating path: String) throws(OutputSet.WriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputSet.WriteError(description: "cannot create \(path): \(OutputSet.errnoText())") }
        buffer.reserveCapacity(Self.pieceSize)
    }

    func write(_ text: String) throws(OutputSet.WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.pieceSize { try flush() }
    }

    /// Writes what is buffered, syncs the file to disk and closes it.
    func close() throws(OutputSet.WriteError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw OutputSet.WriteError(description: "cannot write \(path): \(OutputSet.errnoText())") }
        discard()
    }

    /// Closes the file without writing what is left (its owner removes it).
    func discard() {
        guard !closed else { return }
        closed = true
        _ = Foundation.close(descriptor)
    }

    private func flush() throws(OutputSet.WriteError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, bytes.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw OutputSet.WriteError(description: "cannot write \(path): \(OutputSet.errnoText())") }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
