import CanonicalJSON
import Testing

/// Deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random I-JSON values.
enum RandomJSON {
    static func string(using generator: inout SplitMix64, maxLength: Int) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maxLength, using: &generator) {
            text.unicodeScalars.append(scalar(using: &generator))
        }
        return text
    }

    static func scalar(using generator: inout SplitMix64) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0...0x7F, 0x80...0x7FF, 0x800...0xFFFD, 0x10000...0x10FFFD, 0...0x20,
        ]
        while true {
            let range = ranges[Int.random(in: 0..<ranges.count, using: &generator)]
            let value = UInt32.random(in: range, using: &generator)
            let isNoncharacter = (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
            if let scalar = Unicode.Scalar(value), !isNoncharacter { return scalar }
        }
    }

    static func number(using generator: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return Double(Int64.random(in: -1_000_000...1_000_000, using: &generator))
        case 1: return Double(Int.random(in: -99999...99999, using: &generator)) / 100
        default:
            while true {
                let value = Double(bitPattern: generator.next())
                if value.isFinite { return value }
            }
        }
    }

    static func value(using generator: inout SplitMix64, depth: Int) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2, 3: return .number(number(using: &generator))
        case 4: return .string(string(using: &generator, maxLength: 12))
        case 5:
            let count = Int.random(in: 0...5, using: &generator)
            return .array((0..<count).map { _ in value(using: &generator, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                object[string(using: &generator, maxLength: 5)] = value(
                    using: &generator, depth: depth + 1)
            }
            return .object(object)
        }
    }
}

@Suite("Round trips")
struct RoundTripTests {
    @Test func randomValuesSurviveCanonicalizeAndParse() throws {
        var generator = SplitMix64(seed: 20_240_601)
        for _ in 0..<2_000 {
            let value = RandomJSON.value(using: &generator, depth: 0)
            let canonical = try JSONCanonicalizer.canonicalBytes(value)
            let parsed = try JSONParser.parse(canonical)
            #expect(parsed == value, "\(value)")
            #expect(try JSONCanonicalizer.canonicalBytes(parsed) == canonical)
        }
    }

    @Test func randomDoublesRoundTripThroughTheirSerialization() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let value = RandomJSON.number(using: &generator)
            let text = try JSONCanonicalizer.serializeNumber(value)
            let parsed = try #require(try JSONParser.parse(text).numberValue)
            #expect(parsed == value, "\(value) → \(text) → \(parsed)")
            // Shortest: one digit fewer never round-trips (checked via Swift's own shortest form).
            #expect(Double(text) == value)
        }
    }

    @Test func whitespaceAndEscapesAreNormalised() throws {
        let loose = "\r\n{ \"b\" : [ 1.0 , 2E1 , -0 ] ,\t\"a\" : \"\\u0041\\/\\u00e9\" }\n"
        let canonical = try JSONCanonicalizer.canonicalString(try JSONParser.parse(loose))
        #expect(canonical == #"{"a":"A/é","b":[1,20,0]}"#)
    }
}
