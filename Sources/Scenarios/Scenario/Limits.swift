import Foundation

/// How big a scenario kubesim accepts: hard caps on node and pod counts (IDs are 32-bit), and an
/// estimate of the memory a run needs, refused up front when it exceeds what the machine has
/// rather than ending in an out-of-memory kill.
enum Limits {
    static let maxNodes: Int64 = 200_000
    static let maxPods: Int64 = 10_000_000

    /// Rough per-item costs, measured on release builds and rounded up: node columns and pod
    /// lists, a pod record with its events and placement row, one time-series row.
    static let bytesPerNode = 4_096
    static let bytesPerPod = 2_048
    static let bytesPerSeriesRow = 48

    static func estimatedBytes(nodes: Int64, pods: Int64, seriesRows: Int64) -> Int64 {
        let (nodeBytes, o1) = nodes.multipliedReportingOverflow(by: Int64(bytesPerNode))
        let (podBytes, o2) = pods.multipliedReportingOverflow(by: Int64(bytesPerPod))
        let (rowBytes, o3) = seriesRows.multipliedReportingOverflow(by: Int64(bytesPerSeriesRow))
        guard !(o1 || o2 || o3) else { return Int64.max }
        let (sum, o4) = nodeBytes.addingReportingOverflow(podBytes)
        let (total, o5) = sum.addingReportingOverflow(rowBytes)
        return o4 || o5 ? Int64.max : total
    }

    /// Memory one run may plan on when `concurrentRuns` runs share the machine: 60 % of its
    /// physical memory, shared equally.
    static func availableBytes(concurrentRuns: Int = 1) -> Int64 {
        Int64(clamping: ProcessInfo.processInfo.physicalMemory / 10 * 6) / Int64(max(concurrentRuns, 1))
    }

    static func gibibytes(_ bytes: Int64) -> String {
        let value = Double(bytes) / Double(1 << 30)
        return value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }
}
