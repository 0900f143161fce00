import Foundation
import LedgerCore
import LedgerJournal
import LedgerStore
@testable import PostgresStore
import Testing

/// `vtf verify` on PostgreSQL compares each batch's postings, entry_index rows and Merkle nodes
/// by one digest the server computes and the verifier computes from the replay; only a table
/// whose digest differs is read row by row, which names the difference.
@Suite("The PostgreSQL store: derived tables compared by digest")
struct PostgresDerivedDigestTests {
    static let enabled = PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired

    /// Replays the ledger with small batches (many batches, nodes on several levels completed
    /// in each) and returns the comparison, which counts its row-by-row reads.
    private static func replay(_ session: PostgresSession, collecting: Bool = false) throws -> PostgresDerivedComparison {
        let reader = PostgresJournalReader(session: session)
        let observer = PostgresDerivedComparison(session: session, collecting: collecting)
        _ = try JournalVerifier(rules: .core, threads: 1, batchSize: 3).verify(reader, observer: observer)
        return observer
    }

    @Test(.enabled(if: enabled))
    func theServersDigestsAreTheReplaysAndADifferenceIsNamed() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        defer { made.remove() }
        for index in 0..<9 {
            try await made.store.append([try AccountQueriesConformanceTests.voucher("2026-04-0\(index % 9 + 1)", usd: Int64(100 + index), eur: index % 2 == 0 ? 7 : nil, ref: "G\(index)")],
                                        keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL store") }
        let session = try PostgresSession.connect(under.settings)
        defer { session.close() }

        // Every batch agrees by its digests alone.
        #expect(try Self.replay(session).rowByRowReads == 0)

        // A changed amount, an account made to hold the separators of the digest's text, a
        // changed node hash, a changed index row: each is read row by row and named.
        let changes: [(sql: String, undo: String, named: String)] = [
            ("UPDATE postings SET amount = amount + 1 WHERE seq = 10 AND line = 0", "UPDATE postings SET amount = amount - 1 WHERE seq = 10 AND line = 0", "entry 10"),
            ("UPDATE postings SET account = account || E' 1\\n11 0 10:2026-04-01' WHERE seq = 11 AND line = 1",
             "UPDATE postings SET account = split_part(account, ' ', 1) WHERE seq = 11 AND line = 1", "entry 11"),
            ("UPDATE entry_index SET kind = 'account.open' WHERE seq = 12", "UPDATE entry_index SET kind = 'voucher.post' WHERE seq = 12", "entry 12"),
            ("UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 2 AND idx = 1", "", "node (2, 1)"),
        ]
        // The journal's own columns beside the signed bytes (a superuser with the triggers off).
        try session.execute("SET session_replication_role = replica")
        for (column, value) in [("ref", "'G-changed'"), ("ref", "NULL"), ("kind", "'account.open'"), ("leaf_hash", "sha256(leaf_hash)")] {
            try session.execute("CREATE TEMP TABLE kept AS SELECT * FROM journal WHERE seq = 9")
            try session.execute("UPDATE journal SET \(column) = \(value) WHERE seq = 9")
            do {
                _ = try Self.replay(session)
                Issue.record("a changed journal \(column) column passed")
            } catch let failure as VerificationFailure {
                #expect(failure.seq == 9 && failure.code == .derivedTables && failure.reason.contains("journal row"), "\(column): \(failure)")
            }
            try session.execute("UPDATE journal j SET \(column) = k.\(column) FROM kept k WHERE j.seq = k.seq")
            try session.execute("DROP TABLE kept")
        }
        try session.execute("SET session_replication_role = DEFAULT")
        #expect(try Self.replay(session).rowByRowReads == 0)

        for change in changes {
            try session.execute(change.sql)
            let found = try Self.replay(session, collecting: true)
            #expect(found.rowByRowReads >= 1, "\(change.sql)")
            #expect(found.findings.listed.contains { $0.contains(change.named) }, "\(change.sql): \(found.findings.listed)")
            #expect(throws: VerificationFailure.self, "\(change.sql)") { try Self.replay(session) }
            if !change.undo.isEmpty { try session.execute(change.undo) }
        }
    }
}
