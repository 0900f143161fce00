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
            let observer = PostgresDerivedComparison(session: session, collecting: collecting)
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

/// Reads the journal table in seq order, a batch per query: the signed bytes and signatures
/// (the journal's other columns are compared by digest, ``DerivedDigests``).
final class PostgresJournalReader: JournalReader {
    let session: PostgresSession

    init(session: PostgresSession) { self.session = session }

    func readEntries(from start: UInt64, limit: Int) throws -> [RawEntry] {
        var position = start
        let rows = try session.rows("SELECT body, sig FROM journal WHERE seq >= $1 ORDER BY seq LIMIT $2", [.seq(start), .int(Int64(limit))])
        return try rows.map { row in
            defer { position += 1 }
            return RawEntry(bodyBytes: try row.bytes(0), signature: try row.bytes(1), position: position)
        }
    }

    func readEntry(at seq: UInt64) throws -> RawEntry? {
        guard let key = Int64(exactly: seq), let row = try session.row("SELECT body, sig FROM journal WHERE seq = $1", [.int(key)]) else {
            return nil
        }
        return RawEntry(bodyBytes: try row.bytes(0), signature: try row.bytes(1), position: seq)
    }
}

/// Compares the postings, entry_index and Merkle node tables with each verified batch: one
/// query of the server's digests of the batch's rows (``DerivedDigests``), and the rows one by
/// one only for a table whose digest is not the replay's.
final class PostgresDerivedComparison: VerificationObserver {
    let session: PostgresSession
    let collecting: Bool
    private var expected: [(seq: UInt64, line: Int, date: String, posting: Posting)] = []
    private var expectedIndex: [(seq: UInt64, date: String, kind: String, accounts: String)] = []
    private var expectedJournal: [(seq: UInt64, kind: String, ref: String?, leafHash: SHA256Digest)] = []
    private var batchStart: UInt64 = 0
    private(set) var postingCount = 0
    private var expectedNodes: [(level: Int, index: UInt64, hash: SHA256Digest)] = []
    private(set) var nodeCount = 0
    private(set) var findings: DerivedFindings
    /// How many times a table's rows were read one by one because its digest differed.
    private(set) var rowByRowReads = 0
    /// The last entry's date and its text (consecutive entries mostly share a date).
    private var lastDate: (date: LedgerDate?, text: String) = (nil, "")

    init(session: PostgresSession, collecting: Bool) {
        self.session = session
        self.collecting = collecting
        findings = DerivedFindings(collecting: collecting)
    }

    func accepted(_ entry: EntryBody, raw: RawEntry, leafHash: SHA256Digest) throws {
        expectedJournal.append((entry.seq, entry.kind.rawValue, entry.ref, leafHash))
        if entry.date != lastDate.date { lastDate = (entry.date, entry.date.description) }
        expectedIndex.append((entry.seq, lastDate.text, entry.kind.rawValue, LedgerSchema.indexedAccounts(entry)))
        for (line, posting) in entry.postings.enumerated() { expected.append((entry.seq, line, lastDate.text, posting)) }
        postingCount += entry.postings.count
    }

    func batchEnded(size: UInt64) throws {
        let postingSplit = expected.firstIndex { $0.seq >= size } ?? expected.count
        let indexSplit = expectedIndex.firstIndex { $0.seq >= size } ?? expectedIndex.count
        let nodeSplit = expectedNodes.firstIndex { (($0.index + 1) << UInt64($0.level)) > size } ?? expectedNodes.count
        let postings = Array(expected[..<postingSplit])
        let index = Array(expectedIndex[..<indexSplit])
        let nodes = expectedNodes[..<nodeSplit].sorted { ($0.level, $0.index) < ($1.level, $1.index) }
        defer {
            expected.removeFirst(postingSplit)
            expectedIndex.removeFirst(indexSplit)
            expectedNodes.removeFirst(nodeSplit)
            batchStart = size
        }
        let journalSplit = expectedJournal.firstIndex { $0.seq >= size } ?? expectedJournal.count
        let journal = Array(expectedJournal[..<journalSplit])
        defer { expectedJournal.removeFirst(journalSplit) }
        let stored = try storedDigests(below: size, nodes: nodes)
        if stored.journal != Self.digest(journal) {
            rowByRowReads += 1
            try compareJournal(journal, below: size)
        }
        if stored.postings != Self.digest(postings) {
            rowByRowReads += 1
            try comparePostings(postings, below: size)
        }
        if stored.index != Self.digest(index) {
            rowByRowReads += 1
            try compareIndex(index, below: size)
        }
        if stored.nodes != Self.digest(nodes) {
            rowByRowReads += 1
            try compareNodes(nodes)
        }
        nodeCount += nodes.count
    }

    func completedNode(level: Int, index: UInt64, hash: SHA256Digest) { expectedNodes.append((level, index, hash)) }

    /// The server's digests of the rows of entries `batchStart..<size` and of `nodes`' ranges.
    private func storedDigests(below size: UInt64, nodes: [(level: Int, index: UInt64, hash: SHA256Digest)]) throws -> DerivedDigests {
        var ranges: [(level: Int64, first: Int64, last: Int64)] = []
        for node in nodes {
            if let last = ranges.last, last.level == Int64(node.level) {
                ranges[ranges.count - 1].last = Int64(clamping: node.index)
            } else {
                ranges.append((Int64(node.level), Int64(clamping: node.index), Int64(clamping: node.index)))
            }
        }
        guard let row = try session.row(DerivedDigests.query, [
            .seq(batchStart), .seq(size), .ints(ranges.map(\.level)), .ints(ranges.map(\.first)), .ints(ranges.map(\.last)),
        ]) else {
            throw StoreError(.damaged, "the server gave no digests of the derived tables")
        }
        return DerivedDigests(
            journal: (try row.natural(6), try row.bytes(7)), postings: (try row.natural(0), try row.bytes(1)), index: (try row.natural(2), try row.bytes(3)),
            nodes: (try row.natural(4), try row.bytes(5)))
    }

    static func digest(_ rows: [(seq: UInt64, kind: String, ref: String?, leafHash: SHA256Digest)]) -> (count: UInt64, digest: [UInt8]) {
        DerivedDigests.digest(of: rows) { text, row in
            text.integer(Int64(clamping: row.seq), first: true)
            text.text(row.kind)
            text.optionalText(row.ref)
            text.hex(row.leafHash)
        }
    }

    /// The journal's seq, kind, ref and leaf_hash columns of entries `batchStart..<size`, one by
    /// one: a difference is a failure of the entry (these columns are the store's index of the
    /// signed bytes).
    private func compareJournal(_ want: [(seq: UInt64, kind: String, ref: String?, leafHash: SHA256Digest)], below size: UInt64) throws {
        let rows = try session.rows(
            "SELECT seq, kind, ref, leaf_hash FROM journal WHERE seq >= $1 AND seq < $2 ORDER BY seq", [.seq(batchStart), .seq(size)])
        for (entry, row) in zip(want, rows) {
            guard try row.natural(0) == entry.seq, try row.text(1) == entry.kind, try row.optionalText(2) == entry.ref,
                try row.bytes(3) == entry.leafHash.bytes
            else {
                throw VerificationFailure(
                    seq: entry.seq, .derivedTables, reason: "the journal row's seq, kind, ref or leaf_hash column differs from the entry bytes",
                    ruleCode: .damagedState)
            }
        }
    }

    static func digest(_ postings: [(seq: UInt64, line: Int, date: String, posting: Posting)]) -> (count: UInt64, digest: [UInt8]) {
        DerivedDigests.digest(of: postings) { text, line in
            text.integer(Int64(clamping: line.seq), first: true)
            text.integer(Int64(line.line))
            text.text(line.date)
            text.text(line.posting.account.rawValue)
            text.text(line.posting.amount.currency.code)
            text.integer(line.posting.amount.minorUnits)
            text.integer(line.posting.value.minorUnits)
        }
    }

    static func digest(_ rows: [(seq: UInt64, date: String, kind: String, accounts: String)]) -> (count: UInt64, digest: [UInt8]) {
        DerivedDigests.digest(of: rows) { text, row in
            text.integer(Int64(clamping: row.seq), first: true)
            text.text(row.date)
            text.text(row.kind)
            text.text(row.accounts)
        }
    }

    static func digest(_ nodes: [(level: Int, index: UInt64, hash: SHA256Digest)]) -> (count: UInt64, digest: [UInt8]) {
        DerivedDigests.digest(of: nodes) { text, node in
            text.integer(Int64(node.level), first: true)
            text.integer(Int64(clamping: node.index))
            text.hex(node.hash)
        }
    }

    /// The postings rows of entries `batchStart..<size`, one by one.
    private func comparePostings(_ want: [(seq: UInt64, line: Int, date: String, posting: Posting)], below size: UInt64) throws {
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
    }

    /// The entry_index rows of entries `batchStart..<size`, one by one.
    private func compareIndex(_ want: [(seq: UInt64, date: String, kind: String, accounts: String)], below size: UInt64) throws {
        var stored: [UInt64: String] = [:]
        for row in try session.rows(
            "SELECT seq, date, kind, accounts FROM entry_index WHERE seq >= $1 AND seq < $2", [.seq(batchStart), .seq(size)])
        {
            stored[try row.natural(0)] = "\(try row.text(1)) \(try row.text(2)) \(try row.text(3))"
        }
        for entry in want {
            let indexed = "\(entry.date) \(entry.kind) \(entry.accounts)"
            if stored[entry.seq] != indexed {
                try findings.found(VerificationFailure(seq: entry.seq, .derivedTables, reason: "entry_index table: the entry's row \(stored[entry.seq].map { "says \($0)" } ?? "is missing"), the entry is \(indexed)"))
            }
        }
    }

    /// The Merkle nodes completed in the batch, one by one.
    private func compareNodes(_ nodes: [(level: Int, index: UInt64, hash: SHA256Digest)]) throws {
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
    }
}
