import Foundation
import LedgerCrypto
import TransparencyLog
import Testing

// MARK: - Fixtures (everything here is fileprivate: other test files share this module)

private enum MerkleFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/vectors/merkle")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// Relative paths of every .json file under transparency-dev-testdata/<kind>, sorted.
    static func testdataFiles(_ kind: String) -> [String] {
        let root = directory.appendingPathComponent("transparency-dev-testdata/\(kind)")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(
                root.standardizedFileURL.path.count + 1)
            paths.append("transparency-dev-testdata/\(kind)/\(relative)")
        }
        return paths.sorted()
    }

    static let transcribed: TranscribedTree? = try? JSONDecoder().decode(
        TranscribedTree.self, from: data("reference_tree_transcribed.json"))
    static let derived: DerivedProofs? = try? JSONDecoder().decode(
        DerivedProofs.self, from: data("reference_tree_all_proofs_derived.json"))
}

private struct InclusionVector: Decodable {
    let leafIdx: UInt64
    let treeSize: UInt64
    let root: String
    let leafHash: String
    let proof: [String]?
    let desc: String
    let wantErr: Bool
}

private struct ConsistencyVector: Decodable {
    let size1: UInt64
    let size2: UInt64
    let root1: String
    let root2: String
    let proof: [String]?
    let desc: String
    let wantErr: Bool
}

private struct TranscribedTree: Decodable {
    struct Inclusion: Decodable {
        let leafIndex0Based: UInt64
        let treeSize: UInt64
        let proofHex: [String]
    }
    struct Consistency: Decodable {
        let size1: UInt64
        let size2: UInt64
        let proofHex: [String]
    }
    let leafInputsHex: [String]
    let leafHashesHex: [String]
    let nodeHashesHex: [[String]]
    let rootHashesHexBySize: [String]
    let inclusionProofs: [Inclusion]
    let consistencyProofs: [Consistency]
}

private struct DerivedProofs: Decodable {
    struct Inclusion: Decodable {
        let leafIndex: UInt64
        let treeSize: UInt64
        let proofHex: [String]
    }
    struct Consistency: Decodable {
        let size1: UInt64
        let size2: UInt64
        let proofHex: [String]
    }
    let leafInputsHex: [String]
    let rootHashesHexBySize: [String]
    let inclusionProofs: [Inclusion]
    let consistencyProofs: [Consistency]
}

private func base64(_ text: String) throws -> [UInt8] {
    try #require(Data(base64Encoded: text).map { [UInt8]($0) }, "bad base64 \(text)")
}

private func hexBytes(_ text: String) throws -> [UInt8] {
    let digits = Array(text.utf8)
    try #require(digits.count % 2 == 0, "odd hex \(text)")
    return try stride(from: 0, to: digits.count, by: 2).map { offset in
        try #require(UInt8(String(decoding: digits[offset..<offset + 2], as: UTF8.self), radix: 16))
    }
}

private func digest(hex: String) throws -> SHA256Digest {
    try #require(SHA256Digest(hex: hex), "bad digest hex \(hex)")
}

/// RFC 6962 node hash computed without `MerkleHash`, for the naive reference below.
private func naiveNode(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
    SHA256.hash([0x01] + left.bytes + right.bytes)
}

private func largestPowerOfTwoBelow(_ n: Int) -> Int {
    var k = 1
    while k << 1 < n { k <<= 1 }
    return k
}

/// RFC 9162 MTH, straight from the definition.
private func naiveRoot(_ leaves: ArraySlice<SHA256Digest>) -> SHA256Digest {
    switch leaves.count {
    case 0: return SHA256.hash([])
    case 1: return leaves[leaves.startIndex]
    default:
        let split = leaves.startIndex + largestPowerOfTwoBelow(leaves.count)
        return naiveNode(naiveRoot(leaves[..<split]), naiveRoot(leaves[split...]))
    }
}

/// RFC 9162 PATH(m, D[n]).
private func naivePath(_ m: Int, _ leaves: ArraySlice<SHA256Digest>) -> [SHA256Digest] {
    guard leaves.count > 1 else { return [] }
    let k = largestPowerOfTwoBelow(leaves.count)
    let split = leaves.startIndex + k
    if m < k {
        return naivePath(m, leaves[..<split]) + [naiveRoot(leaves[split...])]
    }
    return naivePath(m - k, leaves[split...]) + [naiveRoot(leaves[..<split])]
}

/// RFC 9162 SUBPROOF(m, D[n], b).
private func naiveSubproof(_ m: Int, _ leaves: ArraySlice<SHA256Digest>, _ complete: Bool)
    -> [SHA256Digest]
{
    if m == leaves.count { return complete ? [] : [naiveRoot(leaves)] }
    let k = largestPowerOfTwoBelow(leaves.count)
    let split = leaves.startIndex + k
    if m <= k {
        return naiveSubproof(m, leaves[..<split], complete) + [naiveRoot(leaves[split...])]
    }
    return naiveSubproof(m - k, leaves[split...], false) + [naiveRoot(leaves[..<split])]
}

/// A frontier plus an in-memory node store filled from `completedNodes`, as a ledger store would.
private struct NodeStore {
    var frontier = MerkleFrontier()
    var nodes: [Int: [UInt64: SHA256Digest]] = [:]
    var reports: [(level: Int, index: UInt64)] = []

    init(leaves: [SHA256Digest]) {
        for leaf in leaves { append(leaf) }
    }

    mutating func append(_ leaf: SHA256Digest) {
        nodes[0, default: [:]][frontier.size] = leaf
        var completed: [(Int, UInt64, SHA256Digest)] = []
        frontier.append(leafHash: leaf) { level, index, hash in
            completed.append((level, index, hash))
        }
        for (level, index, hash) in completed {
            nodes[level, default: [:]][index] = hash
            reports.append((level, index))
        }
    }

    var builder: MerkleProofBuilder {
        let nodes = self.nodes
        return MerkleProofBuilder { level, index in
            guard let hash = nodes[level]?[index] else {
                throw MissingNode(level: level, index: index)
            }
            return hash
        }
    }
}

private struct MissingNode: Error, Equatable {
    let level: Int
    let index: UInt64
}

private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func randomLeaves(count: Int, seed: UInt64) -> [SHA256Digest] {
    var generator = SplitMix(state: seed)
    return (0..<count).map { _ in
        let length = Int.random(in: 0..<40, using: &generator)
        return MerkleHash.leaf(
            (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

// MARK: - transparency-dev vectors

@Suite("Merkle: transparency-dev test data")
struct MerkleTransparencyDevTests {
    @Test func allVectorFilesAreFound() {
        #expect(MerkleFixtures.testdataFiles("inclusion").count == 98)
        #expect(MerkleFixtures.testdataFiles("consistency").count == 98)
    }

    @Test(arguments: MerkleFixtures.testdataFiles("inclusion"))
    func inclusion(path: String) throws {
        let vector = try JSONDecoder().decode(InclusionVector.self, from: MerkleFixtures.data(path))
        let proof = try (vector.proof ?? []).map(base64)
        let leafHash = try base64(vector.leafHash)
        let root = try base64(vector.root)
        let result = Result { () throws(MerkleError) in
            try MerkleVerifier.verifyInclusion(
                leafIndex: vector.leafIdx, treeSize: vector.treeSize, leafHash: leafHash,
                proof: proof,
                root: root)
        }
        if vector.wantErr {
            #expect(throws: MerkleError.self, "\(vector.desc) should fail") { try result.get() }
        } else {
            #expect(throws: Never.self, "\(vector.desc) should pass") { try result.get() }
        }
    }

    @Test(arguments: MerkleFixtures.testdataFiles("consistency"))
    func consistency(path: String) throws {
        let vector = try JSONDecoder().decode(
            ConsistencyVector.self, from: MerkleFixtures.data(path))
        let proof = try (vector.proof ?? []).map(base64)
        let oldRoot = try base64(vector.root1)
        let newRoot = try base64(vector.root2)
        let result = Result { () throws(MerkleError) in
            try MerkleVerifier.verifyConsistency(
                oldSize: vector.size1, newSize: vector.size2, oldRoot: oldRoot, newRoot: newRoot,
                proof: proof)
        }
        if vector.wantErr {
            #expect(throws: MerkleError.self, "\(vector.desc) should fail") { try result.get() }
        } else {
            #expect(throws: Never.self, "\(vector.desc) should pass") { try result.get() }
        }
    }
}

// MARK: - Reference tree

@Suite("Merkle: reference tree")
struct MerkleReferenceTreeTests {
    @Test func hashingPrimitives() throws {
        let tree = try #require(MerkleFixtures.transcribed)
        #expect(MerkleHash.emptyRoot == (try digest(hex: tree.rootHashesHexBySize[0])))
        #expect(
            MerkleHash.emptyRoot.hex
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for (input, expected) in zip(tree.leafInputsHex, tree.leafHashesHex) {
            #expect(MerkleHash.leaf(try hexBytes(input)).hex == expected)
        }
        let level0 = try tree.nodeHashesHex[0].map(digest(hex:))
        #expect(MerkleHash.node(level0[0], level0[1]).hex == tree.nodeHashesHex[1][0])
        #expect(MerkleHash.node(level0[0], level0[1]) == naiveNode(level0[0], level0[1]))
    }

    @Test func frontierRootsForSizes0Through8() throws {
        let tree = try #require(MerkleFixtures.transcribed)
        #expect(tree.rootHashesHexBySize.count == 9)
        var frontier = MerkleFrontier()
        #expect(frontier.root.hex == tree.rootHashesHexBySize[0])
        for (offset, input) in tree.leafInputsHex.enumerated() {
            frontier.append(leafHash: MerkleHash.leaf(try hexBytes(input)))
            #expect(frontier.size == UInt64(offset + 1))
            #expect(frontier.hashes.count == (offset + 1).nonzeroBitCount)
            #expect(frontier.root.hex == tree.rootHashesHexBySize[offset + 1], "size \(offset + 1)")
        }
    }

    @Test func completedNodesAreExactlyTheInteriorNodes() throws {
        let tree = try #require(MerkleFixtures.transcribed)
        let leaves = try tree.leafHashesHex.map(digest(hex:))
        let store = NodeStore(leaves: leaves)
        // 4 + 2 + 1 interior nodes for 8 leaves, each reported once, lowest level first per append.
        #expect(store.reports.count == 7)
        for level in 1..<tree.nodeHashesHex.count {
            for (index, hex) in tree.nodeHashesHex[level].enumerated() {
                #expect(store.nodes[level]?[UInt64(index)]?.hex == hex, "node(\(level), \(index))")
            }
        }
        #expect(store.reports.map(\.level) == [1, 1, 2, 1, 1, 2, 3])
        #expect(store.reports.map(\.index) == [0, 1, 0, 2, 3, 1, 0])
    }

    @Test func builderRootsMatchForSizes0Through8() throws {
        let tree = try #require(MerkleFixtures.transcribed)
        let builder = NodeStore(leaves: try tree.leafHashesHex.map(digest(hex:))).builder
        for size in 0...8 {
            #expect(try builder.root(treeSize: UInt64(size)).hex == tree.rootHashesHexBySize[size])
        }
    }

    @Test func builderReproducesAllDerivedProofs() throws {
        let derived = try #require(MerkleFixtures.derived)
        #expect(derived.inclusionProofs.count == 36)
        #expect(derived.consistencyProofs.count == 28)
        let leaves = try derived.leafInputsHex.map { MerkleHash.leaf(try hexBytes($0)) }
        let builder = NodeStore(leaves: leaves).builder
        let roots = try derived.rootHashesHexBySize.map(digest(hex:))
        for entry in derived.inclusionProofs {
            let proof = try builder.inclusionProof(
                leafIndex: entry.leafIndex, treeSize: entry.treeSize)
            #expect(
                proof.map(\.hex) == entry.proofHex,
                "inclusion \(entry.leafIndex) in \(entry.treeSize)")
            try MerkleVerifier.verifyInclusion(
                leafIndex: entry.leafIndex, treeSize: entry.treeSize,
                leafHash: leaves[Int(entry.leafIndex)],
                proof: proof, root: roots[Int(entry.treeSize)])
        }
        for entry in derived.consistencyProofs {
            let proof = try builder.consistencyProof(oldSize: entry.size1, newSize: entry.size2)
            #expect(
                proof.map(\.hex) == entry.proofHex, "consistency \(entry.size1) → \(entry.size2)")
            try MerkleVerifier.verifyConsistency(
                oldSize: entry.size1, newSize: entry.size2, oldRoot: roots[Int(entry.size1)],
                newRoot: roots[Int(entry.size2)], proof: proof)
        }
    }

    @Test func builderReproducesTranscribedProofgenTables() throws {
        let tree = try #require(MerkleFixtures.transcribed)
        let builder = NodeStore(leaves: try tree.leafHashesHex.map(digest(hex:))).builder
        for entry in tree.inclusionProofs {
            let proof = try builder.inclusionProof(
                leafIndex: entry.leafIndex0Based, treeSize: entry.treeSize)
            #expect(proof.map(\.hex) == entry.proofHex)
        }
        for entry in tree.consistencyProofs {
            let proof = try builder.consistencyProof(oldSize: entry.size1, newSize: entry.size2)
            #expect(proof.map(\.hex) == entry.proofHex)
        }
    }
}

// MARK: - Randomised and structural checks

@Suite("Merkle: randomized and edge cases")
struct MerkleRandomizedTests {
    @Test func frontierRootsEqualNaiveMTHForSizes1Through300() {
        let leaves = randomLeaves(count: 300, seed: 9162)
        var frontier = MerkleFrontier()
        for size in 1...300 {
            frontier.append(leafHash: leaves[size - 1])
            #expect(frontier.root == naiveRoot(leaves[..<size]), "size \(size)")
        }
    }

    @Test func builderMatchesNaiveProofsAndVerifierAcceptsThem() throws {
        let leaves = randomLeaves(count: 70, seed: 6962)
        let builder = NodeStore(leaves: leaves).builder
        for size in 1...70 {
            let root = naiveRoot(leaves[..<size])
            #expect(try builder.root(treeSize: UInt64(size)) == root)
            for index in 0..<size {
                let proof = try builder.inclusionProof(
                    leafIndex: UInt64(index), treeSize: UInt64(size))
                #expect(proof == naivePath(index, leaves[..<size]), "PATH(\(index), \(size))")
                try MerkleVerifier.verifyInclusion(
                    leafIndex: UInt64(index), treeSize: UInt64(size), leafHash: leaves[index],
                    proof: proof,
                    root: root)
            }
            for oldSize in 1..<size {
                let proof = try builder.consistencyProof(
                    oldSize: UInt64(oldSize), newSize: UInt64(size))
                #expect(
                    proof == naiveSubproof(oldSize, leaves[..<size], true),
                    "PROOF(\(oldSize), \(size))")
                try MerkleVerifier.verifyConsistency(
                    oldSize: UInt64(oldSize), newSize: UInt64(size),
                    oldRoot: naiveRoot(leaves[..<oldSize]),
                    newRoot: root, proof: proof)
            }
        }
    }

    @Test func tamperedProofsAreRejected() throws {
        let leaves = randomLeaves(count: 37, seed: 1)
        let builder = NodeStore(leaves: leaves).builder
        let root = naiveRoot(leaves[...])
        let oldRoot = naiveRoot(leaves[..<13])
        var inclusion = try builder.inclusionProof(leafIndex: 21, treeSize: 37).map(\.bytes)
        inclusion[1][0] ^= 1
        #expect(throws: MerkleError.self) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 21, treeSize: 37, leafHash: leaves[21].bytes, proof: inclusion,
                root: root.bytes)
        }
        let consistency = try builder.consistencyProof(oldSize: 13, newSize: 37).map(\.bytes)
        for position in consistency.indices {
            var tampered = consistency
            tampered[position][31] ^= 0x80
            #expect(throws: MerkleError.self) {
                try MerkleVerifier.verifyConsistency(
                    oldSize: 13, newSize: 37, oldRoot: oldRoot.bytes, newRoot: root.bytes,
                    proof: tampered)
            }
        }
        // Wrong leaf position with an otherwise valid proof.
        let proof20 = try builder.inclusionProof(leafIndex: 20, treeSize: 37)
        #expect(throws: MerkleError.self) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 21, treeSize: 37, leafHash: leaves[20], proof: proof20, root: root)
        }
    }

    @Test func builderReadsLogarithmicallyManyNodesInsideTheTree() throws {
        // A fake store: any (level, index) yields a made-up hash; we only count and bound reads.
        final class Reads { var list: [(Int, UInt64)] = [] }
        let reads = Reads()
        let builder = MerkleProofBuilder { level, index in
            reads.list.append((level, index))
            return SHA256.hash(Array("\(level)/\(index)".utf8))
        }
        let sizes: [UInt64] = [1, 2, 3, 1_000_003, (1 << 40) + 12_345, UInt64.max >> 1, UInt64.max]
        for size in sizes {
            for index in [0, size / 3, size - 1] {
                reads.list = []
                _ = try builder.inclusionProof(leafIndex: index, treeSize: size)
                #expect(
                    reads.list.count <= 2 * 64,
                    "inclusion \(index)/\(size): \(reads.list.count) reads")
                #expect(reads.list.allSatisfy { level, node in node < size >> UInt64(level) })
            }
            for oldSize in [1, size / 2, size - 1] where oldSize > 0 && oldSize < size {
                reads.list = []
                _ = try builder.consistencyProof(oldSize: oldSize, newSize: size)
                #expect(
                    reads.list.count <= 3 * 64,
                    "consistency \(oldSize)→\(size): \(reads.list.count) reads")
                #expect(reads.list.allSatisfy { level, node in node < size >> UInt64(level) })
            }
            reads.list = []
            _ = try builder.root(treeSize: size)
            #expect(reads.list.count == size.nonzeroBitCount)
        }
    }

    @Test func builderRefusesBadArgumentsAndPropagatesStoreErrors() throws {
        let store = NodeStore(leaves: randomLeaves(count: 5, seed: 3))
        let builder = store.builder
        #expect(throws: MerkleError.leafIndexOutOfRange(leafIndex: 5, treeSize: 5)) {
            try builder.inclusionProof(leafIndex: 5, treeSize: 5)
        }
        #expect(throws: MerkleError.consistencyFromEmptyTree(newSize: 5)) {
            try builder.consistencyProof(oldSize: 0, newSize: 5)
        }
        #expect(throws: MerkleError.sizesOutOfOrder(oldSize: 4, newSize: 3)) {
            try builder.consistencyProof(oldSize: 4, newSize: 3)
        }
        #expect(try builder.consistencyProof(oldSize: 5, newSize: 5).isEmpty)
        #expect(try builder.root(treeSize: 0) == MerkleHash.emptyRoot)
        // Asking beyond what the store holds surfaces the store's own error.
        #expect(throws: MissingNode(level: 1, index: 2)) {
            try builder.inclusionProof(leafIndex: 0, treeSize: 6)
        }
    }

    @Test func verifierEdgeRules() throws {
        let leaves = randomLeaves(count: 4, seed: 4)
        let root = naiveRoot(leaves[...])
        #expect(throws: MerkleError.consistencyFromEmptyTree(newSize: 0)) {
            try MerkleVerifier.verifyConsistency(
                oldSize: 0, newSize: 0, oldRoot: MerkleHash.emptyRoot,
                newRoot: MerkleHash.emptyRoot, proof: [])
        }
        try MerkleVerifier.verifyConsistency(
            oldSize: 4, newSize: 4, oldRoot: root, newRoot: root, proof: [])
        #expect(throws: MerkleError.nonEmptyProofForEqualSizes(count: 1)) {
            try MerkleVerifier.verifyConsistency(
                oldSize: 4, newSize: 4, oldRoot: root, newRoot: root, proof: [root])
        }
        #expect(throws: MerkleError.malformedHash(role: "leaf hash", length: 31)) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 0, treeSize: 1, leafHash: Array(root.bytes.prefix(31)), proof: [],
                root: root.bytes)
        }
        #expect(throws: MerkleError.wrongProofLength(expected: 2, actual: 0)) {
            try MerkleVerifier.verifyInclusion(
                leafIndex: 0, treeSize: 4, leafHash: leaves[0], proof: [], root: root)
        }
        let error = MerkleError.consistencyFromEmptyTree(newSize: 9)
        #expect(error.description.contains("empty tree"))
    }

    @Test func frontierRestoresAndSerializes() throws {
        let leaves = randomLeaves(count: 45, seed: 5)
        var frontier = MerkleFrontier()
        for leaf in leaves { frontier.append(leafHash: leaf) }
        let bytes = frontier.serialized
        #expect(bytes.count == 8 + 32 * 45.nonzeroBitCount)
        #expect(Array(bytes.prefix(8)) == [0, 0, 0, 0, 0, 0, 0, 45])
        var restored = try MerkleFrontier(serialized: bytes)
        #expect(restored == frontier)
        #expect(try MerkleFrontier(size: 45, hashes: frontier.hashes) == frontier)
        // Appending after a restore continues the same tree.
        let more = randomLeaves(count: 10, seed: 6)
        for leaf in more { restored.append(leafHash: leaf) }
        #expect(restored.root == naiveRoot((leaves + more)[...]))

        #expect(throws: MerkleError.frontierHashCount(size: 45, expected: 4, actual: 3)) {
            try MerkleFrontier(size: 45, hashes: Array(frontier.hashes.dropLast()))
        }
        #expect(
            throws: MerkleError.serializedFrontierLength(
                expected: 8 + 32 * 4, actual: bytes.count - 1)
        ) {
            try MerkleFrontier(serialized: Array(bytes.dropLast()))
        }
        #expect(throws: MerkleError.serializedFrontierLength(expected: 8, actual: 3)) {
            try MerkleFrontier(serialized: [0, 0, 0])
        }
        #expect(try MerkleFrontier(serialized: MerkleFrontier().serialized) == MerkleFrontier())
    }
}
