import Foundation
import TestSupport
import Testing

/// `kubesim report DIR`, driven as a user drives it: on a run's folder, on the folders of a
/// comparison and a sweep (fixtures in ReportFixtures/, copied so the repository is not written
/// to), and on folders it cannot read.
@Suite("kubesim report")
struct ReportCommandTests {
    /// How many times `fragment` occurs in `text`.
    static func count(_ fragment: String, in text: String) -> Int {
        text.components(separatedBy: fragment).count - 1
    }

    /// The chart titles of a report, in order.
    static func chartTitles(_ html: String) -> [String] {
        html.components(separatedBy: "<section class=\"chart\"><h3>").dropFirst().compactMap { $0.components(separatedBy: "</h3>").first }
    }

    /// A copy of fixture folder `name` in `folder`.
    static func copyFixture(_ name: String, into folder: TemporaryFolder) throws -> String {
        let target = folder.path + "/" + name
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/SimCLITests/ReportFixtures/" + name, toPath: target)
        return target
    }

    /// Checks what every report must be: one page that fetches nothing.
    static func expectSelfContained(_ html: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        // The one address is the SVG namespace, which is a name, not a download.
        #expect(
            html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "https?://", options: .regularExpression) == nil
        )
    }

    @Test("a run's folder gives charts of the cluster, the HPA and the traffic, with the fault and the rescales marked")
    func runFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.path + "/zone-outage"
        let run = try KubesimBinary.run(["run", "scenarios/zone-outage-at-peak.yaml", "--quiet", "--out", out])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let result = try KubesimBinary.run(["report", out])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput == "kubesim report: wrote \(out)/report.html\n")
        // report.html is added; the run's files are left as they were.
        #expect(folder.files(in: "zone-outage") == ["events.csv", "placements.csv", "report.html", "summary.json", "timeseries.csv"])
        #expect(folder.files() == ["zone-outage"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        Self.expectSelfContained(html)
        #expect(html.contains("<h1>zone-outage-at-peak</h1>"))
        #expect(
            Self.chartTitles(html) == [
                "Nodes", "Pods", "Requested CPU and memory", "Pending pods", "HPA web/storefront: replicas and traffic",
                "Requests to Service/web/storefront", "Availability of Service/web/storefront", "Deployments: available ÷ desired replicas",
            ])
        #expect(Self.count("<svg", in: html) == 8)
        #expect(Self.count("<polyline", in: html) >= 14)
        // Every chart has a line of many points.
        for svg in html.components(separatedBy: "<svg").dropFirst() {
            let points = svg.components(separatedBy: "points=\"").dropFirst().map { $0.prefix { $0 != "\"" }.split(separator: " ").count }
            #expect((points.max() ?? 0) >= 100)
        }
        // The zone outage (at 45m, in summary.json) is marked and labelled on every chart, with
        // its band until the cluster recovered; the HPA's rescales stand on the time axes.
        #expect(Self.count(">zoneOutage zone-b</text>", in: html) == 8)
        #expect(html.contains("45m: zoneOutage zone-b</title>"))
        #expect(html.contains("zoneOutage zone-b: recovered after 6m32s</title>"))
        #expect(html.contains("HPA web/storefront: New size: "))
        // The key figures and the tables.
        #expect(html.contains("<dt>Faults</dt><dd>1 <small>longest recovery 6m32s</small></dd>"))
        #expect(html.contains("<td>Service/web/storefront</td><td class=\"n\">99.73 %</td>"))
        #expect(html.contains("<td class=\"pass\">✓ passed</td><td>availability</td>"))
    }

    @Test("a report is the same for the same folder, and replaces the previous one")
    func deterministic() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.path + "/spike"
        #expect(try KubesimBinary.run(["run", "scenarios/traffic-spike.yaml", "--quiet", "--out", out]).status == 0)
        #expect(try KubesimBinary.run(["report", out, "--quiet"]).standardOutput.isEmpty)
        let first = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(try KubesimBinary.run(["report", out]).status == 0)
        #expect(try String(contentsOfFile: out + "/report.html", encoding: .utf8) == first)
        #expect(first.contains("<h1>traffic-spike</h1>"))
        #expect(!first.contains(">fault"))
    }

    @Test("a folder given as . is the current folder, for report as for run --out")
    func currentFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try KubesimBinary.run(["run", repositoryRoot + "/scenarios/quickstart.yaml", "--quiet", "--out", "."], in: folder.path)
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let report = try KubesimBinary.run(["report", "."], in: folder.path)
        #expect(report.status == 0, "stderr: \(report.standardError)")
        #expect(report.standardOutput == "kubesim report: wrote ./report.html\n")
        #expect(folder.files() == ["events.csv", "placements.csv", "report.html", "summary.json", "timeseries.csv"])
    }

    @Test("a comparison's folder gives one chart per metric, each variant's interval, the baseline marked")
    func compareFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let compare = try Self.copyFixture("compare", into: folder)
        let result = try KubesimBinary.run(["report", compare])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let html = try String(contentsOfFile: compare + "/report.html", encoding: .utf8)
        Self.expectSelfContained(html)
        #expect(html.contains("<h1>quickstart</h1>"))
        #expect(
            Self.chartTitles(html) == [
                "cluster.cpuRequestedRatio.max", "cluster.cost", "workloads[Deployment/shop/frontend].availability",
                "cluster.schedulingLatencySeconds.p99",
            ])
        #expect(Self.count("<svg", in: html) == 4)
        // Three variants per chart: a dot each, the baseline's hollow and named bold.
        #expect(Self.count("<circle", in: html) == 12)
        #expect(Self.count("fill=\"#FFFFFF\"", in: html) == 4)
        #expect(Self.count("font-weight=\"bold\">baseline</text>", in: html) == 4)
        #expect(html.contains(">Δ -0.06 [-0.07, -0.05]</text>"))
        #expect(html.contains("<td>spec.cluster.nodePools[general].count=12</td>"))
        #expect(html.contains("<td class=\"fail\">✗ 2/3 runs</td>"))
        #expect(html.contains("<dt>Every expectation met</dt><dd>2 of 3 variants"))
    }

    @Test("a sweep's folder gives one chart per metric, a row per grid point")
    func sweepFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sweep = try Self.copyFixture("sweep", into: folder)
        let result = try KubesimBinary.run(["report", sweep])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let html = try String(contentsOfFile: sweep + "/report.html", encoding: .utf8)
        Self.expectSelfContained(html)
        #expect(
            Self.chartTitles(html) == ["cluster.cpuRequestedRatio.max", "workloads[Deployment/shop/frontend].availability", "cluster.cost"])
        #expect(Self.count("<circle", in: html) == 18)
        #expect(html.contains(">count=2, max=1200</text>"))
        #expect(html.contains("<td>count</td><td>spec.cluster.nodePools[general].count</td>"))
        // Without sweep.json the page is named after the folder; with it, after the scenario.
        #expect(html.contains("<h1>sweep</h1>"))
        _ = try folder.write("sweep/sweep.json", #"{"scenario": "quickstart", "grid": [], "seeds": [1]}"#)
        #expect(try KubesimBinary.run(["report", sweep, "--quiet"]).status == 0)
        #expect(try String(contentsOfFile: sweep + "/report.html", encoding: .utf8).contains("<h1>quickstart</h1>"))
    }

    @Test("a sweep metric with no value at some grid points is drawn where it has one; with none anywhere it is not drawn")
    func sweepWithoutValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A drain that finishes only with 40 minutes has a time to recover there alone; the
        // second fault never recovers at all.
        try folder.write(
            "sweep/sweep-summary.csv",
            """
            spec.duration,metric,n,mean,ci95_low,ci95_high
            30m,faults[0].recoverySeconds,0,,,
            40m,faults[0].recoverySeconds,2,612,600,624
            30m,faults[1].recoverySeconds,0,,,
            40m,faults[1].recoverySeconds,0,,,

            """)
        let result = try KubesimBinary.run(["report", folder.path + "/sweep"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let html = try String(contentsOfFile: folder.path + "/sweep/report.html", encoding: .utf8)
        #expect(Self.chartTitles(html) == ["faults[0].recoverySeconds", "faults[1].recoverySeconds"])
        #expect(Self.count("<circle", in: html) == 1)
        #expect(html.contains(">no value</text>") && html.contains(">n = 2</text>"))
        #expect(html.contains("<p class=\"note\">Not drawn: no run has a value for this metric"))
        try folder.write("sweep/sweep-summary.csv", "spec.duration,metric,n,mean,ci95_low,ci95_high\n30m,cost,2,cheap,,\n")
        let broken = try KubesimBinary.run(["report", folder.path + "/sweep"])
        #expect(broken.status == 1)
        #expect(broken.standardError == "\(folder.path)/sweep/sweep-summary.csv:2: error: the mean is not a number\n")
    }

    @Test("a capacity search's folder gives the answer, the evidence, and a chart per expectation against its bound")
    func capacityFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let capacity = try Self.copyFixture("capacity", into: folder)
        let result = try KubesimBinary.run(["report", capacity])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let html = try String(contentsOfFile: capacity + "/report.html", encoding: .utf8)
        Self.expectSelfContained(html)
        #expect(html.contains("<dt>Answer</dt><dd>count = 3"))
        #expect(html.contains("<dt>Values tried</dt><dd>4 <small>2, 3, 5, 10</small>"))
        #expect(Self.chartTitles(html) == ["pods.pendingAtEnd == 0", "availability of Deployment/shop/frontend &gt;= 0.99"])
        // Four values tried, a dot each per expectation: 2 fails both (red), 3, 5 and 10 pass (green).
        #expect(Self.count("<circle", in: html) == 8)
        #expect(Self.count("fill=\"#C0392B\"", in: html) == 2)
        #expect(Self.count("fill=\"#009E73\"", in: html) == 6)
        // Each bound is a dashed line, named in the axis caption.
        #expect(Self.count("<title>expectation: ", in: html) == 2)
        #expect(html.contains("dashed red line: the expectation &gt;= 0.99"))
        #expect(html.contains(">count = 3 (answer)</text>"))
        #expect(html.contains("<td class=\"fail\">✗ fails</td>"))
    }

    @Test("a folder with none of the files, a missing folder or a broken file exits 1 and writes nothing")
    func errors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("empty/notes.txt", "nothing to draw\n")
        let empty = try KubesimBinary.run(["report", folder.path + "/empty"])
        #expect(empty.status == 1)
        #expect(
            empty.standardError
                == "kubesim report: error: \(folder.path)/empty holds no summary.json (a run's folder), compare.json (kubesim compare's), sweep-summary.csv (kubesim sweep's) or capacity.json (kubesim capacity's)\n"
        )
        #expect(folder.files(in: "empty") == ["notes.txt"])
        #expect(folder.files() == ["empty"])

        let missing = try KubesimBinary.run(["report", folder.path + "/nowhere"])
        #expect(missing.status == 1)
        #expect(missing.standardError == "kubesim report: error: \(folder.path)/nowhere: no such folder\n")

        try folder.write("broken/compare.json", "{\"scenario\": \"x\",\n  \"metrics\": [1, 2,]\n}\n")
        let broken = try KubesimBinary.run(["report", folder.path + "/broken"])
        #expect(broken.status == 1)
        #expect(broken.standardError == "\(folder.path)/broken/compare.json:2:20: error: unexpected character ']'\n")
        #expect(folder.files(in: "broken") == ["compare.json"])

        try folder.write("sweep/sweep-summary.csv", "count,metric,mean\n3,cost,1\n")
        let sweep = try KubesimBinary.run(["report", folder.path + "/sweep"])
        #expect(sweep.status == 1)
        #expect(sweep.standardError.hasPrefix("\(folder.path)/sweep/sweep-summary.csv:1: error: the header must be"))

        let usage = try KubesimBinary.run(["report"])
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("report takes exactly one folder"))
    }
}
