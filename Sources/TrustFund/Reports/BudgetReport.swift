import CanonicalJSON
public import LedgerCore
import LedgerJournal
public import TrustFundRules
import TransparencyLog
public import LedgerStore

/// Statement of comparison of budget and actual amounts (IPSAS 24) for one year: per budget
/// category — grants (5100), secretariat and fund management costs (5300, 5400, 5500),
/// programme support costs (5200) — and in total, the original budget (the first approved for
/// the year), the final budget (of those approved by the report's date, the one in force at year
/// end: the latest `from`), the actual
/// amounts on a comparable basis (the year's expense postings, the year-end close left out),
/// the difference final budget − actual and the utilisation (actual ÷ final budget).
///
/// Budget and accounts are both on the accrual basis, by the same categories and for the same
/// calendar year, so no reconciling adjustment is needed (IPSAS 24 ¶ 47). For a year with no
/// budget approved by the report's date the statement still shows the actual amounts, with the
/// budget columns empty (JSON null) and a note saying so and how to record the budget.
public struct BudgetReport {
    /// One budget category.
    public struct Line: Sendable, Equatable {
        /// "grants", "secretariat", "psc" or "total".
        public let category: String
        /// The category's name as printed, e.g. "Grants to CSOs".
        public let name: String
        /// The chart accounts whose expense it compares, e.g. ["5300", "5400", "5500"].
        public let accounts: [String]
        /// Nil when no budget is approved (also for `final` and `difference`).
        public let original: Amount?
        /// The final budget for the category; nil when no budget is approved.
        public let final: Amount?
        /// The year's expense postings to ``accounts`` (the year-end close left out), debit-positive,
        /// in the fund currency.
        public let actual: Amount
        /// Final budget − actual: positive is unspent, negative an overrun.
        public let difference: Amount?
        /// Actual ÷ final budget in percent, one decimal, half up ("87.5"); nil when the final
        /// budget is zero or there is none.
        public let utilisation: String?
    }

    /// The fund and the report's dates.
    public let heading: ReportHeading
    /// The budget year.
    public let year: Int
    /// The first budget of the year approved by the report's date; nil when none is.
    public let original: ApprovedBudget?
    /// Of the budgets approved by the report's date, the one in force at year end.
    public let final: ApprovedBudget?
    /// Every budget of the year approved by the report's date, in the order of their `from`.
    public let budgets: [ApprovedBudget]
    /// Grants, secretariat, PSC, then the total.
    public let lines: [Line]
    /// Expenses of the year outside the budget's categories (write-offs 5600, FX losses 5900, …).
    public let otherExpenses: Amount
    /// Every expense of the year, as on the statement of financial performance.
    public let totalExpenses: Amount

    /// The categories and the chart accounts they compare.
    public static let categories: [(category: String, name: String, accounts: [AccountCode])] = [
        ("grants", "Grants to CSOs", [FundChart.grantExpense]),
        ("secretariat", "Secretariat and fund management costs", [FundChart.fundManagement, FundChart.bankCharges, FundChart.cashPoolCosts]),
        ("psc", "Programme support costs", [FundChart.psc]),
    ]

    /// The statement for the year of `basis` (its period: 1 January through the as-of date, at
    /// most 31 December).
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        year = basis.from.year
        let budgetYear = Int64(basis.from.year)
        let all = try basis.records(BudgetRules.collection(budgetYear)).map {
            try ApprovedBudget($0, year: budgetYear, currency: basis.currency)
        }
        budgets = all.filter { $0.approvedOn <= basis.asOf }
        original = ApprovedBudget.original(budgets, asOf: basis.asOf)
        final = ApprovedBudget.final(budgets)
        let balances = BalanceSet(
            rows: try basis.ledger.postingTotals(from: basis.from, through: basis.asOf, excluding: [.yearClose]), currency: basis.currency)
        var lines: [Line] = []
        for (category, name, accounts) in Self.categories {
            let actual = try Money.sum(try accounts.map { try balances.debit(under: $0) }, basis.currency)
            lines.append(try Self.line(category, name, accounts, original?.amount(category), final?.amount(category), actual))
        }
        let budgeted = try Money.sum(lines.map(\.actual), basis.currency)
        lines.append(try Self.line("total", "Total", Self.categories.flatMap(\.accounts), original?.total, final?.total, budgeted))
        self.lines = lines
        // As the statement of financial performance shows them: FX netted into one line (IPSAS 1 ¶48).
        totalExpenses = try FinancialPerformanceReport(basis).totalExpenses
        otherExpenses = try totalExpenses.subtracting(budgeted)
    }

    static func line(_ category: String, _ name: String, _ accounts: [AccountCode], _ original: Amount?, _ final: Amount?, _ actual: Amount) throws -> Line {
        Line(category: category, name: name, accounts: accounts.map(\.rawValue), original: original, final: final, actual: actual,
             difference: try final.map { try $0.subtracting(actual) }, utilisation: final.flatMap { utilisation(actual, of: $0) })
    }

    /// `actual ÷ budget × 100` with one decimal, half up, in exact integer arithmetic; nil when
    /// the budget is zero or the quotient does not fit.
    static func utilisation(_ actual: Amount, of budget: Amount) -> String? {
        guard budget.minorUnits > 0 else { return nil }
        let divisor = UInt64(budget.minorUnits)
        let product = actual.minorUnits.magnitude.multipliedFullWidth(by: 1000)
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        guard quotient < UInt64.max else { return nil }
        let tenths = remainder >= divisor - remainder ? quotient + 1 : quotient
        return "\(actual.minorUnits < 0 && tenths > 0 ? "-" : "")\(tenths / 10).\(tenths % 10)"
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [
            ReportColumn("CATEGORY"), ReportColumn("ACCOUNTS"), ReportColumn("ORIGINAL BUDGET", amount: true),
            ReportColumn("FINAL BUDGET", amount: true), ReportColumn("ACTUAL (COMPARABLE BASIS)", amount: true),
            ReportColumn("DIFFERENCE FINAL − ACTUAL", amount: true), ReportColumn("UTILISATION %"),
        ]
        var table = ReportTable(columns)
        for line in lines {
            table.add([line.name, line.accounts.joined(separator: " + "), line.original?.decimalString ?? "", line.final?.decimalString ?? "",
                       line.actual.decimalString, line.difference?.decimalString ?? "", line.utilisation ?? "n/a"])
        }
        var history = ReportTable(title: "Budgets of \(year) approved by \(heading.asOf)", [
            ReportColumn("FROM"), ReportColumn("BUDGET"), ReportColumn("REQUEST"), ReportColumn("APPROVED"), ReportColumn("ENTRY"),
            ReportColumn("TOTAL", amount: true), ReportColumn("DECISION"),
        ])
        for budget in budgets {
            let role = [budget == original ? "original" : "revision", budget == final ? "final" : nil].compactMap { $0 }.joined(separator: ", ")
            history.add([budget.from.description, role, budget.request, "\(budget.approvedOn) by \(budget.approver)", "\(budget.seq)",
                         budget.total.decimalString, budget.decision ?? ""])
        }
        var notes: [String] = []
        if original == nil {
            notes.append("No budget for \(year) is approved as of \(heading.asOf): there is no budget to compare the actual amounts with. "
                + "The fund manager requests the Board-approved budget (vtf budget set --year \(year) --grants A --secretariat A --psc A --from D), "
                + "a certifying officer certifies it and an approving officer approves it.")
        }
        notes += [
            "Basis: the budget and the financial statements are both on the accrual basis, by the same categories and for the same period "
                + "(the calendar year \(year)); the actual amounts are the year's expense postings (the year-end close left out), "
                + "so they are on a comparable basis and need no reconciling adjustment (IPSAS 24 ¶¶ 31, 47).",
        ]
        if let original, let final {
            notes.append("Original budget: request \(original.request), approved \(original.approvedOn) (entry \(original.seq)), in force from \(original.from). "
                + "Final budget: request \(final.request), approved \(final.approvedOn) (entry \(final.seq)), in force from \(final.from) to the year end.")
            let revisions = budgets.filter { $0 != original }
            notes.append(revisions.isEmpty
                ? "The original budget was not revised."
                : "Revised \(revisions.count == 1 ? "once" : "\(revisions.count) times") by the Board: "
                    + revisions.map { "from \($0.from) (request \($0.request), total \($0.total.decimalString) \(code))" }.joined(separator: "; ") + ".")
        }
        for line in lines where line.category != "total" {
            guard let difference = line.difference, difference.isNegative, let over = try? difference.negated() else { continue }
            notes.append("\(line.name): the actual amount exceeds the final budget by \(over.decimalString) \(code).")
        }
        if !otherExpenses.isZero {
            notes.append("Expenses outside the budget's categories (impairment and write-offs 5600, a net FX loss): \(otherExpenses.decimalString) \(code), "
                + "not budgeted; total expenses on the statement of financial performance \(totalExpenses.decimalString) \(code).")
        }
        let csvColumns = [ReportColumn("category"), ReportColumn("accounts"), ReportColumn("original_budget", amount: true),
                          ReportColumn("final_budget", amount: true), ReportColumn("actual", amount: true),
                          ReportColumn("difference", amount: true), ReportColumn("utilisation_percent")]
        var csv = ReportTable(csvColumns)
        for line in lines {
            csv.add([line.category, line.accounts.joined(separator: "+"), line.original?.decimalString ?? "", line.final?.decimalString ?? "",
                     line.actual.decimalString, line.difference?.decimalString ?? "", line.utilisation ?? ""])
        }
        return heading.document("Statement of comparison of budget and actual amounts", tables: budgets.isEmpty ? [table] : [table, history], notes: notes, csv: csv, json: [
            ("year", .integer(Int64(year))),
            ("basis", .string("accrual")),
            ("budget_approved", .bool(original != nil)),
            ("lines", .array(lines.map { line in
                .object(JSONObject([
                    ("category", .string(line.category)), ("name", .string(line.name)), ("accounts", .array(line.accounts.map(JSONValue.string))),
                    ("original", line.original.map(JSONValue.amount) ?? .null), ("final", line.final.map(JSONValue.amount) ?? .null),
                    ("actual", .amount(line.actual)), ("difference", line.difference.map(JSONValue.amount) ?? .null), ("utilisation", line.utilisation.map(JSONValue.string) ?? .null),
                ]))
            })),
            ("budgets", .array(budgets.map { budget in
                .object(JSONObject([
                    ("from", .string(budget.from.description)), ("approved_on", .string(budget.approvedOn.description)),
                    ("request", .string(budget.request)), ("seq", .integer(Int64(budget.seq))),
                    ("original", .bool(budget == original)), ("final", .bool(budget == final)),
                    ("grants", .amount(budget.grants)), ("secretariat", .amount(budget.secretariat)), ("psc", .amount(budget.psc)),
                    ("total", .amount(budget.total)), ("decision", budget.decision.map(JSONValue.string) ?? .null),
                ]))
            })),
            ("other_expenses", .amount(otherExpenses)),
            ("total_expenses", .amount(totalExpenses)),
        ])
    }
}

extension ApprovedBudget {
    /// The budget of `category` ("grants", "secretariat" or "psc").
    func amount(_ category: String) -> Amount {
        switch category {
        case "grants": grants
        case "secretariat": secretariat
        default: psc
        }
    }
}

extension FundReports {
    /// The statement of comparison of budget and actual amounts for `year` (IPSAS 24), as of
    /// `asOf` (default and at most: 31 December of the year). Throws ``ReportError`` when `asOf`
    /// is before the year.
    public static func budget(ledger: any StoreSnapshot, year: Int, asOf: LedgerDate? = nil) throws -> ReportDocument {
        let first = try LedgerDate(year: year, month: 1, day: 1)
        let last = try LedgerDate(year: year, month: 12, day: 31)
        let day = min(asOf ?? last, last)
        guard day >= first else { throw ReportError("--as-of \(day) is before the budget year \(year)") }
        return try BudgetReport(ReportBasis(ledger, report: .budget, asOf: day, from: first)).document
    }
}
