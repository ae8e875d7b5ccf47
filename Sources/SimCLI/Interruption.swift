import Foundation

/// What SIGINT and SIGTERM do during `kubesim run`: stop at once, remove the output files begun
/// in the staging folder (never a file of the output folder itself), print one line and exit with
/// 128 + the signal's number (130, 143), as shells report a process a signal stopped.
///
/// The handler may only call async-signal-safe functions, so everything it needs — the paths to
/// remove and the messages — is prepared as C strings beforehand, and the moments that must not
/// be cut in two (moving the finished files into place) run with the two signals held back.
enum Interruption {
    /// Installs the handlers for SIGINT and SIGTERM.
    static func install() {
        let clearLine = isatty(STDERR_FILENO) != 0 ? "\r\u{1B}[K" : ""
        let messages = [
            "kubesim: interrupted (SIGINT); the run was stopped and no output was written",
            "kubesim: terminated (SIGTERM); the run was stopped and no output was written",
            "kubesim: interrupted (SIGINT) after the outputs were written",
            "kubesim: terminated (SIGTERM) after the outputs were written",
        ]
        for (index, message) in messages.enumerated() where State.messages[index] == nil {
            State.messages[index] = strdup(clearLine + message + "\n")
        }
        _ = State.paths  // made now, not on first use inside the handler
        signal(SIGINT, handle)
        signal(SIGTERM, handle)
        // A parent may have started kubesim with the two signals blocked (the mask is inherited).
        var signals = handledSignals
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Files (then, last, the folder holding them) the handler removes if a signal comes now.
    /// One process writes one output set at a time; tests make several at once, so changes are
    /// also serialised by a lock (the last registration is the one a signal would act on).
    static func register(removing paths: [String]) {
        State.lock.withLock {
            holdingSignals {
                clearPaths()
                for (index, path) in paths.prefix(State.capacity).enumerated() { State.paths[index] = strdup(path) }
                State.pathCount = min(paths.count, State.capacity)
            }
        }
    }

    /// Nothing to remove any more; a signal from now on reports that the outputs were written.
    static func outputsWritten() {
        State.lock.withLock {
            holdingSignals {
                clearPaths()
                State.outputsWritten = true
            }
        }
    }

    /// Runs `body` with SIGINT and SIGTERM held back: one that arrives meanwhile is handled when
    /// `body` returns.
    static func holdingSignals<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        var blocked = handledSignals
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// SIGINT and SIGTERM, as a signal set.
    private static var handledSignals: sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        return signals
    }

    private static func clearPaths() {
        guard State.pathCount > 0 else { return }
        for index in 0..<State.pathCount {
            free(State.paths[index])
            State.paths[index] = nil
        }
        State.pathCount = 0
    }

    /// The handler: remove what was registered (files with unlink, the folder, last, with rmdir),
    /// say so, and exit without running anything else.
    private static let handle: @convention(c) (Int32) -> Void = { signal in
        if State.pathCount > 0 {
            for index in 0..<State.pathCount {
                guard let path = State.paths[index] else { continue }
                if unlink(path) != 0 { rmdir(path) }
            }
        }
        let index = (State.outputsWritten ? 2 : 0) + (signal == SIGTERM ? 1 : 0)
        if let message = State.messages[index] { _ = write(STDERR_FILENO, message, strlen(message)) }
        _exit(128 + signal)
    }

    /// What the handler reads. Written only with the signals held back (or before the handlers
    /// are installed), so the handler never sees a half-made change.
    private enum State {
        static let capacity = 64
        static let lock = NSLock()
        nonisolated(unsafe) static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
            let paths = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
            paths.initialize(repeating: nil, count: capacity)
            return paths
        }()
        nonisolated(unsafe) static var pathCount = 0
        nonisolated(unsafe) static var outputsWritten = false
        /// The four messages: SIGINT, SIGTERM, then the same after the outputs were written.
        nonisolated(unsafe) static let messages: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
            let messages = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 4)
            messages.initialize(repeating: nil, count: 4)
            return messages
        }()
    }
}
