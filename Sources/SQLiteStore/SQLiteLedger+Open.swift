import Dispatch
public import LedgerJournal
public import LedgerStore

// Opening and creating a ledger file through the store seam: what a caller that sees only
// `LedgerReading` / `LedgerWriting` (the commands) needs to get one.

extension SQLiteLedger {
    /// Opens the existing ledger file at `path` (see `LedgerFile.open(at:mode:rules:)`): refuses
    /// a -wal that is not the file's, and in `.readWrite` mode upgrades an older schema. The
    /// blocking open runs on a Dispatch worker, off Swift's cooperative pool.
    public static func open(at path: String, mode: LedgerFile.OpenMode, rules: LedgerRules) async throws -> SQLiteLedger {
        try await offPool { SQLiteLedger(try LedgerFile.open(at: path, mode: mode, rules: rules)) }
    }

    /// Creates the ledger file at `path` holding its genesis entry, then `more` (a template's
    /// chart of accounts and settings), and its local settings, in one transaction; on any
    /// failure no file is left behind (see `LedgerFile.createLedger`). `origin` names the log.
    public static func create(
        at path: String, origin: String, genesis: EntryDraft, then more: [EntryDraft], keys: WriteKeys,
        localSettings: [String: String], rules: LedgerRules
    ) async throws -> SQLiteLedger {
        try await offPool {
            SQLiteLedger(try LedgerFile.createLedger(
                at: path, origin: origin, genesis: genesis, then: more, keys: keys, localSettings: localSettings, rules: rules))
        }
    }

    /// Runs one blocking call on a Dispatch worker, with the store's error mapping. The result
    /// moves to the caller (`consume`): the worker keeps no reference to the file it opened, so
    /// the caller's task closes it by releasing the last.
    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let result = Result { try StorageErrors.mapping { try body() } }
                continuation.resume(with: consume result)
            }
        }
    }
}
