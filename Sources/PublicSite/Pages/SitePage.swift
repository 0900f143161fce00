import LedgerCore
import Statements

/// The frame every page of the site shares: `lang`, the title, the donor statement's printable
/// style sheet, the fund's name, the page's heading, the date of its figures, the navigation
/// between the pages (`verify.html` included) and a footer saying where the figures come from.
/// Written as XHTML-compatible HTML (every element closed), with no script, font, image or
/// style sheet fetched from anywhere.
struct SitePage {
    /// A page of the site: its file and its name in the navigation.
    struct Link {
        let file: String
        let title: String
    }

    let figures: SiteFigures
    let text: SiteText
    let format: StatementFormat

    init(_ figures: SiteFigures, _ text: SiteText) {
        self.figures = figures
        self.text = text
        format = StatementFormat(text.language)
    }

    /// The site's pages in navigation order.
    var links: [Link] {
        [Link(file: "index.html", title: text.atAGlance), Link(file: "grants.html", title: text.grantsTitle),
         Link(file: "checkpoint.html", title: text.checkpointTitle), Link(file: "verify.html", title: text.verifyTitle)]
    }

    /// The whole document for the page `file` titled `title`, whose content is `main` (HTML).
    func document(file: String, title: String, main: String) -> String {
        let fund = HTMLMarkup.escape(figures.fundName)
        return """
            <!DOCTYPE html>
            <html lang="\(text.language.rawValue)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(HTMLMarkup.escape(title)) – \(fund)</title>
            <style>
            \(StatementStyle.css)
            \(Self.css)
            </style>
            </head>
            <body>
            <header class="title"><p class="fund">\(fund) · \(HTMLMarkup.escape(text.siteName))</p><h1>\(HTMLMarkup.escape(title))</h1>\
            <p class="as-of" data-as-of="\(figures.asOf)">\(HTMLMarkup.escape(text.figuresUpTo(format.date(figures.asOf)))) \
            \(HTMLMarkup.escape(text.amountsIn(figures.currency.code)))</p></header>
            \(navigation(current: file))
            <main>
            \(main)
            </main>
            <footer>\(HTMLMarkup.paragraph(text.madeFrom, class: "note"))</footer>
            </body>
            </html>

            """
    }

    /// The links between the pages, the current one marked `aria-current`.
    func navigation(current: String) -> String {
        let items = links.map { link in
            let mark = link.file == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(link.file)\"\(mark)>\(HTMLMarkup.escape(link.title))</a></li>"
        }.joined()
        return "<nav aria-label=\"\(HTMLMarkup.escape(text.navigation))\"><ul>\(items)</ul></nav>"
    }

    /// A section with heading `heading` (h2) and `content` (HTML).
    func section(_ heading: String, _ content: String, id: String) -> String {
        "<section id=\"\(id)\">" + HTMLMarkup.element("h2", HTMLMarkup.escape(heading)) + content + "</section>\n"
    }

    /// An amount as people read it, the exact decimal kept in `data-value` with what it is.
    func cell(_ amount: Amount, _ data: [(name: String, value: String)]) -> HTMLCell {
        HTMLCell(format.number(minorUnits: amount.minorUnits, exponent: amount.currency.exponent),
                 data: data + [(name: "value", value: amount.decimalString)])
    }

    /// A chart in a figure, or nothing when it has no bars.
    func chart(_ title: String, _ bars: [BarChart.Bar]) -> String {
        let chart = BarChart(bars: bars, currency: figures.currency, format: format, title: title,
                             axisTitle: text.valueIn(figures.currency.code))
        return chart.svg.map { HTMLMarkup.element("figure", $0 + HTMLMarkup.element("figcaption", HTMLMarkup.escape(title))) } ?? ""
    }

    /// What the site adds to the statement's style sheet: the navigation, and the page on screens.
    static let css = """
        nav ul { list-style: none; margin: 0 0 4mm; padding: 0; display: flex; flex-wrap: wrap; gap: 1mm 5mm; }
        nav a { color: #000; }
        nav a[aria-current="page"] { font-weight: bold; text-decoration: none; }
        caption { text-align: left; font-weight: bold; padding: 1mm 0; }
        figcaption { font-size: 8pt; font-style: italic; }
        footer { margin-top: 6mm; border-top: 0.5pt solid #000; }
        @media print { nav { display: none; } }
        """
}
