public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import TransparencyLog

/// What every reader of a ledger needs from its store: reports, statements, audit bundles, proofs
/// and the commands read through this, whichever store holds the ledger (SQLite today,
/// PostgreSQL next).
///
/// The interface is asynchronous (Swift concurrency), because the network stores are; the rules
/// stay synchronous and pure (see ``withRuleState(_:)``). Every read is a consistent snapshot
/// of the ledger: it sees whole committed writes only. Errors are the store's own
/// (``StoreError``; no database library's error leaves a store) or the journal's
/// (`VerificationFailure`, `RuleViolation`).
public protocol LedgerReading: Sendable {
    /// The rules the ledger's entries are written and verified under.
    var rules: LedgerRules { get }

    // MARK: The journal

    /// The settings of the genesis entry, or nil for a store without one.
    func settings() async throws -> LedgerSettings?
    /// How many entries the journal holds.
    func entryCount() async throws -> UInt64
    /// One entry as stored (its signed bytes and signature), or nil past the end.
    func entry(at seq: UInt64) async throws -> SignedEntry?
    /// The bodies of every entry of the given kinds, in journal order.
    func entries(ofKinds kinds: [EntryKind]) async throws -> [EntryBody]
    /// Every entry posting to `account` or a sub-account dated `from`...`through`, in journal
    /// order, each with the chain of entries it reverses.
    func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) async throws -> [MovingEntry]
    /// The export lines (DESIGN §3: the entry's canonical JSON with its `sig`) of the entries of
    /// `seqs`, in order: an export reads the journal a page at a time.
    func exportLines(_ seqs: Range<UInt64>) async throws -> [[UInt8]]

    // MARK: Derived state

    /// Every account, by code.
    func accounts() async throws -> [AccountState]
    /// Every key ever registered, in order of registration.
    func keys() async throws -> [KeyState]
    /// The trial balance as of `date` (inclusive), or of everything; zero lines left out.
    func trialBalance(asOf date: LedgerDate?) async throws -> [TrialBalanceRow]
    /// The trial balance as of `first` and as of `second` (`first` ≤ `second`).
    func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) async throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow])
    /// Σ amount and Σ value per account and currency of the postings dated `from`...`through`,
    /// leaving out entries of the `excluding` kinds.
    func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) async throws -> [TrialBalanceRow]
    /// Σ per account and currency of the postings of entries of `kinds` dated `from`...`through`.
    func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) async throws -> [TrialBalanceRow]
    /// The last entry posting something dated on or before `date`, or nil.
    func lastSeqWithPostings(through date: LedgerDate) async throws -> UInt64?
    /// Every record of a rule set's collection (`donor`, `grant`, `rate.EUR`, …), by id.
    func fundRecords(_ collection: String) async throws -> [StateRecord]
    /// One record, or nil.
    func fundRecord(_ collection: String, _ id: String) async throws -> StateRecord?
    /// Every record, by collection and id.
    func allFundRecords() async throws -> [StateRecord]
    /// Runs `body` (synchronous, pure: a rule set's own figures, such as the fund's funds
    /// available) over the ledger's state as the rules read it, in one snapshot.
    func withRuleState<T: Sendable>(_ body: @escaping @Sendable (any LedgerStateReading) throws -> T) async throws -> T

    // MARK: The transparency log

    /// The latest stored checkpoint (or the one of `size`), with its cosignatures.
    func storedNote(size: UInt64?) async throws -> StoredNote?
    /// The stored checkpoints of size greater than `size`, in size order, at most `limit`.
    func storedNotes(after size: UInt64, limit: Int) async throws -> [StoredNote]
    /// The smallest checkpoint of at least `size` entries that a witness cosigned, or nil.
    func cosignedCheckpoint(atLeast size: UInt64) async throws -> StoredNote?
    /// The log's verifier key (`origin+keyid+base64`), from the genesis entry.
    func logVerifierKey() async throws -> String
    /// The inclusion proof of entry `seq` in the tree of `size` entries, with its leaf hash.
    func inclusionProof(seq: UInt64, size: UInt64) async throws -> (leafHash: SHA256Digest, path: [SHA256Digest])
    /// The consistency proof between the trees of `oldSize` and `newSize` entries.
    func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [SHA256Digest]
    /// The Merkle root of the first `size` entries.
    func root(size: UInt64) async throws -> SHA256Digest

    // MARK: Verification

    /// Replays the journal (signatures, chain, rules, stored checkpoints) and compares every
    /// derived table with the replay. Throws `VerificationFailure` at the first bad entry.
    func verify(threads: Int) async throws -> StoreVerification
    /// The same replay as ``verify(threads:)``, calling `progress` with the number of entries
    /// replayed so far as it goes (from any thread; at most the journal's size), for a progress line.
    func verify(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification
    /// The same replay, listing every difference in the derived tables instead of stopping.
    func reconcileDerived(threads: Int) async throws -> StoreVerification
    /// The same as ``reconcileDerived(threads:)``, calling `progress` with the number of entries
    /// replayed so far (from any thread), for a progress line.
    func reconcileDerived(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification

    /// A setting of this copy of the ledger (not part of the journal), or nil.
    func localSetting(_ name: String) async throws -> String?

    // MARK: One snapshot

    /// Runs `body` (synchronous: the reports, checks and statements) over one consistent
    /// snapshot of the ledger: every query it makes sees the same committed writes, as one read
    /// transaction of the store.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSnapshot) throws -> T) async throws -> T
}

/// What writers need: appends run the rules inside the store's write transaction, over a
/// synchronous `LedgerStateReading` of the state as it is being written, so concurrent
/// writers (tasks, connections, processes) form one chain. A refused write leaves nothing.
public protocol LedgerWriting: LedgerReading {
    /// Appends `drafts` as one transaction: all are recorded, or none. `origin` names the log
    /// when the first draft is the genesis entry of an empty store.
    @discardableResult
    func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) async throws -> [SignedEntry]
    /// The bulk path (`vtf import`): every draft of the source is checked, then all are appended
    /// in one transaction, in batches of `batchSize`; returns the seqs appended.
    func appendBulk(
        _ makeSource: @escaping @Sendable () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: (@Sendable (UInt64) -> Void)?
    ) async throws -> Range<UInt64>
    /// Appends entries another store signed (`vtf store copy`), as they are: nothing is signed
    /// again. One transaction: each entry must be the next of this journal (seq, prev), its bytes
    /// the canonical bytes of its body, its signature valid by its signer's key, and the rules
    /// must accept it against the state before it; their effects re-derive every table as for a
    /// new entry. Each note of `checkpoints` (the log's signed note without cosignatures, sizes
    /// ascending within the new entries) must be signed by the ledger's log key and sign the
    /// journal's root at its size; it is stored as it is. A refusal leaves nothing written.
    func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) async throws
    /// Stores a witness cosignature on the checkpoint of `size`; refuses a second one by the
    /// same key.
    func addCosignature(size: UInt64, signature: NoteSignature) async throws
    /// Stores a setting of this copy of the ledger.
    func setLocalSetting(_ name: String, _ value: String) async throws
}

extension LedgerReading {
    /// The latest stored checkpoint, with its cosignatures.
    public func latestNote() async throws -> StoredNote? { try await storedNote(size: nil) }
}
