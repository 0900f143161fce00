/// Lowercase hexadecimal, as vtf writes key ids and digests.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Encodes `bytes` as lowercase hex, two characters per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        append(bytes, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `bytes` to `text` as lowercase hex (UTF-8), two characters per byte, for writers
    /// that build bytes rather than strings.
    public static func append(_ bytes: [UInt8], to text: inout [UInt8]) {
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
    }

    /// Decodes hex (upper- or lowercase); nil for an odd length or any non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(characters[index]), let low = value(characters[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Base64 with the standard alphabet and padding (RFC 4648 §4), as signed notes and PEM use it.
public enum Base64 {
    private static let alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// Encodes `bytes` as padded standard base64 with no line breaks.
    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
                | UInt32(bytes[index + 2])
            appendQuantum(group, characters: 4, to: &text)
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            appendQuantum(UInt32(bytes[index]) << 16, characters: 2, to: &text)
            text.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "=")])
        } else if remaining == 2 {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            appendQuantum(group, characters: 3, to: &text)
            text.append(UInt8(ascii: "="))
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func appendQuantum(_ group: UInt32, characters: Int, to text: inout [UInt8]) {
        for position in 0..<characters {
            let shift = UInt32(18 - 6 * position)
            text.append(alphabet[Int((group >> shift) & 0x3f)])
        }
    }

    /// Decodes strict base64: standard alphabet, length a multiple of 4, correct `=` padding,
    /// zero pad bits, no whitespace. Returns nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(characters: $0) }
    }

    private static func decode(characters: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard characters.count % 4 == 0 else { return nil }
        let equals = UInt8(ascii: "=")
        var padding = 0
        if characters.count >= 4, characters[characters.count - 1] == equals {
            padding = characters[characters.count - 2] == equals ? 2 : 1
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 4 * 3)
        var group: UInt32 = 0
        for index in 0..<(characters.count - padding) {
            let value = reverse[Int(characters[index])]
            guard value != 0xff else { return nil }
            group = group << 6 | UInt32(value)
            if index % 4 == 3 {
                bytes.append(UInt8(truncatingIfNeeded: group >> 16))
                bytes.append(UInt8(truncatingIfNeeded: group >> 8))
                bytes.append(UInt8(truncatingIfNeeded: group))
                group = 0
            }
        }
        return finishPadded(group: group, padding: padding, into: &bytes) ? bytes : nil
    }

    /// Appends the bytes of a padded final quantum; false if its dropped bits are not zero.
    private static func finishPadded(group: UInt32, padding: Int, into bytes: inout [UInt8])
        -> Bool
    {
        switch padding {
        case 1:  // 18 data bits: 2 bytes and 2 zero bits
            guard group & 0x3 == 0 else { return false }
            bytes.append(UInt8(truncatingIfNeeded: group >> 10))
            bytes.append(UInt8(truncatingIfNeeded: group >> 2))
        case 2:  // 12 data bits: 1 byte and 4 zero bits
            guard group & 0xf == 0 else { return false }
            bytes.append(UInt8(truncatingIfNeeded: group >> 4))
        default:
            precondition(padding == 0, "base64 padding is at most two characters")
        }
        return true
    }
}
