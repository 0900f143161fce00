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

/// Where a write transaction goes on: the journal's tip and the Merkle frontier, read once when
/// it starts and kept in memory from batch to batch (nobody else writes while it holds the lock).
struct AppendPosition {
    var tip: (size: UInt64, hash: SHA256Digest)
    var frontier: MerkleFrontier

    init(_ schema: LedgerSchema) throws {
        tip = try schema.tip()
        frontier = try schema.frontier()
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
            var position = try AppendPosition(self)
            return try appendBatch(drafts, keys: keys, origin: origin, state: state, position: &position)
        }
    }

    /// Checks, signs and inserts one batch inside the caller's transaction, then stores the new
    /// checkpoint: each draft is checked against the ledger as it stands after the ones before it.
    func appendBatch(
        _ drafts: [EntryDraft], keys: WriteKeys, origin: String?, state: PostgresStoreState, position: inout AppendPosition, threads: Int = 1
    ) throws -> [SignedEntry] {
        if drafts.count > 1 { try state.prefetchRefs(of: drafts) }
        let entries = try checkAndSign(drafts, keys: keys, origin: origin, state: state, tip: position.tip, threads: threads)
        try store(entries, logKey: keys.log, state: state, position: &position)
        return entries
    }

    /// Checks each draft against the ledger as it stands after the ones before it (from `tip`),
    /// applies it to `state`, and signs them all (on `threads` cores).
    func checkAndSign(
        _ drafts: [EntryDraft], keys: WriteKeys, origin: String?, state: PostgresStoreState, tip start: (size: UInt64, hash: SHA256Digest),
        threads: Int
    ) throws -> [SignedEntry] {
        var tip = start
        let time = RecordingTime.now()
        let signer = keys.author.publicKey.keyID
        var checked: [(body: EntryBody, bytes: [UInt8], leaf: SHA256Digest)] = []
        checked.reserveCapacity(drafts.count)
        for draft in drafts {
            guard let ledger = state.settings?.origin ?? origin else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            let body = try rules.drafting(draft, ledger: ledger, seq: tip.size, prev: tip.hash, time: time, signer: signer, against: state)
            let accepted = try rules.check(body, against: state)
            precondition(accepted.signerKey == keys.author.publicKey, "the rules resolve the signer by its key id")
            let bytes = try JournalVerifier.signableBytes(of: body, fundCurrency: state.settings?.currency)
            try state.apply(body, effects: accepted.effects)
            let leaf = MerkleHash.leaf(bytes)
            checked.append((body, bytes, leaf))
            tip = (tip.size + 1, leaf)
        }
        let signatures = try Self.sign(checked.map(\.bytes), key: keys.author, threads: threads)
        return checked.indices.map {
            SignedEntry(body: checked[$0].body, bodyBytes: checked[$0].bytes, signature: signatures[$0], leafHash: checked[$0].leaf)
        }
    }

    /// Sends the rows of checked and signed `entries`, their derived rows and the checkpoint of
    /// the new size, without waiting for the server (``PostgresSession/send(_:_:)``): the next
    /// batch is checked while the server stores this one, and COMMIT waits for them all.
    func store(_ entries: [SignedEntry], logKey: Ed25519PrivateKey, state: PostgresStoreState, position: inout AppendPosition) throws {
        insertJournal(entries)
        state.entriesStored()
        state.flushBalances()
        try advanceCheckpoint(with: entries.map(\.leafHash), logKey: logKey, state: state, frontier: &position.frontier)
        if let last = entries.last { position.tip = (last.body.seq + 1, last.leafHash) }
    }

    /// Sends the journal rows of `entries` in one statement (arrays, a column each; the journal's
    /// statement trigger refuses them unless they are the next seqs, without a gap), then their
    /// `entry_index` rows.
    func insertJournal(_ entries: [SignedEntry]) {
        guard !entries.isEmpty else { return }
        session.send("""
            INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash)
            SELECT seq, kind, CASE WHEN has_ref THEN ref END, body, sig, leaf_hash
            FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::text[], $5::bytea[], $6::bytea[], $7::bytea[])
                AS row (seq, kind, has_ref, ref, body, sig, leaf_hash)
            ORDER BY seq
            """, [
                .ints(entries.map { Int64(clamping: $0.body.seq) }), .texts(entries.map(\.body.kind.rawValue)),
                .bools(entries.map { $0.body.ref != nil }), .texts(entries.map { $0.body.ref ?? "" }), .byteStrings(entries.map(\.bodyBytes)),
                .byteStrings(entries.map(\.signature)), .byteStrings(entries.map(\.leafHash.bytes)),
            ])
        insertEntryIndex(entries)
    }

    /// Appends leaves to the Merkle frontier and stores the checkpoint of the new size, signed
    /// by the log key (which must be this ledger's).
    func advanceCheckpoint(
        with leaves: [SHA256Digest], logKey: Ed25519PrivateKey, state: PostgresStoreState, frontier: inout MerkleFrontier
    ) throws {
        guard let settings = state.settings else { throw StoreError(.damaged, "cannot sign a checkpoint before the genesis entry") }
        guard state.registeredKeys().contains(where: { $0.record.roles.contains(.log) && $0.record.publicKey == logKey.publicKey }) else {
            throw StoreError(.badInput, "the log key given is not this ledger's log key (check VTF_LOG_KEY or the path recorded by vtf init)")
        }
        let size = frontier.size + UInt64(leaves.count)
        try storeTree(appending: leaves, to: &frontier, checkpointsAt: [size]) { size, root in
            try JournalRows.signedNote(origin: settings.origin, size: size, root: root, logKey: logKey)
        }
    }

    /// The bulk path: every draft of the source is checked and appended in ONE write
    /// transaction holding the ledger's lock, `batchSize` at a time (a checkpoint per batch, as
    /// on SQLite); any refusal rolls everything back. Returns the seqs appended.
    ///
    /// The server stores a batch while the next one is checked and signed: which refs of the
    /// next batch the journal holds is asked before a batch's rows are sent (the answer does not
    /// wait for them), and the refs of this transaction's entries are known to the state.
    func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int, threads: Int, progress: ((UInt64) -> Void)?
    ) throws -> Range<UInt64> {
        guard batchSize >= 1 else { throw StoreError(.badInput, "the batch size must be at least 1") }
        var source = try makeSource()
        func nextBatch() throws -> (drafts: [EntryDraft], origins: [String]) {
            var batch: (drafts: [EntryDraft], origins: [String]) = ([], [])
            while batch.drafts.count < batchSize, let next = try source.next() {
                batch.drafts.append(next.draft)
                batch.origins.append(next.origin)
            }
            return batch
        }
        return try writeTransaction {
            let state = try PostgresStoreState(self)
            guard state.settings != nil else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
            var position = try AppendPosition(self)
            let first = position.tip.size
            var appended: UInt64 = 0
            var batch = try nextBatch()
            try state.prefetchRefs(of: batch.drafts)
            while !batch.drafts.isEmpty {
                let entries: [SignedEntry]
                do {
                    entries = try checkAndSign(batch.drafts, keys: keys, origin: nil, state: state, tip: position.tip, threads: threads)
                } catch let violation as RuleViolation {
                    throw violation.with(message: "\(batch.origins.first ?? "?")–\(batch.origins.last ?? "?"): \(violation.message) (nothing was recorded)")
                }
                let next = try nextBatch()
                try state.prefetchRefs(of: next.drafts)
                try store(entries, logKey: keys.log, state: state, position: &position)
                appended += UInt64(entries.count)
                progress?(appended)
                batch = next
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
