import Foundation
import LedgerJournal
import LedgerStore
@testable import PostgresStore
import SQLiteStore

/// A kind of store the conformance suite runs against. A new store (PostgreSQL) joins the suite
/// by adding its factory to ``StoreFactories/all``; every test then runs against it too.
protocol StoreFactory: Sendable, CustomStringConvertible {
    /// A new store holding nothing (no genesis entry yet), writing under `rules`.
    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest
}

/// One store made for a test.
protocol StoreUnderTest: Sendable {
    /// The store, through the seam only.
    var store: any LedgerWriting { get }
    /// Another handle on the same store: a new connection (SQLite: the file opened again), as a
    /// second writer would hold.
    func connect() async throws -> any LedgerWriting
    /// The store's own bytes, where it has them (SQLite: the file and its -wal), to show a
    /// refused write left it byte-identical; nil for a store without such bytes.
    func rawBytes() throws -> [Data]?
    /// Removes the store.
    func remove()
}

enum StoreFactories {
    /// Every store kind the suite checks.
    static let all: [any StoreFactory] = [SQLiteFactory()] + PostgresFactory.fromEnvironment()
}

/// SQLite: a ledger file in a temporary folder.
struct SQLiteFactory: StoreFactory {
    var description: String { "SQLite" }

    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-conformance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/c.ledger"
        return SQLiteUnderTest(dir: dir, path: path, rules: rules, store: try LedgerFile.create(at: path, rules: rules).store)
    }
}

struct SQLiteUnderTest: StoreUnderTest {
    let dir: String
    let path: String
    let rules: LedgerRules
    let store: any LedgerWriting

    init(dir: String, path: String, rules: LedgerRules, store: SQLiteLedger) {
        self.dir = dir
        self.path = path
        self.rules = rules
        self.store = store
    }

    func connect() async throws -> any LedgerWriting { try LedgerFile.open(at: path, mode: .readWrite, rules: rules).store }

    func rawBytes() throws -> [Data]? {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

/// PostgreSQL: a fresh schema of the database named by `VTF_TEST_POSTGRES_URL` (e.g.
/// `postgresql://postgres@127.0.0.1:55433/postgres`) for each store made; `remove()` drops it.
/// Without the URL the suite runs on SQLite alone, unless `VTF_REQUIRE_POSTGRES=1`: then every
/// test fails (a PostgreSQL run that quietly skipped PostgreSQL would prove nothing).
struct PostgresFactory: StoreFactory {
    let base: PostgresConnectionSettings

    var description: String { "PostgreSQL" }

    static func fromEnvironment() -> [any StoreFactory] {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["VTF_TEST_POSTGRES_URL"], !url.isEmpty else {
            return environment["VTF_REQUIRE_POSTGRES"] == "1" ? [MissingPostgres(reason: "VTF_REQUIRE_POSTGRES=1 but VTF_TEST_POSTGRES_URL is not set")] : []
        }
        guard let settings = settings(url) else { return [MissingPostgres(reason: "VTF_TEST_POSTGRES_URL is not postgresql://USER@HOST:PORT/DB")] }
        return [PostgresFactory(base: settings)]
    }

    /// A minimal reading of `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB` (the tests' own URL;
    /// vtf reads ledgers' URLs with PostgresLocation).
    static func settings(_ url: String) -> PostgresConnectionSettings? {
        guard let parts = URLComponents(string: url), parts.scheme == "postgresql" || parts.scheme == "postgres",
            let host = parts.host, let user = parts.user, parts.path.count > 1
        else { return nil }
        return PostgresConnectionSettings(
            host: host, port: parts.port ?? 5432, user: user,
            password: parts.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"], database: String(parts.path.dropFirst()))
    }

    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest {
        var settings = base
        settings.schema = "conformance_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresLedger.migrate(settings)
        return PostgresUnderTest(settings: settings, rules: rules, store: try await PostgresLedger.open(settings, rules: rules))
    }
}

struct PostgresUnderTest: StoreUnderTest {
    let settings: PostgresConnectionSettings
    let rules: LedgerRules
    let store: any LedgerWriting

    func connect() async throws -> any LedgerWriting { try await PostgresLedger.open(settings, rules: rules) }

    func rawBytes() throws -> [Data]? { nil }

    func remove() {
        guard let session = try? PostgresSession.connect(settings) else { return }
        try? session.execute("DROP SCHEMA \(settings.quotedSchema) CASCADE")
        session.close()
    }
}

/// Stands in for PostgreSQL when it is required but not given: every test it joins fails.
struct MissingPostgres: StoreFactory {
    let reason: String

    var description: String { "PostgreSQL (missing)" }

    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest {
        throw StoreError(.notFound, reason)
    }
}
