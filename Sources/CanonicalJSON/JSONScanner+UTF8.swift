extension JSONScanner {
    /// Validates one multi-byte UTF-8 sequence at `position` (lead byte >= 0x80) and steps over
    /// it. Refuses overlong forms, encoded surrogates (CESU-8 / WTF-8), values past U+10FFFF,
    /// truncated sequences and noncharacters.
    mutating func stepOverUTF8Sequence(lead: UInt8) throws(JSONParseError) {
        let start = position
        guard let shape = Self.sequenceShape(lead: lead) else {
            throw error(
                "invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))", at: start)
        }
        guard input.count - start >= shape.length else {
            throw error("truncated UTF-8 sequence", at: start)
        }
        let second = input[start + 1]
        guard shape.secondRange.contains(second) else {
            if lead == 0xED, second >= 0xA0, second <= 0xBF {
                throw error("UTF-8 encoded surrogate (lone surrogates are not allowed)", at: start)
            }
            throw error("invalid UTF-8 sequence", at: start)
        }
        var scalar = UInt32(lead & shape.leadMask) << 6 | UInt32(second & 0x3F)
        for offset in 2..<shape.length {
            let byte = input[start + offset]
            guard byte & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence", at: start) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if lead >= 0xEF, UnicodeRules.isNoncharacter(scalar) {
            throw error(
                "noncharacter \(UnicodeRules.name(scalar)) is not allowed in I-JSON", at: start)
        }
        position = start + shape.length
    }

    private struct SequenceShape {
        let length: Int
        let leadMask: UInt8
        let secondRange: ClosedRange<UInt8>
    }

    /// Table 3-7 of the Unicode standard: well-formed UTF-8 byte sequences.
    private static func sequenceShape(lead: UInt8) -> SequenceShape? {
        switch lead {
        case 0xC2...0xDF: SequenceShape(length: 2, leadMask: 0x1F, secondRange: 0x80...0xBF)
        case 0xE0: SequenceShape(length: 3, leadMask: 0x0F, secondRange: 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF:
            SequenceShape(length: 3, leadMask: 0x0F, secondRange: 0x80...0xBF)
        case 0xED: SequenceShape(length: 3, leadMask: 0x0F, secondRange: 0x80...0x9F)
        case 0xF0: SequenceShape(length: 4, leadMask: 0x07, secondRange: 0x90...0xBF)
        case 0xF1...0xF3: SequenceShape(length: 4, leadMask: 0x07, secondRange: 0x80...0xBF)
        case 0xF4: SequenceShape(length: 4, leadMask: 0x07, secondRange: 0x80...0x8F)
        default: nil
        }
    }
}
