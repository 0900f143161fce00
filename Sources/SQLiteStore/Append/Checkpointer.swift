import Foundation
import GRDB
import TransparencyLog
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// Keeps the Merkle frontier and stores one signed checkpoint per committed write
/// (DESIGN §3: C2SP tlog-checkpoint, signed by the ledger's log key, key name = origin).
enum Checkpointer {
    /// Appends leaves to the stored frontier and stores the checkpoint of the new size.
    static func advance(_ db: Database, with leafHashes: [SHA256Digest], logKey: Ed25519PrivateKey) throws {
        guard let settings = try LedgerFile.settings(db) else {
            throw StoreError(.damaged, "cannot sign a checkpoint before the genesis entry")
        }
        let logKeys = try DerivedRows.keys(db).filter { $0.record.roles.contains(.log) }
        guard logKeys.contains(where: { $0.record.publicKey == logKey.publicKey }) else {
            throw StoreError(.badInput, "the log key given is not this ledger's log key (check VTF_LOG_KEY or the path recorded by vtf init)")
        }
        var tree = try StoredTreeAppender(db)
        for hash in leafHashes { try tree.append(hash) }
        try tree.finish(db)
        let frontier = tree.frontier
        let note = try signedNote(origin: settings.origin, size: frontier.size, root: frontier.root, logKey: logKey)
        try db.execute(
            sql: "INSERT INTO checkpoints (size, root, note) VALUES (?, ?, ?)",
            arguments: [Int64(frontier.size), Data(frontier.root.bytes), note])
    }

    static func frontier(_ db: Database) throws -> MerkleFrontier {
        guard let bytes = try Data.fetchOne(db, sql: "SELECT frontier FROM tree_state WHERE id = 1") else {
            return MerkleFrontier()
        }
        do { return try MerkleFrontier(serialized: [UInt8](bytes)) } catch {
            throw StoreError(.damaged, "the stored Merkle frontier is damaged (\(error)); run vtf verify")
        }
    }

    /// The C2SP checkpoint note: `origin\nsize\nbase64(root)\n`, signed with key name = origin.
    static func signedNote(origin: String, size: UInt64, root: SHA256Digest, logKey: Ed25519PrivateKey) throws -> String {
        try JournalRows.signedNote(origin: origin, size: size, root: root, logKey: logKey)
    }
}
