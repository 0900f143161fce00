import CanonicalJSON
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog

extension FundDrafts {
    /// A year-end accrual of `amount` of `grant`'s spending on `date` (31 December) and its
    /// reversal on the next day, to be appended together (one batch) as entries `seq` and
    /// `seq + 1`. `basis` names what the figure rests on; nil means an estimate.
    public static func grantAccrual(grant: String, amount: Amount, date: LedgerDate, basis: String?, seq: UInt64) -> [EntryDraft] {
        let data = EntryData.object(AccrualData(grant: grant, amount: amount, basis: basis, estimate: basis == nil))
        let what = basis.map { "accrued grant spending (\($0))" } ?? "accrued grant spending (estimate)"
        return [
            EntryDraft(kind: .grantAccrue, date: date, memo: what, data: data),
            // 9999-12-31 has no next day: the reversal is dated the same day and the rules refuse it.
            EntryDraft(kind: .grantAccrueReverse, date: date.addingChecked(days: 1) ?? date, memo: "reversal of the year-end accrual of entry \(seq)",
                       data: EntryData.object(AccrualReversal(accrual: Int64(seq)))),
        ]
    }
}
