import ArgumentParser
import LedgerStore
import PostgresStore

/// `vtf store migrate --ledger postgresql://OWNER@HOST/DB?schema=NAME [--writer-role ROLE]`.
struct StoreMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade a PostgreSQL ledger's schema and tables (run as the schema's owner).",
        discussion: """
            Connects as the role the URL names, which must own the schema (or may create it), \
            creates the schema when missing and runs every migration of Schemas/postgresql not yet \
            run, recorded in its table schema_migrations, then prints what it ran. With \
            --writer-role it also grants that role what vtf's commands need and no more: SELECT and \
            INSERT only on the journal, checkpoints and cosignatures (whose triggers refuse UPDATE, \
            DELETE and TRUNCATE to every role), and the derived tables it keeps. People then record \
            with the writer role; only the owner changes tables. A SQLite ledger file needs no \
            migrate: vtf upgrades it when it opens it to write.
            Example:
              vtf store migrate --writer-role vtf_writer --ledger \\
                  'postgresql://vtf_owner@db.example/unvtf?schema=books&sslmode=verify-full'
            """)

    @Option(help: ArgumentHelp("The ledger: a postgresql:// URL, as the schema's owner (default: $VTF_LEDGER).", valueName: "ledger"))
    var ledger: String?

    @Option(help: ArgumentHelp("A role to grant what vtf's writers need on this schema.", valueName: "role"))
    var writerRole: String?

    func run() async throws {
        guard let given = ledger ?? GlobalOptions.environment["VTF_LEDGER"], !given.isEmpty else {
            throw InputError("which ledger? Pass --ledger postgresql://OWNER@HOST/DB?schema=NAME or set VTF_LEDGER")
        }
        guard case .postgres(let location) = try StoreLocation(given) else {
            throw InputError("--ledger: vtf store migrate prepares a PostgreSQL schema; a ledger file is upgraded when vtf opens it to write (nothing to do)")
        }
        if let writerRole, !Self.isRoleName(writerRole) {
            throw InputError("--writer-role \(writerRole): give a role name of lower-case letters, digits and _, starting with a letter")
        }
        let settings = StoreLocation.connection(location)
        let ran = try await PostgresLedger.migrate(settings)
        print(ran.isEmpty ? "\(location): up to date (no migration to run)" : "\(location): ran \(ran.joined(separator: ", "))")
        if let writerRole {
            try await PostgresLedger.grantWriter(settings, role: writerRole)
            print("granted \(writerRole): SELECT and INSERT on journal, checkpoints and cosignatures; the derived tables it keeps")
        }
    }

    /// Lower-case letters, digits and `_`, starting with a letter, at most 63 bytes.
    static func isRoleName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, (97...122).contains(first) else { return false }
        return bytes.allSatisfy { $0 == UInt8(ascii: "_") || (97...122).contains($0) || (48...57).contains($0) }
    }
}
