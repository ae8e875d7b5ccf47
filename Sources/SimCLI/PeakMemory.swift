import Foundation

/// The process's peak resident memory, from the kernel's accounting (`getrusage`), for the
/// benchmarks that report it.
enum PeakMemory {
    static var bytes: Int64 {
        var usage = rusage()
        #if os(Linux)
            let who = RUSAGE_SELF.rawValue
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        // Linux reports ru_maxrss in kibibytes, macOS in bytes.
        #if os(Linux)
            return Int64(usage.ru_maxrss) * 1_024
        #else
            return Int64(usage.ru_maxrss)
        #endif
    }
}
