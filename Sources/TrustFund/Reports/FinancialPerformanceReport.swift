import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The statement of financial performance for a period: revenue (credit-positive) and
/// expenses (debit-positive) by chart account, sub-accounts rolled up, and the surplus or
/// deficit. The year-end close (`year.close`) is left out, so a closed year still shows. FX
/// gains (4900) and losses (5900) are netted into one line (``ForeignExchangeNote``).
public struct FinancialPerformanceReport {
    /// One chart account's total for the period.
    public struct Line: Sendable, Equatable {
        /// The chart account, sub-accounts rolled up into it.
        public let account: AccountCode
        /// The account's name (for the FX line, ``ForeignExchangeNote/label``).
        public let name: String
        /// The period's total in the fund currency: revenue credit-positive, expenses debit-positive.
        public let value: Amount
    }

    /// The fund and the period.
    public let heading: ReportHeading
    /// Revenue lines by account, the net FX gain among them when there is one.
    public let revenue: [Line]
    /// Expense lines by account, the net FX loss among them when there is one.
    public let expenses: [Line]
    /// Σ revenue, in the fund currency.
    public let totalRevenue: Amount
    /// Σ expenses, in the fund currency.
    public let totalExpenses: Amount
    /// Revenue − expenses (negative: a deficit).
    public let surplus: Amount
    /// The net FX line's realised and unrealised parts.
    public let foreignExchange: ForeignExchangeNote

    /// Sums the postings dated in the basis's period.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let balances = BalanceSet(
            rows: try basis.ledger.postingTotals(from: basis.from, through: basis.asOf, excluding: [.yearClose]),
            currency: basis.currency)
        foreignExchange = try ForeignExchangeNote(basis)
        let fx = foreignExchange
        revenue = try Self.lines(.revenue, credit: true, balances, basis).filter { $0.account != FundChart.fxGains } + (fx.isLoss ? [] : [fx.line])
        expenses = try Self.lines(.expense, credit: false, balances, basis).filter { $0.account != FundChart.fxLosses } + (fx.isLoss ? [fx.line] : [])
        totalRevenue = try Money.sum(revenue.map(\.value), basis.currency)
        totalExpenses = try Money.sum(expenses.map(\.value), basis.currency)
        surplus = try totalRevenue.subtracting(totalExpenses)
    }

    /// One line per chart account of `type` (all of the chart's, and any other that moved).
    static func lines(_ type: AccountType, credit: Bool, _ balances: BalanceSet, _ basis: ReportBasis) throws -> [Line] {
        var codes = Set(FundChart.accounts.filter { $0.type == type }.compactMap { try? AccountCode($0.code) })
        for row in balances.rows where basis.type(of: row.account) == type { codes.insert(ReportBasis.top(row.account)) }
        return try codes.sorted { $0.rawValue < $1.rawValue }.map { code in
            let debit = try balances.debit(under: code)
            return Line(account: code, name: basis.name(of: code), value: credit ? try debit.negated() : debit)
        }
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("SECTION"), ReportColumn("ACCOUNT"), ReportColumn("NAME"), ReportColumn(code, amount: true)]
        var table = ReportTable(columns)
        var csv = ReportTable(columns)
        for (name, lines, total) in [("Revenue", revenue, totalRevenue), ("Expenses", expenses, totalExpenses)] {
            for (index, line) in lines.enumerated() {
                table.add([index == 0 ? name : "", line.account.rawValue, line.name, line.value.decimalString])
                csv.add([name, line.account.rawValue, line.name, line.value.decimalString])
            }
            table.add(["", "", "Total \(name.lowercased())", total.decimalString])
            csv.add([name, "", "Total \(name.lowercased())", total.decimalString])
        }
        let label = surplus.isNegative ? "Deficit for the period" : "Surplus for the period"
        table.add(["", "", label, surplus.decimalString])
        csv.add(["Result", "", label, surplus.decimalString])
        let fx = foreignExchange
        csv.add(["Note: foreign exchange", "", "Realised", fx.realised.decimalString])
        csv.add(["Note: foreign exchange", "", "Unrealised", fx.unrealised.decimalString])
        return heading.document("Statement of financial performance", tables: [table, fx.table(heading.currency)], notes: [
            "Revenue credit-positive, expenses debit-positive; the year-end close is left out.",
            "FX gains (4900) and losses (5900) are netted into one line, under revenue when a net gain and under expenses when a net loss (IPSAS 1 ¶48).",
        ], csv: csv, json: [
            ("revenue", Self.json(revenue, total: totalRevenue)),
            ("expenses", Self.json(expenses, total: totalExpenses)),
            ("surplus", .amount(surplus)),
            ("foreign_exchange", fx.json),
        ])
    }

    static func json(_ lines: [Line], total: Amount) -> JSONValue {
        .object(JSONObject([
            ("lines", .array(lines.map { line in
                .object(JSONObject([("account", .string(line.account.rawValue)), ("name", .string(line.name)), ("value", .amount(line.value))]))
            })),
            ("total", .amount(total)),
        ]))
    }
}
