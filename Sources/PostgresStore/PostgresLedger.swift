import Dispatch
public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import LedgerStore
public import TransparencyLog

/// A vtf ledger in a schema of a PostgreSQL database, seen through the store seam
/// (`LedgerReading`, `LedgerWriting`): the same journal bytes, checkpoints and derived tables as
/// a SQLite ledger file.
///
/// A ledger holds one connection, and runs every call on a serial Dispatch queue of its own,
/// where it blocks on postgres-nio's futures: never on an event loop or the cooperative pool.
/// Reads inside ``read(_:)`` are one REPEATABLE READ transaction. Appends take the ledger's
/// transaction-scoped advisory lock first, so writers on any number of connections and
/// machines form one chain. Every server or connection error is a `StoreError`, without the
/// password.
public final class PostgresLedger: LedgerWriting, Sendable {
    /// Where the ledger lives (without its password in any message).
    public let settings: PostgresConnectionSettings
    /// The rules the ledger's entries are written and verified under.
    public let rules: LedgerRules
    private let schema: UncheckedSendable<LedgerSchema>
    private let queue: DispatchQueue

    init(schema: LedgerSchema) {
        self.settings = schema.session.settings
        self.rules = schema.rules
        self.schema = UncheckedSendable(schema)
        self.queue = DispatchQueue(label: "vtf.postgres-store")
    }

    /// Runs one blocking call on the ledger's queue (one at a time: the connection is the
    /// queue's), off the cooperative pool.
    private func run<T: Sendable>(_ body: @escaping @Sendable (LedgerSchema) throws -> T) async throws -> T {
        let schema = schema
        let settings = settings
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    do { return try body(schema.value) } catch { throw PostgresErrors.mapped(error, settings) }
                })
            }
        }
    }

    /// Closes the connection once the calls queued before it are done.
    public func close() async {
        let schema = schema
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                schema.value.session.close()
                continuation.resume()
            }
        }
    }

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
    public func verify(threads: Int) async throws -> StoreVerification { try await verify(threads: threads, progress: nil) }
    /// The same replay as ``verify(threads:)``, calling `progress` with the number of entries
    /// replayed so far.
    public func verify(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await run { try $0.verify(threads: threads, collecting: false, progress: progress) }
    }
    /// The same replay as ``verify(threads:)``, listing every difference in the derived tables
    /// instead of stopping.
    public func reconcileDerived(threads: Int) async throws -> StoreVerification { try await reconcileDerived(threads: threads, progress: nil) }
    /// The same as ``reconcileDerived(threads:)``, calling `progress` with the number of entries
    /// replayed so far.
    public func reconcileDerived(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await run { try $0.verify(threads: threads, collecting: true, progress: progress) }
    }
    /// A setting of this copy of the ledger (not part of the journal), or nil.
    public func localSetting(_ name: String) async throws -> String? { try await run { try $0.localSetting(name) } }

    /// Runs `body` over one consistent snapshot of the ledger: one REPEATABLE READ, read-only
    /// transaction holds for every query `body` makes, on the ledger's queue.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSnapshot) throws -> T) async throws -> T {
        try await run { schema in try schema.read { try body(schema) } }
    }

    /// Appends `drafts` as one transaction under the ledger's advisory lock: all are recorded,
    /// or none. `origin` names the log when the first draft is the genesis entry of an empty store.
    @discardableResult
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) async throws -> [SignedEntry] {
        try await run { try $0.append(drafts, keys: keys, origin: origin) }
    }
    /// The bulk path (`vtf import`): every draft of the source is checked and appended in one
    /// transaction under the ledger's lock, in batches of `batchSize`; returns the seqs appended.
    public func appendBulk(
        _ makeSource: @escaping @Sendable () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: (@Sendable (UInt64) -> Void)?
    ) async throws -> Range<UInt64> {
        try await run { try $0.appendBulk(makeSource, keys: keys, batchSize: batchSize, progress: progress) }
    }
    /// Stores a witness cosignature on the checkpoint of `size`; refuses a second one by the
    /// same key.
    public func addCosignature(size: UInt64, signature: NoteSignature) async throws {
        try await run { try $0.addCosignature(size: size, signature: signature) }
    }
    /// Stores a setting of this copy of the ledger.
    public func setLocalSetting(_ name: String, _ value: String) async throws { try await run { try $0.setLocalSetting(name, value) } }
}
