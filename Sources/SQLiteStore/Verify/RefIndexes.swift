import Foundation
import GRDB
public import LedgerJournal
import LedgerStore

extension JournalRefIndex {
    /// The index of the file's journal table (LedgerStore's query).
    convenience init(db: Database) throws {
        self.init(repeated: Set(try Int64.fetchAll(db, sql: Self.query).map { UInt64($0) }))
    }
}

/// Refs kept in a temporary SQLite file that is deleted when done, so verifying a journal of any
/// length (an audit bundle) needs no memory per entry. New refs wait in a small set and go to the
/// file a few thousand at a time, in one transaction.
public final class TemporaryRefIndex: RefIndex {
    static let flushCount = 4096

    private let queue: DatabaseQueue
    private let path: String
    private var pending: Set<String> = []
    /// Answers "certainly new" for almost every ref without a query; fixed size (8 MiB).
    private var filter = BloomFilter()

    /// Creates the temporary file (in the system's temporary folder); throws `StoreError` if SQLite cannot.
    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-refs-\(UUID().uuidString).sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8192")
        }
        let path = path
        queue = try StorageErrors.mapping {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE refs (key TEXT PRIMARY KEY) WITHOUT ROWID")
            }
            return queue
        }
    }

    deinit {
        try? queue.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Whether an entry of `kind` before `seq` used `ref` (every ref inserted so far counts).
    public func contains(kind: EntryKind, ref: String, before seq: UInt64) throws -> Bool {
        let key = Self.key(kind, ref)
        guard filter.mayContain(key) else { return false }
        if pending.contains(key) { return true }
        return try StorageErrors.mapping {
            try queue.inDatabase { db in
                try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM refs WHERE key = ?)"), arguments: [key]) ?? false
            }
        }
    }

    /// Records that entry `seq` uses `ref`; writes the waiting refs to the file every few thousand.
    public func insert(kind: EntryKind, ref: String, seq: UInt64) throws {
        let key = Self.key(kind, ref)
        filter.insert(key)
        pending.insert(key)
        guard pending.count >= Self.flushCount else { return }
        let keys = pending
        try StorageErrors.mapping {
            try queue.inTransaction { db in
                let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO refs (key) VALUES (?)")
                for key in keys { try statement.execute(arguments: [key]) }
                return .commit
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    static func key(_ kind: EntryKind, _ ref: String) -> String { kind.rawValue + "\u{1F}" + ref }
}

/// A fixed-size Bloom filter of strings: `mayContain` is false only for strings never inserted.
struct BloomFilter {
    static let wordCount = 1 << 20  // 2^26 bits = 8 MiB
    private var words = [UInt64](repeating: 0, count: wordCount)

    private static func positions(_ key: String) -> [Int] {
        var first = Hasher()
        first.combine(key)
        var second = Hasher()
        second.combine(0x5bd1_e995 as UInt32)
        second.combine(key)
        let a = UInt64(bitPattern: Int64(first.finalize()))
        let b = UInt64(bitPattern: Int64(second.finalize())) | 1
        let bits = UInt64(wordCount * 64)
        return (0..<4).map { Int((a &+ UInt64($0) &* b) % bits) }
    }

    mutating func insert(_ key: String) {
        for bit in Self.positions(key) { words[bit >> 6] |= 1 << UInt64(bit & 63) }
    }

    func mayContain(_ key: String) -> Bool {
        Self.positions(key).allSatisfy { words[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
    }
}
