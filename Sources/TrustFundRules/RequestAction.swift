/// What a two-person request (`approval.request`) asks for: its `data.action`. The rules switch
/// over this enum where a request is checked, certified and approved, exhaustively, so a new
/// action is pointed out by the compiler in each of those places (ARCHITECTURE.md).
public enum RequestAction: String, Sendable, CaseIterable {
    /// A grant to a partner: the commitment (9200) at approval.
    case grantAward = "grant.award"
    /// A tranche of a grant paid: 1300 from cash.
    case grantDisburse = "grant.disburse"
    /// A receivable written off (5600), up to the write-off limit.
    case receivableWriteOff = "receivable.write-off"
    /// An allowance for a doubtful receivable (5600 / 1210).
    case receivableImpair = "receivable.impair"
    /// Money given back to a donor.
    case donorRefund = "donor.refund"
    /// A fund setting changed from a date.
    case settingChange = "setting.change"
    /// A manual voucher.
    case voucher
    /// The reversal of an earlier entry.
    case reversal
    /// Charges a bank took, found by a reconciliation (5400).
    case bankCharges = "bank.charges"
    /// A financial year closed (its approval is the `year.close` entry).
    case yearClose = "year.close"
    /// The Board-approved budget of a year (posts nothing).
    case budgetSet = "budget.set"
    /// A secretariat direct cost and its PSC (5300, 5200).
    case secretariatCost = "secretariat.cost"
    /// UN operational rates that move a currency by more than a quarter (`RateMove`): a
    /// devaluation, recorded by two people (posts nothing).
    case ratesSet = "rates.set"
}
