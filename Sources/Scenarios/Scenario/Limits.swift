import Foundation
import SimCore

/// How big a scenario kubesim accepts: hard caps on node and pod counts (IDs are 32-bit), and an
/// estimate of the memory a run needs, refused up front when it exceeds what the machine has
/// rather than ending in an out-of-memory kill.
enum Limits {
    static let maxNodes: Int64 = 200_000
    static let maxPods: Int64 = 10_000_000

    /// The largest amount of one resource in one place (a node's capacity, a container's request
    /// or limit): a million cores, a million pods, 1 PiB of memory or storage, 2^50 of an extended
    /// resource. Far above any real machine, and low enough that a node's score (amount × 100)
    /// and the sums over a node's pods stay exact in 64 bits.
    static func maximumAmount(for resource: String) -> Int64 {
        switch resource {
        case ResourceName.cpu: 1_000_000_000
        case ResourceName.pods: 1_000_000
        default: 1 << 50
        }
    }

    /// The same limit as a message writes it: "1000000 cores", "1Pi".
    static func maximumAmountText(for resource: String) -> String {
        switch resource {
        case ResourceName.cpu: "1000000 cores"
        case ResourceName.pods: "1000000"
        case ResourceName.memory, ResourceName.ephemeralStorage: "1Pi"
        default: "1125899906842624 (2^50)"
        }
    }

    /// The error for `field`, written `text`, holding more of `resource` than `maximumAmount`.
    static func amountTooLarge(_ field: String, _ text: String, of resource: String, at location: SourceLocation) -> Diagnostic {
        .error(at: location, "\"\(field)\" is \(text); kubesim takes at most \(maximumAmountText(for: resource)) of \(resource) in one place")
    }

    /// The largest request rate a traffic source may send, in requests per second: far above any
    /// real service, and low enough that sums and products of rates stay finite.
    static let maxRequestRate = 1e12
    static let maxRequestRateText = "1e12"

    /// The latest time a trace may name, in seconds: about 285 years, inside the range of a Go
    /// duration (and of kubesim's millisecond clock) with room for spans between two times.
    static let maxTimeSeconds = 9e9
    static let maxTimeSecondsText = "9e9 seconds, about 285 years"

    /// Memory one run may plan on when `concurrentRuns` runs share the machine: 60 % of its
    /// physical memory, shared equally.
    static func availableBytes(concurrentRuns: Int = 1) -> Int64 {
        Int64(clamping: ProcessInfo.processInfo.physicalMemory / 10 * 6) / Int64(max(concurrentRuns, 1))
    }
}
