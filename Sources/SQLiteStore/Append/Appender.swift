import Dispatch
import Foundation
import GRDB
import TransparencyLog
import LedgerCore
public import LedgerCrypto
public import LedgerJournal
public import LedgerStore

extension LedgerFile {
    /// Appends `drafts` as one transaction: all are recorded, or none. Each is checked against
    /// the ledger as it stands after the ones before it, then signed by `keys.author`.
    /// `origin` is only used for the genesis entry of a new ledger.
    @discardableResult
    public func append(_ drafts: [EntryDraft], keys: WriteKeys, origin: String? = nil) throws -> [SignedEntry] {
        try writeImmediate { db in
            let state = try StoreState(db)
            return try Self.appendBatch(drafts, keys: keys, origin: origin, state: state, rules: rules, threads: 1)
        }
    }

    /// The entries `drafts` would become if appended now, signed by `author`, without recording
    /// them: the same rules, state and read-back as ``append(_:keys:origin:)``, in a write
    /// transaction that is rolled back. A ledger service's client signs its drafts so, against
    /// its mirror, then submits them; no log key is needed, the service signs the checkpoint.
    public func signUnrecorded(_ drafts: [EntryDraft], author: Ed25519PrivateKey) throws -> [SignedEntry] {
        var signed: [SignedEntry] = []
        do {
            try writeImmediate { db in
                let state = try StoreState(db)
                signed = try Self.appendBatch(
                    drafts, keys: WriteKeys(author: author, log: author), origin: nil, state: state, rules: rules, threads: 1, record: false)
                throw RolledBack()
            }
        } catch is RolledBack {}
        return signed
    }

    /// Ends ``signUnrecorded(_:author:)``'s transaction without committing it.
    private struct RolledBack: Error {}

    /// Checks, signs and inserts one batch inside the caller's transaction, then stores the
    /// new checkpoint (unless `record` is false: then nothing is inserted and the caller rolls
    /// the transaction back).
    static func appendBatch(
        _ drafts: [EntryDraft], keys: WriteKeys, origin: String?, state: StoreState, rules: LedgerRules, threads: Int, record: Bool = true
    ) throws -> [SignedEntry] {
        let signer = keys.author.publicKey.keyID
        return try appendEntries(count: drafts.count, keys: keys, state: state, threads: threads, record: record) { index, tip, time in
            guard let ledger = state.settings?.origin ?? origin else {
                throw StoreError(.noGenesis, "the ledger has no genesis entry")
            }
            let body = try rules.drafting(
                drafts[index], ledger: ledger, seq: tip.size, prev: tip.hash, time: time, signer: signer, against: state)
            let accepted = try rules.check(body, against: state)
            precondition(accepted.signerKey == keys.author.publicKey, "the rules resolve the signer by its key id")
            return (body, accepted.effects)
        }
    }

    /// Signs and inserts one batch of drafts an import's check accepted against this very
    /// state (the tip has not moved since): each body gets its prev and recording time, which
    /// the rules of the kinds kept (vouchers) do not read, and nothing else changes.
    static func appendChecked(
        _ checked: ArraySlice<CheckedDraft>, keys: WriteKeys, state: StoreState, threads: Int
    ) throws -> [SignedEntry] {
        try appendEntries(count: checked.count, keys: keys, state: state, threads: threads) { index, tip, time in
            let item = checked[checked.startIndex + index]
            precondition(item.body.seq == tip.size, "the tip has not moved since the check")
            var body = item.body
            body.prev = tip.hash
            body.time = time
            try LedgerRules.checkNotAhead(body)  // the one rule of a voucher that reads the time
            return (body, item.effects)
        }
    }

    /// The common part of a batch: `entry` gives the body and effects of entry `index` at
    /// `tip` and recording time `time`; each body is read back as the verifier reads it, its
    /// effects applied, and it is signed (on a second core when `threads` > 1); then the batch
    /// goes into the journal with the new checkpoint.
    static func appendEntries(
        count: Int, keys: WriteKeys, state: StoreState, threads: Int, record: Bool = true,
        entry: (_ index: Int, _ tip: Tip, _ time: String) throws -> (EntryBody, [LedgerEffect])
    ) throws -> [SignedEntry] {
        let db = state.db
        var tip = try Tip.read(db)
        let time = RecordingTime.now()
        var bodies: [EntryBody] = []
        var messages: [[UInt8]] = []
        var leaves: [SHA256Digest] = []
        bodies.reserveCapacity(count)
        messages.reserveCapacity(count)
        leaves.reserveCapacity(count)
        let signing = try BackgroundSigning(key: keys.author, count: count, enabled: threads > 1)
        for index in 0..<count {
            let (body, effects) = try entry(index, tip, time)
            let bytes = try JournalVerifier.signableBytes(of: body, fundCurrency: state.settings?.currency)
            try state.apply(body, effects: effects)
            bodies.append(body)
            messages.append(bytes)
            signing.submit(messages)
            let leaf = MerkleHash.leaf(bytes)
            leaves.append(leaf)
            tip = Tip(size: tip.size + 1, hash: leaf)
        }
        let signatures = try signing.finish(messages)
        let entries = bodies.indices.map {
            SignedEntry(body: bodies[$0], bodyBytes: messages[$0], signature: signatures[$0], leafHash: leaves[$0])
        }
        guard record else { return entries }
        try insertJournal(entries, db)
        state.entriesStored()
        try state.flushBalances()
        try Checkpointer.advance(db, with: leaves, logKey: keys.log)
        return entries
    }

    static func insertJournal(_ entries: [SignedEntry], _ db: Database) throws {
        let insert = try PreparedStatement(db, sql: """
            INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            do {
                insert.bind(1, Int64(entry.body.seq))
                insert.bind(2, entry.body.kind.rawValue)
                insert.bind(3, entry.body.ref)
                insert.bind(4, blob: entry.bodyBytes)
                insert.bind(5, blob: entry.signature)
                insert.bind(6, blob: entry.leafHash.bytes)
                try insert.run()
            } catch DatabaseError.SQLITE_CONSTRAINT_UNIQUE {
                throw RuleViolation(.duplicateRef, "entry \(entry.body.seq): ref \"\(entry.body.ref ?? "")\" is already used by another \(entry.body.kind.rawValue) entry")
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
        let seq: Int64 = (try row.decode(atIndex: 0))
        let bytes: Data = (try row.decode(atIndex: 1))
        guard seq >= 0, let hash = SHA256Digest(bytes: [UInt8](bytes)) else {
            throw StoreError(.damaged, "the last entry (seq \(seq)) has a malformed seq or leaf hash: the ledger file was changed; run vtf verify")
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
