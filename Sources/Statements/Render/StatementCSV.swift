import LedgerCore
import SafeIO

/// A donor statement as one flat CSV table (RFC 4180: comma-separated, CRLF line ends, fields
/// quoted when they hold a comma, a quote or a line break, quotes doubled; text that a
/// spreadsheet would run as a formula gets a leading `'`).
///
/// The first column, `section`, says what a row is: `agreement`, `pledge`, `receipt`,
/// `instalment`, `refund` or `fund_use`. Amounts are exact decimals with a point and no grouping
/// (`1234.56`, `-1500`), dates are `YYYY-MM-DD`, flags are `true`/`false`: numbers are never
/// localised, so the file reads back the same in any language. In French only the header and
/// the `label` column (the fund-use lines in words) change.
public enum StatementCSV {
    /// The column keys, in order: the English header.
    public static let columnKeys = [
        "section", "ref", "agreement", "date", "due", "currency", "amount", "rate", "rate_from",
        "value_currency", "value", "received", "written_off", "outstanding", "conditional", "earmark", "status",
        "bank_ref", "seq", "item", "label", "count",
    ]

    /// The CSV for `statement`, with a header row in `language`.
    public static func render(_ statement: DonorStatement, language: StatementLanguage) -> String {
        let rows = CSVRows(statement: statement, text: StatementText.of(language)).all
        let lines = [header(language)] + rows.map { row in columnKeys.map { row[$0] ?? "" } }
        return lines.map { $0.map(quote).joined(separator: ",") + "\r\n" }.joined()
    }

    /// The header row: the keys in English, their translation in French.
    static func header(_ language: StatementLanguage) -> [String] {
        switch language {
        case .en: columnKeys
        case .fr: columnKeys.map { frenchHeader[$0] ?? $0 }
        }
    }

    /// `field` made inert for spreadsheets (a leading `'` before `=`, `+`, `-`, `@`, tab or CR,
    /// exact numbers kept) and quoted when RFC 4180 requires it: see ``CSVCell``.
    static func quote(_ field: String) -> String {
        CSVCell.encode(field)
    }

    private static let frenchHeader = [
        "section": "section", "ref": "référence", "agreement": "accord", "date": "date",
        "due": "échéance", "currency": "devise", "amount": "montant", "rate": "taux",
        "rate_from": "taux_depuis", "value_currency": "devise_contre_valeur", "value": "contre_valeur",
        "received": "encaissé", "written_off": "passé_en_pertes", "outstanding": "restant_dû", "conditional": "conditionnel",
        "earmark": "affectation", "status": "statut", "bank_ref": "référence_bancaire",
        "seq": "écriture", "item": "poste", "label": "libellé", "count": "nombre",
    ]
}

/// The statement's rows, each a dictionary from column key to field.
private struct CSVRows {
    typealias Row = [String: String]

    let statement: DonorStatement
    let text: StatementText

    var all: [Row] {
        statement.agreements.map(agreement) + statement.pledges.map(pledge)
            + statement.receiptsByDate.map { money($0, section: "receipt") }
            + statement.agreements.flatMap(instalments)
            + statement.refunds.map { money($0, section: "refund") } + fundUse
    }

    private func agreement(_ agreement: DonorStatement.Agreement) -> Row {
        var row = amounts(section: "agreement", amount: agreement.amount, value: agreement.value)
        row["ref"] = agreement.ref
        row["date"] = agreement.date.description
        row["received"] = agreement.received.decimalString
        row["written_off"] = agreement.writtenOff.decimalString
        row["outstanding"] = agreement.outstanding.decimalString
        row["conditional"] = agreement.conditional ? "true" : "false"
        row["earmark"] = agreement.earmark
        return row
    }

    private func pledge(_ pledge: DonorStatement.Pledge) -> Row {
        var row = amounts(section: "pledge", amount: pledge.amount, value: pledge.value)
        row["ref"] = pledge.ref
        row["date"] = pledge.date.description
        row["status"] = pledge.status
        return row
    }

    private func money(_ money: DonorStatement.Money, section: String) -> Row {
        var row = amounts(section: section, amount: money.amount, value: money.value)
        row[section == "receipt" ? "agreement" : "ref"] = money.reference
        row["date"] = money.date.description
        row["rate"] = money.rate
        row["rate_from"] = money.rateFrom?.description
        row["bank_ref"] = money.bankRef
        row["seq"] = String(money.seq)
        return row
    }

    private func instalments(_ agreement: DonorStatement.Agreement) -> [Row] {
        agreement.instalments.map { instalment in
            [
                "section": "instalment", "agreement": agreement.ref, "due": instalment.due.description,
                "currency": instalment.amount.currency.code, "amount": instalment.amount.decimalString,
                "outstanding": instalment.outstanding.decimalString,
            ]
        }
    }

    private var fundUse: [Row] {
        let use = statement.fundUse
        let lines: [(String, String, Amount)] = [
            ("grants_committed", text.grantsCommitted, use.grantsCommitted),
            ("grants_paid", text.grantsPaid(String(use.grantsPaidCount), use.grantsPaidCount), use.grantsPaid),
            ("grants_spent", text.grantsSpent, use.grantsSpent),
            ("psc", text.psc, use.psc),
            ("fund_balance", text.fundBalance, use.fundBalance),
            ("reserve", text.reserve, use.reserve),
        ]
        return lines.map { item, label, amount in
            var row = ["section": "fund_use", "item": item, "label": label]
            row["currency"] = amount.currency.code
            row["amount"] = amount.decimalString
            if item == "grants_paid" { row["count"] = String(use.grantsPaidCount) }
            return row
        }
    }

    private func amounts(section: String, amount: Amount, value: Amount) -> Row {
        [
            "section": section, "currency": amount.currency.code, "amount": amount.decimalString,
            "value_currency": value.currency.code, "value": value.decimalString,
        ]
    }
}
