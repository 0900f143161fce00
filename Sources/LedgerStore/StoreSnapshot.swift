public import LedgerCore
public import LedgerCrypto
public import LedgerJournal

/// One consistent snapshot of a ledger, read synchronously: what the reports, checks and
/// statements (TrustFund, Statements, AuditBundle) read, whichever store holds the ledger.
///
/// A store hands one out inside its own read transaction (``LedgerReading/read(_:)``), so every
/// query made through it sees the same committed writes; the code reading it stays synchronous
/// and pure, as the rules do (ARCHITECTURE: stores are async, rules are not). Errors are the
/// store's own (``StoreError``) or the journal's (`VerificationFailure`).
public protocol StoreSnapshot {
    /// The rules the ledger's entries are written and verified under.
    var rules: LedgerRules { get }

    // MARK: The journal

    /// The settings of the genesis entry, or nil for a store without one.
    func settings() throws -> LedgerSettings?
    /// How many entries the journal holds.
    func entryCount() throws -> UInt64
    /// One entry as stored (its signed bytes and signature), or nil past the end.
    func entry(at seq: UInt64) throws -> SignedEntry?
    /// The bodies of every entry of the given kinds, in journal order.
    func entries(ofKinds kinds: [EntryKind]) throws -> [EntryBody]
    /// The bodies of the entries of the given kinds dated `from`...`through`, in journal order.
    /// A store may skip the entries outside the window without reading them whole.
    func entries(ofKinds kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [EntryBody]
    /// Every entry posting to `account` or a sub-account dated `from`...`through`, in journal
    /// order, each with the chain of entries it reverses.
    func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> [MovingEntry]
    /// The postings to `account` or a sub-account dated `from`...`through`, summed per
    /// ``PostingShape`` (entry kind, the entry's accounts, line, sign) for the entries that reverse
    /// nothing, with the entries that reverse another given whole: the figures of
    /// `PostingShapes(entries(posting:from:through:), …)` without reading every entry whole.
    func postingShapes(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> PostingShapes
    /// Every reversed entry's seq, with the seq of the reversal that undid it.
    func reversals() throws -> [UInt64: UInt64]
    /// The seqs of every reversed entry.
    func reversedEntries() throws -> Set<UInt64>

    // MARK: Derived state

    /// Every account, by code.
    func accounts() throws -> [AccountState]
    /// Every key ever registered, in order of registration.
    func keys() throws -> [KeyState]
    /// The trial balance as of `date` (inclusive), or of everything; zero lines left out.
    func trialBalance(asOf date: LedgerDate?) throws -> [TrialBalanceRow]
    /// The trial balance as of `first` and as of `second` (`first` ≤ `second`).
    func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow])
    /// Σ amount and Σ value per account and currency of the postings dated `from`...`through`
    /// (either bound may be open), leaving out entries of the `excluding` kinds.
    func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) throws -> [TrialBalanceRow]
    /// Σ per account and currency of the postings of entries of `kinds` dated `from`...`through`.
    func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [TrialBalanceRow]
    /// The last entry posting something dated on or before `date`, or nil.
    func lastSeqWithPostings(through date: LedgerDate) throws -> UInt64?
    /// Every record of a rule set's collection (`donor`, `grant`, `rate.EUR`, …), by id.
    func fundRecords(_ collection: String) throws -> [StateRecord]
    /// One record, or nil.
    func fundRecord(_ collection: String, _ id: String) throws -> StateRecord?
    /// Every record, by collection and id.
    func allFundRecords() throws -> [StateRecord]
    /// Runs `body` (a rule set's own figures, such as the fund's funds available) over the
    /// ledger's state as the rules read it, in this snapshot.
    func withRuleState<T>(_ body: (any LedgerStateReading) throws -> T) throws -> T

    // MARK: One account (bank reconciliation)

    /// The postings on `account` itself (not its sub-accounts) in `currency` dated
    /// `from`...`through`, in journal order (seq, then line), each with its line in the entry and
    /// its entry's kind, ref, memo and data (empty for vouchers).
    func accountPostings(_ account: AccountCode, currency: Currency, from: LedgerDate, through: LedgerDate) throws -> [AccountPosting]
    /// The balance of `account` itself in `currency` as of `date` (inclusive): Σ amount of its
    /// postings in that currency dated on or before `date`, in that currency.
    func accountBalance(_ account: AccountCode, currency: Currency, asOf date: LedgerDate) throws -> Amount
    /// The currencies `account` itself has postings in, whatever their dates: the currencies a
    /// bank statement for it may be in.
    func accountCurrencies(_ account: AccountCode) throws -> Set<Currency>

    // MARK: The transparency log

    /// The latest stored checkpoint (or the one of `size`), with its cosignatures.
    func storedNote(size: UInt64?) throws -> StoredNote?
    /// The smallest checkpoint of at least `size` entries that a witness cosigned, or nil.
    func cosignedCheckpoint(atLeast size: UInt64) throws -> StoredNote?
    /// The log's verifier key (`origin+keyid+base64`), from the genesis entry.
    func logVerifierKey() throws -> String
    /// The inclusion proof of entry `seq` in the tree of `size` entries, with its leaf hash.
    func inclusionProof(seq: UInt64, size: UInt64) throws -> (leafHash: SHA256Digest, path: [SHA256Digest])
    /// The consistency proof between the trees of `oldSize` and `newSize` entries.
    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [SHA256Digest]
    /// The Merkle root of the first `size` entries.
    func root(size: UInt64) throws -> SHA256Digest
    /// The hashes of tree level `level` (0: the leaf hashes; level k: the roots of the complete
    /// subtrees of 2^k leaves) at the indices of `range`, in order: what a C2SP tlog-tiles hash
    /// tile holds. Throws `StoreError.notFound` when the tree does not have them all yet.
    func treeHashes(level: Int, _ range: Range<UInt64>) throws -> [SHA256Digest]

    // MARK: What signed outputs rest on (CheckedJournal)

    /// The replay a signed output rests on (``CheckedJournal``): every entry's leaf hash, the
    /// chain, the rules and the latest signed checkpoint checked, and every derived table the
    /// queries read compared with the replay; entry signatures are not re-checked. Returns the
    /// replay's result (its `differences` list the derived tables that differ) and the keys the
    /// journal registered. Throws `VerificationFailure` where the journal itself is wrong.
    func replayForSigning(threads: Int) throws -> (verification: StoreVerification, keys: [KeyState])
    /// The sizes `from`...`through` of the checkpoints holding at least one cosignature, in
    /// order, at most `limit` of them.
    func cosignedSizes(from: UInt64, through: UInt64, limit: Int) throws -> [UInt64]
    /// The checkpoint of `size` as the log signed it (no cosignature lines) and its stored
    /// cosignature lines (without their newline), in a fixed order; nil when there is none.
    /// Rows a hostile store holds in the wrong type are left out.
    func checkpointParts(size: UInt64) throws -> (note: String, cosignatureLines: [String])?
}

extension StoreSnapshot {
    /// The bodies of the entries of `kinds` dated `from`...`through`: every entry of those
    /// kinds, read whole, then filtered by date. A store with a faster way implements it.
    public func entries(ofKinds kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [EntryBody] {
        try entries(ofKinds: kinds).filter { $0.date >= from && $0.date <= through }
    }

    /// The postings to `account` dated `from`...`through` summed per shape, from every moving
    /// entry read whole. A store with a faster way (sums in SQL) implements it.
    public func postingShapes(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> PostingShapes {
        guard let currency = try settings()?.currency else { return PostingShapes(totals: [], reversing: []) }
        return try PostingShapes(try entries(posting: account, from: from, through: through), account: account, currency: currency)
    }
}
