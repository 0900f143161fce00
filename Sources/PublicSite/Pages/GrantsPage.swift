import Statements

/// `grants.html`: every grant awarded up to the date, its grantee as the Fund chose to show it
/// (never the grantee's id or private name), country, sector, cycle, award, payments, status.
struct GrantsPage {
    let page: SitePage

    var text: SiteText { page.text }

    var html: String {
        let grants = page.figures.grants
        let rows = grants.grants.map { grant -> [HTMLCell] in
            let sector = grant.grantee.sector.map { SectorNames.label($0, text.language.rawValue) } ?? ""
            return [
                HTMLCell(grant.id, data: [(name: "grant", value: grant.id)]), HTMLCell(grant.grantee.label(text)),
                HTMLCell(grant.grantee.countryName(text) ?? ""), HTMLCell(sector), HTMLCell(grant.cycle ?? ""),
                page.cell(grant.awarded, [(name: "figure", value: "awarded"), (name: "grant", value: grant.id)]),
                page.cell(grant.paid, [(name: "figure", value: "paid"), (name: "grant", value: grant.id)]),
                HTMLCell(grant.isClosed ? text.closed : text.open),
            ]
        }
        let footer = [HTMLCell(text.total), HTMLCell(""), HTMLCell(""), HTMLCell(""), HTMLCell(""),
                      page.cell(grants.awarded, [(name: "figure", value: "awarded"), (name: "grant", value: "total")]),
                      page.cell(grants.paid, [(name: "figure", value: "paid"), (name: "grant", value: "total")])]
        let table = HTMLTable(
            columns: [.fixed(text.grant), .text(text.grantee), .text(text.country), .text(text.sector), .text(text.cycle),
                      .number(text.awarded), .number(text.paid), .text(text.status)],
            cells: rows, footer: footer, caption: text.grantsCaption(page.format.date(page.figures.asOf)))
        let content = HTMLMarkup.paragraph(text.grantsIntro)
            + (rows.isEmpty ? HTMLMarkup.paragraph(text.noGrants, class: "empty") : table.html)
        return page.document(file: "grants.html", title: text.grantsTitle, main: content)
    }
}
