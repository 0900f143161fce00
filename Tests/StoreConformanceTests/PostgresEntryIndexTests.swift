import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import LedgerStore
@testable import PostgresStore
import Testing

/// The PostgreSQL store's entry_index table (schema 3): every entry's date, kind and accounts,
/// written with the entry, by which a report finds the entries of a window of dates and sums
/// their postings per shape of entry. It is derived, so `vtf
/// verify` compares it with the entry bytes, and a ledger made before it gets it filled.
@Suite("The PostgreSQL store: the entry index")
struct PostgresEntryIndexTests {
    static let enabled = PostgresStoreTests.serverGiven || PostgresStoreTests.serverRequired

    /// A ledger with vouchers on several days, and a session on its schema as the owner.
    private static func ledger(_ settings: PostgresConnectionSettings) async throws -> (any StoreUnderTest, PostgresSession, PostgresConnectionSettings) {
        let made = try await ConformanceLedger.start(PostgresFactory(base: settings))
        let days = ["2026-03-31", "2026-04-01", "2026-04-30", "2026-05-01"]
        for (index, day) in days.enumerated() {
            try await made.store.append([try AccountQueriesConformanceTests.voucher(day, usd: Int64(100 + index), ref: "D\(index)")],
                                        keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        guard let under = made as? PostgresUnderTest else { throw StoreError(.badInput, "a PostgreSQL store") }
        return (made, try PostgresSession.connect(under.settings), under.settings)
    }

    /// The entry_index rows, as "seq date kind accounts".
    private static func rows(_ session: PostgresSession) throws -> [String] {
        try session.rows("SELECT seq, date, kind, accounts FROM entry_index ORDER BY seq").map {
            "\(try $0.natural(0)) \(try $0.text(1)) \(try $0.text(2)) \(try $0.text(3))"
        }
    }

    @Test(.enabled(if: enabled))
    func everyEntryHasItsDateAndVerifyComparesThem() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let (made, session, _) = try await Self.ledger(settings)
        defer { session.close(); made.remove() }
        var expected: [String] = []
        for seq in 0..<(try await made.store.entryCount()) {
            let body = try #require(try await made.store.entry(at: seq)).body
            expected.append("\(seq) \(body.date) \(body.kind.rawValue) \(body.postings.map(\.account.rawValue).joined(separator: " "))")
        }
        #expect(try Self.rows(session) == expected)
        #expect(expected.count == Int(ConformanceLedger.startCount) + 4)
        #expect(expected[4] == "4 2026-03-31 \(EntryKind.voucher.rawValue) 4100 1100" && expected[0] == "0 2026-03-01 \(EntryKind.genesis.rawValue) ")
        #expect(try await made.store.verify(threads: 1).differences.isEmpty)

        // A row changed outside vtf: verify stops at it, reconcile names it.
        try session.execute("UPDATE entry_index SET date = '2026-04-15' WHERE seq = 4")
        do {
            _ = try await made.store.verify(threads: 1)
            Issue.record("verify passed a changed entry date")
        } catch let failure as VerificationFailure {
            #expect(failure.seq == 4 && failure.reason.contains("entry_index table") && failure.reason.contains("2026-04-15"))
        }
        let found = try await made.store.reconcileDerived(threads: 1).differences
        #expect(found.contains { $0.contains("entry 4") && $0.contains("entry_index table") })
        // A row missing, and a row for an entry the journal does not have.
        try session.execute("UPDATE entry_index SET date = '2026-03-31' WHERE seq = 4")
        try session.execute("UPDATE entry_index SET kind = 'account.open' WHERE seq = 6")
        #expect(try await made.store.reconcileDerived(threads: 1).differences.contains { $0.contains("entry 6") && $0.contains("account.open") })
        try session.execute("UPDATE entry_index SET kind = $1, accounts = '1100 4100' WHERE seq = 6", [.text(EntryKind.voucher.rawValue)])
        #expect(try await made.store.reconcileDerived(threads: 1).differences.contains { $0.contains("entry 6") && $0.contains("1100 4100") })
        try session.execute("UPDATE entry_index SET accounts = '4100 1100' WHERE seq = 6")
        try session.execute("DELETE FROM entry_index WHERE seq = 5")
        #expect(try await made.store.reconcileDerived(threads: 1).differences.contains { $0.contains("entry 5") && $0.contains("is missing") })
        try session.execute("INSERT INTO entry_index (seq, date, kind, accounts) VALUES (5, '2026-04-01', $1, '4100 1100'), (99, '2026-04-01', $1, '')", [.text(EntryKind.voucher.rawValue)])
        #expect(try await made.store.reconcileDerived(threads: 1).differences == ["entry_index table: it has rows for entries the journal does not have"])
    }

    @Test(.enabled(if: enabled))
    func aLedgerOfSchemaTwoGetsItsDatesWhenMigrated() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let (made, session, schema) = try await Self.ledger(settings)
        defer { session.close(); made.remove() }
        let before = try Self.rows(session)
        // The ledger as schema 2 left it: no entry_index table, 0003 not run.
        try session.execute("DROP TABLE entry_index")
        try session.execute("DELETE FROM schema_migrations WHERE name = '0003_entry_index.sql'")
        await #expect(throws: StoreError.self) { try await PostgresLedger.open(schema, rules: .core) }
        #expect(try await PostgresLedger.migrate(schema) == ["0003_entry_index.sql"])
        #expect(try Self.rows(session) == before)
        let reopened = try await PostgresLedger.open(schema, rules: .core)
        #expect(try await reopened.verify(threads: 1).differences.isEmpty)
        let window = try await reopened.read { try $0.entries(ofKinds: [.voucher], from: try LedgerDate(parsing: "2026-04-01"), through: try LedgerDate(parsing: "2026-04-30")) }
        #expect(window.map(\.ref) == ["D1", "D2"])
    }

    /// A balance as of a date read as the running balances less the later postings (the way
    /// taken when the server's statistics say most postings are on or before it) is the sum of
    /// every posting on or before it, worked out from the entries read whole.
    @Test(.enabled(if: enabled))
    func aBalanceIsTheRunningBalancesLessWhatCameAfter() async throws {
        let settings = try PostgresStoreTests.server()
        defer { PostgresStoreTests.drop(settings) }
        let (made, session, schema) = try await Self.ledger(settings)
        defer { session.close(); made.remove() }
        try await made.store.append([try AccountQueriesConformanceTests.voucher("2026-04-02", usd: 40, eur: 75, ref: "E1")],
                                    keys: ConformanceLedger.aliceKeys, origin: nil)
        var bodies: [EntryBody] = []
        for seq in 0..<(try await made.store.entryCount()) { bodies.append(try #require(try await made.store.entry(at: seq)).body) }
        let ledger = LedgerSchema(session: try PostgresSession.connect(schema), rules: .core)
        defer { ledger.session.close() }
        let fund = try #require(try ledger.settings())
        for day in ["2026-02-28", "2026-03-31", "2026-04-01", "2026-04-15", "2026-05-01", "2026-12-31"] {
            let date = try LedgerDate(parsing: day)
            var sums: [String: (amount: Int64, value: Int64, line: TrialBalanceRow?)] = [:]
            for body in bodies where body.date <= date {
                for posting in body.postings {
                    let key = "\(posting.account) \(posting.amount.currency.code)"
                    let known = sums[key] ?? (0, 0, nil)
                    let amount = known.amount + posting.amount.minorUnits
                    let value = known.value + posting.value.minorUnits
                    sums[key] = (amount, value, TrialBalanceRow(
                        account: posting.account, amount: Amount(minorUnits: amount, currency: posting.amount.currency),
                        value: Amount(minorUnits: value, currency: fund.currency)))
                }
            }
            let expected = sums.keys.sorted().compactMap { key in sums[key].flatMap { $0.amount != 0 || $0.value != 0 ? $0.line : nil } }
            let read = try ledger.read { try ledger.balancesLessLater(date, fund) }
            #expect(read == expected, "\(day)")
            #expect(try ledger.trialBalance(asOf: date) == expected, "\(day)")
        }
        #expect(try ledger.read { try ledger.balancesLessLater(try LedgerDate(parsing: "2026-04-01"), fund) }.count == 2)
    }
}
