import CanonicalJSON
import LedgerCore
import LedgerCrypto
@testable import LedgerJournal
import TransparencyLog
import Testing

/// The verifier's fast entry reader gives exactly the general reader's answer, or none.
@Suite("Canonical entry reader")
struct CanonicalReaderTests {
    static let origin = "test.example/ledger"
    static let signer = String(repeating: "ab", count: 32)

    static func body(seq: UInt64, memo: String?, ref: String?, data: JSONObject = JSONObject(), postings: [Posting]? = nil) throws -> EntryBody {
        let usd = Currency.usd
        let eur = try Currency(code: "EUR")
        let lines = try postings ?? [
            Posting(account: try AccountCode("1100.EUR"), amount: Amount(minorUnits: 12_345, currency: eur), value: Amount(minorUnits: 13_418, currency: usd)),
            Posting(account: try AccountCode("4100"), amount: Amount(minorUnits: -12_345, currency: eur), value: Amount(minorUnits: -13_418, currency: usd)),
        ]
        return EntryBody(
            ledger: origin, seq: seq, prev: EntryBody.zeroHash, time: "2026-02-01T10:00:00Z", date: try LedgerDate(parsing: "2026-02-01"),
            kind: .voucher, signer: signer, ref: ref, memo: memo, postings: lines, data: data)
    }

    @Test(arguments: [
        (String?.none, String?.none), ("plain", "R-1"), ("quote \" backslash \\ slash / tab-free", "r\"1"), ("Café 😂 \u{2028} דּ", nil),
    ])
    func agreesWithTheGeneralReader(memo: String?, ref: String?) throws {
        let body = try Self.body(seq: 7, memo: memo, ref: ref, data: JSONObject([("note", .string("{not a brace}")), ("n", .integer(3))]))
        let bytes = body.canonicalBytes()
        let fast = try #require(EntryBody.readCanonical(bytes, fundCurrency: .usd))
        let general = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: .usd)
        #expect(fast == general)
        #expect(fast.canonicalBytes() == bytes)
    }

    @Test func refusesWhatTheGeneralReaderRefuses() throws {
        let good = String(decoding: try Self.body(seq: 7, memo: "m", ref: nil).canonicalBytes(), as: UTF8.self)
        let broken = [
            good.replacingOccurrences(of: "\"seq\":7", with: "\"seq\":07"),                 // leading zero
            good.replacingOccurrences(of: "\"amount\":\"123.45\"", with: "\"amount\":\"123.450\""),  // digits
            good.replacingOccurrences(of: "\"memo\":\"m\"", with: "\"memo\":\"\\u0001\""),    // control character
            good.replacingOccurrences(of: "\"memo\":\"m\"", with: "\"memo\":\"\""),           // empty text
            good.replacingOccurrences(of: "\"kind\":\"voucher.post\"", with: "\"kind\":\"Nope!\""),  // not a kind name
            good.replacingOccurrences(of: "\"v\":1}", with: "\"v\":2}"),
            good.replacingOccurrences(of: "\"date\":\"2026-02-01\"", with: "\"date\":\"2026-02-30\""),
            good + " ",
        ]
        for text in broken {
            let bytes = Array(text.utf8)
            if let fast = EntryBody.readCanonical(bytes, fundCurrency: .usd) {
                // Read, but then it must not write back to these bytes (so the verifier falls back).
                #expect(fast.canonicalBytes() != bytes, "\(text)")
            }
            #expect(throws: (any Error).self, "\(text)") {
                let body = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: .usd)
                guard body.canonicalBytes() == bytes else { throw RuleViolation(.malformedEntry, "not canonical") }
            }
        }
    }
}
