import TransparencyLog
import CanonicalJSON
import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore

extension Array {
    /// The first index whose element satisfies `belongsToSecondPart`, for an array already
    /// partitioned (all elements that do not satisfy it come first).
    func partitioningIndex(where belongsToSecondPart: (Element) -> Bool) -> Int {
        firstIndex(where: belongsToSecondPart) ?? count
    }
}

extension LedgerFile {
    /// Replays the whole journal through `JournalVerifier` (signatures, chain, rules, stored
    /// checkpoints) and compares every derived table with the replay; then checks every stored
    /// cosignature against the auditor keys the journal registered. Throws
    /// `VerificationFailure` for the first bad entry.
    public func verify(threads: Int = Parallel.coreCount, progress: ((UInt64) -> Void)? = nil) throws -> StoreVerification {
        try verify(threads: threads, collecting: false, progress: progress)
    }

    /// `vtf reconcile ledger`: the same single streaming pass (the journal replayed, every
    /// derived table rebuilt in memory and compared with the stored one), but every difference
    /// in the postings and Merkle node tables is listed instead of stopping at the first.
    /// A broken chain, signature or rule still stops it (`VerificationFailure`).
    public func reconcileDerived(threads: Int = Parallel.coreCount, progress: ((UInt64) -> Void)? = nil) throws -> StoreVerification {
        try verify(threads: threads, collecting: true, progress: progress)
    }

    func verify(threads: Int, collecting: Bool, progress: ((UInt64) -> Void)?) throws -> StoreVerification {
        let (verification, keys) = try replay(threads: threads, collecting: collecting, checksSignatures: true, progress: progress)
        let cosignatures = try read { db in try CosignatureTable.problems(db, keys: keys) }
        return StoreVerification(
            entryCount: verification.entryCount, root: verification.root, differences: verification.differences + cosignatures)
    }

    /// The replay behind ``verify(threads:progress:)`` and ``CheckedJournal``: with
    /// `checksSignatures` false, entry signatures are skipped (leaf hashes, the chain, the rules,
    /// the signed checkpoints and every derived table are still checked). Also returns the
    /// journal's keys, for checking cosignatures.
    func replay(
        threads: Int, collecting: Bool, checksSignatures: Bool, progress: ((UInt64) -> Void)?
    ) throws -> (StoreVerification, [KeyState]) {
        try read { db in
            let reader = JournalTableReader(db: db)
            let checkpoints: SignedCheckpoints?
            do { checkpoints = try CheckpointTable.checker(db, latestOnly: !checksSignatures) } catch let violation as RuleViolation {
                throw VerificationFailure(seq: 0, .checkpoint, reason: "cannot check the checkpoints: \(violation.message)", ruleCode: violation.code)
            } catch let error as JSONParseError {
                throw VerificationFailure(seq: 0, .checkpoint, reason: "not JSON: \(error)")
            }
            let observer = PostingsComparison(db: db, reader: reader, collecting: collecting)
            let verifier = JournalVerifier(rules: rules, threads: threads, checksSignatures: checksSignatures)
            let report = try verifier.verify(
                reader, checkpoints: checkpoints, observer: observer, refs: try JournalRefIndex(db: db), progress: progress)
            if let last = try Int64.fetchOne(db, sql: "SELECT MAX(size) FROM checkpoints"), UInt64(clamping: last) < report.entryCount {
                throw VerificationFailure(seq: UInt64(clamping: last), .checkpoint, reason: "entries \(last)…\(report.entryCount - 1) are not covered by any signed checkpoint (added outside vtf?)")
            }
            var differences = observer.findings.listed + (try DerivedComparison.compare(report.snapshot, db: db))
            differences += try DerivedComparison.compareTree(report, db: db)
            if try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM postings") != Int64(observer.postingCount) {
                differences.append("postings table: it has rows for entries the journal does not have")
            }
            if try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM merkle_nodes") != Int64(observer.nodeCount) {
                differences.append("merkle_nodes table: it has nodes the journal does not imply")
            }
            return (StoreVerification(entryCount: report.entryCount, root: report.root, differences: differences), Array(report.snapshot.keys.values))
        }
    }
}

/// Reads the journal table in seq order, and remembers the stored copies of kind, ref and leaf
/// hash of the current batch so they can be compared with the entry bytes.
final class JournalTableReader: JournalReader {
    let db: Database
    /// The stored columns of the batch last read, from position `columnsStart` on.
    var columns: [(seq: Int64, kind: String, ref: String?, leafHash: [UInt8])] = []
    var columnsStart: UInt64 = 0

    init(db: Database) { self.db = db }

    func readEntries(from start: UInt64, limit: Int) throws -> [RawEntry] {
        columns.removeAll(keepingCapacity: true)
        columnsStart = start
        var entries: [RawEntry] = []
        entries.reserveCapacity(limit)
        // SQLite's own stepping and column calls: each blob is copied once, from its buffer.
        let query = try PreparedStatement(db, sql: "SELECT seq, kind, ref, body, sig, leaf_hash FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?")
        query.bind(1, Int64(clamping: start))
        query.bind(2, Int64(limit))
        var position = start
        while try query.nextRow() {
            columns.append((query.int64(0), query.text(1) ?? "", query.text(2), query.bytes(5)))
            entries.append(RawEntry(bodyBytes: query.bytes(3), signature: query.bytes(4), position: position))
            position += 1
        }
        return entries
    }

    func readEntry(at seq: UInt64) throws -> RawEntry? {
        // A seq beyond Int64 (a user's number) is no entry, not a trap.
        guard let key = Int64(exactly: seq),
            let row = try Row.fetchOne(db, sql: "SELECT body, sig FROM journal WHERE seq = ?", arguments: [key])
        else {
            return nil
        }
        let body: Data = (try row.decode(atIndex: 0))
        let sig: Data = (try row.decode(atIndex: 1))
        return RawEntry(bodyBytes: [UInt8](body), signature: [UInt8](sig), position: seq)
    }
}

/// The stored checkpoints, read a page at a time in size order, checked against the log key of
/// the genesis entry (read from the journal itself, not from the keys table). The table's root
/// column must equal the note's root.
enum CheckpointTable {
    /// - Parameter latestOnly: check only the latest checkpoint (a checked read: its signed root
    ///   binds every entry before it), not every one stored.
    static func checker(_ db: Database, latestOnly: Bool = false) throws -> SignedCheckpoints? {
        guard let verifier = try logVerifier(db) else { return nil }
        return try SignedCheckpoints(logVerifier: verifier) { size in
            if latestOnly {
                guard size == nil else { return [] }
                return try Row.fetchAll(db, sql: "SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1").map(stored)
            }
            return try Row.fetchAll(
                db, sql: "SELECT size, root, note FROM checkpoints WHERE size > ? ORDER BY size LIMIT 4096",
                arguments: [Int64(size ?? 0)]
            ).map(stored)
        }
    }

    /// A row of (size, root, note).
    static func stored(_ row: Row) throws -> StoredCheckpoint {
        let root: Data = (try row.decode(atIndex: 1))
        return StoredCheckpoint(filedSize: (try row.decode(atIndex: 0)), note: (try row.decode(atIndex: 2)), filedRoot: [UInt8](root))
    }

    /// The log key named by the genesis entry, as a note verifier; nil for an empty journal.
    static func logVerifier(_ db: Database) throws -> NoteVerifier? {
        guard let bytes = try Data.fetchOne(db, sql: "SELECT body FROM journal WHERE seq = 0") else { return nil }
        return try JournalRows.logVerifier(genesis: [UInt8](bytes))
    }
}

/// Compares the postings table with the postings of each verified batch.
final class PostingsComparison: VerificationObserver {
    let db: Database
    let reader: JournalTableReader
    private var expected: [(seq: UInt64, line: Int, date: [UInt8], posting: Posting)] = []
    private var batchStart: UInt64 = 0
    private(set) var postingCount = 0
    private var expectedNodes: [(level: Int, index: UInt64, hash: SHA256Digest)] = []
    private(set) var nodeCount = 0
    /// When collecting, differences are listed here instead of thrown.
    let collecting: Bool
    private(set) var findings: DerivedFindings
    /// The last entry's date and its text (consecutive entries mostly share a date).
    private var lastDate: (date: LedgerDate?, bytes: [UInt8]) = (nil, [])

    init(db: Database, reader: JournalTableReader, collecting: Bool = false) {
        self.db = db
        self.reader = reader
        self.collecting = collecting
        findings = DerivedFindings(collecting: collecting)
    }

    func accepted(_ entry: EntryBody, raw: RawEntry, leafHash: SHA256Digest) throws {
        let offset = Int(raw.position) - Int(reader.columnsStart)
        if offset >= 0, offset < reader.columns.count {
            let stored = reader.columns[offset]
            guard stored.seq == Int64(entry.seq), stored.kind == entry.kind.rawValue, stored.ref == entry.ref,
                stored.leafHash == leafHash.bytes
            else {
                throw RuleViolation(.damagedState, "the journal row's seq, kind, ref or leaf_hash column differs from the entry bytes")
            }
        }
        if entry.date != lastDate.date { lastDate = (entry.date, Array(entry.date.description.utf8)) }
        let date = lastDate.bytes
        for (line, posting) in entry.postings.enumerated() {
            expected.append((entry.seq, line, date, posting))
        }
        postingCount += entry.postings.count
    }

    /// Compares the postings of entries below `size` (the verifier may already have replayed
    /// the next batch, whose postings stay for the next call).
    func batchEnded(size: UInt64) throws {
        let split = expected.partitioningIndex { $0.seq >= size }
        let expected = Array(self.expected[..<split])
        defer {
            self.expected.removeFirst(split)
            batchStart = size
        }
        // Text columns are compared as bytes in SQLite's own buffers: no string per row.
        let rows = try PreparedStatement(db, sql: """
            SELECT seq, line, date, account, currency, amount, value FROM postings
            WHERE seq >= ? AND seq < ? ORDER BY seq, line
            """)
        rows.bind(1, Int64(clamping: batchStart))
        rows.bind(2, Int64(clamping: size))
        defer { rows.reset() }
        var index = 0
        while try rows.nextRow() {
            guard index < expected.count else {
                try findings.extraPosting(seq: UInt64(clamping: rows.int64(0)))
                continue
            }
            let want = expected[index]
            let matches = rows.int64(0) == Int64(clamping: want.seq) && rows.int64(1) == Int64(want.line)
                && rows.column(2, equals: want.date)
                && rows.column(3, equals: want.posting.account.rawValue)
                && rows.column(4, equals: want.posting.amount.currency.code)
                && rows.int64(5) == want.posting.amount.minorUnits && rows.int64(6) == want.posting.value.minorUnits
            if !matches {
                try findings.differentPosting(seq: want.seq, line: want.line, want.posting)
            }
            index += 1
        }
        for missing in expected[min(index, expected.count)...] {
            try findings.missingPosting(seq: missing.seq, line: missing.line)
        }
        try compareNodes(below: size)
    }

    /// Collects the nodes the verifier's replay completes, for ``compareNodes(below:)``.
    func completedNode(level: Int, index: UInt64, hash: SHA256Digest) {
        expectedNodes.append((level, index, hash))
    }

    /// Compares the interior Merkle nodes completed by entries below `size` with `merkle_nodes`.
    func compareNodes(below size: UInt64) throws {
        let split = expectedNodes.partitioningIndex { (($0.index + 1) << UInt64($0.level)) > size }
        let nodes = expectedNodes[..<split]
        defer { expectedNodes.removeFirst(split) }
        // One range read per level: the nodes a batch completes are consecutive on each level.
        let range = try PreparedStatement(db, sql: "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? AND idx <= ? ORDER BY idx")
        defer { range.reset() }
        for level in Set(nodes.map(\.level)).sorted() {
            let wanted = nodes.filter { $0.level == level }
            guard let first = wanted.first?.index, let last = wanted.last?.index else { continue }
            range.bind(1, Int64(level))
            range.bind(2, Int64(clamping: first))
            range.bind(3, Int64(clamping: last))
            // Per wanted node: nil when no stored row holds its index at its position, else
            // whether the stored hash is the replay's.
            var stored = [Bool?](repeating: nil, count: wanted.count)
            var rowCount = 0
            while try range.nextRow() {
                if rowCount < wanted.count, range.int64(0) == Int64(clamping: wanted[rowCount].index) {
                    stored[rowCount] = range.column(1, equals: wanted[rowCount].hash.bytes)
                }
                rowCount += 1
            }
            for (node, same) in zip(wanted, stored) where same != true || rowCount != wanted.count {
                try findings.differentNode(level: node.level, index: node.index, missing: same == nil)
            }
        }
        nodeCount += nodes.count
    }
}
