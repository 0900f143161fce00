import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import TrustFund

/// How the fund used its money in a period, from the journal: grants approved, tranches paid,
/// spending reported, PSC (from ``GrantPositions``, as every grant report reads them, reversals
/// netted); and the fund balance and reserve at the period's end.
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
        var balance = Amount.zero(currency)
        var reserve = Amount.zero(currency)
        for row in try ledger.trialBalance(asOf: to) {
            let type = types[row.account]
            if type == .asset || type == .liability { balance = try balance.adding(row.value) }
            if row.account == FundChart.reserve { reserve = try reserve.subtracting(row.value) }
        }
        return DonorStatement.FundUse(
            grantsCommitted: total.committed, grantsPaid: total.paid, grantsSpent: total.spent, psc: total.psc, fundBalance: balance,
            reserve: reserve, grantsPaidCount: paidGrants)
    }
}
