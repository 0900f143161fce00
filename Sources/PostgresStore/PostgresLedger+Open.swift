import Foundation
import Dispatch
public import LedgerJournal
public import LedgerStore

// Opening, creating and migrating a PostgreSQL ledger: the blocking connect runs on a Dispatch
// worker, never on the cooperative pool.

extension PostgresLedger {
    /// Opens the ledger in the schema of `settings`: refuses a schema that holds no vtf ledger,
    /// or one whose migrations differ from this vtf's (run ``migrate(_:)`` as the owner role).
    public static func open(_ settings: PostgresConnectionSettings, rules: LedgerRules) async throws -> PostgresLedger {
        try await offPool(settings) {
            let session = try PostgresSession.connect(settings)
            try PostgresMigrations.check(session)
            return PostgresLedger(schema: LedgerSchema(session: session, rules: rules))
        }
    }

    /// Creates a ledger in the schema of `settings`: its tables when missing (``migrate(_:)``, so
    /// the role must be the schema's owner or may create it), then the genesis entry, `more` and
    /// the local settings in one transaction. Refuses a schema that holds a ledger already.
    public static func create(
        _ settings: PostgresConnectionSettings, origin: String, genesis: EntryDraft, then more: [EntryDraft], keys: WriteKeys,
        localSettings: [String: String], rules: LedgerRules
    ) async throws -> PostgresLedger {
        try await migrate(settings)
        let ledger = try await open(settings, rules: rules)
        try await ledger.onSchema { schema in
            try schema.createLedger(origin: origin, genesis: genesis, then: more, keys: keys, localSettings: localSettings)
        }
        return ledger
    }

    /// Creates the ledger's schema and tables when missing and runs every migration of
    /// `Schemas/postgresql` not yet run, recorded in `schema_migrations`; returns the names of
    /// those it ran. Run as the owner role (the writer role may not create tables).
    @discardableResult
    public static func migrate(_ settings: PostgresConnectionSettings) async throws -> [String] {
        try await offPool(settings) {
            let session = try PostgresSession.connect(settings)
            defer { session.close() }
            return try PostgresMigrations.run(session)
        }
    }

    /// The statements that give `role` what a vtf writer needs on the ledger's schema and no
    /// more: SELECT and INSERT only on the append-only tables (journal, checkpoints,
    /// cosignatures) and on entry_index (a row per entry, never changed), and SELECT, INSERT,
    /// UPDATE and DELETE on the derived tables it maintains.
    /// The owner role (which ran ``migrate(_:)``) runs them; the triggers refuse UPDATE and
    /// DELETE on the append-only tables to every role, owner included.
    public static func writerGrants(_ settings: PostgresConnectionSettings, role: String) -> [String] {
        let schema = settings.quotedSchema
        let quotedRole = "\"" + role.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let derived = ["merkle_nodes", "tree_state", "ledger_settings", "keys", "accounts", "postings", "balances", "reversals", "local_config", "fund_records"]
        return ["GRANT USAGE ON SCHEMA \(schema) TO \(quotedRole)",
                "GRANT SELECT ON \(schema).schema_migrations TO \(quotedRole)"]
            + ["journal", "checkpoints", "cosignatures", "entry_index"].map { "GRANT SELECT, INSERT ON \(schema).\($0) TO \(quotedRole)" }
            + derived.map { "GRANT SELECT, INSERT, UPDATE, DELETE ON \(schema).\($0) TO \(quotedRole)" }
    }

    /// Runs ``writerGrants(_:role:)`` for `role`, as the owner the settings connect as.
    public static func grantWriter(_ settings: PostgresConnectionSettings, role: String) async throws {
        try await offPool(settings) {
            let session = try PostgresSession.connect(settings)
            defer { session.close() }
            try session.transaction("BEGIN") {
                try refuseMightyWriter(session, role: role)
                for grant in writerGrants(settings, role: role) { try session.execute(grant) }
            }
        }
    }

    /// Refuses a writer role the grants could not restrict: a superuser, or the schema's owner
    /// (who may drop the triggers that keep the journal append-only).
    private static func refuseMightyWriter(_ session: PostgresSession, role: String) throws {
        let found = try session.row("""
            SELECT CASE WHEN r.rolsuper THEN 'superuser' WHEN r.rolname = pg_get_userbyid(n.nspowner) THEN 'owner' ELSE '' END
            FROM pg_roles r LEFT JOIN pg_namespace n ON n.nspname = $2 WHERE r.rolname = $1
            """, [.text(role), .text(session.settings.schema)])
        guard let found else { return }  // GRANT names a missing role with its fix.
        let fix = "give a role of its own (CREATE ROLE vtf_writer LOGIN, as the owner), which the grants hold to SELECT and INSERT"
        switch try found.text(0) {
        case "superuser": throw StoreError(.badInput, "--writer-role \(role) is a superuser, which no grant restricts: \(fix)")
        case "owner":
            throw StoreError(.badInput, "--writer-role \(role) owns the schema \(session.settings.schema) and could drop its append-only triggers: \(fix)")
        default: return
        }
    }

    /// Runs `body` on a Dispatch worker, mapping any error to a `StoreError`.
    private static func offPool<T: Sendable>(_ settings: PostgresConnectionSettings, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    do { return try body() } catch { throw PostgresErrors.mapped(error, settings) }
                })
            }
        }
    }
}
