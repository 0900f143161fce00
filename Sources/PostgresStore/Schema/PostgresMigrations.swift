import Foundation
import LedgerStore

/// Runs the SQL files of `Schemas/postgresql` (embedded byte for byte in ``EmbeddedSchemas``),
/// each once, recorded by name in the schema's `schema_migrations` table, all in one transaction
/// under the ledger's advisory lock: two owners migrating at once leave one schema.
enum PostgresMigrations {
    static let table = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name       TEXT COLLATE "C" PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// Creates the schema when missing and runs every migration it has not run yet; returns the
    /// names of those it ran.
    static func run(_ session: PostgresSession) throws -> [String] {
        let settings = session.settings
        try session.execute("CREATE SCHEMA IF NOT EXISTS \(settings.quotedSchema)")
        return try session.transaction("BEGIN") {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [.int(LedgerLock.key(settings.schema))])
            try session.execute(table)
            let applied = Set(try session.rows("SELECT name FROM schema_migrations").map { try $0.text(0) })
            var ran: [String] = []
            for migration in EmbeddedSchemas.migrations where !applied.contains(migration.name) {
                for statement in statements(of: migration.sql) { try session.execute(statement) }
                try session.execute("INSERT INTO schema_migrations (name) VALUES ($1)", [.text(migration.name)])
                ran.append(migration.name)
            }
            return ran
        }
    }

    /// Checks that the schema holds a vtf ledger migrated to this vtf's version.
    static func check(_ session: PostgresSession) throws {
        let settings = session.settings
        let exists = try session.row(
            "SELECT CASE WHEN to_regclass($1) IS NULL THEN 0 ELSE 1 END::BIGINT", [.text(settings.quotedSchema + ".schema_migrations")])
        guard let exists, try exists.int(0) == 1 else {
            throw StoreError(.notALedger, "the schema \(settings.schema) of database \(settings.database) holds no vtf ledger: create one (vtf init) or run vtf store migrate as the owner role")
        }
        let applied = Set(try session.rows("SELECT name FROM schema_migrations").map { try $0.text(0) })
        let known = Set(EmbeddedSchemas.migrations.map(\.name))
        guard applied.contains(EmbeddedSchemas.migrations[0].name) else {
            throw StoreError(.notALedger, "the schema \(settings.schema) of database \(settings.database) holds no vtf ledger")
        }
        if let newer = applied.subtracting(known).sorted().first {
            throw StoreError(.schemaVersion, "the ledger in \(settings) was migrated by a newer vtf (\(newer)); use that version")
        }
        if let missing = known.subtracting(applied).sorted().first {
            throw StoreError(.schemaVersion, "the ledger in \(settings) uses an older schema (it lacks \(missing)): run vtf store migrate as the owner role")
        }
    }

    /// The statements of a migration file, split at each `;` that is outside a string, a quoted
    /// identifier, a dollar-quoted body (`$$ … $$`, `$tag$ … $tag$`) and a comment; empty ones
    /// (comments only) are left out. postgres-nio runs one statement per query.
    static func statements(of sql: String) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var start = 0
        var index = 0
        var hasCode = false
        func flush(_ end: Int) {
            if hasCode, let text = String(bytes: bytes[start..<end], encoding: .utf8) {
                statements.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            start = end + 1
            hasCode = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                hasCode = true
                index += 1
                while index < bytes.count && bytes[index] != byte { index += 1 }
            case UInt8(ascii: "$"):
                hasCode = true
                var end = index + 1
                while end < bytes.count, bytes[end] == UInt8(ascii: "_") || (bytes[end] | 0x20 >= 97 && bytes[end] | 0x20 <= 122) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "$") {
                    let tag = Array(bytes[index...end])
                    index = end + 1
                    while index + tag.count <= bytes.count && !bytes[index..<(index + tag.count)].elementsEqual(tag) { index += 1 }
                    index += tag.count - 1
                }
            case UInt8(ascii: ";"):
                flush(index)
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                hasCode = true
            }
            index += 1
        }
        flush(bytes.count)
        return statements
    }
}
