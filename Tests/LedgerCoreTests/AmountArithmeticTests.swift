import LedgerCore
import Testing

/// `minorUnits` of `from` × numerator / denominator into `to`, and the result worked by hand.
struct RatioCase: Sendable, CustomTestStringConvertible {
    let minorUnits: Int64
    let from: String
    let numerator: Int64
    let denominator: Int64
    let to: String
    let expected: Int64?  // nil: overflow
    let note: String

    var testDescription: String { note }
}

private func ratio(
    _ minorUnits: Int64, _ from: String, _ numerator: Int64, _ denominator: Int64,
    _ to: String, _ expected: Int64?, _ note: String
) -> RatioCase {
    RatioCase(
        minorUnits: minorUnits, from: from, numerator: numerator, denominator: denominator,
        to: to, expected: expected, note: note)
}

@Suite("Amount: checked arithmetic")
struct AmountArithmeticTests {
    @Test("add and subtract in one currency")
    func addSubtract() throws {
        let a = try amount(100, "USD")  // 1.00
        let b = try amount(250, "USD")  // 2.50
        #expect(try a.adding(b) == amount(350, "USD"))
        #expect(try a.subtracting(b) == amount(-150, "USD"))
        #expect(try b.subtracting(b).isZero)
        #expect(try amount(-5, "JPY").adding(amount(5, "JPY")) == amount(0, "JPY"))
    }

    @Test("add and subtract refuse mixed currencies")
    func mismatch() throws {
        let dollars = try amount(100, "USD")
        let euros = try amount(100, "EUR")
        let added = #expect(throws: AmountError.self) { try dollars.adding(euros) }
        #expect(added == .currencyMismatch(Currency.usd, try currency("EUR")))
        #expect(added?.description.contains("USD") == true)
        #expect(added?.description.contains("EUR") == true)
        #expect(throws: AmountError.currencyMismatch(try currency("EUR"), Currency.usd)) {
            try euros.subtracting(dollars)
        }
    }

    @Test("addition overflow throws instead of wrapping")
    func addOverflow() throws {
        let max = try amount(.max, "USD")
        let min = try amount(.min, "USD")
        let cent = try amount(1, "USD")
        let error = #expect(throws: AmountError.self) { try max.adding(cent) }
        #expect(error == .overflow(operation: "92233720368547758.07 + 0.01", currency: .usd))
        #expect(error?.description.contains("overflow") == true)
        #expect(error?.description.contains("-92233720368547758.08...92233720368547758.07") == true)
        #expect(throws: AmountError.self) { try min.adding(cent.negated()) }
        #expect(try max.adding(min) == amount(-1, "USD"))
    }

    @Test("subtraction overflow throws instead of wrapping")
    func subtractOverflow() throws {
        let max = try amount(.max, "USD")
        let min = try amount(.min, "USD")
        let cent = try amount(1, "USD")
        #expect(
            throws: AmountError.overflow(operation: "-92233720368547758.08 - 0.01", currency: .usd)
        ) {
            try min.subtracting(cent)
        }
        #expect(throws: AmountError.self) { try max.subtracting(cent.negated()) }
        #expect(throws: AmountError.self) { try Amount.zero(.usd).subtracting(min) }
        #expect(try Amount.zero(.usd).subtracting(max) == amount(-.max, "USD"))
        #expect(try min.subtracting(min).isZero)
    }

    @Test("negation: Int64.min overflows, everything else flips")
    func negation() throws {
        #expect(try amount(.max, "USD").negated() == amount(-.max, "USD"))
        #expect(try amount(-.max, "USD").negated() == amount(.max, "USD"))
        #expect(try amount(0, "USD").negated() == amount(0, "USD"))
        #expect(try amount(1250, "EUR").negated() == amount(-1250, "EUR"))
        let error = #expect(throws: AmountError.self) { try amount(.min, "USD").negated() }
        #expect(error == .overflow(operation: "-(-92233720368547758.08)", currency: .usd))
    }

    static let ratios: [RatioCase] = [
        // Half to even at the minor unit.
        ratio(5, "JPY", 1, 2, "JPY", 2, "2.5 → 2"),
        ratio(7, "JPY", 1, 2, "JPY", 4, "3.5 → 4"),
        ratio(-5, "JPY", 1, 2, "JPY", -2, "-2.5 → -2"),
        ratio(-7, "JPY", 1, 2, "JPY", -4, "-3.5 → -4"),
        ratio(3, "JPY", 1, 2, "JPY", 2, "1.5 → 2"),
        ratio(1, "JPY", 1, 2, "JPY", 0, "0.5 → 0"),
        ratio(1, "JPY", 1, 3, "JPY", 0, "0.333… → 0"),
        ratio(2, "JPY", 1, 3, "JPY", 1, "0.666… → 1"),
        ratio(125, "KWD", 1, 1, "USD", 12, "0.125 KWD → 0.12 USD"),
        ratio(135, "KWD", 1, 1, "USD", 14, "0.135 KWD → 0.14 USD"),
        ratio(126, "KWD", 1, 1, "USD", 13, "0.126 → 0.13 (above half)"),
        ratio(124, "KWD", 1, 1, "USD", 12, "0.124 → 0.12 (below half)"),
        ratio(-125, "KWD", 1, 1, "USD", -12, "-0.125 → -0.12"),
        ratio(-135, "KWD", 1, 1, "USD", -14, "-0.135 → -0.14"),
        ratio(25_000, "CLF", 1, 1, "JPY", 2, "2.5000 CLF → 2 JPY"),
        ratio(35_000, "CLF", 1, 1, "JPY", 4, "3.5000 CLF → 4 JPY"),
        ratio(25_001, "CLF", 1, 1, "JPY", 3, "2.5001 CLF → 3 JPY"),
        // Currency conversion: the ratio is between major units.
        ratio(10_000, "EUR", 100, 92, "USD", 10_870, "100.00 EUR / 0.92 = 108.6956… → 108.70 USD"),
        ratio(1500, "JPY", 1, 150, "USD", 1000, "1500 JPY / 150 = 10.00 USD"),
        ratio(100, "USD", 150, 1, "JPY", 150, "1.00 USD × 150 = 150 JPY"),
        ratio(1, "USD", 1, 1, "KWD", 10, "0.01 USD → 0.010 KWD"),
        ratio(1, "USD", 1, 1, "CLF", 100, "0.01 USD → 0.0100 CLF"),
        ratio(1, "JPY", 1, 1, "CLF", 10_000, "1 JPY → 1.0000 CLF"),
        // Percentages.
        ratio(100_000, "USD", 13, 100, "USD", 13_000, "13% of 1000.00 = 130.00"),
        ratio(12_345, "USD", 13, 100, "USD", 1605, "13% of 123.45 = 16.0485 → 16.05"),
        ratio(50, "USD", 1, 100, "USD", 0, "1% of 0.50 = 0.005 → 0.00"),
        ratio(150, "USD", 1, 100, "USD", 2, "1% of 1.50 = 0.015 → 0.02"),
        ratio(250, "USD", 1, 100, "USD", 2, "1% of 2.50 = 0.025 → 0.02"),
        // Signs of numerator and denominator.
        ratio(1, "USD", -1, 2, "USD", 0, "0.01 × -1/2 = -0.005 → 0.00"),
        ratio(3, "USD", 1, -2, "USD", -2, "0.03 × 1/-2 = -0.015 → -0.02"),
        ratio(-3, "USD", -1, 2, "USD", 2, "-0.03 × -1/2 = 0.015 → 0.02"),
        ratio(-3, "USD", -1, -2, "USD", -2, "-0.03 × -1/-2 = -0.015 → -0.02"),
        ratio(0, "USD", 5, 7, "EUR", 0, "zero stays zero"),
        ratio(12_345, "USD", 0, 1, "USD", 0, "times zero"),
        // Exact with intermediates beyond 64 bits.
        ratio(.max, "USD", .max, .max, "USD", .max, "max × max / max = max"),
        ratio(.max, "USD", 3, 3, "USD", .max, "max × 3 / 3 = max"),
        ratio(
            .max, "USD", 1, 2, "USD", 4_611_686_018_427_387_904,
            "9223372036854775807 / 2 = …903.5 → …904 (even)"),
        ratio(.min, "USD", 1, 2, "USD", -4_611_686_018_427_387_904, "min / 2 exactly"),
        ratio(.min, "USD", 1, 1, "USD", .min, "min × 1 = min"),
        ratio(
            .max, "CLF", 1, 1, "JPY", 922_337_203_685_478,
            "922337203685477.5807 CLF → 922337203685478 JPY"),
        ratio(.max, "JPY", 1, 10_000, "CLF", .max, "×10^4 then ÷10^4: exact"),
        // Overflow.
        ratio(.min, "USD", -1, 1, "USD", nil, "-min does not fit"),
        ratio(.max, "USD", 2, 1, "USD", nil, "2 × max"),
        ratio(.max, "USD", .max, 1, "USD", nil, "max × max"),
        ratio(.max, "JPY", 1, 1, "USD", nil, "max JPY in cents"),
        ratio(.max, "JPY", .max, .max, "CLF", nil, "three-limb intermediate, too large"),
        ratio(.min, "KWD", 1000, 1, "USD", nil, "min × 100"),
    ]

    @Test("multiplied(by:dividedBy:into:) rounds half to even, exactly", arguments: ratios)
    func multiplied(_ testCase: RatioCase) throws {
        let source = try amount(testCase.minorUnits, testCase.from)
        let target = try currency(testCase.to)
        if let expected = testCase.expected {
            let result = try source.multiplied(
                by: testCase.numerator, dividedBy: testCase.denominator, into: target)
            #expect(result == Amount(minorUnits: expected, currency: target))
        } else {
            let error = #expect(throws: AmountError.self) {
                try source.multiplied(
                    by: testCase.numerator, dividedBy: testCase.denominator, into: target)
            }
            guard case .overflow(_, let currency) = error else {
                Issue.record("expected overflow, got \(String(describing: error))")
                return
            }
            #expect(currency == target)
        }
    }

    @Test("a zero denominator is an error, not a trap")
    func divisionByZero() throws {
        let error = #expect(throws: AmountError.self) {
            try amount(100, "USD").multiplied(by: 1, dividedBy: 0, into: .usd)
        }
        #expect(error == .divisionByZero)
        #expect(error?.description.contains("division by zero") == true)
    }
}
