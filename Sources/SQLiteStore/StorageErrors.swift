import GRDB
import LedgerStore

/// Every GRDB error stops here: what leaves SQLiteStore is a ``StoreError`` (or a rule's or the
/// verifier's own error), so no caller imports GRDB or catches its errors.
enum StorageErrors {
    /// `error` as vtf's own: a SQLite error becomes a ``StoreError`` with the code `.io` (exit
    /// status 3) naming SQLite's code and message (GRDB keeps statement arguments out of it);
    /// anything else passes through.
    static func mapped(_ error: any Error) -> any Error {
        guard let database = error as? DatabaseError else { return error }
        return StoreError(.io, "storage failure: SQLite error \(database.extendedResultCode.rawValue): \(database.message ?? "")")
    }

    /// Runs `body`, mapping a SQLite error it throws.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw mapped(error) }
    }
}
