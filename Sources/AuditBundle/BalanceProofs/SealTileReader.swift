import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

/// Reads a seal's tree from the records its entry wrote (`SealTiles`), a tile at a time: the
/// index, the leaf tile where an account and currency is or would be, and the nodes of a proof's
/// path. A proof made from them is checked like any other before it is printed, so records that
/// differ from the journal give no proof, never a wrong one.
struct SealTileReader {
    let snapshot: any StoreSnapshot
    let seq: UInt64
    /// The first (account, currency) of each leaf tile.
    let firsts: [(String, String)]
    /// The number of leaves.
    let count: Int
    /// The tiles read so far: a statement's runs read the same tiles many times.
    let cache = TileCache()

    /// Tiles already read, by record id (one reader, one thread: `SealedBalances` is not `Sendable`).
    final class TileCache {
        var leaves: [Int: [BalanceLeaf]] = [:]
        var nodes: [String: [SHA256Digest]] = [:]
    }

    /// The reader of seal `seq`, or nil when its records are not there (a ledger written before
    /// seals kept their trees).
    init?(_ snapshot: any StoreSnapshot, seq: UInt64) throws {
        guard let index = try snapshot.fundRecord(SealTiles.indexCollection, "\(seq)") else { return nil }
        let fields = try JSONFields(.object(index.fields), context: "seal \(seq)'s index")
        firsts = try fields.array("first").map { item in
            guard let pair = item.arrayValue, pair.count == 2, let account = pair[0].stringValue, let currency = pair[1].stringValue else {
                throw BalanceProofError(.failed, "seal \(seq)'s index is malformed (run vtf verify)")
            }
            return (account, currency)
        }
        count = Int(try fields.integer("leaves"))
        self.snapshot = snapshot
        self.seq = seq
    }

    /// The leaves of tile `tile`.
    func leaves(tile: Int) throws -> [BalanceLeaf] {
        if let leaves = cache.leaves[tile] { return leaves }
        let leaves = try readLeaves(tile: tile)
        cache.leaves[tile] = leaves
        return leaves
    }

    func readLeaves(tile: Int) throws -> [BalanceLeaf] {
        guard let record = try snapshot.fundRecord(SealTiles.leavesCollection, "\(seq)/\(tile)") else {
            throw BalanceProofError(.failed, "seal \(seq)'s leaf tile \(tile) is missing (run vtf verify)")
        }
        return try JSONFields(.object(record.fields), context: "seal \(seq) leaves").array("leaves").map { item in
            let leaf = try JSONFields(item, context: "seal \(seq) leaf")
            return BalanceLeaf(account: try leaf.string("account"), currency: try leaf.string("currency"), amount: try leaf.string("amount"), value: try leaf.string("value"))
        }
    }

    /// The index `key` has or would have among the leaves, and the leaf at it when it is `key`'s.
    func position(of key: (String, String)) throws -> (index: Int, leaf: BalanceLeaf?) {
        guard !firsts.isEmpty else { return (0, nil) }
        // The last tile whose first leaf does not come after the key.
        var low = 0
        var high = firsts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if BalanceLeaf.precedes(key, firsts[middle]) { high = middle - 1 } else { low = middle }
        }
        let leaves = try leaves(tile: low)
        let offset = BalanceLeaf.position(of: key, in: leaves)
        let index = low * SealTiles.width + offset
        let found = offset < leaves.count && leaves[offset].account == key.0 && leaves[offset].currency == key.1
        return (index, found ? leaves[offset] : nil)
    }

    /// The leaf at `index`, with its path to the seal's root.
    func proven(_ index: Int) throws -> BalanceProof.ProvenLeaf {
        let leaf = try leaves(tile: index / SealTiles.width)[index % SealTiles.width]
        var tiles: [String: [SHA256Digest]] = [:]
        let builder = MerkleProofBuilder { level, node in
            let tile = Int(node) / SealTiles.width
            let id = "\(seq)/\(level)/\(tile)"
            if tiles[id] == nil { tiles[id] = try nodes(id) }
            guard let hashes = tiles[id], Int(node) % SealTiles.width < hashes.count else {
                throw BalanceProofError(.failed, "seal \(seq)'s node tile \(id) is short (run vtf verify)")
            }
            return hashes[Int(node) % SealTiles.width]
        }
        return BalanceProof.ProvenLeaf(index: UInt64(index), leaf: leaf, path: try builder.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(count)))
    }

    func nodes(_ id: String) throws -> [SHA256Digest] {
        if let nodes = cache.nodes[id] { return nodes }
        let nodes = try readNodes(id)
        cache.nodes[id] = nodes
        return nodes
    }

    func readNodes(_ id: String) throws -> [SHA256Digest] {
        guard let record = try snapshot.fundRecord(SealTiles.nodesCollection, id) else {
            throw BalanceProofError(.failed, "seal \(seq)'s node tile \(id) is missing (run vtf verify)")
        }
        return try JSONFields(.object(record.fields), context: "seal \(seq) nodes").array("hashes").map { item in
            guard let hex = item.stringValue, let digest = SHA256Digest(hex: hex) else {
                throw BalanceProofError(.failed, "seal \(seq)'s node tile \(id) is malformed (run vtf verify)")
            }
            return digest
        }
    }

    /// The evidence of `key`'s balance: its leaf, or the adjacent leaves around its place.
    func evidence(_ key: (String, String)) throws -> BalanceProof.Evidence {
        let (index, leaf) = try position(of: key)
        if leaf != nil { return .present(try proven(index)) }
        return .absent(before: index > 0 ? try proven(index - 1) : nil, after: index < count ? try proven(index) : nil)
    }
}
