import LedgerJournal
import LedgerStore

/// A ledger schema is a `StoreSnapshot`: each query runs in a read transaction of its own, or,
/// inside ``PostgresLedger/read(_:)``, in the one REPEATABLE READ transaction that call holds.
extension LedgerSchema: StoreSnapshot {
    func withRuleState<T>(_ body: (any LedgerStateReading) throws -> T) throws -> T {
        try read { try body(try PostgresStoreState(self)) }
    }

    func replayForSigning(threads: Int) throws -> (verification: StoreVerification, keys: [KeyState]) {
        let (verification, keys) = try replay(threads: threads, collecting: false, checksSignatures: false, progress: nil)
        return (verification, keys)
    }
}
