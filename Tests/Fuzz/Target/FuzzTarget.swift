import Foundation
import Scenarios
import SimCore

/// What one fuzz input exercises. The input's first byte picks the kind (its letter, or any other
/// byte modulo the number of kinds); the rest of the input is the content of one file.
enum InputKind: CaseIterable, Sendable {
    /// `S`: a scenario in `scenarios/`, beside the example manifests.
    case scenario
    /// `E`: a scenario in `docs/examples/`, whose examples name `../../scenarios/manifests/…`.
    case exampleScenario
    /// `P`, `U`, `F`: a scenario in the platform, pressure or profiles regression folder, beside
    /// its `manifests/all.yaml` (and, for profiles, its `scheduler-config.yaml`).
    case platformScenario
    case pressureScenario
    case profilesScenario
    /// `H`: a scenario in `harness/`, beside the harness's two traces.
    case harnessScenario
    /// `M`: a file of Kubernetes manifests, checked on its own, then loaded by `harness/with-manifests.yaml`.
    case manifests
    /// `R`: a `time,value` rate trace, loaded by `harness/with-rate-trace.yaml`.
    case rateTrace
    /// `Q`: a request log (`format: requests`), loaded by `harness/with-request-trace.yaml`.
    case requestTrace
    /// `K`: a KubeSchedulerConfiguration, loaded by `harness/with-scheduler-config.yaml`.
    case schedulerConfiguration
    /// `O`: `--set PATH=VALUE` overrides, one a line, applied to `harness/everything.yaml`.
    case overrides

    var letter: UInt8 {
        switch self {
        case .scenario: UInt8(ascii: "S")
        case .exampleScenario: UInt8(ascii: "E")
        case .platformScenario: UInt8(ascii: "P")
        case .pressureScenario: UInt8(ascii: "U")
        case .profilesScenario: UInt8(ascii: "F")
        case .harnessScenario: UInt8(ascii: "H")
        case .manifests: UInt8(ascii: "M")
        case .rateTrace: UInt8(ascii: "R")
        case .requestTrace: UInt8(ascii: "Q")
        case .schedulerConfiguration: UInt8(ascii: "K")
        case .overrides: UInt8(ascii: "O")
        }
    }

    /// The kind a first byte picks.
    init(byte: UInt8) {
        self = Self.allCases.first { $0.letter == byte } ?? Self.allCases[Int(byte) % Self.allCases.count]
    }

    /// Where the fuzzed content is written, relative to the sandbox (nil: it is not a file).
    var fuzzedFile: String? {
        switch self {
        case .scenario: "scenarios/fuzz.yaml"
        case .exampleScenario: "docs/examples/fuzz.yaml"
        case .platformScenario: "Tests/SimCLITests/Regression/platform/scenario.yaml"
        case .pressureScenario: "Tests/SimCLITests/Regression/pressure/scenario.yaml"
        case .profilesScenario: "Tests/SimCLITests/Regression/profiles/scenario.yaml"
        case .harnessScenario: "harness/fuzz.yaml"
        case .manifests: "fuzz/manifests.yaml"
        case .rateTrace: "fuzz/rates.csv"
        case .requestTrace: "fuzz/requests.csv"
        case .schedulerConfiguration: "fuzz/scheduler-config.yaml"
        case .overrides: nil
        }
    }

    /// The scenario loaded for this input, relative to the sandbox.
    var scenarioFile: String {
        switch self {
        case .manifests: "harness/with-manifests.yaml"
        case .rateTrace: "harness/with-rate-trace.yaml"
        case .requestTrace: "harness/with-request-trace.yaml"
        case .schedulerConfiguration: "harness/with-scheduler-config.yaml"
        case .overrides: "harness/everything.yaml"
        default: fuzzedFile ?? ""
        }
    }

    /// Whether the fuzzed content is a scenario (and so may name files).
    var isScenario: Bool {
        switch self {
        case .manifests, .rateTrace, .requestTrace, .schedulerConfiguration, .overrides: false
        default: true
        }
    }

    var name: String {
        switch self {
        case .scenario, .exampleScenario, .platformScenario, .pressureScenario, .profilesScenario, .harnessScenario:
            "scenario in \(((fuzzedFile ?? "") as NSString).deletingLastPathComponent)/"
        case .manifests: "manifests"
        case .rateTrace: "rate trace"
        case .requestTrace: "request trace"
        case .schedulerConfiguration: "scheduler configuration"
        case .overrides: "overrides"
        }
    }
}

/// The folder fuzzed files are written to: the repository's example manifests and regression
/// folders and the harness files (`Tests/Fuzz/Harness`), copied once into a fresh folder on tmpfs
/// (`/dev/shm`) when there is one, so scenarios under fuzz can name the files the examples name.
struct Sandbox: Sendable {
    let root: String
    /// Manifests a scenario gets for `manifests: "-"` (standard input).
    let standardInput: [UInt8]

    /// Files and folders copied from the repository, at the same relative paths.
    static let copied = [
        "scenarios/manifests",
        "Tests/SimCLITests/Regression/platform/manifests",
        "Tests/SimCLITests/Regression/pressure/manifests",
        "Tests/SimCLITests/Regression/profiles/manifests",
        "Tests/SimCLITests/Regression/profiles/scheduler-config.yaml",
    ]

    /// Creates the sandbox under `$KUBESIM_FUZZ_TMP`, else `/dev/shm`, else the temporary directory.
    static func create(repository: String) throws -> Sandbox {
        let manager = FileManager.default
        let environment = ProcessInfo.processInfo.environment
        let parent =
            environment["KUBESIM_FUZZ_TMP"] ?? (manager.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let root = (parent as NSString).appendingPathComponent("kubesim-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(atPath: root)
        func inRepository(_ path: String) -> String { (repository as NSString).appendingPathComponent(path) }
        func inSandbox(_ path: String) -> String { (root as NSString).appendingPathComponent(path) }
        for folder in ["docs/examples", "fuzz"] {
            try manager.createDirectory(atPath: inSandbox(folder), withIntermediateDirectories: true)
        }
        for path in copied {
            try manager.createDirectory(atPath: (inSandbox(path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try manager.copyItem(atPath: inRepository(path), toPath: inSandbox(path))
        }
        try manager.copyItem(atPath: inRepository("Tests/Fuzz/Harness"), toPath: inSandbox("harness"))
        let standardInput = [UInt8](try Data(contentsOf: URL(fileURLWithPath: inRepository("scenarios/manifests/storefront/storefront.yaml"))))
        return Sandbox(root: root, standardInput: standardInput)
    }

    func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// The message with the sandbox's folder taken out of its paths.
    func relative(_ message: String) -> String { message.replacingOccurrences(of: root + "/", with: "") }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// What loading one input gave.
enum LoadOutcome {
    /// It loaded (for manifests: checked on their own, then loaded by the harness scenario).
    case loaded(LoadedScenario)
    /// The loader refused it with this diagnostic.
    case refused(Diagnostic)
    /// Not tried: the input is empty, or it names a file outside the sandbox (which could be a
    /// device such as /dev/zero; the loader reading it is not what is under test).
    case skipped(String)
}

/// What running a loaded input gave.
enum RunOutcome {
    /// It ran to `until` in `events` events; `violations` are invariant violations (when checked).
    case ran(until: SimTime, events: Int, violations: [String])
    /// The simulation refused the setup.
    case refused(String)
    /// Too big to run in the fuzzer's time budget.
    case tooBig(String)
}

/// Caps on the runs of loaded inputs, so each stays well under a second.
struct RunLimits: Sendable {
    var maxNodes = 200
    var maxPods: Int64 = 2_000
    var maxTime: SimTime = 10 * Millis.minute
    var checksInvariants = false
}

/// The fuzz target: loads one input the way `kubesim validate` and `kubesim run` do, and
/// optionally runs a short simulation of what loads.
struct FuzzTarget: Sendable {
    let sandbox: Sandbox
    /// The kinds of input to try, from the letters of `$KUBESIM_FUZZ_KINDS` (nil: all). Leaving
    /// out a kind whose crash is known lets the fuzzer spend its time on the others.
    var kinds: Set<UInt8>?

    /// The repository's root: `$KUBESIM_REPOSITORY`, else found from this source file's location.
    static var repository: String {
        if let path = ProcessInfo.processInfo.environment["KUBESIM_REPOSITORY"] { return path }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    static func make() -> FuzzTarget {
        do {
            let kinds = ProcessInfo.processInfo.environment["KUBESIM_FUZZ_KINDS"].map { Set($0.utf8) }
            return FuzzTarget(sandbox: try Sandbox.create(repository: repository), kinds: kinds)
        } catch {
            fatalError("kubesim-fuzz: cannot prepare the sandbox from \(repository): \(error)")
        }
    }

    /// Loads one input. The fuzzed file is removed afterwards, so no input sees another's files.
    func load(_ input: [UInt8]) -> (InputKind?, LoadOutcome) {
        guard let first = input.first else { return (nil, .skipped("empty input")) }
        let kind = InputKind(byte: first)
        if let kinds, !kinds.contains(kind.letter) { return (kind, .skipped("KUBESIM_FUZZ_KINDS leaves out \(kind.name)")) }
        let content = Data(input.dropFirst())
        // The loader reads files as strict UTF-8; so does the check of the paths a scenario names.
        let text = String(data: content, encoding: .utf8)
        var overrides: [Override] = []
        if kind == .overrides {
            guard let text else { return (kind, .skipped("overrides are not UTF-8")) }
            overrides = text.split(whereSeparator: \.isNewline).compactMap { Override(String($0)) }
            let depth = Self.depth(of: kind.scenarioFile)
            guard overrides.allSatisfy({ Self.namesOnlyInside($0.value, depth: depth) }) else {
                return (kind, .skipped("an override names a file outside the sandbox"))
            }
        }
        if kind.isScenario, let text, !Self.namesOnlyInside(text, depth: Self.depth(of: kind.scenarioFile)) {
            return (kind, .skipped("the scenario names a file outside the sandbox"))
        }
        if let file = kind.fuzzedFile {
            let path = sandbox.path(file)
            guard FileManager.default.createFile(atPath: path, contents: content) else {
                fatalError("kubesim-fuzz: cannot write \(path)")
            }
        }
        defer {
            if let file = kind.fuzzedFile { try? FileManager.default.removeItem(atPath: sandbox.path(file)) }
        }
        do {
            if kind == .manifests { _ = try ScenarioLoader.validateManifests(sandbox.path(kind.fuzzedFile ?? "")) }
            let stdin = sandbox.standardInput
            let loaded = try ScenarioLoader.load(sandbox.path(kind.scenarioFile), overrides: overrides, standardInput: { stdin })
            return (kind, .loaded(loaded))
        } catch {
            return (kind, .refused(error))
        }
    }

    /// Runs a loaded input for at most `limits.maxTime` of simulated time, if it is small enough.
    static func run(_ loaded: LoadedScenario, limits: RunLimits) -> RunOutcome {
        let setup = loaded.setup
        let nodes = setup.nodePools.reduce(setup.nodes.count) { $0 + $1.count }
        guard nodes <= limits.maxNodes else { return .tooBig("\(nodes) nodes") }
        var pods = Int64(setup.pods.count)
        pods += setup.replicaSets.reduce(0) { $0 + Int64($1.replicas) } + setup.deployments.reduce(0) { $0 + Int64($1.replicas) }
        pods += setup.autoscalers.reduce(0) { $0 + Int64($1.maxReplicas) }
        for event in setup.timeline {
            if case .scale(_, let replicas) = event.action { pods += Int64(replicas) }
        }
        guard pods <= limits.maxPods else { return .tooBig("up to \(pods) pods") }
        let simulation: Simulation
        do {
            simulation = try Simulation(setup)
        } catch {
            return .refused(error.description)
        }
        simulation.checksInvariants = limits.checksInvariants
        let until = min(setup.duration, limits.maxTime)
        simulation.run(until: until)
        _ = simulation.result(wallSeconds: 0)
        return .ran(until: until, events: simulation.eventsProcessed, violations: simulation.invariantViolations)
    }

    /// How many folders deep `file` is in the sandbox (`scenarios/fuzz.yaml`: 1).
    static func depth(of file: String) -> Int {
        file.split(separator: "/").count - 1
    }

    /// True unless `text` is YAML with a scalar that, read as a path relative to a folder `depth`
    /// folders deep in the sandbox, is absolute or leaves the sandbox. Only scalars can name files
    /// (manifests, traces, scheduler configurations), and globs cannot produce `..`. Text that is
    /// not YAML is true: the loader refuses it before it reads any other file.
    static func namesOnlyInside(_ text: String, depth: Int) -> Bool {
        guard let documents = try? YAMLReader.documents(in: text, file: "check") else { return true }
        var pending = documents
        while let node = pending.popLast() {
            switch node.content {
            case .scalar(let value, _):
                guard isInside(value, depth: depth) else { return false }
            case .sequence(let items): pending += items
            case .mapping(let pairs):
                for pair in pairs { pending += [pair.key, pair.value] }
            }
        }
        return true
    }

    static func isInside(_ path: String, depth: Int) -> Bool {
        guard !path.hasPrefix("/") else { return false }
        var level = depth
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                level -= 1
                if level < 0 { return false }
            default: level += 1
            }
        }
        return true
    }
}
