public import LedgerCrypto

/// Proof generation from stored perfect-subtree nodes: node(level, index) = root of leaves
/// [index*2^level, (index+1)*2^level).
///
/// Implements RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF/SUBPROOF. Every method reads O(log n)
/// nodes: all of them perfect subtrees (level 0 being the leaf hashes), which is what
/// `MerkleFrontier.append(leafHash:completedNodes:)` reports plus the leaves. A tree of size n
/// only ever needs nodes with (index+1)·2^level <= n. Errors thrown by `nodeAt` propagate
/// unchanged; bad arguments throw `MerkleError`.
public struct MerkleProofBuilder {
    private let nodeAt: (_ level: Int, _ index: UInt64) throws -> SHA256Digest

    /// A builder reading nodes through `nodeAt`.
    public init(nodeAt: @escaping (_ level: Int, _ index: UInt64) throws -> SHA256Digest) {
        self.nodeAt = nodeAt
    }

    /// The audit path of leaf `leafIndex` in the tree of `treeSize` leaves, leaf end first.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) throws -> [SHA256Digest] {
        guard leafIndex < treeSize else {
            throw MerkleError.leafIndexOutOfRange(leafIndex: leafIndex, treeSize: treeSize)
        }
        var siblings: [SHA256Digest] = []
        var start: UInt64 = 0
        var end = treeSize
        while end - start > 1 {
            let split = start + MerkleMath.largestPowerOfTwoBelow(end - start)
            if leafIndex < split {
                siblings.append(try rangeHash(start: split, end: end))
                end = split
            } else {
                siblings.append(try rangeHash(start: start, end: split))
                start = split
            }
        }
        return siblings.reversed()
    }

    /// The consistency proof from `oldSize` to `newSize`, leaf end first. Equal sizes give an
    /// empty proof; an old size of 0 is refused, as `MerkleVerifier` refuses it.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) throws -> [SHA256Digest] {
        guard oldSize <= newSize else {
            throw MerkleError.sizesOutOfOrder(oldSize: oldSize, newSize: newSize)
        }
        guard oldSize > 0 else { throw MerkleError.consistencyFromEmptyTree(newSize: newSize) }
        guard oldSize < newSize else { return [] }
        var proof: [SHA256Digest] = []
        var start: UInt64 = 0
        var end = newSize
        var remainingOld = oldSize
        var oldRootIsKnown = true  // SUBPROOF's b: the verifier holds MTH(D[0:oldSize])
        while remainingOld != end - start {
            let half = MerkleMath.largestPowerOfTwoBelow(end - start)
            if remainingOld <= half {
                proof.append(try rangeHash(start: start + half, end: end))
                end = start + half
            } else {
                proof.append(try rangeHash(start: start, end: start + half))
                start += half
                remainingOld -= half
                oldRootIsKnown = false
            }
        }
        if !oldRootIsKnown {
            proof.append(try rangeHash(start: start, end: end))
        }
        return proof.reversed()
    }

    /// MTH of the first `treeSize` leaves; SHA-256("") for 0.
    public func root(treeSize: UInt64) throws -> SHA256Digest {
        guard treeSize > 0 else { return MerkleHash.emptyRoot }
        return try rangeHash(start: 0, end: treeSize)
    }

    /// MTH(D[start:end]) for a range of the RFC recursion: `start` is a multiple of a power of
    /// two at least `end - start`. Folds the range's perfect subtrees from the right.
    private func rangeHash(start: UInt64, end: UInt64) throws -> SHA256Digest {
        precondition(start < end, "rangeHash: empty range \(start)..<\(end)")
        var parts: [SHA256Digest] = []
        var cursor = start
        while cursor < end {
            let level = MerkleMath.bitLength(end - cursor) - 1
            precondition(cursor & ((1 << UInt64(level)) - 1) == 0, "rangeHash: unaligned \(cursor)")
            parts.append(try nodeAt(level, cursor >> UInt64(level)))
            cursor += 1 << UInt64(level)
        }
        guard var result = parts.popLast() else {
            preconditionFailure("rangeHash: no parts for \(start)..<\(end)")
        }
        for left in parts.reversed() {
            result = MerkleHash.node(left, result)
        }
        return result
    }
}
