import Foundation
import SimCore
import TestSupport
import Testing

@testable import SimCLI

/// `metrics.om`: the writer against expositions worked out by hand, the CLI end to end, and
/// Prometheus' own promtool loading what kubesim writes.
@Suite("OpenMetrics")
struct OpenMetricsTests {
    /// 2025-03-03T09:30:00+01:00 = 08:30 UTC: 2025-03-03 is day 20,150 since 1970-01-01
    /// (2024-01-01 is day 19,723, 2024 has 366 days, then 31 + 28 + 2), so
    /// 20,150 × 86,400 + 8.5 × 3,600 = 1,740,990,600 s.
    static let epoch: Int64 = 1_740_990_600_000

    @Test("a small series: one family per metric, each series whole and in time order, stamped from the epoch")
    func handWorked() {
        var series = TimeSeries()
        let web = series.index(of: .object(ObjectReference(kind: "Deployment", namespace: "shop", name: "web")))
        let api = series.index(of: .object(ObjectReference(kind: "Deployment", namespace: "shop", name: "api")))
        for (time, nodes, evicted, webReplicas, ratio) in [(SimTime(0), 3.0, 0.0, 2.0, 0.25), (60_000, 2, 1, 3, 0.5)] {
            series.record(time, MetricCatalog.nodes, .cluster, nodes)
            series.record(time, MetricCatalog.podsEvicted, .cluster, evicted)
            series.record(time, MetricCatalog.deploymentSpecReplicas, web, webReplicas)
            series.record(time, MetricCatalog.deploymentSpecReplicas, api, 1)
            series.record(time, MetricCatalog.poolCPURequestedRatio, .nodePool("general"), ratio)
        }
        series.record(90_500, MetricCatalog.nodes, .cluster, 2)
        series.record(90_500, MetricCatalog.deploymentSpecReplicas, web, 3)
        // The epoch plus 0 s, 60 s and 90.5 s: 1740990600, 1740990660, 1740990690.5. The counter's
        // family drops `_total`, which its samples carry; only the ratio has a unit.
        #expect(
            OpenMetrics.text(series, epoch: Self.epoch) == """
                # TYPE kubesim_cluster_nodes gauge
                # HELP kubesim_cluster_nodes nodes in the cluster
                kubesim_cluster_nodes 3 1740990600
                kubesim_cluster_nodes 2 1740990660
                kubesim_cluster_nodes 2 1740990690.5
                # TYPE kubesim_cluster_pods_evicted counter
                # HELP kubesim_cluster_pods_evicted pods evicted since the start, as `pods.evicted` in the summary (a counter)
                kubesim_cluster_pods_evicted_total 0 1740990600
                kubesim_cluster_pods_evicted_total 1 1740990660
                # TYPE kube_deployment_spec_replicas gauge
                # HELP kube_deployment_spec_replicas `spec.replicas`
                kube_deployment_spec_replicas{namespace="shop",deployment="web"} 2 1740990600
                kube_deployment_spec_replicas{namespace="shop",deployment="web"} 3 1740990660
                kube_deployment_spec_replicas{namespace="shop",deployment="web"} 3 1740990690.5
                kube_deployment_spec_replicas{namespace="shop",deployment="api"} 1 1740990600
                kube_deployment_spec_replicas{namespace="shop",deployment="api"} 1 1740990660
                # TYPE kubesim_nodepool_cpu_requested_ratio gauge
                # UNIT kubesim_nodepool_cpu_requested_ratio ratio
                # HELP kubesim_nodepool_cpu_requested_ratio as the cluster ratio, for the pool's Ready nodes
                kubesim_nodepool_cpu_requested_ratio{node_pool="general"} 0.25 1740990600
                kubesim_nodepool_cpu_requested_ratio{node_pool="general"} 0.5 1740990660
                # EOF

                """)
    }

    @Test("an empty series is just # EOF")
    func empty() {
        #expect(OpenMetrics.text(TimeSeries(), epoch: 0) == "# EOF\n")
    }

    @Test("backslashes, double quotes and line feeds are escaped in # HELP and label values")
    func escaping() {
        #expect(OpenMetrics.escaped(#"say "hi" \ then"# + "\nmore") == #"say \"hi\" \\ then\nmore"#)
        #expect(OpenMetrics.escaped("plain ÷ − text") == "plain ÷ − text")
        var series = TimeSeries()
        let odd = MetricDescriptor("kubesim_test_nodes", .gauge, .nodePool, unit: "nodes", help: "a \"quoted\"\nhelp \\")
        series.record(1_000, odd, .nodePool("a\"b\\c\nd"), 1)
        #expect(
            OpenMetrics.text(series, epoch: 0) == """
                # TYPE kubesim_test_nodes gauge
                # HELP kubesim_test_nodes a \\"quoted\\"\\nhelp \\\\
                kubesim_test_nodes{node_pool="a\\"b\\\\c\\nd"} 1 1
                # EOF

                """)
    }

    @Test(
        "objects become kube-state-metrics' labels: namespace and one named after the kind",
        arguments: [
            ("Deployment", "deployment"), ("ReplicaSet", "replicaset"), ("StatefulSet", "statefulset"), ("DaemonSet", "daemonset"),
            ("Job", "job_name"), ("CronJob", "cronjob"), ("Service", "service"), ("HorizontalPodAutoscaler", "horizontalpodautoscaler"),
        ])
    func labels(kind: String, label: String) {
        let object = SeriesObject.object(ObjectReference(kind: kind, namespace: "shop", name: "x-1"))
        #expect(OpenMetrics.labelText(object) == "{namespace=\"shop\",\(label)=\"x-1\"}")
    }

    @Test("the cluster has no labels and a pool its node_pool")
    func clusterAndPoolLabels() {
        #expect(OpenMetrics.labelText(.cluster) == "")
        #expect(OpenMetrics.labelText(.nodePool("general")) == "{node_pool=\"general\"}")
    }

    @Test("# UNIT: ratio for fractions and cores for CPU, only where the name ends with it; counts and rates have none")
    func units() {
        #expect(OpenMetrics.unit(of: MetricCatalog.cpuRequestedRatio) == "ratio")
        #expect(OpenMetrics.unit(of: MetricCatalog.poolMemoryRequestedRatio) == "ratio")
        #expect(OpenMetrics.unit(of: MetricCatalog.cpuUsage) == "cores")
        for metric in [
            MetricCatalog.nodes, MetricCatalog.podsEvicted, MetricCatalog.deploymentSpecReplicas, MetricCatalog.cronJobActive,
            MetricCatalog.cronJobLastScheduleTime, MetricCatalog.requestsOffered, MetricCatalog.hpaMetricTemplate,
        ] {
            #expect(OpenMetrics.unit(of: metric) == nil, "\(metric.name)")
        }
        // A fraction whose name does not end with _ratio gets no # UNIT rather than a wrong one.
        #expect(OpenMetrics.unit(of: MetricDescriptor("kubesim_x_fraction", .gauge, .cluster, unit: "fraction", help: "")) == nil)
        for metric in MetricCatalog.all {
            if let unit = OpenMetrics.unit(of: metric) { #expect(OpenMetrics.familyName(of: metric).hasSuffix("_" + unit)) }
        }
    }

    @Test("every catalog name is a valid family name; counters end with _total and no gauge with another type's suffix")
    func names() throws {
        let valid = try Regex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")
        for metric in MetricCatalog.all where !metric.name.contains("<") {
            let family = OpenMetrics.familyName(of: metric)
            #expect(family.wholeMatch(of: valid) != nil, "\(family)")
            switch metric.type {
            case .counter: #expect(metric.name == family + "_total", "\(metric.name)")
            case .gauge:
                for suffix in ["_total", "_created", "_count", "_sum", "_bucket", "_info", "_gcount", "_gsum"] {
                    #expect(!family.hasSuffix(suffix), "\(family) ends with \(suffix)")
                }
            }
        }
        // An HPA metric named with letters outside ASCII (the CSV keeps them) is cleaned.
        #expect(
            OpenMetrics.familyName(of: MetricCatalog.hpaMetricTemplate.renamed("kubesim_hpa_metric_pods_größe_value"))
                == "kubesim_hpa_metric_pods_gr__e_value")
    }

    @Test("two metrics whose names clean alike are one family, with one sample per series and instant (the first)")
    func collidingNames() {
        var series = TimeSeries()
        let hpa = series.index(of: .object(ObjectReference(kind: "HorizontalPodAutoscaler", namespace: "default", name: "web")))
        let first = MetricCatalog.hpaMetricTemplate.renamed("kubesim_hpa_metric_pods_größe_value")
        let second = MetricCatalog.hpaMetricTemplate.renamed("kubesim_hpa_metric_pods_gr__e_value")
        series.record(0, first, hpa, 1)
        series.record(0, second, hpa, 2)
        series.record(15_000, second, hpa, 5)
        #expect(
            OpenMetrics.text(series, epoch: SimulationSetup.defaultStartTime) == """
                # TYPE kubesim_hpa_metric_pods_gr__e_value gauge
                # HELP kubesim_hpa_metric_pods_gr__e_value a metric's value as the last sync read it; no row while the HPA has no value for it
                kubesim_hpa_metric_pods_gr__e_value{namespace="default",horizontalpodautoscaler="web"} 1 1704067200
                kubesim_hpa_metric_pods_gr__e_value{namespace="default",horizontalpodautoscaler="web"} 5 1704067215
                # EOF

                """)
    }

    @Test("values as timeseries.csv prints them, non-finite ones as OpenMetrics does; timestamps in seconds, before 1970 too")
    func numbers() {
        #expect(OpenMetrics.number(3) == "3")
        #expect(OpenMetrics.number(0.1234567) == "0.123457")
        #expect(OpenMetrics.number(-2.5) == "-2.5")
        #expect(OpenMetrics.number(.nan) == "NaN")
        #expect(OpenMetrics.number(.infinity) == "+Inf")
        #expect(OpenMetrics.number(-.infinity) == "-Inf")
        #expect(OpenMetrics.timestamp(1_704_067_200_000) == "1704067200")
        #expect(OpenMetrics.timestamp(1_704_067_200_250) == "1704067200.25")
        // An epoch of 1969-12-31T23:59:59Z (-1,000 ms) plus 0.5 s of simulated time.
        #expect(OpenMetrics.timestamp(-1_000 + 500) == "-0.5")
    }

    @Test("export reads back every kind of object and the HPA series, and refuses what kubesim did not write")
    func readingCSV() throws {
        let text = """
            time,metric,object,value
            0,kubesim_cluster_nodes,cluster,3
            0,kubesim_nodepool_nodes,"NodePool/a""b",3
            12.5,kube_job_status_active,Job/batch/report-1,2
            12.5,kubesim_hpa_target_resource_cpu_utilization,HorizontalPodAutoscaler/default/web,60

            """
        let series = try TimeSeriesCSV.read(text, file: "t.csv")
        #expect(series.count == 4)
        #expect(series.times == [0, 0, 12_500, 12_500])
        #expect(series.objects.map(\.column) == ["cluster", "NodePool/a\"b", "Job/batch/report-1", "HorizontalPodAutoscaler/default/web"])
        #expect(series.descriptors.last?.help == MetricCatalog.hpaTargetTemplate.help)
        func failure(_ csv: String) -> String {
            do {
                _ = try TimeSeriesCSV.read(csv, file: "t.csv")
                return "no error"
            } catch { return error.description }
        }
        let header = "time,metric,object,value\n"
        #expect(failure("a,b\n").hasPrefix("t.csv:1:1: error: the header is not time,metric,object,value"))
        #expect(failure("").hasPrefix("t.csv:1:1: error: the file is empty"))
        #expect(failure(header + "0,kubesim_cluster_nodez,cluster,3\n").hasPrefix("t.csv:2:3: error: unknown metric \"kubesim_cluster_nodez\""))
        #expect(failure(header + "0,kubesim_cluster_nodes,Pod/x,3\n").hasPrefix("t.csv:2:25: error: the object \"Pod/x\" is not"))
        #expect(failure(header + "1m,kubesim_cluster_nodes,cluster,3\n").hasPrefix("t.csv:2:1: error: the time \"1m\" is not seconds"))
        #expect(failure(header + "0,kubesim_cluster_nodes,cluster,three\n").hasPrefix("t.csv:2:33: error: the value \"three\" is not a number"))
        #expect(
            failure(header + "5,kubesim_cluster_nodes,cluster,3\n4,kubesim_cluster_nodes,cluster,3\n").hasPrefix(
                "t.csv:3:1: error: the rows are not in time order"))
        #expect(failure(header + "0,kubesim_cluster_nodes,\"cluster,3\n").hasPrefix("t.csv:2:25: error: a quoted field is never closed"))
        #expect(TimeSeriesCSV.milliseconds("0.001") == 1)
        #expect(TimeSeriesCSV.milliseconds("-1.25") == -1_250)
        #expect(TimeSeriesCSV.milliseconds("1.2345") == nil)
        #expect(TimeSeriesCSV.milliseconds(".5") == nil)
    }

    @Test("the test's own check of an exposition finds what promtool or the specification would refuse")
    func checkerFindsProblems() {
        let good = "# TYPE a gauge\n# UNIT a_ratio ratio\na{x=\"1\"} 1 1\n# EOF\n"
        #expect(Self.problems(in: good).count == 1, "UNIT of another family")
        #expect(Self.problems(in: "# TYPE a gauge\na 1 1\n").count == 1, "no # EOF")
        #expect(Self.problems(in: "# TYPE a gauge\na{x=\"1\"} 1 1\na{x=\"2\"} 1 1\na{x=\"1\"} 1 2\n# EOF\n").count == 1, "interleaved")
        #expect(Self.problems(in: "# TYPE a gauge\na 1 2\na 1 2\n# EOF\n").count == 1, "same timestamp twice")
        #expect(Self.problems(in: "# TYPE a counter\na 1 2\n# EOF\n").count == 1, "a counter's sample without _total")
        #expect(Self.problems(in: "# TYPE a gauge\na{x=\"a\"b\"} 1 2\n# EOF\n").count == 1, "unescaped quote")
        #expect(Self.problems(in: "# TYPE a gauge\n# TYPE a gauge\n# EOF\n").count == 1, "a family twice")
        #expect(Self.problems(in: "# TYPE a_ratio gauge\n# UNIT a_ratio ratio\n# HELP a_ratio x \\\" y\na_ratio{x=\"\\n\"} NaN -1.5\n# EOF\n") == [])
    }

    // MARK: The command line

    @Test("run --format openmetrics writes metrics.om beside the CSVs: valid, every sample, stamped from the scenario's start")
    func runWritesMetrics() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--quiet", "--format", "openmetrics", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(folder.files() == ["events.csv", "metrics.om", "placements.csv", "summary.json", "timeseries.csv"])
        let text = try String(contentsOfFile: folder.path + "/metrics.om", encoding: .utf8)
        #expect(Self.problems(in: text) == [])
        let csv = try String(contentsOfFile: folder.path + "/timeseries.csv", encoding: .utf8)
        #expect(Self.sampleCount(text) == csv.split(separator: "\n").count - 1)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines.prefix(3) == [
                "# TYPE kubesim_cluster_nodes gauge", "# HELP kubesim_cluster_nodes nodes in the cluster", "kubesim_cluster_nodes 9 1704067200",
            ])
        #expect(lines.contains("kube_deployment_spec_replicas{namespace=\"shop\",deployment=\"frontend\"} 6 1704070800"))
        #expect(lines.contains("# UNIT kubesim_workload_cpu_usage_cores cores") || !csv.contains("kubesim_workload_cpu_usage_cores"))
        #expect(lines.last == "# EOF")
    }

    @Test("--epoch moves every timestamp; without --format nothing changes")
    func epochOption() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run([
            "run", "scenarios/quickstart.yaml", "--quiet", "--format", "openmetrics", "--epoch", "2025-03-03T09:30:00+01:00", "--out", folder.path,
        ])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let text = try String(contentsOfFile: folder.path + "/metrics.om", encoding: .utf8)
        #expect(text.split(separator: "\n")[2] == "kubesim_cluster_nodes 9 1740990600")
    }

    @Test(
        "--format other than openmetrics, --epoch without it, and a bad epoch are usage errors",
        arguments: [
            (["--format", "csv"], "--format must be openmetrics"), (["--epoch", "2025-03-03T00:00:00Z"], "--epoch is for metrics.om"),
            (["--format", "openmetrics", "--epoch", "2025-02-30T00:00:00Z"], "is not a real date and time"),
            (["--format", "openmetrics", "--epoch", "yesterday"], "--epoch must be an RFC 3339 time"),
        ])
    func usageErrors(options: [String], message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try KubesimBinary.run(["run", "scenarios/quickstart.yaml", "--out", folder.path + "/out"] + options)
        #expect(result.status == 2)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    @Test("export writes from timeseries.csv the metrics.om that run --format openmetrics writes")
    func export() throws {
        let plain = try TemporaryFolder(), direct = try TemporaryFolder()
        defer {
            plain.remove()
            direct.remove()
        }
        let epoch = ["--epoch", "2025-03-03T00:00:00Z"]
        #expect(try KubesimBinary.run(["run", "scenarios/nightly-batch.yaml", "--quiet", "--out", plain.path]).status == 0)
        #expect(
            try KubesimBinary.run(["run", "scenarios/nightly-batch.yaml", "--quiet", "--format", "openmetrics", "--out", direct.path]).status == 0)
        let exported = try KubesimBinary.run(["export", plain.path] + epoch)
        #expect(exported.status == 0, "stderr: \(exported.standardError)")
        #expect(exported.standardOutput.hasPrefix("kubesim: wrote \(plain.path)/metrics.om ("))
        #expect(plain.files() == ["events.csv", "metrics.om", "placements.csv", "summary.json", "timeseries.csv"])
        let fromCSV = try String(contentsOfFile: plain.path + "/metrics.om", encoding: .utf8)
        #expect(fromCSV == (try String(contentsOfFile: direct.path + "/metrics.om", encoding: .utf8)))

        let missing = try KubesimBinary.run(["export", plain.path + "/nowhere"])
        #expect(missing.status == 1)
        #expect(
            missing.standardError
                == "kubesim export: error: \(plain.path)/nowhere holds no timeseries.csv: export reads the output folder of kubesim run (reports/<scenario name> by default)\n"
        )
        #expect(try KubesimBinary.run(["export"]).status == 2)
    }

    @Test(
        "promtool loads metrics.om into TSDB blocks and keeps every sample",
        .enabled(if: Promtool.path != nil, "promtool is not installed (Debian: apt-get install prometheus); the check is skipped"),
        arguments: ["scenarios/quickstart.yaml", "scenarios/nightly-batch.yaml", "scenarios/platform-zone-outage.yaml"])
    func promtool(scenario: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try KubesimBinary.run(["run", scenario, "--quiet", "--format", "openmetrics", "--out", folder.path + "/out"])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let text = try String(contentsOfFile: folder.path + "/out/metrics.om", encoding: .utf8)
        let result = try Promtool.createBlocks(folder.path + "/out/metrics.om", into: folder.path + "/blocks")
        #expect(result.status == 0, "promtool: \(result.output)")
        // promtool drops a sample that is out of time order in its series without an error, so
        // the samples in its blocks must be all the file's.
        #expect(Promtool.samples(in: result.output) == Self.sampleCount(text), "promtool: \(result.output)")
    }

    // MARK: Helpers

    /// The lines of `text` that are samples.
    static func sampleCount(_ text: String) -> Int { text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count }

    /// What is wrong with `text` as an exposition of gauges and counters, per the OpenMetrics
    /// ABNF and rules: metadata only for the family that follows, each family once, each series
    /// whole, its timestamps increasing, `# EOF` at the end.
    static func problems(in text: String) -> [String] {
        let name = #"[a-zA-Z_:][a-zA-Z0-9_:]*"#, value = #""(?:[^"\\\n]|\\[\\"n])*""#
        let label = #"[a-zA-Z_][a-zA-Z0-9_]*="# + value
        let metadata = try? Regex(#"^# (TYPE|UNIT|HELP) ("# + name + #") (.*)$"#)
        let sample = try? Regex(
            "^(" + name + ")(\\{" + label + "(?:," + label + ")*\\})? (-?[0-9]+(?:\\.[0-9]+)?(?:e[+-]?[0-9]+)?|NaN|[+-]Inf) (-?[0-9]+(?:\\.[0-9]+)?)$"
        )
        guard let metadata, let sample else { return ["the test's patterns do not compile"] }
        var problems: [String] = []
        guard text.hasSuffix("# EOF\n") else { return ["does not end with # EOF"] }
        var families = Set<String>(), family = "", type = "", finished = Set<String>(), current = "", last = -Double.infinity
        for (index, line) in text.dropLast("# EOF\n".count).split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let place = "line \(index + 1): \(line)"
            if let match = try? metadata.wholeMatch(in: line), let keyword = match[1].substring, let metric = match[2].substring,
                let rest = match[3].substring
            {
                if keyword == "TYPE" {
                    family = String(metric)
                    type = String(rest)
                    if !families.insert(family).inserted { problems.append("\(place): a second family of that name") }
                    if type != "gauge" && type != "counter" { problems.append("\(place): unexpected type") }
                } else if metric != family {
                    problems.append("\(place): metadata of another family than the TYPE before it")
                } else if keyword == "UNIT" && !family.hasSuffix("_" + rest) {
                    problems.append("\(place): the name does not end with the unit")
                } else if keyword == "HELP" && (try? Regex(#"^(?:[^"\\\n]|\\[\\"n])*$"#).wholeMatch(in: rest)) == nil {
                    problems.append("\(place): HELP not escaped")
                }
            } else if let match = try? sample.wholeMatch(in: line), let metric = match[1].substring,
                let timestamp = match[4].substring.flatMap({ Double($0) })
            {
                if metric != (type == "counter" ? family + "_total" : family) { problems.append("\(place): sample of another family") }
                let series = String(line.prefix { $0 != " " })
                if series != current {
                    if !current.isEmpty { finished.insert(current) }
                    if finished.contains(series) { problems.append("\(place): a series seen before, interleaved") }
                    current = series
                    last = -.infinity
                }
                if timestamp <= last { problems.append("\(place): timestamp not after the previous one") }
                last = timestamp
            } else {
                problems.append("\(place): neither metadata nor a sample")
            }
        }
        return problems
    }
}

extension MetricDescriptor {
    /// The same metric under another name, as the HPA series are named.
    fileprivate func renamed(_ name: String) -> MetricDescriptor { MetricDescriptor(name, type, subject, unit: unit, help: help) }
}

/// Prometheus' promtool, when it is installed.
enum Promtool {
    /// promtool on the PATH, or nil.
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { $0 + "/promtool" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `promtool tsdb create-blocks-from openmetrics FILE FOLDER`: its exit status and what
    /// it printed (a table of the blocks it made, or its error).
    static func createBlocks(_ file: String, into folder: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "promtool")
        process.arguments = ["tsdb", "create-blocks-from", "openmetrics", file, folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The samples of the blocks in promtool's table (`BLOCK ULID  MIN TIME  MAX TIME  DURATION
    /// NUM SAMPLES …`, one row per block), or nil when there is no such table.
    static func samples(in output: String) -> Int? {
        let lines = output.split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("BLOCK ULID") && $0.contains("NUM SAMPLES") }) else { return nil }
        var total = 0
        for row in lines[(header + 1)...] {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count >= 5, let samples = Int(columns[4]) else { return nil }
            total += samples
        }
        return total
    }
}
