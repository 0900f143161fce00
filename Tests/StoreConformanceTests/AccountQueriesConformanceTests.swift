import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import LedgerStore
import Testing

/// The snapshot's queries on one account (what a bank reconciliation reads: the account's
/// postings with their line numbers, its balance on a day, its currencies), checked against
/// figures worked out independently from the journal's own entries.
@Suite("Store conformance: one account's postings, balance and currencies")
struct AccountQueriesConformanceTests {
    static let cash = try! AccountCode("1100")
    static let revenue = try! AccountCode("4100")

    /// A voucher dated `day` moving `usd` cents of cash against revenue and, when given, `eur`
    /// cents of cash in euros (valued 1:1) against revenue in euros.
    static func voucher(_ day: String, usd: Int64, eur: Int64? = nil, ref: String) throws -> EntryDraft {
        func posting(_ account: AccountCode, _ minor: Int64, _ currency: Currency) -> Posting {
            Posting(account: account, amount: Amount(minorUnits: minor, currency: currency), value: Amount(minorUnits: minor, currency: .usd))
        }
        var postings = [posting(revenue, -usd, .usd), posting(cash, usd, .usd)]
        if let eur {
            let euro = try Currency(code: "EUR")
            postings += [posting(cash, eur, euro), posting(revenue, -eur, euro)]
        }
        return EntryDraft(kind: .voucher, date: try LedgerDate(parsing: day), ref: ref, memo: "memo \(ref)", postings: postings)
    }

    @Test("postings, balance and currencies agree with the journal's entries", arguments: StoreFactories.all)
    func accountQueriesAgreeWithTheJournal(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([try Self.voucher("2026-03-02", usd: 500, ref: "A1"), try Self.voucher("2026-03-09", usd: 250, eur: 700, ref: "A2")],
                               keys: ConformanceLedger.aliceKeys, origin: nil)
        try await store.append([try Self.voucher("2026-03-20", usd: -125, ref: "A3")], keys: ConformanceLedger.aliceKeys, origin: nil)
        let undone = try #require(try await store.entries(ofKinds: [.voucher]).first { $0.ref == "A1" })
        try await store.append([EntryDraft(
            kind: .reversal, date: try LedgerDate(parsing: "2026-03-10"), memo: "undo", postings: try LedgerRules.negated(undone.postings),
            data: JSONObject([("reverses", .integer(Int64(undone.seq)))]))], keys: ConformanceLedger.aliceKeys, origin: nil)

        // The independent figures: every posting of every entry, read one entry at a time.
        var all: [AccountPosting] = []
        for seq in 0..<(try await store.entryCount()) {
            let body = try #require(try await store.entry(at: seq)).body
            for (line, posting) in body.postings.enumerated() {
                guard posting.account == Self.cash else { continue }
                all.append(AccountPosting(
                    seq: body.seq, line: line, date: body.date, amount: posting.amount, kind: body.kind.rawValue, ref: body.ref,
                    memo: body.memo, data: body.kind == .voucher ? [:] : body.data))
            }
        }
        let eur = try Currency(code: "EUR")
        let (from, through, day) = (try LedgerDate(parsing: "2026-03-02"), try LedgerDate(parsing: "2026-03-10"), try LedgerDate(parsing: "2026-03-09"))
        func expected(_ currency: Currency, from: LedgerDate, through: LedgerDate) -> [AccountPosting] {
            all.filter { $0.amount.currency == currency && $0.date >= from && $0.date <= through }
        }
        func balance(_ currency: Currency, asOf date: LedgerDate) -> Int64 {
            all.filter { $0.amount.currency == currency && $0.date <= date }.reduce(0) { $0 + $1.amount.minorUnits }
        }

        let seen = try await store.read { ledger in
            (try ledger.accountPostings(Self.cash, currency: .usd, from: from, through: through),
             try ledger.accountPostings(Self.cash, currency: eur, from: from, through: through),
             try ledger.accountBalance(Self.cash, currency: .usd, asOf: day), try ledger.accountBalance(Self.cash, currency: eur, asOf: day),
             try ledger.accountBalance(Self.cash, currency: .usd, asOf: try LedgerDate(parsing: "2026-12-31")),
             try ledger.accountCurrencies(Self.cash), try ledger.accountCurrencies(Self.revenue),
             try ledger.accountPostings(try AccountCode("1200"), currency: .usd, from: from, through: through))
        }
        #expect(seen.0 == expected(.usd, from: from, through: through))
        #expect(seen.1 == expected(eur, from: from, through: through))
        #expect(seen.2 == Amount(minorUnits: balance(.usd, asOf: day), currency: .usd))
        #expect(seen.3 == Amount(minorUnits: balance(eur, asOf: day), currency: eur))
        #expect(seen.4 == Amount(minorUnits: balance(.usd, asOf: try LedgerDate(parsing: "2026-12-31")), currency: .usd))
        #expect(seen.5 == Set(all.map(\.amount.currency)))
        #expect(seen.6 == [.usd, eur])
        #expect(seen.7.isEmpty)
        // The figures are the ledger's, not empty ones that happen to agree: A1 (line 1), A2
        // (line 1 in USD, line 2 in EUR) and the reversal of A1 on 2026-03-10; A3 is later.
        #expect(seen.0.map { "\($0.seq)/\($0.line)" } == ["\(undone.seq)/1", "\(undone.seq + 1)/1", "\(undone.seq + 3)/1"])
        #expect(seen.1.map(\.line) == [2] && seen.1.first?.amount.minorUnits == 700)
        #expect(seen.0.last?.kind == "reversal" && seen.0.last?.data["reverses"]?.integerValue == Int64(undone.seq))
        #expect(seen.0.first?.memo == "memo A1" && seen.0.first?.data.isEmpty == true)
        #expect(seen.2.minorUnits == 750 && seen.3.minorUnits == 700 && seen.4.minorUnits == 125)
    }
}
