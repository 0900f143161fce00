import SafeIO

/// Text from a bank file made safe for a terminal: control characters (C0, DEL, C1, which
/// include ESC and CSI, the start of terminal escape sequences) and bidirectional overrides are
/// shown as `\u001b` (``TerminalText``'s notation), never sent raw; unlike printed text in
/// general, a line feed or tab inside a table cell is escaped too.
enum BankText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out += TerminalText.escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
