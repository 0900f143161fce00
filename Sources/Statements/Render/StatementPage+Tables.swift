import LedgerCore

extension StatementPage {
    private var valueTitle: String { text.valueIn(statement.fund.currency.code) }

    /// Agreements: amount and value, terms and earmark, what was received, written off and is
    /// outstanding (amount = received + written off + outstanding).
    var agreementsSection: String {
        let columns: [HTMLColumn] = [
            .fixed(text.reference), .text(text.signed), .number(text.amount), .number(valueTitle),
            .text(text.termsAndEarmark), .number(text.received), .number(text.writtenOff), .number(text.outstanding),
        ]
        let rows = statement.agreements.map { agreement in
            [
                agreement.ref, format.date(agreement.date), format.amount(agreement.amount),
                format.amount(agreement.value), terms(agreement), format.amount(agreement.received),
                format.amount(agreement.writtenOff), format.amount(agreement.outstanding),
            ]
        }
        let table = HTMLTable(columns: columns, rows: rows, footer: valueFooter(statement.agreements.map(\.value), at: 3))
        return section(text.agreements, tableOrEmpty(table, empty: text.noAgreements))
    }

    /// "Conditional · Sahel": the terms, then the earmark if there is one.
    private func terms(_ agreement: DonorStatement.Agreement) -> String {
        let terms = agreement.conditional ? text.conditional : text.unconditional
        return agreement.earmark.map { "\(terms) · \($0)" } ?? terms
    }

    /// Pledges: amount, value and whether each became an agreement.
    var pledgesSection: String {
        let columns: [HTMLColumn] = [
            .fixed(text.reference), .fixed(text.date), .number(text.amount), .number(valueTitle), .text(text.status),
        ]
        let rows = statement.pledges.map { pledge in
            [pledge.ref, format.date(pledge.date), format.amount(pledge.amount), format.amount(pledge.value), pledgeStatus(pledge.status)]
        }
        return section(text.pledges, tableOrEmpty(HTMLTable(columns: columns, rows: rows), empty: text.noPledges))
    }

    /// Receipts: the money received, at which rate, its value, and where it is in the journal.
    var receiptsSection: String {
        let table = moneyTable(statement.receiptsByDate, referenceTitle: text.agreement, bank: true)
        return section(text.receipts, tableOrEmpty(table, empty: text.noReceipts))
    }

    /// Refunds paid back to the donor.
    var refundsSection: String {
        let refunds = statement.refunds.sorted { ($0.date, $0.seq) < ($1.date, $1.seq) }
        let table = moneyTable(refunds, referenceTitle: text.refundRef, bank: false)
        return section(text.refunds, tableOrEmpty(table, empty: text.noRefunds))
    }

    /// Instalments not yet (fully) paid, by due date, overdue or not on the statement's last day.
    var instalmentsSection: String {
        let columns: [HTMLColumn] = [
            .fixed(text.agreement), .fixed(text.due), .number(text.amount), .number(text.outstanding), .text(text.status),
        ]
        let rows = statement.outstandingInstalments.map { item in
            let instalment = item.instalment
            let status = instalment.due < statement.to ? text.overdue : text.notYetDue
            return [
                item.agreement, format.date(instalment.due), format.amount(instalment.amount),
                format.amount(instalment.outstanding), status,
            ]
        }
        return section(text.instalments, tableOrEmpty(HTMLTable(columns: columns, rows: rows), empty: text.noOutstanding))
    }

    /// The fund-wide figures: commitments, disbursements, spending, PSC, balance and reserve;
    /// when the statement carries proofs, which of them the sealed balances prove.
    var fundUseSection: String {
        let use = statement.fundUse
        let rows: [(String, Amount, String)] = [
            (text.grantsCommitted, use.grantsCommitted, "grants_committed"),
            (text.grantsPaid(format.count(use.grantsPaidCount), use.grantsPaidCount), use.grantsPaid, "grants_paid"),
            (text.grantsSpent, use.grantsSpent, "grants_spent"),
            (text.psc, use.psc, "psc"),
            (text.fundBalance, use.fundBalance, "fund_balance"),
            (text.reserve, use.reserve, "reserve"),
        ]
        var columns: [HTMLColumn] = [.text(""), .number(statement.fund.currency.code)]
        var note = HTMLMarkup.paragraph(text.fundUseNote, class: "note")
        let proven = Set(statement.proofs?.figures.map(\.figure) ?? [])
        if statement.proofs != nil {
            columns.append(.text(text.proven))
            note += HTMLMarkup.paragraph(text.provenNote, class: "note")
        }
        let cells = rows.map { label, amount, name in
            [label, format.amount(amount)] + (statement.proofs == nil ? [] : [proven.contains("fund_use." + name) ? text.provenMark : ""])
        }
        return section(text.fundUse, note + HTMLTable(columns: columns, rows: cells).html, class: "fund-use")
    }

    /// Receipts or refunds: date, reference, amount, rate, value, bank reference, journal entry.
    private func moneyTable(_ items: [DonorStatement.Money], referenceTitle: String, bank: Bool) -> HTMLTable {
        var columns: [HTMLColumn] = [
            .fixed(text.date), .fixed(referenceTitle), .number(text.amount), .text(text.rate), .number(valueTitle),
        ]
        if bank { columns.append(.text(text.bankRef)) }
        columns.append(.number(text.entry))
        let rows = items.map { item in
            var cells = [format.date(item.date), item.reference, format.amount(item.amount), rate(item), format.amount(item.value)]
            if bank { cells.append(item.bankRef ?? "—") }
            cells.append(String(item.seq))
            return cells
        }
        return HTMLTable(columns: columns, rows: rows, footer: valueFooter(items.map(\.value), at: 4))
    }

    /// "1 USD = 0,9215 EUR, depuis le 1er mars 2026" (the rate is in units per fund unit), or an
    /// em dash in the fund currency.
    private func rate(_ item: DonorStatement.Money) -> String {
        guard let rate = item.rate else { return "—" }
        let space = StatementFormat.currencySpace
        let figure = format.decimal(rate) ?? rate
        let quote = "1\(space)\(statement.fund.currency.code) = \(figure)\(space)\(item.amount.currency.code)"
        guard let from = item.rateFrom else { return quote }
        return "\(quote), \(text.rateFrom(format.date(from)))"
    }

    /// A totals row with the sum of `values` in column `index`, when there are several to add.
    private func valueFooter(_ values: [Amount], at index: Int) -> [String]? {
        guard values.count > 1, let sum = DonorStatement.total(values, in: statement.fund.currency) else { return nil }
        var cells = Array(repeating: "", count: index + 1)
        cells[0] = text.total
        cells[index] = format.amount(sum)
        return cells
    }

    private func pledgeStatus(_ status: String) -> String {
        switch status {
        case "open": text.pledgeOpen
        case "converted": text.pledgeConverted
        default: status
        }
    }
}

extension StatementPage {
    /// The receipts chart, or a sentence saying there is nothing to chart.
    var chartSection: String {
        let chart = ReceiptsChart(
            receipts: statement.receiptsByDate, currency: statement.fund.currency, format: format, text: text
        )
        let content = chart.svg.map { HTMLMarkup.element("figure", $0) }
            ?? HTMLMarkup.paragraph(text.noChart, class: "empty")
        return section(text.chart, content, class: "chart")
    }
}
