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
            try Self.checkCheckpointSizes(checkpoints, after: start.size, count: entries.count)
            var tip = start
            var signers: [Ed25519PublicKey] = []
            signers.reserveCapacity(entries.count)
            for entry in entries {
                signers.append(try Self.checkSigned(entry, tip: tip, state: state, rules: rules))
                tip = Tip(size: tip.size + 1, hash: entry.leafHash)
            }
            try Self.checkSignatures(entries, signers: signers)
            try Self.insertJournal(entries, db)
            state.entriesStored()
            try state.flushBalances()
            try SignedCheckpointStore.advance(db, with: entries.map(\.leafHash), checkpoints: checkpoints)
            let end = try Tip.read(db)
            precondition(end.size == start.size + UInt64(entries.count) && end.hash == tip.hash, "every entry was stored")
        }
    }

    /// One signed entry checked as the verifier checks it (all but its signature, which
    /// ``checkSignatures(_:signers:)`` checks for the whole batch on every core), then its
    /// effects applied to `state`; returns the key that must have signed it.
    static func checkSigned(_ entry: SignedEntry, tip: Tip, state: StoreState, rules: LedgerRules) throws -> Ed25519PublicKey {
        let seq = entry.body.seq
        guard seq == tip.size else {
            throw StoreError(.badInput, "entry \(seq) cannot be appended here: the journal holds \(tip.size) entries, so the next is entry \(tip.size)")
        }
        guard entry.body.prev == tip.hash else {
            throw StoreError(.badInput, "entry \(seq): its prev is not the leaf hash of entry \(seq == 0 ? "-" : String(seq - 1)) of this journal (the chain would break)")
        }
        let bytes = try JournalVerifier.signableBytes(of: entry.body, fundCurrency: state.settings?.currency)
        guard bytes == entry.bodyBytes else {
            throw StoreError(.badInput, "entry \(seq): its stored bytes are not the canonical bytes of its body")
        }
        let accepted = try rules.check(entry.body, against: state)
        try state.apply(entry.body, effects: accepted.effects)
        return accepted.signerKey
    }

    /// Every entry's signature by the key the rules named for it, checked on every core (one
    /// verifier per key and chunk); the first entry whose signature fails is named.
    static func checkSignatures(_ entries: [SignedEntry], signers: [Ed25519PublicKey]) throws {
        precondition(entries.count == signers.count, "one signer per entry")
        let verdicts = ParallelSlots<Bool>(count: entries.count)
        let chunks = entries.count >= 64 ? Parallel.coreCount : 1
        Parallel.forEachChunk(count: entries.count, chunks: chunks) { _, range in
            var verifiers: [[UInt8]: Ed25519Verifier] = [:]
            for index in range {
                let key = signers[index]
                let verifier = verifiers[key.rawRepresentation] ?? (try? Ed25519Verifier(publicKey: key))
                verifiers[key.rawRepresentation] = verifier
                verdicts[index] = verifier?.isValidSignature(entries[index].signature, for: entries[index].bodyBytes) ?? false
            }
        }
        if let bad = entries.indices.first(where: { verdicts[$0] != true }) {
            let entry = entries[bad]
            throw StoreError(.badInput, "entry \(entry.body.seq): its signature is not valid by its signer's key \(entry.body.signer)")
        }
    }

    /// Checkpoint sizes ascending, each within the entries being appended.
    static func checkCheckpointSizes(_ checkpoints: [StoredNote], after size: UInt64, count: Int) throws {
        var previous = size
        for checkpoint in checkpoints {
            guard checkpoint.size > previous, checkpoint.size <= size + UInt64(count) else {
                throw StoreError(.badInput, "the checkpoint of size \(checkpoint.size) does not fall on one of the entries appended (sizes \(size + 1)…\(size + UInt64(count)), ascending)")
            }
            previous = checkpoint.size
        }
    }
}

/// The Merkle frontier and checkpoints for entries appended as they were signed elsewhere: the
/// tree grows as ``Checkpointer`` grows it, but the checkpoints stored are the given notes,
/// checked against the log key of the genesis entry and the root at their size.
enum SignedCheckpointStore {
    static func advance(_ db: Database, with leafHashes: [SHA256Digest], checkpoints: [StoredNote]) throws {
        var frontier = try Checkpointer.frontier(db)
        let verifier = checkpoints.isEmpty ? nil : try CheckpointTable.logVerifier(db)
        let insertNode = try PreparedStatement(db, sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
        var nodeError: (any Error)?
        var pending = checkpoints[...]
        for hash in leafHashes {
            frontier.append(leafHash: hash) { level, index, node in
                guard nodeError == nil else { return }
                insertNode.bind(1, Int64(level))
                insertNode.bind(2, Int64(index))
                insertNode.bind(3, blob: node.bytes)
                do { try insertNode.run() } catch { nodeError = error }
            }
            if let nodeError { throw nodeError }
            while let next = pending.first, next.size == frontier.size {
                guard let verifier else { preconditionFailure("a verifier is made when there are checkpoints") }
                try store(next, root: frontier.root, verifier: verifier, db)
                pending = pending.dropFirst()
            }
        }
        precondition(pending.isEmpty, "every checkpoint size was checked to fall on an appended entry")
        try db.execute(
            sql: """
                INSERT INTO tree_state (id, size, frontier) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier
                """,
            arguments: [Int64(frontier.size), Data(frontier.serialized)])
    }

    private static func store(_ note: StoredNote, root: SHA256Digest, verifier: NoteVerifier, _ db: Database) throws {
        let checkpoint = try SignedCheckpoints.check(StoredCheckpoint(filedSize: note.size, note: note.note), with: verifier).get()
        guard checkpoint.rootHash == root else {
            throw RuleViolation(.checkpoint, "the checkpoint of size \(note.size) signs a different root than the entries appended")
        }
        try db.execute(
            sql: "INSERT INTO checkpoints (size, root, note) VALUES (?, ?, ?)",
            arguments: [Int64(note.size), Data(root.bytes), note.note])
    }
}

extension SQLiteLedger {
    /// Appends entries another store signed, as they are (see `LedgerFile.appendSigned`).
    public func appendSigned(_ entries: [SignedEntry], checkpoints: [StoredNote]) async throws {
        let file = self.file
        try await SignedAppendWorker.run { try file.appendSigned(entries, checkpoints: checkpoints) }
    }

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
