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

    /// The verifier trusts a body the fast reader returns without writing it back, so the
    /// reader must refuse every byte string that is not exactly the canonical form of what it
    /// read. Every single-byte change, deletion and insertion of some bodies is tried.
    @Test func returnsABodyOnlyForItsOwnCanonicalBytes() throws {
        let data = JSONObject([("note", .string("a\tb \u{1F} é")), ("n", .integer(3)), ("list", .array([.bool(true), .null, .number(1.5)]))])
        let bodies = [
            try Self.body(seq: 7, memo: "a \"quoted\" back\\slash", ref: "R/1", data: data),
            try Self.body(seq: 12, memo: "Café 😂 \u{2028}", ref: nil),
            try Self.body(seq: 0, memo: nil, ref: nil, data: JSONObject([("currency", .string("USD"))])),
        ]
        let variants: [UInt8] = Array("0129aAfF\"\\/{}[],:-.ubtnfrxz ".utf8) + [0x00, 0x08, 0x09, 0x1F, 0x7F, 0x80, 0xC3, 0xEF, 0xFF]
        var tried = 0
        for body in bodies {
            let bytes = body.canonicalBytes()
            #expect(EntryBody.readCanonical(bytes, fundCurrency: body.seq == 0 ? nil : .usd) == body)
            for index in bytes.indices {
                var mutations: [[UInt8]] = [Array(bytes[..<index] + bytes[(index + 1)...])]
                for byte in variants where byte != bytes[index] {
                    var changed = bytes
                    changed[index] = byte
                    mutations.append(changed)
                    mutations.append(Array(bytes[..<index] + [byte] + bytes[index...]))
                }
                for mutated in mutations {
                    tried += 1
                    guard let read = EntryBody.readCanonical(mutated, fundCurrency: body.seq == 0 ? nil : .usd) else { continue }
                    #expect((try? read.encoded()) == mutated, "read back from \(String(decoding: mutated, as: UTF8.self))")
                }
            }
        }
        #expect(tried > 50_000)
    }

    /// Escapes that canonical form does not write, for characters it writes otherwise.
    @Test func refusesEscapesCanonicalFormDoesNotUse() throws {
        let data = JSONObject([("note", .string("a\tb"))])
        let good = String(decoding: try Self.body(seq: 7, memo: "q\"b\\s/", ref: nil, data: data).canonicalBytes(), as: UTF8.self)
        #expect(good.contains(#""memo":"q\"b\\s/""#) && good.contains(#""note":"a\tb""#))
        let respelled = [
            (#""note":"a\tb""#, #""note":"a\u0009b""#), (#""memo":"q\"b\\s/""#, #""memo":"q\"b\\s\/""#),
            (#""memo":"q\"b\\s/""#, #""memo":"q\u0022b\\s/""#), (#""memo":"q\"b\\s/""#, #""memo":"\u0071\"b\\s/""#),
        ]
        for (canonical, other) in respelled {
            let bytes = Array(good.replacingOccurrences(of: canonical, with: other).utf8)
            #expect(EntryBody.readCanonical(bytes, fundCurrency: .usd) == nil, "\(other)")
            // The general reader reads it, and the verifier refuses it for its form.
            let general = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: .usd)
            #expect(general.canonicalBytes() != bytes)
        }
    }
}
