public import CanonicalJSON
public import LedgerCore

/// A posting on one account, with what its entry says: the raw material of a bank
/// reconciliation's book side (``StoreSnapshot/accountPostings(_:currency:from:through:)``).
public struct AccountPosting: Sendable, Equatable {
    /// The entry's sequence number in the journal.
    public let seq: UInt64
    /// The posting's line in the entry (0-based).
    public let line: Int
    /// The posting's date (the entry's date).
    public let date: LedgerDate
    /// In the account's currency, debits positive.
    public let amount: Amount
    /// The entry's kind, as written in the journal (e.g. `voucher`).
    public let kind: String
    /// The entry's ref, if it has one.
    public let ref: String?
    /// The entry's memo, if it has one.
    public let memo: String?
    /// The entry's `data` (agreement, grant, request, …); empty for vouchers (their `ref` and
    /// `memo` say what they are).
    public let data: JSONObject

    /// A posting of entry `seq` at `line`, with its entry's kind, ref, memo and data.
    public init(seq: UInt64, line: Int, date: LedgerDate, amount: Amount, kind: String, ref: String?, memo: String?, data: JSONObject) {
        self.seq = seq
        self.line = line
        self.date = date
        self.amount = amount
        self.kind = kind
        self.ref = ref
        self.memo = memo
        self.data = data
    }
}
