public import CanonicalJSON
public import LedgerCore
public import LedgerCrypto

/// What a command wants to record. The store turns it into an ``EntryBody`` by adding the ledger,
/// position, chain link, time and signer, then checks, signs and appends it.
public struct EntryDraft: Sendable, Equatable {
    /// What is to be recorded (the entry's `kind`).
    public var kind: EntryKind
    /// The accounting date.
    public var date: LedgerDate
    /// Optional external reference or idempotency key; unique per `kind`.
    public var ref: String?
    /// Optional free text for people.
    public var memo: String?
    /// The postings, in order; empty for entries that move no money.
    public var postings: [Posting]
    /// The kind-specific object (the entry's `data`).
    public var data: JSONObject
    /// When `ref` is nil: the prefix of the ref the writer numbers for the entry inside its
    /// write transaction, from the ledger as it stands then (``RuleSet/freshRef(prefix:for:state:)``),
    /// e.g. `PAY` for `PAY-2026-0007`. Numbering there, not when the command starts, means two
    /// people recording at once never draw the same ref. Nil: the entry has the ref it is given.
    public var refPrefix: String?

    /// A draft of `kind` dated `date`; the other members default to empty.
    public init(
        kind: EntryKind, date: LedgerDate, ref: String? = nil, memo: String? = nil,
        postings: [Posting] = [], data: JSONObject = JSONObject(), refPrefix: String? = nil
    ) {
        self.kind = kind
        self.date = date
        self.ref = ref
        self.memo = memo
        self.postings = postings
        self.data = data
        self.refPrefix = refPrefix
    }

    /// The body this draft becomes at `seq` after `prev`.
    public func body(ledger: String, seq: UInt64, prev: SHA256Digest, time: String, signer: String) -> EntryBody {
        EntryBody(
            ledger: ledger, seq: seq, prev: prev, time: time, date: date, kind: kind, signer: signer,
            ref: ref, memo: memo, postings: postings, data: data)
    }
}
