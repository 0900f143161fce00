import CanonicalJSON
import LedgerCore
import LedgerLog
import LedgerStore
import TrustFund

/// How the fund used its money in a period, from the journal: grants approved, tranches paid,
/// spending reported, PSC; and the fund balance and reserve at the period's end.
enum FundUseFigures {
    /// The figures, read from tables that `checked` compared with the journal in this run.
    static func compute(
        _ ledger: LedgerFile, checked: CheckedJournal, from: LedgerDate, to: LedgerDate, currency: Currency, reversed: Set<UInt64>
    ) throws -> DonorStatement.FundUse {
        var committed = Amount.zero(currency)
        var paid = Amount.zero(currency)
        var spent = Amount.zero(currency)
        var psc = Amount.zero(currency)
        var paidGrants: Set<String> = []
        for body in try ledger.entries(ofKinds: [.approvalApprove, .grantReport, .grantRefund])
        where body.date >= from && body.date <= to && !reversed.contains(body.seq) {
            // A partner's refund of spending reported in its own year reduces 5100 and 5200
            // (FUND-RULES.md, "Refunds from partners"): net of it, as the statement of
            // financial performance shows them.
            if body.kind == .grantRefund {
                for posting in body.postings {
                    if posting.account == FundChart.grantExpense { spent = try spent.adding(posting.value) }
                    if posting.account == FundChart.psc { psc = try psc.adding(posting.value) }
                }
                continue
            }
            for posting in body.postings where !posting.value.isNegative {
                if posting.account.isWithin(FundChart.commitments), body.kind == .approvalApprove, posting.account != FundChart.commitments {
                    committed = try committed.adding(posting.value)
                } else if posting.account.isWithin(FundChart.advances), posting.account != FundChart.advances {
                    paid = try paid.adding(posting.value)
                    paidGrants.insert(posting.account.rawValue)
                } else if posting.account == FundChart.grantExpense {
                    spent = try spent.adding(posting.value)
                } else if posting.account == FundChart.psc {
                    psc = try psc.adding(posting.value)
                }
            }
        }
        let types = Dictionary(try ledger.accounts().map { ($0.code, $0.type) }, uniquingKeysWith: { first, _ in first })
        var balance = Amount.zero(currency)
        var reserve = Amount.zero(currency)
        for row in try ledger.trialBalance(asOf: to) {
            let type = types[row.account]
            if type == .asset || type == .liability { balance = try balance.adding(row.value) }
            if row.account == FundChart.reserve { reserve = try reserve.subtracting(row.value) }
        }
        return DonorStatement.FundUse(
            grantsCommitted: committed, grantsPaid: paid, grantsSpent: spent, psc: psc, fundBalance: balance, reserve: reserve,
            grantsPaidCount: paidGrants.count)
    }
}
