import LedgerCrypto
import Testing
import TransparencyLog

/// C2SP tlog-tiles: tile paths as the specification writes them, and tiles whose hashes rebuild
/// the tree's root without any other help.
@Suite("tlog-tiles: paths, hash tiles and entry bundles")
struct TileTests {
    @Test("paths are written as tlog-tiles writes them, and read back; other spellings are refused")
    func paths() throws {
        // The specification's example index.
        #expect(try TileCoordinate(level: 0, index: 1_234_067).path == "tile/0/x001/x234/067")
        #expect(try TileCoordinate(level: 1, index: 0, width: 7).path == "tile/1/000.p/7")
        #expect(try TileCoordinate(entriesAt: 1000).path == "tile/entries/x001/000")
        #expect(try TileCoordinate(entriesAt: 5, width: 255).path == "tile/entries/005.p/255")
        for path in ["tile/0/x001/x234/067", "tile/1/000.p/7", "tile/entries/x001/000", "tile/entries/005.p/255", "tile/63/999", "tile/2/x123/x456/x789/012.p/1"] {
            #expect(try TileCoordinate(path: path).path == path)
        }
        for bad in ["tile/0/1", "tile/0/0001", "tile/00/000", "tile/64/000", "tile/0/x000/001", "tile/0/001/002", "tile/0/x001/x002",
                    "tile/0/000.p/256", "tile/0/000.p/0", "tile/0/000.p/07", "tile/0", "tiles/0/000", "tile/0/00a", "tile//000", "tile/0/000/",
                    "tile/entries/000.p/", "tile/-1/000"] {
            #expect(throws: TileError.self, "\(bad)") { try TileCoordinate(path: bad) }
        }
    }

    /// A tree of `size` leaves kept whole in memory: leaves and every completed node.
    static func tree(_ size: Int) -> (leaves: [[UInt8]], nodes: [String: SHA256Digest], root: SHA256Digest) {
        var frontier = MerkleFrontier()
        var nodes: [String: SHA256Digest] = [:]
        var leaves: [[UInt8]] = []
        for index in 0..<size {
            let entry = Array("entry \(index)".utf8)
            leaves.append(entry)
            let leaf = MerkleHash.leaf(entry)
            nodes["0/\(index)"] = leaf
            frontier.append(leafHash: leaf) { level, index, hash in nodes["\(level)/\(index)"] = hash }
        }
        return (leaves, nodes, frontier.root)
    }

    @Test("the hash tiles of a 70,000-leaf tree rebuild its root, and a tile beyond the tree is refused")
    func hashTilesRebuildTheRoot() throws {
        let size: UInt64 = 70_000
        let (_, nodes, root) = Self.tree(Int(size))
        let node: (Int, UInt64) throws -> SHA256Digest = { level, index in try #require(nodes["\(level)/\(index)"]) }
        // Level 0: 273 full tiles and a partial one of 112; level 1: one partial tile of 273 → 1 full + 17.
        #expect(try TileData.partialTile(level: 0, treeSize: size) == TileCoordinate(level: 0, index: 273, width: 112))
        #expect(try TileData.partialTile(level: 1, treeSize: size) == TileCoordinate(level: 1, index: 1, width: 17))
        #expect(try TileData.partialTile(level: 2, treeSize: size) == TileCoordinate(level: 2, index: 0, width: 1))
        // Rebuild the root as a tlog client does: level-1 hashes are the roots of 256-leaf subtrees,
        // the 112 leaves at the edge come from the partial level-0 tile.
        let level1 = try TileData.hashTile(TileCoordinate(level: 1, index: 0), treeSize: size, node: node)
            + TileData.hashTile(TileCoordinate(level: 1, index: 1, width: 17), treeSize: size, node: node)
        let edge = try TileData.hashTile(TileCoordinate(level: 0, index: 273, width: 112), treeSize: size, node: node)
        func digests(_ bytes: [UInt8]) -> [SHA256Digest] {
            stride(from: 0, to: bytes.count, by: 32).compactMap { SHA256Digest(bytes: Array(bytes[$0..<($0 + 32)])) }
        }
        #expect(Self.rfc6962Root(digests(level1), then: digests(edge)) == root)
        // Every full level-0 tile holds the leaf hashes.
        let first = try TileData.hashTile(TileCoordinate(level: 0, index: 0), treeSize: size, node: node)
        #expect(digests(first).enumerated().allSatisfy { $0.element == MerkleHash.leaf(Array("entry \($0.offset)".utf8)) })
        #expect(throws: TileError.beyondTree(tile: "tile/0/273", treeSize: size)) {
            _ = try TileData.hashTile(TileCoordinate(level: 0, index: 273), treeSize: size, node: node)
        }
        #expect(throws: TileError.self) { _ = try TileData.hashTile(TileCoordinate(level: 2, index: 0, width: 2), treeSize: size, node: node) }
    }

    /// The RFC 6962 root of 273 subtrees of 256 leaves followed by 112 leaves: the largest
    /// power-of-two split, recursively, with the subtree roots standing for their leaves.
    static func rfc6962Root(_ subtrees: [SHA256Digest], then leaves: [SHA256Digest]) -> SHA256Digest {
        // Each item covers `weight` leaves; splitting at the largest power of two below the total.
        let items = subtrees.map { ($0, UInt64(256)) } + leaves.map { ($0, UInt64(1)) }
        func root(_ slice: ArraySlice<(SHA256Digest, UInt64)>) -> SHA256Digest {
            if slice.count == 1 { return slice.first!.0 }
            let total = slice.reduce(0) { $0 + $1.1 }
            var split: UInt64 = 1
            while split * 2 < total { split *= 2 }
            var covered: UInt64 = 0
            var cut = slice.startIndex
            while covered < split {
                covered += slice[cut].1
                cut += 1
            }
            return MerkleHash.node(root(slice[..<cut]), root(slice[cut...]))
        }
        return root(items[...])
    }

    @Test("an entry bundle holds each entry behind its 16-bit length, and reads back")
    func entryBundles() throws {
        let entries = [Array("a".utf8), [], Array(repeating: 7, count: 300)]
        let bundle = try TileData.entryBundle(entries)
        #expect(Array(bundle.prefix(6)) == [0, 1, 97, 0, 0, 1])
        #expect(try TileData.entries(ofBundle: bundle) == entries)
        #expect(throws: TileError.self) { try TileData.entryBundle([Array(repeating: 0, count: 65_536)]) }
        #expect(throws: TileError.self) { try TileData.entries(ofBundle: Array(bundle.dropLast())) }
    }
}
