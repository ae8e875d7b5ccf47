import Foundation

/// Writes a run's output files atomically: each goes to a hidden temporary file in the target
/// folder and is renamed into place, so a reader never sees a half-written file and a failed or
/// interrupted run leaves none behind under the real names.
enum OutputDirectory {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ files: [(name: String, contents: String)], to directory: String) throws(WriteError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create output folder \(directory): \(error.localizedDescription)")
        }
        for file in files {
            let target = (directory as NSString).appendingPathComponent(file.name)
            let temporary = (directory as NSString).appendingPathComponent(".\(file.name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard manager.createFile(atPath: temporary, contents: Data(file.contents.utf8)) else {
                throw WriteError(description: "cannot write \(temporary)")
            }
            if rename(temporary, target) != 0 {
                try? manager.removeItem(atPath: temporary)
                throw WriteError(description: "cannot move \(temporary) to \(target)")
            }
        }
    }
}
