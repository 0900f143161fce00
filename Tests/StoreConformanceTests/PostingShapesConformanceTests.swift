import CanonicalJSON
import LedgerCore
import LedgerJournal
import LedgerStore
import Testing

/// `postingShapes(posting:from:through:)`, which a store answers with sums in SQL, gives the
/// figures of the moving entries read whole (`entries(posting:from:through:)`), shape by shape.
@Suite("Store conformance: an account's postings summed per shape of entry")
struct PostingShapesConformanceTests {
    @Test("the sums per shape are those of the entries read whole; reversals come whole", arguments: StoreFactories.all)
    func shapesAgreeWithTheEntries(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        let keys = ConformanceLedger.aliceKeys
        try await store.append([EntryDraft(kind: .accountOpen, date: ConformanceLedger.date, data: JSONObject([
            ("code", .string("1100.B")), ("name", .string("bank B")), ("type", .string("asset")),
        ]))], keys: ConformanceLedger.aliceKeys, origin: nil)
        let voucher = AccountQueriesConformanceTests.voucher
        try await store.append([
            try voucher("2026-03-02", 500, nil, "A1"), try voucher("2026-03-03", 300, nil, "A2"),  // one shape, twice
            try voucher("2026-03-09", 250, 700, "A3"),  // two cash lines (USD, EUR)
            try voucher("2026-03-20", -125, nil, "A4"),  // the same accounts, the other sign
            try voucher("2026-05-01", 900, nil, "LATE"),  // after the window
        ], keys: keys, origin: nil)
        let usd = Currency.usd
        let sub = try AccountCode("1100.B")
        try await store.append([EntryDraft(kind: .voucher, date: try LedgerDate(parsing: "2026-03-05"), ref: "B1", memo: "bank B", postings: [
            Posting(account: try AccountCode("4100"), amount: Amount(minorUnits: -40, currency: usd), value: Amount(minorUnits: -40, currency: usd)),
            Posting(account: sub, amount: Amount(minorUnits: 40, currency: usd), value: Amount(minorUnits: 40, currency: usd)),
        ])], keys: keys, origin: nil)
        let undone = try #require(try await store.entries(ofKinds: [.voucher]).first { $0.ref == "A2" })
        try await store.append([EntryDraft(
            kind: .reversal, date: try LedgerDate(parsing: "2026-03-10"), memo: "undo", postings: try LedgerRules.negated(undone.postings),
            data: JSONObject([("reverses", .integer(Int64(undone.seq)))]))], keys: keys, origin: nil)

        let cash = AccountQueriesConformanceTests.cash
        let (from, through) = (try LedgerDate(parsing: "2026-03-01"), try LedgerDate(parsing: "2026-03-31"))
        let (fast, whole) = try await store.read { snapshot in
            (try snapshot.postingShapes(posting: cash, from: from, through: through),
             try PostingShapes(try snapshot.entries(posting: cash, from: from, through: through), account: cash, currency: usd))
        }
        #expect(fast.totals == whole.totals)
        #expect(fast.reversing.map(\.entry) == whole.reversing.map(\.entry))
        #expect(fast.reversing.map(\.chain.count) == whole.reversing.map(\.chain.count))
        // The figures are the ledger's: A1 and A2 share a shape (2 postings, 8.00), A4 has the
        // other sign, B1 posts to a sub-account, the reversal of A2 comes whole, LATE is out.
        let shared = try #require(fast.totals.first { $0.shape.kind == .voucher && $0.shape.accounts.map(\.rawValue) == ["4100", "1100"] && !$0.shape.isNegative })
        #expect(shared.count == 2 && shared.value.minorUnits == 800)
        #expect(fast.totals.contains { $0.shape.isNegative && $0.value.minorUnits == -125 })
        #expect(fast.totals.contains { $0.shape.accounts.contains(sub) && $0.value.minorUnits == 40 && $0.shape.line == 1 })
        #expect(fast.totals.map(\.count).reduce(0, +) == 6)  // A1, A2, A3 (two lines), A4, B1
        #expect(fast.reversing.map(\.entry.kind) == [.reversal])
        #expect(fast.reversing.first?.origin.ref == "A2")
        let empty = try await store.read { try $0.postingShapes(posting: cash, from: try LedgerDate(parsing: "2027-01-01"), through: try LedgerDate(parsing: "2027-12-31")) }
        #expect(empty.totals.isEmpty && empty.reversing.isEmpty)
    }
}
