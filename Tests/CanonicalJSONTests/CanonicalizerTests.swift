import CanonicalJSON
import Testing

@Suite("JSONCanonicalizer")
struct CanonicalizerTests {
    @Test func escapesExactlyAsRFC8785Says() throws {
        var controls = ""
        for scalar in 0..<0x20 {
            controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar)))
        }
        let text = controls + "\"\\/\u{7F}\u{2028}\u{2029}é😂"
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c"#
            + #"\u001d\u001e\u001f\"\\/"# + "\u{7F}\u{2028}\u{2029}é😂\""
        #expect(try JSONCanonicalizer.canonicalString(.string(text)) == expected)
    }

    @Test func sortsByUTF16CodeUnitsNotScalarsOrStringOrder() throws {
        let keys = [
            "\u{FB33}", "😂", "\u{E000}", "\u{10000}", "a", "", "aa", "B", "\u{80}", "ö", "\u{D7FF}",
        ]
        let object = JSONObject(keys.map { ($0, JSONValue.null) })
        let canonical = try JSONCanonicalizer.canonicalString(.object(object))
        let expectedOrder = keys.sorted {
            Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16))
        }
        let expected = "{" + expectedOrder.map { "\"\($0)\":null" }.joined(separator: ",") + "}"
        #expect(canonical == expected)
        // Surrogates (U+10000, U+1F602) sort before U+E000 and U+FB33 in UTF-16.
        #expect(expectedOrder.suffix(4) == ["\u{10000}", "😂", "\u{E000}", "\u{FB33}"])
    }

    @Test func randomKeysSortLikeUTF16Arrays() throws {
        var generator = SplitMix64(seed: 8785)
        for _ in 0..<200 {
            var keys: [String] = []
            while keys.count < 12 {
                let key = RandomJSON.string(using: &generator, maxLength: 4)
                if !keys.contains(where: { Array($0.utf8) == Array(key.utf8) }) { keys.append(key) }
            }
            let object = JSONObject(keys.map { ($0, JSONValue.bool(true)) })
            let reparsed = try JSONParser.parse(
                try JSONCanonicalizer.canonicalBytes(.object(object)))
            let order = try #require(reparsed.objectValue).keys.map { Array($0.utf16) }
            let expected = keys.map { Array($0.utf16) }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(order == expected)
        }
    }

    @Test func sortsRecursivelyAndKeepsArrayOrder() throws {
        let value = try JSONParser.parse(#"{"z":[3,1,{"y":1,"x":2}],"a":{"c":true,"b":false}}"#)
        #expect(
            try JSONCanonicalizer.canonicalString(value)
                == #"{"a":{"b":false,"c":true},"z":[3,1,{"x":2,"y":1}]}"#)
    }

    @Test func writeAppendsAndLeavesBufferIntactOnError() throws {
        var buffer: [UInt8] = Array("prefix:".utf8)
        try JSONCanonicalizer.write(.array([.integer(1), .string("x")]), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix:[1,\"x\"]")
        let bad = JSONValue.object(["a": .array([.number(2), .number(.nan)])])
        #expect(throws: JSONCanonicalizationError.self) {
            try JSONCanonicalizer.write(bad, into: &buffer)
        }
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix:[1,\"x\"]")
    }

    @Test(arguments: [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x10FFFF, 0x1FFFE] as [UInt32])
    func noncharactersAreRefusedLikeTheParserDoes(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let text = "a" + String(Character(scalar))
        #expect(throws: JSONCanonicalizationError.self) {
            try JSONCanonicalizer.canonicalBytes(.string(text))
        }
        #expect(throws: JSONCanonicalizationError.self) {
            try JSONCanonicalizer.canonicalBytes(.object([text: .null]))
        }
        // Neighbours that are not noncharacters are fine.
        #expect(
            try JSONCanonicalizer.canonicalString(.string("\u{FFFD}\u{FDCF}\u{FDF0}\u{10FFFD}"))
                == "\"\u{FFFD}\u{FDCF}\u{FDF0}\u{10FFFD}\"")
    }

    @Test func literalsAndEmptyContainers() throws {
        let value = JSONValue.array([
            .null, .bool(true), .bool(false), .array([]), .object(JSONObject()), .string(""),
        ])
        #expect(try JSONCanonicalizer.canonicalString(value) == #"[null,true,false,[],{},""]"#)
        #expect(value.description == #"[null,true,false,[],{},""]"#)
    }
}

@Suite("JSONValue and JSONObject")
struct ValueTests {
    @Test func objectSubscriptAppendsReplacesAndRemoves() {
        var object = JSONObject()
        object["b"] = .integer(1)
        object["a"] = .string("x")
        object["b"] = .integer(2)
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .integer(2))
        object["b"] = nil
        #expect(object.keys == ["a"])
        object["missing"] = nil
        #expect(object.count == 1)
        #expect(object.members.map(\.key) == ["a"])
        #expect(Array(object).map(\.value) == [.string("x")])
    }

    @Test func equalityIsCanonicalEquality() {
        let first = JSONObject([("a", .integer(1)), ("b", .null)])
        let second = JSONObject([("b", .null), ("a", .integer(1))])
        #expect(first == second)
        #expect(first != JSONObject([("a", .integer(1))]))
        #expect(first != JSONObject([("a", .integer(2)), ("b", .null)]))
        #expect(JSONValue.number(0) == .number(-0.0))
        #expect(JSONValue.string("\u{C5}") != .string("A\u{30A}"))
        #expect(JSONValue.integer(1) != .string("1"))
        #expect(JSONValue.array([.null, .bool(true)]) != .array([.bool(true), .null]))
    }

    @Test func largeObjectEquality() {
        let members = (0..<100).map { ("k\($0)", JSONValue.integer(Int64($0))) }
        #expect(JSONObject(members) == JSONObject(members.reversed()))
        var changed = members
        changed[57].1 = .integer(-1)
        #expect(JSONObject(members) != JSONObject(changed))
    }

    @Test func integerValue() {
        #expect(JSONValue.number(42).integerValue == 42)
        #expect(JSONValue.number(-0.0).integerValue == 0)
        #expect(JSONValue.number(9_007_199_254_740_991).integerValue == 9_007_199_254_740_991)
        #expect(JSONValue.number(-9_007_199_254_740_991).integerValue == -9_007_199_254_740_991)
        #expect(JSONValue.number(9_007_199_254_740_992).integerValue == nil)
        #expect(JSONValue.number(1.5).integerValue == nil)
        #expect(JSONValue.number(.infinity).integerValue == nil)
        #expect(JSONValue.string("1").integerValue == nil)
        #expect(JSONValue.integer(-7) == .number(-7))
    }

    @Test func accessorsReturnNilForOtherKinds() {
        #expect(JSONValue.null.stringValue == nil)
        #expect(JSONValue.string("a").objectValue == nil)
        #expect(JSONValue.bool(true).arrayValue == nil)
        #expect(JSONValue.number(1).boolValue == nil)
        #expect(JSONValue.null.isNull)
    }
}
