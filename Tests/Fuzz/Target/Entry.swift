import Foundation
import Scenarios
import SimCore

// Built with -DFUZZING and -sanitize=fuzzer (see .ci/fuzz), this program is a libFuzzer fuzzer:
// `main` hands over to libFuzzer's driver with `fuzzOneInput` as the target. Built without them,
// it is the driver below, which loads given inputs the same way and runs short simulations of
// what loads. (`main` is Swift's in both builds: SwiftPM renames an executable's entry point,
// so libFuzzer's own `main` cannot be used.)

#if FUZZING
    import LibFuzzer

    /// The target, with its sandbox made before the first input.
    let fuzzTarget = FuzzTarget.make()

    /// Limits for a short simulation of each input that loads, when `KUBESIM_FUZZ_RUN` is set to
    /// the simulated minutes to run (nil when it is unset or 0: inputs are only loaded).
    let fuzzRunLimits: RunLimits? = ProcessInfo.processInfo.environment["KUBESIM_FUZZ_RUN"].flatMap(Int64.init).flatMap { minutes in
        minutes > 0 ? RunLimits(maxNodes: 50, maxPods: 500, maxTime: minutes * Millis.minute) : nil
    }

    /// One input: 0 when it loaded or was refused with a diagnostic, -1 (keep it out of the corpus)
    /// when it was skipped. A crash is a trap, which libFuzzer reports.
    func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        switch fuzzTarget.load(input).1 {
        case .skipped: return -1
        case .refused: return 0
        case .loaded(let loaded):
            if let limits = fuzzRunLimits { _ = FuzzTarget.run(loaded, limits: limits) }
            return 0
        }
    }

    @main
    enum FuzzerMain {
        static func main() {
            _ = fuzzTarget
            // Removes the sandbox when libFuzzer exits normally (after a crash it stays).
            atexit { fuzzTarget.sandbox.remove() }
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        }
    }
#else
    @main
    enum DriverMain {
        static func main() {
            exit(Driver.main(Array(CommandLine.arguments.dropFirst())))
        }
    }
#endif

/// The driver: `kubesim-fuzz [--no-run] [--invariants] [--minutes N] [--as LETTER] INPUT...`.
enum Driver {
    static let usage = """
        Usage: kubesim-fuzz [--no-run] [--invariants] [--minutes N] [--as LETTER] INPUT...

        Loads each fuzz input (a file, or every file under a folder) as the fuzz target does, and runs
        a short simulation of each one that loads. An input's first byte picks what it is:
          S E P U F H   a scenario in scenarios/, docs/examples/, a regression folder (platform,
                        pressure, profiles) or the harness folder, where the files it names are
          M             Kubernetes manifests       R  a rate trace     Q  a request log (format: requests)
          K             a KubeSchedulerConfiguration                   O  --set overrides, one a line
        and the rest is the file's content.

        Options:
          --no-run        Only load the inputs.
          --invariants    Check the cluster's invariants after every event of the runs (slow).
          --minutes N     Simulated minutes to run at most (default 10).
          --as LETTER     The inputs are plain files of this kind, without the first byte.

        One line per input. Exit codes: 0 nothing crashed (a crash kills the driver with its signal),
        1 an invariant was violated, 2 usage error.
        """

    static func main(_ arguments: [String]) -> Int32 {
        var limits = RunLimits()
        var runs = true
        var prefix: UInt8?
        var paths: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--no-run": runs = false
            case "--invariants": limits.checksInvariants = true
            case "--minutes":
                guard let value = rest.popFirst().flatMap(Int64.init), value > 0 else { return usageError("--minutes takes a positive number") }
                limits.maxTime = value * Millis.minute
            case "--as":
                guard let letter = rest.popFirst(), letter.utf8.count == 1, let byte = letter.utf8.first else {
                    return usageError("--as takes one letter")
                }
                prefix = byte
            case "-h", "--help":
                print(usage)
                return 0
            default:
                guard !argument.hasPrefix("-") else { return usageError("unknown option \(argument)") }
                paths.append(argument)
            }
        }
        guard !paths.isEmpty else { return usageError("no inputs") }
        let files = paths.flatMap(expand)
        let target = FuzzTarget.make()
        defer { target.sandbox.remove() }
        var counts: [String: Int] = [:]
        var violated = false
        for file in files {
            write("\(file): ")
            guard var input = FileManager.default.contents(atPath: file).map(Array.init) else {
                write("cannot be read\n")
                counts["unreadable", default: 0] += 1
                continue
            }
            if let prefix { input.insert(prefix, at: 0) }
            // The kind first: if loading crashes, the line says what the input was.
            write("\(input.first.map { InputKind(byte: $0).name } ?? "empty"): ")
            let outcome = target.load(input).1
            switch outcome {
            case .skipped(let reason):
                write("skipped: \(reason)\n")
                counts["skipped", default: 0] += 1
            case .refused(let diagnostic):
                let message = target.sandbox.relative(diagnostic.description).split(separator: "\n").first ?? ""
                write("refused\(diagnostic.location == nil ? " (no position)" : ""): \(message)\n")
                counts[diagnostic.location == nil ? "refused without a position" : "refused", default: 0] += 1
            case .loaded(let loaded):
                counts["loaded", default: 0] += 1
                guard runs else {
                    write("loaded\n")
                    continue
                }
                write("loaded; ")
                let clock = ContinuousClock()
                let start = clock.now
                switch FuzzTarget.run(loaded, limits: limits) {
                case .ran(let until, let events, let violations):
                    let elapsed = clock.now - start
                    let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
                    write("ran \(GoDuration.format(until)) in \(events) events (\(milliseconds) ms)\n")
                    counts["ran", default: 0] += 1
                    for violation in violations.prefix(5) { write("  invariant violated: \(violation)\n") }
                    violated = violated || !violations.isEmpty
                case .refused(let message):
                    write("simulation refused: \(message.split(separator: "\n").first ?? "")\n")
                    counts["simulation refused", default: 0] += 1
                case .tooBig(let size):
                    write("not run: \(size)\n")
                    counts["too big to run", default: 0] += 1
                }
            }
        }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        write("\(files.count) inputs: \(summary)\n")
        return violated ? 1 : 0
    }

    /// A file, or the files under a folder (hidden ones left out), sorted.
    static func expand(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names = (FileManager.default.subpaths(atPath: path) ?? []).filter { name in
            !name.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }.filter { file in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    /// Writes at once (unbuffered), so the input being processed is on screen if it crashes.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("kubesim-fuzz: error: \(message)\n\n\(usage)\n".utf8))
        return 2
    }
}
