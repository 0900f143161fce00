import CanonicalJSON
public import LedgerCrypto

/// Proofs as JSON documents, as `vtf prove` prints them and the ledger service serves them
/// (Schemas/json/inclusion-proof.schema.json, consistency-proof.schema.json), in canonical form.
public enum ProofDocuments {
    /// `{"leaf_hash", "leaf_index", "path", "tree_size"}`, hashes in hex.
    public static func inclusion(seq: UInt64, treeSize: UInt64, leafHash: SHA256Digest, path: [SHA256Digest]) throws -> String {
        try JSONCanonicalizer.canonicalString(.object(JSONObject([
            ("leaf_index", .integer(Int64(clamping: seq))), ("tree_size", .integer(Int64(clamping: treeSize))),
            ("leaf_hash", .string(leafHash.hex)), ("path", .array(path.map { .string($0.hex) })),
        ])))
    }

    /// `{"new_size", "old_size", "path"}`, hashes in hex.
    public static func consistency(oldSize: UInt64, newSize: UInt64, path: [SHA256Digest]) throws -> String {
        try JSONCanonicalizer.canonicalString(.object(JSONObject([
            ("old_size", .integer(Int64(clamping: oldSize))), ("new_size", .integer(Int64(clamping: newSize))),
            ("path", .array(path.map { .string($0.hex) })),
        ])))
    }
}
