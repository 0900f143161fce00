import CanonicalJSON
import Dispatch
import Foundation
import GRDB
public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import LedgerStore
public import TransparencyLog

/// A SQLite ledger file seen through the store seam (`LedgerReading`, `LedgerWriting`).
///
/// SQLite's calls block; each one runs on a Dispatch worker (as GRDB's own async API does), never
/// on the cooperative pool, and waits there for the file's lock (several connections or
/// processes writing queue up on SQLite's `BEGIN IMMEDIATE` with a busy timeout).
public struct SQLiteLedger: LedgerWriting {
    /// The file, for the SQLite-only operations (opening modes, the -wal guard, migrations).
    public let file: LedgerFile

    /// The store seam over `file`.
    public init(_ file: LedgerFile) { self.file = file }

    /// The rules the ledger's entries are written and verified under (the file's).
    public var rules: LedgerRules { file.rules }

    /// Runs one blocking SQLite call off the cooperative pool. The worker lets go of the file
    /// before it hands back the result (``FileHandoff``), so the caller's last reference closes
    /// it, in its own task: a command's ledger is closed (its -wal checkpointed) before it returns.
    private func run<T: Sendable>(_ body: @escaping @Sendable (LedgerFile) throws -> T) async throws -> T {
        let handoff = FileHandoff(file)
        return try await withCheckedThrowingContinuation { continuation in
            // A queue of its own, not the global queue: the global queue runs no more blocks
            // than there are cores, so a long call (a verify) holding one of them left its own
            // signature checks, which run there, one core short (verify fell from 0.88× to 0.72×
            // the machine's verify rate). A new serial queue gets a thread of its own.
            DispatchQueue(label: "vtf.sqlite-store").async {
                let result = Result { try StorageErrors.mapping { try body(handoff.take()) } }
                continuation.resume(with: consume result)
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
    public func verify(threads: Int) async throws -> StoreVerification { try await run { try $0.verify(threads: threads) } }
    /// The same replay as ``verify(threads:)``, calling `progress` with the number of entries
    /// replayed so far (on the worker's threads).
    public func verify(threads: Int, progress: (@Sendable (UInt64) -> Void)?) async throws -> StoreVerification {
        try await run { try $0.verify(threads: threads, progress: progress) }
    }
    /// The same replay as ``verify(threads:)``, listing every difference in the derived tables
    /// instead of stopping.
    public func reconcileDerived(threads: Int) async throws -> StoreVerification { try await run { try $0.reconcileDerived(threads: threads) } }
    /// The same as ``reconcileDerived(threads:)``, calling `progress` with the number of entries
    /// replayed so far (on the worker's threads).
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
    /// Stores a witness cosignature on the checkpoint of `size`; refuses a second one by the
    /// same key.
    public func addCosignature(size: UInt64, signature: NoteSignature) async throws {
        try await run { try $0.addCosignature(size: size, signature: signature) }
    }
    /// Stores a setting of this copy of the ledger.
    public func setLocalSetting(_ name: String, _ value: String) async throws { try await run { try $0.setLocalSetting(name, value) } }
}

/// The file a worker of ``SQLiteLedger`` uses for one call, taken out once, so the worker holds no
/// reference to it after the call (the caller's task closes the file by releasing the last).
private final class FileHandoff: @unchecked Sendable {
    private var file: LedgerFile?

    init(_ file: LedgerFile) { self.file = file }

    /// The file; the handoff holds it no longer. Called once, on the worker.
    func take() -> LedgerFile {
        guard let file else { preconditionFailure("a handoff's file is taken once") }
        self.file = nil
        return file
    }
}

extension LedgerFile {
    /// This file through the store seam.
    public var store: SQLiteLedger { SQLiteLedger(self) }

    /// The export lines of the entries of `seqs`, in order.
    func exportLines(_ seqs: Range<UInt64>) throws -> [[UInt8]] {
        try read { db in
            var lines: [[UInt8]] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT seq, body, sig FROM journal WHERE seq >= ? AND seq < ? ORDER BY seq",
                arguments: [Int64(clamping: seqs.lowerBound), Int64(clamping: seqs.upperBound)])
            var expected = seqs.lowerBound
            while let row = try rows.next() {
                let seq: Int64 = try row.decode(atIndex: 0)
                guard seq == Int64(clamping: expected) else {
                    throw StoreError(.damaged, "entry \(expected) is missing from the journal; run vtf verify")
                }
                let body: Data = try row.decode(atIndex: 1)
                let sig: Data = try row.decode(atIndex: 2)
                lines.append(try JournalRows.exportLine(seq: expected, body: [UInt8](body), signature: [UInt8](sig)))
                expected += 1
            }
            guard expected == seqs.upperBound else {
                throw StoreError(.notFound, "the journal holds no entry \(expected) (it ends before \(seqs.upperBound))")
            }
            return lines
        }
    }

    /// The stored checkpoints of size greater than `size`, in size order, at most `limit`.
    func storedNotes(after size: UInt64, limit: Int) throws -> [StoredNote] {
        try read { db in
            let sizes = try Int64.fetchAll(
                db, sql: "SELECT size FROM checkpoints WHERE size > ? ORDER BY size LIMIT ?",
                arguments: [Int64(clamping: size), max(0, limit)])
            return try sizes.compactMap { try Self.storedNote(db, size: UInt64(clamping: $0)) }
        }
    }
}
