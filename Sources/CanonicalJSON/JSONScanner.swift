/// The recursive-descent engine behind `JSONParser`, working on UTF-8 bytes.
struct JSONScanner {
    let input: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var position = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []

    init(input: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.input = input
        self.limits = limits
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        guard input.count <= limits.maxInputBytes else {
            throw error(
                "input is \(input.count) bytes, more than the limit of \(limits.maxInputBytes)",
                at: 0)
        }
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw error("byte order mark (U+FEFF) is not allowed", at: 0)
        }
        guard !input.isEmpty else { throw error("empty input", at: 0) }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == input.count else {
            throw error(
                "unexpected \(describeByte(at: position)) after the JSON value", at: position)
        }
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < input.count else {
            throw error("unexpected end of input, expected a value", at: position)
        }
        switch input[position] {
        case ASCII.openBrace: return try parseObject(depth: depth)
        case ASCII.openBracket: return try parseArray(depth: depth)
        case ASCII.quote: return .string(try parseString())
        case 0x74: return try parseLiteral("true", .bool(true))
        case 0x66: return try parseLiteral("false", .bool(false))
        case 0x6E: return try parseLiteral("null", .null)
        case ASCII.minus, ASCII.zero...ASCII.nine: return try parseNumber()
        default:
            throw error("unexpected \(describeByte(at: position)), expected a value", at: position)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        try enterContainer(depth: depth)
        var members: [JSONObject.Element] = []
        members.reserveCapacity(8)
        skipWhitespace()
        if position < input.count, input[position] == ASCII.closeBrace {
            position += 1
            return .object(JSONObject())
        }
        var keyIndex: Set<UTF8Key>?
        while true {
            let key = try parseMemberKey(after: members, index: &keyIndex)
            skipWhitespace()
            try expect(ASCII.colon, "':' after object key")
            let value = try parseValue(depth: depth + 1)
            members.append((key: key, value: value))
            skipWhitespace()
            if try endOfList(closer: ASCII.closeBrace, what: "object member") {
                return .object(JSONObject(uncheckedMembers: members))
            }
        }
    }

    private mutating func parseMemberKey(
        after members: [JSONObject.Element], index: inout Set<UTF8Key>?
    ) throws(JSONParseError) -> String {
        skipWhitespace()
        guard position < input.count, input[position] == ASCII.quote else {
            if position < input.count, input[position] == ASCII.closeBrace {
                throw error("trailing comma before '}'", at: position)
            }
            throw error("expected a string key, found \(describeByte(at: position))", at: position)
        }
        let keyStart = position
        let key = try parseString()
        if Self.isDuplicate(key, in: members, index: &index) {
            throw error("duplicate key \(Self.quoted(key))", at: keyStart)
        }
        return key
    }

    /// Whether `key` repeats a member: scans while there are few members, hashes after that.
    private static func isDuplicate(
        _ key: String, in members: [JSONObject.Element], index: inout Set<UTF8Key>?
    ) -> Bool {
        if index == nil, members.count >= UTF8Key.linearScanLimit {
            index = Set(members.map { UTF8Key($0.key) })
        }
        if index != nil {
            return !(index?.insert(UTF8Key(key)).inserted ?? true)
        }
        return members.contains { UTF8Key.bytesEqual($0.key, key) }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        try enterContainer(depth: depth)
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < input.count, input[position] == ASCII.closeBracket {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if position < input.count, input[position] == ASCII.closeBracket {
                throw error("trailing comma before ']'", at: position)
            }
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if try endOfList(closer: ASCII.closeBracket, what: "array element") {
                return .array(elements)
            }
        }
    }

    /// Checks the depth limit and steps over the opening bracket or brace.
    private mutating func enterContainer(depth: Int) throws(JSONParseError) {
        guard depth < limits.maxDepth else {
            throw error("nesting deeper than \(limits.maxDepth) levels", at: position)
        }
        position += 1
    }

    /// After a member or element: true at the closer (consumed), false after a comma.
    private mutating func endOfList(closer: UInt8, what: String) throws(JSONParseError) -> Bool {
        guard position < input.count else {
            throw error("unexpected end of input after \(what)", at: position)
        }
        switch input[position] {
        case ASCII.comma:
            position += 1
            return false
        case closer:
            position += 1
            return true
        default:
            let expected = closer == ASCII.closeBrace ? "'}'" : "']'"
            throw error(
                "expected ',' or \(expected) after \(what), found \(describeByte(at: position))",
                at: position)
        }
    }

    private mutating func parseLiteral(
        _ word: StaticString, _ value: JSONValue
    ) throws(JSONParseError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            input.count - position >= count
                && expected.indices.allSatisfy { input[position + $0] == expected[$0] }
        }
        guard matches else {
            throw error("invalid literal, expected '\(word)'", at: position)
        }
        position += count
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        guard position < input.count, input[position] == byte else {
            throw error("expected \(what), found \(describeByte(at: position))", at: position)
        }
        position += 1
    }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case ASCII.space, ASCII.lineFeed, ASCII.carriageReturn, ASCII.tab:
                position += 1
            default:
                return
            }
        }
    }
}
