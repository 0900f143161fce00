extension JSONScanner {
    /// An error at byte `offset`, with its line and column worked out from the input.
    func error(_ reason: String, at offset: Int) -> JSONParseError {
        let end = min(max(offset, 0), input.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where input[index] == ASCII.lineFeed {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<end where input[index] & 0xC0 != 0x80 {
            column += 1
        }
        return JSONParseError(offset: offset, line: line, column: column, reason: reason)
    }

    /// `'x'` for printable ASCII, `byte 0xNN` otherwise, `end of input` past the end.
    func describeByte(at offset: Int) -> String {
        guard offset < input.count else { return "end of input" }
        let byte = input[offset]
        if byte >= 0x21, byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    /// A key as JSON text for messages, shortened if long.
    static func quoted(_ key: String) -> String {
        let shown =
            key.unicodeScalars.count > 64 ? String(key.unicodeScalars.prefix(61)) + "..." : key
        return (try? JSONCanonicalizer.canonicalString(.string(shown))) ?? "\"?\""
    }
}
