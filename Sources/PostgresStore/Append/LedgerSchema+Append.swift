import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

/// The transaction-scoped advisory lock that serialises a ledger's writers: the key is derived
/// from the schema name (advisory locks are per database, and one schema holds one ledger).
enum LedgerLock {
    static func key(_ schema: String) -> Int64 {
        let digest = LedgerCrypto.SHA256.hash(Array("vtf.ledger:\(schema)".utf8)).bytes
        return Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}

extension LedgerSchema {
    /// Runs `body` in a write transaction holding the ledger's advisory lock, taken before
    /// anything is read: writers on any connection queue up there, and each reads the tip its
    /// predecessor committed (READ COMMITTED: every statement sees the latest commits). Commits
    /// with `synchronous_commit = on` (set for the session), so an acknowledged write is durable.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        precondition(!session.inTransaction, "a write is not made inside a read")
        return try session.transaction("BEGIN ISOLATION LEVEL READ COMMITTED") {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [.int(LedgerLock.key(session.settings.schema))])
            return try body()
        }
    }

    /// Appends `drafts` as one transaction: all are recorded, or none.
    func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String?) throws -> [SignedEntry] {
        try writeTransaction {
            let state = try PostgresStoreState(self)
            return try appendBatch(drafts, keys: keys, origin: origin, state: state)
        }
    }

    /// Checks, signs and inserts one batch inside the caller's transaction, then stores the new
    /// checkpoint: each draft is checked against the ledger as it stands after the ones before it.
    func appendBatch(
        _ drafts: [EntryDraft], keys: WriteKeys, origin: String?, state: PostgresStoreState, threads: Int = 1
    ) throws -> [SignedEntry] {
        var tip = try self.tip()
        let time = RecordingTime.now()
        let signer = keys.author.publicKey.keyID
        if drafts.count > 1 { try state.prefetchRefs(drafts.compactMap { draft in draft.ref.map { (draft.kind, $0) } }) }
        var checked: [(body: EntryBody, bytes: [UInt8], leaf: SHA256Digest)] = []
        checked.reserveCapacity(drafts.count)
        for draft in drafts {
            guard let ledger = state.settings?.origin ?? origin else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            let body = try rules.completing(draft.body(ledger: ledger, seq: tip.size, prev: tip.hash, time: time, signer: signer), against: state)
            let accepted = try rules.check(body, against: state)
            precondition(accepted.signerKey == keys.author.publicKey, "the rules resolve the signer by its key id")
            let bytes = try JournalVerifier.signableBytes(of: body, fundCurrency: state.settings?.currency)
            try state.apply(body, effects: accepted.effects)
            let leaf = MerkleHash.leaf(bytes)
            checked.append((body, bytes, leaf))
            tip = (tip.size + 1, leaf)
        }
        let signatures = try Self.sign(checked.map(\.bytes), key: keys.author, threads: threads)
        let entries = checked.indices.map {
            SignedEntry(body: checked[$0].body, bodyBytes: checked[$0].bytes, signature: signatures[$0], leafHash: checked[$0].leaf)
        }
        try insertJournal(entries)
        state.entriesStored()
        try state.flushBalances()
        try advanceCheckpoint(with: entries.map(\.leafHash), logKey: keys.log, state: state)
        return entries
    }

    /// The journal rows of `entries`, a few hundred per statement.
    func insertJournal(_ entries: [SignedEntry]) throws {
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(start + 500, entries.count)]
            var values: [SQLValue] = []
            var rows: [String] = []
            for entry in chunk {
                rows.append("(\(Self.placeholders(6, from: values.count + 1)))")
                values += [
                    .seq(entry.body.seq), .text(entry.body.kind.rawValue), .text(entry.body.ref), .bytes(entry.bodyBytes), .bytes(entry.signature),
                    .bytes(entry.leafHash.bytes),
                ]
            }
            try session.execute("INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES \(rows.joined(separator: ", "))", values)
            start = chunk.endIndex
        }
        try insertEntryIndex(entries)
    }

    /// Appends leaves to the stored Merkle frontier (storing the interior nodes they complete)
    /// and stores the checkpoint of the new size, signed by the log key.
    func advanceCheckpoint(with leaves: [SHA256Digest], logKey: Ed25519PrivateKey, state: PostgresStoreState) throws {
        guard let settings = state.settings else { throw StoreError(.damaged, "cannot sign a checkpoint before the genesis entry") }
        guard state.registeredKeys().contains(where: { $0.record.roles.contains(.log) && $0.record.publicKey == logKey.publicKey }) else {
            throw StoreError(.badInput, "the log key given is not this ledger's log key (check VTF_LOG_KEY or the path recorded by vtf init)")
        }
        var frontier = try self.frontier()
        var nodes: [(level: Int, index: UInt64, hash: SHA256Digest)] = []
        for leaf in leaves {
            frontier.append(leafHash: leaf) { level, index, node in nodes.append((level, index, node)) }
        }
        try storeTree(nodes: nodes, frontier: frontier)
        let note = try JournalRows.signedNote(origin: settings.origin, size: frontier.size, root: frontier.root, logKey: logKey)
        try session.execute(
            "INSERT INTO checkpoints (size, root, note) VALUES ($1, $2, $3)", [.seq(frontier.size), .bytes(frontier.root.bytes), .text(note)])
    }

    /// Stores the interior Merkle nodes an append completed (a thousand per statement) and the
    /// new frontier.
    func storeTree(nodes: [(level: Int, index: UInt64, hash: SHA256Digest)], frontier: MerkleFrontier) throws {
        var start = 0
        while start < nodes.count {
            let chunk = nodes[start..<min(start + 1000, nodes.count)]
            var values: [SQLValue] = []
            for node in chunk { values += [.int(Int64(node.level)), .seq(node.index), .bytes(node.hash.bytes)] }
            let rows = chunk.indices.map { "(\(Self.placeholders(3, from: ($0 - start) * 3 + 1)))" }
            try session.execute("INSERT INTO merkle_nodes (level, idx, hash) VALUES \(rows.joined(separator: ", "))", values)
            start = chunk.endIndex
        }
        try session.execute("""
            INSERT INTO tree_state (id, size, frontier) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier
            """, [.seq(frontier.size), .bytes(frontier.serialized)])
    }

    /// The stored Merkle frontier (empty before the first entry).
    func frontier() throws -> MerkleFrontier {
        guard let row = try session.row("SELECT frontier FROM tree_state WHERE id = 1") else { return MerkleFrontier() }
        do { return try MerkleFrontier(serialized: try row.bytes(0)) } catch let error as StoreError { throw error } catch {
            throw StoreError(.damaged, "the stored Merkle frontier is damaged (\(error)); run vtf verify")
        }
    }

    /// The bulk path: every draft of the source is checked and appended in ONE write
    /// transaction holding the ledger's lock, `batchSize` at a time (a checkpoint per batch, as
    /// on SQLite); any refusal rolls everything back. Returns the seqs appended.
    func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int, progress: ((UInt64) -> Void)?
    ) throws -> Range<UInt64> {
        guard batchSize >= 1 else { throw StoreError(.badInput, "the batch size must be at least 1") }
        var source = try makeSource()
        return try writeTransaction {
            let first = try tip().size
            let state = try PostgresStoreState(self)
            guard state.settings != nil else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            var appended: UInt64 = 0
            while true {
                var batch: [EntryDraft] = []
                var origins: [String] = []
                while batch.count < batchSize, let next = try source.next() {
                    batch.append(next.draft)
                    origins.append(next.origin)
                }
                if batch.isEmpty { break }
                do {
                    _ = try appendBatch(batch, keys: keys, origin: nil, state: state, threads: threads)
                } catch let violation as RuleViolation {
                    throw violation.with(message: "\(origins.first ?? "?")–\(origins.last ?? "?"): \(violation.message) (nothing was recorded)")
                }
                appended += UInt64(batch.count)
                progress?(appended)
            }
            return first..<(first + appended)
        }
    }

    /// The signatures of `messages` by `key`, in order: on `threads` cores for a bulk batch (one
    /// signer per chunk), on this thread for a few.
    static func sign(_ messages: [[UInt8]], key: Ed25519PrivateKey, threads: Int) throws -> [[UInt8]] {
        guard threads > 1, messages.count >= 64 else {
            let signer = try key.makeSigner()
            return try messages.map { try signer.sign($0) }
        }
        let slots = ParallelSlots<Result<[UInt8], CryptoError>>(count: messages.count)
        Parallel.forEachChunk(count: messages.count, chunks: threads) { _, range in
            let signer: Ed25519Signer
            do throws(CryptoError) { signer = try key.makeSigner() } catch {
                for index in range { slots[index] = .failure(error) }
                return
            }
            for index in range { slots[index] = Result { () throws(CryptoError) in try signer.sign(messages[index]) } }
        }
        return try (0..<messages.count).map { index in
            guard let result = slots[index] else { preconditionFailure("every message was signed") }
            return try result.get()
        }
    }
}
