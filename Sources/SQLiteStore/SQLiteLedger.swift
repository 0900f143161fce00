import CanonicalJSON
import Dispatch
import Foundation
import GRDB
public import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import LedgerStore
public import TransparencyLog

/// A SQLite ledger file seen through the store seam (``LedgerReading``, ``LedgerWriting``).
///
/// SQLite's calls block; each one runs on a Dispatch worker (as GRDB's own async API does), never
/// on the cooperative pool, and waits there for the file's lock (several connections or
/// processes writing queue up on SQLite's `BEGIN IMMEDIATE` with a busy timeout).
public struct SQLiteLedger: LedgerWriting {
    /// The file, for the SQLite-only operations (opening modes, the -wal guard, migrations).
    public let file: LedgerFile

    public init(_ file: LedgerFile) { self.file = file }

    public var rules: LedgerRules { file.rules }

    /// Runs one blocking SQLite call off the cooperative pool.
    private func run<T: Sendable>(_ body: @escaping @Sendable (LedgerFile) throws -> T) async throws -> T {
        let file = file
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try StorageErrors.mapping { try body(file) } })
            }
        }
    }

    public func settings() async throws -> LedgerSettings? { try await run { try $0.settings() } }
    public func entryCount() async throws -> UInt64 { try await run { try $0.entryCount() } }
    public func entry(at seq: UInt64) async throws -> SignedEntry? { try await run { try $0.entry(at: seq) } }
    public func entries(ofKinds kinds: [EntryKind]) async throws -> [EntryBody] { try await run { try $0.entries(ofKinds: kinds) } }
    public func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) async throws -> [MovingEntry] {
        try await run { try $0.entries(posting: account, from: from, through: through) }
    }
    public func exportLines(_ seqs: Range<UInt64>) async throws -> [[UInt8]] { try await run { try $0.exportLines(seqs) } }

    public func accounts() async throws -> [AccountState] { try await run { try $0.accounts() } }
    public func keys() async throws -> [KeyState] { try await run { try $0.keys() } }
    public func trialBalance(asOf date: LedgerDate?) async throws -> [TrialBalanceRow] { try await run { try $0.trialBalance(asOf: date) } }
    public func trialBalances(asOf first: LedgerDate, _ second: LedgerDate) async throws -> (first: [TrialBalanceRow], second: [TrialBalanceRow]) {
        try await run { try $0.trialBalances(asOf: first, second) }
    }
    public func postingTotals(from: LedgerDate?, through: LedgerDate?, excluding: [EntryKind]) async throws -> [TrialBalanceRow] {
        try await run { try $0.postingTotals(from: from, through: through, excluding: excluding) }
    }
    public func kindTotals(_ kinds: [EntryKind], from: LedgerDate, through: LedgerDate) async throws -> [TrialBalanceRow] {
        try await run { try $0.kindTotals(kinds, from: from, through: through) }
    }
    public func lastSeqWithPostings(through date: LedgerDate) async throws -> UInt64? { try await run { try $0.lastSeqWithPostings(through: date) } }
    public func fundRecords(_ collection: String) async throws -> [StateRecord] { try await run { try $0.fundRecords(collection) } }
    public func fundRecord(_ collection: String, _ id: String) async throws -> StateRecord? { try await run { try $0.fundRecord(collection, id) } }
    public func allFundRecords() async throws -> [StateRecord] { try await run { try $0.allFundRecords() } }
    public func withRuleState<T: Sendable>(_ body: @escaping @Sendable (any LedgerStateReading) throws -> T) async throws -> T {
        try await run { try $0.withRuleState(body) }
    }

    public func storedNote(size: UInt64?) async throws -> StoredNote? { try await run { try $0.storedNote(size: size) } }
    public func storedNotes(after size: UInt64, limit: Int) async throws -> [StoredNote] { try await run { try $0.storedNotes(after: size, limit: limit) } }
    public func cosignedCheckpoint(atLeast size: UInt64) async throws -> StoredNote? { try await run { try $0.cosignedCheckpoint(atLeast: size) } }
    public func logVerifierKey() async throws -> String { try await run { try $0.logVerifierKey() } }
    public func inclusionProof(seq: UInt64, size: UInt64) async throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try await run { try $0.inclusionProof(seq: seq, size: size) }
    }
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [SHA256Digest] {
        try await run { try $0.consistencyProof(oldSize: oldSize, newSize: newSize) }
    }
    public func root(size: UInt64) async throws -> SHA256Digest { try await run { try $0.root(size: size) } }

    public func verify(threads: Int) async throws -> StoreVerification { try await run { try $0.verify(threads: threads) } }
    public func reconcileDerived(threads: Int) async throws -> StoreVerification { try await run { try $0.reconcileDerived(threads: threads) } }
    public func localSetting(_ name: String) async throws -> String? { try await run { try $0.localSetting(name) } }

    @discardableResult
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) async throws -> [SignedEntry] {
        try await run { try $0.append(drafts, keys: keys, origin: origin) }
    }
    public func appendBulk(
        _ makeSource: @escaping @Sendable () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: (@Sendable (UInt64) -> Void)?
    ) async throws -> Range<UInt64> {
        try await run { try $0.appendBulk(makeSource, keys: keys, batchSize: batchSize, threads: threads, progress: progress) }
    }
    public func addCosignature(size: UInt64, signature: NoteSignature) async throws {
        try await run { try $0.addCosignature(size: size, signature: signature) }
    }
    public func setLocalSetting(_ name: String, _ value: String) async throws { try await run { try $0.setLocalSetting(name, value) } }
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
                guard case .object(var object) = try JSONParser.parse([UInt8](body)) else {
                    throw StoreError(.damaged, "entry \(seq) is not a JSON object; run vtf verify")
                }
                object["sig"] = .string(Base64.encode([UInt8](sig)))
                lines.append(try JSONCanonicalizer.canonicalBytes(.object(object)))
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
