import Scenarios

/// The Kubernetes Job that runs a sweep on a cluster (`kubesim sweep … --emit-job`): a `batch/v1`
/// Indexed Job whose pod of index I runs `kubesim sweep … --shard N` — the index comes from
/// `JOB_COMPLETION_INDEX`, which Kubernetes sets in each pod — and writes to `/results/shard-I` on
/// the claim the user names; `kubesim merge /results/shard-*` then joins them.
struct SweepJob {
    var scenario: String
    /// The `--set` overrides, passed on to every shard.
    var set: [String]
    var grid: [(path: String, values: [String])]
    var seeds: String
    var metrics: [String]
    var jobs: Int
    var image: String
    var shards: Int
    var parallelism: Int
    var claim: String

    init(_ arguments: ParsedArguments, grid: [(path: String, values: [String])]) throws(UsageError) {
        guard let image = arguments.value("--image"), !image.isEmpty else { throw UsageError(message: "--emit-job needs --image IMAGE") }
        guard let shardText = arguments.value("--shards"), let shards = Int(shardText), shards >= 1, shards <= 100_000 else {
            throw UsageError(message: "--emit-job needs --shards N, from 1 to 100000")
        }
        guard let claim = arguments.value("--claim"), !claim.isEmpty else {
            throw UsageError(message: "--emit-job needs --claim NAME, the PersistentVolumeClaim the shards write their results to")
        }
        var parallelism = shards
        if let text = arguments.value("--parallelism") {
            guard let value = Int(text), value >= 1 else { throw UsageError(message: "--parallelism takes a positive number, not '\(text)'") }
            parallelism = min(value, shards)
        }
        scenario = arguments.positionals[0]
        set = try arguments.overrides().map { $0.path + "=" + $0.value }
        self.grid = grid
        let seedList = try arguments.seedRange()
        seeds = "\(seedList[0])..\(seedList[seedList.count - 1])"
        metrics = arguments.values("--metric")
        jobs = arguments.value("--jobs").flatMap(Int.init) ?? 1
        self.image = image
        self.shards = shards
        self.parallelism = parallelism
        self.claim = claim
    }

    /// A YAML scalar in double quotes.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The manifest, as YAML.
    var manifest: String {
        var command = ["kubesim", "sweep", scenario]
        for override in set { command += ["--set", override] }
        for dimension in grid { command += ["--grid", dimension.path + "=" + dimension.values.joined(separator: ",")] }
        command += ["--seeds", seeds, "--jobs", String(jobs)]
        for metric in metrics { command += ["--metric", metric] }
        command += ["--shard", String(shards), "--quiet", "--out", "/results/shard-$(JOB_COMPLETION_INDEX)"]
        let name = "kubesim-sweep-" + String(scenario.split(separator: "/").last?.split(separator: ".").first ?? "scenario").lowercased()
        return """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: \(Self.quoted(String(name.prefix(52))))
            spec:
              completionMode: Indexed
              completions: \(shards)
              parallelism: \(parallelism)
              backoffLimit: \(shards * 2)
              template:
                metadata:
                  labels: {app: kubesim-sweep}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: sweep
                    image: \(Self.quoted(image))
                    command: [\(command.map(Self.quoted).joined(separator: ", "))]
                    resources:
                      requests: {cpu: "\(jobs)", memory: 1Gi}
                    volumeMounts:
                    - {name: results, mountPath: /results}
                  volumes:
                  - name: results
                    persistentVolumeClaim: {claimName: \(Self.quoted(claim))}
            """
    }
}
