import Foundation
public import LedgerJournal
public import LedgerStore
public import PostgresStore
public import LedgerClient
import SQLiteStore
import SafeIO

/// Where a ledger is kept, as `--ledger` (or $VTF_LEDGER) names it, and so which store holds it:
/// the one place a command's choice of backend is made. A path names a SQLite ledger file; a
/// `postgresql://USER@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE]` URL names a schema of a
/// PostgreSQL database (its password from PGPASSWORD or ~/.pgpass, never the URL).
public enum StoreLocation: Equatable, Sendable {
    /// A SQLite ledger file at this path.
    case sqliteFile(String)
    /// A ledger in a schema of a PostgreSQL database.
    case postgres(PostgresLocation)
    /// A ledger served by `vtf serve`, read through a mirror on this machine (``ServiceMirror``).
    case service(RemoteLocation)

    /// The location `value` names. Refuses (exit 2) a PostgreSQL URL that does not parse or holds
    /// a password, and a URL of any other scheme. A password is never echoed.
    public init(_ value: String) throws {
        guard let scheme = Self.scheme(of: value) else {
            self = .sqliteFile(value)
            return
        }
        switch scheme.lowercased() {
        case "postgresql", "postgres":
            do { self = .postgres(try PostgresLocation(value)) } catch {
                throw InputError("--ledger: \(error.message)")
            }
        case "https", "http":
            do { self = .service(try RemoteLocation(value)) } catch {
                throw InputError("--ledger: \(error.message)")
            }
        default:
            throw InputError("--ledger \(scheme)://…: vtf keeps no ledger at a \(scheme) URL; give the path of a ledger file, a postgresql:// URL or a service's https:// URL")
        }
    }

    /// The settings to connect to a PostgreSQL ledger with; a password file ignored (others may
    /// read it) is said on standard error.
    static func connection(_ location: PostgresLocation) -> PostgresConnectionSettings {
        location.connectionSettings { Terminal.note("vtf: \($0)") }
    }

    /// The URL scheme `value` starts with (`postgresql` of `postgresql://host/db`), or nil for a path.
    static func scheme(of value: String) -> String? {
        guard let match = value.prefixMatch(of: #/([A-Za-z][A-Za-z0-9+.\-]*):\/\//#) else { return nil }
        return String(match.1)
    }

    /// Opens the existing ledger to read only: never writes a byte of it.
    public func openReading(rules: LedgerRules) async throws -> any LedgerReading {
        switch self {
        case .sqliteFile(let path):
            try Self.checkFile(path)
            return try await SQLiteLedger.open(at: path, mode: .readOnly, rules: rules)
        case .postgres(let location):
            return try await PostgresLedger.open(Self.connection(location), rules: rules)
        case .service(let location):
            return try await ServiceMirror.open(location, rules: rules)
        }
    }

    /// Opens the existing ledger to write (a SQLite file of an older schema is upgraded); a
    /// service's ledger is written through it, with requests signed by the key at `keyPath`
    /// (else $VTF_KEY).
    public func openWriting(rules: LedgerRules, keyPath: String? = nil) async throws -> any LedgerWriting {
        switch self {
        case .sqliteFile(let path):
            try Self.checkFile(path)
            return try await SQLiteLedger.open(at: path, mode: .readWrite, rules: rules)
        case .postgres(let location):
            return try await PostgresLedger.open(Self.connection(location), rules: rules)
        case .service(let location):
            return try await ServiceMirror.openForWriting(location, keyPath: keyPath, rules: rules)
        }
    }

    /// A ledger is created, copied into and migrated on the service's own machine.
    static func notYet(_ location: RemoteLocation) -> InputError {
        InputError("--ledger \(location): a served ledger is created, copied into and migrated on the service's machine, not through the service (nothing was changed)")
    }

    /// Creates the ledger with its genesis entry, then `more`, and its local settings, in one
    /// write: all of it is there afterwards, or nothing.
    func create(
        origin: String, genesis: EntryDraft, then more: [EntryDraft], keys: WriteKeys, localSettings: [String: String],
        rules: LedgerRules
    ) async throws -> any LedgerWriting {
        switch self {
        case .sqliteFile(let path):
            return try await SQLiteLedger.create(
                at: path, origin: origin, genesis: genesis, then: more, keys: keys, localSettings: localSettings, rules: rules)
        case .postgres(let location):
            return try await PostgresLedger.create(
                Self.connection(location), origin: origin, genesis: genesis, then: more, keys: keys, localSettings: localSettings,
                rules: rules)
        case .service(let location):
            throw Self.notYet(location)
        }
    }

    /// A path that exists but cannot be a ledger file (a folder, a FIFO, a device) is refused
    /// before SQLite touches it.
    static func checkFile(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path), let problem = InputFile.problem(path) {
            throw InputError("--ledger \(path) \(problem): give the ledger file")
        }
    }
}

extension StoreLocation {
    /// Refuses (exit 2) a location where a new ledger cannot go: an empty path, a file that
    /// exists, a schema that holds a ledger. Reads only; for a command that makes other things
    /// (keys, a folder) before it creates the ledger, so that a refusal leaves nothing behind.
    public func refuseExisting(_ option: String) async throws {
        switch self {
        case .sqliteFile(let path):
            guard !path.isEmpty else { throw InputError("\(option) is empty: give the path of a new ledger file, or leave \(option) out") }
            guard !FileManager.default.fileExists(atPath: path) else {
                throw InputError("\(option) \(path) already exists; a new ledger needs a path that does not exist yet (nothing was changed)")
            }
        case .postgres(let location):
            let count: UInt64
            do { count = try await openReading(rules: .unvtf).entryCount() } catch let error as StoreError
                where error.code == .notALedger { return }
            guard count == 0 else {
                throw InputError("\(option) \(location) already holds a ledger; a new ledger needs a schema that holds none (?schema=NAME) (nothing was changed)")
            }
        case .service(let location):
            throw Self.notYet(location)
        }
    }
}
