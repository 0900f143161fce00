public import LedgerCore

/// One line of the books on the reconciled account: a posting of one journal entry, seen from
/// the bank's side (money into the account positive), with what the entry says about it.
public struct BookLine: Sendable, Equatable, Hashable {
    /// The journal entry.
    public let seq: UInt64
    /// The posting's index in the entry (an entry may post twice to the account).
    public let line: Int
    /// The posting's accounting date.
    public let date: LedgerDate
    /// Signed like the bank line: the posting's amount (debit to cash = money in = positive).
    public let amount: Amount
    /// The entry's kind, e.g. `contribution.receive`, `approval.approve`.
    public let kind: String
    /// References the entry carries: its `ref` (a receipt's bank reference, a payment ref),
    /// the agreement, grant or request it concerns.
    public let references: [String]
    /// Who the money came from or went to, when the books know (donor or grantee name and id).
    public let counterparties: [String]
    /// The entry's memo, for suggestions.
    public let memo: String

    /// A book line; `amount` is signed as the bank sees the account (money in positive).
    public init(
        seq: UInt64, line: Int, date: LedgerDate, amount: Amount, kind: String, references: [String] = [],
        counterparties: [String] = [], memo: String = ""
    ) {
        self.seq = seq
        self.line = line
        self.date = date
        self.amount = amount
        self.kind = kind
        self.references = references
        self.counterparties = counterparties
        self.memo = memo
    }
}
