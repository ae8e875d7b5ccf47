import Foundation
import SimCore

/// `kubesim report DIR`: one self-contained HTML page of charts from the folder of a run, a
/// comparison, a sweep or a capacity search, written as `DIR/report.html`.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report", usage: "kubesim report DIR [--quiet]",
        summary:
            "Draw the outputs in DIR as charts in DIR/report.html: a run's folder (summary.json, timeseries.csv, events.csv), a comparison's (compare.json), a sweep's (sweep-summary.csv) or a capacity search's (capacity.json). The page is one file, with nothing to fetch: open it in any browser.",
        options: [OptionSpec(name: "--quiet", value: nil, help: "Print nothing but errors.")],
        details: "Exit codes: 0 success, 1 DIR holds none of those files or one cannot be read, 2 usage error, 4 report.html could not be written."
    )

    /// The file the report is written to, in the folder it reads.
    static let fileName = "report.html"

    static func run(_ arguments: ParsedArguments) throws(UsageError) -> ExitCode {
        guard arguments.positionals.count == 1, let folder = arguments.positionals.first else {
            throw UsageError(message: "report takes exactly one folder")
        }
        let html: String
        do {
            guard let page = try render(folder: folder) else {
                Console.error(
                    "kubesim report: error: \(folder) holds no summary.json (a run's folder), compare.json (kubesim compare's), sweep-summary.csv (kubesim sweep's) or capacity.json (kubesim capacity's)"
                )
                return .invalidInput
            }
            html = page
        } catch {
            Console.error(error.description)
            return .invalidInput
        }
        Interruption.install()
        do {
            let output = try OutputSet(directory: folder, names: [fileName])
            do {
                try output.write(fileName) { file throws(OutputSet.WriteError) in try file.write(html) }
                try output.commit()
            } catch {
                output.abandon()
                throw error
            }
        } catch {
            Console.error("kubesim report: error: \(error)")
            return .outputFailed
        }
        if !arguments.flag("--quiet") { Console.out("kubesim report: wrote \(folder.hasSuffix("/") ? folder : folder + "/")\(fileName)") }
        return .success
    }

    /// The page for `folder`, or nil when it holds none of the files a report reads.
    static func render(folder: String) throws(ReportError) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw ReportError(description: "kubesim report: error: \(folder): no such folder")
        }
        guard isDirectory.boolValue else { throw ReportError(description: "kubesim report: error: \(folder) is a file; report reads a folder") }
        let run = try RunReport.load(folder)
        let comparison = try ComparisonReport.load(folder)
        let sweep = try SweepReport.load(folder)
        let capacity = try CapacityReport.load(folder)
        let heading =
            run?.summary.scenario ?? comparison.map { $0.scenario.isEmpty ? "comparison" : $0.scenario }
            ?? capacity.map { $0.scenario.isEmpty ? "capacity" : $0.scenario } ?? sweep.flatMap { $0.scenario.isEmpty ? nil : $0.scenario }
            ?? folderName(folder)
        var page = HTMLPage(title: "kubesim report: \(heading)")
        var sources: [String] = []
        if let run {
            run.render(into: &page)
            sources += ["summary.json"] + (run.series == nil ? [] : ["timeseries.csv"]) + (run.events == nil ? [] : ["events.csv"])
        }
        if let comparison {
            comparison.render(into: &page)
            sources.append("compare.json")
        }
        if let sweep {
            sweep.render(into: &page, heading: sweep.scenario.isEmpty ? folderName(folder) : sweep.scenario)
            sources.append("sweep-summary.csv")
        }
        if let capacity {
            capacity.render(into: &page)
            sources.append("capacity.json")
        }
        guard !sources.isEmpty else { return nil }
        return page.html(footer: "Drawn by kubesim \(KubesimVersion.current) report from \(sources.joined(separator: ", ")).")
    }

    private static func folderName(_ folder: String) -> String {
        let name = (folder as NSString).standardizingPath.split(separator: "/").last.map(String.init) ?? folder
        return name.isEmpty || name == "." ? "sweep" : name
    }
}
