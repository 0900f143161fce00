import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// One ledger's schema seen through one connection, synchronously: the queries every
/// `StoreSnapshot` answers and the write transaction. Used on ``PostgresLedger``'s serial queue
/// only. Each query runs in a REPEATABLE READ transaction of its own, or joins the one open
/// (a snapshot read, or a write).
final class LedgerSchema {
    let session: PostgresSession
    let rules: LedgerRules

    init(session: PostgresSession, rules: LedgerRules) {
        self.session = session
        self.rules = rules
    }

    var settingsForMessages: PostgresConnectionSettings { session.settings }

    /// The transaction a read runs in: one snapshot of committed writes, read-only.
    static let readBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    /// Runs `body` in one read snapshot (or in the transaction already open). A read of its own
    /// may sort the postings of a year in memory (a report's sums per shape of entry: some 40 MB
    /// at a million entries) rather than on disk.
    func read<T>(_ body: () throws -> T) throws -> T {
        let outermost = !session.inTransaction
        return try session.transaction(Self.readBegin) {
            guard outermost else { return try body() }
            try session.execute("SELECT set_config('work_mem', '64MB', true)")
            readingCommitted = true
            defer { readingCommitted = false }
            return try body()
        }
    }

    /// Whether a read transaction of this schema's own is open: what it sees was committed.
    private var readingCommitted = false

    /// `$first`, `$first+1`, … for `count` values.
    static func placeholders(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }

    // MARK: The journal

    /// The settings once read in a read transaction: they are the committed genesis entry's,
    /// which never changes, and every query asks for them (two round trips and a parse each
    /// time otherwise). Settings read inside a write are not kept: it may roll back.
    private var knownSettings: LedgerSettings?

    func settings() throws -> LedgerSettings? {
        if let knownSettings { return knownSettings }
        let found = try readSettings()
        if readingCommitted { knownSettings = found }
        return found
    }

    private func readSettings() throws -> LedgerSettings? {
        try read {
            guard let row = try session.row("SELECT origin, fund_name, currency FROM ledger_settings WHERE id = 1") else { return nil }
            return LedgerSettings(
                origin: try row.text(0), fundName: try row.text(1), currency: try Currency(code: try row.text(2)),
                openingDate: try openingDate())
        }
    }

    /// The genesis entry's date, read from the signed entry 0 (as the SQLite store does).
    private func openingDate() throws -> LedgerDate? {
        guard let bytes = try session.row("SELECT body FROM journal WHERE seq = 0").map({ try $0.bytes(0) }),
            let text = (try? JSONParser.parse(bytes))?.objectValue?["date"]?.stringValue
        else { return nil }
        return try? LedgerDate(parsing: text)
    }

    /// The end of the journal: how many entries, and the leaf hash of the last.
    func tip() throws -> (size: UInt64, hash: SHA256Digest) {
        try read {
            guard let row = try session.row("SELECT seq, leaf_hash FROM journal ORDER BY seq DESC LIMIT 1") else {
                return (0, EntryBody.zeroHash)
            }
            let seq = try row.natural(0)
            guard let hash = SHA256Digest(bytes: try row.bytes(1)) else {
                throw StoreError(.damaged, "the last entry (seq \(seq)) has a malformed leaf hash: the ledger was changed outside vtf; run vtf verify")
            }
            return (seq + 1, hash)
        }
    }

    func entryCount() throws -> UInt64 { try tip().size }

    func entry(at seq: UInt64) throws -> SignedEntry? {
        try read {
            guard let settings = try settings(), let key = Int64(exactly: seq),
                let row = try session.row("SELECT body, sig FROM journal WHERE seq = $1", [.int(key)])
            else { return nil }
            let bytes = try row.bytes(0)
            let signature = try row.bytes(1)
            let body = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: seq == 0 ? nil : settings.currency)
            guard signature.count == 64 else {
                throw StoreError(.damaged, "entry \(seq) has a signature of \(signature.count) bytes, not 64: the ledger was changed outside vtf; run vtf verify")
            }
            return SignedEntry(body: body, bodyBytes: bytes, signature: signature)
        }
    }

    func entries(ofKinds kinds: [EntryKind]) throws -> [EntryBody] {
        try read {
            guard let settings = try settings(), !kinds.isEmpty else { return [] }
            let rows = try session.rows(
                "SELECT body FROM journal WHERE kind IN (\(Self.placeholders(kinds.count))) ORDER BY seq", kinds.map { .text($0.rawValue) })
            return try rows.map { try EntryBody(storedBytes: try $0.bytes(0), fundCurrency: settings.currency) }
        }
    }

    /// The entries of `kinds` dated `from`...`through`, found by entry_index (which `vtf verify`
    /// checks against the bytes); each is read whole and its own date checked again.
    func entries(ofKinds kinds: [EntryKind], from: LedgerDate, through: LedgerDate) throws -> [EntryBody] {
        try read {
            guard let settings = try settings(), !kinds.isEmpty else { return [] }
            let rows = try session.rows("""
                SELECT j.body FROM entry_index e JOIN journal j ON j.seq = e.seq
                WHERE e.date >= $1 AND e.date <= $2 AND e.kind IN (\(Self.placeholders(kinds.count, from: 3))) ORDER BY e.seq
                """, [.text(from.description), .text(through.description)] + kinds.map { .text($0.rawValue) })
            return try rows.map { try EntryBody(storedBytes: try $0.bytes(0), fundCurrency: settings.currency) }
                .filter { $0.date >= from && $0.date <= through }
        }
    }

    func entries(posting account: AccountCode, from: LedgerDate, through: LedgerDate) throws -> [MovingEntry] {
        try read {
            guard let settings = try settings() else { return [] }
            return try movingEntries(account, from: from, through: through, settings: settings, reversingOnly: false)
        }
    }

    /// The moving entries of `entries(posting:from:through:)`; with `reversingOnly`, only those
    /// that reverse an earlier entry. Inside a read.
    func movingEntries(
        _ account: AccountCode, from: LedgerDate, through: LedgerDate, settings: LedgerSettings, reversingOnly: Bool
    ) throws -> [MovingEntry] {
        var reverses: [UInt64: UInt64] = [:]
        for (target, reversal) in try reversals() { reverses[reversal] = target }
        func parse(_ bytes: [UInt8]) throws -> EntryBody {
            try EntryBody(storedBytes: bytes, fundCurrency: settings.currency)
        }
        func body(_ seq: UInt64) throws -> EntryBody {
            guard let row = try session.row("SELECT body FROM journal WHERE seq = $1", [.seq(seq)]) else {
                throw StoreError(.damaged, "entry \(seq) has postings but no journal row: run vtf verify")
            }
            return try parse(try row.bytes(0))
        }
        let reversing = reversingOnly ? "AND seq IN (SELECT reversal_seq FROM reversals WHERE target_seq < reversal_seq)" : ""
        let rows = try session.rows("""
            SELECT seq, body FROM journal WHERE seq IN (
                SELECT seq FROM postings
                WHERE (account = $1 OR starts_with(account, $1 || '.')) AND date >= $2 AND date <= $3)
            \(reversing)
            ORDER BY seq
            """, [.text(account.rawValue), .text(from.description), .text(through.description)])
        return try rows.map { row in
            var chain = [try parse(try row.bytes(1))]
            var current = try row.natural(0)
            while let target = reverses[current], target < current {
                chain.append(try body(target))
                current = target
            }
            return MovingEntry(chain: chain)
        }
    }

    func exportLines(_ seqs: Range<UInt64>) throws -> [[UInt8]] {
        try read {
            let rows = try session.rows(
                "SELECT seq, body, sig FROM journal WHERE seq >= $1 AND seq < $2 ORDER BY seq", [.seq(seqs.lowerBound), .seq(seqs.upperBound)])
            var lines: [[UInt8]] = []
            var expected = seqs.lowerBound
            for row in rows {
                guard try row.natural(0) == expected else {
                    throw StoreError(.damaged, "entry \(expected) is missing from the journal; run vtf verify")
                }
                lines.append(try JournalRows.exportLine(seq: expected, body: try row.bytes(1), signature: try row.bytes(2)))
                expected += 1
            }
            guard expected == seqs.upperBound else {
                throw StoreError(.notFound, "the journal holds no entry \(expected) (it ends before \(seqs.upperBound))")
            }
            return lines
        }
    }

    func reversals() throws -> [UInt64: UInt64] {
        try read {
            var reversals: [UInt64: UInt64] = [:]
            for row in try session.rows("SELECT target_seq, reversal_seq FROM reversals") { reversals[try row.natural(0)] = try row.natural(1) }
            return reversals
        }
    }

    func reversedEntries() throws -> Set<UInt64> { Set(try reversals().keys) }

    func localSetting(_ name: String) throws -> String? {
        try read { try session.row("SELECT value FROM local_config WHERE name = $1", [.text(name)])?.text(0) }
    }

    func setLocalSetting(_ name: String, _ value: String) throws {
        try session.transaction("BEGIN") {
            try session.execute(
                "INSERT INTO local_config (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [.text(name), .text(value)])
        }
    }
}
