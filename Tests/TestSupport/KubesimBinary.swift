import Foundation

/// Runs the built `kubesim` executable as a user would and captures what it prints.
public enum KubesimBinary {
    /// What a run printed and returned.
    public struct Result {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// The executable beside the test bundle, in the build's products folder.
    public static var path: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = products.appendingPathComponent("kubesim").path
        if !FileManager.default.isExecutableFile(atPath: candidate) {
            candidate = URL(fileURLWithPath: repositoryRoot).appendingPathComponent(".build/debug/kubesim").path
        }
        return candidate
    }

    /// Runs `kubesim arguments…` in `directory` with `input` on standard input; with `interrupt`,
    /// sends it that signal after that delay if it is still running then.
    public static func run(
        _ arguments: [String], in directory: String = repositoryRoot, input: String? = nil,
        interrupt: (signal: Int32, after: Duration)? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe(), error = Pipe(), inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        if let interrupt {
            let delay = interrupt.after.components
            Thread.sleep(forTimeInterval: Double(delay.seconds) + Double(delay.attoseconds) / 1e18)
            if process.isRunning { kill(process.processIdentifier, interrupt.signal) }
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// Golden files: expected outputs kept in the repository, compared byte for byte. Set
/// `KUBESIM_RECORD_GOLDEN=1` to re-record them on purpose.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["KUBESIM_RECORD_GOLDEN"] == "1" }

    /// The golden text at `path`, after writing `actual` there when recording.
    public static func expected(at path: String, actual: String) throws -> String {
        if recording {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
