import CanonicalJSON
import Foundation
import GRDB
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TransparencyLog
import LedgerStore
@testable import SQLiteStore
import Testing

private func key(_ byte: UInt8) -> Ed25519PrivateKey {
    try! Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
}

private let admin = key(11)
private let log = key(12)
private let alice = key(13)
private let date = try! LedgerDate(parsing: "2026-03-01")

/// A new ledger file with alice as fund manager and accounts 1100 and 4100.
private func makeLedger() throws -> (LedgerFile, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/l.ledger"
    let records = [
        KeyRecord(publicKey: admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
        KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
    ]
    let genesis = EntryDraft(kind: .genesis, date: date, data: JSONObject([
        ("fund_name", .string("Store test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
    ]))
    let file = try LedgerFile.createLedger(
        at: path, origin: "store.test/ledger", genesis: genesis, keys: WriteKeys(author: admin, log: log), localSettings: [:], rules: .core)
    guard case .object(let data) = KeyRecord(publicKey: alice.publicKey, holder: "alice", name: "Alice", roles: [.fundManager]).jsonValue else {
        preconditionFailure("a key record is an object")
    }
    try file.append([EntryDraft(kind: .keyRegister, date: date, data: data)], keys: WriteKeys(author: admin, log: log))
    try file.append(["1100", "4100"].map { code in
        EntryDraft(kind: .accountOpen, date: date, data: JSONObject([
            ("code", .string(code)), ("name", .string(code)), ("type", .string(code == "1100" ? "asset" : "revenue")),
        ]))
    }, keys: WriteKeys(author: alice, log: log))
    return (file, path)
}

private func voucher(_ minor: Int64, ref: String? = nil) -> EntryDraft {
    let usd = Currency.usd
    return EntryDraft(kind: .voucher, date: date, ref: ref, memo: "v", postings: [
        Posting(account: try! AccountCode("1100"), amount: Amount(minorUnits: minor, currency: usd), value: Amount(minorUnits: minor, currency: usd)),
        Posting(account: try! AccountCode("4100"), amount: Amount(minorUnits: -minor, currency: usd), value: Amount(minorUnits: -minor, currency: usd)),
    ])
}

private struct ArraySource: DraftSource {
    var drafts: [EntryDraft]
    var index = 0
    mutating func next() throws -> (draft: EntryDraft, origin: String)? {
        guard index < drafts.count else { return nil }
        defer { index += 1 }
        return (drafts[index], "item \(index + 1)")
    }
}

@Suite("The SQLite store")
struct LedgerStoreTests {
    @Test func migrationsRunExactlyTheFilesInSchemas() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/sqlite")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == EmbeddedSchemas.migrations.map(\.name))
        for migration in EmbeddedSchemas.migrations {
            let text = try String(contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)
            #expect(text == migration.sql, "\(migration.name) differs from its embedded copy: run Scripts/embed-schemas")
        }
    }

    @Test func appendThenVerifyAndQuery() throws {
        let (file, _) = try makeLedger()
        try file.append([voucher(1_000), voucher(2_500, ref: "V-2")], keys: WriteKeys(author: alice, log: log))
        let result = try file.verify()
        #expect(result.entryCount == 6 && result.differences.isEmpty)
        let rows = try file.trialBalance(asOf: nil)
        #expect(rows.map(\.amount.minorUnits) == [3_500, -3_500])
        #expect(try file.checkpoint()?.hasPrefix("store.test/ledger\n6\n") == true)
        // One checkpoint per write: sizes 1, 2, 4 (two accounts in one write), 6.
        #expect(try file.checkpoint(size: 2)?.hasPrefix("store.test/ledger\n2\n") == true)
        #expect(try file.checkpoint(size: 3) == nil)
    }

    @Test func bulkAppendChecksEverythingBeforeWriting() throws {
        let (file, path) = try makeLedger()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let drafts = (1...30).map { voucher(Int64($0), ref: "B-\($0)") } + [voucher(5, ref: "B-3")]
        #expect(throws: RuleViolation.self) {
            try file.appendBulk({ ArraySource(drafts: drafts) }, keys: WriteKeys(author: alice, log: log), batchSize: 7)
        }
        #expect(try file.entryCount() == 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let seqs = try file.appendBulk({ ArraySource(drafts: Array(drafts.dropLast())) }, keys: WriteKeys(author: alice, log: log), batchSize: 7, threads: 2)
        #expect(seqs == 4..<34)
        let result = try file.verify()
        #expect(result.entryCount == 34 && result.differences.isEmpty)
        // One checkpoint per batch: 3 writes before, then ⌈30 / 7⌉ = 5 batches.
        #expect(try file.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM checkpoints") } == 3 + 5)
    }

    @Test func concurrentWritersFormOneChain() throws {
        let (_, path) = try makeLedger()
        let group = DispatchGroup()
        let errors = ErrorList()
        for writer in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let file = try LedgerFile.open(at: path, rules: .core)
                    for index in 0..<25 {
                        try file.append([voucher(Int64(index + 1), ref: "W\(writer)-\(index)")], keys: WriteKeys(author: alice, log: log))
                    }
                } catch { errors.add(error) }
            }
        }
        group.wait()
        #expect(errors.isEmpty, "\(errors)")
        let result = try LedgerFile.open(at: path, readOnly: true, rules: .core).verify()
        #expect(result.entryCount == 104 && result.differences.isEmpty)
    }

    @Test func refusalRollsBackEverything() throws {
        let (file, path) = try makeLedger()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // The second draft breaks a rule: the first must not be recorded either.
        #expect(throws: RuleViolation.self) {
            try file.append([voucher(100, ref: "X"), voucher(200, ref: "X")], keys: WriteKeys(author: alice, log: log))
        }
        #expect(try file.entryCount() == 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func openingSomethingElseIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-ledger-\(UUID().uuidString)").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try LedgerFile.open(at: path, rules: .core) } throws: { ($0 as? StoreError)?.code == .notALedger }
        #expect { try LedgerFile.open(at: path + ".missing", rules: .core) } throws: { ($0 as? StoreError)?.code == .notFound }
    }
}

private final class ErrorList: @unchecked Sendable, CustomStringConvertible {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
    var isEmpty: Bool { lock.withLock { errors.isEmpty } }
    var description: String { lock.withLock { errors.joined(separator: "; ") } }
}

@Suite("Ref indexes")
struct RefIndexTests {
    /// The on-disk index used by audit verify: exact across its in-memory and on-disk parts.
    @Test func temporaryRefIndexIsExact() throws {
        let index = try TemporaryRefIndex()
        for number in 0..<10_000 { try index.insert(kind: .voucher, ref: "R-\(number)", seq: UInt64(number)) }
        for number in stride(from: 0, to: 10_000, by: 97) {
            #expect(try index.contains(kind: .voucher, ref: "R-\(number)", before: 20_000))
            #expect(try !index.contains(kind: .reversal, ref: "R-\(number)", before: 20_000))
        }
        for number in 10_000..<10_500 { #expect(try !index.contains(kind: .voucher, ref: "R-\(number)", before: 20_000)) }
    }

    /// The store's index finds refs repeated in the journal table.
    @Test func journalRefIndexFindsRepeats() throws {
        let (file, path) = try makeLedger()
        try file.append([voucher(100, ref: "A"), voucher(200, ref: "B")], keys: WriteKeys(author: alice, log: log))
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP INDEX journal_kind_ref")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT kind, body, sig, leaf_hash FROM journal WHERE seq = 4"))
            try db.execute(
                sql: "INSERT INTO journal (seq, kind, ref, body, sig, leaf_hash) VALUES (6, ?, 'A', ?, ?, ?)",
                arguments: [row[0] as String, row[1] as Data, row[2] as Data, row[3] as Data])
        }
        let refs = try queue.read { db in try JournalRefIndex(db: db) }
        #expect(refs.contains(kind: .voucher, ref: "A", before: 6))
        #expect(!refs.contains(kind: .voucher, ref: "A", before: 4))
        #expect(!refs.contains(kind: .voucher, ref: "B", before: 5))
        try queue.close()
    }
}
