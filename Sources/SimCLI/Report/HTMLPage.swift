/// One self-contained HTML page: inline CSS, inline SVG charts, nothing fetched.
struct HTMLPage {
    let title: String
    private(set) var body = ""

    init(title: String) {
        self.title = title
    }

    static let style = """
        body{margin:0;background:#f4f5f7;color:#1d2330;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
        main{max-width:920px;margin:0 auto;padding:20px 16px 40px}
        h1{font-size:24px;margin:0 0 2px}
        h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d8dce2}
        h3{font-size:14px;margin:0 0 4px}
        .subtitle{color:#5b6472;margin:0 0 14px}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(205px,1fr));gap:8px;margin:0}
        .figures div{background:#fff;border:1px solid #dfe2e7;border-radius:6px;padding:8px 12px}
        .figures dt{color:#5b6472;font-size:12px}
        .figures dd{margin:1px 0 0;font-size:17px;font-weight:600}
        .figures dd small{font-weight:400;font-size:12px;color:#5b6472}
        .chart{background:#fff;border:1px solid #dfe2e7;border-radius:6px;padding:10px 12px 4px;margin:10px 0}
        .chart svg{display:block;width:100%;height:auto}
        .chart .caption{color:#5b6472;font-size:12px;margin:0 0 4px}
        .note{color:#5b6472;font-style:italic;margin:4px 0 8px}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dfe2e7;font-size:13px}
        th,td{padding:4px 8px;border-bottom:1px solid #eceef1;text-align:left;vertical-align:top}
        th{background:#f8f9fa;font-weight:600}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .pass{color:#1a7f37;font-weight:600}.fail{color:#c0392b;font-weight:600}
        footer{color:#7a8494;font-size:12px;margin-top:28px}
        """

    /// The heading of the page, its subtitle, and its key figures as (label, value, detail).
    mutating func header(_ heading: String, subtitle: String, figures: [(String, String, String)]) {
        body += "<header><h1>\(Markup.escape(heading))</h1><p class=\"subtitle\">\(Markup.escape(subtitle))</p>"
        if !figures.isEmpty {
            body += "<dl class=\"figures\">"
            for (label, value, detail) in figures {
                body += "<div><dt>\(Markup.escape(label))</dt><dd>\(Markup.escape(value))"
                if !detail.isEmpty { body += " <small>\(Markup.escape(detail))</small>" }
                body += "</dd></div>"
            }
            body += "</dl>"
        }
        body += "</header>\n"
    }

    mutating func section(_ heading: String) {
        body += "<h2>\(Markup.escape(heading))</h2>\n"
    }

    /// A chart with its title and an optional caption; `svg` nil shows `note` instead (a chart
    /// whose series are not in the files).
    mutating func chart(_ heading: String, caption: String = "", svg: String?, note: String = "") {
        body += "<section class=\"chart\"><h3>\(Markup.escape(heading))</h3>"
        if !caption.isEmpty { body += "<p class=\"caption\">\(Markup.escape(caption))</p>" }
        if let svg { body += svg } else { body += "<p class=\"note\">\(Markup.escape(note))</p>" }
        body += "</section>\n"
    }

    mutating func note(_ text: String) {
        body += "<p class=\"note\">\(Markup.escape(text))</p>\n"
    }

    /// A table; a column whose heading ends in `#` is numeric (right-aligned; the `#` is not shown).
    /// A cell starting with `✓ ` or `✗ ` is coloured as a pass or a failure.
    mutating func table(_ headings: [String], _ rows: [[String]]) {
        let numeric = headings.map { $0.hasSuffix("#") }
        body += "<table><thead><tr>"
        for (index, heading) in headings.enumerated() {
            let text = numeric[index] ? String(heading.dropLast()) : heading
            body += numeric[index] ? "<th class=\"n\">\(Markup.escape(text))</th>" : "<th>\(Markup.escape(text))</th>"
        }
        body += "</tr></thead><tbody>"
        for row in rows {
            body += "<tr>"
            for (index, cell) in row.enumerated() {
                var classes: [String] = []
                if index < numeric.count, numeric[index] { classes.append("n") }
                if cell.hasPrefix("✓ ") { classes.append("pass") }
                if cell.hasPrefix("✗ ") { classes.append("fail") }
                body += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                body += Markup.escape(cell) + "</td>"
            }
            body += "</tr>"
        }
        body += "</tbody></table>\n"
    }

    /// The finished document.
    func html(footer: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(Self.style)
        </style>
        </head>
        <body>
        <main>
        \(body)<footer>\(Markup.escape(footer))</footer>
        </main>
        </body>
        </html>

        """
    }
}
