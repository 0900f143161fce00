import LedgerCrypto
import LedgerStore
import TransparencyLog

extension LedgerSchema {
    /// The one way an append stores its Merkle tree and checkpoints (signed here, or another
    /// store's, checked): appends `leaves` to `frontier`, sends the interior nodes they complete
    /// and the new frontier, then, for each size of `sizes` (ascending, each reached by one of
    /// the leaves), the checkpoint `note` gives for the root there. `note` may refuse (throw).
    func storeTree(
        appending leaves: [SHA256Digest], to frontier: inout MerkleFrontier, checkpointsAt sizes: [UInt64],
        note: (_ size: UInt64, _ root: SHA256Digest) throws -> String
    ) throws {
        var nodes: [(level: Int, index: UInt64, hash: SHA256Digest)] = []
        var pending = sizes[...]
        var checkpoints: [(size: UInt64, root: SHA256Digest, note: String)] = []
        for leaf in leaves {
            frontier.append(leafHash: leaf) { level, index, node in nodes.append((level, index, node)) }
            while let next = pending.first, next == frontier.size {
                let root = frontier.root
                checkpoints.append((next, root, try note(next, root)))
                pending = pending.dropFirst()
            }
        }
        precondition(pending.isEmpty, "every checkpoint size falls on an appended entry")
        if !nodes.isEmpty {
            session.send(
                "INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bytea[])",
                [.ints(nodes.map { Int64($0.level) }), .ints(nodes.map { Int64(clamping: $0.index) }), .byteStrings(nodes.map(\.hash.bytes))])
        }
        session.send("""
            INSERT INTO tree_state (id, size, frontier) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier
            """, [.seq(frontier.size), .bytes(frontier.serialized)])
        if !checkpoints.isEmpty {
            session.send(
                "INSERT INTO checkpoints (size, root, note) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[])",
                [.ints(checkpoints.map { Int64(clamping: $0.size) }), .byteStrings(checkpoints.map(\.root.bytes)), .texts(checkpoints.map(\.note))])
        }
    }

    /// The stored Merkle frontier (empty before the first entry).
    func frontier() throws -> MerkleFrontier {
        guard let row = try session.row("SELECT frontier FROM tree_state WHERE id = 1") else { return MerkleFrontier() }
        do { return try MerkleFrontier(serialized: try row.bytes(0)) } catch let error as StoreError { throw error } catch {
            throw StoreError(.damaged, "the stored Merkle frontier is damaged (\(error)); run vtf verify")
        }
    }
}
