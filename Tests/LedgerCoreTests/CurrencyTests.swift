import LedgerCore
import Testing

@Suite("Currency: the ISO 4217 table")
struct CurrencyTests {
    /// Exponents copied by hand from ISO 4217 list one (2025-05-12), not from the table.
    static let spotChecks: [(String, Int)] = [
        ("USD", 2), ("EUR", 2), ("GBP", 2), ("SEK", 2), ("NOK", 2), ("CHF", 2), ("CAD", 2),
        ("JPY", 0), ("KRW", 0), ("CLP", 0), ("ISK", 0), ("VND", 0), ("XOF", 0), ("XAF", 0),
        ("UGX", 0), ("PYG", 0), ("RWF", 0), ("KMF", 0), ("GNF", 0), ("DJF", 0), ("VUV", 0),
        ("XPF", 0), ("BIF", 0), ("UYI", 0),
        ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("TND", 3), ("LYD", 3), ("IQD", 3),
        ("CLF", 4), ("UYW", 4),
        ("MGA", 2), ("MRU", 2), ("XCG", 2), ("ZWG", 2), ("XAD", 2), ("SLE", 2), ("VED", 2),
        ("BOV", 2), ("CHE", 2), ("CHW", 2), ("COU", 2), ("MXV", 2), ("USN", 2),
    ]

    @Test("known codes have their ISO 4217 exponent", arguments: spotChecks)
    func knownExponent(code: String, exponent: Int) throws {
        let currency = try Currency(code: code)
        #expect(currency.code == code)
        #expect(currency.exponent == exponent)
        #expect(currency.description == code)
    }

    @Test(
        "malformed codes are refused: 3 capital ASCII letters only",
        arguments: ["usd", "Usd", "US", "USDD", "", "U$D", "123", " USD", "USD ", "ÜSD", "ＵＳＤ"]
    )
    func malformed(code: String) {
        let error = #expect(throws: CurrencyError.self) { try Currency(code: code) }
        #expect(error?.code == code)
        #expect(error?.reason == "ISO 4217 codes are 3 capital letters, e.g. USD")
    }

    @Test("the message names the code and the rule")
    func malformedMessage() {
        let error = #expect(throws: CurrencyError.self) { try Currency(code: "usd") }
        #expect(
            error?.description
                == "unknown currency \"usd\": ISO 4217 codes are 3 capital letters, e.g. USD"
        )
    }

    @Test(
        "ISO codes without minor units are not money",
        arguments: [
            "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD", "XTS",
            "XXX",
        ]
    )
    func withoutMinorUnit(code: String) {
        let error = #expect(throws: CurrencyError.self) { try Currency(code: code) }
        #expect(error?.reason.contains("no minor unit") == true)
        #expect(error?.description.contains("\"\(code)\"") == true)
    }

    @Test(
        "unknown and withdrawn codes are refused", arguments: ["ABC", "HRK", "ZWL", "SLL", "CUC"])
    func unknown(code: String) {
        let error = #expect(throws: CurrencyError.self) { try Currency(code: code) }
        #expect(error?.reason.contains("not in the currency table") == true)
        #expect(error?.reason.contains("2025-05-12") == true)
    }

    @Test("every code in the table is 3 capital letters, unique, sorted, with exponent 0...4")
    func tableShape() throws {
        let all = Currency.all
        let codes = all.map(\.code)
        #expect(all.count == 166)  // 179 list-one codes minus 13 without minor units
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for currency in all {
            let bytes = Array(currency.code.utf8)
            #expect(bytes.count == 3, "\(currency.code)")
            #expect(bytes.allSatisfy { $0 >= 65 && $0 <= 90 }, "\(currency.code)")
            #expect((0...4).contains(currency.exponent), "\(currency.code)")
            #expect(try Currency(code: currency.code) == currency)
        }
    }

    @Test("the exponents other than 2 are exactly ISO's list")
    func nonTwoExponents() {
        func codes(withExponent exponent: Int) -> Set<String> {
            Set(Currency.all.filter { $0.exponent == exponent }.map(\.code))
        }
        #expect(
            codes(withExponent: 0) == [
                "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                "VND", "VUV", "XAF", "XOF", "XPF",
            ]
        )
        #expect(codes(withExponent: 3) == ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])
        #expect(codes(withExponent: 4) == ["CLF", "UYW"])
        #expect(codes(withExponent: 1).isEmpty)
    }

    @Test("the table names its edition")
    func edition() {
        #expect(Currency.tableEdition.contains("ISO 4217"))
        #expect(Currency.tableEdition.contains("2025-05-12"))
    }

    @Test("usd, equality, hashing and order")
    func valueSemantics() throws {
        let usd = try Currency(code: "USD")
        let eur = try Currency(code: "EUR")
        #expect(Currency.usd == usd)
        #expect(Currency.usd.exponent == 2)
        #expect(usd != eur)
        #expect(eur < usd)
        #expect(Set([usd, eur, try Currency(code: "USD")]).count == 2)
        #expect(
            [usd, eur, try Currency(code: "CHF")].sorted().map(\.code) == ["CHF", "EUR", "USD"])
    }
}
