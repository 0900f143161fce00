import Foundation
import GRDB
import LedgerCore
import LedgerJournal
import TransparencyLog
import LedgerStore
@testable import SQLiteStore
import Testing

/// Counts how many times an import asked for its drafts (1: the check, 2: the commit).
private final class PassCounter: @unchecked Sendable {
    var passes = 0
}

@Suite("An import's locks and atomicity")
struct ImportLockTests {
    /// A colleague's post made while the import is being checked goes through at once, and
    /// comes before the import's entries: the check holds no write lock. (With the lock held,
    /// the post would wait for the busy timeout and fail.)
    @Test func postDuringTheCheckCompletesBeforeTheImportCommits() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        let drafts = (1...20).map { StoreFixture.voucher(Int64($0), ref: "I-\($0)") }
        let counter = PassCounter()
        var postedSeq: UInt64?
        let seqs = try file.appendBulk({
            counter.passes += 1
            guard counter.passes == 1 else { return ScriptedSource(drafts: drafts) }
            return ScriptedSource(drafts: drafts, onItem: [10: {
                let colleague = try fixture.open()
                postedSeq = try colleague.append([StoreFixture.voucher(7, ref: "P-1")], keys: StoreFixture.aliceKeys).first?.body.seq
            }])
        }, keys: StoreFixture.aliceKeys, batchSize: 7)
        #expect(seqs == 5..<25, "the import's seqs follow the colleague's post")
        #expect(postedSeq == 4, "the post was recorded while the import was being checked, before its commit")
        #expect(try file.entry(at: 4)?.body.ref == "P-1")
        #expect(try file.entry(at: 5)?.body.ref == "I-1")
        let result = try file.verify()
        #expect(result.entryCount == 25 && result.differences.isEmpty)
    }

    /// Two imports sharing a ref: the one that commits second is refused as a whole, and the
    /// ledger is exactly as the first left it.
    @Test func secondImportSharingARefRecordsNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        let first = (1...10).map { StoreFixture.voucher(Int64($0), ref: "A-\($0)") } + [StoreFixture.voucher(99, ref: "SHARED")]
        let second = (1...5).map { StoreFixture.voucher(Int64($0), ref: "B-\($0)") } + [StoreFixture.voucher(98, ref: "SHARED")]
        let counter = PassCounter()
        var afterOther: [Data] = []
        #expect(throws: RuleViolation.self) {
            try file.appendBulk({
                counter.passes += 1
                guard counter.passes == 1 else { return ScriptedSource(drafts: first) }
                return ScriptedSource(drafts: first, onItem: [5: {
                    let other = try fixture.open()
                    _ = try other.appendBulk({ ScriptedSource(drafts: second) }, keys: StoreFixture.aliceKeys, batchSize: 2)
                    afterOther = try fixture.bytes()
                }])
            }, keys: StoreFixture.aliceKeys, batchSize: 4)
        }
        #expect(try file.entryCount() == 4 + 6)
        #expect(try file.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM journal WHERE ref LIKE 'A-%'") } == 0)
        #expect(try fixture.bytes() == afterOther, "the refused import wrote nothing")
        #expect(try file.verify().differences.isEmpty)
    }

    /// A draft refused only when committing (here: a colleague recorded its ref while the
    /// import was being checked, so the commit checks every draft again) leaves nothing of the
    /// import behind, not the batches before it.
    @Test func failureAtTheLastEntryWritesNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        let drafts = (1...30).map { StoreFixture.voucher(Int64($0), ref: "L-\($0)") }
        let counter = PassCounter()
        var afterColleague: [Data] = []
        #expect(throws: RuleViolation.self) {
            try file.appendBulk({
                counter.passes += 1
                guard counter.passes == 1 else { return ScriptedSource(drafts: drafts) }
                return ScriptedSource(drafts: drafts, onItem: [3: {
                    let colleague = try fixture.open()
                    try colleague.append([StoreFixture.voucher(7, ref: "L-30")], keys: StoreFixture.aliceKeys)
                    afterColleague = try fixture.bytes()
                }])
            }, keys: StoreFixture.aliceKeys, batchSize: 7, threads: 2)
        }
        #expect(counter.passes == 2, "the tip moved: the commit read the input again")
        #expect(try file.entryCount() == 5)
        #expect(try fixture.bytes() == afterColleague, "the refused import wrote nothing")
    }

    /// When no other writer moved the tip, the commit writes the drafts as the check accepted
    /// them: the input is read once, and the journal is byte for byte the one a commit that
    /// reads and checks everything again writes.
    @Test func unchangedTipReadsTheInputOnce() throws {
        let drafts = (1...23).map { StoreFixture.voucher(Int64($0), ref: $0 % 2 == 0 ? "O-\($0)" : nil) }
        var journals: [[Row]] = []
        var derived: [[Row]] = []
        let time = "2026-03-02T10:00:00Z"
        for keep in [LedgerFile.checkedDraftsKept, 0] {
            let fixture = try RecordingTime.$override.withValue(time) { try StoreFixture() }
            defer { fixture.remove() }
            let file = try fixture.open()
            let counter = PassCounter()
            let seqs = try RecordingTime.$override.withValue(time) {
                try file.appendBulk({
                    counter.passes += 1
                    return ScriptedSource(drafts: drafts)
                }, keys: StoreFixture.aliceKeys, batchSize: 5, threads: 2, progress: nil, keepChecked: keep)
            }
            #expect(seqs == 4..<27)
            #expect(counter.passes == (keep == 0 ? 2 : 1))
            #expect(try file.verify().differences.isEmpty)
            journals.append(try file.read { try Row.fetchAll($0, sql: "SELECT seq, kind, ref, body, sig, leaf_hash FROM journal ORDER BY seq") })
            derived.append(try file.read { try Row.fetchAll($0, sql: "SELECT * FROM postings ORDER BY seq, line") + Row.fetchAll($0, sql: "SELECT * FROM balances ORDER BY account, currency") })
        }
        #expect(journals[0].count == 27)
        #expect(journals[0] == journals[1], "the same signed bytes either way")
        #expect(derived[0] == derived[1])
    }

    /// A check that keeps only some drafts (a long import) keeps none: the commit reads and
    /// checks the whole input again.
    @Test func longImportIsReadTwice() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        let drafts = (1...12).map { StoreFixture.voucher(Int64($0)) }
        let counter = PassCounter()
        let seqs = try file.appendBulk({
            counter.passes += 1
            return ScriptedSource(drafts: drafts)
        }, keys: StoreFixture.aliceKeys, batchSize: 5, threads: 1, progress: nil, keepChecked: 10)
        #expect(seqs == 4..<16)
        #expect(counter.passes == 2)
        #expect(try file.verify().differences.isEmpty)
    }
}
