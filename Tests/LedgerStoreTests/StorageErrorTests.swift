import Foundation
import GRDB
import LedgerStore
import SQLiteStore
import Testing

/// No GRDB error leaves SQLiteStore: callers (the CLI) see vtf's own StoreError.
@Suite("SQLite errors become StoreErrors")
struct StorageErrorTests {
    @Test func aSQLiteFailureIsAStoreErrorOfKindSystem() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        // A table the queries read is gone (a damaged or hand-edited file).
        try await DatabaseQueue(path: fixture.path).write { try $0.execute(sql: "DROP TABLE balances") }
        let file = try fixture.open(.readOnly)
        func isMapped(_ error: any Error) -> Bool {
            guard let store = error as? StoreError else { return false }
            return store.code == .io && store.kind == .system && store.message.hasPrefix("storage failure: SQLite error 1: no such table: balances")
        }
        #expect(performing: { try file.trialBalance(asOf: nil) }, throws: isMapped)
        await #expect(performing: { try await file.store.trialBalance(asOf: nil) }, throws: isMapped)
    }
}
