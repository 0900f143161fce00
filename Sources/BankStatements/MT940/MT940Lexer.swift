/// One MT940 field: its tag (`61`, `60F`, …), the text after the tag on its first line, the
/// lines that continue it, and the line it starts on.
struct MT940Field {
    var tag: String
    var value: String
    var continuation: [String] = []
    var line: Int
}

/// What the lexer hands on: a complete field, or the end of a message.
enum MT940Event {
    case field(MT940Field)
    case endOfMessage
}

/// Cuts MT940 lines into fields, one line at a time, holding only the field being read. Bank
/// preamble lines before a `:20:`, SWIFT `{1:}{2:}{4:` headers, `-}`/`-` trailers and `{5:`
/// blocks are dropped; blank lines are ignored. A lone `-` inside a `:86:` field before the
/// message's closing balance is text of the field (banks write one as a separator), not the end
/// of the message.
struct MT940Lexer {
    let fileName: String
    private var current: MT940Field?
    private var currentBytes = 0
    private var inMessage = false
    /// Whether the message being read has given its closing balance (`:62F:`/`:62M:`).
    private var sawClosing = false
    /// Whether any message was seen.
    private(set) var sawMessage = false

    init(fileName: String) { self.fileName = fileName }

    /// Takes one line; returns the events it completes, in order.
    mutating func take(line raw: String, number: Int) throws(StatementError) -> [MT940Event] {
        let line = Self.withoutHeaders(raw)
        let trimmed = line.trimmingSpaces
        if Self.isTrailer(trimmed), !isTextOfInformation(trimmed) { return closeMessage() }
        if let (tag, value) = Self.tag(of: line) {
            let events = tag == "20" ? closeMessage() : flush()
            if tag == "20" { inMessage = true; sawMessage = true; sawClosing = false }
            if tag.hasPrefix("62") { sawClosing = true }
            if inMessage {
                current = MT940Field(tag: tag, value: value, line: number)
                currentBytes = value.utf8.count
            }
            return events
        }
        if !trimmed.isEmpty, current != nil, !trimmed.hasPrefix("{") {
            currentBytes += line.utf8.count
            guard currentBytes <= StatementLimits.maxFieldBytes else {
                throw .at(fileName, line: number, statement: nil,
                          "a field longer than \(StatementLimits.maxFieldBytes) bytes; this is no bank statement")
            }
            current?.continuation.append(line)
        }
        return []
    }

    /// Whether the trailer-like line `trimmed` continues the `:86:` field being read: the message
    /// has no closing balance yet, so it cannot end here.
    private func isTextOfInformation(_ trimmed: String) -> Bool {
        inMessage && !sawClosing && current?.tag == "86" && !trimmed.hasPrefix("-}")
    }

    /// The events at the end of the file.
    mutating func finish() -> [MT940Event] { closeMessage() }

    private mutating func flush() -> [MT940Event] {
        defer { current = nil }
        return current.map { [.field($0)] } ?? []
    }

    private mutating func closeMessage() -> [MT940Event] {
        guard inMessage else { return [] }
        inMessage = false
        return flush() + [.endOfMessage]
    }

    /// `raw` without a leading `{1:…}{2:…}{4:` header (what follows `{4:` stays).
    static func withoutHeaders(_ raw: String) -> String {
        guard raw.hasPrefix("{"), let range = raw.range(of: "{4:") else { return raw }
        return String(raw[range.upperBound...])
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
