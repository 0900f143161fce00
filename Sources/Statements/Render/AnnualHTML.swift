import LedgerCore
import SafeIO
public import TrustFund

/// The annual financial report as one self-contained, printable HTML page (A4, the donor
/// statement's inline style sheet; no script, font, image or other resource fetched), in
/// English or French: each statement with the year and the prior year side by side, then the
/// notes. Amounts exact, grouped as the donor statement groups them.
public enum AnnualHTML {
    /// The report as a complete HTML document in `language`.
    public static func render(_ report: AnnualReport, language: StatementLanguage) -> String {
        AnnualPage(report: report, language: language).document
    }
}

/// The annual report as one flat CSV table: statement (or note), section, line, current,
/// prior; amounts exact decimals with a point and no grouping, labels in `language`.
public enum AnnualCSV {
    /// The report as CSV text (a header row, then one row per line) in `language`.
    public static func render(_ report: AnnualReport, language: StatementLanguage) -> String {
        let format = StatementFormat(language)
        let header = language == .fr
            ? ["état", "section", "poste", "exercice \(report.year)", "exercice \(report.year - 1)"]
            : ["statement", "section", "line", "current \(report.year)", "prior \(report.year - 1)"]
        let rows = report.flatRows { AnnualText.label($0, language, format) }
        return ([header] + rows).map(CSVCell.line).joined()
    }
}

struct AnnualPage {
    let report: AnnualReport
    let language: StatementLanguage
    let format: StatementFormat

    init(report: AnnualReport, language: StatementLanguage) {
        self.report = report
        self.language = language
        format = StatementFormat(language)
    }

    func t(_ english: String) -> String { AnnualText.label(english, language, format) }

    /// A label as HTML: in French, one the dictionary does not know (a name from the ledger, or
    /// a label a report gained since) is kept in English and marked `lang="en"`.
    func label(_ english: String) -> String {
        let text = e(t(english))
        guard language == .fr, AnnualText.french(AnnualComparative.withoutDates(english)) == nil else { return text }
        return "<span lang=\"en\">\(text)</span>"
    }
    func e(_ text: String) -> String { HTMLMarkup.escape(text) }

    var document: String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e("\(t("Annual financial report")) \(report.year) – \(report.fundName)"))</title>
        <style>
        \(StatementStyle.css)
        h3 { margin: 4mm 0 1.5mm; font-size: 9.5pt; break-after: avoid; page-break-after: avoid; }
        tr.section td { font-weight: bold; border-bottom: 0.5pt solid #000; padding-top: 2mm; }
        tr.total td { font-weight: bold; }
        section.statement { break-before: page; page-break-before: always; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    var body: String {
        var parts = [header]
        for statement in report.statements { parts.append(self.statement(statement)) }
        parts.append(HTMLMarkup.element("section", HTMLMarkup.element("h2", e(t("Notes to the financial statements")))
            + report.notes.enumerated().map { note($0.offset + 1, $0.element) }.joined(), class: "statement"))
        return parts.joined(separator: "\n")
    }

    var header: String {
        let facts = [
            (t("Period"), "\(format.date(report.from)) – \(format.date(report.to))"),
            (t("Prior period"), report.hasPrior ? "\(format.date(report.priorFrom)) – \(format.date(report.priorTo))" : "—"),
            (t("Figures in"), report.currency.code),
            (t("Made on"), format.date(report.made)),
        ]
        let list = facts.map { "<dt>\(e($0.0))</dt><dd>\(e($0.1))</dd>" }.joined()
        return """
            <header class="title"><p class="fund">\(e(report.fundName))</p><h1>\(e("\(t("Annual financial report")) \(report.year)"))</h1>\
            <dl class="facts">\(list)</dl></header>
            \(HTMLMarkup.paragraph(t("Prepared from the fund's signed journal; every figure can be recomputed with vtf report."), class: "note"))
            """
    }

    func money(_ amount: Amount?) -> String {
        amount.map { format.number(minorUnits: $0.minorUnits, exponent: $0.currency.exponent) } ?? ""
    }

    /// The rows of a statement or note with the two years' figures, a heading row per section.
    func comparative(_ rows: [AnnualRow]) -> String {
        var html = "<table><thead><tr><th>\(e(t("Line")))</th><th class=\"num\">\(report.year)</th><th class=\"num\">\(report.year - 1)</th></tr></thead><tbody>"
        var section: String? = nil
        for row in rows {
            if row.section != section, !row.section.isEmpty, row.parts != [row.section] {
                html += "<tr class=\"section\"><td colspan=\"3\">\(label(row.section))</td></tr>"
            }
            section = row.section
            let text = row.parts.map(label).joined(separator: " ")
            let isTotal = row.parts.first.map { $0.hasPrefix("Total") || $0.hasPrefix("Net ") || $0.hasPrefix("Closing") || $0.hasPrefix("Cash at the end") } ?? false
            html += "<tr\(isTotal ? " class=\"total\"" : "")><td>\(text)</td><td class=\"num\">\(e(money(row.current)))</td><td class=\"num\">\(e(money(row.prior)))</td></tr>"
        }
        return html + "</tbody></table>\n"
    }

    func statement(_ statement: AnnualStatement) -> String {
        let checks = statement.checks.map { HTMLMarkup.paragraph(AnnualText.phrase($0, language, format), class: "note") }.joined()
        return HTMLMarkup.element("section", HTMLMarkup.element("h2", label(statement.title)) + comparative(statement.rows) + checks, class: "statement")
    }

    func note(_ number: Int, _ note: AnnualNote) -> String {
        var html = HTMLMarkup.element("h3", e("\(number). \(t(note.title))"))
        for paragraph in note.paragraphs { html += HTMLMarkup.paragraph(AnnualText.phrase(paragraph, language, format)) }
        if !note.rows.isEmpty { html += comparative(note.rows) }
        for table in note.tables {
            if let title = table.title { html += HTMLMarkup.paragraph(t(title), class: "note") }
            let columns = table.columns.map { $0.isAmount ? HTMLColumn.number(t($0.title)) : HTMLColumn.text(t($0.title)) }
            let rows = table.rows.map { row in
                zip(table.columns, row).map { column, cell in column.isAmount ? (format.decimal(cell) ?? cell) : cell }
            }
            html += HTMLTable(columns: columns, rows: rows).html
        }
        return HTMLMarkup.element("section", html)
    }
}
