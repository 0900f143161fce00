import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore

/// The ledger every conformance test starts from, written through the seam only: a genesis entry
/// (admin and log keys), alice registered as fund manager, accounts 1100 (asset) and 4100
/// (revenue). Core rules only: the suite tests the store, not a rule set.
enum ConformanceLedger {
    static let admin = key(31)
    static let log = key(32)
    static let alice = key(33)
    static let stranger = key(34)
    static let origin = "conformance.test/ledger"
    static let date = try! LedgerDate(parsing: "2026-03-01")
    static var adminKeys: WriteKeys { WriteKeys(author: admin, log: log) }
    static var aliceKeys: WriteKeys { WriteKeys(author: alice, log: log) }
    /// Entries written by ``start(_:)``.
    static let startCount: UInt64 = 4

    /// Makes a store of `factory` holding the starting ledger.
    static func start(_ factory: any StoreFactory) async throws -> any StoreUnderTest {
        let made = try await factory.makeEmpty(rules: .core)
        let records = [
            KeyRecord(publicKey: admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: date, data: JSONObject([
            ("fund_name", .string("Conformance")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ]))
        try await made.store.append([genesis], keys: adminKeys, origin: origin)
        guard case .object(let data) = KeyRecord(
            publicKey: alice.publicKey, holder: "alice", name: "Alice", roles: [.fundManager]).jsonValue
        else { throw StoreError(.badInput, "a key record is an object") }
        try await made.store.append([EntryDraft(kind: .keyRegister, date: date, data: data)], keys: adminKeys, origin: nil)
        try await made.store.append(["1100", "4100"].map { code in
            EntryDraft(kind: .accountOpen, date: date, data: JSONObject([
                ("code", .string(code)), ("name", .string(code)), ("type", .string(code == "1100" ? "asset" : "revenue")),
            ]))
        }, keys: aliceKeys, origin: nil)
        return made
    }

    /// A balanced voucher of `minor` cents: cash against revenue.
    static func voucher(_ minor: Int64, ref: String? = nil, account: String = "1100") -> EntryDraft {
        let usd = Currency.usd
        return EntryDraft(kind: .voucher, date: date, ref: ref, memo: "v", postings: [
            Posting(account: try! AccountCode(account), amount: Amount(minorUnits: minor, currency: usd), value: Amount(minorUnits: minor, currency: usd)),
            Posting(account: try! AccountCode("4100"), amount: Amount(minorUnits: -minor, currency: usd), value: Amount(minorUnits: -minor, currency: usd)),
        ])
    }

    private static func key(_ byte: UInt8) -> Ed25519PrivateKey {
        try! Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
    }
}

/// Drafts from an array.
struct DraftList: DraftSource {
    var drafts: [EntryDraft]
    var index = 0

    mutating func next() throws -> (draft: EntryDraft, origin: String)? {
        guard index < drafts.count else { return nil }
        index += 1
        return (drafts[index - 1], "item \(index)")
    }
}

/// What a refused write must leave unchanged: the store's content as its readers see it.
struct StoreContent: Equatable {
    let entryCount: UInt64
    let latestNote: String?
    let trialBalance: String
    let accounts: String
    let keys: Int
    let records: String
    let raw: [Data]?

    init(_ made: any StoreUnderTest) async throws {
        let store = made.store
        entryCount = try await store.entryCount()
        latestNote = try await store.storedNote(size: nil)?.note
        trialBalance = "\(try await store.trialBalance(asOf: nil))"
        accounts = "\(try await store.accounts().map { "\($0)" })"
        keys = try await store.keys().count
        records = "\(try await store.allFundRecords().map { "\($0)" })"
        raw = try made.rawBytes()
    }
}
