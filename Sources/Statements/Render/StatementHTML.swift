import LedgerCore

/// A donor statement as one self-contained, printable HTML page (A4): inline CSS and an inline
/// SVG chart only, with no script, font, image or any other resource fetched from anywhere.
public enum StatementHTML {
    /// The whole HTML document for `statement`, in `language`. Every text from the statement is
    /// escaped; figures are formatted by ``StatementFormat``.
    public static func render(_ statement: DonorStatement, language: StatementLanguage) -> String {
        StatementPage(statement: statement, language: language).document
    }
}

/// The page being written: the statement with its formatter and texts.
struct StatementPage {
    let statement: DonorStatement
    let language: StatementLanguage
    let format: StatementFormat
    let text: StatementText

    init(statement: DonorStatement, language: StatementLanguage) {
        self.statement = statement
        self.language = language
        self.format = StatementFormat(language)
        self.text = StatementText.of(language)
    }

    var document: String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLMarkup.escape(pageTitle))</title>
        <style>
        \(StatementStyle.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    private var pageTitle: String {
        "\(text.title) – \(statement.donor.name) – \(format.date(statement.to))"
    }

    private var body: String {
        var parts = [titleBlock, auditBlock]
        if !statement.hasActivity {
            parts.append(HTMLMarkup.paragraph(text.noActivity, class: "empty"))
        }
        parts += [
            agreementsSection, pledgesSection, receiptsSection, chartSection, instalmentsSection,
            refundsSection, fundUseSection, verificationSection,
        ]
        return parts.joined(separator: "\n")
    }

    /// `<section>` with an `<h2>` heading and `content` (HTML).
    func section(_ heading: String, _ content: String, class className: String? = nil) -> String {
        HTMLMarkup.element("section", HTMLMarkup.element("h2", HTMLMarkup.escape(heading)) + content, class: className)
    }

    /// `table` when there are rows, else a paragraph saying `empty`.
    func tableOrEmpty(_ table: HTMLTable, empty: String) -> String {
        table.rows.isEmpty ? HTMLMarkup.paragraph(empty, class: "empty") : table.html
    }

    /// An amount, or an em dash for none.
    func money(_ amount: Amount?) -> String {
        amount.map(format.amount) ?? "—"
    }
}
