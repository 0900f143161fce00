/// RFC 8785 JSON Canonicalization Scheme (JCS) encoder.
///
/// - No whitespace; literals `true`, `false`, `null`.
/// - Numbers in ECMAScript `Number::toString` form (`-0` → `0`); NaN and ±Infinity throw.
/// - Strings: `"`→`\"`, `\`→`\\`, U+0008/9/A/C/D → `\b \t \n \f \r`, other U+0000...U+001F →
///   `\u00xx` (lowercase hex); every other scalar (including `/`, U+007F, U+2028) as UTF-8.
///   Strings holding I-JSON noncharacters throw, because `JSONParser` would refuse the output.
/// - Object members sorted by their names as UTF-16 code unit arrays, recursively; array order
///   kept.
public enum JSONCanonicalizer {
    /// RFC 8785 canonical UTF-8 bytes. Throws for non-finite numbers (cannot come from the parser,
    /// but values can be built by hand) and for strings the parser would refuse.
    public static func canonicalBytes(
        _ value: JSONValue
    ) throws(JSONCanonicalizationError) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        try write(value, into: &buffer)
        return buffer
    }

    /// The canonical bytes as a string.
    public static func canonicalString(
        _ value: JSONValue
    ) throws(JSONCanonicalizationError) -> String {
        String(decoding: try canonicalBytes(value), as: UTF8.self)
    }

    /// Appends the canonical bytes to an existing buffer (hot path). On error the buffer is left
    /// as it was.
    public static func write(
        _ value: JSONValue, into buffer: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        let originalCount = buffer.count
        do {
            try CanonicalWriter.write(value, into: &buffer)
        } catch {
            buffer.removeSubrange(originalCount...)
            throw error
        }
    }

    /// ECMAScript Number::toString of a finite double (JCS number form).
    public static func serializeNumber(
        _ value: Double
    ) throws(JSONCanonicalizationError) -> String {
        var buffer: [UInt8] = []
        try CanonicalWriter.writeNumber(value, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// The recursive encoder behind `JSONCanonicalizer`.
enum CanonicalWriter {
    static func write(
        _ value: JSONValue, into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let number): try writeNumber(number, into: &out)
        case .string(let text): try writeString(text, into: &out)
        case .array(let elements): try writeArray(elements, into: &out)
        case .object(let object): try writeObject(object.members, into: &out)
        }
    }

    static func writeNumber(
        _ number: Double, into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        guard number.isFinite else {
            throw JSONCanonicalizationError(reason: "number is not finite (\(number))")
        }
        ES6Number.write(number, into: &out)
    }

    private static func writeArray(
        _ elements: [JSONValue], into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        out.append(ASCII.openBracket)
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(ASCII.comma) }
            try write(element, into: &out)
        }
        out.append(ASCII.closeBracket)
    }

    private static func writeObject(
        _ members: [JSONObject.Element], into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        out.append(ASCII.openBrace)
        if isSorted(members) {
            for index in members.indices {
                try writeMember(members[index], first: index == 0, into: &out)
            }
        } else {
            let order = members.indices.sorted { UTF16Order.less(members[$0].key, members[$1].key) }
            for (position, index) in order.enumerated() {
                try writeMember(members[index], first: position == 0, into: &out)
            }
        }
        out.append(ASCII.closeBrace)
    }

    /// Already in canonical order? (Typical when re-encoding parsed canonical JSON.)
    private static func isSorted(_ members: [JSONObject.Element]) -> Bool {
        var index = 1
        while index < members.count {
            guard UTF16Order.less(members[index - 1].key, members[index].key) else { return false }
            index += 1
        }
        return true
    }

    private static func writeMember(
        _ member: JSONObject.Element, first: Bool, into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        if !first { out.append(ASCII.comma) }
        try writeString(member.key, into: &out)
        out.append(ASCII.colon)
        try write(member.value, into: &out)
    }
}
