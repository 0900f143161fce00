import CanonicalJSON
import Dispatch
import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore
import TransparencyLog

/// A SQLite ledger file seen through the store seam (`LedgerReading`, `LedgerWriting`).
///
/// SQLite's calls block; each one runs on a Dispatch worker (as GRDB's own async API does), never
/// on the cooperative pool, and waits there for the file's lock (several connections or
/// processes writing queue up on SQLite's `BEGIN IMMEDIATE` with a busy timeout).
public struct SQLiteLedger: BlockingLedgerStore {
    /// The file, for the SQLite-only operations (opening modes, the -wal guard, migrations).
    public let file: LedgerFile

    /// The store seam over `file`.
    public init(_ file: LedgerFile) { self.file = file }

    /// The rules the ledger's entries are written and verified under (the file's).
    public var rules: LedgerRules { file.rules }

    /// Runs one blocking SQLite call off the cooperative pool. The worker lets go of the file
    /// before it hands back the result (`FileHandoff`), so the caller's last reference closes
    /// it, in its own task: a command's ledger is closed (its -wal checkpointed) before it returns.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any BlockingLedger) throws -> T) async throws -> T {
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

/// The file is the blocking side of the seam (`SQLiteLedger` runs its calls off the pool).
extension LedgerFile: BlockingLedger {}

extension LedgerFile {
    /// This file through the store seam.
    public var store: SQLiteLedger { SQLiteLedger(self) }

    /// The export lines of the entries of `seqs`, in order.
    public func exportLines(_ seqs: Range<UInt64>) throws -> [[UInt8]] {
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
    public func storedNotes(after size: UInt64, limit: Int) throws -> [StoredNote] {
        try read { db in
            let sizes = try Int64.fetchAll(
                db, sql: "SELECT size FROM checkpoints WHERE size > ? ORDER BY size LIMIT ?",
                arguments: [Int64(clamping: size), max(0, limit)])
            return try sizes.compactMap { try Self.storedNote(db, size: UInt64(clamping: $0)) }
        }
    }
}
