import Foundation

/// A fresh folder under the system's temporary directory for one test's files.
public struct TemporaryFolder {
    public let path: String

    public init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("kubesim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` (folders created as needed) and returns the full path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The names of the files in `subfolder` (the folder itself by default), sorted.
    public func files(in subfolder: String = "") -> [String] {
        let folder = subfolder.isEmpty ? path : (path as NSString).appendingPathComponent(subfolder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The repository's root folder, found from this source file's location.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The shared data folder beside the repository (`../shared/data`), if it is there.
public var sharedDataFolder: String? {
    let folder = ((repositoryRoot as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: folder) ? folder : nil
}
