import LedgerCore
import LedgerStore
import TrustFundRules
import TransparencyLog

extension AnnualReport {
    /// The statement of comparison of budget and actual amounts (IPSAS 24) for `year`, from
    /// ``BudgetReport`` as of 31 December, the prior year's beside it: per category (grants,
    /// secretariat, PSC, total) the original and final budget (nil when none was approved), the
    /// actual amounts on the comparable basis and the difference final − actual.
    static func budgetComparison(_ ledger: any StoreSnapshot, year: Int, hasPrior: Bool) throws -> AnnualStatement? {
        func report(_ year: Int) throws -> BudgetReport {
            try BudgetReport(ReportBasis(
                ledger, report: .budget, asOf: try LedgerDate(year: year, month: 12, day: 31), from: try LedgerDate(year: year, month: 1, day: 1)))
        }
        let current = try report(year)
        let prior = hasPrior ? try report(year - 1) : nil
        var rows: [AnnualRow] = []
        for line in current.lines {
            let before = prior?.lines.first { $0.category == line.category }
            let section = "\(line.name) (\(line.accounts.joined(separator: ", ")))"
            rows += [
                AnnualRow(section: section, parts: ["Original budget"], current: line.original, prior: before?.original),
                AnnualRow(section: section, parts: ["Final budget"], current: line.final, prior: before?.final),
                AnnualRow(section: section, parts: ["Actual amounts (comparable basis)"], current: line.actual, prior: before?.actual),
                AnnualRow(section: section, parts: ["Difference: final budget less actual"], current: line.difference, prior: before?.difference),
            ]
        }
        let checks: [AnnualPhrase] = current.original == nil ? [.budgetNotApproved(year: String(year))] : [.budgetBasis]
        return AnnualStatement(key: "budget", title: "Statement of comparison of budget and actual amounts", rows: rows, checks: checks)
    }
}
