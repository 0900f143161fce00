@testable import BankReconciliationBooking
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import LedgerStore
import Reconciliation
import SQLiteStore
import Testing

/// The bank reconciliation use case called as a library, without the command line: a ledger
/// whose cash account 1100 holds a receipt B-1 (USD 500.00) and a payment TRY-1 (USD 300.00)
/// on 2026-03-01, and a bank statement with both and USD 2.50 of charges the books lack:
/// closing 500.00 − 300.00 − 2.50 = 197.50 against the books' 200.00.
@Suite("Bank reconciliation booking, as a library")
struct BankReconciliationBookingTests {
    static let statement = """
        :20:STMT-2026-03
        :25:BE71096123456769
        :28C:1/1
        :60F:C260301USD0,
        :61:2603020302C500,00NTRFNONREF//BNK-0001
        :86:?00SEPA CREDIT?20EREF+B-1?32KINGDOM OF BELGIUM
        :61:2603030303D300,00NTRFTRY-1//BNK-0002
        :86:TREASURY CONVERSION
        :61:2603040304D2,50NCHGNONREF//BNK-0003
        :86:Bank charges March
        :62F:C260331USD197,50
        -

        """

    @Test func matchesBooksOnceAndMatchesByBankIDAfterwards() async throws {
        let books = try Books()
        defer { books.remove() }
        let path = try books.write("march.sta", Self.statement)
        let store = books.file.store
        let run = try await store.read { try BankReconciliation.reconcile(BankReconciliationRequest(statements: [path], account: "1100"), in: $0) }
        #expect(run.result.matches.count == 2)
        #expect(run.result.counts.matchedByRule[.reference] == 2)
        #expect(run.unmatchedBankCount == 1 && run.charges.map(\.amount.decimalString) == ["-2.50"])
        #expect(run.bookBalance.decimalString == "200.00" && run.closing.amount.decimalString == "197.50")
        #expect(!run.agrees)
        #expect(run.input.fileName == "march.sta" && run.input.lineCount == 3)

        let booking = try await run.book(in: store, date: { try LedgerDate(parsing: "2026-03-31") }, keys: { Books.aliceKeys })
        guard case .booked(let seq, let pairs, let charges) = booking else { Issue.record("\(booking)"); return }
        #expect(pairs == 2 && charges.isEmpty, "a ledger without controlled bank charges requests none")
        let entry = try #require(try books.file.entries(ofKinds: [.bankReconcile]).first)
        #expect(entry.seq == seq && entry.ref == run.bookingRef)
        #expect(entry.data["pairs"]?.arrayValue?.count == 2)

        // The same statement again: nothing is written, and neither the date nor the keys are asked for.
        let before = try books.bytes()
        let again = try await run.book(in: store, date: { throw Refused() }, keys: { throw Refused() })
        #expect(again == .alreadyBooked(seq: seq))
        #expect(try books.bytes() == before)

        // Reconciled again, the committed pairs match by the bank's id (rule 1).
        let rerun = try await store.read { try BankReconciliation.reconcile(BankReconciliationRequest(statements: [path], account: "1100"), in: $0) }
        #expect(rerun.result.counts.matchedByRule[.bankID] == 2, "\(rerun.result.counts.matchedByRule)")
    }

    /// Two commits of one statement that both looked before either wrote: the one whose write
    /// comes second is refused by the rules (a duplicate ref) and reports the first one's entry.
    @Test func theCommitThatLosesTheRaceFindsTheStatementBooked() async throws {
        let books = try Books()
        defer { books.remove() }
        let path = try books.write("march.sta", Self.statement)
        let store = books.file.store
        let run = try await store.read { try BankReconciliation.reconcile(BankReconciliationRequest(statements: [path], account: "1100"), in: $0) }
        #expect(try await run.bookedSeq(in: store) == nil)
        let day = try LedgerDate(parsing: "2026-03-31")
        let first = try run.drafts(date: day, chargesControlled: false)
        let second = try run.drafts(date: day, chargesControlled: false)
        let won = try await run.append(to: store, drafts: first, keys: Books.aliceKeys)
        guard case .booked(let seq, let pairs, _) = won else { Issue.record("\(won)"); return }
        #expect(pairs == 2)
        let count = try await store.entryCount()
        let before = try books.bytes()
        let lost = try await run.append(to: store, drafts: second, keys: Books.aliceKeys)
        #expect(lost == .alreadyBooked(seq: seq))
        #expect(try await store.entryCount() == count)
        #expect(try books.bytes() == before)
        #expect(try await store.entries(ofKinds: [.bankReconcile]).map(\.seq) == [seq])
    }

    /// The same statement committed at once through two connections to the file: one books it.
    @Test func concurrentCommitsOnTwoConnectionsBookOnce() async throws {
        let books = try Books()
        defer { books.remove() }
        let path = try books.write("march.sta", Self.statement)
        let connections: [any LedgerWriting] = [books.file.store, try await SQLiteLedger.open(at: books.path, mode: .readWrite, rules: .core)]
        let run = try await connections[0].read {
            try BankReconciliation.reconcile(BankReconciliationRequest(statements: [path], account: "1100"), in: $0)
        }
        let outcomes = try await withThrowingTaskGroup(of: BankReconciliation.Booking.self) { group in
            for store in connections {
                group.addTask { try await run.book(in: store, date: { try LedgerDate(parsing: "2026-03-31") }, keys: { Books.aliceKeys }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let booked = outcomes.compactMap { if case .booked(let seq, _, _) = $0 { seq } else { nil } }
        let found = outcomes.compactMap { if case .alreadyBooked(let seq) = $0 { seq } else { nil } }
        #expect(booked.count == 1 && found == booked, "\(outcomes)")
        #expect(try await connections[1].entries(ofKinds: [.bankReconcile]).map(\.seq) == booked)
    }

    @Test func refusalsCarryStableCodesAndLeaveTheLedgerAlone() throws {
        let books = try Books()
        defer { books.remove() }
        let path = try books.write("march.sta", Self.statement)
        let garbage = try books.write("notes.txt", "hello\n")
        let twoAccounts = try books.write("two.sta", Self.statement + Self.statement.replacingOccurrences(of: "BE71096123456769", with: "BE68539007547034"))
        let before = try books.bytes()
        let cases: [(BankReconciliationRequest, BankReconciliationError.Code)] = [
            (BankReconciliationRequest(statements: [path], account: "1100", windowDays: 32), .badWindow),
            (BankReconciliationRequest(statements: [path], account: "1999"), .unknownAccount),
            (BankReconciliationRequest(statements: [], account: "1100"), .noStatement),
            (BankReconciliationRequest(statements: [books.dir], account: "1100"), .unreadableFile),
            (BankReconciliationRequest(statements: [garbage], account: "1100"), .unknownFormat),
            (BankReconciliationRequest(statements: [path], statementFormat: "pdf", account: "1100"), .unknownFormat),
            (BankReconciliationRequest(statements: [path], encoding: "klingon", account: "1100"), .badEncoding),
            (BankReconciliationRequest(statements: [path], account: "1100", bankAccount: "CH9300762011623852957"), .noSuchBankAccount),
            (BankReconciliationRequest(statements: [twoAccounts], account: "1100"), .severalAccounts),
        ]
        for (request, code) in cases {
            do {
                _ = try BankReconciliation.reconcile(request, in: books.file)
                Issue.record("expected \(code.rawValue)")
            } catch let error as BankReconciliationError {
                #expect(error.code == code, "\(error.code.rawValue): \(error.message)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(try books.bytes() == before)
    }
}

private struct Refused: Error {}

/// A small core ledger in its own folder: alice (fund manager), accounts 1100 (cash) and 4100,
/// and the two vouchers the statement shows.
private struct Books {
    static let admin = key(41)
    static let log = key(42)
    static let alice = key(43)
    static var aliceKeys: WriteKeys { WriteKeys(author: alice, log: log) }

    let dir: String
    let file: LedgerFile
    var path: String { dir + "/books.ledger" }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vtf-bankbooking-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let day = try LedgerDate(parsing: "2026-03-01")
        let records = [
            KeyRecord(publicKey: Self.admin.publicKey, holder: "ana", name: "Ana", roles: [.admin]),
            KeyRecord(publicKey: Self.log.publicKey, holder: "log", name: "log", roles: [.log]),
        ]
        let genesis = EntryDraft(kind: .genesis, date: day, data: JSONObject([
            ("fund_name", .string("Bank test")), ("currency", .string("USD")), ("keys", .array(records.map(\.jsonValue))),
        ]))
        let adminKeys = WriteKeys(author: Self.admin, log: Self.log)
        file = try LedgerFile.createLedger(
            at: dir + "/books.ledger", origin: "bank.test/ledger", genesis: genesis, keys: adminKeys, localSettings: [:], rules: .core)
        guard case .object(let data) = KeyRecord(publicKey: Self.alice.publicKey, holder: "alice", name: "Alice", roles: [.fundManager]).jsonValue
        else { throw Refused() }
        try file.append([EntryDraft(kind: .keyRegister, date: day, data: data)], keys: adminKeys)
        try file.append(["1100", "4100"].map { code in
            EntryDraft(kind: .accountOpen, date: day, data: JSONObject([
                ("code", .string(code)), ("name", .string(code)), ("type", .string(code == "1100" ? "asset" : "revenue")),
            ]))
        }, keys: Self.aliceKeys)
        try file.append([Self.voucher(50_000, ref: "B-1", date: day), Self.voucher(-30_000, ref: "TRY-1", date: day)], keys: Self.aliceKeys)
    }

    static func voucher(_ minor: Int64, ref: String, date: LedgerDate) -> EntryDraft {
        let cash = try! AccountCode("1100")
        let revenue = try! AccountCode("4100")
        return EntryDraft(kind: .voucher, date: date, ref: ref, memo: "v", postings: [
            Posting(account: cash, amount: Amount(minorUnits: minor, currency: .usd), value: Amount(minorUnits: minor, currency: .usd)),
            Posting(account: revenue, amount: Amount(minorUnits: -minor, currency: .usd), value: Amount(minorUnits: -minor, currency: .usd)),
        ])
    }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    func bytes() throws -> [Data] {
        try ["", "-wal"].map { suffix in
            FileManager.default.fileExists(atPath: path + suffix) ? try Data(contentsOf: URL(fileURLWithPath: path + suffix)) : Data()
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

private func key(_ byte: UInt8) -> Ed25519PrivateKey {
    try! Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
}
