import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

extension LedgerSchema {
    /// Builds proofs from the stored tree: leaves from the journal, interior nodes from
    /// `merkle_nodes`; every proof reads O(log n) rows.
    func proofBuilder() -> MerkleProofBuilder {
        MerkleProofBuilder { [session] level, index in
            let row = level == 0
                ? try session.row("SELECT leaf_hash FROM journal WHERE seq = $1", [.seq(index)])
                : try session.row("SELECT hash FROM merkle_nodes WHERE level = $1 AND idx = $2", [.int(Int64(level)), .seq(index)])
            guard let row, let digest = SHA256Digest(bytes: try row.bytes(0)) else {
                throw StoreError(.damaged, "Merkle node (\(level), \(index)) is missing; run vtf verify")
            }
            return digest
        }
    }

    func inclusionProof(seq: UInt64, size: UInt64) throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try read {
            let count = try entryCount()
            guard size <= count else { throw StoreError(.badInput, "tree size \(size) is larger than the journal (\(count) entries)") }
            guard seq < size else { throw StoreError(.badInput, "entry \(seq) is not in a tree of \(size) entries") }
            guard let row = try session.row("SELECT leaf_hash FROM journal WHERE seq = $1", [.seq(seq)]),
                let leaf = SHA256Digest(bytes: try row.bytes(0))
            else { throw StoreError(.notFound, "there is no entry \(seq)") }
            return (leaf, try proofBuilder().inclusionProof(leafIndex: seq, treeSize: size))
        }
    }

    func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [SHA256Digest] {
        try read {
            let count = try entryCount()
            guard 0 < oldSize, oldSize <= newSize, newSize <= count else {
                throw StoreError(.badInput, "a consistency proof needs 0 < OLD <= NEW <= \(count) (the journal's size)")
            }
            return try proofBuilder().consistencyProof(oldSize: oldSize, newSize: newSize)
        }
    }

    func root(size: UInt64) throws -> SHA256Digest {
        try read { try proofBuilder().root(treeSize: size) }
    }

    /// The hashes of tree level `level` at the indices of `range`: leaf hashes from the journal,
    /// interior nodes from `merkle_nodes`, one query.
    func treeHashes(level: Int, _ range: Range<UInt64>) throws -> [SHA256Digest] {
        guard (0...63).contains(level), range.upperBound <= UInt64(Int64.max) else {
            throw StoreError(.badInput, "tree level \(level), indices \(range) are beyond any tree")
        }
        return try read {
            let rows = level == 0
                ? try session.rows(
                    "SELECT leaf_hash FROM journal WHERE seq >= $1 AND seq < $2 ORDER BY seq",
                    [.seq(range.lowerBound), .seq(range.upperBound)])
                : try session.rows(
                    "SELECT hash FROM merkle_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
                    [.int(Int64(level)), .seq(range.lowerBound), .seq(range.upperBound)])
            guard rows.count == range.count else {
                throw StoreError(.notFound, "the tree has \(rows.count) of the \(range.count) hashes of level \(level) at \(range.lowerBound)..<\(range.upperBound)")
            }
            return try rows.map { row in
                guard let digest = SHA256Digest(bytes: try row.bytes(0)) else {
                    throw StoreError(.damaged, "a hash of tree level \(level) is not 32 bytes; run vtf verify")
                }
                return digest
            }
        }
    }

    /// The latest stored checkpoint (or the one of `size`), with its cosignatures.
    func storedNote(size: UInt64?) throws -> StoredNote? {
        try read {
            let row = try size.map { try session.row("SELECT size, note FROM checkpoints WHERE size = $1", [.seq($0)]) }
                ?? session.row("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")
            guard let row else { return nil }
            let noteSize = try row.natural(0)
            var note = try row.text(1)
            for line in try session.rows("SELECT line FROM cosignatures WHERE size = $1 ORDER BY name, key_id", [.seq(noteSize)]) {
                note += try line.text(0) + "\n"
            }
            return StoredNote(size: noteSize, note: note)
        }
    }

    func storedNotes(after size: UInt64, limit: Int) throws -> [StoredNote] {
        try read {
            try session.rows("SELECT size FROM checkpoints WHERE size > $1 ORDER BY size LIMIT $2", [.seq(size), .int(Int64(max(0, limit)))])
                .compactMap { try storedNote(size: try $0.natural(0)) }
        }
    }

    func cosignedCheckpoint(atLeast size: UInt64) throws -> StoredNote? {
        try read {
            guard let found = try session.row("SELECT MIN(size) FROM cosignatures WHERE size >= $1", [.seq(size)])?.optionalNatural(0)
            else { return nil }
            return try storedNote(size: found)
        }
    }

    /// The log key named by the genesis entry, as a note verifier; nil for an empty journal.
    func logVerifier() throws -> NoteVerifier? {
        try read {
            guard let row = try session.row("SELECT body FROM journal WHERE seq = 0") else { return nil }
            return try JournalRows.logVerifier(genesis: try row.bytes(0))
        }
    }

    func logVerifierKey() throws -> String {
        guard let verifier = try logVerifier() else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
        return NoteVerifier.ed25519VerifierKey(name: verifier.name, publicKey: verifier.publicKey)
    }

    func cosignedSizes(from: UInt64, through: UInt64, limit: Int) throws -> [UInt64] {
        try read {
            try session.rows(
                "SELECT DISTINCT size FROM cosignatures WHERE size >= $1 AND size <= $2 ORDER BY size LIMIT $3",
                [.seq(from), .seq(through), .int(Int64(max(0, limit)))]
            ).map { try $0.natural(0) }
        }
    }

    func checkpointParts(size: UInt64) throws -> (note: String, cosignatureLines: [String])? {
        try read {
            guard let note = try session.row("SELECT note FROM checkpoints WHERE size = $1", [.seq(size)])?.text(0) else { return nil }
            let lines = try session.rows("SELECT line FROM cosignatures WHERE size = $1 ORDER BY name, key_id", [.seq(size)]).map { try $0.text(0) }
            return (note, lines)
        }
    }

    /// Stores a witness cosignature line for the checkpoint of `size`; refuses a second one by
    /// the same witness key on the same checkpoint. Runs under the ledger's lock, as appends do.
    func addCosignature(size: UInt64, signature: NoteSignature) throws {
        try writeTransaction {
            guard try session.row("SELECT 1::BIGINT FROM checkpoints WHERE size = $1", [.seq(size)]) != nil else {
                throw StoreError(.notFound, "there is no checkpoint of size \(size)")
            }
            let keyID = JournalRows.keyIDText(signature.keyID)
            guard try session.row(
                "SELECT 1::BIGINT FROM cosignatures WHERE size = $1 AND name = $2 AND key_id = $3",
                [.seq(size), .text(signature.name), .text(keyID)]) == nil
            else {
                throw RuleViolation(.checkpoint, "\(signature.name) has already cosigned the checkpoint of size \(size)")
            }
            var line = signature.line
            if line.hasSuffix("\n") { line.removeLast() }
            try session.execute(
                "INSERT INTO cosignatures (size, name, key_id, line) VALUES ($1, $2, $3, $4)",
                [.seq(size), .text(signature.name), .text(keyID), .text(line)])
        }
    }
}
