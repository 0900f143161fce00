extension JSONScanner {
    /// Parses a string starting at its opening quote. Strings without escapes are made straight
    /// from the input bytes.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = position
        position += 1
        let start = position
        while position < input.count {
            let byte = input[position]
            if byte == ASCII.quote {
                let text = Self.makeString(input.extracting(start..<position))
                position += 1
                return text
            }
            if byte == ASCII.backslash {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: input.extracting(start..<position))
                return try parseEscapedRest(open: open)
            }
            try stepOverCharacter(byte)
        }
        throw error("unterminated string", at: open)
    }

    /// Continues a string after its first escape, collecting bytes in `scratch`.
    private mutating func parseEscapedRest(open: Int) throws(JSONParseError) -> String {
        var runStart = position
        while position < input.count {
            let byte = input[position]
            if byte == ASCII.quote || byte == ASCII.backslash {
                scratch.append(contentsOf: input.extracting(runStart..<position))
                if byte == ASCII.quote {
                    position += 1
                    return scratch.withUnsafeBufferPointer { Self.makeString($0) }
                }
                try parseEscape()
                runStart = position
                continue
            }
            try stepOverCharacter(byte)
        }
        throw error("unterminated string", at: open)
    }

    /// Steps over one unescaped character, validating it.
    @inline(__always)
    private mutating func stepOverCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte >= 0x80 {
            try stepOverUTF8Sequence(lead: byte)
        } else if byte < 0x20 {
            throw error(
                "control character \(UnicodeRules.name(UInt32(byte))) must be escaped in a string",
                at: position)
        } else {
            position += 1
        }
    }

    private static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Parses one backslash escape and appends its UTF-8 to `scratch`.
    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = position
        guard position + 1 < input.count else {
            throw error("unterminated escape sequence", at: escapeStart)
        }
        let letter = input[position + 1]
        position += 2
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash: scratch.append(letter)
        case 0x62: scratch.append(0x08)  // b
        case 0x66: scratch.append(0x0C)  // f
        case 0x6E: scratch.append(ASCII.lineFeed)  // n
        case 0x72: scratch.append(ASCII.carriageReturn)  // r
        case 0x74: scratch.append(ASCII.tab)  // t
        case ASCII.lowerU: try parseUnicodeEscape(escapeStart: escapeStart)
        default:
            throw error(
                "invalid escape, '\\' followed by \(describeByte(at: escapeStart + 1))",
                at: escapeStart)
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE02`; refuses lone surrogates and noncharacters.
    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONParseError) {
        let first = try readHex4(escapeStart: escapeStart)
        var scalar = first
        switch first {
        case 0xD800...0xDBFF:
            let low = try readLowSurrogate(high: first, escapeStart: escapeStart)
            scalar = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw error("lone low surrogate \\u\(hex4(first)) is not allowed", at: escapeStart)
        default:
            break
        }
        if UnicodeRules.isNoncharacter(scalar) {
            throw error(
                "noncharacter \(UnicodeRules.name(scalar)) is not allowed in I-JSON",
                at: escapeStart)
        }
        appendUTF8(scalar)
    }

    private mutating func readLowSurrogate(
        high: UInt32, escapeStart: Int
    ) throws(JSONParseError) -> UInt32 {
        let pairStart = position
        let followedByEscape =
            position + 1 < input.count && input[position] == ASCII.backslash
            && input[position + 1] == ASCII.lowerU
        if followedByEscape {
            position += 2
            let low = try readHex4(escapeStart: pairStart)
            if (0xDC00...0xDFFF).contains(low) { return low }
        }
        throw error(
            "lone high surrogate \\u\(hex4(high)) (not followed by a low surrogate) is not allowed",
            at: escapeStart)
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard input.count - position >= 4 else {
            throw error("\\u escape needs four hex digits", at: escapeStart)
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let nibble = Self.hexValue(input[position + offset]) else {
                throw error("\\u escape needs four hex digits", at: escapeStart)
            }
            value = value << 4 | nibble
        }
        position += 4
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: UInt32(byte - ASCII.zero)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
