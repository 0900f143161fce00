import Foundation
import LedgerJournal
import LedgerStore
import PostgresStore
import SQLiteStore

extension StoreLocation {
    /// A new, empty ledger here (no entry), for `vtf store copy` to fill. Refuses a location that
    /// exists already (exit 2), so nothing there is changed.
    func createEmpty(rules: LedgerRules) async throws -> any LedgerWriting {
        switch self {
        case .sqliteFile(let path):
            guard !FileManager.default.fileExists(atPath: path) else {
                throw InputError("--to \(path) already exists; vtf store copy writes a new ledger: give a path that does not exist yet (nothing was changed)")
            }
            return try await SQLiteLedger.createEmpty(at: path, rules: rules)
        case .postgres(let location):
            let settings = Self.connection(location)
            try await PostgresLedger.migrate(settings)
            let ledger = try await PostgresLedger.open(settings, rules: rules)
            guard try await ledger.entryCount() == 0 else {
                throw InputError("--to \(location) already holds a ledger; vtf store copy writes a new ledger: give a schema that holds none (?schema=NAME) (nothing was changed)")
            }
            return ledger
        case .service(let location):
            throw Self.notYet(location)
        }
    }

    /// Removes what a copy that failed part-way wrote here (a store it created itself).
    func removeIncompleteCopy() {
        switch self {
        case .sqliteFile(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres(let location):
            // vtf drops nothing on a server: the entries copied so far stay, and the next copy
            // into this schema is refused until its owner drops it.
            Terminal.note("vtf: the copy stopped part-way; \(location) holds what was copied so far. Drop that schema (DROP SCHEMA \(location.quotedSchema) CASCADE, as its owner) before copying into it again")
        case .service:
            break
        }
    }
}

extension StoreCopy {
    /// The destination could not be created (it exists, its folder is missing): nothing was
    /// written, so nothing is removed.
    struct DestinationRefused: Error {
        let reason: any Error
    }
}
