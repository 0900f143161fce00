public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import TransparencyLog

/// A ledger whose calls block (a SQLite file, a PostgreSQL connection): the synchronous side of
/// a store, which its seam (``BlockingLedgerStore``) runs off the cooperative pool. Besides the
/// snapshot's queries, what the seam's writers and the journal's readers need.
public protocol BlockingLedger: StoreSnapshot {
    /// The export lines (the entries' canonical JSON with their `sig`) of the entries of `seqs`, in order.
    func exportLines(_ seqs: Range<UInt64>) throws -> [[UInt8]]
    /// The stored checkpoints of size greater than `size`, in size order, at most `limit`.
    func storedNotes(after size: UInt64, limit: Int) throws -> [StoredNote]
    /// Replays the journal and compares every derived table with the replay (see
    /// ``LedgerReading/verify(threads:progress:)``).
    func verify(threads: Int, progress: ((UInt64) -> Void)?) throws -> StoreVerification
    /// The same replay, listing every difference in the derived tables instead of stopping.
    func reconcileDerived(threads: Int, progress: ((UInt64) -> Void)?) throws -> StoreVerification
    /// A setting of this copy of the ledger (not part of the journal), or nil.
    func localSetting(_ name: String) throws -> String?
    /// Appends `drafts` as one transaction: all are recorded, or none.
    func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) throws -> [SignedEntry]
    /// The bulk path: every draft of the source, in one transaction, in batches of `batchSize`.
    func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int, progress: ((UInt64) -> Void)?
    ) throws -> Range<UInt64>
    /// Appends entries another store signed, as they are, with their checkpoints (see
    /// ``LedgerWriting/appendSigned(_:checkpoints:)``).
    func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) throws
    /// Stores a witness cosignature on the checkpoint of `size`; refuses a second one by the same key.
    func addCosignature(size: UInt64, signature: NoteSignature) throws
    /// Stores a setting of this copy of the ledger.
    func setLocalSetting(_ name: String, _ value: String) throws
}

/// A store seam over a ``BlockingLedger``: the store runs each call on a thread of its own (never
/// the cooperative pool) with ``run(_:)``, and these forward every call of `LedgerWriting` to
/// the blocking ledger, the same for every such store (SQLite, PostgreSQL). A store may still
/// implement a call its own way (SQLite's `read`).
public protocol BlockingLedgerStore: LedgerWriting {
    /// Runs one blocking call over the store's ledger, off the cooperative pool, with the store's
    /// error mapping (what leaves is a `StoreError` or vtf's own error).
    func run<T: Sendable>(_ body: @escaping @Sendable (any BlockingLedger) throws -> T) async throws -> T
}

extension BlockingLedgerStore {
    /// The settings of the genesis entry, or nil for a store without one.
    public func settings() async throws -> LedgerSettings? { try await run { try $0.settings() } }
    /// How many entries the journal holds.
    public func entryCount() async throws -> UInt64 { try await run { try $0.entryCount() } }
    /// One entry as stored (its signed bytes and signature), or nil past the end.
    public func entry(at seq: UInt64) async throws -> SignedEntry? { try await run { try $0.entry(at: seq) } }
    /// The bodies of every entry of the given kinds, in journal order.
    public func entries(ofKinds kinds: [EntryKind]) async throws -> [EntryBody] { try await run { try $0.entries(ofKinds: kinds) } }
    /// Every entry posting to `account` or a sub-account dated `from`...`through`, in journal
    /// order, each with the chain of entries it reverses.
    public func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) async throws -> [MovingEntry] {
        try await run { try $0.entries(posting: account, from: from, through: through) }
    }
    /// The export lines (the entries' canonical JSON with their `sig`) of the entries of `seqs`, in order.
    public func exportLines(_ seqs: Range<UInt64>) async throws -> [[UInt8]] { try await run { try $0.exportLines(seqs) } }

    /// Every account, by code.
    public func accounts() async throws -> [AccountState] { try await run { try $0.accounts() } }
    /// Every key ever registered, in order of registration.
    public func keys() async throws -> [KeyState] { try await run { try $0.keys() } }
    /// The trial balance as of `date` (inclusive), or of everything; zero lines left out.
    public func trialBalance(asOf date: LedgerDate?) async throws -> [TrialBalanceRow] { try await run { try $0.trialBalance(asOf: date) } }
    /// The trial balance as of `first` and as of `second` (`first` ≤ `second`).
    public func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) async throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        try await run { try $0.trialBalances(asOf: first, second) }
    }
    /// Σ amount and Σ value per account and currency of the postings dated `from`...`through`,
    /// leaving out entries of the `excluding` kinds.
    public func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) async throws -> [TrialBalanceRow] {
        try await run { try $0.postingTotals(from: from, through: through, excluding: excluding) }
    }
    /// Σ per account and currency of the postings of entries of `kinds` dated `from`...`through`.
    public func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) async throws -> [TrialBalanceRow] {
        try await run { try $0.kindTotals(kinds, from: from, through: through) }
    }
    /// The last entry posting something dated on or before `date`, or nil.
    public func lastSeqWithPostings(through date: LedgerDate) async throws -> UInt64? { try await run { try $0.lastSeqWithPostings(through: date) } }
    /// Every record of a rule set's collection (`donor`, `grant`, `rate.EUR`, …), by id.
    public func fundRecords(_ collection: String) async throws -> [StateRecord] { try await run { try $0.fundRecords(collection) } }
    /// One record of `collection` by id, or nil.
    public func fundRecord(_ collection: String, _ id: String) async throws -> StateRecord? { try await run { try $0.fundRecord(collection, id) } }
    /// Every record, by collection and id.
    public func allFundRecords() async throws -> [StateRecord] { try await run { try $0.allFundRecords() } }
    /// Runs `body` over the ledger's state as the rules read it, in one snapshot.
    public func withRuleState<T: Sendable>(_ body: @escaping @Sendable (any LedgerStateReading) throws -> T) async throws -> T {
        try await run { try $0.withRuleState(body) }
    }

    /// The latest stored checkpoint (or the one of `size`), with its cosignatures.
    public func storedNote(size: UInt64?) async throws -> StoredNote? { try await run { try $0.storedNote(size: size) } }
    /// The stored checkpoints of size greater than `size`, in size order, at most `limit`.
    public func storedNotes(after size: UInt64, limit: Int) async throws -> [StoredNote] { try await run { try $0.storedNotes(after: size, limit: limit) } }
    /// The smallest checkpoint of at least `size` entries that a witness cosigned, or nil.
    public func cosignedCheckpoint(atLeast size: UInt64) async throws -> StoredNote? { try await run { try $0.cosignedCheckpoint(atLeast: size) } }
    /// The log's verifier key (`origin+keyid+base64`), from the genesis entry.
    public func logVerifierKey() async throws -> String { try await run { try $0.logVerifierKey() } }
    /// The inclusion proof of entry `seq` in the tree of `size` entries, with its leaf hash.
    public func inclusionProof(seq: UInt64, size: UInt64) async throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try await run { try $0.inclusionProof(seq: seq, size: size) }
    }
    /// The consistency proof between the trees of `oldSize` and `newSize` entries.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [SHA256Digest] {
        try await run { try $0.consistencyProof(oldSize: oldSize, newSize: newSize) }
    }
    /// The Merkle root of the first `size` entries.
    public func root(size: UInt64) async throws -> SHA256Digest { try await run { try $0.root(size: size) } }

    /// Replays the journal (signatures, chain, rules, stored checkpoints) on `threads` threads and
    /// compares every derived table with the replay. Throws `VerificationFailure` at the first bad entry.
    public func verify(threads: Int) async throws -> StoreVerification { try await run { try $0.verify(threads: threads, progress: nil) } }
    /// The same replay as ``verify(threads:)``, calling `progress` with the number of entries
    /// replayed so far (on the store's threads).
    public func verify(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await run { try $0.verify(threads: threads, progress: progress) }
    }
    /// The same replay as ``verify(threads:)``, listing every difference in the derived tables
    /// instead of stopping.
    public func reconcileDerived(threads: Int) async throws -> StoreVerification {
        try await run { try $0.reconcileDerived(threads: threads, progress: nil) }
    }
    /// The same as ``reconcileDerived(threads:)``, calling `progress` with the number of entries
    /// replayed so far (on the store's threads).
    public func reconcileDerived(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await run { try $0.reconcileDerived(threads: threads, progress: progress) }
    }
    /// A setting of this copy of the ledger (not part of the journal), or nil.
    public func localSetting(_ name: String) async throws -> String? { try await run { try $0.localSetting(name) } }

    /// Appends `drafts` as one transaction: all are recorded, or none. `origin` names the log
    /// when the first draft is the genesis entry of an empty store. Returns the entries as signed.
    @discardableResult
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) async throws -> [SignedEntry] {
        try await run { try $0.append(drafts, keys: keys, origin: origin) }
    }
    /// The bulk path (`vtf import`): every draft of the source is checked, then all are appended
    /// in one transaction, in batches of `batchSize`; returns the seqs appended.
    public func appendBulk(
        _ makeSource: @escaping @Sendable () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: (@Sendable (UInt64) -> Void)?
    ) async throws -> Range<UInt64> {
        try await run { try $0.appendBulk(makeSource, keys: keys, batchSize: batchSize, threads: threads, progress: progress) }
    }
    /// Appends entries another store signed, as they are, with their checkpoints.
    public func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) async throws {
        try await run { try $0.appendSigned(entries, checkpoints: checkpoints) }
    }

    /// Stores a witness cosignature on the checkpoint of `size`; refuses a second one by the same key.
    public func addCosignature(size: UInt64, signature: NoteSignature) async throws {
        try await run { try $0.addCosignature(size: size, signature: signature) }
    }
    /// Stores a setting of this copy of the ledger.
    public func setLocalSetting(_ name: String, _ value: String) async throws { try await run { try $0.setLocalSetting(name, value) } }
}
