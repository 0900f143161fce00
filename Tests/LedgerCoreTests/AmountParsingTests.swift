import LedgerCore
import Testing

/// One text, one currency, and what parsing must give.
struct ParseCase: Sendable, CustomTestStringConvertible {
    let text: String
    let code: String
    let minorUnits: Int64

    init(_ text: String, _ code: String, _ minorUnits: Int64) {
        self.text = text
        self.code = code
        self.minorUnits = minorUnits
    }

    var testDescription: String { "\(text.debugDescription) \(code)" }
}

/// One refused text, the error it must give and words its message must contain.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    let text: String
    let code: String
    let error: AmountError
    let words: [String]

    init(_ text: String, _ code: String, _ error: AmountError, _ words: [String]) {
        self.text = text
        self.code = code
        self.error = error
        self.words = words
    }

    var testDescription: String { "\(text.debugDescription) \(code)" }
}

private let usd = Currency.usd

private func known(_ code: String) -> Currency {
    // Test-table constants; a typo here should fail loudly.
    guard let currency = try? Currency(code: code) else { fatalError("no currency \(code)") }
    return currency
}

@Suite("Amount: parsing and formatting")
struct AmountParsingTests {
    static let exactAccepted: [ParseCase] = [
        ParseCase("1500.00", "USD", 150_000),
        ParseCase("1500", "JPY", 1500),
        ParseCase("1.500", "KWD", 1500),
        ParseCase("0.00", "USD", 0),
        ParseCase("0", "JPY", 0),
        ParseCase("-12.50", "USD", -1250),
        ParseCase("0.05", "EUR", 5),
        ParseCase("-0.001", "KWD", -1),
        ParseCase("0.0001", "CLF", 1),
        ParseCase("123456.7890", "UYW", 1_234_567_890),
        ParseCase("10.00", "SEK", 1000),
        ParseCase("-7", "XOF", -7),
    ]

    @Test("exact mode accepts the journal format", arguments: exactAccepted)
    func exactAccepts(_ testCase: ParseCase) throws {
        let currency = try currency(testCase.code)
        let parsed = try Amount(parsing: testCase.text, currency: currency, mode: .exact)
        #expect(parsed.minorUnits == testCase.minorUnits)
        #expect(parsed.currency == currency)
        #expect(parsed.decimalString == testCase.text)
    }

    static let exactRefused: [RefusalCase] = [
        RefusalCase(
            "12.345", "USD", .tooManyDecimals(text: "12.345", decimals: 3, currency: usd),
            ["amount \"12.345\" has 3 decimals, USD has 2"]),
        RefusalCase(
            "1500.0", "JPY", .tooManyDecimals(text: "1500.0", decimals: 1, currency: known("JPY")),
            ["has 1 decimal, JPY has 0"]),
        RefusalCase(
            "12.5", "USD", .missingDecimals(text: "12.5", decimals: 1, currency: usd),
            ["has 1 decimal", "USD needs exactly 2", "\"12.50\""]),
        RefusalCase(
            "12", "USD", .missingDecimals(text: "12", decimals: 0, currency: usd),
            ["has 0 decimals", "\"12.00\""]),
        RefusalCase(
            "1.50", "KWD", .missingDecimals(text: "1.50", decimals: 2, currency: known("KWD")),
            ["KWD needs exactly 3", "\"1.500\""]),
        RefusalCase(
            "1500.", "JPY", .trailingPoint(text: "1500."), ["\"1500.\"", "followed by digits"]),
        RefusalCase("-0.00", "USD", .negativeZero(text: "-0.00"), ["negative zero"]),
        RefusalCase("-0", "JPY", .negativeZero(text: "-0"), ["negative zero"]),
        RefusalCase(
            "+5.00", "USD", .leadingPlus(text: "+5.00"),
            ["amount \"+5.00\": a leading \"+\" is not allowed"]),
        RefusalCase(
            "1e5", "JPY", .exponent(text: "1e5"), ["amount \"1e5\": exponents are not allowed"]),
        RefusalCase("1.00E2", "USD", .exponent(text: "1.00E2"), ["exponents"]),
        RefusalCase("1.e2", "USD", .exponent(text: "1.e2"), ["exponents"]),
        RefusalCase(
            "1 000.00", "USD", .whitespace(text: "1 000.00"),
            ["amount \"1 000.00\": spaces are not allowed"]),
        RefusalCase(" 5.00", "USD", .whitespace(text: " 5.00"), ["spaces"]),
        RefusalCase("5.00\n", "USD", .whitespace(text: "5.00\n"), ["\"5.00\\n\"", "spaces"]),
        RefusalCase("5.00\t", "USD", .whitespace(text: "5.00\t"), ["spaces"]),
        RefusalCase("1\u{00A0}000.00", "USD", .whitespace(text: "1\u{00A0}000.00"), ["spaces"]),
        RefusalCase("1\u{202F}000.00", "USD", .whitespace(text: "1\u{202F}000.00"), ["spaces"]),
        RefusalCase(
            "1,000.00", "USD", .thousandsSeparator(text: "1,000.00", separator: ","),
            ["thousands separators", "\",\""]),
        RefusalCase(
            "1_000.00", "USD", .thousandsSeparator(text: "1_000.00", separator: "_"),
            ["thousands separators"]),
        RefusalCase(
            "1'000.00", "USD", .thousandsSeparator(text: "1'000.00", separator: "'"),
            ["thousands separators"]),
        RefusalCase(
            "12,50", "EUR", .thousandsSeparator(text: "12,50", separator: ","),
            ["\".\" before the decimals"]),
        RefusalCase(
            "007.00", "USD", .leadingZero(text: "007.00"),
            ["amount \"007.00\": leading zeros are not allowed"]),
        RefusalCase("00.00", "USD", .leadingZero(text: "00.00"), ["leading zeros"]),
        RefusalCase("-01.00", "USD", .leadingZero(text: "-01.00"), ["leading zeros"]),
        RefusalCase("", "USD", .empty, ["empty"]),
        RefusalCase("-", "USD", .noDigits(text: "-"), ["no digits"]),
        RefusalCase(".", "USD", .noDigits(text: "."), ["no digits"]),
        RefusalCase(".50", "USD", .missingIntegerDigit(text: ".50"), ["a digit is needed"]),
        RefusalCase("-.50", "USD", .missingIntegerDigit(text: "-.50"), ["a digit is needed"]),
        RefusalCase("1.2.3", "KWD", .multiplePoints(text: "1.2.3"), ["more than one \".\""]),
        RefusalCase("5.00-", "USD", .misplacedMinus(text: "5.00-"), ["only allowed at the start"]),
        RefusalCase(
            "--5.00", "USD", .misplacedMinus(text: "--5.00"), ["only allowed at the start"]),
        RefusalCase(
            "abc", "USD", .invalidCharacter(text: "abc", character: "a"),
            ["\"a\" is not allowed", "digits 0-9"]),
        RefusalCase("$5.00", "USD", .invalidCharacter(text: "$5.00", character: "$"), ["\"$\""]),
        RefusalCase(
            "5.00USD", "USD", .invalidCharacter(text: "5.00USD", character: "U"), ["\"U\""]),
        RefusalCase("NaN", "USD", .invalidCharacter(text: "NaN", character: "N"), ["\"N\""]),
        RefusalCase("e5", "JPY", .invalidCharacter(text: "e5", character: "e"), ["\"e\""]),
        RefusalCase("0x10", "JPY", .invalidCharacter(text: "0x10", character: "x"), ["\"x\""]),
        RefusalCase(
            "١٢", "JPY", .invalidCharacter(text: "١٢", character: "١"), ["not allowed"]),
        RefusalCase("-+5.00", "USD", .invalidCharacter(text: "-+5.00", character: "+"), ["\"+\""]),
    ]

    @Test(
        "exact mode refuses everything else, naming the text and the rule", arguments: exactRefused)
    func exactRefuses(_ testCase: RefusalCase) throws {
        let currency = try currency(testCase.code)
        let error = #expect(throws: AmountError.self) {
            try Amount(parsing: testCase.text, currency: currency, mode: .exact)
        }
        #expect(error == testCase.error)
        for word in testCase.words {
            #expect(error?.description.contains(word) == true, "\(error?.description ?? "")")
        }
    }

    static let inputAccepted: [ParseCase] = [
        ParseCase("12.5", "USD", 1250),
        ParseCase("12", "USD", 1200),
        ParseCase("12.50", "USD", 1250),
        ParseCase("0", "USD", 0),
        ParseCase("-0", "USD", 0),
        ParseCase("-0.0", "USD", 0),
        ParseCase("-0.00", "USD", 0),
        ParseCase("-3", "EUR", -300),
        ParseCase("1.5", "KWD", 1500),
        ParseCase("0.1", "KWD", 100),
        ParseCase("1", "CLF", 10_000),
        ParseCase("0.01", "CLF", 100),
        ParseCase("7", "JPY", 7),
        ParseCase("1500.00", "USD", 150_000),
    ]

    @Test("input mode pads missing decimals and reads -0 as 0", arguments: inputAccepted)
    func inputAccepts(_ testCase: ParseCase) throws {
        let currency = try currency(testCase.code)
        let parsed = try Amount(parsing: testCase.text, currency: currency, mode: .input)
        #expect(parsed.minorUnits == testCase.minorUnits)
        #expect(parsed.currency == currency)
    }

    static let inputRefused: [RefusalCase] = [
        RefusalCase("12.", "USD", .trailingPoint(text: "12."), ["followed by digits"]),
        RefusalCase("007", "USD", .leadingZero(text: "007"), ["leading zeros"]),
        RefusalCase(
            "12.345", "USD", .tooManyDecimals(text: "12.345", decimals: 3, currency: usd),
            ["has 3 decimals, USD has 2"]),
        RefusalCase(
            "0.5", "JPY", .tooManyDecimals(text: "0.5", decimals: 1, currency: known("JPY")),
            ["JPY has 0"]),
        RefusalCase("+1", "USD", .leadingPlus(text: "+1"), ["leading \"+\""]),
        RefusalCase("1 000", "USD", .whitespace(text: "1 000"), ["amount \"1 000\": spaces"]),
        RefusalCase("1e5", "USD", .exponent(text: "1e5"), ["exponents"]),
        RefusalCase("", "USD", .empty, ["empty"]),
        RefusalCase(".5", "USD", .missingIntegerDigit(text: ".5"), ["0.5"]),
    ]

    @Test("input mode keeps the other rules", arguments: inputRefused)
    func inputRefuses(_ testCase: RefusalCase) throws {
        let currency = try currency(testCase.code)
        let error = #expect(throws: AmountError.self) {
            try Amount(parsing: testCase.text, currency: currency, mode: .input)
        }
        #expect(error == testCase.error)
        for word in testCase.words {
            #expect(error?.description.contains(word) == true, "\(error?.description ?? "")")
        }
    }

    /// (minor units, currency, exact text), worked by hand.
    static let formatted: [ParseCase] = [
        ParseCase("0.00", "USD", 0),
        ParseCase("0.05", "USD", 5),
        ParseCase("-0.05", "USD", -5),
        ParseCase("0.50", "USD", 50),
        ParseCase("1500.00", "USD", 150_000),
        ParseCase("-12.50", "USD", -1250),
        ParseCase("0", "JPY", 0),
        ParseCase("1500", "JPY", 1500),
        ParseCase("-1", "JPY", -1),
        ParseCase("0.000", "KWD", 0),
        ParseCase("1.500", "KWD", 1500),
        ParseCase("0.001", "KWD", 1),
        ParseCase("-0.999", "KWD", -999),
        ParseCase("1000.000", "BHD", 1_000_000),
        ParseCase("0.0000", "CLF", 0),
        ParseCase("0.0001", "CLF", 1),
        ParseCase("1.2345", "CLF", 12345),
        ParseCase("-1.0000", "UYW", -10_000),
        ParseCase("92233720368547758.07", "USD", .max),
        ParseCase("-92233720368547758.08", "USD", .min),
        ParseCase("9223372036854775807", "JPY", .max),
        ParseCase("-9223372036854775808", "JPY", .min),
        ParseCase("9223372036854775.807", "KWD", .max),
        ParseCase("-9223372036854775.808", "KWD", .min),
        ParseCase("922337203685477.5807", "CLF", .max),
        ParseCase("-922337203685477.5808", "CLF", .min),
    ]

    @Test(
        "formatting gives the exact text, which parses back (exponents 0, 2, 3, 4)",
        arguments: formatted)
    func roundTrip(_ testCase: ParseCase) throws {
        let currency = try currency(testCase.code)
        let value = Amount(minorUnits: testCase.minorUnits, currency: currency)
        #expect(value.decimalString == testCase.text)
        #expect(value.description == "\(testCase.code) \(testCase.text)")
        #expect(try Amount(parsing: testCase.text, currency: currency, mode: .exact) == value)
        #expect(try Amount(parsing: testCase.text, currency: currency, mode: .input) == value)
    }

    /// One past each end of the Int64 range, per exponent.
    static let outOfRange: [RefusalCase] = [
        RefusalCase(
            "92233720368547758.08", "USD",
            .outOfRange(text: "92233720368547758.08", currency: usd),
            ["too large for USD (the limit is 92233720368547758.07)"]),
        RefusalCase(
            "-92233720368547758.09", "USD",
            .outOfRange(text: "-92233720368547758.09", currency: usd),
            ["too small for USD (the limit is -92233720368547758.08)"]),
        RefusalCase(
            "9223372036854775808", "JPY",
            .outOfRange(text: "9223372036854775808", currency: known("JPY")),
            ["too large for JPY (the limit is 9223372036854775807)"]),
        RefusalCase(
            "-9223372036854775809", "JPY",
            .outOfRange(text: "-9223372036854775809", currency: known("JPY")),
            ["too small for JPY (the limit is -9223372036854775808)"]),
        RefusalCase(
            "9223372036854775.808", "KWD",
            .outOfRange(text: "9223372036854775.808", currency: known("KWD")),
            ["the limit is 9223372036854775.807"]),
        RefusalCase(
            "922337203685477.5808", "CLF",
            .outOfRange(text: "922337203685477.5808", currency: known("CLF")),
            ["the limit is 922337203685477.5807"]),
        RefusalCase(
            "18446744073709551616.00", "USD",
            .outOfRange(text: "18446744073709551616.00", currency: usd),
            ["too large"]),
    ]

    @Test("one minor unit past Int64 is refused, in both modes", arguments: outOfRange)
    func outOfRangeRefused(_ testCase: RefusalCase) throws {
        let currency = try currency(testCase.code)
        for mode in [Amount.ParseMode.exact, .input] {
            let error = #expect(throws: AmountError.self) {
                try Amount(parsing: testCase.text, currency: currency, mode: mode)
            }
            #expect(error == testCase.error)
            for word in testCase.words {
                #expect(error?.description.contains(word) == true, "\(error?.description ?? "")")
            }
        }
    }

    @Test("the brief's example: 20 nines are too large for USD")
    func twentyNines() {
        let text = "99999999999999999999"
        let error = #expect(throws: AmountError.self) {
            try Amount(parsing: text, currency: usd, mode: .input)
        }
        #expect(
            error?.description
                == "amount \"99999999999999999999\": too large for USD "
                + "(the limit is 92233720368547758.07)"
        )
    }

    @Test("a huge input is refused with a short message")
    func hugeInput() {
        let text = String(repeating: "9", count: 100_000)
        let error = #expect(throws: AmountError.self) {
            try Amount(parsing: text, currency: usd, mode: .input)
        }
        #expect(error == .outOfRange(text: text, currency: usd))
        #expect((error?.description.count ?? .max) < 200)
        #expect(error?.description.contains("…") == true)
    }

    @Test("zero, sign and emptiness")
    func predicates() throws {
        #expect(Amount.zero(usd).isZero)
        #expect(Amount.zero(usd).decimalString == "0.00")
        #expect(!Amount.zero(usd).isNegative)
        #expect(try amount(-1, "USD").isNegative)
        #expect(!(try amount(-1, "USD").isZero))
        #expect(!(try amount(1, "USD").isNegative))
    }

    @Test("every currency in the table formats and parses its extremes")
    func everyCurrencyRoundTrips() throws {
        for currency in Currency.all {
            for minorUnits: Int64 in [0, 1, -1, 10, 123_456_789, .max, .min] {
                let value = Amount(minorUnits: minorUnits, currency: currency)
                let text = value.decimalString
                let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(decimals == currency.exponent, "\(value)")
                #expect(try Amount(parsing: text, currency: currency, mode: .exact) == value)
            }
        }
    }
}

