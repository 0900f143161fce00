import LedgerCore
import Testing

@Suite("Decimal64: rates and percentages")
struct Decimal64Tests {
    /// (text, significand, scale), worked by hand.
    static let accepted: [(String, Int64, Int)] = [
        ("0.9200", 9200, 4),
        ("13", 13, 0),
        ("0", 0, 0),
        ("0.0", 0, 1),
        ("-1.5", -15, 1),
        ("1.000", 1000, 3),
        ("100", 100, 0),
        ("151.37", 15137, 2),
        ("0.000000000000000001", 1, 18),
        ("9223372036854775807", .max, 0),
        ("-9223372036854775808", .min, 0),
        ("922337203685477580.7", .max, 1),
        ("9.223372036854775807", .max, 18),
    ]

    @Test("parses exactly and keeps trailing zeros", arguments: accepted)
    func parses(text: String, significand: Int64, scale: Int) throws {
        let decimal = try Decimal64(parsing: text)
        #expect(decimal.significand == significand)
        #expect(decimal.scale == scale)
        #expect(decimal.description == text)
        #expect(Decimal64(significand: significand, scale: scale) == decimal)
    }

    /// (text, words the message must contain).
    static let refused: [(String, [String])] = [
        ("1e5", ["number \"1e5\": exponents are not allowed"]),
        ("+1", ["leading \"+\""]),
        (" 1", ["spaces"]),
        ("1 ", ["spaces"]),
        ("1,5", ["thousands separators"]),
        ("01", ["leading zeros"]),
        ("00.5", ["leading zeros"]),
        ("-0", ["negative zero"]),
        ("-0.00", ["negative zero"]),
        (".5", ["digit is needed"]),
        ("5.", ["followed by digits"]),
        ("1.2.3", ["more than one"]),
        ("", ["empty"]),
        ("-", ["no digits"]),
        ("abc", ["\"a\" is not allowed"]),
        ("13%", ["\"%\" is not allowed"]),
        ("0.0000000000000000001", ["19 decimals", "limit is 18"]),
        ("9223372036854775808", ["too many digits"]),
        ("-9223372036854775809", ["too many digits"]),
        ("99999999999999999999999", ["too many digits"]),
    ]

    @Test("refuses what amounts refuse, plus scale and range", arguments: refused)
    func refuses(text: String, words: [String]) {
        let error = #expect(throws: AmountError.self) { try Decimal64(parsing: text) }
        guard case .invalidDecimal(let errorText, _) = error else {
            Issue.record("expected invalidDecimal, got \(String(describing: error))")
            return
        }
        #expect(errorText == text)
        for word in words {
            #expect(error?.description.contains(word) == true, "\(error?.description ?? "")")
        }
    }

    @Test("equality is by representation")
    func representation() throws {
        #expect(try Decimal64(parsing: "0.92") != Decimal64(parsing: "0.920"))
        #expect(try Decimal64(parsing: "0.92") == Decimal64(parsing: "0.92"))
        #expect(Decimal64(significand: 5, scale: 3).description == "0.005")
        #expect(Decimal64(significand: -5, scale: 0).description == "-5")
    }
}
