import LedgerCrypto
import Testing
import TransparencyLog

/// The in-memory tree gives the same root as the frontier the journal grows, and proofs the
/// verifier accepts, for every size up to 40 and every leaf.
@Suite struct MerkleTreeTests {
    @Test func rootsAndProofsAgreeWithTheFrontierAndTheVerifier() throws {
        for size in 0...40 {
            let leaves = (0..<size).map { MerkleHash.leaf(Array("leaf \($0)".utf8)) }
            let tree = MerkleTree(leafHashes: leaves)
            var frontier = MerkleFrontier()
            for leaf in leaves { frontier.append(leafHash: leaf) }
            #expect(tree.root == frontier.root, "size \(size)")
            for index in 0..<size {
                let proof = try tree.inclusionProof(leafIndex: UInt64(index))
                try MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: leaves[index], proof: proof, root: tree.root)
                if size > 1 {
                    #expect(throws: MerkleError.self) {
                        try MerkleVerifier.verifyInclusion(
                            leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: leaves[(index + 1) % size], proof: proof, root: tree.root)
                    }
                }
            }
        }
    }
}
