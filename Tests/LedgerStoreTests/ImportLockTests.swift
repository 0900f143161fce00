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

    /// A draft refused only when committing (here: the input changed between the two passes)
    /// leaves nothing of the import behind, not the batches before it.
    @Test func failureAtTheLastEntryWritesNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = try fixture.open()
        let good = (1...30).map { StoreFixture.voucher(Int64($0), ref: "L-\($0)") }
        let bad = Array(good.dropLast()) + [StoreFixture.voucher(5, ref: "L-3")]
        let before = try fixture.bytes()
        let counter = PassCounter()
        #expect(throws: RuleViolation.self) {
            try file.appendBulk({
                counter.passes += 1
                return ScriptedSource(drafts: counter.passes == 1 ? good : bad)
            }, keys: StoreFixture.aliceKeys, batchSize: 7, threads: 2)
        }
        #expect(counter.passes == 2)
        #expect(try file.entryCount() == 4)
        #expect(try fixture.bytes() == before)
    }
}
