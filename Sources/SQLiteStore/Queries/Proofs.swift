public import TransparencyLog
import Foundation
public import LedgerCore
import GRDB
public import LedgerCrypto
import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// Builds proofs from the stored tree: leaves from the journal, interior nodes from
    /// `merkle_nodes`; every proof reads O(log n) rows.
    func proofBuilder(_ db: Database) -> MerkleProofBuilder {
        MerkleProofBuilder { level, index in
            let bytes: Data?
            if level == 0 {
                bytes = try Data.fetchOne(
                    try db.cachedStatement(sql: "SELECT leaf_hash FROM journal WHERE seq = ?"), arguments: [Int64(index)])
            } else {
                bytes = try Data.fetchOne(
                    try db.cachedStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?"),
                    arguments: [level, Int64(index)])
            }
            guard let bytes, let digest = SHA256Digest(bytes: [UInt8](bytes)) else {
                throw StoreError(.damaged, "Merkle node (\(level), \(index)) is missing; run vtf verify")
            }
            return digest
        }
    }

    /// The inclusion proof of entry `seq` in the tree of `size` entries, with its leaf hash.
    public func inclusionProof(seq: UInt64, size: UInt64) throws -> (leafHash: SHA256Digest, path: [SHA256Digest]) {
        try read { db in
            let count = try Tip.read(db).size
            guard size <= count else { throw StoreError(.badInput, "tree size \(size) is larger than the journal (\(count) entries)") }
            guard seq < size else { throw StoreError(.badInput, "entry \(seq) is not in a tree of \(size) entries") }
            return (try Self.leafHash(db, seq), try proofBuilder(db).inclusionProof(leafIndex: seq, treeSize: size))
        }
    }

    /// The consistency proof between the trees of `oldSize` and `newSize` entries.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [SHA256Digest] {
        try read { db in
            let count = try Tip.read(db).size
            guard 0 < oldSize, oldSize <= newSize, newSize <= count else {
                throw StoreError(.badInput, "a consistency proof needs 0 < OLD <= NEW <= \(count) (the journal's size)")
            }
            return try proofBuilder(db).consistencyProof(oldSize: oldSize, newSize: newSize)
        }
    }

    /// The Merkle root of the first `size` entries.
    public func root(size: UInt64) throws -> SHA256Digest {
        try read { db in try proofBuilder(db).root(treeSize: size) }
    }

    /// The hashes of tree level `level` at the indices of `range`: leaf hashes from the journal,
    /// interior nodes from `merkle_nodes`, one query.
    public func treeHashes(level: Int, _ range: Range<UInt64>) throws -> [SHA256Digest] {
        guard (0...63).contains(level), range.upperBound <= UInt64(Int64.max) else {
            throw StoreError(.badInput, "tree level \(level), indices \(range) are beyond any tree")
        }
        return try read { db in
            let rows = level == 0
                ? try Data.fetchAll(
                    db, sql: "SELECT leaf_hash FROM journal WHERE seq >= ? AND seq < ? ORDER BY seq",
                    arguments: [Int64(range.lowerBound), Int64(range.upperBound)])
                : try Data.fetchAll(
                    db, sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx",
                    arguments: [level, Int64(range.lowerBound), Int64(range.upperBound)])
            guard rows.count == range.count else {
                throw StoreError(.notFound, "the tree has \(rows.count) of the \(range.count) hashes of level \(level) at \(range.lowerBound)..<\(range.upperBound)")
            }
            return try rows.map { bytes in
                guard let digest = SHA256Digest(bytes: [UInt8](bytes)) else {
                    throw StoreError(.damaged, "a hash of tree level \(level) is not 32 bytes; run vtf verify")
                }
                return digest
            }
        }
    }

    static func leafHash(_ db: Database, _ seq: UInt64) throws -> SHA256Digest {
        guard let bytes = try Data.fetchOne(db, sql: "SELECT leaf_hash FROM journal WHERE seq = ?", arguments: [Int64(seq)]),
            let digest = SHA256Digest(bytes: [UInt8](bytes))
        else { throw StoreError(.notFound, "there is no entry \(seq)") }
        return digest
    }

    /// The latest stored checkpoint (or the one of `size`), with its cosignatures.
    public func storedNote(size: UInt64? = nil) throws -> StoredNote? {
        try read { db in try Self.storedNote(db, size: size) }
    }

    static func storedNote(_ db: Database, size: UInt64?) throws -> StoredNote? {
        let row: Row?
        if let size {
            row = try Row.fetchOne(db, sql: "SELECT size, note FROM checkpoints WHERE size = ?", arguments: [Int64(clamping: size)])
        } else {
            row = try Row.fetchOne(db, sql: "SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")
        }
        guard let row else { return nil }
        let storedSize: Int64 = (try row.decode(atIndex: 0))
        guard let noteSize = UInt64(exactly: storedSize) else {
            throw StoreError(.damaged, "a checkpoint has the size \(storedSize); the ledger file was changed: run vtf verify")
        }
        var note: String = (try row.decode(atIndex: 1))
        let lines = try String.fetchAll(
            db, sql: "SELECT line FROM cosignatures WHERE size = ? ORDER BY name, key_id", arguments: [Int64(clamping: noteSize)])
        for line in lines { note += line + "\n" }
        return StoredNote(size: noteSize, note: note)
    }

    /// Every stored checkpoint with its cosignatures, in size order, a page at a time.
    public func forEachStoredNote(_ body: (StoredNote) throws -> Void) throws {
        try read { db in
            var after: Int64 = 0
            while true {
                let sizes = try Int64.fetchAll(db, sql: "SELECT size FROM checkpoints WHERE size > ? ORDER BY size LIMIT 1024", arguments: [after])
                guard let last = sizes.last else { return }
                for size in sizes {
                    guard let note = try Self.storedNote(db, size: UInt64(clamping: size)) else { continue }
                    try body(note)
                }
                after = last
            }
        }
    }

    /// The log's verifier key (`origin+keyid+base64`), from the genesis entry.
    public func logVerifierKey() throws -> String {
        try read { db in
            guard let verifier = try CheckpointTable.logVerifier(db) else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            return NoteVerifier.ed25519VerifierKey(name: verifier.name, publicKey: verifier.publicKey)
        }
    }

    /// Stores a witness cosignature line for the checkpoint of `size`. Refuses a second
    /// cosignature by the same witness key on the same checkpoint.
    public func addCosignature(size: UInt64, signature: NoteSignature) throws {
        try writeImmediate { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM checkpoints WHERE size = ?)", arguments: [Int64(clamping: size)]) == true else {
                throw StoreError(.notFound, "there is no checkpoint of size \(size)")
            }
            let keyID = String(signature.keyID, radix: 16).leftPadded(to: 8)
            do {
                try db.execute(
                    sql: "INSERT INTO cosignatures (size, name, key_id, line) VALUES (?, ?, ?, ?)",
                    arguments: [Int64(size), signature.name, keyID, signature.line.trimmingSuffix("\n")])
            } catch DatabaseError.SQLITE_CONSTRAINT_PRIMARYKEY {
                throw RuleViolation(.checkpoint, "\(signature.name) has already cosigned the checkpoint of size \(size)")
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

extension LedgerFile {
    /// The smallest checkpoint of at least `size` entries that a witness (an auditor) cosigned,
    /// with its cosignatures; nil when none is.
    public func cosignedCheckpoint(atLeast size: UInt64) throws -> StoredNote? {
        try read { db in
            guard let found = try Int64.fetchOne(db, sql: "SELECT MIN(size) FROM cosignatures WHERE size >= ?", arguments: [Int64(clamping: size)])
            else { return nil }
            return try Self.storedNote(db, size: UInt64(clamping: found))
        }
    }

    /// The last entry that posts something dated on or before `date`, or nil.
    public func lastSeqWithPostings(through date: LedgerDate) throws -> UInt64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM postings WHERE date <= ?", arguments: [date.description]).map(UInt64.init)
        }
    }
}
