/// One MT940 field: its tag (`61`, `60F`, …), the text after the tag on its first line, the
/// lines that continue it, and the line it starts on.
struct MT940Field {
    var tag: String
    var value: String
    var continuation: [String] = []
    var line: Int
}

/// One MT940 message (`:20:` up to its trailer or the next `:20:`).
struct MT940Message {
    var fields: [MT940Field] = []
    var startLine: Int
}

/// Cuts MT940 text into messages and fields. Bank preamble lines before a `:20:`, SWIFT
/// `{1:}{2:}{4:` headers, `-}`/`-` trailers and `{5:` blocks are dropped; blank lines are ignored.
struct MT940Lexer {
    private(set) var messages: [MT940Message] = []
    private var current: MT940Message?

    static func messages(in text: String) -> [MT940Message] {
        var lexer = MT940Lexer()
        for (number, raw) in TextDecoding.lines(text) {
            lexer.take(line: Self.withoutHeaders(raw), number: number)
        }
        lexer.closeMessage()
        return lexer.messages
    }

    /// `raw` without a leading `{1:…}{2:…}{4:` header (what follows `{4:` stays).
    static func withoutHeaders(_ raw: String) -> String {
        guard raw.hasPrefix("{"), let range = raw.range(of: "{4:") else { return raw }
        return String(raw[range.upperBound...])
    }

    private mutating func take(line: String, number: Int) {
        let trimmed = line.trimmingSpaces
        if Self.isTrailer(trimmed) {
            closeMessage()
        } else if let (tag, value) = Self.tag(of: line) {
            startField(tag: tag, value: value, number: number)
        } else if !trimmed.isEmpty, current != nil, !trimmed.hasPrefix("{") {
            appendContinuation(line)
        }
    }

    private mutating func startField(tag: String, value: String, number: Int) {
        if tag == "20" {
            closeMessage()
            current = MT940Message(startLine: number)
        }
        current?.fields.append(MT940Field(tag: tag, value: value, line: number))
    }

    private mutating func appendContinuation(_ line: String) {
        guard var message = current, !message.fields.isEmpty else { return }
        let last = message.fields.count - 1
        message.fields[last].continuation.append(line)
        current = message
    }

    private mutating func closeMessage() {
        if let current { messages.append(current) }
        current = nil
    }

    /// A message trailer: `-`, `-}`, or a short bank suffix such as `-XXX`.
    static func isTrailer(_ trimmed: String) -> Bool {
        guard trimmed.first == "-" else { return false }
        if trimmed == "-" || trimmed.hasPrefix("-}") { return true }
        let rest = trimmed.dropFirst()
        return rest.count <= 3 && rest.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// The tag and the rest of a line starting `:NN:` or `:NNa:`, else nil.
    static func tag(of line: String) -> (String, String)? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 4, bytes[0] == UInt8(ascii: ":"), isDigit(bytes[1]), isDigit(bytes[2]) else { return nil }
        var end = 3
        if end < bytes.count, isUpper(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ":") else { return nil }
        let tag = String(decoding: bytes[1..<end], as: UTF8.self)
        let value = String(decoding: bytes[(end + 1)...], as: UTF8.self)
        return (tag, value)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
}
