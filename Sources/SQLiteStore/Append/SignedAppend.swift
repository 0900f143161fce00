import Dispatch
import Foundation
import GRDB
import TransparencyLog
import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// Appends entries another store signed (`vtf store copy`), as they are: nothing is signed
    /// again. One transaction: every entry must be the next of this journal (seq, prev), its
    /// bytes the canonical bytes of its body, its signature valid by the key the rules name, and
    /// the rules must accept it against the state before it; the rules' effects re-derive every
    /// table, as for a new entry. Each note of `checkpoints` (the log's signed note, without
    /// cosignatures; sizes within the new entries, ascending) must be signed by this ledger's log
    /// key and sign this journal's root at its size; it is stored as it is. Anything refused
    /// leaves nothing written.
    public func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) throws {
        try writeImmediate { db in
            let state = try StoreState(db)
            let start = try Tip.read(db)
            try SignedAppendChecks.checkContinues(entries, journalSize: start.size)
            try SignedAppendChecks.checkCheckpointSizes(checkpoints, after: start.size, count: entries.count)
            var tip = start
            var signers: [Ed25519PublicKey] = []
            signers.reserveCapacity(entries.count)
            for entry in entries {
                signers.append(try SignedAppendChecks.check(entry, tipSize: tip.size, tipHash: tip.hash, state: state, rules: rules) { try state.apply($0, effects: $1) })
                tip = Tip(size: tip.size + 1, hash: entry.leafHash)
            }
            try SignedAppendChecks.checkSignatures(entries, signers: signers)
            try Self.insertJournal(entries, db)
            state.entriesStored()
            try state.flushBalances()
            try SignedCheckpointStore.advance(db, with: entries.map(\.leafHash), checkpoints: checkpoints)
            let end = try Tip.read(db)
            precondition(end.size == start.size + UInt64(entries.count) && end.hash == tip.hash, "every entry was stored")
        }
    }
}

enum SignedCheckpointStore {
    static func advance(_ db: Database, with leafHashes: [SHA256Digest], checkpoints: [StoredNote]) throws {
        var tree = try StoredTreeAppender(db)
        let verifier = checkpoints.isEmpty ? nil : try CheckpointTable.logVerifier(db)
        var pending = checkpoints[...]
        for hash in leafHashes {
            try tree.append(hash)
            while let next = pending.first, next.size == tree.frontier.size {
                guard let verifier else { preconditionFailure("a verifier is made when there are checkpoints") }
                try store(next, root: tree.frontier.root, verifier: verifier, db)
                pending = pending.dropFirst()
            }
        }
        precondition(pending.isEmpty, "every checkpoint size was checked to fall on an appended entry")
        try tree.finish(db)
    }

    private static func store(_ note: StoredNote, root: SHA256Digest, verifier: NoteVerifier, _ db: Database) throws {
        try SignedAppendChecks.checkCheckpoint(note, root: root, verifier: verifier)
        try db.execute(
            sql: "INSERT INTO checkpoints (size, root, note) VALUES (?, ?, ?)",
            arguments: [Int64(note.size), Data(root.bytes), note.note])
    }
}

extension SQLiteLedger {
    /// Creates an empty ledger file at `path` (the schema, no entry): the destination of a copy,
    /// filled by ``appendSigned(_:checkpoints:)`` from the genesis entry on. Refuses an existing
    /// path (`StoreError.Code.exists`).
    public static func createEmpty(at path: String, rules: LedgerRules) async throws -> SQLiteLedger {
        try await SignedAppendWorker.run { SQLiteLedger(try LedgerFile.create(at: path, rules: rules)) }
    }
}

/// Runs a blocking SQLite call on a Dispatch worker, off the cooperative pool, with the store's
/// error mapping (as ``SQLiteLedger``'s own calls do).
enum SignedAppendWorker {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "vtf.sqlite-store.signed-append").async {
                let result = Result { try StorageErrors.mapping { try body() } }
                continuation.resume(with: consume result)
            }
        }
    }
}
