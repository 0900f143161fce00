import Foundation
import CanonicalJSON
package import GRDB
import LedgerCore
public import LedgerJournal
public import LedgerStore

/// One ledger: a SQLite file in WAL mode holding the journal and its derived tables.
/// Every SQL statement of vtf lives in this module.
public final class LedgerFile: Sendable {
    /// The path of the SQLite file, as given when it was opened or created.
    public let path: String
    let queue: DatabaseQueue
    /// The rules this ledger's entries are written and verified under (the core's and the
    /// registered rule sets', e.g. `.unvtf`).
    public let rules: LedgerRules

    private init(path: String, queue: DatabaseQueue, rules: LedgerRules) {
        self.path = path
        self.queue = queue
        self.rules = rules
    }

    /// Creates a new, empty ledger file with the schema; refuses to touch an existing file.
    public static func create(at path: String, rules: LedgerRules) throws -> LedgerFile {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.exists, "\(path) already exists; a new ledger needs a new file: give --ledger another name (vtf never writes over a ledger)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError(.notFound, "the folder \(folder) does not exist; create it first")
        }
        let file = try connect(path: path, readOnly: false, rules: rules)
        do {
            try file.queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw StoreError(.io, "cannot switch \(path) to WAL mode")
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "cannot set up \(path): \(describe(error))")
        }
        try Migrations.run(on: file.queue)
        return file
    }

    /// Opens an existing ledger, for writing unless `readOnly`: the same as
    /// `open(at:mode:)`.
    public static func open(at path: String, readOnly: Bool = false, rules: LedgerRules) throws -> LedgerFile {
        try open(at: path, mode: readOnly ? .readOnly : .readWrite, rules: rules)
    }

    static func connect(path: String, readOnly: Bool, immutable: Bool = false, rules: LedgerRules) throws -> LedgerFile {
        var configuration = Configuration()
        configuration.readonly = readOnly
        // Writers wait for each other (BEGIN IMMEDIATE + busy timeout) rather than fail.
        configuration.busyMode = .timeout(60)
        // WAL mode is set once, when the file is created, and persists in the file. (GRDB's
        // `.wal` option would write a dummy table on every open, so a refused command would no
        // longer leave the file byte-identical.)
        configuration.journalMode = .default
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            // 64 MiB of page cache: the indexes of a large journal stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            let location = immutable ? ReadOnlyAccess.immutableURI(path) : path
            return LedgerFile(path: path, queue: try DatabaseQueue(path: location, configuration: configuration), rules: rules)
        } catch DatabaseError.SQLITE_NOTADB {
            throw StoreError(.notALedger, "\(path) is not a vtf ledger (it is not a SQLite file)")
        } catch {
            throw StoreError(.io, "cannot open \(path) as a SQLite ledger: \(Self.describe(error))")
        }
    }

    /// A short, data-free description of a SQLite error (GRDB keeps statement arguments out).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "unknown")"
        }
        return "\(error)"
    }

    /// Runs `body` in a read transaction (a consistent snapshot of the file). Called inside a
    /// transaction already open on the connection (``SQLiteLedger/read(_:)``, which makes every
    /// query of a report read one snapshot), it joins that transaction.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        try StorageErrors.mapping {
            try queue.unsafeReentrantRead { db in
                try db.readOnly {
                    if db.isInsideTransaction { return try body(db) }
                    var result: T?
                    try db.inTransaction(.deferred) {
                        result = try body(db)
                        return .commit
                    }
                    guard let result else { preconditionFailure("a committed read produced its result") }
                    return result
                }
            }
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: it takes the write lock before reading the
    /// tip, so concurrent writers from several processes queue up and form one chain. Any throw
    /// rolls everything back.
    func writeImmediate<T>(_ body: (Database) throws -> T) throws -> T {
        var result: T?
        try StorageErrors.mapping {
            try queue.inTransaction(.immediate) { db in
                result = try body(db)
                return .commit
            }
        }
        guard let result else { preconditionFailure("a committed transaction produced its result") }
        return result
    }

    /// The settings of the genesis entry, or nil for a file without one.
    public func settings() throws -> LedgerSettings? {
        try read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> LedgerSettings? {
        guard let row = try Row.fetchOne(db, sql: "SELECT origin, fund_name, currency FROM ledger_settings WHERE id = 1") else {
            return nil
        }
        return LedgerSettings(
            origin: (try row.decode(atIndex: 0)), fundName: (try row.decode(atIndex: 1)),
            currency: try Currency(code: (try row.decode(atIndex: 2))), openingDate: try openingDate(db))
    }

    /// The genesis entry's date, read from the signed entry 0 (the derived settings row does not
    /// copy it); nil while entry 0 is not yet stored, or when it cannot be read (then `vtf
    /// verify` names what is wrong with entry 0, and its settings differ from the replay's).
    static func openingDate(_ db: Database) throws -> LedgerDate? {
        guard let bytes = try Data.fetchOne(db, sql: "SELECT body FROM journal WHERE seq = 0"),
            let text = (try? JSONParser.parse([UInt8](bytes)))?.objectValue?["date"]?.stringValue
        else { return nil }
        return try? LedgerDate(parsing: text)
    }
}

extension LedgerFile {
    /// Creates a ledger file holding its genesis entry, then `more` (a template's chart of
    /// accounts and settings), and its local settings, in one
    /// transaction. On any failure the new file is removed, so nothing is left behind.
    @discardableResult
    public static func createLedger(
        at path: String, origin: String, genesis: EntryDraft, then more: [EntryDraft] = [], keys: WriteKeys,
        localSettings: [String: String], rules: LedgerRules
    ) throws -> LedgerFile {
        precondition(genesis.kind == .genesis, "a ledger starts with its genesis entry")
        let file = try create(at: path, rules: rules)
        do {
            try file.writeImmediate { db in
                let state = try StoreState(db)
                _ = try appendBatch([genesis] + more, keys: keys, origin: origin, state: state, rules: rules, threads: 1)
                for (name, value) in localSettings.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO local_config (name, value) VALUES (?, ?)", arguments: [name, value])
                }
            }
            return file
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }
}
