import Foundation
import LedgerJournal
import LedgerStore
@testable import PostgresStore
import Testing

/// The PostgreSQL store's own parts: its migrations are the files of Schemas/postgresql, the
/// server refuses to change the append-only tables, and connection failures become StoreErrors.
/// The tests that need a server run when VTF_TEST_POSTGRES_URL names one, and fail (not skip)
/// when VTF_REQUIRE_POSTGRES=1 and it does not.
@Suite("The PostgreSQL store")
struct PostgresStoreTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let environment = ProcessInfo.processInfo.environment
    static let serverGiven = environment["VTF_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false
    static let serverRequired = environment["VTF_REQUIRE_POSTGRES"] == "1"

    /// The server's settings with a fresh schema, or a failure when the server is required.
    static func server() throws -> PostgresConnectionSettings {
        guard let url = environment["VTF_TEST_POSTGRES_URL"], var settings = PostgresFactory.settings(url) else {
            throw StoreError(.notFound, "VTF_TEST_POSTGRES_URL is not set (VTF_REQUIRE_POSTGRES=1)")
        }
        settings.schema = "pgtest_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        return settings
    }

    static func drop(_ settings: PostgresConnectionSettings) {
        guard let session = try? PostgresSession.connect(settings) else { return }
        try? session.execute("DROP SCHEMA \(settings.quotedSchema) CASCADE")
        session.close()
    }

    @Test func migrationsRunExactlyTheFilesInSchemas() throws {
        let folder = Self.root.appendingPathComponent("Schemas/postgresql")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == EmbeddedSchemas.migrations.map(\.name))
        for migration in EmbeddedSchemas.migrations {
            let text = try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)
            #expect(text + "\n" == migration.sql + "\n" || text == migration.sql + "\n", "\(migration.name) differs from its embedded copy")
        }
    }

    @Test func statementsAreSplitOutsideQuotesAndBodies() {
        let sql = """
            -- a comment; not a statement
            CREATE TABLE a (x TEXT DEFAULT 'a;b');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'no; never';
            END;
            $$;
            -- trailing comment
            """
        let statements = PostgresMigrations.statements(of: sql)
        #expect(statements.count == 2)
        #expect(statements[0].hasSuffix("DEFAULT 'a;b')"))
        #expect(statements[1].contains("END;\n$$"))
        // The real files: every CREATE (and INSERT, filling a new table, and DROP) is one statement.
        for migration in EmbeddedSchemas.migrations {
            let creates = ["\nCREATE ", "\nINSERT ", "\nDROP "].map { migration.sql.components(separatedBy: $0).count - 1 }.reduce(0, +)
            #expect(PostgresMigrations.statements(of: migration.sql).count == creates, "\(migration.name)")
        }
    }

    @Test func theLockKeyDependsOnTheSchemaOnly() {
        #expect(LedgerLock.key("fund_a") == LedgerLock.key("fund_a"))
        #expect(LedgerLock.key("fund_a") != LedgerLock.key("fund_b"))
    }

    @Test(.enabled(if: serverGiven || serverRequired))
    func theServerRefusesToChangeTheAppendOnlyTables() async throws {
        let settings = try Self.server()
        defer { Self.drop(settings) }
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        defer { made.remove() }
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL store") }
        let session = try PostgresSession.connect(under.settings)
        defer { session.close() }
        let statements = [
            "UPDATE journal SET ref = 'x' WHERE seq = 1", "DELETE FROM journal WHERE seq = 3", "TRUNCATE journal CASCADE",
            "UPDATE checkpoints SET note = 'x' WHERE size = 1", "DELETE FROM checkpoints WHERE size = 4",
            "INSERT INTO journal (seq, kind, body, sig, leaf_hash) SELECT 9, kind, body, sig, leaf_hash FROM journal WHERE seq = 0",
        ]
        for statement in statements {
            #expect(throws: StoreError.self, "\(statement)") { try session.execute(statement) }
        }
        #expect(try await made.store.entryCount() == ConformanceLedger.startCount)
        #expect(try await made.store.verify(threads: 1).differences.isEmpty)
    }

    @Test(.enabled(if: serverGiven || serverRequired))
    func migratingTwiceRunsNothingAndAnEmptySchemaIsNoLedger() async throws {
        let settings = try Self.server()
        defer { Self.drop(settings) }
        await #expect(throws: StoreError.self) { try await PostgresLedger.open(settings, rules: .core) }
        do {
            _ = try await PostgresLedger.open(settings, rules: .core)
        } catch let error as StoreError {
            #expect(error.code == .notALedger)
        }
        #expect(try await PostgresLedger.migrate(settings) == EmbeddedSchemas.migrations.map(\.name))
        #expect(try await PostgresLedger.migrate(settings) == [])
        let ledger = try await PostgresLedger.open(settings, rules: .core)
        #expect(try await ledger.entryCount() == 0)
        #expect(try await ledger.settings() == nil)
    }

    @Test(.enabled(if: serverGiven || serverRequired))
    func connectionFailuresAreStoreErrorsNamingTheFix() async throws {
        var settings = try Self.server()
        var missing = settings
        missing.database = "no_such_database_vtf"
        do {
            _ = try await PostgresLedger.open(missing, rules: .core)
            Issue.record("a missing database opened")
        } catch let error as StoreError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("no_such_database_vtf") && error.message.contains("does not exist"))
        }
        settings.port = 1
        settings.password = "secret-password-never-shown"
        do {
            _ = try await PostgresLedger.open(settings, rules: .core)
            Issue.record("a closed port opened")
        } catch let error as StoreError {
            #expect(error.code == .io)
            #expect(error.message.contains("cannot reach"))
            #expect(!error.message.contains("secret-password-never-shown"))
        }
    }

    @Test(.enabled(if: serverGiven || serverRequired))
    func aWriterRoleHoldsOnlyInsertAndSelectOnTheAppendOnlyTables() async throws {
        let settings = try Self.server()
        defer { Self.drop(settings) }
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        defer { made.remove() }
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL store") }
        let role = "vtf_writer_" + under.settings.schema.suffix(8)
        let owner = try PostgresSession.connect(under.settings)
        defer {
            try? owner.execute("DROP OWNED BY \(role)")
            try? owner.execute("DROP ROLE IF EXISTS \(role)")
            owner.close()
        }
        // A throwaway password: a server that asks non-superusers for one (Scripts/pg-cluster's
        // does) gets it, one that trusts loopback ignores it.
        let password = "w-" + under.settings.schema.suffix(8)
        try owner.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'")
        for grant in PostgresLedger.writerGrants(under.settings, role: role) { try owner.execute(grant) }
        var writer = under.settings
        writer.user = role
        writer.password = password
        let store = try await PostgresLedger.open(writer, rules: .core)
        try await store.append([ConformanceLedger.voucher(700, ref: "G1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        #expect(try await store.entryCount() == ConformanceLedger.startCount + 1)
        let session = try PostgresSession.connect(writer)
        defer { session.close() }
        do {
            try session.execute("TRUNCATE journal")
            Issue.record("the writer truncated the journal")
        } catch let error as StoreError {
            #expect(error.message.contains("may not"))
        }
        #expect(throws: StoreError.self) { try session.execute("CREATE TABLE journal_copy (x INT)") }
        #expect(try await store.verify(threads: 1).differences.isEmpty)
    }
}

/// The server going away under a ledger: what was acknowledged stays, the next call fails with
/// a StoreError naming the server (exit status 3), and a new connection finds the ledger whole.
@Suite("The PostgreSQL store when the server goes away")
struct PostgresServerGoneTests {
    @Test(.enabled(if: PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired))
    func aTerminatedConnectionIsAStoreErrorAndLosesNothingAcknowledged() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        defer { made.remove() }
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL store") }
        try await made.store.append([ConformanceLedger.voucher(300, ref: "K1")], keys: ConformanceLedger.aliceKeys, origin: nil)
        // Another session ends the ledger's connection, as a server restart or an operator would.
        let admin = try PostgresSession.connect(under.settings)
        defer { admin.close() }
        #expect(try admin.row("SHOW synchronous_commit")?.text(0) == "on")
        let ended = try admin.rows(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()",
            [.text(PostgresSession.applicationName(under.settings))])
        #expect(ended.count >= 1)
        try await Task.sleep(for: .milliseconds(200))
        do {
            try await made.store.append([ConformanceLedger.voucher(400, ref: "K2")], keys: ConformanceLedger.aliceKeys, origin: nil)
            Issue.record("an append on a terminated connection succeeded")
        } catch let error as StoreError {
            #expect(error.kind == .system)
            #expect(error.message.contains("127.0.0.1") || error.message.contains(under.settings.host), "\(error.message)")
        }
        let again = try await made.connect()
        #expect(try await again.entryCount() == ConformanceLedger.startCount + 1)
        #expect(try await again.entries(ofKinds: [.voucher]).compactMap(\.ref) == ["K1"])
        #expect(try await again.verify(threads: 1).differences.isEmpty)
    }
}

/// The bulk path signs a large batch on several cores: every signature holds and is in its
/// entry's place.
@Suite("The PostgreSQL store's bulk path")
struct PostgresBulkTests {
    @Test(.enabled(if: PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired))
    func aLargeBatchIsSignedOnSeveralCoresEachSignatureInItsPlace() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        defer { made.remove() }
        let store = made.store
        let range = try await store.appendBulk(
            { DraftList(drafts: (0..<150).map { ConformanceLedger.voucher(Int64($0 + 1), ref: "L-\($0)") }) },
            keys: ConformanceLedger.aliceKeys, batchSize: 100, threads: 3, progress: nil)
        #expect(range == ConformanceLedger.startCount..<(ConformanceLedger.startCount + 150))
        for seq in [range.lowerBound, range.lowerBound + 77, range.upperBound - 1] {
            let entry = try #require(try await store.entry(at: seq))
            #expect(ConformanceLedger.alice.publicKey.isValidSignature(entry.signature, for: entry.bodyBytes))
            #expect(entry.body.ref == "L-\(seq - range.lowerBound)")
        }
        let verified = try await store.verify(threads: 2)
        #expect(verified.entryCount == range.upperBound && verified.differences.isEmpty)
    }
}
