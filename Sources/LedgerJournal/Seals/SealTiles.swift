import CanonicalJSON
import TransparencyLog

/// A seal's tree kept in the derived state beside the balances, so that a balance is proven by
/// reading a few records rather than by computing every balance again: the leaves and every
/// level's perfect-subtree nodes, in tiles of ``width``, and an index of each leaf tile's first
/// (account, currency). Written by the seal's own effects, so the writer's tables and the
/// verifier's replay hold the same records, which `vtf verify` compares.
public enum SealTiles {
    /// How many leaves or hashes a tile holds.
    public static let width = 256
    /// The collection of the index: id `SEQ`, fields `{"first": [[account, currency]…], "leaves": N}`.
    public static let indexCollection = "seal.index"
    /// The collection of the leaf tiles: id `SEQ/TILE`, fields `{"leaves": [leaf…]}`.
    public static let leavesCollection = "seal.leaves"
    /// The collection of the node tiles: id `SEQ/LEVEL/TILE`, fields `{"hashes": [hex…]}`.
    public static let nodesCollection = "seal.nodes"

    /// The records that keep `seal`, written by the seal entry `seq`.
    public static func records(_ seal: BalanceSeal, seq: UInt64) -> [StateRecord] {
        var records: [StateRecord] = []
        var firsts: [JSONValue] = []
        for (tile, start) in stride(from: 0, to: seal.leaves.count, by: width).enumerated() {
            let leaves = seal.leaves[start..<min(start + width, seal.leaves.count)]
            firsts.append(.array([.string(leaves[start].account), .string(leaves[start].currency)]))
            records.append(StateRecord(
                collection: leavesCollection, id: "\(seq)/\(tile)", seq: seq, fields: JSONObject([("leaves", .array(leaves.map(\.json)))])))
        }
        for (level, nodes) in seal.tree.nodeLevels.enumerated() {
            for (tile, start) in stride(from: 0, to: nodes.count, by: width).enumerated() {
                let hashes = nodes[start..<min(start + width, nodes.count)].map { JSONValue.string($0.hex) }
                records.append(StateRecord(collection: nodesCollection, id: "\(seq)/\(level)/\(tile)", seq: seq, fields: JSONObject([("hashes", .array(hashes))])))
            }
        }
        records.append(StateRecord(
            collection: indexCollection, id: "\(seq)", seq: seq,
            fields: JSONObject([("first", .array(firsts)), ("leaves", .integer(Int64(seal.leaves.count)))])))
        return records
    }
}
