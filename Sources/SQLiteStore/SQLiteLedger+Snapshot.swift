import Dispatch
public import LedgerStore

extension SQLiteLedger {
    /// Runs `body` over one consistent snapshot of the file: one read transaction holds for
    /// every query `body` makes, on a Dispatch worker (never the cooperative pool).
    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreSnapshot) throws -> T) async throws -> T {
        let file = file
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try file.read { _ in try body(file) } })
            }
        }
    }
}
