import Foundation
import LedgerJournal
import LedgerStore
import SQLiteStore

/// A kind of store the conformance suite runs against. A new store (PostgreSQL) joins the suite
/// by adding its factory to ``StoreFactories/all``; every test then runs against it too.
protocol StoreFactory: Sendable, CustomStringConvertible {
    /// A new store holding nothing (no genesis entry yet), writing under `rules`.
    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest
}

/// One store made for a test.
protocol StoreUnderTest: Sendable {
    /// The store, through the seam only.
    var store: any LedgerWriting { get }
    /// Another handle on the same store: a new connection (SQLite: the file opened again), as a
    /// second writer would hold.
    func connect() async throws -> any LedgerWriting
    /// The store's own bytes, where it has them (SQLite: the file and its -wal), to show a
    /// refused write left it byte-identical; nil for a store without such bytes.
    func rawBytes() throws -> [Data]?
    /// Removes the store.
    func remove()
}

enum StoreFactories {
    /// Every store kind the suite checks.
    static let all: [any StoreFactory] = [SQLiteFactory()]
}

/// SQLite: a ledger file in a temporary folder.
struct SQLiteFactory: StoreFactory {
    var description: String { "SQLite" }

    func makeEmpty(rules: LedgerRules) async throws -> any StoreUnderTest {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-conformance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/c.ledger"
        return SQLiteUnderTest(dir: dir, path: path, rules: rules, store: try LedgerFile.create(at: path, rules: rules).store)
    }
}

struct SQLiteUnderTest: StoreUnderTest {
    let dir: String
    let path: String
    let rules: LedgerRules
    let store: any LedgerWriting

    init(dir: String, path: String, rules: LedgerRules, store: SQLiteLedger) {
        self.dir = dir
        self.path = path
        self.rules = rules
        self.store = store
    }

    func connect() async throws -> any LedgerWriting { try LedgerFile.open(at: path, mode: .readWrite, rules: rules).store }

    func rawBytes() throws -> [Data]? {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
