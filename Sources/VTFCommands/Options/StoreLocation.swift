import Foundation
public import LedgerJournal
public import LedgerStore
import SQLiteStore
import SafeIO

/// Where a ledger is kept, as `--ledger` (or $VTF_LEDGER) names it, and so which store holds it:
/// the one place a command's choice of backend is made. A path names a SQLite ledger file; a
/// `postgresql://` URL will name a PostgreSQL database (issue 14) and is refused until this
/// build has that store.
public enum StoreLocation: Equatable, Sendable {
    /// A SQLite ledger file at this path.
    case sqliteFile(String)

    /// The location `value` names. Refuses (exit 2) a URL: a `postgresql://` one as not yet
    /// supported by this build, any other scheme as unknown. The URL is never echoed, since it
    /// may carry a password.
    public init(_ value: String) throws {
        guard let scheme = Self.scheme(of: value) else {
            self = .sqliteFile(value)
            return
        }
        switch scheme.lowercased() {
        case "postgresql", "postgres":
            throw InputError("--ledger \(scheme)://…: a PostgreSQL ledger is not supported by this build yet; give the path of a ledger file")
        default:
            throw InputError("--ledger \(scheme)://…: vtf keeps no ledger at a \(scheme) URL; give the path of a ledger file (or, with a build that supports it, a postgresql:// URL)")
        }
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
        }
    }

    /// Opens the existing ledger to write (a SQLite file of an older schema is upgraded).
    public func openWriting(rules: LedgerRules) async throws -> any LedgerWriting {
        switch self {
        case .sqliteFile(let path):
            try Self.checkFile(path)
            return try await SQLiteLedger.open(at: path, mode: .readWrite, rules: rules)
        }
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
