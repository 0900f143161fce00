public import LedgerCrypto

/// RFC 9162 §2.1.3.2 / §2.1.4.2 proof verification, with transparency-dev's edge rules so that
/// every transparency-dev test vector gets the same verdict:
///
/// - hashes (leaf hash, proof elements, roots checked against computed hashes) must be 32 bytes;
/// - a proof must have exactly the length its sizes imply;
/// - consistency with `oldSize > newSize` is an error;
/// - **consistency from size 0 is an error**, even 0 → 0 with an empty proof ("proof from empty
///   tree is meaningless"). C2SP tlog-witness would accept it; vtf follows transparency-dev.
///   A client with no previous checkpoint has nothing to be consistent with and simply trusts
///   its first verified checkpoint;
/// - equal non-zero sizes need an empty proof and byte-identical roots (nothing is hashed, so
///   the roots are compared as given).
public enum MerkleVerifier {
    /// Checks that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves with `root`.
    public static func verifyInclusion(
        leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]
    ) throws(MerkleError) {
        let computed = try rootFromInclusionProof(
            leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, proof: proof)
        let expected = try digest(root, role: "root")
        guard computed == expected else {
            throw .rootMismatch(which: "root", computed: computed.hex, expected: expected.hex)
        }
    }

    /// `verifyInclusion` for values that are already digests.
    public static func verifyInclusion(
        leafIndex: UInt64, treeSize: UInt64, leafHash: SHA256Digest, proof: [SHA256Digest],
        root: SHA256Digest
    ) throws(MerkleError) {
        try verifyInclusion(
            leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash.bytes,
            proof: proof.map(\.bytes), root: root.bytes)
    }

    /// The root that an inclusion proof implies for `leafHash` at `leafIndex`.
    public static func rootFromInclusionProof(
        leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], proof: [[UInt8]]
    ) throws(MerkleError) -> SHA256Digest {
        guard leafIndex < treeSize else {
            throw .leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize)
        }
        let leaf = try digest(leafHash, role: "leaf hash")
        let shape = MerkleMath.inclusionProofShape(index: leafIndex, size: treeSize)
        guard proof.count == shape.inner + shape.border else {
            throw .wrongProofLength(expected: shape.inner + shape.border, actual: proof.count)
        }
        let path = try digests(proof)
        let inner = chainInner(leaf, path[0..<shape.inner], index: leafIndex)
        return chainBorderRight(inner, path[shape.inner...])
    }

    /// Checks that the tree of `newSize` leaves with `newRoot` extends the tree of `oldSize`
    /// leaves with `oldRoot`.
    public static func verifyConsistency(
        oldSize: UInt64, newSize: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) throws(MerkleError) {
        guard oldSize <= newSize else { throw .sizesOutOfOrder(oldSize: oldSize, newSize: newSize) }
        guard oldSize > 0 else { throw .consistencyFromEmptyTree(newSize: newSize) }
        if oldSize == newSize {
            guard proof.isEmpty else { throw .nonEmptyProofForEqualSizes(count: proof.count) }
            guard oldRoot == newRoot else {
                throw .rootMismatch(
                    which: "new root", computed: Hex.encode(oldRoot), expected: Hex.encode(newRoot))
            }
            return
        }
        let old = try digest(oldRoot, role: "old root")
        let new = try digest(newRoot, role: "new root")
        let (computedOld, computedNew) = try rootsFromConsistencyProof(
            oldSize: oldSize, newSize: newSize, oldRoot: old, proof: proof)
        guard computedOld == old else {
            throw .rootMismatch(which: "old root", computed: computedOld.hex, expected: old.hex)
        }
        guard computedNew == new else {
            throw .rootMismatch(which: "new root", computed: computedNew.hex, expected: new.hex)
        }
    }

    /// `verifyConsistency` for values that are already digests.
    public static func verifyConsistency(
        oldSize: UInt64, newSize: UInt64, oldRoot: SHA256Digest, newRoot: SHA256Digest,
        proof: [SHA256Digest]
    ) throws(MerkleError) {
        try verifyConsistency(
            oldSize: oldSize, newSize: newSize, oldRoot: oldRoot.bytes, newRoot: newRoot.bytes,
            proof: proof.map(\.bytes))
    }

    /// Both roots a consistency proof implies (0 < oldSize < newSize). The proof is the suffix of
    /// the inclusion proof of leaf oldSize-1 above the largest perfect subtree ending there,
    /// preceded by that subtree's root unless it is the whole old tree.
    private static func rootsFromConsistencyProof(
        oldSize: UInt64, newSize: UInt64, oldRoot: SHA256Digest, proof: [[UInt8]]
    ) throws(MerkleError) -> (old: SHA256Digest, new: SHA256Digest) {
        precondition(0 < oldSize && oldSize < newSize, "rootsFromConsistencyProof sizes")
        let shape = MerkleMath.inclusionProofShape(index: oldSize - 1, size: newSize)
        let shift = oldSize.trailingZeroBitCount
        let inner = shape.inner - shift  // > 0 because oldSize < newSize
        let oldIsPerfect = oldSize == 1 << UInt64(shift)
        let start = oldIsPerfect ? 0 : 1
        guard proof.count == start + inner + shape.border else {
            throw .wrongProofLength(expected: start + inner + shape.border, actual: proof.count)
        }
        let path = try digests(proof)
        let seed = oldIsPerfect ? oldRoot : path[0]
        let innerPath = path[start..<(start + inner)]
        let borderPath = path[(start + inner)...]
        let mask = (oldSize - 1) >> UInt64(shift)
        let old = chainBorderRight(chainInnerRight(seed, innerPath, index: mask), borderPath)
        let new = chainBorderRight(chainInner(seed, innerPath, index: mask), borderPath)
        return (old, new)
    }

    /// Hashes up the inner part: bit i of `index` says whether the sibling is on the left.
    private static func chainInner(
        _ seed: SHA256Digest, _ path: ArraySlice<SHA256Digest>, index: UInt64
    ) -> SHA256Digest {
        var hash = seed
        for (level, sibling) in path.enumerated() {
            if (index >> UInt64(level)) & 1 == 0 {
                hash = MerkleHash.node(hash, sibling)
            } else {
                hash = MerkleHash.node(sibling, hash)
            }
        }
        return hash
    }

    /// Like `chainInner` but only the left siblings: the old tree's view of the same path.
    private static func chainInnerRight(
        _ seed: SHA256Digest, _ path: ArraySlice<SHA256Digest>, index: UInt64
    ) -> SHA256Digest {
        var hash = seed
        for (level, sibling) in path.enumerated() where (index >> UInt64(level)) & 1 == 1 {
            hash = MerkleHash.node(sibling, hash)
        }
        return hash
    }

    /// Hashes up the right border: every sibling is on the left.
    private static func chainBorderRight(
        _ seed: SHA256Digest, _ path: ArraySlice<SHA256Digest>
    ) -> SHA256Digest {
        path.reduce(seed) { MerkleHash.node($1, $0) }
    }

    private static func digest(_ bytes: [UInt8], role: String) throws(MerkleError) -> SHA256Digest {
        guard let digest = SHA256Digest(bytes: bytes) else {
            throw .malformedHash(role: role, length: bytes.count)
        }
        return digest
    }

    private static func digests(_ proof: [[UInt8]]) throws(MerkleError) -> [SHA256Digest] {
        var result: [SHA256Digest] = []
        result.reserveCapacity(proof.count)
        for (position, bytes) in proof.enumerated() {
            result.append(try digest(bytes, role: "proof[\(position)]"))
        }
        return result
    }
}
