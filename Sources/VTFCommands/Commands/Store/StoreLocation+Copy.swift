import Foundation
import LedgerJournal
import LedgerStore
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
        }
    }

    /// Removes what a copy that failed part-way wrote here (a store it created itself).
    func removeIncompleteCopy() {
        switch self {
        case .sqliteFile(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
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
