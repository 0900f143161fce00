import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The trial balance as of a date: every account line, its amount in its own currency and its
/// value in the fund currency as a debit or a credit; the debits equal the credits.
public struct TrialBalanceReport {
    /// One account in one currency.
    public struct Line: Sendable, Equatable {
        /// The account, e.g. `1200.BEL`.
        public let account: AccountCode
        /// The account's name as opened.
        public let name: String
        /// The balance in the line's own currency, debit-positive.
        public let amount: Amount
        /// The value when it is a debit, else zero.
        public let debit: Amount
        /// The value (as a positive number) when it is a credit, else zero.
        public let credit: Amount
    }

    /// The fund and the date.
    public let heading: ReportHeading
    /// One line per account and currency with a balance, by account.
    public let lines: [Line]
    /// Σ debits, in the fund currency.
    public let totalDebit: Amount
    /// Σ credits (positive), in the fund currency.
    public let totalCredit: Amount

    /// Whether the debits equal the credits.
    public var balances: Bool { totalDebit == totalCredit }

    /// Reads the balances of every account as of the basis's date.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        lines = try basis.ledger.trialBalance(asOf: basis.asOf).map { row in
            let isDebit = row.value.minorUnits > 0
            return Line(
                account: row.account, name: basis.name(of: row.account), amount: row.amount,
                debit: isDebit ? row.value : basis.zero, credit: isDebit ? basis.zero : try row.value.negated())
        }
        totalDebit = try Money.sum(lines.map(\.debit), basis.currency)
        totalCredit = try Money.sum(lines.map(\.credit), basis.currency)
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        var table = ReportTable([
            ReportColumn("ACCOUNT"), ReportColumn("NAME"), ReportColumn("CURRENCY"), ReportColumn("AMOUNT", amount: true),
            ReportColumn("DEBIT \(code)", amount: true), ReportColumn("CREDIT \(code)", amount: true),
        ])
        for line in lines {
            table.add([
                line.account.rawValue, line.name, line.amount.currency.code, line.amount.decimalString,
                line.debit.isZero ? "" : line.debit.decimalString, line.credit.isZero ? "" : line.credit.decimalString,
            ])
        }
        let csv = table
        table.add(["total", "", "", "", totalDebit.decimalString, totalCredit.decimalString])
        let note = balances
            ? "Debits equal credits: \(totalDebit.decimalString) \(code)."
            : "Debits (\(totalDebit.decimalString)) DO NOT equal credits (\(totalCredit.decimalString)): run vtf verify."
        let rows: [JSONValue] = lines.map { line in
            .object(JSONObject([
                ("account", .string(line.account.rawValue)), ("name", .string(line.name)),
                ("currency", .string(line.amount.currency.code)), ("amount", .amount(line.amount)),
                ("debit", .amount(line.debit)), ("credit", .amount(line.credit)),
            ]))
        }
        return heading.document("Trial balance", tables: [table], notes: [note], csv: csv, json: [
            ("rows", .array(rows)),
            ("totals", .object(JSONObject([("debit", .amount(totalDebit)), ("credit", .amount(totalCredit))]))),
            ("balanced", .bool(balances)),
        ])
    }
}
