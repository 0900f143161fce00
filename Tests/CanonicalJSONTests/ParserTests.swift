import CanonicalJSON
import Testing

/// The parse error for `text`, or nil if it parsed.
private func parseError(_ text: String) -> JSONParseError? {
    parseError(Array(text.utf8))
}

private func parseError(_ bytes: [UInt8], limits: JSONParser.Limits = .default) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite("JSONParser refusals")
struct ParserRefusalTests {
    @Test func duplicateKeyIsRefusedWithPosition() throws {
        let error = try #require(
            parseError("{\n  \"amount\": \"1.00\",\n  \"memo\": \"x\",\n  \"amount\": \"2.00\"\n}"))
        #expect(error.reason == "duplicate key \"amount\"")
        #expect(error.line == 4)
        #expect(error.column == 3)
        #expect(error.description == "line 4, column 3: duplicate key \"amount\"")
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"a":1,"\u0061":2}"#,
        #"{"x":{"b":true,"c":null,"b":false}}"#,
        #"[{"é":1,"\u00e9":2}]"#,
        #"{"😂":1,"\ud83d\ude02":2}"#,
    ])
    func duplicateKeysAreRefused(text: String) throws {
        let error = try #require(parseError(text), "accepted \(text)")
        #expect(error.reason.hasPrefix("duplicate key"))
    }

    @Test func duplicateKeyInLargeObjectIsRefused() throws {
        // Past the linear-scan limit the parser switches to hashing; both must catch repeats.
        var members = (0..<40).map { "\"k\($0)\":\($0)" }
        members.append("\"k7\":99")
        let error = try #require(parseError("{" + members.joined(separator: ",") + "}"))
        #expect(error.reason == "duplicate key \"k7\"")
        let unique = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(parseError("{" + unique + "}") == nil)
    }

    @Test func canonicallyEquivalentKeysAreDistinct() throws {
        // "Å" (U+00C5) and "A" + U+030A are different JSON names even though Swift's == says equal.
        let value = try JSONParser.parse(#"{"\u00c5":1,"A\u030a":2}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 2)
        #expect(object["\u{C5}"]?.integerValue == 1)
        #expect(object["A\u{30A}"]?.integerValue == 2)
    }

    @Test(arguments: [
        (#""\ud800""#, "lone high surrogate"),
        (#""\uDBFF\u0041""#, "lone high surrogate"),
        (#""\ud83dx""#, "lone high surrogate"),
        (#""\ud83d\ud83d""#, "lone high surrogate"),
        (#""\udc00""#, "lone low surrogate"),
        (#""a\ude02\ud83d""#, "lone low surrogate"),
        (#"{"\ud800":1}"#, "lone high surrogate"),
    ])
    func escapedLoneSurrogatesAreRefused(text: String, reason: String) throws {
        let error = try #require(parseError(text), "accepted \(text)")
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test(arguments: [
        [0x22, 0xED, 0xA0, 0x80, 0x22] as [UInt8],  // U+D800 encoded as UTF-8 (CESU/WTF-8)
        [0x22, 0xED, 0xBF, 0xBF, 0x22],  // U+DFFF
        [0x22, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x82, 0x22],  // surrogate pair as CESU-8
    ])
    func rawEncodedSurrogatesAreRefused(bytes: [UInt8]) throws {
        let error = try #require(parseError(bytes))
        #expect(error.reason.contains("surrogate"), "\(error)")
        #expect(error.offset == 1)
    }

    @Test(arguments: [
        [0x22, 0xC0, 0x80, 0x22] as [UInt8],  // overlong NUL
        [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong '/'
        [0x22, 0xFF, 0x22],
        [0x22, 0x80, 0x22],  // stray continuation byte
        [0x22, 0xE2, 0x82, 0x22],  // truncated €
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // beyond U+10FFFF
        [0x22, 0xEF, 0xBF, 0xBE, 0x22],  // noncharacter U+FFFE
        [0x22, 0xF0, 0x9F, 0xBF, 0xBF, 0x22],  // noncharacter U+1FFFF
        [0x22, 0xEF, 0xB7, 0x90, 0x22],  // noncharacter U+FDD0
    ])
    func invalidUTF8AndNoncharactersAreRefused(bytes: [UInt8]) throws {
        let error = try #require(parseError(bytes), "accepted \(bytes)")
        #expect(error.offset == 1, "\(error)")
    }

    @Test(arguments: [#""\uFFFF""#, #""\ufdef""#, #""\udbff\udfff""#])
    func escapedNoncharactersAreRefused(text: String) throws {
        let error = try #require(parseError(text))
        #expect(error.reason.contains("noncharacter"), "\(error)")
    }

    @Test(arguments: [
        ("{} x", 3), ("1 2", 2), ("[1]]", 3), (#""a"b"#, 3), ("{}\u{0}", 2), ("true false", 5),
        ("nullx", 4), ("0 ", -1), ("{\"a\":1}\n\n}", 9),
    ])
    func trailingGarbageIsRefused(text: String, offset: Int) throws {
        if offset < 0 {
            #expect(parseError(text) == nil, "trailing whitespace is fine")
            return
        }
        let error = try #require(parseError(text), "accepted \(text)")
        #expect(error.offset == offset, "\(error)")
        #expect(error.reason.contains("after the JSON value"), "\(error)")
    }

    @Test func deepNestingIsRefused() throws {
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parseError(allowed) == nil)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(parseError(tooDeep))
        #expect(error.reason == "nesting deeper than 64 levels")
        #expect(error.offset == 64)
        let objects =
            String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(parseError(objects)?.reason == "nesting deeper than 64 levels")
        // A hostile depth fails fast instead of overflowing the stack.
        let hostile = [UInt8](repeating: 0x5B, count: 1_000_000)
        #expect(parseError(hostile)?.reason == "nesting deeper than 64 levels")
        let strict = JSONParser.Limits(maxDepth: 2)
        #expect(parseError(Array("[[1]]".utf8), limits: strict) == nil)
        #expect(parseError(Array("[[[1]]]".utf8), limits: strict) != nil)
    }

    @Test func oversizedInputIsRefused() throws {
        let limits = JSONParser.Limits(maxInputBytes: 10)
        #expect(parseError(Array("[1,2,3,4]".utf8), limits: limits) == nil)
        let error = try #require(parseError(Array("[1,2,3,4,5]".utf8), limits: limits))
        #expect(error.reason.contains("11 bytes"), "\(error)")
    }

    @Test(arguments: [
        "NaN", "Infinity", "-Infinity", "[NaN]", "01", "-01", "1.", ".5", "+1", "1e", "1e+", "-",
        "0x10", "1.5e", "--1", "1e400", "-1e400", "[1,]", "{\"a\":1,}", "[,1]", "{,}", "{'a':1}",
        "{\"a\" 1}", "{\"a\":}", "{a:1}", "[1 2]", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"",
        "\"a\u{1}b\"", "\"tab\there\"", "\"line\nbreak\"", "\"unterminated", "[1", "{\"a\":1",
        "", "   ", "// comment\n1", "/* c */ 1", "tru", "nul", "True", "[\"a\" \"b\"]", "\u{FEFF}1",
    ])
    func malformedInputsAreRefused(text: String) {
        #expect(parseError(text) != nil, "accepted \(text.debugDescription)")
    }

    @Test(arguments: [
        ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "invalid literal, expected 'true'"),
        ("[1,\n 2,\n 3,]", 3, 4, "trailing comma before ']'"),
        ("{\"é\": 01}", 1, 7, "leading zeros are not allowed in numbers"),
        ("\n\n   {\"amount\" \"5\"}", 3, 14, "expected ':' after object key, found '\"'"),
        ("{\"a\":\"x\ny\"}", 1, 8, "control character U+000A must be escaped in a string"),
        ("[1,\n\"€€\\q\"]", 2, 4, "invalid escape, '\\' followed by 'q'"),
        ("[1, 1e999]", 1, 5, "number 1e999 is out of range for an I-JSON number (IEEE-754 double)"),
        ("", 1, 1, "empty input"),
        ("[\"abc", 1, 2, "unterminated string"),
    ])
    func errorPositions(text: String, line: Int, column: Int, reason: String) throws {
        let error = try #require(parseError(text), "accepted \(text.debugDescription)")
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.reason == reason)
    }
}

@Suite("JSONParser acceptance")
struct ParserAcceptanceTests {
    @Test func parsesAllKinds() throws {
        let value = try JSONParser.parse(
            #" {"n": null, "t": true, "f": false, "i": -42, "d": 2.5e-3, "#
                + #""s": "a\"\\\/\b\f\n\r\t\u0000\u00e9\ud83d\ude02", "a": [], "o": {}}"#
                + "\r\n\t")
        let object = try #require(value.objectValue)
        #expect(object.keys == ["n", "t", "f", "i", "d", "s", "a", "o"])
        #expect(object["n"] == .null)
        #expect(object["t"]?.boolValue == true)
        #expect(object["f"]?.boolValue == false)
        #expect(object["i"]?.integerValue == -42)
        #expect(object["d"]?.numberValue == 0.0025)
        #expect(object["s"]?.stringValue == "a\"\\/\u{8}\u{C}\n\r\t\u{0}é😂")
        #expect(object["a"]?.arrayValue == [])
        #expect(object["o"]?.objectValue == JSONObject())
        #expect(object["missing"] == nil)
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("1E2", 100.0), ("1e-2", 0.01), ("1.25E+3", 1250.0),
        ("123456789012345678901234567890", 1.2345678901234568e29), ("1e-400", 0.0),
        ("0.1", 0.1), ("9007199254740993", 9007199254740992.0),
        ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
        ("0.000000000000000000000000000000000000000001", 1e-42), ("-0.0e0", -0.0),
        ("17976931348623157e292", 1.7976931348623157e308),
    ])
    func numbersRoundToNearestDouble(text: String, expected: Double) throws {
        let value = try #require(try JSONParser.parse(text).numberValue)
        #expect(value.bitPattern == expected.bitPattern, "\(text) → \(value)")
    }

    @Test func rawAndUnusualCharactersAreKept() throws {
        // U+2028, U+007F, "/" and unnormalized combining sequences pass through unchanged.
        let text = "[\"\u{2028}\u{7F}/A\u{30A}\u{10FFFD}\"]"
        let value = try JSONParser.parse(text)
        #expect(value == .array([.string("\u{2028}\u{7F}/A\u{30A}\u{10FFFD}")]))
        #expect(value != .array([.string("\u{2028}\u{7F}/\u{C5}\u{10FFFD}")]))
        #expect(try JSONCanonicalizer.canonicalString(value) == text)
    }

    @Test func rawBufferAndStringOverloadsAgree() throws {
        let text = #"{"b":[1,2,{"c":"d"}],"a":"\u00e9"}"#
        let bytes = Array(text.utf8)
        let fromBytes = try JSONParser.parse(bytes)
        let fromString = try JSONParser.parse(text)
        let fromRaw = try bytes.withUnsafeBytes { (raw) throws(JSONParseError) -> JSONValue in
            try JSONParser.parse(raw)
        }
        #expect(fromBytes == fromString)
        #expect(fromBytes == fromRaw)
        #expect(try JSONCanonicalizer.canonicalString(fromRaw) == #"{"a":"é","b":[1,2,{"c":"d"}]}"#)
    }
}
