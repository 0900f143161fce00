import Foundation
import GRDB
import LedgerCrypto
import TransparencyLog

/// The stored Merkle tree during a write: appends leaves to the frontier read from
/// `tree_state`, inserts each interior node a leaf completes into `merkle_nodes`, and stores the
/// new frontier at the end. The one writer of those two tables, for entries signed here and for
/// entries copied from another store.
struct StoredTreeAppender {
    private(set) var frontier: MerkleFrontier
    private let insertNode: PreparedStatement

    init(_ db: Database) throws {
        frontier = try Checkpointer.frontier(db)
        insertNode = try PreparedStatement(db, sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
    }

    /// Appends one leaf, storing the interior nodes it completes.
    mutating func append(_ leafHash: SHA256Digest) throws {
        var nodeError: (any Error)?
        frontier.append(leafHash: leafHash) { [insertNode] level, index, node in
            guard nodeError == nil else { return }
            insertNode.bind(1, Int64(level))
            insertNode.bind(2, Int64(index))
            insertNode.bind(3, blob: node.bytes)
            do { try insertNode.run() } catch { nodeError = error }
        }
        if let nodeError { throw nodeError }
    }

    /// Stores the frontier reached (its size and the hashes it keeps).
    func finish(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO tree_state (id, size, frontier) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier
                """,
            arguments: [Int64(frontier.size), Data(frontier.serialized)])
    }
}
