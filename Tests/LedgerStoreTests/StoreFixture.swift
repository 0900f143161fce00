import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TransparencyLog
import LedgerStore
@testable import SQLiteStore

/// A ledger in its own temporary folder, with alice (fund manager) and accounts 1100 and 4100,
/// for the storage-safety tests.
struct StoreFixture {
    static let admin = fixtureKey(21)
    static let log = fixtureKey(22)
    static let alice = fixtureKey(23)
    static let date = try! LedgerDate(parsing: "2026-03-01")
    static var aliceKeys: WriteKeys { WriteKeys(author: alice, log: log) }

    let dir: String
    var path: String { dir + "/s.ledger" }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-storage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let records = [
            KeyRecord(publicKey: Self.admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: Self.log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: Self.date, data: JSONObject([
            ("fund_name", .string("Storage test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ]))
        let adminKeys = WriteKeys(author: Self.admin, log: Self.log)
        let file = try LedgerFile.createLedger(
            at: path, origin: "storage.test/ledger", genesis: genesis, keys: adminKeys, localSettings: [:], rules: .core)
        guard case .object(let data) = KeyRecord(
            publicKey: Self.alice.publicKey, holder: "alice", name: "Alice", roles: [.fundManager]).jsonValue
        else { throw StoreError(.damaged, "a key record is an object") }
        try file.append([EntryDraft(kind: .keyRegister, date: Self.date, data: data)], keys: adminKeys)
        try file.append(["1100", "4100"].map { code in
            EntryDraft(kind: .accountOpen, date: Self.date, data: JSONObject([
                ("code", .string(code)), ("name", .string(code)), ("type", .string(code == "1100" ? "asset" : "revenue")),
            ]))
        }, keys: Self.aliceKeys)
    }

    func open(_ mode: LedgerFile.OpenMode = .readWrite) throws -> LedgerFile { try LedgerFile.open(at: path, mode: mode, rules: .core) }

    /// The bytes of the ledger and its -wal (empty when absent).
    func bytes() throws -> [Data] {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }

    static func voucher(_ minor: Int64, ref: String? = nil) -> EntryDraft {
        let usd = Currency.usd
        let cash = try! AccountCode("1100")
        let revenue = try! AccountCode("4100")
        return EntryDraft(kind: .voucher, date: date, ref: ref, memo: "v", postings: [
            Posting(account: cash, amount: Amount(minorUnits: minor, currency: usd), value: Amount(minorUnits: minor, currency: usd)),
            Posting(account: revenue, amount: Amount(minorUnits: -minor, currency: usd), value: Amount(minorUnits: -minor, currency: usd)),
        ])
    }
}

private func fixtureKey(_ byte: UInt8) -> Ed25519PrivateKey {
    try! Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
}

/// Drafts from an array; `onItem` runs before item `index` (1-based) is handed out.
struct ScriptedSource: DraftSource {
    var drafts: [EntryDraft]
    var onItem: [Int: () throws -> Void] = [:]
    var index = 0

    mutating func next() throws -> (draft: EntryDraft, origin: String)? {
        guard index < drafts.count else { return nil }
        index += 1
        try onItem[index]?()
        return (drafts[index - 1], "item \(index)")
    }
}
