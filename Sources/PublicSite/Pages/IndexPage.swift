import LedgerCore
import Statements

/// `index.html`: the fund at a glance. The main figures, contributions by donor and by year,
/// grants by year and by cycle, PSC, the reserve and net assets, each table cell holding its
/// exact figure in `data-value` (and what it is in `data-figure`, `data-year`, `data-donor`,
/// `data-cycle`), with bar charts of the receipts and payments.
struct IndexPage {
    let page: SitePage

    var text: SiteText { page.text }
    var figures: SiteFigures { page.figures }

    var html: String {
        page.document(file: "index.html", title: text.atAGlance, main: [brief, donors, years, cycles, reserve].joined())
    }

    /// The headline figures, as a table of two columns.
    var brief: String {
        let rows: [(String, String, Amount)] = [
            (text.contributionsReceived, "received", figures.contributions.total.received),
            (text.grantsAwarded, "awarded", figures.grants.awarded),
            (text.grantsPaid, "paid", figures.grants.paid),
            (text.pscCharged, "psc", (try? ContributionFigures.sum(figures.pscByYear, .zero(figures.currency))) ?? .zero(figures.currency)),
            (text.operatingReserve, "reserve", figures.reserve),
            (text.netAssets, "net_assets", figures.netAssets),
        ]
        let table = HTMLTable(
            columns: [.text(""), .number(figures.currency.code)],
            cells: rows.map { [HTMLCell($0.0), page.cell($0.2, [(name: "figure", value: $0.1)])] },
            caption: text.inBriefCaption(page.format.date(figures.asOf)))
        return page.section(text.inBrief, table.html, id: "brief")
    }

    var donors: String {
        let contributions = figures.contributions
        let cells = contributions.donors.map { donor -> [HTMLCell] in
            let key = donor.id ?? "individual"
            return [HTMLCell(donor.name ?? text.individualDonors(donor.count))] + [
                ("pledged", donor.pledged), ("agreed", donor.agreed), ("received", donor.received),
            ].map { page.cell($0.1, [(name: "figure", value: $0.0), (name: "donor", value: key)]) }
        }
        let footer = [HTMLCell(text.total)] + [
            ("pledged", contributions.total.pledged), ("agreed", contributions.total.agreed), ("received", contributions.total.received),
        ].map { page.cell($0.1, [(name: "figure", value: $0.0), (name: "donor", value: "total")]) }
        let table = HTMLTable(
            columns: [.text(text.donor), .number(text.pledged), .number(text.agreed), .number(text.received)],
            cells: cells, footer: footer, caption: text.byDonorCaption(page.format.date(figures.asOf)))
        let bars = contributions.donors.map { donor in
            let name = donor.name ?? text.individualDonors(donor.count)
            return BarChart.Bar(label: Self.short(name), value: donor.received, caption: "\(name) · \(page.format.amount(donor.received))")
        }
        let content = table.html + HTMLMarkup.paragraph(text.contributionsNote, class: "note") + page.chart(text.receivedByDonorChart, bars)
        return page.section(text.byDonor, content, id: "donors")
    }

    var years: String {
        let contributions = HTMLTable(
            columns: [.fixed(text.year), .number(text.pledged), .number(text.agreed), .number(text.received)],
            cells: figures.contributions.byYear.map { line in
                [HTMLCell(String(line.year))] + [("pledged", line.pledged), ("agreed", line.agreed), ("received", line.received)].map {
                    page.cell($0.1, [(name: "figure", value: $0.0), (name: "year", value: String(line.year))])
                }
            },
            caption: text.contributionsByYearCaption)
        let grants = HTMLTable(
            columns: [.fixed(text.year), .number(text.awarded), .number(text.paid), .number(text.pscCharged)],
            cells: zip(figures.grants.byYear, figures.pscByYear).map { line, psc in
                [HTMLCell(String(line.year))] + [("awarded", line.awarded), ("paid", line.paid), ("psc", psc)].map {
                    page.cell($0.1, [(name: "figure", value: $0.0), (name: "year", value: String(line.year))])
                }
            },
            caption: text.grantsByYearCaption)
        let received = figures.contributions.byYear.map { line in
            BarChart.Bar(label: String(line.year), value: line.received, caption: "\(line.year) · \(page.format.amount(line.received))")
        }
        let paid = figures.grants.byYear.map { line in
            BarChart.Bar(label: String(line.year), value: line.paid, caption: "\(line.year) · \(page.format.amount(line.paid))")
        }
        let content = contributions.html + page.chart(text.receivedByYearChart, received) + grants.html + page.chart(text.grantsPaidByYearChart, paid)
        return page.section(text.byYear, content, id: "years")
    }

    var cycles: String {
        let table = HTMLTable(
            columns: [.text(text.cycle), .number(text.grantCount), .number(text.awarded), .number(text.paid)],
            cells: figures.grants.byCycle.map { cycle in
                let key = cycle.name ?? ""
                return [HTMLCell(cycle.name ?? text.noCycle), HTMLCell(page.format.count(cycle.count), data: [(name: "count", value: String(cycle.count))])]
                    + [("awarded", cycle.awarded), ("paid", cycle.paid)].map { page.cell($0.1, [(name: "figure", value: $0.0), (name: "cycle", value: key)]) }
            },
            caption: text.grantsByCycleCaption)
        return page.section(text.byCycle, table.html, id: "cycles")
    }

    var reserve: String {
        let table = HTMLTable(
            columns: [.text(""), .number(figures.currency.code)],
            cells: [[HTMLCell(text.netAssets), page.cell(figures.netAssets, [(name: "figure", value: "net_assets")])],
                    [HTMLCell(text.operatingReserve), page.cell(figures.reserve, [(name: "figure", value: "reserve")])]],
            caption: "\(text.netAssets) · \(page.format.date(figures.asOf))")
        return page.section(text.netAssets, table.html + HTMLMarkup.paragraph(text.reserveNote, class: "note"), id: "net-assets")
    }

    /// A name short enough to sit under a bar beside nine others: at most 10 characters, cut
    /// with "…" (the bar's title and the table give it whole).
    static func short(_ name: String) -> String {
        name.count <= 10 ? name : String(name.prefix(9)) + "…"
    }
}
