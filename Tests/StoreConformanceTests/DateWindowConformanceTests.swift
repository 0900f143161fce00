import CanonicalJSON
import LedgerCore
import LedgerJournal
import LedgerStore
import Testing

/// `entries(ofKinds:from:through:)`, which a store may answer without reading every entry
/// whole, gives exactly the entries of those kinds whose date is in the window.
@Suite("Store conformance: entries of a window of dates")
struct DateWindowConformanceTests {
    @Test("the window holds exactly the entries dated in it", arguments: StoreFactories.all)
    func windowHoldsExactlyItsEntries(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        let days = ["2026-03-31", "2026-04-01", "2026-04-15", "2026-04-30", "2026-05-01", "2026-03-15"]
        for (index, day) in days.enumerated() {
            try await store.append(
                [try AccountQueriesConformanceTests.voucher(day, usd: Int64(100 + index), ref: "W\(index)")],
                keys: ConformanceLedger.aliceKeys, origin: nil)
        }
        let (from, through) = (try LedgerDate(parsing: "2026-04-01"), try LedgerDate(parsing: "2026-04-30"))
        let (all, window) = try await store.read { snapshot in
            (try snapshot.entries(ofKinds: [.voucher]), try snapshot.entries(ofKinds: [.voucher], from: from, through: through))
        }
        #expect(all.count == days.count)
        #expect(window.map(\.ref) == ["W1", "W2", "W3"])
        #expect(window == all.filter { $0.date >= from && $0.date <= through })
        let empty = try await store.read { try $0.entries(ofKinds: [.voucher], from: try LedgerDate(parsing: "2026-06-01"), through: try LedgerDate(parsing: "2026-12-31")) }
        #expect(empty.isEmpty)
    }

    @Test("a stored entry reads the same by the one-pass reader and the general one, and its date peeks right", arguments: StoreFactories.all)
    func storedBytesReadTheSame(factory: any StoreFactory) async throws {
        let made = try await ConformanceLedger.start(factory)
        defer { made.remove() }
        let store = made.store
        try await store.append([try AccountQueriesConformanceTests.voucher("2026-04-30", usd: 700, eur: 300, ref: "R\u{e9}f \"1\"")],
                               keys: ConformanceLedger.aliceKeys, origin: nil)
        let currency = try #require(try await store.settings()).currency
        for seq in 0..<(try await store.entryCount()) {
            let stored = try #require(try await store.entry(at: seq))
            let fund = seq == 0 ? nil : currency
            let general = try EntryBody(json: try JSONParser.parse(stored.bodyBytes), fundCurrency: fund)
            #expect(try EntryBody(storedBytes: stored.bodyBytes, fundCurrency: fund) == general)
            #expect(EntryBody.canonicalDate(stored.bodyBytes) == general.date)
        }
        // Bytes that are not canonical still read (by the general reader), and peek no date.
        let stored = try #require(try await store.entry(at: 1))
        let spaced = Array(" ".utf8) + stored.bodyBytes
        #expect(EntryBody.canonicalDate(spaced) == nil)
        #expect(try EntryBody(storedBytes: spaced, fundCurrency: currency) == stored.body)
    }
}
