import Foundation
import LedgerJournal
import LedgerStore
@testable import PostgresStore
import Testing

/// The bulk path sends each batch's rows without waiting for the server, and checks the next
/// batch meanwhile: a row the server refuses is still reported as itself (not as the aborted
/// transaction it leaves), and rolls back the whole import, whichever batch it is in.
@Suite("The PostgreSQL store's pipelined writes")
struct PostgresPipelinedWriteTests {
    /// A ledger whose postings table refuses (as a CHECK would, SQLSTATE 23514) a posting of
    /// 42.42, through a trigger the test adds as the owner.
    static func ledgerRefusing4242() async throws -> (any StoreUnderTest, PostgresConnectionSettings) {
        let settings = try PostgresStoreTests.server()
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL ledger was made") }
        let session = try PostgresSession.connect(under.settings)
        defer { session.close() }
        try session.execute("""
            CREATE FUNCTION test_refuse_4242() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.amount = 4242 THEN
                    RAISE EXCEPTION 'the test refuses a posting of 42.42' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$
            """)
        try session.execute("CREATE TRIGGER test_refuse_4242 BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION test_refuse_4242()")
        return (made, under.settings)
    }

    @Test(.enabled(if: PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired), arguments: [1, 10, 17])
    func aRowTheServerRefusesInAnyBatchRollsBackTheWholeImport(refusedAt: Int) async throws {
        let (made, _) = try await Self.ledgerRefusing4242()
        defer { made.remove() }
        let store = made.store
        try await store.append([ConformanceLedger.voucher(100, ref: "before")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let before = try await StoreContent(made)
        // 18 drafts in batches of 4: the refused one is in the first, a middle or the last batch.
        let drafts = (0..<18).map { ConformanceLedger.voucher($0 == refusedAt ? 4242 : Int64($0 + 1), ref: "P-\($0)") }
        do {
            _ = try await store.appendBulk({ DraftList(drafts: drafts) }, keys: ConformanceLedger.aliceKeys, batchSize: 4, threads: 2, progress: nil)
            Issue.record("the import was recorded although the server refused a row")
        } catch let error as StoreError {
            #expect(error.message.contains("the test refuses a posting of 42.42"), "\(error.message)")
            #expect(!error.message.contains("current transaction is aborted"), "\(error.message)")
        }
        #expect(try await StoreContent(made) == before)
        // The connection was rolled back, not left in the failed transaction: it writes again.
        let range = try await store.appendBulk(
            { DraftList(drafts: (0..<9).map { ConformanceLedger.voucher(Int64($0 + 1), ref: "Q-\($0)") }) },
            keys: ConformanceLedger.aliceKeys, batchSize: 4, threads: 2, progress: nil)
        #expect(range == (before.entryCount)..<(before.entryCount + 9))
        let verified = try await store.verify(threads: 2)
        #expect(verified.entryCount == before.entryCount + 9 && verified.differences.isEmpty)
        #expect(try await store.reconcileDerived(threads: 1).differences.isEmpty)
    }

    @Test(.enabled(if: PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired))
    func aSingleAppendRefusedByTheServerLeavesNothing() async throws {
        let (made, _) = try await Self.ledgerRefusing4242()
        defer { made.remove() }
        let store = made.store
        let before = try await StoreContent(made)
        await #expect(throws: StoreError.self) {
            try await store.append(
                [ConformanceLedger.voucher(7, ref: "S1"), ConformanceLedger.voucher(4242, ref: "S2")], keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        #expect(try await StoreContent(made) == before)
        let written = try await store.append([ConformanceLedger.voucher(8, ref: "S3")], keys: ConformanceLedger.aliceKeys, origin: nil)
        #expect(written.map(\.body.seq) == [before.entryCount])
        #expect(try await store.verify(threads: 1).differences.isEmpty)
    }
}
