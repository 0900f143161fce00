extension CanonicalWriter {
    /// Writes a string with RFC 8785 escaping. Runs of bytes that need no escape are copied in
    /// one go.
    static func writeString(
        _ text: String, into out: inout [UInt8]
    ) throws(JSONCanonicalizationError) {
        let problem =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                writeEscaped(bytes, into: &out)
            } ?? Array(text.utf8).withUnsafeBufferPointer { writeEscaped($0, into: &out) }
        if let problem { throw problem }
    }

    private static func writeEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
    ) -> JSONCanonicalizationError? {
        out.append(ASCII.quote)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != ASCII.quote && byte != ASCII.backslash && byte < 0xEF {
                index += 1
                continue
            }
            if byte >= 0xEF {
                if let scalar = noncharacter(in: bytes, at: index) {
                    return JSONCanonicalizationError(
                        reason: "string contains noncharacter \(UnicodeRules.name(scalar)), "
                            + "which I-JSON forbids")
                }
                index += 1
                continue
            }
            out.append(contentsOf: bytes.extracting(runStart..<index))
            appendEscape(for: byte, into: &out)
            index += 1
            runStart = index
        }
        out.append(contentsOf: bytes.extracting(runStart..<index))
        out.append(ASCII.quote)
        return nil
    }

    private static func appendEscape(for byte: UInt8, into out: inout [UInt8]) {
        out.append(ASCII.backslash)
        switch byte {
        case ASCII.quote, ASCII.backslash: out.append(byte)
        case 0x08: out.append(0x62)  // b
        case ASCII.tab: out.append(0x74)  // t
        case ASCII.lineFeed: out.append(0x6E)  // n
        case 0x0C: out.append(0x66)  // f
        case ASCII.carriageReturn: out.append(0x72)  // r
        default:
            out.append(contentsOf: [ASCII.lowerU, ASCII.zero, ASCII.zero])
            out.append(ASCII.hexDigit(byte >> 4))
            out.append(ASCII.hexDigit(byte & 0x0F))
        }
    }

    /// The scalar at `index` (a lead byte 0xEF...0xF4 of valid UTF-8) if it is a noncharacter.
    private static func noncharacter(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32?
    {
        let lead = bytes[index]
        let length = lead == 0xEF ? 3 : 4
        guard lead <= 0xF4, bytes.count - index >= length else { return nil }
        var scalar = UInt32(lead & (length == 3 ? 0x0F : 0x07))
        for offset in 1..<length {
            scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return UnicodeRules.isNoncharacter(scalar) ? scalar : nil
    }
}
