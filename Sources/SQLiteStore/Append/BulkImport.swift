import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// The bulk path (`vtf import`): all or nothing.
    ///
    /// First every draft is checked in a read snapshot, holding no write lock, so a colleague's
    /// `vtf post` during a long check goes through at once. Then the write lock is taken and the
    /// drafts are appended in ONE write transaction, in batches of `batchSize` (signatures made on
    /// every core). If the tip is still the one the drafts were checked against, the ledger is
    /// the one they were checked on: the checked drafts are signed and written as they are (one
    /// pass over the input, one run of the rules). Otherwise (another writer recorded entries
    /// meanwhile, or the import was too long to keep) the commit reads the input again and
    /// re-checks every draft against the ledger as it then stands, so what another writer
    /// recorded (a ref, the seq/prev chain, a closed account) is taken into account. Any refusal
    /// rolls everything back. Returns the seqs appended: one transaction holds them, so they
    /// follow each other.
    public func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int = 1000,
        threads: Int = Parallel.coreCount, progress: ((UInt64) -> Void)? = nil
    ) throws -> Range<UInt64> {
        try appendBulk(
            makeSource, keys: keys, batchSize: batchSize, threads: threads, progress: progress, keepChecked: Self.checkedDraftsKept)
    }

    /// ``appendBulk(_:keys:batchSize:threads:progress:)`` keeping at most `keepChecked` checked
    /// drafts for the commit (tests: 0 makes the commit read and check the input again).
    func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int,
        progress: ((UInt64) -> Void)?, keepChecked: Int
    ) throws -> Range<UInt64> {
        guard batchSize >= 1 else { throw StoreError(.badInput, "the batch size must be at least 1") }
        let snapshot = try checkImport(try makeSource(), keys: keys, keep: keepChecked)
        let appended = try commitImport(
            makeSource, after: snapshot, keys: keys, batchSize: batchSize, threads: threads, progress: progress)
        checkpointPassively()
        return appended
    }

    /// Copies the import's WAL pages into the file where no reader needs them; never waits
    /// for other connections (a later write or the last close finishes the job).
    func checkpointPassively() {
        try? queue.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }
}

/// The ledger's tip when an import's drafts were checked, and the checked drafts (nil when
/// they were not kept).
struct ImportSnapshot {
    let tip: Tip
    let count: UInt64
    let checked: [CheckedDraft]?

    func isCurrent(_ db: Database) throws -> Bool {
        let now = try Tip.read(db)
        return now.size == tip.size && now.hash == tip.hash
    }
}
