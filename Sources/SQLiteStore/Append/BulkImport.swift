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
    /// every core). The commit re-checks every draft against the ledger as it then stands, so
    /// what another writer recorded in the meantime (a ref, the seq/prev chain, a closed account)
    /// is taken into account; any refusal rolls everything back. Returns the seqs appended: one
    /// transaction holds them, so they follow each other.
    public func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int = 1000,
        threads: Int = Parallel.coreCount, progress: ((UInt64) -> Void)? = nil
    ) throws -> Range<UInt64> {
        guard batchSize >= 1 else { throw StoreError(.badInput, "the batch size must be at least 1") }
        let snapshot = try checkImport(try makeSource(), keys: keys)
        let appended = try commitImport(
            try makeSource(), after: snapshot, keys: keys, batchSize: batchSize, threads: threads, progress: progress)
        checkpointPassively()
        return appended
    }

    /// Copies the import's WAL pages into the file where no reader needs them; never waits
    /// for other connections (a later write or the last close finishes the job).
    func checkpointPassively() {
        try? queue.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }
}

/// The ledger's tip when an import's drafts were checked.
struct ImportSnapshot {
    let tip: Tip
    let count: UInt64

    func isCurrent(_ db: Database) throws -> Bool {
        let now = try Tip.read(db)
        return now.size == tip.size && now.hash == tip.hash
    }
}
