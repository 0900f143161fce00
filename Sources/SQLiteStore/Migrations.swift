import GRDB
import LedgerStore

/// Runs the SQL files of `Schemas/sqlite`, embedded byte for byte in ``EmbeddedSchemas``
/// (regenerate with `Scripts/embed-schemas`; a test checks they are equal).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedSchemas.migrations {
            migrator.registerMigration(migration.name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    static func run(on queue: DatabaseQueue) throws {
        do { try migrator.migrate(queue) } catch {
            throw StoreError(.io, "cannot create the ledger schema: \(LedgerFile.describe(error))")
        }
    }

    /// Checks that the file is a vtf ledger; upgrades an older schema when writing is allowed.
    static func check(_ queue: DatabaseQueue, path: String, upgrade: Bool) throws {
        let (applied, completed): (Set<String>, Bool)
        do {
            (applied, completed) = try queue.read { db in
                (try migrator.appliedIdentifiers(db), try migrator.hasCompletedMigrations(db))
            }
        } catch {
            throw StoreError(.notALedger, "\(path) is not a vtf ledger (\(LedgerFile.describe(error)))")
        }
        guard applied.contains(EmbeddedSchemas.migrations[0].name) else {
            throw StoreError(.notALedger, "\(path) is not a vtf ledger (it has no vtf schema)")
        }
        if !completed {
            guard upgrade else {
                throw StoreError(.schemaVersion, "\(path) uses an older schema; it is migrated by the next command that writes to it (vtf post, vtf import, …)")
            }
            try run(on: queue)
        }
    }
}
