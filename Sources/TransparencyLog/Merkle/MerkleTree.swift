public import LedgerCrypto

/// An RFC 9162 Merkle tree held in memory, built from its leaf hashes: its root and the
/// inclusion proof of any leaf. For small trees built at once (a seal's balances), where the
/// journal's tree is kept in the store and grown by ``MerkleFrontier``.
public struct MerkleTree: Sendable {
    /// The perfect-subtree nodes by level: level 0 the leaf hashes, level k the roots of the
    /// complete runs of 2^k leaves.
    private let levels: [[SHA256Digest]]

    /// The tree of `leafHashes`, in order.
    public init(leafHashes: [SHA256Digest]) {
        var levels = [leafHashes]
        while let last = levels.last, last.count >= 2 {
            levels.append(stride(from: 0, to: last.count - 1, by: 2).map { MerkleHash.node(last[$0], last[$0 + 1]) })
        }
        self.levels = levels
    }

    /// The number of leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// The perfect-subtree nodes of each level: level 0 the leaf hashes, level k the roots of the
    /// complete runs of 2^k leaves (what ``MerkleProofBuilder`` reads, as a store keeps them).
    public var nodeLevels: [[SHA256Digest]] { levels }

    /// MTH of the leaves; SHA-256("") for none.
    public var root: SHA256Digest {
        // Every node the builder asks for exists: the levels hold every complete run.
        (try? builder.root(treeSize: size)) ?? MerkleHash.emptyRoot
    }

    /// The audit path of leaf `index`, leaf end first; throws when there is no such leaf.
    public func inclusionProof(leafIndex index: UInt64) throws -> [SHA256Digest] {
        try builder.inclusionProof(leafIndex: index, treeSize: size)
    }

    private var builder: MerkleProofBuilder {
        let levels = levels
        return MerkleProofBuilder { level, index in levels[level][Int(index)] }
    }
}
