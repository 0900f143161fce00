public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto

/// What a command wants to record. The store turns it into an ``EntryBody`` by adding the ledger,
/// position, chain link, time and signer, then checks, signs and appends it.
public struct EntryDraft: Sendable, Equatable {
    public var kind: EntryKind
    public var date: LedgerDate
    public var ref: String?
    public var memo: String?
    public var postings: [Posting]
    public var data: JSONObject

    public init(
        kind: EntryKind, date: LedgerDate, ref: String? = nil, memo: String? = nil,
        postings: [Posting] = [], data: JSONObject = JSONObject()
    ) {
        self.kind = kind
        self.date = date
        self.ref = ref
        self.memo = memo
        self.postings = postings
        self.data = data
    }

    /// The body this draft becomes at `seq` after `prev`.
    public func body(ledger: String, seq: UInt64, prev: SHA256Digest, time: String, signer: String) -> EntryBody {
        EntryBody(
            ledger: ledger, seq: seq, prev: prev, time: time, date: date, kind: kind, signer: signer,
            ref: ref, memo: memo, postings: postings, data: data)
    }
}
