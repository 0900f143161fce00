import LedgerJournal
import LedgerStore

/// A ledger schema is the blocking side of ``PostgresLedger`` and a `StoreSnapshot`: each query runs in a read transaction of its own, or,
/// inside ``PostgresLedger/read(_:)``, in the one REPEATABLE READ transaction that call holds.
extension LedgerSchema: BlockingLedger {
    func withRuleState<T>(_ body: (any LedgerStateReading) throws -> T) throws -> T {
        try read { try body(try PostgresStoreState(self)) }
    }

    func replayForSigning(threads: Int) throws -> (verification: StoreVerification, keys: [KeyState]) {
        let (verification, keys) = try replay(threads: threads, collecting: false, checksSignatures: false, progress: nil)
        return (verification, keys)
    }

    func verify(threads: Int, progress: ((UInt64) -> Void)?) throws -> StoreVerification {
        try verify(threads: threads, collecting: false, progress: progress)
    }

    func reconcileDerived(threads: Int, progress: ((UInt64) -> Void)?) throws -> StoreVerification {
        try verify(threads: threads, collecting: true, progress: progress)
    }
}
