import SimCore

/// What a study runs: the scenario's variants (each a set of `--set` overrides), the seeds, and
/// the metrics it reads from every run. Every variant runs on the same seeds — common random
/// numbers — so the differences between variants are paired, seed by seed.
public struct StudyPlan: Sendable {
    public var scenarioPath: String
    /// Each variant's name and overrides; loaded once each.
    public var variants: [(name: String, overrides: [Override])]
    public var seeds: [UInt64]
    public var metrics: [StudyMetric]
    /// The loaded scenario of each variant.
    public var loaded: [LoadedScenario]

    /// Loads every variant (a bad override is an error at its place before anything runs) and
    /// picks the default metrics when none are given.
    public init(
        scenario path: String, variants: [(name: String, overrides: [Override])], seeds: [UInt64], metrics: [StudyMetric]?, jobs: Int
    ) throws(Diagnostic) {
        scenarioPath = path
        self.variants = variants
        self.seeds = seeds
        var loaded: [LoadedScenario] = []
        for variant in variants { loaded.append(try ScenarioLoader.load(path, overrides: variant.overrides, concurrentRuns: jobs)) }
        self.loaded = loaded
        self.metrics = metrics ?? Self.defaultMetrics(loaded.first?.setup)
    }

    /// The runs, variant by variant, each on every seed: run `v × seeds + s`.
    public var runs: [StudyRun] {
        variants.indices.flatMap { variant in seeds.map { StudyRun(variant: variant, seed: $0) } }
    }

    /// The defaults of `StudyMetric.defaults`, with the workloads taken from the scenario (not from
    /// a run, so every shard of a sweep picks the same), then each fault's time to recover.
    static func defaultMetrics(_ setup: SimulationSetup?) -> [StudyMetric] {
        guard let setup else { return [] }
        var paths: [String] = []
        paths += setup.deployments.map { "Deployment/\($0.meta.namespace)/\($0.meta.name)" }
        paths += setup.replicaSets.map { "ReplicaSet/\($0.meta.namespace)/\($0.meta.name)" }
        paths += setup.daemonSets.map { "DaemonSet/\($0.meta.namespace)/\($0.meta.name)" }
        paths += setup.statefulSets.map { "StatefulSet/\($0.meta.namespace)/\($0.meta.name)" }
        paths += setup.traffic.compactMap { $0.target.path.hasPrefix("Service/") ? $0.target.path : nil }
        var unique: [String] = []
        for path in paths.sorted() where !unique.contains(path) { unique.append(path) }
        return StudyMetric.defaults(workloads: unique)
            + faultRecordsWithRecovery(setup.faults, until: setup.duration).map { StudyMetric(metric: "faults[\($0)].recoverySeconds") }
    }

    /// The indexes in the summary's `faults` of the records that have a time to recover, when the
    /// scenario says how many records each fault makes; empty when it does not (random node
    /// failures make as many as their draws). Records are made in the order the faults start,
    /// those at the same instant in the scenario's order; a crash of a node that another fault
    /// holds down makes none, so that rare scenario shows a record missing on its seeds.
    static func faultRecordsWithRecovery(_ faults: [FaultSpec], until end: SimTime) -> [Int] {
        var indexes: [Int] = []
        var next = 0
        for fault in faults.enumerated().sorted(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }).map(\.element)
        where fault.at <= end {
            switch fault.action {
            case .randomNodeFailures: return []
            case .containerCrashes: next += 1
            case .spotInterruption(.pool(_, let count), _):
                indexes += next..<next + count
                next += count
            case .nodeCrash, .zoneOutage, .networkPartition, .nodeDrain, .podKill, .spotInterruption(.node, _):
                indexes.append(next)
                next += 1
            }
        }
        return indexes
    }
}
