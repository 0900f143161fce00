import Dispatch
import Foundation
import GRDB
import LedgerCore
public import LedgerCrypto
public import LedgerLog

/// Produces drafts one at a time, so a bulk import holds one batch in memory.
public protocol DraftSource {
    /// The next draft and where it came from (e.g. "line 12"), or nil at the end.
    mutating func next() throws -> (draft: EntryDraft, origin: String)?
}

/// The keys a write needs: the author's (signs entries) and the ledger's log key (signs the
/// checkpoint that every committed write stores).
public struct WriteKeys: Sendable {
    public let author: Ed25519PrivateKey
    public let log: Ed25519PrivateKey

    public init(author: Ed25519PrivateKey, log: Ed25519PrivateKey) {
        self.author = author
        self.log = log
    }
}

extension LedgerFile {
    /// Appends `drafts` as one transaction: all are recorded, or none. Each is checked against
    /// the ledger as it stands after the ones before it, then signed by `keys.author`.
    /// `origin` is only used for the genesis entry of a new ledger.
    @discardableResult
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String? = nil) throws -> [SignedEntry] {
        try writeImmediate { db in
            let state = try StoreState(db)
            return try Self.appendBatch(drafts, keys: keys, origin: origin, state: state, threads: 1)
        }
    }

    /// The bulk path. First a dry run checks every draft without writing (so bad input changes
    /// nothing); then drafts are appended in batches of `batchSize`, each batch one transaction
    /// with its own checkpoint, signatures made on every core. Returns the number appended.
    public func appendBulk(
        _ makeSource: () throws -> any DraftSource, keys: WriteKeys, batchSize: Int = 1000,
        threads: Int = Parallel.coreCount, progress: ((UInt64) -> Void)? = nil
    ) throws -> UInt64 {
        precondition(batchSize >= 1)
        try preflight(try makeSource(), keys: keys)
        var source = try makeSource()
        var appended: UInt64 = 0
        // Batches need not reach the disk one by one (DESIGN §7: one fsync per command suits
        // people, not imports): the WAL is synced at checkpoints and once at the end, and a
        // crash in between loses whole batches only, never consistency. A re-run of the same
        // file is then refused at the first ref already recorded, so nothing with a ref is
        // recorded twice (vouchers without refs have no such guard).
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384")
        }
        defer {
            try? queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000")
                try db.execute(sql: "PRAGMA wal_checkpoint(FULL)")
            }
        }
        while true {
            var batch: [EntryDraft] = []
            var origins: [String] = []
            while batch.count < batchSize, let next = try source.next() {
                batch.append(next.draft)
                origins.append(next.origin)
            }
            if batch.isEmpty { break }
            do {
                try writeImmediate { db in
                    let state = try StoreState(db)
                    state.refsPrechecked = true
                    _ = try Self.appendBatch(batch, keys: keys, origin: nil, state: state, threads: threads)
                }
            } catch let violation as RuleViolation {
                throw RuleViolation("\(origins.first ?? "?")–\(origins.last ?? "?"): \(violation.message) (the \(appended) entries before this batch were recorded)")
            }
            appended += UInt64(batch.count)
            progress?(appended)
        }
        return appended
    }

    /// Checks every draft of `source` in a transaction that is rolled back, keeping effects in memory.
    func preflight(_ source: any DraftSource, keys: WriteKeys) throws {
        var source = source
        try queue.inTransaction(.immediate) { db in
            let state = try StoreState(db, dryRun: true)
            guard let settings = state.settings else { throw StoreError.input("the ledger has no genesis entry") }
            var tip = try Tip.read(db)
            let signer = keys.author.publicKey.keyID
            while let (draft, origin) = try source.next() {
                do {
                    let body = try LedgerRules.completing(
                        draft.body(ledger: settings.origin, seq: tip.size, prev: tip.hash, time: "", signer: signer), against: state)
                    let accepted = try LedgerRules.check(body, against: state)
                    try Self.readBack(body, settings: settings)
                    try state.apply(body, effects: accepted.effects)
                } catch let violation as RuleViolation {
                    throw RuleViolation("\(origin): \(JournalVerifier.strip(violation.message, seq: tip.size))")
                }
                tip = Tip(size: tip.size + 1, hash: tip.hash)
            }
            return .rollback
        }
    }

    /// The verifier's reading of a preflight body (which has no recording time yet).
    static func readBack(_ body: EntryBody, settings: LedgerSettings) throws {
        var timed = body
        timed.time = RecordingTime.now()
        _ = try JournalVerifier.signableBytes(of: timed, fundCurrency: settings.currency)
    }

    /// Checks, signs and inserts one batch inside the caller's transaction, then stores the
    /// new checkpoint.
    static func appendBatch(
        _ drafts: [EntryDraft], keys: WriteKeys, origin: String?, state: StoreState, threads: Int
    ) throws -> [SignedEntry] {
        let db = state.db
        var tip = try Tip.read(db)
        let time = RecordingTime.now()
        let signer = keys.author.publicKey.keyID
        var bodies: [EntryBody] = []
        var messages: [[UInt8]] = []
        let signing = try BackgroundSigning(key: keys.author, count: drafts.count, enabled: threads > 1)
        for draft in drafts {
            guard let ledger = state.settings?.origin ?? origin else {
                throw StoreError.input("the ledger has no genesis entry")
            }
            let body = try LedgerRules.completing(
                draft.body(ledger: ledger, seq: tip.size, prev: tip.hash, time: time, signer: signer), against: state)
            let accepted = try LedgerRules.check(body, against: state)
            precondition(accepted.signerKey == keys.author.publicKey, "the rules resolve the signer by its key id")
            let bytes = try JournalVerifier.signableBytes(of: body, fundCurrency: state.settings?.currency)
            try state.apply(body, effects: accepted.effects)
            bodies.append(body)
            messages.append(bytes)
            signing.submit(messages)
            tip = Tip(size: tip.size + 1, hash: MerkleHash.leaf(bytes))
        }
        let signatures = try signing.finish(messages)
        let entries = zip(bodies, zip(messages, signatures)).map {
            SignedEntry(body: $0.0, bodyBytes: $0.1.0, signature: $0.1.1)
        }
        try insertJournal(entries, db)
        state.entriesStored()
        try state.flushBalances()
        try Checkpointer.advance(db, with: entries.map(\.leafHash), logKey: keys.log)
        return entries
    }

    static func insertJournal(_ entries: [SignedEntry], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            do {
                try statement.execute(arguments: [
                    Int64(entry.body.seq), entry.body.kind.rawValue, entry.body.ref, Data(entry.bodyBytes),
                    Data(entry.signature), Data(entry.leafHash.bytes),
                ])
            } catch DatabaseError.SQLITE_CONSTRAINT_UNIQUE {
                throw RuleViolation("entry \(entry.body.seq): ref \"\(entry.body.ref ?? "")\" is already used by another \(entry.body.kind.rawValue) entry")
            }
        }
    }
}

/// The end of the journal: how many entries, and the leaf hash of the last.
struct Tip {
    let size: UInt64
    let hash: SHA256Digest

    static func read(_ db: Database) throws -> Tip {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, leaf_hash FROM journal ORDER BY seq DESC LIMIT 1") else {
            return Tip(size: 0, hash: EntryBody.zeroHash)
        }
        let seq: Int64 = row[0]
        let bytes: Data = row[1]
        guard seq >= 0, let hash = SHA256Digest(bytes: [UInt8](bytes)) else {
            throw StoreError.system("the last entry (seq \(seq)) has a malformed seq or leaf hash: the ledger file was changed; run vtf verify")
        }
        return Tip(size: UInt64(seq) + 1, hash: hash)
    }
}

/// Signs a batch's entries while the next ones are still being checked and encoded. A
/// background thread with its own signing context takes published messages in small slices,
/// so checking (one core) and signing (the other) overlap; at the end this thread joins in and
/// takes slices too, so neither core waits for the other.
final class BackgroundSigning: @unchecked Sendable {
    // Shared state is guarded by `condition`; the signatures go to `slots`, each index written
    // by exactly one thread and read after both threads are done.
    static let sliceSize = 16

    private let foreground: Ed25519Signer
    private let slots: ParallelSlots<Result<[UInt8], CryptoError>>
    private let condition = NSCondition()
    private var messages: [[UInt8]] = []
    private var next = 0
    private var closed = false
    private var backgroundDone = true

    init(key: Ed25519PrivateKey, count: Int, enabled: Bool) throws {
        foreground = try key.makeSigner()
        slots = ParallelSlots(count: count)
        messages.reserveCapacity(count)
        if enabled {
            backgroundDone = false
            let background = UncheckedSendable(try key.makeSigner())
            Thread.detachNewThread { [self] in
                while let slice = take(waiting: true) { sign(slice, with: background.value) }
                condition.withLock {
                    backgroundDone = true
                    condition.broadcast()
                }
            }
        }
    }

    /// Publishes the latest message (the caller appends one at a time, in order).
    func submit(_ all: [[UInt8]]) {
        condition.withLock {
            messages.append(contentsOf: all[messages.count...])
            condition.signal()
        }
    }

    /// Publishes the rest, signs slices here too until none are left, waits for the background
    /// thread, and returns every signature in order.
    func finish(_ all: [[UInt8]]) throws -> [[UInt8]] {
        condition.withLock {
            messages.append(contentsOf: all[messages.count...])
            closed = true
            condition.broadcast()
        }
        while let slice = take(waiting: false) { sign(slice, with: foreground) }
        condition.withLock {
            while !backgroundDone { condition.wait() }
        }
        return try (0..<all.count).map { index in
            guard let result = slots[index] else { preconditionFailure("every message was signed") }
            return try result.get()
        }
    }

    /// The next slice of messages to sign; nil when all are taken (and no more will come).
    private func take(waiting: Bool) -> (range: Range<Int>, messages: [[UInt8]])? {
        condition.withLock {
            while true {
                if next < messages.count {
                    let range = next..<min(next + Self.sliceSize, messages.count)
                    next = range.upperBound
                    // A copy, not a slice: a slice would keep `messages` shared, and the next
                    // append would copy the whole array.
                    return (range, Array(messages[range]))
                }
                if closed || !waiting { return nil }
                condition.wait()
            }
        }
    }

    private func sign(_ slice: (range: Range<Int>, messages: [[UInt8]]), with signer: Ed25519Signer) {
        for (index, message) in zip(slice.range, slice.messages) {
            slots[index] = Result { () throws(CryptoError) in try signer.sign(message) }
        }
    }
}
