import Foundation
import TestSupport
import Testing

@testable import SimCLI

/// The report's drawing: scales, ticks and marker positions worked out by hand, and the readers
/// of the files it draws from.
@Suite("Report charts")
struct ReportChartTests {
    @Test("a linear scale maps the domain onto the pixels, a y scale upside down")
    func linearScale() {
        // 900 s of 0…3600 s onto 64…856 px: 64 + 900 ÷ 3600 × 792 = 262.
        let time = LinearScale(domain: 0, 3600, range: 64, 856)
        #expect(time(900) == 262)
        #expect(time(0) == 64)
        #expect(time(3600) == 856)
        // 2 of 0…8 onto 250…60 px (upwards): 250 + 2 ÷ 8 × (60 − 250) = 202.5.
        let y = LinearScale(domain: 0, 8, range: 250, 60)
        #expect(y(2) == 202.5)
        // A single-point domain maps to the middle of the range.
        #expect(LinearScale(domain: 5, 5, range: 0, 100)(5) == 50)
    }

    @Test("nice axes widen the data to whole steps of 1, 2, 2.5 or 5 times a power of ten")
    func niceAxes() {
        // 0…7.3, 6 ticks: raw step 7.3 ÷ 5 = 1.46 → 2; 0…8.
        let small = NiceAxis(covering: 0, 7.3, maxTicks: 6)
        #expect(small.step == 2)
        #expect(small.ticks == [0, 2, 4, 6, 8])
        #expect(small.ticks.map { small.label($0, format: .number) } == ["0", "2", "4", "6", "8"])
        // 0…2400: raw 480 → 5 × 100 = 500; 0…2500, six ticks, thousands separated.
        let requests = NiceAxis(covering: 0, 2400, maxTicks: 6)
        #expect(requests.step == 500)
        #expect(requests.ticks.map { requests.label($0, format: .number) } == ["0", "500", "1,000", "1,500", "2,000", "2,500"])
        // 0…25,000: step 5,000, and the largest tick has five digits: written in thousands.
        let large = NiceAxis(covering: 0, 23_000, maxTicks: 6)
        #expect(large.ticks.map { large.label($0, format: .number) } == ["0", "5k", "10k", "15k", "20k", "25k"])
        // 0…10 in 5 ticks: raw 2.5 is itself nice; one decimal tells the ticks apart.
        let quarter = NiceAxis(covering: 0, 10, maxTicks: 5)
        #expect(quarter.step == 2.5)
        #expect(quarter.ticks.map { quarter.label($0, format: .number) } == ["0", "2.5", "5.0", "7.5", "10.0"])
        // 0.95…1 as percentages: raw 0.05 ÷ 5 = 0.01 → ticks every percent.
        let availability = NiceAxis(covering: 0.95, 1, maxTicks: 6)
        #expect(availability.ticks.map { availability.label($0, format: .percent) } == ["95%", "96%", "97%", "98%", "99%", "100%"])
        // 0…0.308: raw 0.0616 → 0.1 (the residual 6.16 rounds up to 10); 0…0.4.
        let ratio = NiceAxis(covering: 0, 0.308, maxTicks: 6)
        #expect(ratio.ticks.map { ratio.label($0, format: .percent) } == ["0%", "10%", "20%", "30%", "40%"])
        // All zero: 0…1 in steps of 0.2.
        #expect(NiceAxis(covering: 0, 0, maxTicks: 6).ticks.count == 6)
        // A constant 9 is widened by 5 % each side, 8.55…9.45: raw 0.18 → 0.2; 8.4…9.6.
        let constant = NiceAxis(covering: 9, 9, maxTicks: 6)
        #expect(constant.step == 0.2)
        #expect(abs(constant.lower - 8.4) < 1e-9 && abs(constant.upper - 9.6) < 1e-9)
    }

    @Test("time axes step at durations a person reads, labelled as Go durations")
    func timeAxes() {
        // An hour in at most 9 ticks: 3600 ÷ 8 = 450 s → the next step, 10 minutes.
        let hour = TimeAxis(from: 0, to: 3600)
        #expect(hour.step == 600)
        #expect(hour.ticks.map(hour.label) == ["0", "10m", "20m", "30m", "40m", "50m", "1h"])
        // 90 minutes: 5400 ÷ 8 = 675 s → 15 minutes.
        let ninety = TimeAxis(from: 0, to: 5400)
        #expect(ninety.ticks.map(ninety.label) == ["0", "15m", "30m", "45m", "1h", "1h15m", "1h30m"])
        // A day: 86400 ÷ 8 = 10800 s, exactly 3 hours.
        let day = TimeAxis(from: 0, to: 86_400)
        #expect(day.ticks.map(day.label) == ["0", "3h", "6h", "9h", "12h", "15h", "18h", "21h", "24h"])
        // 30 days: 2,592,000 ÷ 8 = 324,000 s → a week; days from three days on.
        let month = TimeAxis(from: 0, to: 2_592_000)
        #expect(month.ticks.map(month.label) == ["0", "7d", "14d", "21d", "28d"])
    }

    @Test("durations and numbers read as the rest of kubesim writes them")
    func formats() {
        #expect(ReportFormat.duration(0) == "0")
        #expect(ReportFormat.duration(90) == "1m30s")
        #expect(ReportFormat.duration(1.5) == "1.5s")
        #expect(ReportFormat.duration(13_220.929) == "3h40m21s")
        #expect(ReportFormat.duration(2.5 * 86_400, days: true) == "2d12h")
        #expect(ReportFormat.span(2_592_000) == "30d")
        #expect(ReportFormat.fixed(-1234567.891, decimals: 2) == "-1,234,567.89")
        #expect(ReportFormat.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(ReportFormat.number(0.30000000000000004) == "0.3")
        #expect(ReportFormat.percent(0.99935, decimals: 2) == "99.94 %")
    }

    @Test("markup is escaped and coordinates are written to a tenth of a pixel")
    func markup() {
        #expect(Markup.escape("<a & \"b\" 'c'>") == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;")
        #expect(Markup.coordinate(12.04) == "12")
        #expect(Markup.coordinate(12.06) == "12.1")
        #expect(Markup.coordinate(-3.25) == "-3.3")
        #expect(Markup.coordinate(-0.5) == "-0.5")
        #expect(Markup.coordinate(-0.04) == "0")
    }

    /// An hour-long chart with one series from 0 to 8 nodes and one marker of each kind.
    static let hourChart = TimeChart(
        title: "Nodes", start: 0, end: 3600, left: TimeChart.Axis(title: "nodes"),
        series: [TimeChart.Series(name: "nodes", color: Palette.blue, points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 3600, y: 8)])],
        markers: [
            TimeChart.Marker(time: 900, kind: .fault, label: "zoneOutage zone-a", detail: "zoneOutage zone-a", end: 1800),
            TimeChart.Marker(time: 1800, kind: .rescale, label: "", detail: "HPA web/api: New size: 7"),
            TimeChart.Marker(time: 3600, kind: .rollout, label: "rollout web/api", detail: "rollout"),
        ])

    @Test("a time chart places its series and its markers at the right pixels")
    func timeChartGeometry() {
        let chart = Self.hourChart
        // One legend row: the plot starts 14 + 16 + 8 = 38 px down and is 190 px high; without a
        // right axis it spans 64…856 px.
        #expect(chart.layout == TimeChart.Layout(left: 64, right: 856, top: 38, bottom: 228, height: 268))
        let svg = chart.svg()
        // The series: (0 s, 0) at the bottom left, (3600 s, 8) at the top right of a 0…8 axis.
        #expect(svg.contains("points=\"64,228 856,38\""))
        // The fault at 900 s: 64 + 900 ÷ 3600 × 792 = 262, across the plot's height; its band
        // until 1800 s (460 px) is 198 px wide.
        #expect(svg.contains("<line x1=\"262\" y1=\"38\" x2=\"262\" y2=\"228\" stroke=\"\(Palette.fault)\""))
        #expect(svg.contains("<rect x=\"262\" y=\"38\" width=\"198\" height=\"190\""))
        // The rescale at 1800 s: a 9 px tick standing on the time axis at 64 + 396 = 460.
        #expect(svg.contains("<line x1=\"460\" y1=\"219\" x2=\"460\" y2=\"228\" stroke=\"\(Palette.rescale)\""))
        // The rollout at the end, dashed; its label turned to the left of the line.
        #expect(svg.contains("<line x1=\"856\" y1=\"38\" x2=\"856\" y2=\"228\" stroke=\"\(Palette.rollout)\" stroke-width=\"1.5\" stroke-dasharray"))
        #expect(svg.contains("text-anchor=\"end\" fill=\"\(Palette.rollout)\">rollout web/api</text>"))
        // Ticks: 0…8 in steps of 2 on the left, every 10 minutes below.
        for label in ["0", "2", "4", "6", "8", "10m", "50m", "1h"] { #expect(svg.contains(">\(label)</text>")) }
        // The legend names the series and each kind of marker.
        for entry in ["nodes", "fault (shaded until recovered)", "HPA rescale", "rollout"] { #expect(svg.contains(">\(entry)</text>")) }
    }

    @Test("a right axis takes its own series, and charts of one point draw a dot")
    func rightAxis() {
        var chart = Self.hourChart
        chart.right = TimeChart.Axis(title: "requests/s")
        chart.series.append(
            TimeChart.Series(name: "offered", color: Palette.orange, side: .right, points: [ChartPoint(x: 1800, y: 2400)]))
        // The right axis leaves 64 px: the plot spans 64…816 px.
        #expect(chart.layout.right == 816)
        let svg = chart.svg()
        #expect(svg.contains(">2,500</text>"))
        #expect(svg.contains(">offered (right axis)</text>"))
        // 1800 s is the middle of 64…816: 440; 2400 of 0…2500 is 228 − 0.96 × 190 = 45.6.
        #expect(svg.contains("<circle cx=\"440\" cy=\"45.6\""))
    }

    @Test("a step line holds each value until the next sample")
    func stepLine() {
        var chart = Self.hourChart
        chart.series[0].steps = true
        chart.series[0].points = [ChartPoint(x: 0, y: 0), ChartPoint(x: 1800, y: 4), ChartPoint(x: 2700, y: 4), ChartPoint(x: 3600, y: 8)]
        // 4 of 0…8 is 228 − 0.5 × 190 = 133 px; 1800 s is 460 px and 2700 s is 658 px.
        #expect(chart.svg().contains("points=\"64,228 460,228 460,133 658,133 856,133 856,38\""))
    }

    @Test("long series are thinned per pixel column, keeping each column's extremes")
    func thinning() {
        var points = (0..<10_000).map { ChartPoint(x: Double($0), y: 1) }
        points[5_003].y = 40
        points[7_001].y = -3
        let scale = LinearScale(domain: 0, 9_999, range: 0, 100)
        let thinned = TimeChart.thinned(points, scale: scale, columns: 100)
        #expect(thinned.count <= 4 * 101)
        #expect(thinned.contains(ChartPoint(x: 5_003, y: 40)))
        #expect(thinned.contains(ChartPoint(x: 7_001, y: -3)))
        #expect(thinned.first == points.first && thinned.last == points.last)
        #expect(thinned == thinned.sorted { $0.x < $1.x })
        // Short series are left alone.
        #expect(TimeChart.thinned(Array(points.prefix(50)), scale: scale, columns: 100).count == 50)
    }

    @Test("an interval chart puts each row's mean and interval on one axis, the baseline's mean dashed")
    func intervalChart() {
        let chart = IntervalChart(
            title: "cluster.cpuRequestedRatio.max",
            rows: [
                IntervalChart.Row(label: "baseline", mean: 0.31, interval: (0.30, 0.32), isBaseline: true, note: "n = 3"),
                IntervalChart.Row(label: "big", mean: 0.25, interval: (0.24, 0.26), note: "Δ -0.06 [-0.07, -0.05]"),
            ])
        // Values 0.24…0.32, 7 ticks: raw 0.08 ÷ 6 = 0.0133 → 0.02; the axis is 0.24…0.32 on 200…660 px.
        #expect(chart.axis.step == 0.02)
        // Baseline 0.31: 200 + (0.31 − 0.24) ÷ 0.08 × 460 = 602.5, a dashed line down the chart.
        let svg = chart.svg()
        #expect(svg.contains("<line x1=\"602.5\" y1=\"10\" x2=\"602.5\" y2=\"62\""))
        // big's interval 0.24…0.26 is 200…315 px on row 2 (centre 10 + 1.5 × 26 = 49); its dot at 0.25 = 257.5.
        #expect(svg.contains("<line x1=\"200\" y1=\"49\" x2=\"315\" y2=\"49\""))
        #expect(svg.contains("<circle cx=\"257.5\" cy=\"49\" r=\"4.5\" fill=\"\(Palette.blue)\""))
        // The baseline's dot is hollow.
        #expect(svg.contains("<circle cx=\"602.5\" cy=\"23\" r=\"4.5\" fill=\"#FFFFFF\""))
        #expect(svg.contains(">Δ -0.06 [-0.07, -0.05]</text>"))
    }

    @Test("the CSV reader splits quoted fields, doubled quotes and CRLF lines")
    func csvReader() {
        var reader = CSVReader(bytes: Array("a,\"b,c\",d\r\n\n1,\"say \"\"hi\"\"\",\r\n".utf8))
        var more = reader.next()
        #expect(more)
        #expect((0..<3).map { reader.string($0) } == ["a", "b,c", "d"])
        #expect(reader.line == 1)
        more = reader.next()
        #expect(more)
        #expect(reader.line == 3)
        #expect(reader.string(1) == "say \"hi\"")
        #expect(reader.fields.count == 3 && reader.string(2).isEmpty)
        more = reader.next()
        #expect(!more)
        #expect(CSVReader.number(Array("12.5".utf8)[...]) == 12.5)
        #expect(CSVReader.number(Array("-0.001".utf8)[...]) == -0.001)
        #expect(CSVReader.number(Array("1e3".utf8)[...]) == 1000)
        #expect(CSVReader.number(Array("NaN".utf8)[...])?.isNaN == true)
        #expect(CSVReader.number(Array("".utf8)[...]) == nil)
        #expect(CSVReader.number(Array("x".utf8)[...]) == nil)
    }

    @Test("the time series table groups rows by metric and object, and checks the header")
    func timeSeriesTable() throws {
        let csv = """
            time,metric,object,value
            0,kubesim_cluster_nodes,cluster,3
            0,kube_deployment_spec_replicas,Deployment/web/api,2
            60,kubesim_cluster_nodes,cluster,4
            60,kube_deployment_spec_replicas,Deployment/web/api,NaN
            120.5,kubesim_cluster_nodes,cluster,5

            """
        let table = try TimeSeriesTable.read(Array(csv.utf8), path: "t.csv")
        #expect(table.points("kubesim_cluster_nodes") == [ChartPoint(x: 0, y: 3), ChartPoint(x: 60, y: 4), ChartPoint(x: 120.5, y: 5)])
        #expect(table.points("kube_deployment_spec_replicas", "Deployment/web/api") == [ChartPoint(x: 0, y: 2)])
        #expect(table.objects("kube_deployment_spec_replicas") == ["Deployment/web/api"])
        #expect(table.lastTime == 120.5)
        #expect(throws: ReportError.self) { try TimeSeriesTable.read(Array("time,metric,value\n".utf8), path: "t.csv") }
        do {
            _ = try TimeSeriesTable.read(Array("time,metric,object,value\nsoon,x,cluster,1\n".utf8), path: "t.csv")
            Issue.record("a bad time was read")
        } catch {
            #expect(error.description == "t.csv:2: error: expected time,metric,object,value")
        }
    }

    @Test("events mark faults, rollouts (a ReplicaSet scaled up from zero) and rescales, and nothing else")
    func markedEvents() throws {
        let csv = """
            time,type,reason,kind,namespace,name,node,message
            0,Normal,ScalingReplicaSet,Deployment,web,api,,Scaled up replica set api-1 from 0 to 3
            0,Normal,Scheduled,Pod,web,api-1-x,general-0,"Successfully assigned web/api-1-x to general-0"
            45,Normal,SuccessfulRescale,HorizontalPodAutoscaler,web,api,,New size: 5; reason: cpu resource utilization (percentage of request) above target
            46,Normal,ScalingReplicaSet,Deployment,web,api,,Scaled up replica set api-1 from 3 to 5
            600,Warning,ZoneOutage,Node,,general-1,general-1,Zone zone-b is down
            600,Warning,ZoneOutage,Node,,general-4,general-4,Zone zone-b is down
            1200,Normal,ScalingReplicaSet,Deployment,web,api,,Scaled up replica set api-2 from 0 to 2

            """
        let events = try MarkedEvents.read(Array(csv.utf8), path: "e.csv")
        #expect(events.events.map(\.reason) == ["ScalingReplicaSet", "SuccessfulRescale", "ZoneOutage", "ZoneOutage", "ScalingReplicaSet"])
        var summary = SummaryFile(.object([]))
        summary.faults = [SummaryFile.Fault(type: "zoneOutage", target: "zone-b", at: 600, recoverySeconds: 120)]
        let report = RunReport(summary: summary, series: nil, events: events)
        // The outage is in summary.json; its events at the same instant add nothing.
        #expect(report.faultMarkers.map(\.label) == ["zoneOutage zone-b"])
        #expect(report.faultMarkers.first?.end == 720)
        // The first ReplicaSet at 0 is the Deployment's creation, not a rollout.
        #expect(report.rolloutMarkers.map(\.time) == [1200])
        #expect(report.rescaleMarkers(of: "web/api").map(\.time) == [45])
        #expect(report.rescaleMarkers(of: "web/other").isEmpty)
        // Without the summary's entry, the two events at 600 s are one marker.
        let bare = RunReport(summary: SummaryFile(.object([])), series: nil, events: events)
        #expect(bare.faultMarkers.map(\.label) == ["ZoneOutage ×2"])
    }

    @Test("an HPA's traffic is its target's, else the same name's, else its namespace's only one")
    func trafficTarget() {
        let targets = ["Service/shop/cart", "Service/web/storefront"]
        #expect(RunReport.trafficTarget(for: "Service/web/storefront", among: targets) == "Service/web/storefront")
        #expect(RunReport.trafficTarget(for: "Deployment/web/storefront", among: targets) == "Service/web/storefront")
        #expect(RunReport.trafficTarget(for: "Deployment/shop/cart-v2", among: targets) == "Service/shop/cart")
        #expect(RunReport.trafficTarget(for: "Deployment/ops/agent", among: targets) == nil)
        #expect(RunReport.trafficTarget(for: "Deployment/web/api", among: targets + ["Service/web/api-gw"]) == nil)
    }

    @Test("a ratio of two series pairs their samples by time")
    func ratio() {
        let served = [ChartPoint(x: 0, y: 0), ChartPoint(x: 30, y: 2), ChartPoint(x: 60, y: 3)]
        let offered = [ChartPoint(x: 0, y: 0), ChartPoint(x: 30, y: 4)]
        #expect(RunReport.ratio(served, offered, whenZero: nil) == [ChartPoint(x: 30, y: 0.5)])
        #expect(RunReport.ratio(served, offered, whenZero: 1) == [ChartPoint(x: 0, y: 1), ChartPoint(x: 30, y: 0.5)])
    }

    @Test("JSON is read with its keys in order, escapes decoded, and errors at their line and column")
    func json() throws {
        let value = try JSONValue.parse(#"{"b": [1, 2.5, -3e2, true, null], "a": {"s": "caf\u00e9 \ud83d\ude00 \"q\""}}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["b", "a"])
        #expect(value["b"] == .array([.int(1), .number(2.5), .number(-300), .bool(true), .null]))
        #expect(value["a"]?["s"]?.stringValue == "café 😀 \"q\"")
        #expect(throws: JSONValue.ParseError(line: 1, column: 13, message: "unexpected character ']'")) {
            try JSONValue.parse(#"{"a": [1, 2,]}"#)
        }
        #expect(throws: JSONValue.ParseError(line: 2, column: 8, message: "unexpected character 't'")) {
            try JSONValue.parse("{\n  \"a\": tru\n}")
        }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse("{} {}") }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(String(repeating: "[", count: 600)) }
    }

    @Test("a run folder without some series notes the charts it leaves out")
    func missingSeries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("summary.json", #"{"scenario": "tiny", "simulatedSeconds": 120}"#)
        try folder.write("timeseries.csv", "time,metric,object,value\n0,kubesim_cluster_nodes,cluster,2\n60,kubesim_cluster_nodes,cluster,3\n")
        let html = try #require(try ReportCommand.render(folder: folder.path))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1)
        #expect(html.contains("<h3>Nodes</h3><svg"))
        #expect(html.contains("Not drawn: timeseries.csv has no kubesim_cluster_pods_running or kubesim_cluster_pods_pending series."))
        try FileManager.default.removeItem(atPath: folder.path + "/timeseries.csv")
        let bare = try #require(try ReportCommand.render(folder: folder.path))
        #expect(!bare.contains("<svg"))
        #expect(bare.contains("This folder has no timeseries.csv: the charts are left out."))
    }
}
