/// The report of a run's folder: the summary's key figures, then charts of the time series with
/// the run's faults, rollouts and HPA rescales marked on their time axes, then tables.
struct RunReport {
    let summary: SummaryFile
    /// nil when the folder has no `timeseries.csv`.
    let series: TimeSeriesTable?
    /// nil when the folder has no `events.csv`.
    let events: MarkedEvents?

    /// At most this many HPAs and traffic targets get their own charts (those that dropped the
    /// most requests, or scaled the most, first); the tables list them all.
    static let maximumObjectCharts = 12
    /// At most this many Deployments share the replica availability chart (the least available).
    static let maximumDeploymentLines = 8

    /// Reads the run in `folder`; nil when it has no `summary.json`.
    static func load(_ folder: String) throws(ReportError) -> RunReport? {
        guard let json = try FolderFile.json(folder + "/summary.json") else { return nil }
        let series = try FolderFile.bytes(folder + "/timeseries.csv").map { bytes throws(ReportError) in
            try TimeSeriesTable.read(bytes, path: folder + "/timeseries.csv")
        }
        let events = try FolderFile.bytes(folder + "/events.csv").map { bytes throws(ReportError) in
            try MarkedEvents.read(bytes, path: folder + "/events.csv")
        }
        return RunReport(summary: SummaryFile(json), series: series, events: events)
    }

    var end: Double { max(summary.simulatedSeconds, series?.lastTime ?? 0, 1) }

    // MARK: Markers

    /// The faults, from `summary.json` and from the fault events at other times (one marker per
    /// instant and reason), in time order.
    var faultMarkers: [TimeChart.Marker] {
        var markers = summary.faults.map { fault in
            TimeChart.Marker(
                time: fault.at, kind: .fault, label: "\(fault.type) \(fault.target)", detail: "\(fault.type) \(fault.target)",
                end: fault.recoverySeconds.map { fault.at + $0 })
        }
        var grouped: [(time: Double, reason: String, names: [String])] = []
        for event in events?.events ?? [] where MarkedEvents.faultReasons.contains(event.reason) {
            guard !summary.faults.contains(where: { abs($0.at - event.time) < 0.0005 }) else { continue }
            if let index = grouped.firstIndex(where: { $0.time == event.time && $0.reason == event.reason }) {
                grouped[index].names.append(event.name)
            } else {
                grouped.append((event.time, event.reason, [event.name]))
            }
        }
        for group in grouped {
            let label = group.names.count == 1 ? "\(group.reason) \(group.names[0])" : "\(group.reason) ×\(group.names.count)"
            markers.append(TimeChart.Marker(time: group.time, kind: .fault, label: label, detail: label))
        }
        return markers.sorted { $0.time < $1.time }
    }

    /// Rollouts after the start: each Deployment's rollouts past its first revision in
    /// `summary.json`, and ReplicaSets scaled up from zero (or rollbacks) in `events.csv` at
    /// other times.
    var rolloutMarkers: [TimeChart.Marker] {
        var markers: [TimeChart.Marker] = []
        var starts: [(workload: String, time: Double)] = []
        for workload in summary.workloads where workload.kind == "Deployment" {
            for rollout in workload.rollouts where rollout.revision > 1 {
                let name = "\(workload.namespace)/\(workload.name)"
                let detail =
                    "rollout of Deployment \(name) to revision \(rollout.revision)"
                    + (rollout.completedAt.map { ", complete after \(ReportFormat.duration($0 - rollout.startedAt))" } ?? ", never complete")
                markers.append(TimeChart.Marker(time: rollout.startedAt, kind: .rollout, label: "rollout \(name)", detail: detail))
                starts.append((name, rollout.startedAt))
            }
        }
        for event in events?.events ?? [] where MarkedEvents.rolloutReasons.contains(event.reason) && event.time > 0 {
            let name = "\(event.namespace)/\(event.name)"
            guard !starts.contains(where: { $0.workload == name && abs($0.time - event.time) < 0.0005 }) else { continue }
            starts.append((name, event.time))
            markers.append(TimeChart.Marker(time: event.time, kind: .rollout, label: "rollout \(name)", detail: "\(name): \(event.message)"))
        }
        return markers.sorted { $0.time < $1.time }
    }

    /// The HPAs' rescales (`SuccessfulRescale`), of one HPA (`namespace/name`) or of all.
    func rescaleMarkers(of autoscaler: String? = nil) -> [TimeChart.Marker] {
        (events?.events ?? []).filter { event in
            event.reason == MarkedEvents.rescaleReason && (autoscaler == nil || "\(event.namespace)/\(event.name)" == autoscaler)
        }.map { event in
            TimeChart.Marker(time: event.time, kind: .rescale, label: "", detail: "HPA \(event.namespace)/\(event.name): \(event.message)")
        }
    }

    // MARK: Page

    func render(into page: inout HTMLPage) {
        header(into: &page)
        let markers = faultMarkers + rolloutMarkers
        let allMarkers = markers + rescaleMarkers()
        if series == nil { page.note("This folder has no timeseries.csv: the charts are left out.") }

        page.section("Cluster")
        clusterCharts(markers: allMarkers, into: &page)

        let autoscalerObjects = autoscalerPaths
        if !autoscalerObjects.isEmpty {
            page.section("Autoscaling")
            autoscalerCharts(autoscalerObjects, markers: markers, into: &page)
        }
        let targets = trafficTargets
        if !targets.isEmpty || summary.workloads.contains(where: { $0.kind == "Deployment" }) {
            page.section("Traffic and availability")
            trafficCharts(targets, markers: allMarkers, into: &page)
            deploymentAvailabilityChart(markers: allMarkers, into: &page)
        }
        tables(into: &page)
    }

    private func header(into page: inout HTMLPage) {
        let summary = summary
        var figures: [(String, String, String)] = [
            (
                "Nodes", "\(ReportFormat.number(summary.nodes.min))–\(ReportFormat.number(summary.nodes.max))",
                "avg \(ReportFormat.number(summary.nodes.avg, decimals: 1)), \(ReportFormat.number(summary.nodeHours, decimals: 1)) node-hours"
            ),
            ("Cost", ReportFormat.number(summary.cost), "for \(ReportFormat.span(summary.simulatedSeconds))"),
            ("CPU requested", ReportFormat.percent(summary.cpuRequested.max) + " max", ReportFormat.percent(summary.cpuRequested.avg) + " avg"),
            (
                "Memory requested", ReportFormat.percent(summary.memoryRequested.max) + " max",
                ReportFormat.percent(summary.memoryRequested.avg) + " avg"
            ),
            (
                "Pods", "\(ReportFormat.number(summary.pods.created)) created",
                "\(ReportFormat.number(summary.pods.pendingAtEnd)) pending at end, \(ReportFormat.number(summary.pods.evicted)) evicted"
            ),
            (
                "Pending pods", "\(ReportFormat.number(summary.podsPendingMax)) max",
                "wait p99 \(summary.schedulingLatency.p99 == 0 ? "0s" : ReportFormat.duration(summary.schedulingLatency.p99))"
            ),
        ]
        if let worst = summary.workloads.min(by: { $0.availability < $1.availability }) {
            figures.append(("Lowest availability", ReportFormat.percent(worst.availability, decimals: 2), worst.path))
        }
        let requests = summary.workloads.compactMap(\.requests)
        if !requests.isEmpty {
            let offered = requests.reduce(0) { $0 + $1.offered }, dropped = requests.reduce(0) { $0 + $1.dropped }
            figures.append(("Requests dropped", SummaryText.count(dropped), "of \(SummaryText.count(offered)) offered"))
        }
        if !summary.autoscalers.isEmpty {
            let rescales = summary.autoscalers.reduce(0) { $0 + $1.rescales }
            figures.append(("HPA rescales", "\(rescales)", "\(summary.autoscalers.count) HPA\(summary.autoscalers.count == 1 ? "" : "s")"))
        }
        if !summary.faults.isEmpty {
            let recoveries = summary.faults.compactMap(\.recoverySeconds)
            let unrecovered = summary.faults.count - recoveries.count
            let detail =
                unrecovered > 0
                ? "\(unrecovered) without recovery" : "longest recovery \(ReportFormat.duration(recoveries.max() ?? 0))"
            figures.append(("Faults", "\(summary.faults.count)", detail))
        }
        if !summary.expectations.isEmpty {
            let passed = summary.expectations.filter(\.passed).count
            figures.append(
                ("Expectations", "\(passed)/\(summary.expectations.count) passed", passed == summary.expectations.count ? "" : "some failed"))
        }
        let subtitle =
            "kubesim run report · seed \(summary.seed) · \(ReportFormat.span(summary.simulatedSeconds)) simulated · "
            + "\(ReportFormat.number(Double(summary.events))) events"
        page.header(summary.scenario, subtitle: subtitle, figures: figures)
    }

    /// A chart of the given series (metric, object, legend, colour, side, dashed), or a note when
    /// none of them is in the time series.
    private func timeChart(
        _ title: String, caption: String = "", left: TimeChart.Axis, right: TimeChart.Axis? = nil, series: [TimeChart.Series],
        markers: [TimeChart.Marker], missing: [String], into page: inout HTMLPage
    ) {
        guard self.series != nil else { return }
        let present = series.filter { !$0.points.isEmpty }
        guard !present.isEmpty else {
            page.chart(title, svg: nil, note: "Not drawn: timeseries.csv has no \(missing.joined(separator: " or ")) series.")
            return
        }
        let chart = TimeChart(
            title: title, start: 0, end: end, left: left, right: present.contains { $0.side == .right } ? right : nil, series: present,
            markers: markers)
        page.chart(title, caption: caption, svg: chart.svg())
    }

    private func points(_ metric: String, _ object: String = "cluster") -> [ChartPoint] {
        series?.points(metric, object) ?? []
    }

    private func clusterCharts(markers: [TimeChart.Marker], into page: inout HTMLPage) {
        let nodesDown = points("kubesim_cluster_nodes_down")
        timeChart(
            "Nodes", left: TimeChart.Axis(title: "nodes"),
            series: [
                TimeChart.Series(name: "nodes", color: Palette.blue, steps: true, points: points("kubesim_cluster_nodes")),
                TimeChart.Series(name: "Ready", color: Palette.green, dashed: true, steps: true, points: points("kubesim_cluster_nodes_ready")),
                TimeChart.Series(name: "down", color: Palette.orange, steps: true, points: nodesDown.contains { $0.y > 0 } ? nodesDown : []),
            ], markers: markers, missing: ["kubesim_cluster_nodes", "kubesim_cluster_nodes_ready"], into: &page)
        timeChart(
            "Pods", left: TimeChart.Axis(title: "pods"),
            series: [
                TimeChart.Series(name: "Running", color: Palette.blue, steps: true, points: points("kubesim_cluster_pods_running")),
                TimeChart.Series(name: "Pending", color: Palette.orange, steps: true, points: points("kubesim_cluster_pods_pending")),
            ], markers: markers, missing: ["kubesim_cluster_pods_running", "kubesim_cluster_pods_pending"], into: &page)
        timeChart(
            "Requested CPU and memory", caption: "Requests of the pods on Ready nodes ÷ the allocatable resources of Ready nodes.",
            left: TimeChart.Axis(title: "of allocatable", format: .percent),
            series: [
                TimeChart.Series(name: "CPU", color: Palette.blue, points: points("kubesim_cluster_cpu_requested_ratio")),
                TimeChart.Series(name: "memory", color: Palette.purple, points: points("kubesim_cluster_memory_requested_ratio")),
            ], markers: markers, missing: ["kubesim_cluster_cpu_requested_ratio", "kubesim_cluster_memory_requested_ratio"], into: &page)
        timeChart(
            "Pending pods", caption: "Pods not yet bound to a node.", left: TimeChart.Axis(title: "pods"),
            series: [TimeChart.Series(name: "Pending", color: Palette.orange, steps: true, points: points("kubesim_cluster_pods_pending"))],
            markers: markers, missing: ["kubesim_cluster_pods_pending"], into: &page)
    }

    /// The HPAs, as `HorizontalPodAutoscaler/<namespace>/<name>`: the summary's, in its order, then
    /// any others the time series has.
    private var autoscalerPaths: [String] {
        var paths = summary.autoscalers.map(\.path)
        for object in series?.objects("kube_horizontalpodautoscaler_status_desired_replicas") ?? [] where !paths.contains(object) {
            paths.append(object)
        }
        return paths
    }

    /// The traffic targets: objects with offered requests in the time series, else the
    /// summary's workloads with requests.
    private var trafficTargets: [String] {
        let objects = series?.objects("kubesim_workload_requests_offered_per_second") ?? []
        return objects.isEmpty ? summary.workloads.filter { $0.requests != nil }.map(\.path) : objects
    }

    /// The traffic target an HPA's scale target receives: the same object, else the object of
    /// the same namespace and name (a Service in front of its Deployment), else the only target
    /// in that namespace.
    static func trafficTarget(for scaleTarget: String, among targets: [String]) -> String? {
        if targets.contains(scaleTarget) { return scaleTarget }
        let parts = scaleTarget.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let sameName = targets.filter { $0.split(separator: "/", omittingEmptySubsequences: false).dropFirst().elementsEqual(parts.dropFirst()) }
        if sameName.count == 1 { return sameName[0] }
        let sameNamespace = targets.filter { $0.split(separator: "/", omittingEmptySubsequences: false).dropFirst().first == parts[1] }
        return sameNamespace.count == 1 ? sameNamespace[0] : nil
    }

    private func autoscalerCharts(_ paths: [String], markers: [TimeChart.Marker], into page: inout HTMLPage) {
        let ranked = paths.enumerated().sorted { a, b in
            let rescalesA = summary.autoscalers.first { $0.path == a.element }?.rescales ?? 0
            let rescalesB = summary.autoscalers.first { $0.path == b.element }?.rescales ?? 0
            return rescalesA != rescalesB ? rescalesA > rescalesB : a.offset < b.offset
        }.prefix(Self.maximumObjectCharts).sorted { $0.offset < $1.offset }.map(\.element)
        for path in ranked {
            let name = String(path.dropFirst("HorizontalPodAutoscaler/".count))
            let info = summary.autoscalers.first { $0.path == path }
            let traffic = info.flatMap { Self.trafficTarget(for: $0.target, among: trafficTargets) }
            var caption: [String] = []
            if let info {
                caption.append("scales \(info.target) between \(info.minReplicas) and \(info.maxReplicas) replicas")
                caption.append("\(info.rescales) rescale\(info.rescales == 1 ? "" : "s")")
                if info.secondsAtMaxReplicas > 0 { caption.append("\(ReportFormat.duration(info.secondsAtMaxReplicas)) at maxReplicas") }
            }
            caption.append(traffic.map { "requests offered to \($0)" } ?? "no traffic target found for it")
            timeChart(
                "HPA \(name): replicas and traffic", caption: caption.joined(separator: " · ").capitalizedFirst,
                left: TimeChart.Axis(title: "replicas"), right: TimeChart.Axis(title: "requests/s"),
                series: [
                    TimeChart.Series(
                        name: "desired", color: Palette.blue, steps: true,
                        points: points("kube_horizontalpodautoscaler_status_desired_replicas", path)),
                    TimeChart.Series(
                        name: "current", color: Palette.sky, dashed: true, steps: true,
                        points: points("kube_horizontalpodautoscaler_status_current_replicas", path)),
                    TimeChart.Series(
                        name: "requests offered", color: Palette.orange, side: .right,
                        points: traffic.map { points("kubesim_workload_requests_offered_per_second", $0) } ?? []),
                ], markers: markers + rescaleMarkers(of: name),
                missing: ["kube_horizontalpodautoscaler_status_desired_replicas", "kube_horizontalpodautoscaler_status_current_replicas"], into: &page
            )
        }
        if paths.count > ranked.count {
            page.note("\(paths.count - ranked.count) more HPAs are not drawn; the \(ranked.count) that rescaled most are.")
        }
    }

    private func trafficCharts(_ targets: [String], markers: [TimeChart.Marker], into page: inout HTMLPage) {
        let dropped = { (path: String) in self.summary.workloads.first { $0.path == path }?.requests?.dropped ?? 0 }
        let ranked = targets.enumerated().sorted { a, b in
            dropped(a.element) != dropped(b.element) ? dropped(a.element) > dropped(b.element) : a.offset < b.offset
        }.prefix(Self.maximumObjectCharts).sorted { $0.offset < $1.offset }.map(\.element)
        for target in ranked {
            let workload = summary.workloads.first { $0.path == target }
            var caption = ""
            if let requests = workload?.requests {
                caption =
                    "\(SummaryText.count(requests.offered)) requests offered, \(SummaryText.count(requests.dropped)) dropped; "
                    + "availability (served ÷ offered) \(ReportFormat.percent(workload?.availability ?? 1, decimals: 2))."
            }
            let offered = points("kubesim_workload_requests_offered_per_second", target)
            let served = points("kubesim_workload_requests_served_per_second", target)
            timeChart(
                "Requests to \(target)", caption: caption, left: TimeChart.Axis(title: "requests/s"),
                right: TimeChart.Axis(title: "dropped/s"),
                series: [
                    TimeChart.Series(name: "offered", color: Palette.blue, points: offered),
                    TimeChart.Series(name: "served", color: Palette.green, dashed: true, points: served),
                    TimeChart.Series(
                        name: "dropped", color: Palette.orange, side: .right, points: points("kubesim_workload_requests_dropped_per_second", target)),
                ], markers: markers, missing: ["kubesim_workload_requests_offered_per_second"], into: &page)
            timeChart(
                "Availability of \(target)", caption: "Requests served ÷ offered in each sampling interval, and the Ready endpoints.",
                left: TimeChart.Axis(title: "served ÷ offered", format: .percent, includesZero: false),
                right: TimeChart.Axis(title: "Ready endpoints"),
                series: [
                    TimeChart.Series(name: "served ÷ offered", color: Palette.blue, points: Self.ratio(served, offered, whenZero: nil)),
                    TimeChart.Series(
                        name: "Ready endpoints", color: Palette.green, side: .right, dashed: true, steps: true,
                        points: points("kubesim_workload_endpoints_ready", target)),
                ], markers: markers, missing: ["kubesim_workload_requests_served_per_second", "kubesim_workload_endpoints_ready"], into: &page)
        }
        if targets.count > ranked.count {
            page.note("\(targets.count - ranked.count) more traffic targets are not drawn; the \(ranked.count) that dropped most are.")
        }
    }

    private func deploymentAvailabilityChart(markers: [TimeChart.Marker], into page: inout HTMLPage) {
        let deployments = summary.workloads.filter { $0.kind == "Deployment" }
        guard !deployments.isEmpty else { return }
        let shown = deployments.enumerated().sorted { a, b in
            a.element.availability != b.element.availability ? a.element.availability < b.element.availability : a.offset < b.offset
        }.prefix(Self.maximumDeploymentLines).sorted { $0.offset < $1.offset }.map(\.element)
        let lines = shown.enumerated().map { index, workload in
            TimeChart.Series(
                name: "\(workload.namespace)/\(workload.name)", color: Palette.series[index % Palette.series.count], steps: true,
                points: Self.ratio(
                    points("kube_deployment_status_replicas_available", workload.path), points("kube_deployment_spec_replicas", workload.path),
                    whenZero: 1))
        }
        let more = deployments.count > shown.count ? " The \(shown.count) least available of \(deployments.count) are drawn." : ""
        timeChart(
            "Deployments: available ÷ desired replicas", caption: "Pods Ready for minReadySeconds ÷ spec.replicas, at each sample." + more,
            left: TimeChart.Axis(title: "available", format: .percent, includesZero: false), series: lines, markers: markers,
            missing: ["kube_deployment_status_replicas_available"], into: &page)
    }

    /// `numerator ÷ denominator` at the times both have; where the denominator is 0, `whenZero`
    /// (nil leaves the point out).
    static func ratio(_ numerator: [ChartPoint], _ denominator: [ChartPoint], whenZero: Double?) -> [ChartPoint] {
        var output: [ChartPoint] = []
        var index = 0
        for point in numerator {
            while index < denominator.count, denominator[index].x < point.x { index += 1 }
            guard index < denominator.count, denominator[index].x == point.x else { continue }
            let below = denominator[index].y
            if below != 0 {
                output.append(ChartPoint(x: point.x, y: point.y / below))
            } else if let whenZero {
                output.append(ChartPoint(x: point.x, y: whenZero))
            }
        }
        return output
    }

    private func tables(into page: inout HTMLPage) {
        if !summary.workloads.isEmpty {
            page.section("Workloads")
            page.table(
                ["workload", "availability#", "replicas min–max#", "avg#", "scale events#", "requests dropped#"],
                summary.workloads.map { workload in
                    [
                        workload.path, ReportFormat.percent(workload.availability, decimals: 2),
                        workload.replicas.map { "\(ReportFormat.number($0.min))–\(ReportFormat.number($0.max))" } ?? "",
                        workload.replicas.map { ReportFormat.number($0.avg, decimals: 1) } ?? "", workload.scaleEvents.map(String.init) ?? "",
                        workload.requests.map { SummaryText.count($0.dropped) } ?? "",
                    ]
                })
        }
        if !summary.faults.isEmpty {
            page.section("Faults")
            page.table(
                ["at#", "fault", "target", "time to recover#"],
                summary.faults.map { fault in
                    [
                        ReportFormat.duration(fault.at), fault.type, fault.target,
                        fault.recoverySeconds.map { ReportFormat.duration($0) } ?? "not before the end",
                    ]
                })
        }
        if !summary.expectations.isEmpty {
            page.section("Expectations")
            page.table(
                ["", "metric", "target", "expected", "actual#"],
                summary.expectations.map { expectation in
                    [
                        expectation.passed ? "✓ passed" : "✗ failed", expectation.metric, expectation.target,
                        "\(expectation.op) \(ReportFormat.number(expectation.value, decimals: 6))",
                        expectation.actual.map { ReportFormat.number($0, decimals: 6) } ?? "missing",
                    ]
                })
        }
    }
}

extension String {
    /// The text with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
