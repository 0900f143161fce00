import Foundation
import LedgerStore

/// Where a PostgreSQL ledger lives: the server, the role vtf connects as, the database and the
/// schema holding the ledger (one database may hold several ledgers, one schema each).
///
/// A plain value: `PostgresLocation` (a `postgresql://` URL with `PGPASSWORD` or `~/.pgpass`)
/// makes one. The password is never part of ``description``, so a settings value may appear in
/// a message or a log.
public struct PostgresConnectionSettings: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role vtf logs in as.
    public var user: String
    /// The role's password, if the server asks for one.
    public var password: String?
    /// The database holding the ledger's schema.
    public var database: String
    /// The schema holding the ledger's tables.
    public var schema: String
    /// Whether the connection must use TLS (`sslmode=require` or `verify-full`).
    public var requiresTLS: Bool
    /// How the connection is protected (the URL's `sslmode`); `requiresTLS` alone means `require`.
    public var sslMode: PostgresLocation.SSLMode?
    /// The certificate authorities (a PEM file) that `verify-full` trusts instead of the system's.
    public var sslRootCertificatePath: String?

    /// Settings for the ledger in `schema` of `database` on `host`:`port`, as `user`.
    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String, schema: String = "vtf",
        requiresTLS: Bool = false
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.schema = schema
        self.requiresTLS = requiresTLS
    }

    /// `postgresql://USER@HOST:PORT/DB?schema=NAME`, without the password.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)?schema=\(schema)" }

    /// The schema name as a quoted SQL identifier.
    var quotedSchema: String { "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Refuses a schema name vtf would not create: 1 to 63 bytes of lower-case ASCII letters,
    /// digits and underscores, starting with a letter or underscore (no quoting surprises).
    func checkSchemaName() throws {
        let bytes = Array(schema.utf8)
        guard (1...63).contains(bytes.count), let first = bytes.first, first == UInt8(ascii: "_") || (97...122).contains(first),
            bytes.allSatisfy({ $0 == UInt8(ascii: "_") || (97...122).contains($0) || (48...57).contains($0) })
        else {
            throw StoreError(.badInput, "the schema name \"\(schema)\" is not usable: use 1 to 63 lower-case letters, digits or _, starting with a letter")
        }
    }
}
