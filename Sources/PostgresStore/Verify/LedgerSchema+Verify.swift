import CanonicalJSON
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import TransparencyLog

extension LedgerSchema {
    /// Replays the journal (signatures, chain, rules, stored checkpoints) and compares every
    /// derived table with the replay, then checks every stored cosignature; `collecting` lists
    /// every difference in the postings and Merkle nodes instead of stopping at the first.
    func verify(threads: Int, collecting: Bool, progress: ((UInt64) -> Void)?) throws -> StoreVerification {
        try read {
            let (verification, keys) = try replay(threads: threads, collecting: collecting, checksSignatures: true, progress: progress)
            return StoreVerification(
                entryCount: verification.entryCount, root: verification.root,
                differences: verification.differences + (try cosignatureProblems(keys: keys)))
        }
    }

    /// The replay behind verify and `CheckedJournal` (with `checksSignatures` false, entry
    /// signatures are skipped and only the latest checkpoint is checked); also returns the
    /// journal's keys. The same checks as the SQLite store's, over the same derived content.
    func replay(
        threads: Int, collecting: Bool, checksSignatures: Bool, progress: ((UInt64) -> Void)?
    ) throws -> (StoreVerification, [KeyState]) {
        try read {
            let reader = PostgresJournalReader(session: session)
            let checkpoints: SignedCheckpoints?
            do { checkpoints = try checkpointChecker(latestOnly: !checksSignatures) } catch let violation as RuleViolation {
                throw VerificationFailure(seq: 0, .checkpoint, reason: "cannot check the checkpoints: \(violation.message)", ruleCode: violation.code)
            } catch let error as JSONParseError {
                throw VerificationFailure(seq: 0, .checkpoint, reason: "not JSON: \(error)")
            }
            let observer = PostgresDerivedComparison(session: session, reader: reader, collecting: collecting)
            let verifier = JournalVerifier(rules: rules, threads: threads, checksSignatures: checksSignatures)
            let report = try verifier.verify(
                reader, checkpoints: checkpoints, observer: observer, refs: JournalRefIndex(repeated: Set(try session.rows(JournalRefIndex.query).map { try $0.natural(0) })), progress: progress)
            if let last = try session.row("SELECT MAX(size) FROM checkpoints")?.optionalNatural(0), last < report.entryCount {
                throw VerificationFailure(seq: last, .checkpoint, reason: "entries \(last)…\(report.entryCount - 1) are not covered by any signed checkpoint (added outside vtf?)")
            }
            var differences = observer.findings.listed + (try derivedTables()).differences(from: report.snapshot)
            differences += DerivedTables.treeDifferences(frontier: { try frontier() }, entryCount: report.entryCount, root: report.root)
            if try session.row("SELECT COUNT(*) FROM postings")?.natural(0) != UInt64(observer.postingCount) {
                differences.append("postings table: it has rows for entries the journal does not have")
            }
            if try session.row("SELECT COUNT(*) FROM entry_index")?.natural(0) != report.entryCount {
                differences.append("entry_index table: it has rows for entries the journal does not have")
            }
            if try session.row("SELECT COUNT(*) FROM merkle_nodes")?.natural(0) != UInt64(observer.nodeCount) {
                differences.append("merkle_nodes table: it has nodes the journal does not imply")
            }
            return (StoreVerification(entryCount: report.entryCount, root: report.root, differences: differences), Array(report.snapshot.keys.values))
        }
    }

    /// The stored checkpoints, a page at a time in size order, checked against the log key of
    /// the genesis entry (read from the journal itself).
    func checkpointChecker(latestOnly: Bool) throws -> SignedCheckpoints? {
        guard let verifier = try logVerifier() else { return nil }
        let session = session
        func stored(_ row: SQLRow) throws -> StoredCheckpoint {
            StoredCheckpoint(filedSize: try row.natural(0), note: try row.text(2), filedRoot: try row.bytes(1))
        }
        return try SignedCheckpoints(logVerifier: verifier) { size in
            if latestOnly {
                guard size == nil else { return [] }
                return try session.rows("SELECT size, root, note FROM checkpoints ORDER BY size DESC LIMIT 1").map(stored)
            }
            return try session.rows(
                "SELECT size, root, note FROM checkpoints WHERE size > $1 ORDER BY size LIMIT 4096", [.seq(size ?? 0)]
            ).map(stored)
        }
    }

    /// The cosignature rows that do not hold, one sentence each, naming the row.
    func cosignatureProblems(keys: [KeyState]) throws -> [String] {
        var problems: [String] = []
        var noteText: (size: UInt64, text: String?) = (0, nil)
        for row in try session.rows("SELECT size, name, key_id, line FROM cosignatures ORDER BY size, name, key_id") {
            let size = try row.natural(0)
            let (name, keyID, line) = (try row.text(1), try row.text(2), try row.text(3))
            let at = "cosignatures table: the row for the checkpoint of size \(size) by \(name) (key id \(keyID))"
            if noteText.size != size {
                let note = try session.row("SELECT note FROM checkpoints WHERE size = $1", [.seq(size)])?.text(0)
                noteText = (size, note.flatMap { try? SignedNote.parse($0).text })
            }
            guard let text = noteText.text else {
                problems.append("\(at): there is no signed checkpoint of that size")
                continue
            }
            if let problem = JournalRows.cosignatureProblem(line: line, name: name, keyID: keyID, checkpointText: text, size: size, keys: keys) {
                problems.append("\(at): \(problem)")
            }
        }
        return problems
    }
}

/// Reads the journal table in seq order, a batch per query, and remembers the stored copies of
/// kind, ref and leaf hash of the batch so they can be compared with the entry bytes.
final class PostgresJournalReader: JournalReader {
    let session: PostgresSession
    var columns: [(seq: UInt64, kind: String, ref: String?, leafHash: [UInt8], indexed: String?)] = []
    var columnsStart: UInt64 = 0

    init(session: PostgresSession) { self.session = session }

    func readEntries(from start: UInt64, limit: Int) throws -> [RawEntry] {
        columns.removeAll(keepingCapacity: true)
        columnsStart = start
        var position = start
        let rows = try session.rows(
            "SELECT seq, kind, ref, body, sig, leaf_hash FROM journal WHERE seq >= $1 ORDER BY seq LIMIT $2", [.seq(start), .int(Int64(limit))])
        let indexed = try storedIndex(from: start, through: try rows.last?.natural(0) ?? start)
        return try rows.map { row in
            let seq = try row.natural(0)
            columns.append((seq, try row.text(1), try row.optionalText(2), try row.bytes(5), indexed[seq]))
            defer { position += 1 }
            return RawEntry(bodyBytes: try row.bytes(3), signature: try row.bytes(4), position: position)
        }
    }

    /// The entry_index rows of the entries `start`...`last`, by seq, as "date kind accounts".
    private func storedIndex(from start: UInt64, through last: UInt64) throws -> [UInt64: String] {
        var rows: [UInt64: String] = [:]
        for row in try session.rows(
            "SELECT seq, date, kind, accounts FROM entry_index WHERE seq >= $1 AND seq <= $2", [.seq(start), .seq(last)])
        {
            rows[try row.natural(0)] = "\(try row.text(1)) \(try row.text(2)) \(try row.text(3))"
        }
        return rows
    }

    func readEntry(at seq: UInt64) throws -> RawEntry? {
        guard let key = Int64(exactly: seq), let row = try session.row("SELECT body, sig FROM journal WHERE seq = $1", [.int(key)]) else {
            return nil
        }
        return RawEntry(bodyBytes: try row.bytes(0), signature: try row.bytes(1), position: seq)
    }
}

/// Compares the postings and Merkle node tables with each verified batch, one range query each.
final class PostgresDerivedComparison: VerificationObserver {
    let session: PostgresSession
    let reader: PostgresJournalReader
    let collecting: Bool
    private var expected: [(seq: UInt64, line: Int, date: String, posting: Posting)] = []
    private var batchStart: UInt64 = 0
    private(set) var postingCount = 0
    private var expectedNodes: [(level: Int, index: UInt64, hash: SHA256Digest)] = []
    private(set) var nodeCount = 0
    private(set) var findings: DerivedFindings

    init(session: PostgresSession, reader: PostgresJournalReader, collecting: Bool) {
        self.session = session
        self.reader = reader
        self.collecting = collecting
        findings = DerivedFindings(collecting: collecting)
    }

    func accepted(_ entry: EntryBody, raw: RawEntry, leafHash: SHA256Digest) throws {
        let offset = Int(raw.position) - Int(reader.columnsStart)
        if offset >= 0, offset < reader.columns.count {
            let stored = reader.columns[offset]
            guard stored.seq == entry.seq, stored.kind == entry.kind.rawValue, stored.ref == entry.ref, stored.leafHash == leafHash.bytes else {
                throw RuleViolation(.damagedState, "the journal row's seq, kind, ref or leaf_hash column differs from the entry bytes")
            }
            let indexed = LedgerSchema.indexedRow(entry)
            if stored.indexed != indexed {
                try findings.found(VerificationFailure(seq: entry.seq, .derivedTables, reason: "entry_index table: the entry's row \(stored.indexed.map { "says \($0)" } ?? "is missing"), the entry is \(indexed)"))
            }
        }
        let date = entry.date.description
        for (line, posting) in entry.postings.enumerated() { expected.append((entry.seq, line, date, posting)) }
        postingCount += entry.postings.count
    }

    func batchEnded(size: UInt64) throws {
        let split = expected.firstIndex { $0.seq >= size } ?? expected.count
        let want = Array(expected[..<split])
        defer {
            expected.removeFirst(split)
            batchStart = size
        }
        let rows = try session.rows(
            "SELECT seq, line, date, account, currency, amount, value FROM postings WHERE seq >= $1 AND seq < $2 ORDER BY seq, line",
            [.seq(batchStart), .seq(size)])
        for (index, row) in rows.enumerated() {
            guard index < want.count else {
                try findings.extraPosting(seq: try row.natural(0))
                continue
            }
            let line = want[index]
            let matches = try row.natural(0) == line.seq && row.int(1) == Int64(line.line) && row.text(2) == line.date
                && row.text(3) == line.posting.account.rawValue && row.text(4) == line.posting.amount.currency.code
                && row.int(5) == line.posting.amount.minorUnits && row.int(6) == line.posting.value.minorUnits
            if !matches {
                try findings.differentPosting(seq: line.seq, line: line.line, line.posting)
            }
        }
        for missing in want[min(rows.count, want.count)...] {
            try findings.missingPosting(seq: missing.seq, line: missing.line)
        }
        try compareNodes(below: size)
    }

    func completedNode(level: Int, index: UInt64, hash: SHA256Digest) { expectedNodes.append((level, index, hash)) }

    private func compareNodes(below size: UInt64) throws {
        let split = expectedNodes.firstIndex { (($0.index + 1) << UInt64($0.level)) > size } ?? expectedNodes.count
        let nodes = expectedNodes[..<split]
        defer { expectedNodes.removeFirst(split) }
        for level in Set(nodes.map(\.level)).sorted() {
            let wanted = nodes.filter { $0.level == level }
            guard let first = wanted.first?.index, let last = wanted.last?.index else { continue }
            var stored: [UInt64: [UInt8]] = [:]
            for row in try session.rows(
                "SELECT idx, hash FROM merkle_nodes WHERE level = $1 AND idx >= $2 AND idx <= $3", [.int(Int64(level)), .seq(first), .seq(last)])
            {
                stored[try row.natural(0)] = try row.bytes(1)
            }
            for node in wanted where stored[node.index] != node.hash.bytes {
                try findings.differentNode(level: node.level, index: node.index, missing: stored[node.index] == nil)
            }
        }
        nodeCount += nodes.count
    }
}
