import Foundation

/// A one-line progress bar on standard error, shown only when standard error is a terminal and
/// the run has taken more than half a second; erased when the run ends.
struct ProgressBar {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var shown = false

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    mutating func update(fraction: Double, simulated: String) {
        guard enabled, ContinuousClock.now - start > .milliseconds(500) else { return }
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(Int(fraction * 100))% \(simulated)   ".utf8))
        shown = true
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
