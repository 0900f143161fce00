import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The split of contributions receivable (1200, net of the allowance 1210) into current and
/// non-current for the statement of financial position (IPSAS 1 ¶76, ¶80): an instalment due
/// within 12 months of the reporting date, or overdue, is current; one due later is
/// non-current. Receipts and write-offs settle the oldest instalments first (as in the
/// receivables report). Each donor's receivable value in a currency (1200.DONOR) and its
/// allowance (1210.DONOR) are shared by amount between the two. Advances to partners (1300)
/// are all current: a grant record holds no end date or repayment schedule, and an advance is
/// settled by the partner's next financial report within the grant cycle (FUND-RULES.md,
/// "Presentation").
struct ReceivableTerms {
    /// Value of the non-current receivables, net of their share of the allowance.
    let nonCurrent: Amount

    /// The last day an instalment may fall due and still be current: the reporting date a year
    /// on (29 February gives 28 February; in 9999, the last day a ledger holds).
    static func horizon(_ asOf: LedgerDate) -> LedgerDate {
        (try? LedgerDate(year: asOf.year + 1, month: asOf.month, day: asOf.day))
            ?? (try? LedgerDate(year: asOf.year + 1, month: asOf.month, day: asOf.day - 1)) ?? asOf.addingClamped(days: 365)
    }

    init(_ basis: ReportBasis, _ balances: BalanceSet) throws {
        let horizon = Self.horizon(basis.asOf)
        var later: [String: Amount] = [:]  // "DONOR CUR" → amount due after the horizon
        for position in try AgreementPosition.all(basis.ledger, asOf: basis.asOf) where !position.outstanding.isZero {
            let key = position.donor + " " + position.currency.code
            for instalment in position.instalments where instalment.due > horizon {
                later[key] = try (later[key] ?? .zero(position.currency)).adding(instalment.outstanding)
            }
        }
        var total = Amount.zero(basis.currency)
        for key in later.keys.sorted() {
            guard let amount = later[key], !amount.isZero else { continue }
            let donor = String(key.prefix { $0 != " " })
            let receivable = balances.line(try FundChart.receivables.sub(donor), amount.currency)
            guard !receivable.amount.isZero else { continue }
            let part = amount.minorUnits.magnitude <= receivable.amount.minorUnits.magnitude ? amount : receivable.amount
            let allowance = balances.line(try FundChart.allowance.sub(donor), amount.currency)
            total = try total.adding(try Money.share(receivable.value, part.minorUnits, of: receivable.amount.minorUnits))
            total = try total.adding(try Money.share(allowance.value, part.minorUnits, of: receivable.amount.minorUnits))
        }
        nonCurrent = total
    }
}
