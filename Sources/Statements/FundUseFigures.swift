import AuditBundle
import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

/// How the fund used its money in a period, from the journal: grants approved and tranches paid
/// (from ``GrantPositions``, as every grant report reads them, reversals netted); spending on
/// grants (5100) and PSC (5200) as the books' movements in the period, the year-end close left
/// out; and the fund balance and reserve at the period's end. The last four are what sealed
/// balances prove (``StatementFigureRules``).
enum FundUseFigures {
    /// The figures, read from tables that `checked` compared with the journal in this run.
    static func compute(
        _ ledger: any StoreSnapshot, checked: CheckedJournal, from: LedgerDate, to: LedgerDate, currency: Currency
    ) throws -> DonorStatement.FundUse {
        // One source with every grant report: GrantPositions, each reversal netted on its date.
        let grants = try GrantPositions(ledger, currency: currency)
        let total = try grants.total(from: from, through: to)
        let paidGrants = try grants.positions(from: from, through: to).filter { $0.value.paid.minorUnits > 0 }.count
        let types = Dictionary(try ledger.accounts().map { ($0.code, $0.type) }, uniquingKeysWith: { first, _ in first })
        var spent = Amount.zero(currency)
        var psc = Amount.zero(currency)
        for row in try ledger.postingTotals(from: from, through: to, excluding: [.yearClose]) {
            if AccountScope(FundChart.grantExpense.rawValue).contains(row.account.rawValue) { spent = try spent.adding(row.value) }
            if AccountScope(FundChart.psc.rawValue).contains(row.account.rawValue) { psc = try psc.adding(row.value) }
        }
        var balance = Amount.zero(currency)
        var reserve = Amount.zero(currency)
        for row in try ledger.trialBalance(asOf: to) {
            let type = types[row.account]
            if type == .asset || type == .liability { balance = try balance.adding(row.value) }
            if AccountScope(FundChart.reserve.rawValue).contains(row.account.rawValue) { reserve = try reserve.subtracting(row.value) }
        }
        return DonorStatement.FundUse(
            grantsCommitted: total.committed, grantsPaid: total.paid, grantsSpent: spent, psc: psc, fundBalance: balance,
            reserve: reserve, grantsPaidCount: paidGrants)
    }
}
