/// Text from outside (memos, names, bank lines, file names) made safe to print on a terminal.
///
/// Control characters are shown as `\u001b`-style escapes instead of being sent: C0 controls
/// (escape sequences start with ESC), DEL, C1 controls (U+0080–U+009F, which some terminals
/// also obey) and the bidirectional overrides and isolates that reorder what is shown. Line
/// feeds, tabs and a carriage return just before a line feed (CSV line ends) stay as they are.
/// The escape is also valid inside a JSON string, so printed JSON keeps its meaning.
public enum TerminalText {
    /// `text` with every unsafe character escaped; returned as it is when it has none.
    public static func inert(_ text: String) -> String {
        guard text.utf8.contains(where: mayStartUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        return escaping(scalars) { isUnsafe(scalars, at: $0) } ?? text
    }

    /// `text` for one cell of a table: like ``inert(_:)``, and line feeds, tabs and carriage
    /// returns escaped too, so that a cell stays on its line.
    public static func inertCell(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        return escaping(scalars) { isUnsafe(scalars, at: $0) || [0x0A, 0x09, 0x0D].contains(scalars[$0].value) } ?? text
    }

    /// `scalars` with those at the indices `unsafe` picks escaped; nil when it picks none.
    static func escaping(_ scalars: [Unicode.Scalar], where unsafe: (Int) -> Bool) -> String? {
        guard scalars.indices.contains(where: unsafe) else { return nil }
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            if unsafe(index) {
                result.append(contentsOf: escape(scalars[index]).unicodeScalars)
            } else {
                result.append(scalars[index])
            }
        }
        return String(result)
    }

    /// A quick filter on UTF-8 bytes: controls, DEL, and the lead bytes of C1 (C2) and of the
    /// bidirectional controls (E2).
    static func mayStartUnsafe(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    /// Whether the scalar at `index` must not reach a terminal as it is.
    static func isUnsafe(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let value = scalars[index].value
        switch value {
        case 0x0A, 0x09: return false
        case 0x0D: return index + 1 >= scalars.count || scalars[index + 1] != "\n"
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `\u001b`: four lowercase hex digits (the one notation vtf prints escapes in).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
