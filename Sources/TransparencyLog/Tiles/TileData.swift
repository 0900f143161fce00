public import LedgerCrypto

/// The bytes of tiles, as a tlog-tiles log serves them.
public enum TileData {
    /// How many hashes tree level `8·level` holds for a tree of `treeSize` leaves (the complete
    /// subtrees of 256^`level` leaves).
    public static func hashCount(level: Int, treeSize: UInt64) -> UInt64 {
        level * 8 >= 64 ? 0 : treeSize >> UInt64(level * 8)
    }

    /// The tiles a tree of `treeSize` leaves has at `level` that are not full, as the one
    /// partial tile at its right edge (nil when the level ends on a full tile).
    public static func partialTile(level: Int, treeSize: UInt64) throws(TileError) -> TileCoordinate? {
        let count = hashCount(level: level, treeSize: treeSize)
        let width = Int(count % UInt64(TileCoordinate.fullWidth))
        return width == 0 ? nil : try TileCoordinate(level: level, index: count / UInt64(TileCoordinate.fullWidth), width: width)
    }

    /// A hash tile of the tree of `treeSize` leaves: its hashes, 32 bytes each, read with
    /// `node(level, index)` (level 0 the leaf hashes), as `MerkleProofBuilder` reads them.
    ///
    /// - Throws: `TileError.beyondTree` for a tile this tree does not have (yet), or what
    ///   `node` throws.
    public static func hashTile(
        _ tile: TileCoordinate, treeSize: UInt64, node: (_ level: Int, _ index: UInt64) throws -> SHA256Digest
    ) throws -> [UInt8] {
        guard let level = tile.level else { throw TileError.badPath("\(tile.path) is an entry bundle, not a hash tile") }
        let first = tile.index * UInt64(TileCoordinate.fullWidth)
        guard first + UInt64(tile.width) <= hashCount(level: level, treeSize: treeSize) else {
            throw TileError.beyondTree(tile: tile.path, treeSize: treeSize)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tile.width * 32)
        for offset in 0..<UInt64(tile.width) { bytes += try node(level * 8, first + offset).bytes }
        return bytes
    }

    /// An entry bundle: each entry as a big-endian 16-bit length and its bytes.
    public static func entryBundle(_ entries: [[UInt8]]) throws(TileError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, entry) in entries.enumerated() {
            guard entry.count <= Int(UInt16.max) else { throw TileError.badBundle("entry \(position) of the bundle is \(entry.count) bytes; at most 65535 fit") }
            bytes += [UInt8(entry.count >> 8), UInt8(entry.count & 0xff)] + entry
        }
        return bytes
    }

    /// The entries of a bundle.
    public static func entries(ofBundle bytes: [UInt8]) throws(TileError) -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var position = 0
        while position < bytes.count {
            guard position + 2 <= bytes.count else { throw TileError.badBundle("the bundle ends inside a length") }
            let length = Int(bytes[position]) << 8 | Int(bytes[position + 1])
            guard position + 2 + length <= bytes.count else { throw TileError.badBundle("the bundle ends inside entry \(entries.count)") }
            entries.append(Array(bytes[(position + 2)..<(position + 2 + length)]))
            position += 2 + length
        }
        return entries
    }
}
