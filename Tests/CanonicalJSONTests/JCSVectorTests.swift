import CanonicalJSON
import Foundation
import Testing

@Suite("RFC 8785 test vectors (cyberphone/json-canonicalization)")
struct JCSVectorTests {
    @Test(arguments: ["arrays", "french", "structures", "unicode", "values", "weird"])
    func inputCanonicalizesToOutput(name: String) throws {
        let input = try Fixtures.bytes("input/\(name).json")
        let expected = try Fixtures.bytes("output/\(name).json")
        let expectedFromHex = try #require(
            Fixtures.hexBytes(try Fixtures.text("outhex/\(name).txt")))
        #expect(expected == expectedFromHex, "output/ and outhex/ disagree for \(name)")

        let canonical = try JSONCanonicalizer.canonicalBytes(try JSONParser.parse(input))
        #expect(canonical == expected)
        #expect(canonical == expectedFromHex)

        // The canonical form is a fixed point and parses back to an equal value.
        let reparsed = try JSONParser.parse(canonical)
        #expect(try JSONCanonicalizer.canonicalBytes(reparsed) == canonical)
        #expect(reparsed == (try JSONParser.parse(input)))
    }

    @Test func es6NumberLines() throws {
        let lines = try Fixtures.text("es6numbers_first10000.txt").split(separator: "\n")
        #expect(lines.count == 10_000)
        var failures: [String] = []
        for line in lines {
            let parts = line.split(separator: ",", maxSplits: 1)
            let bits = try #require(UInt64(parts[0], radix: 16), "bad line \(line)")
            let value = Double(bitPattern: bits)
            let actual = try JSONCanonicalizer.serializeNumber(value)
            if actual != String(parts[1]) {
                failures.append("\(parts[0]): got \(actual), want \(parts[1])")
            }
            // The expected text must also parse back to the same double (or to 0 for -0).
            let parsed = try JSONParser.parse(String(parts[1])).numberValue
            if parsed != value {
                failures.append("\(parts[0]): \(parts[1]) parsed to \(String(describing: parsed))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.0, "-1"), (100.0, "100"),
        (1e20, "100000000000000000000"), (1e21, "1e+21"), (1e-6, "0.000001"), (1e-7, "1e-7"),
        (4.5, "4.5"), (0.002, "0.002"), (1e30, "1e+30"), (1e-27, "1e-27"),
        (333333333.33333329, "333333333.3333333"), (Double.leastNonzeroMagnitude, "5e-324"),
        (9007199254740991.0, "9007199254740991"), (9007199254740992.0, "9007199254740992"),
        (1152921504606846976.0, "1152921504606847000"), (-1.5e-9, "-1.5e-9"),
        (123456789012345680000.0, "123456789012345680000"), (0.1, "0.1"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func knownNumberForms(value: Double, expected: String) throws {
        #expect(try JSONCanonicalizer.serializeNumber(value) == expected)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersAreRefused(value: Double) {
        #expect(throws: JSONCanonicalizationError.self) {
            try JSONCanonicalizer.serializeNumber(value)
        }
        #expect(throws: JSONCanonicalizationError.self) {
            try JSONCanonicalizer.canonicalBytes(.array([.number(1), .number(value)]))
        }
    }
}
