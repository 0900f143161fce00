import Dispatch
import LedgerCore
import LedgerCrypto
public import LedgerJournal
public import LedgerStore
import TransparencyLog

/// A vtf ledger in a schema of a PostgreSQL database, seen through the store seam
/// (`LedgerReading`, `LedgerWriting`): the same journal bytes, checkpoints and derived tables as
/// a SQLite ledger file.
///
/// A ledger holds one connection, and runs every call on a serial Dispatch queue of its own,
/// where it blocks on postgres-nio's futures: never on an event loop or the cooperative pool.
/// Reads inside ``read(_:)`` are one REPEATABLE READ transaction. Appends take the ledger's
/// transaction-scoped advisory lock first, so writers on any number of connections and
/// machines form one chain. Every server or connection error is a `StoreError`, without the
/// password.
public final class PostgresLedger: BlockingLedgerStore, Sendable {
    /// Where the ledger lives (without its password in any message).
    public let settings: PostgresConnectionSettings
    /// The rules the ledger's entries are written and verified under.
    public let rules: LedgerRules
    private let schema: UncheckedSendable<LedgerSchema>
    private let queue: DispatchQueue

    init(schema: LedgerSchema) {
        self.settings = schema.session.settings
        self.rules = schema.rules
        self.schema = UncheckedSendable(schema)
        self.queue = DispatchQueue(label: "vtf.postgres-store")
    }

    /// Runs one blocking call on the ledger's queue (one at a time: the connection is the
    /// queue's), off the cooperative pool; postgres-nio's errors leave as `StoreError`s.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any BlockingLedger) throws -> T) async throws -> T {
        try await runOnSchema(body)
    }

    /// Runs `body` on the ledger's queue with its schema (creating a ledger).
    func onSchema<T: Sendable>(_ body: @escaping @Sendable (LedgerSchema) throws -> T) async throws -> T {
        try await runOnSchema(body)
    }

    private func runOnSchema<T: Sendable>(_ body: @escaping @Sendable (LedgerSchema) throws -> T) async throws -> T {
        let schema = schema
        let settings = settings
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    do { return try body(schema.value) } catch { throw PostgresErrors.mapped(error, settings) }
                })
            }
        }
    }

    /// Closes the connection once the calls queued before it are done.
    public func close() async {
        let schema = schema
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                schema.value.session.close()
                continuation.resume()
            }
        }
    }

    /// Runs `body` over one consistent snapshot of the ledger: one REPEATABLE READ, read-only
    /// transaction holds for every query `body` makes, on the ledger's queue.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSnapshot) throws -> T) async throws -> T {
        try await runOnSchema { schema in try schema.read { try body(schema) } }
    }
}
